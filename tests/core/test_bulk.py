"""Bulk inserts without model instances store what bulk_create would have stored."""

from uuid import uuid4

import pytest
from django.db import IntegrityError, connection, transaction

from sightline.audit.models import AuditEntry, AuditPending
from sightline.core.bulk import (
    JSONText,
    insert_rows,
    insert_rows_unless_present,
    insert_rows_with_new_ids,
    writing_behind,
)

pytestmark = pytest.mark.django_db

FIELDS = ("uuid", "agency_id", "action", "subject_app", "subject_model", "subject_id", "payload")


def _entry(number: int, payload: object) -> tuple[object, ...]:
    return (uuid4(), uuid4(), "event.viewed", "records", "eventversion", str(number), payload)


@pytest.mark.parametrize("count", [3, 250])  # one INSERT … RETURNING, and the bulk path
def test_new_ids_come_back_in_row_order_with_every_value_stored(count):
    rows = [_entry(n, {"version_id": str(n), "n": n}) for n in range(count)]
    with transaction.atomic():
        ids = insert_rows_with_new_ids(AuditEntry, FIELDS, rows)
    assert ids == sorted(ids) and len(set(ids)) == count
    stored = {e.pk: e for e in AuditEntry.objects.filter(pk__in=ids)}
    for entry_id, row in zip(ids, rows, strict=True):
        entry = stored[entry_id]
        assert (entry.uuid, entry.agency_id, entry.subject_id) == (row[0], row[1], row[5])
        assert entry.payload == row[6]
        assert entry.occurred_at is not None  # the database's own default


def test_json_already_written_as_text_is_stored_as_it_is_not_encoded_twice():
    with transaction.atomic():
        (entry_id,) = insert_rows_with_new_ids(
            AuditEntry, FIELDS, [_entry(1, JSONText('{"version_id": "1"}'))]
        )
        insert_rows(AuditPending, ("entry_id",), [(entry_id,)])
    assert AuditEntry.objects.get(pk=entry_id).payload == {"version_id": "1"}
    assert AuditPending.objects.filter(entry_id=entry_id).exists()


def test_a_name_that_is_not_a_column_is_refused():
    with pytest.raises(ValueError, match="not a column"):
        insert_rows(AuditEntry, ("seal",), [(1,)])


def _viewed(number: int) -> tuple[object, ...]:
    return _entry(number, {"version_id": str(number)})


@pytest.mark.django_db(transaction=True)
def test_rows_written_behind_are_seen_by_the_next_query_and_committed():
    if connection.vendor != "postgresql":
        pytest.skip("writing behind is for PostgreSQL's COPY; elsewhere it does nothing")
    with transaction.atomic(), writing_behind():
        ids = insert_rows_with_new_ids(AuditEntry, FIELDS, [_viewed(n) for n in range(300)])
        insert_rows(AuditPending, ("entry_id",), [(i,) for i in ids])
        assert AuditPending.objects.filter(entry_id__in=ids).count() == 300
    assert AuditEntry.objects.filter(pk__in=ids).count() == 300


@pytest.mark.django_db(transaction=True)
def test_a_failure_behind_is_raised_in_the_caller_and_nothing_is_committed():
    if connection.vendor != "postgresql":
        pytest.skip("writing behind is for PostgreSQL's COPY; elsewhere it does nothing")
    with pytest.raises(IntegrityError), transaction.atomic(), writing_behind():
        ids = insert_rows_with_new_ids(AuditEntry, FIELDS, [_viewed(n) for n in range(200)])
        insert_rows(AuditPending, ("entry_id",), [(ids[0],), (ids[0],)])  # the same key twice
    assert not AuditEntry.objects.exists()


def test_rows_already_there_are_skipped_and_only_the_keys_written_come_back():
    with transaction.atomic():
        ids = insert_rows_with_new_ids(AuditEntry, FIELDS, [_viewed(n) for n in range(3)])
        insert_rows(AuditPending, ("entry_id",), [(ids[0],)])
        written = insert_rows_unless_present(
            AuditPending, ("entry_id",), [(ids[0],), (ids[1],), (ids[2],)]
        )
        again = insert_rows_unless_present(AuditPending, ("entry_id",), [(ids[2],)])
    assert written == ids[1:] and again == []
    assert sorted(AuditPending.objects.values_list("entry_id", flat=True)) == ids
