"""Bulk inserts without model instances store what bulk_create would have stored."""

import threading
from uuid import uuid4

import pytest
from django.db import IntegrityError, connection, connections, transaction

from sightline.audit.models import AuditEntry, AuditPending
from sightline.core.bulk import (
    JSONText,
    _writing_behind,
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


def _connections_to_this_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        (count,) = cursor.fetchone()
    return int(count)


@pytest.mark.django_db(transaction=True)
def test_ids_are_drawn_without_waiting_for_the_rows_still_being_written_behind():
    if connection.vendor != "postgresql":
        pytest.skip("writing behind is for PostgreSQL's COPY; elsewhere it does nothing")
    before = _connections_to_this_database()
    gate, finished = threading.Event(), []
    with transaction.atomic(), writing_behind():
        # Hold the writing thread, as a slow COPY of the batch before would.
        _writing_behind[connections["default"]].submit(
            lambda: finished.append(gate.wait(timeout=10))
        )
        first = insert_rows_with_new_ids(AuditEntry, FIELDS, [_viewed(n) for n in range(150)])
        drawn_while_held = not finished
        gate.set()
        second = insert_rows_with_new_ids(AuditEntry, FIELDS, [_viewed(n) for n in range(150)])
    assert drawn_while_held
    assert len(set(first) | set(second)) == 300 and max(first) < min(second)
    assert AuditEntry.objects.filter(pk__in=first + second).count() == 300
    assert _connections_to_this_database() == before  # the connection that drew them is closed


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
