"""The database itself holds the sign-off rules, whoever writes the rows: raw SQL through Django's
connection, on SQLite and on PostgreSQL (the suite runs on both)."""

import importlib
from typing import Any
from uuid import UUID, uuid4

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from sightline.assessments.models import Assessment, Decision, SeniorReview
from sightline.assessments.services import assessment_sign_off
from sightline.core import clock
from tests.assessments.factories import closed_with_no_further_action, submitted

triggers = importlib.import_module(
    "sightline.assessments.migrations.0002_signer_is_never_the_author"
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
    expected = {f"{table}_never_updated" for table in triggers.APPEND_ONLY_TABLES} | {
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
