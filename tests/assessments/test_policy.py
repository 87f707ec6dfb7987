"""The workflow's pure rules: where an assessment is, what a submission needs, what is a concern."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sightline.assessments.data import AssessmentContent, CodedAnswer, Status
from sightline.assessments.policy import (
    Latest,
    content_problems,
    is_concern,
    status_of,
    within_lookback,
    within_repeat_window,
)

latest = st.builds(
    Latest,
    decision=st.sampled_from([None, "signed_off", "returned"]),
    review_required=st.booleans(),
    review=st.sampled_from([None, "agreed", "sent_back"]),
    effective=st.booleans(),
)


def test_an_assessment_never_submitted_is_a_draft():
    assert status_of(None) == Status.DRAFT


@given(latest)
def test_a_decision_or_review_that_sends_it_back_makes_it_editable_again(facts):
    status = status_of(facts)
    sent_back = facts.decision == "returned" or (
        facts.decision is not None and facts.review == "sent_back"
    )
    assert (status == Status.RETURNED) == sent_back


@given(latest)
def test_it_waits_for_a_senior_review_only_when_one_is_required_and_missing(facts):
    waiting = status_of(facts) == Status.AWAITING_REVIEW
    assert waiting == (
        facts.decision == "signed_off"
        and facts.review_required
        and facts.review is None
        and not facts.effective
    )


def test_a_draft_may_leave_questions_unanswered_but_a_submission_may_not():
    empty = AssessmentContent()
    assert content_problems(empty, assessment_type="early_help", submitting=False) == []
    fields = {
        p.field for p in content_problems(empty, assessment_type="early_help", submitting=True)
    }
    assert fields == {"summary", "child_seen", "child_seen_alone", "child_voice", "outcome"}


def test_census_assessments_need_their_factors_and_no_factors_stands_alone():
    content = AssessmentContent(cin_factors=("21", "16A"))
    problems = content_problems(content, assessment_type="section_47", submitting=False)
    assert [p.field for p in problems] == ["cin_factors"]
    unknown = AssessmentContent(cin_factors=("18A",))  # withdrawn by DfE
    assert content_problems(unknown, assessment_type="section_47", submitting=False)


def test_seen_alone_needs_seen_and_words_need_writing_down():
    content = AssessmentContent(
        child_seen=CodedAnswer("no", "not_at_home"),
        child_seen_alone=CodedAnswer("yes"),
        child_voice=CodedAnswer("yes"),
    )
    problems = content_problems(content, assessment_type="early_help", submitting=False)
    assert {p.field for p in problems} == {"child_seen_alone", "child_words"}


def test_a_reason_must_come_from_its_own_list():
    content = AssessmentContent(child_seen=CodedAnswer("no", "too_young"))  # a seen-alone reason
    problems = content_problems(content, assessment_type="early_help", submitting=False)
    assert [p.field for p in problems] == ["child_seen_reason"]


@given(
    st.sampled_from(
        ["concern", "referral", "disclosure", "domestic_abuse_incident", "injury", "note"]
    ),
    st.sampled_from([None, "yes", "no", "unclear", "not_applicable"]),
    st.booleans(),
)
def test_what_counts_as_a_concern(kind, fits, redacted):
    expected = kind in {"concern", "referral", "disclosure", "domestic_abuse_incident"} or (
        kind == "injury" and (redacted or fits in {"no", "unclear"})
    )
    assert is_concern(kind, fits, redacted=redacted) == expected


@given(st.integers(min_value=-10, max_value=800))
def test_the_windows_are_a_year_back_from_the_day_of_closure(days_before):
    closing = date(2026, 6, 30)
    day = closing - timedelta(days=days_before)
    assert within_lookback(day, closing) == (0 <= days_before <= 365)
    assert within_repeat_window(day, closing) == (0 <= days_before <= 365)
