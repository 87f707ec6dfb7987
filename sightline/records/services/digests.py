"""Content digests: a re-import with equal content is recognised and changes nothing."""

import hashlib
import json
from typing import Any


def content_digest(content: dict[str, Any]) -> str:
    encoded = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(encoded.encode()).hexdigest()
