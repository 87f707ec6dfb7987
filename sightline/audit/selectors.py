"""Reading the audit trail, and verifying that nobody has tampered with it."""

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings

from sightline.audit import chain
from sightline.audit.data import VerificationReport
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


def _read_checkpoints() -> list[dict[str, Any]]:
    path = settings.AUDIT_CHECKPOINT_PATH
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _verify_links(report: VerificationReport, checkpoints: list[dict[str, Any]]) -> int:
    """Recompute every link, stopping at the first break and naming the entry; return the head."""
    wanted: dict[int, list[dict[str, Any]]] = {}
    previous, position = chain.GENESIS, 0
    for position_read, stored_hash, sealed_at, row in _seals_with_entries():
        expected = position + 1
        if position_read != expected:
            report.problems.append(
                f"chain position {expected} is missing: the entry sealed there "
                f"(just after position {position}) has been deleted"
            )
            return position
        if row is None:
            report.problems.append(
                f"audit entry sealed at chain position {expected} has been deleted"
            )
            return position
        computed = chain.link_hash(
            previous=previous, position=expected, sealed_at=sealed_at, entry=chain.encode_entry(row)
        )
        if computed != stored_hash:
            report.problems.append(
                f"audit entry #{row['id']} ({row['action']}, chain position {expected}) does not "
                "match its seal: it was edited, or entries were inserted or reordered before it"
            )
            return position
        if expected == 1:
            # Every checkpoint in this database's file must match: a chain rewritten from its
            # first link onwards differs from all of them.
            for checkpoint in checkpoints:
                wanted.setdefault(int(checkpoint["position"]), []).append(checkpoint)
        for checkpoint in wanted.pop(expected, []):
            report.checkpoints_checked += 1
            if checkpoint["chain_hash"] != stored_hash:
                report.problems.append(
                    f"chain position {expected} differs from the checkpoint written at "
                    f"{checkpoint['written_at']}: the chain was rewritten"
                )
                return position
        report.entries_checked += 1
        previous, position = stored_hash, expected
    if wanted:
        missing = min(wanted)
        report.problems.append(
            f"audit entry at chain position {missing} has been deleted: the checkpoint written at "
            f"{wanted[missing][0]['written_at']} records it, but the chain ends at {position}"
        )
    return position


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
    report.pending = AuditPending.objects.count()


def audit_verify() -> VerificationReport:
    """Check the whole chain, the unsealed entries and the external checkpoints."""
    report = VerificationReport(ok=True)
    _verify_links(report, _read_checkpoints())
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
