"""Writing the audit trail: record (in the caller's transaction), seal, checkpoint."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.db import connection, models, transaction

from sightline.audit import chain
from sightline.audit.data import PAYLOAD_KEYS, AuditAction, SubjectRef
from sightline.audit.models import AuditEntry, AuditPending, AuditSeal
from sightline.core import clock
from sightline.core.bulk import insert_rows, insert_rows_with_new_ids
from sightline.core.ids import new_uuids

_SEAL_BATCH = 5_000
# Any constant will do: it names the advisory lock that serialises sealers on PostgreSQL.
_SEALER_LOCK_KEY = 0x5167_4C1E
# Every column but the id, in the chain's order, so a written row is also what gets sealed.
_ENTRY_FIELDS = chain.ENTRY_COLUMNS[1:]
_SEAL_FIELDS = ("position", "entry_id", "sealed_at", "chain_hash")


@dataclass(frozen=True)
class AuditDraft:
    action: AuditAction
    subject: SubjectRef
    actor_id: int | None = None
    agency_id: UUID | None = None
    recorded_person_id: UUID | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)


def subject_of(instance: models.Model) -> SubjectRef:
    meta = instance._meta
    return SubjectRef(app=meta.app_label, model=meta.model_name or "", pk=str(instance.pk))


def _checked_payload(action: AuditAction, payload: Mapping[str, Any]) -> dict[str, Any]:
    if not payload.keys() <= PAYLOAD_KEYS[action]:
        unexpected = set(payload) - PAYLOAD_KEYS[action]
        raise ValueError(f"audit payload for {action} may not hold {sorted(unexpected)}")
    return {k: (str(v) if type(v) is UUID else v) for k, v in payload.items()}


def audit_record(
    *,
    actor: User | None,
    action: AuditAction,
    subject: models.Model | SubjectRef,
    agency_id: UUID | None = None,
    recorded_person_id: UUID | None = None,
    payload: Mapping[str, Any] | None = None,
) -> None:
    """Append one audit entry inside the caller's transaction (if it fails, the action fails)."""
    ref = subject if isinstance(subject, SubjectRef) else subject_of(subject)
    audit_record_many(
        [
            AuditDraft(
                action=action,
                subject=ref,
                actor_id=actor.pk if actor else None,
                agency_id=agency_id,
                recorded_person_id=recorded_person_id,
                payload=payload or {},
            )
        ]
    )


if TYPE_CHECKING:
    from sightline.accounts.models import User


