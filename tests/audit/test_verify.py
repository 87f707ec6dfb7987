"""Tampering with the audit trail directly in the database is detected, and named."""

import json

import pytest
from django.db import connection, transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.models import AuditEntry, AuditPending, AuditSeal
from sightline.audit.selectors import audit_verify
from sightline.audit.services import (
    AuditDraft,
    audit_checkpoint_write,
    audit_record_many,
    audit_seal_pending,
)

pytestmark = pytest.mark.django_db


def _write(count: int) -> list[int]:
    with transaction.atomic():
        audit_record_many(
            AuditDraft(
                action=AuditAction.EVENT_VIEWED,
                subject=SubjectRef("records", "eventversion", str(n)),
                payload={"version_id": f"v{n}"},
            )
            for n in range(count)
        )
    audit_seal_pending()
    return list(AuditEntry.objects.order_by("id").values_list("id", flat=True))


def _sql(statement: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def entries(db) -> list[int]:
    ids = _write(5)
    audit_checkpoint_write()
    assert audit_verify().ok
    return ids


def test_an_untouched_trail_verifies(entries):
    report = audit_verify()
    assert report.ok and report.entries_checked == 5 and report.checkpoints_checked == 1


@pytest.mark.parametrize("index", [0, 2, 4])
def test_editing_any_entry_is_named(entries, index):
    entry_id = entries[index]
    _sql(
        "UPDATE audit_auditentry SET payload = %s WHERE id = %s",
        json.dumps({"version_id": "x"}),
        entry_id,
    )
    report = audit_verify()
    assert not report.ok
    assert f"audit entry #{entry_id} " in report.problems[0]


@pytest.mark.parametrize("column", ["action", "agency_id", "subject_id", "occurred_at"])
def test_editing_any_column_of_the_newest_entry_is_named(entries, column):
    value = {
        "action": "event.created",
        "agency_id": "1" * 32,
        "subject_id": "999",
        "occurred_at": "2001-01-01 00:00:00",
    }[column]
    if column == "agency_id" and connection.vendor == "postgresql":
        value = "11111111-1111-1111-1111-111111111111"
    _sql(f"UPDATE audit_auditentry SET {column} = %s WHERE id = %s", value, entries[-1])  # noqa: S608
    assert f"audit entry #{entries[-1]} " in audit_verify().problems[0]


@pytest.mark.parametrize("index", [0, 2, 4])
def test_deleting_any_entry_is_named_by_its_chain_position(entries, index):
    # The seal refers to the entry, so a deletion must take the seal too (or switch off keys).
    _sql("DELETE FROM audit_auditseal WHERE entry_id = %s", entries[index])
    _sql("DELETE FROM audit_auditentry WHERE id = %s", entries[index])
    report = audit_verify()
    assert not report.ok
    assert f"position {index + 1}" in report.problems[0]
    assert "deleted" in report.problems[0]


@pytest.mark.django_db(transaction=True)
def test_deleting_an_entry_but_keeping_its_seal_is_named():
    ids = _write(5)
    # Switch off foreign keys for the session, as someone with the owner's rights could.
    off, on = (
        ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON")
        if connection.vendor == "sqlite"
        else ("SET session_replication_role = replica", "SET session_replication_role = origin")
    )
    _sql(off)
    try:
        _sql("DELETE FROM audit_auditentry WHERE id = %s", ids[2])
    finally:
        _sql(on)
    assert "chain position 3 has been deleted" in audit_verify().problems[0]
    _sql("DELETE FROM audit_auditseal WHERE position = 3")  # let the flush after the test run


def test_an_entry_inserted_outside_sightline_is_named(entries):
    _sql(
        "INSERT INTO audit_auditentry (uuid, occurred_at, action, subject_app, subject_model,"
        " subject_id, payload) VALUES (%s, CURRENT_TIMESTAMP, 'event.viewed', 'records',"
        " 'eventversion', '1', '{}')",
        "0" * 32 if connection.vendor == "sqlite" else "00000000-0000-0000-0000-000000000000",
    )
    stray = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    assert f"audit entry #{stray} is in no chain position" in audit_verify().problems[0]


def test_reordering_two_entries_is_detected(entries):
    first, second = entries[1], entries[3]
    rows = {
        r["id"]: r
        for r in AuditEntry.objects.filter(id__in=[first, second]).values("id", "subject_id")
    }
    _sql(
        "UPDATE audit_auditentry SET subject_id = %s WHERE id = %s",
        rows[second]["subject_id"],
        first,
    )
    _sql(
        "UPDATE audit_auditentry SET subject_id = %s WHERE id = %s",
        rows[first]["subject_id"],
        second,
    )
    assert f"audit entry #{first} " in audit_verify().problems[0]


def test_deleting_the_newest_entry_and_its_seal_is_caught_by_the_checkpoint(entries):
    _sql("DELETE FROM audit_auditseal WHERE entry_id = %s", entries[-1])
    _sql("DELETE FROM audit_auditentry WHERE id = %s", entries[-1])
    problems = audit_verify().problems
    assert problems and "chain position 5 has been deleted" in problems[0]


def test_rewriting_the_whole_chain_is_caught_by_the_checkpoint(entries):
    # An attacker recomputes every hash after editing: only the external checkpoint can tell.
    _sql("DELETE FROM audit_auditseal")
    _sql("INSERT INTO audit_auditpending (entry_id) SELECT id FROM audit_auditentry")
    _sql("UPDATE audit_auditentry SET subject_id = 'forged' WHERE id = %s", entries[0])
    audit_seal_pending()
    problems = audit_verify().problems
    assert problems and "checkpoint" in problems[0]


def test_entries_waiting_to_be_sealed_are_not_a_failure(entries):
    with transaction.atomic():
        audit_record_many(
            [AuditDraft(action=AuditAction.SIGNED_IN, subject=SubjectRef("accounts", "user", "1"))]
        )
    report = audit_verify()
    assert report.ok and report.pending == 1
    audit_seal_pending()
    assert AuditPending.objects.count() == 0 and AuditSeal.objects.count() == 6


def test_an_entry_deleted_while_waiting_to_be_sealed_is_named_and_the_rest_are_sealed(entries):
    with transaction.atomic():
        audit_record_many(
            AuditDraft(action=AuditAction.SIGNED_IN, subject=SubjectRef("accounts", "user", str(n)))
            for n in range(3)
        )
    queued = list(AuditPending.objects.order_by("entry_id").values_list("entry_id", flat=True))
    _sql("DELETE FROM audit_auditentry WHERE id = %s", queued[1])

    assert audit_seal_pending() == 2
    assert list(AuditPending.objects.values_list("entry_id", flat=True)) == [queued[1]]
    report = audit_verify()
    assert not report.ok
    assert report.problems == [
        f"audit entry #{queued[1]} was queued for sealing but has been deleted before it was sealed"
    ]


@pytest.mark.django_db(transaction=True)
def test_an_audit_entry_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit_record_many(
            [AuditDraft(action=AuditAction.SIGNED_IN, subject=SubjectRef("a", "b", "c"))]
        )


def test_a_payload_with_personal_content_keys_is_refused(db):
    with pytest.raises(ValueError), transaction.atomic():
        audit_record_many(
            [
                AuditDraft(
                    action=AuditAction.EVENT_VIEWED,
                    subject=SubjectRef("a", "b", "c"),
                    payload={"child_name": "Daniel"},
                )
            ]
        )
