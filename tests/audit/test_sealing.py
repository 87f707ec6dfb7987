"""After a transaction commits, its entries are sealed from the values it wrote, and what is
sealed is exactly what is stored: the verifier, which reads every entry back, agrees."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sightline.audit import services
from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.models import AuditEntry, AuditPending, AuditSeal
from sightline.audit.selectors import audit_verify
from sightline.audit.services import AuditDraft, audit_record_many

pytestmark = pytest.mark.django_db(transaction=True)


class Refused(Exception):
    pass


def _drafts(label: str, count: int) -> list[AuditDraft]:
    return [
        AuditDraft(
            action=AuditAction.EVENT_VIEWED,
            subject=SubjectRef("records", "eventversion", f"{label}{n}"),
            payload={"version_id": f"{label}{n}"},
        )
        for n in range(count)
    ]


def _sealed_subjects() -> list[str]:
    return list(AuditSeal.objects.order_by("position").values_list("entry__subject_id", flat=True))


def test_a_committed_transaction_is_sealed_without_reading_its_entries_back(monkeypatch):
    def no_read_back(ids):
        raise AssertionError(f"entries {ids[:3]}… were read back")

    monkeypatch.setattr(services, "_entries", no_read_back)
    with transaction.atomic():
        audit_record_many(_drafts("a", 30))
        audit_record_many(_drafts("b", 20))  # a second call joins the same sealer

    assert not AuditPending.objects.exists()
    assert _sealed_subjects() == [f"a{n}" for n in range(30)] + [f"b{n}" for n in range(20)]
    monkeypatch.undo()
    report = audit_verify()
    assert report.ok, report.problems
    assert report.entries_checked == 50


def test_entries_rolled_back_with_a_savepoint_are_not_sealed_and_their_ids_seal_as_stored():
    with transaction.atomic():
        audit_record_many(_drafts("kept", 3))
        with pytest.raises(Refused), transaction.atomic():
            audit_record_many(_drafts("undone", 3))
            raise Refused
        # SQLite gives the rolled-back ids out again; the sealer must seal these rows.
        audit_record_many(_drafts("after", 3))

    assert _sealed_subjects() == ["kept0", "kept1", "kept2", "after0", "after1", "after2"]
    assert audit_verify().ok


def test_a_rolled_back_transaction_leaves_nothing_to_seal_for_the_next_one():
    with pytest.raises(Refused), transaction.atomic():
        audit_record_many(_drafts("undone", 4))
        raise Refused
    with transaction.atomic():
        audit_record_many(_drafts("next", 4))

    assert AuditEntry.objects.count() == 4
    assert _sealed_subjects() == [f"next{n}" for n in range(4)]
    assert audit_verify().ok


def test_entries_left_pending_by_a_process_that_died_after_commit_are_read_back_and_sealed(
    monkeypatch,
):
    monkeypatch.setattr(services._SealAfterCommit, "__call__", lambda self: None)
    with transaction.atomic():
        audit_record_many(_drafts("orphan", 3))
    assert AuditPending.objects.count() == 3
    monkeypatch.undo()

    assert services.audit_seal_pending() == 3  # the checkpoint command's sealer knows nothing
    assert _sealed_subjects() == ["orphan0", "orphan1", "orphan2"]
    assert audit_verify().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_seal_after_a_write_does_not_wait_for_the_disk_but_a_checkpoint_does():
    with CaptureQueriesContext(connection) as after_write, transaction.atomic():
        audit_record_many(_drafts("a", 2))
    assert _settings_in(after_write) == ["off"]

    with transaction.atomic():
        audit_record_many(_drafts("b", 2))
    with CaptureQueriesContext(connection) as checkpoint:
        line = services.audit_checkpoint_write()
    assert _settings_in(checkpoint) == ["on"]
    assert line is not None and line["position"] == 4
    assert any("pg_current_wal_flush_lsn" in str(q["sql"]) for q in checkpoint.captured_queries)


def _settings_in(captured: CaptureQueriesContext) -> list[str]:
    """What each sealing transaction set synchronous_commit to."""
    return [
        found.group(1)
        for q in captured.captured_queries
        if (found := re.search(r"set_config\('synchronous_commit', '(\w+)'", str(q["sql"])))
    ]


def test_seals_lost_in_a_crash_are_redone_from_the_queue_and_the_chain_still_verifies():
    # A crash can take back only the newest seals, with their entries' removal from the queue
    # (one transaction): here, the last two, as if their commit had never reached the disk.
    with transaction.atomic():
        audit_record_many(_drafts("a", 5))
    lost = list(AuditSeal.objects.order_by("-position").values_list("entry_id", flat=True)[:2])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditseal WHERE entry_id IN (%s, %s)", lost)
        cursor.execute("INSERT INTO audit_auditpending (entry_id) VALUES (%s), (%s)", lost)
    assert audit_verify().ok  # queued entries are waiting, not missing

    assert services.audit_seal_pending() == 2
    assert _sealed_subjects() == [f"a{n}" for n in range(5)]
    report = audit_verify()
    assert report.ok and report.entries_checked == 5