def audit_record_many(drafts: Iterable[AuditDraft]) -> int:
    """Append many entries at once (imports); same rules as audit_record."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit entries must be written inside the action's own transaction")
    # Plain rows rather than model instances: an import writes one entry per record.
    drafts = list(drafts)
    occurred_at = clock.now()
    uuids = new_uuids(len(drafts))
    entries = [
        (
            next(uuids),
            occurred_at,
            d.actor_id,
            d.agency_id,
            str(d.action),
            d.subject.app,
            d.subject.model,
            d.subject.pk,
            d.recorded_person_id,
            _checked_payload(d.action, d.payload),
        )
        for d in drafts
    ]
    created = insert_rows_with_new_ids(AuditEntry, _ENTRY_FIELDS, entries)
    insert_rows(AuditPending, ("entry_id",), [(entry_id,) for entry_id in created])
    _sealer_for_this_transaction().remember(created, entries)
    return len(created)


class _SealAfterCommit:
    """The after-commit hook that seals a transaction's entries, holding each entry's chain
    encoding from the values just written, so that sealing need not read them all back.

    One per transaction: Django drops it with the transaction on rollback (and with a
    savepoint rolled back, if registered inside one), so it never outlives the rows it
    describes. An id whose row was rolled back with an inner savepoint is never pending, or,
    if SQLite gives it again, is remembered again with the new row."""

    def __init__(self) -> None:
        self.encodings: dict[int, bytes] = {}

    def remember(self, ids: list[int], entries: list[tuple[Any, ...]]) -> None:
        encode = chain.encoder()
        for entry_id, values in zip(ids, entries, strict=True):
            self.encodings[entry_id] = encode((entry_id, *values))

    def __call__(self) -> None:
        audit_seal_pending(known=self.encodings, durable=False)


def _sealer_for_this_transaction() -> _SealAfterCommit:
    # run_on_commit is the connection's list of (savepoint ids, hook, robust) for the
    # current transaction, as Django's own captureOnCommitCallbacks reads it.
    for registered in connection.run_on_commit:
        hook = registered[1]
        if isinstance(hook, _SealAfterCommit):
            return hook
    sealer = _SealAfterCommit()
    transaction.on_commit(sealer)
    return sealer


def _take_sealer_lock(*, durable: bool) -> bool:
    if connection.vendor != "postgresql":
        return True  # SQLite runs one write transaction at a time, so sealers already queue.
    with connection.cursor() as cursor:
        # One round trip for all three, as a sealer runs after every write. Just after a large
        # import the planner has no statistics for the new rows, and would scan the whole table
        # for every batch; a batch is always found by primary key. A seal that need not be
        # durable commits without waiting for the disk (set_config(..., true) is SET LOCAL).
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s), set_config('enable_seqscan', 'off', true), "
            "set_config('synchronous_commit', %s, true)",
            [_SEALER_LOCK_KEY, "on" if durable else "off"],
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def audit_seal_pending(known: Mapping[int, bytes] | None = None, *, durable: bool = True) -> int:
    """Chain every committed, unsealed entry, in id order, after the current head.

    known: encodings of committed entries by id, from the values written (see
    _SealAfterCommit); any other entry is read back from the table.

    durable=False, after every write: on PostgreSQL the seals commit without waiting for the
    disk, which saves a write its second flush. Nothing is lost that cannot be redone: a crash
    can lose only the newest seals, together with the taking of their entries off the queue
    (the same transaction), so those entries are still queued and the next sealer chains them
    after the head that survived. Only a checkpoint needs the head durable, and waits for it."""
    sealed, after = 0, 0
    while True:
        with transaction.atomic():
            if not _take_sealer_lock(durable=durable):
                return sealed
            batch, sealed_now, last = _seal_one_batch(after, known or {})
        sealed += sealed_now
        if batch == _SEAL_BATCH:
            # Carry on after the last entry sealed: on PostgreSQL the queue rows just deleted
            # linger until vacuumed, and scanning past them every batch grows quadratically.
            after = last
        elif after:
            after = 0  # a last pass from the start, for entries committed meanwhile
        else:
            return sealed


_PENDING_SQL = (
    "SELECT entry_id FROM audit_auditpending WHERE entry_id > %s ORDER BY entry_id LIMIT %s"
)
_HEAD_SQL = "SELECT position, chain_hash FROM audit_auditseal ORDER BY position DESC LIMIT 1"


def _seal_one_batch(after: int, known: Mapping[int, bytes]) -> tuple[int, int, int]:
    """Seal up to a batch of queued entries with ids above `after`: (how many were queued,
    how many sealed, the last id). A queued id whose entry is missing (deleted before it was
    sealed) is left queued, for `audit verify` to name."""
    # Plain SQL: a sealer runs after every write, and composing these through the ORM took
    # longer than the database took to answer them.
    with connection.cursor() as cursor:
        cursor.execute(_PENDING_SQL, [after, _SEAL_BATCH])
        ids = [entry_id for (entry_id,) in cursor.fetchall()]
        if not ids:
            return 0, 0, after
        cursor.execute(_HEAD_SQL)
        head = cursor.fetchone()
    position, previous = (head[0], head[1]) if head else (0, chain.GENESIS)
    sealed_at = clock.now()
    seals = []
    for entry_id, encoding in _encodings(ids, known):
        position += 1
        previous = chain.link_hash(
            previous=previous, position=position, sealed_at=sealed_at, entry=encoding
        )
        seals.append((position, entry_id, sealed_at, previous))
    insert_rows(AuditSeal, _SEAL_FIELDS, seals)
    _unqueue([entry_id for _, entry_id, _, _ in seals])
    return len(ids), len(seals), ids[-1]


def _encodings(ids: list[int], known: Mapping[int, bytes]) -> Iterator[tuple[int, bytes]]:
    """(id, chain encoding) of each entry there is, in id order: from `known`, or read back."""
    unknown = [entry_id for entry_id in ids if entry_id not in known]
    read = {row["id"]: chain.encode_entry(row) for row in _entries(unknown)} if unknown else {}
    for entry_id in ids:
        encoding = known.get(entry_id) or read.get(entry_id)
        if encoding is not None:
            yield entry_id, encoding


def _entries(ids: list[int]) -> Iterator[dict[str, Any]]:
    """The entries with these ids, in id order, as `.values(*chain.ENTRY_COLUMNS)` would read
    them (through Django's own converters for each column), without the ORM's cost per row."""
    meta = AuditEntry._meta
    columns = [meta.get_field(name) for name in chain.ENTRY_COLUMNS]
    converters = []
    names = []
    for position, column_field in enumerate(columns):
        assert isinstance(column_field, models.Field)
        column = column_field.get_col(meta.db_table)
        found = connection.ops.get_db_converters(column)
        found += column_field.get_db_converters(connection)  # type: ignore[attr-defined]
        converters += [(position, convert, column) for convert in found]
        names.append(connection.ops.quote_name(column_field.column))
    table = connection.ops.quote_name(meta.db_table)
    params: list[Any]
    if connection.vendor == "postgresql":
        where, params = "id = ANY(%s)", [ids]
    else:
        where, params = f"id IN ({', '.join(['%s'] * len(ids))})", list(ids)
    with connection.cursor() as cursor:
        sql = f"SELECT {', '.join(names)} FROM {table} WHERE {where} ORDER BY id"  # noqa: S608
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    for values in fetched:
        row = list(values)
        for position, convert, column in converters:
            row[position] = convert(row[position], column, connection)
        yield dict(zip(chain.ENTRY_COLUMNS, row, strict=True))


def _unqueue(ids: list[int]) -> None:
    """Take sealed entries off the queue without a query of thousands of parameters: the whole
    list as one array on PostgreSQL, one primary-key delete each on SQLite."""
    table = connection.ops.quote_name(AuditPending._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {table} WHERE entry_id = ANY(%s)", [ids])  # noqa: S608
        else:
            cursor.executemany(f"DELETE FROM {table} WHERE entry_id = %s", [(i,) for i in ids])  # noqa: S608


def _wait_until_durable() -> None:
    """Wait until every seal committed so far is on disk (PostgreSQL). The checkpoint file must
    never name a head that a crash could take back: `audit verify` would then report entries
    deleted that were only never flushed. PostgreSQL flushes a commit that did not wait within
    three times wal_writer_delay; the wait ends sooner once the log is flushed up to where it
    ended when the head was read (it is written in order, so every commit before is durable)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_current_wal_insert_lsn(), setting::int FROM pg_settings "
            "WHERE name = 'wal_writer_delay'"
        )
        end, delay_ms = cursor.fetchone() or ("0/0", 200)
        deadline = time.monotonic() + 3 * delay_ms / 1000 + 0.05
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn", [end])
            (flushed,) = cursor.fetchone() or (False,)
            if flushed:
                return
            time.sleep(0.01)


def audit_checkpoint_write() -> dict[str, Any] | None:
    """Seal, then append the chain head to the checkpoint file outside the database."""
    audit_seal_pending()
    head = AuditSeal.objects.order_by("-position").values("position", "chain_hash").first()
    first = AuditSeal.objects.filter(position=1).values_list("chain_hash", flat=True).first()
    if head is None or first is None:
        return None
    _wait_until_durable()
    line = {
        "chain_id": first,
        "position": head["position"],
        "chain_hash": head["chain_hash"],
        "written_at": chain.encode_time(clock.now()),
    }
    path = settings.AUDIT_CHECKPOINT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return line
