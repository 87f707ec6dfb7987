"""Canonical encoding and hashing of the audit chain. Pure: no Django, no database.

Every column of an entry is encoded, in a fixed order, as canonical JSON (sorted keys, no
whitespace, UTF-8, datetimes as UTC ISO 8601 with microseconds). A link hash covers the previous
link hash, the chain position, the sealing time and the entry's encoding, so editing, deleting,
inserting or reordering any entry changes every hash after it.
"""

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

GENESIS = "0" * 64

ENTRY_COLUMNS = (
    "id",
    "uuid",
    "occurred_at",
    "actor_id",
    "agency_id",
    "action",
    "subject_app",
    "subject_model",
    "subject_id",
    "recorded_person_id",
    "payload",
)


def encode_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_ALREADY_PLAIN = frozenset({str, int, bool})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return encode_time(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, float):
        raise ValueError(
            "floats are not allowed in the audit chain: their encoding is not canonical"
        )
    return value


def _canonical(value: Any) -> Any:
    # Most values are already plain: answer them before the slower checks (sealing encodes
    # every entry of every import).
    kind = type(value)
    if value is None or kind in _ALREADY_PLAIN:
        return value
    if kind is UUID:
        return str(value)
    if kind is dict:
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return _plain(value)


# One encoder for every entry: json.dumps with options would build a new one per call.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# How that encoder writes a string (ensure_ascii=False): quoted, with only what JSON must escape.
_encode_text = json.encoder.encode_basestring


def encode_entry(row: Mapping[str, Any]) -> bytes:
    """The canonical bytes of one entry: every column, nothing else."""
    missing = [c for c in ENTRY_COLUMNS if c not in row]
    if missing:
        raise ValueError(f"entry is missing columns {missing}")
    return encoder()([row[column] for column in ENTRY_COLUMNS])


# The columns in the order canonical JSON sorts them, and the text before each one's value.
_SORTED = sorted(range(len(ENTRY_COLUMNS)), key=lambda i: ENTRY_COLUMNS[i])
_PREFIXES = tuple(
    ("{" if n == 0 else ",") + json.dumps(ENTRY_COLUMNS[i]) + ":" for n, i in enumerate(_SORTED)
)


def encoder() -> Callable[[Sequence[Any]], bytes]:
    """encode_entry for rows given as values in ENTRY_COLUMNS order, for many entries written
    together: the same bytes, built column by column in sorted order rather than through a
    dictionary, and each distinct id or time (the one time they were all written at, the few
    agencies they belong to) converted once rather than once per entry."""
    converted: dict[Any, str] = {}

    def value_json(value: Any) -> str:
        kind = type(value)
        if kind is str:
            return _encode_text(value)
        if value is None:
            return "null"
        if kind is int:
            return int.__repr__(value)
        if kind is UUID or kind is datetime:
            found = converted.get(value)
            if found is None:
                found = converted[value] = _ENCODER.encode(_canonical(value))
            return found
        return _ENCODER.encode(_canonical(value))

    def encode(values: Sequence[Any]) -> bytes:
        if len(values) != len(ENTRY_COLUMNS):
            raise ValueError(f"an entry has {len(ENTRY_COLUMNS)} columns, not {len(values)}")
        parts = [
            prefix + value_json(values[i]) for prefix, i in zip(_PREFIXES, _SORTED, strict=True)
        ]
        return ("".join(parts) + "}").encode()

    return encode


# (sealing time, its encoding), replaced whole so that threads sealing at once never mix them.
_last_sealing: tuple[datetime | None, bytes] = (None, b"")


def _sealing_time(sealed_at: datetime) -> bytes:
    """A whole batch is sealed at one time: encode it once, not once per link."""
    global _last_sealing
    last = _last_sealing
    if last[0] is not sealed_at:
        last = _last_sealing = (sealed_at, encode_time(sealed_at).encode())
    return last[1]


def link_hash(*, previous: str, position: int, sealed_at: datetime, entry: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(previous.encode())
    digest.update(b"\x1f")
    digest.update(str(position).encode())
    digest.update(b"\x1f")
    digest.update(_sealing_time(sealed_at))
    digest.update(b"\x1f")
    digest.update(entry)
    return digest.hexdigest()
