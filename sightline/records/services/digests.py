"""Content digests: a re-import with equal content is recognised and changes nothing."""

import hashlib
import json
from typing import Any

# One encoder for every record: json.dumps with options would build a new one each call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_json(content: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is: equal content, equal text."""
    return _ENCODER.encode(content)


def content_digest(content: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def digest_of(*parts: str) -> str:
    """The digest of content already in canonical text, given in parts (for example a record's
    own fields, then the stored ids it refers to)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\x1f")
    return digest.hexdigest()
