"""Closing with no further action: a written rationale against each open signal and each other
agency's unresolved concern, and a senior manager's review of the second such closure within a
year for the same child or household."""

from datetime import timedelta

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import Rationale, Status
from sightline.assessments.models import ClosureRationale, Effect, SeniorReview
from sightline.assessments.selectors import assessment_get, assessment_status
from sightline.assessments.services import (
    assessment_draft_open,
    assessment_review,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from sightline.core import clock
from sightline.core.exceptions import InvalidInput, InvalidTransition, NotFound
from sightline.households.services import households_derive
from tests.assessments.factories import (
    care_visit,
    closed_with_no_further_action,
    complete_content,
    dismiss,
    earlier_closure,
    earlier_closure_raw,
    open_signal,
    police_incident,
    reviewing,
    school_concern,
    submitted,
    with_purpose,
)
from tests.identity.factories import apply_run, record_person, scored
from tests.notifications.factories import record

NFA = "no_further_action"


def viewed(viewer, assessment):
    return assessment_get(scope=scope_for_user(user_id=viewer.pk), assessment_id=assessment.id)


def started(family, child=None):
    with_purpose(family.worker, child or family.child)
    return assessment_start(
        actor=family.worker,
        recorded_person_id=child or family.child,
        assessment_type="single_assessment",
    )


def obligations(family, assessment):
    draft = assessment_draft_open(actor=family.worker, assessment_id=assessment.id)
    return {o.key: o for o in draft.obligations}


def fields(error: InvalidInput) -> set[str]:
    return {problem.field for problem in error.problems}


# ------------------------------------------------------------------------ rationales


def test_closing_while_a_signal_is_open_needs_a_rationale_against_it(family):
    signal = open_signal(family)
    assessment = started(family)
    content = reviewing(family.worker, assessment.id, complete_content(outcome=NFA))
    without = content.__class__(**{**content.__dict__, "rationales": ()})

    with pytest.raises(InvalidInput) as refused:
        assessment_submit(actor=family.worker, assessment_id=assessment.id, content=without)
    assert fields(refused.value) == {f"rationale:signal:{signal}"}

    assessment_submit(actor=family.worker, assessment_id=assessment.id, content=content)
    stored = ClosureRationale.objects.get(signal_id=signal)
    assert "no longer applies" in stored.text


def test_a_dismissed_signal_needs_no_rationale(family):
    signal = open_signal(family)
    dismiss(signal, by=family.manager)
    assessment = started(family)
    assert obligations(family, assessment) == {}


def test_other_agencies_concerns_in_the_year_each_need_a_rationale(family):
    concern = school_concern(family)
    incident = police_incident(family)
    old = school_concern(family, number=2, hours=400 * 24)  # more than a year ago
    care_visit(family, 1, days=3, alone=True)  # the assessing agency's own entry
    assessment = started(family)

    keys = set(obligations(family, assessment))

    assert keys == {f"concern:{concern}", f"concern:{incident}"}
    assert f"concern:{old}" not in keys


def test_each_rationale_is_kept_against_its_own_concern(family):
    concern = school_concern(family)
    incident = police_incident(family)
    assessment = started(family)
    content = reviewing(family.worker, assessment.id, complete_content(outcome=NFA))
    assessment_submit(actor=family.worker, assessment_id=assessment.id, content=content)

    stored = dict(ClosureRationale.objects.values_list("concern_event_id", "text"))
    assert set(stored) == {concern, incident}
    view = assessment_get(
        scope=scope_for_user(user_id=family.manager.pk), assessment_id=assessment.id
    )
    assert view.submitted is not None and len(view.submitted.rationales) == 2


def test_a_concern_answered_by_a_closure_that_took_effect_needs_no_second_answer(family):
    concern = school_concern(family)
    closed_with_no_further_action(family)
    later = school_concern(family, number=2, hours=1)
    assessment = started(family)

    assert set(obligations(family, assessment)) == {f"concern:{later}"}
    assert f"concern:{concern}" not in obligations(family, assessment)


def test_another_outcome_needs_no_rationale_and_keeps_none(family):
    school_concern(family)
    assessment = started(family)
    content = reviewing(family.worker, assessment.id, complete_content())
    forced = content.__class__(
        **{**content.__dict__, "rationales": (Rationale("Not needed", signal_id=None),)}
    )
    assessment_submit(actor=family.worker, assessment_id=assessment.id, content=forced)
    assert not ClosureRationale.objects.exists()


def test_a_signal_raised_after_submission_stops_the_sign_off(family):
    assessment = submitted(family, outcome=NFA)
    open_signal(family, title="Child not seen alone")
    with pytest.raises(InvalidInput, match="Child not seen alone"):
        assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    assert assessment_status(assessment_id=assessment.id) == Status.SUBMITTED


# ------------------------------------------------------------------- repeated closures


def test_a_first_closure_in_the_year_takes_effect_on_sign_off(family):
    assessment = closed_with_no_further_action(family)
    assert assessment_status(assessment_id=assessment.id) == Status.COMPLETED
    assert Effect.objects.filter(assessment=assessment).exists()


def test_a_second_closure_within_a_year_waits_for_a_senior_review(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)

    assert assessment_status(assessment_id=second.id) == Status.AWAITING_REVIEW
    assert not Effect.objects.filter(assessment=second).exists()

    assessment_review(actor=family.senior, assessment_id=second.id, agree=True)

    assert assessment_status(assessment_id=second.id) == Status.COMPLETED
    effect = Effect.objects.get(assessment=second)
    assert effect.decision.submission.assessment_id == second.id


def test_an_earlier_closure_from_an_imported_record_counts(family):
    earlier_closure(family, days_ago=200)
    assessment = closed_with_no_further_action(family)
    assert assessment_status(assessment_id=assessment.id) == Status.AWAITING_REVIEW


def test_a_closure_more_than_a_year_ago_does_not_count(family):
    earlier_closure(family, days_ago=400)
    assessment = closed_with_no_further_action(family)
    assert assessment_status(assessment_id=assessment.id) == Status.COMPLETED


def test_a_sibling_s_closure_in_the_same_household_counts(family):
    households_derive(actor=None)
    earlier_closure(family, days_ago=100, person="CSC-2")
    assessment = closed_with_no_further_action(family)
    assert assessment_status(assessment_id=assessment.id) == Status.AWAITING_REVIEW


def test_a_closure_another_area_recorded_about_its_linked_record_counts(family):
    theirs = record_person(family.other_manager, family.other_care, source_reference="W-1")
    apply_run(scored(family.child, theirs, 15.0))
    record(
        family.other_manager,
        family.other_care,
        earlier_closure_raw(days_ago=150, person="W-1"),
    )
    assessment = closed_with_no_further_action(family)
    assert assessment_status(assessment_id=assessment.id) == Status.AWAITING_REVIEW


def test_only_a_senior_manager_who_neither_wrote_nor_signed_it_may_review(family):
    closed_with_no_further_action(family)
    second = submitted(family, outcome=NFA)
    assessment_sign_off(actor=family.senior, assessment_id=second.id)
    with pytest.raises(NotFound):
        assessment_review(actor=family.manager, assessment_id=second.id, agree=True)
    with pytest.raises(InvalidTransition, match="signed off this closure"):
        assessment_review(actor=family.senior, assessment_id=second.id, agree=True)
    assessment_review(actor=family.second_senior, assessment_id=second.id, agree=True)
    assert assessment_status(assessment_id=second.id) == Status.COMPLETED


def test_sending_back_needs_comments_and_returns_it_to_the_author(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    with pytest.raises(InvalidInput):
        assessment_review(actor=family.senior, assessment_id=second.id, agree=False, comments="")

    assessment_review(
        actor=family.senior,
        assessment_id=second.id,
        agree=False,
        comments="Third contact this year: speak to the child alone first.",
    )

    view = viewed(family.worker, second)
    assert view.status == Status.RETURNED
    assert view.last_comments.startswith("Third contact")
    assert not Effect.objects.filter(assessment=second).exists()
    assert SeniorReview.objects.get().kind == "sent_back"


def test_a_review_only_follows_a_sign_off_that_needs_one(family):
    assessment = closed_with_no_further_action(family)
    with pytest.raises(InvalidTransition):
        assessment_review(actor=family.senior, assessment_id=assessment.id, agree=True)


def test_the_window_is_counted_from_the_day_of_sign_off(family, monkeypatch):
    earlier_closure(family, days_ago=300)
    assessment = submitted(family, outcome=NFA)
    later = clock.now() + timedelta(days=100)
    monkeypatch.setattr(clock, "now", lambda: later)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    assert assessment_status(assessment_id=assessment.id) == Status.COMPLETED


def test_a_signal_raised_before_the_senior_review_stops_it_agreeing(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    open_signal(family, title="Child not seen alone")

    with pytest.raises(InvalidInput, match="needs a rationale") as refused:
        assessment_review(actor=family.senior, assessment_id=second.id, agree=True)

    assert "Child not seen alone" in str(refused.value)
    assert "Send it back to the author" in str(refused.value)
    assert assessment_status(assessment_id=second.id) == Status.AWAITING_REVIEW
    assert not Effect.objects.filter(assessment=second).exists()
    assessment_review(
        actor=family.senior, assessment_id=second.id, agree=False, comments="Answer the signal."
    )
    assert assessment_status(assessment_id=second.id) == Status.RETURNED


def test_a_sibling_s_closure_recorded_against_another_of_their_records_counts(family):
    """The brother's other area's record is linked with him, but lives at another address, so
    only identity puts it in the household."""
    households_derive(actor=None)
    elsewhere = [{"line1": "3 Mill Lane", "town": "Rugby", "postcode": "CV21 2AB"}]
    theirs = record_person(
        family.other_manager, family.other_care, source_reference="W-2", given_name="Tomasz",
        date_of_birth="2010-02-01", addresses=elsewhere,
    )  # fmt: skip
    apply_run(scored(family.sibling, theirs, 15.0))
    record(
        family.other_manager,
        family.other_care,
        earlier_closure_raw(days_ago=150, person="W-2"),
    )
    assessment = closed_with_no_further_action(family)
    assert assessment_status(assessment_id=assessment.id) == Status.AWAITING_REVIEW


def test_a_sign_off_sent_back_since_is_not_taken_for_a_second_click(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)  # signed off by the manager
    assessment_review(
        actor=family.senior, assessment_id=second.id, agree=False, comments="See the child."
    )

    with pytest.raises(InvalidTransition, match="sent it back to the author"):
        assessment_sign_off(actor=family.manager, assessment_id=second.id)

    assert assessment_status(assessment_id=second.id) == Status.RETURNED
