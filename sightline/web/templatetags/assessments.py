"""Template filters for assessments: answers in words, and who may start one or oversee."""

from typing import Any

from django import template

from sightline.agencies.data import MembershipSummary
from sightline.assessments.data import OUTCOME_LABELS, SIGNING_ROLES, CodedAnswer, Outcome
from sightline.assessments.selectors import assessment_start_offered
from sightline.records.schema.codes import (
    CIN_ASSESSMENT_FACTORS,
    NO_VOICE_REASONS,
    NOT_SEEN_ALONE_REASONS,
    NOT_SEEN_REASONS,
)

register = template.Library()

_REASONS = {
    "child_seen": NOT_SEEN_REASONS,
    "child_seen_alone": NOT_SEEN_ALONE_REASONS,
    "child_voice": NO_VOICE_REASONS,
}


@register.filter
def answer_text(answer: CodedAnswer, question: str) -> str:
    """ "Yes", "No: Parent or carer refused", or "Not answered"."""
    if answer.answer == "yes":
        return "Yes"
    if answer.answer == "no":
        return f"No: {_REASONS[question].get(answer.code, answer.code)}"
    return "Not answered"


@register.filter
def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS[Outcome(outcome)] if outcome in set(Outcome) else "Not chosen"


@register.filter
def cin_factor(code: str) -> str:
    return f"{code}: {CIN_ASSESSMENT_FACTORS.get(code, code)}"


@register.filter
def oversees(memberships: list[MembershipSummary]) -> bool:
    """Whether any of these memberships is a managing role (no query: the page has them)."""
    return any(m.role in SIGNING_ROLES for m in memberships)


@register.simple_tag(takes_context=True)
def may_start_assessment(context: template.Context, bases: Any) -> bool:
    """Whether to offer the signed-in practitioner "Start an assessment" on the chronology of
    a child to whom they have these bases: the assessments app's one rule for who may start
    one (the service applies it again, exactly, when they do)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    return assessment_start_offered(user_id=user.pk, bases=bases)
