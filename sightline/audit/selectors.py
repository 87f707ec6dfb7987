"""Reading the audit trail, and verifying that nobody has tampered with it."""

import json
from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from django.conf import settings

from sightline.audit import chain
from sightline.audit.data import AccessLogEntry, VerificationReport
from sightline.audit.models import AuditEntry, AuditPending, AuditSeal

_CHUNK = 5_000


def _seals_with_entries() -> Iterator[tuple[int, str, Any, dict[str, Any] | None]]:
    """(position, chain hash, sealed_at, entry row or None), in chain order, in chunks."""
    after = 0
    while True:
        seals = list(
            AuditSeal.objects.filter(position__gt=after)
            .order_by("position")
            .values("position", "chain_hash", "sealed_at", "entry_id")[:_CHUNK]
        )
        if not seals:
            return
        rows = {
            row["id"]: row
            for row in AuditEntry.objects.filter(id__in=[s["entry_id"] for s in seals]).values(
                *chain.ENTRY_COLUMNS
            )
        }
        for seal in seals:
            yield (
                seal["position"],
                seal["chain_hash"],
                seal["sealed_at"],
                rows.get(seal["entry_id"]),
            )
        after = seals[-1]["position"]


def _checkpoints_by_position() -> dict[int, list[dict[str, Any]]]:
    """Every checkpoint in this database's file; each must match the chain at its position."""
    path = settings.AUDIT_CHECKPOINT_PATH
    wanted: dict[int, list[dict[str, Any]]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                checkpoint = json.loads(line)
                wanted.setdefault(int(checkpoint["position"]), []).append(checkpoint)
    return wanted


def _link_problem(
    *,
    expected: int,
    position_read: int,
    previous: str,
    stored_hash: str,
    sealed_at: Any,
    row: dict[str, Any] | None,
) -> str | None:
    if position_read != expected:
        return (
            f"chain position {expected} is missing: the entry sealed there "
            f"(just after position {expected - 1}) has been deleted"
        )
    if row is None:
        return f"audit entry sealed at chain position {expected} has been deleted"
    computed = chain.link_hash(
        previous=previous, position=expected, sealed_at=sealed_at, entry=chain.encode_entry(row)
    )
    if computed != stored_hash:
        return (
            f"audit entry #{row['id']} ({row['action']}, chain position {expected}) does not "
            "match its seal: it was edited, or entries were inserted or reordered before it"
        )
    return None


def _checkpoint_problem(
    report: VerificationReport, position: int, stored_hash: str, checkpoints: list[dict[str, Any]]
) -> str | None:
    for checkpoint in checkpoints:
        report.checkpoints_checked += 1
        if checkpoint["chain_hash"] != stored_hash:
            return (
                f"chain position {position} differs from the checkpoint written at "
                f"{checkpoint['written_at']}: the chain was rewritten"
            )
    return None


def _verify_links(report: VerificationReport) -> None:
    """Recompute every link and compare with the checkpoints, stopping at the first break."""
    wanted = _checkpoints_by_position()
    previous, position = chain.GENESIS, 0
    for position_read, stored_hash, sealed_at, row in _seals_with_entries():
        expected = position + 1
        problem = _link_problem(
            expected=expected,
            position_read=position_read,
            previous=previous,
            stored_hash=stored_hash,
            sealed_at=sealed_at,
            row=row,
        ) or _checkpoint_problem(report, expected, stored_hash, wanted.pop(expected, []))
        if problem:
            report.problems.append(problem)
            return
        report.entries_checked += 1
        previous, position = stored_hash, expected
    if wanted:
        missing = min(wanted)
        report.problems.append(
            f"audit entry at chain position {missing} has been deleted: the checkpoint written at "
            f"{wanted[missing][0]['written_at']} records it, but the chain ends at {position}"
        )


def _verify_unchained(report: VerificationReport) -> None:
    """Every entry must be sealed, or waiting to be sealed; anything else was slipped in."""
    stray = (
        AuditEntry.objects.filter(seal__isnull=True)
        .exclude(id__in=AuditPending.objects.values("entry_id"))
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    if stray is not None:
        report.problems.append(
            f"audit entry #{stray} is in no chain position and was never queued for sealing: "
            "it was inserted outside Sightline"
        )
    lost = (
        AuditPending.objects.exclude(entry_id__in=AuditEntry.objects.values("id"))
        .order_by("entry_id")
        .values_list("entry_id", flat=True)
        .first()
    )
    if lost is not None:
        report.problems.append(
            f"audit entry #{lost} was queued for sealing but has been deleted before it was sealed"
        )
    report.pending = AuditPending.objects.count()


def audit_verify() -> VerificationReport:
    """Check the whole chain, the unsealed entries and the external checkpoints."""
    report = VerificationReport(ok=True)
    _verify_links(report)
    if not report.problems:
        _verify_unchained(report)
    report.ok = not report.problems
    return report


def audit_list_for_recorded_person(
    *, recorded_person_id: str, limit: int = 200
) -> list[AuditEntry]:
    """Who has written or read this record, newest first."""
    return list(
        AuditEntry.objects.filter(recorded_person_id=recorded_person_id)
        .select_related("actor")
        .order_by("-id")[:limit]
    )


def access_log_list(
    *, recorded_person_ids: Iterable[UUID], actions: Iterable[str], limit: int = 50
) -> list[AccessLogEntry]:
    """Who has looked at these records (by these actions), newest first."""
    rows = (
        AuditEntry.objects.filter(
            recorded_person_id__in=list(recorded_person_ids), action__in=list(actions)
        )
        .order_by("-id")
        .values_list(
            "occurred_at", "action", "actor__display_name", "actor__username", "agency_id",
            "recorded_person_id",
        )[:limit]
    )  # fmt: skip
    return [
        AccessLogEntry(at, action, shown or username or "Sightline", agency, record)
        for at, action, shown, username, agency, record in rows
    ]
