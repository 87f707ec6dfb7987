"""The database itself keeps the identity invariants, whatever code writes the rows."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sightline.core.models import AppendOnlyError
from sightline.identity.data import MembershipCause, PairStatus, Verdict
from sightline.identity.models import (
    LinkageRun,
    LinkDecision,
    PairEvidence,
    Person,
    PersonMembership,
)
from tests.identity.factories import apply_run, record_person, scored

pytestmark = pytest.mark.django_db
WHEN = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def pair(dsl, school, linkage_model):
    first = record_person(dsl, school, given_name="Ann")
    second = record_person(dsl, school, given_name="Bo")
    return tuple(sorted((first, second)))


@pytest.fixture
def run(pair):
    apply_run(scored(pair[0], pair[1], 15.0))
    return LinkageRun.objects.get()


def refused(row) -> bool:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return True
    return False


def violation_codes(row) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        row.validate_constraints()
    return {str(e.code) for errors in caught.value.error_dict.values() for e in errors}


def evidence_row(run, left, right, **more):
    fields = {
        "match_weight": 5.0,
        "match_probability": 0.9,
        "contributions": [],
        "status": PairStatus.WAITING,
    }
    fields.update(more)
    return PairEvidence(run=run, model_id=run.model_id, left_id=left, right_id=right, **fields)


def test_a_pair_is_stored_in_one_order_only(run, pair):
    backwards = evidence_row(run, pair[1], pair[0])
    assert "pair_out_of_order" in violation_codes(backwards)
    assert refused(backwards)


def test_a_run_scores_a_pair_once(run, pair):
    again = evidence_row(run, *pair)
    # Django names a plain unique constraint's violation itself.
    assert "unique_together" in violation_codes(again)
    assert refused(again)


def test_a_probability_stays_between_zero_and_one(run, pair):
    assert refused(evidence_row(run, *pair, match_probability=1.5))


def test_one_current_membership_per_recorded_person(run, pair):
    taken = PersonMembership(
        recorded_person_id=pair[0],
        number=1,
        person=Person.objects.get(),
        since=WHEN,
        cause=MembershipCause.LINKED,
        run=run,
    )
    assert "unique_together" in violation_codes(taken)
    assert refused(taken)


def test_a_first_membership_always_names_a_person(dsl, school, run):
    loner = record_person(dsl, school, given_name="Cy")
    row = PersonMembership(
        recorded_person_id=loner,
        number=1,
        person=None,
        since=WHEN,
        cause=MembershipCause.UNLINKED,
        run=run,
    )
    assert "membership_without_person" in violation_codes(row)
    assert refused(row)


def test_a_membership_is_made_by_a_run_or_a_decision_never_both(dsl, run, pair):
    decision = LinkDecision.objects.create(
        left_id=pair[0],
        right_id=pair[1],
        verdict=Verdict.CONFIRMED,
        occasion="review",
        decided_by=dsl,
        decided_at=WHEN,
        reason="Same NHS number",
    )
    both = PersonMembership(
        recorded_person_id=pair[0],
        number=2,
        person=Person.objects.get(),
        since=WHEN,
        cause=MembershipCause.CONFIRMED,
        run=run,
        decision=decision,
    )
    assert "membership_without_one_cause" in violation_codes(both)
    assert refused(both)


def test_a_decision_has_a_reason_and_is_stored_in_one_order(dsl, pair):
    silent = LinkDecision(
        left_id=pair[0],
        right_id=pair[1],
        verdict=Verdict.REJECTED,
        occasion="review",
        decided_by=dsl,
        decided_at=WHEN,
        reason="",
    )
    assert "decision_without_reason" in violation_codes(silent)
    assert refused(silent)
    backwards = LinkDecision(
        left_id=pair[1],
        right_id=pair[0],
        verdict=Verdict.REJECTED,
        occasion="review",
        decided_by=dsl,
        decided_at=WHEN,
        reason="Twins",
    )
    assert refused(backwards)


def test_only_a_confirmation_withdraws_a_rejection(dsl, pair):
    orphan = LinkDecision(
        left_id=pair[0],
        right_id=pair[1],
        verdict=Verdict.WITHDRAWN,
        occasion="join",
        decided_by=dsl,
        decided_at=WHEN,
        reason="Joined",
    )
    assert "withdrawal_without_confirmation" in violation_codes(orphan)
    assert refused(orphan)


def test_identity_rows_are_never_changed_or_deleted(run):
    evidence = PairEvidence.objects.get()
    evidence.status = PairStatus.REJECTED
    with pytest.raises(AppendOnlyError):
        evidence.save()
    with pytest.raises(AppendOnlyError):
        PersonMembership.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        LinkageRun.objects.update(linked=0)
