"""The database itself holds the sign-off rules, whoever writes the rows: raw SQL through Django's
connection, on SQLite and on PostgreSQL (the suite runs on both)."""

import importlib
from typing import Any
from uuid import UUID, uuid4

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from sightline.assessments.models import (
    Assessment,
    AssessmentVersion,
    Decision,
    SeniorReview,
    Submission,
)
from sightline.assessments.services import (
    assessment_review,
    assessment_sign_off,
    assessment_start,
)
from sightline.core import clock
from tests.assessments.factories import (
    closed_with_no_further_action,
    open_signal,
    submitted,
    with_purpose,
)

triggers = importlib.import_module(
    "sightline.assessments.migrations.0002_signer_is_never_the_author"
)
guards = importlib.import_module(
    "sightline.assessments.migrations.0003_assessment_rows_are_never_deleted"
)


def db_id(value: UUID):
    """A UUID as this database stores it (text on SQLite, uuid on PostgreSQL)."""
    pk = Assessment._meta.pk
    assert pk is not None
    return pk.get_db_prep_value(value, connection)


def run(sql: str, params: list[Any]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


_DECISION = (
    "INSERT INTO assessments_decision"
    " (id, submission_id, kind, comments, decided_by_id, decided_at, senior_review_required)"
    " SELECT %s, s.id, %s, %s, {decider}, CURRENT_TIMESTAMP, %s"
    " FROM assessments_submission s JOIN assessments_assessment a ON a.id = s.assessment_id"
    " WHERE s.assessment_id = %s"
)


def insert_decision(assessment, *, decider: str, kind="signed_off", comments="", params=()):
    run(
        _DECISION.format(decider=decider),
        [db_id(uuid4()), kind, comments, *params, False, db_id(assessment.id)],
    )


def test_the_author_cannot_be_the_signer_even_by_a_direct_insert(family):
    assessment = submitted(family)
    with pytest.raises(IntegrityError):
        insert_decision(assessment, decider="a.author_id")
    assert not Decision.objects.exists()


def test_someone_else_may_sign_by_a_direct_insert(family):
    assessment = submitted(family)
    insert_decision(assessment, decider="%s", params=(family.manager.pk,))
    assert Decision.objects.get().decided_by_id == family.manager.pk


def test_an_update_cannot_make_the_signer_the_author(family):
    assessment = submitted(family)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    with pytest.raises(IntegrityError):
        run(
            "UPDATE assessments_decision SET decided_by_id = %s",
            [family.worker.pk],
        )
    with pytest.raises(IntegrityError):
        run("UPDATE assessments_assessment SET author_id = %s", [family.manager.pk])
    assert Decision.objects.get().decided_by_id == family.manager.pk


@pytest.mark.parametrize(
    "table",
    ["assessments_assessmentversion", "assessments_submission", "assessments_effect"],
)
def test_no_assessment_row_is_ever_updated(family, table):
    assessment = submitted(family)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    with pytest.raises(DatabaseError):
        run(f"UPDATE {table} SET id = id", [])


def test_the_author_cannot_review_their_own_closure_even_by_a_direct_insert(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    sql = (
        "INSERT INTO assessments_seniorreview"
        " (id, decision_id, kind, comments, reviewed_by_id, reviewed_at)"
        " SELECT %s, d.id, 'agreed', '', a.author_id, CURRENT_TIMESTAMP"
        " FROM assessments_decision d"
        " JOIN assessments_submission s ON s.id = d.submission_id"
        " JOIN assessments_assessment a ON a.id = s.assessment_id WHERE a.id = %s"
    )
    with pytest.raises(IntegrityError):
        run(sql, [db_id(uuid4()), db_id(second.id)])
    assert not SeniorReview.objects.exists()


def test_a_return_without_comments_is_refused_by_the_database(family):
    assessment = submitted(family)
    with pytest.raises(IntegrityError):
        insert_decision(
            assessment, decider="%s", kind="returned", comments=" ", params=(family.manager.pk,)
        )


def test_the_model_names_the_broken_rule(family):
    assessment = submitted(family)
    decision = Decision(
        submission=assessment.submissions.get(),
        kind="returned",
        comments="",
        decided_by=family.manager,
        decided_at=clock.now(),
    )
    with pytest.raises(ValidationError) as refused:
        decision.full_clean()
    codes = [error.code for error in refused.value.error_dict["__all__"]]
    assert codes == ["return_needs_comments"]


def test_every_trigger_is_in_the_database(db):
    """SQLite drops a table's triggers when a migration rebuilds the table: this notices."""
    tables = triggers.APPEND_ONLY_TABLES
    guarded = ("never_updated", "never_deleted") + (
        ("never_truncated",) if connection.vendor == "postgresql" else ()
    )
    expected = {f"{table}_{guard}" for table in tables for guard in guarded} | {
        "assessments_decision_not_by_author",
        "assessments_seniorreview_not_by_author",
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        found = {row[0] for row in cursor.fetchall()}
    assert expected <= found


# ------------------------------------------------ rows written out of order, or deleted


def test_a_decision_written_before_its_submission_is_refused(family):
    """Foreign keys are checked at commit: the author could write a decision on their draft
    naming a submission not written yet, then the submission, and sign off their own work."""
    with_purpose(family.worker, family.child)
    draft = assessment_start(
        actor=family.worker, recorded_person_id=family.child, assessment_type="early_help"
    )
    version = AssessmentVersion.objects.get(assessment=draft)
    submission = uuid4()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO assessments_decision (id, submission_id, kind, comments,"
            " decided_by_id, decided_at, senior_review_required)"
            " VALUES (%s, %s, 'signed_off', '', %s, CURRENT_TIMESTAMP, %s)",
            [db_id(uuid4()), db_id(submission), family.worker.pk, False],
        )
        cursor.execute(
            "INSERT INTO assessments_submission (id, assessment_id, number, version_id,"
            " submitted_at) VALUES (%s, %s, 1, %s, CURRENT_TIMESTAMP)",
            [db_id(submission), db_id(draft.id), db_id(version.id)],
        )
    assert not Decision.objects.exists() and not Submission.objects.exists()


def test_a_senior_review_written_before_its_decision_is_refused(family):
    """The same, one step on: the author reviews a sign-off not written yet."""
    closed_with_no_further_action(family)
    second = submitted(family, outcome="no_further_action")
    submission = Submission.objects.get(assessment=second)
    decision = uuid4()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO assessments_seniorreview"
            " (id, decision_id, kind, comments, reviewed_by_id, reviewed_at)"
            " VALUES (%s, %s, 'agreed', '', %s, CURRENT_TIMESTAMP)",
            [db_id(uuid4()), db_id(decision), family.worker.pk],
        )
        cursor.execute(
            "INSERT INTO assessments_decision (id, submission_id, kind, comments,"
            " decided_by_id, decided_at, senior_review_required)"
            " VALUES (%s, %s, 'signed_off', '', %s, CURRENT_TIMESTAMP, %s)",
            [db_id(decision), db_id(submission.id), family.manager.pk, True],
        )
    assert not SeniorReview.objects.exists()
    assert not Decision.objects.filter(submission=submission).exists()


def test_an_assessment_cannot_be_deleted_and_written_again_with_another_author(family):
    assessment = submitted(family)
    row = [
        db_id(assessment.id), db_id(assessment.agency_id), db_id(assessment.child_id),
        assessment.assessment_type, family.manager.pk, assessment.started_on,
    ]  # fmt: skip
    refused = pytest.raises(IntegrityError, match="never_deleted")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM assessments_assessment WHERE id = %s", [row[0]])
        cursor.execute(
            "INSERT INTO assessments_assessment (id, agency_id, child_id, assessment_type,"
            " author_id, started_on, created_at) VALUES (%s, %s, %s, %s, %s, %s,"
            " CURRENT_TIMESTAMP)",
            row,
        )
        insert_decision(assessment, decider="%s", params=(family.worker.pk,))
    assert Assessment.objects.get().author_id == family.worker.pk
    assert not Decision.objects.exists()


def _every_table_holds_a_row(family) -> None:
    """An open signal answered by a closure, signed off, reviewed and taken effect: a row in
    every assessment table."""
    open_signal(family)
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    assessment_review(actor=family.senior, assessment_id=second.id, agree=True)


def test_no_assessment_row_is_ever_deleted(family):
    _every_table_holds_a_row(family)
    for table in guards.APPEND_ONLY_TABLES:
        with pytest.raises(IntegrityError, match="never_deleted"):
            run(f"DELETE FROM {table}", [])  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            assert cursor.fetchone()[0] > 0, table


def test_no_assessment_table_is_ever_truncated(family):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    _every_table_holds_a_row(family)
    # The test's own transaction holds deferred foreign key checks, which TRUNCATE would wait
    # for; a real TRUNCATE comes in a transaction of its own.
    run("SET CONSTRAINTS ALL IMMEDIATE", [])
    every = ", ".join(guards.APPEND_ONLY_TABLES)
    for table in (*guards.APPEND_ONLY_TABLES, every):
        with pytest.raises(IntegrityError, match="never_deleted"):
            run(f"TRUNCATE {table} CASCADE", [])
    assert Decision.objects.count() == 2
