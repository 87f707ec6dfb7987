"""On PostgreSQL the database itself refuses to change or remove records and the audit trail."""

import pytest
from django.db import DatabaseError, connection, transaction
from psycopg import errors

from sightline.audit.services import audit_seal_pending
from sightline.records.database_roles import append_only_tables, apply_app_role
from sightline.records.services import event_record, recorded_person_create
from tests.records.factories import injury_raw, person_raw

pytestmark = pytest.mark.django_db
ROLE = "sightline_app_test"


@pytest.fixture
def as_app_role(dsl, dsl_scope, school):
    if connection.vendor != "postgresql":
        pytest.skip("database roles are a PostgreSQL feature; this runs in the PostgreSQL suite")
    recorded_person_create(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=person_raw())
    event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    audit_seal_pending()
    apply_app_role(connection, ROLE)
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{ROLE}"')
        yield cursor
        cursor.execute("RESET ROLE")


def _refused(cursor, statement: str) -> bool:
    try:
        with transaction.atomic():
            cursor.execute(statement)
    except DatabaseError as error:
        # Django wraps the driver's error; the test wants exactly a privilege error.
        if isinstance(error.__cause__, errors.InsufficientPrivilege):
            return True
        raise AssertionError(f"{statement!r} failed for another reason: {error}") from error
    return False


def test_the_application_role_is_neither_owner_nor_superuser(as_app_role):
    as_app_role.execute(
        "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"
    )
    assert as_app_role.fetchone() == (False, False, False)
    as_app_role.execute(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"
    )
    assert as_app_role.fetchone() == (0,)


@pytest.mark.parametrize("table", ["records_event", "records_eventversion", "audit_auditentry"])
@pytest.mark.parametrize("verb", ["UPDATE {t} SET id = id", "DELETE FROM {t}", "TRUNCATE {t}"])
def test_update_delete_and_truncate_are_refused(as_app_role, table, verb):
    assert _refused(as_app_role, verb.format(t=table))


def test_every_append_only_table_is_protected(as_app_role):
    for table in append_only_tables():
        assert _refused(as_app_role, f"DELETE FROM {table}"), table  # noqa: S608


def test_the_application_role_can_still_read_and_insert(as_app_role):
    as_app_role.execute("SELECT count(*) FROM records_eventversion")
    assert as_app_role.fetchone()[0] == 1
    as_app_role.execute(
        "INSERT INTO audit_auditentry (uuid, occurred_at, action, subject_app, subject_model, "
        "subject_id, payload) VALUES (gen_random_uuid(), now(), 'session.signed_in', 'a', 'b', 'c',"
        " '{}')"
    )
    # Ordinary tables stay writable: the sealer empties its queue.
    as_app_role.execute("DELETE FROM audit_auditpending")
