"""A family known to children's social care, a school and the police, and the people who assess,
sign off and review; content for assessments; and risk signals written by hand.

Everything goes through the real services, except signals, which are written directly: these
tests are about what an assessment does with an open signal, not about which rule raised it.
"""

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any
from uuid import UUID

from sightline.access.services import purpose_state
from sightline.assessments.data import AssessmentContent, CodedAnswer, Rationale
from sightline.assessments.services import (
    assessment_draft_open,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from sightline.core import clock
from sightline.risk.models import RiskSignal, SignalFinding, SignalResponse
from tests.identity.factories import record_person
from tests.notifications.factories import hours_ago, link, record, relate
from tests.records.factories import domestic_abuse_raw


@dataclass
class Family:
    care: Any  # children's social care
    other_care: Any  # another area's children's social care
    school: Any
    police: Any
    worker: Any  # the child's allocated social worker
    colleague: Any  # another social worker in the same team
    manager: Any
    second_manager: Any
    senior: Any
    second_senior: Any
    other_manager: Any  # a manager in the other area
    dsl: Any
    officer: Any
    child: UUID  # children's social care's record of the child
    school_child: UUID
    police_child: UUID
    sibling: UUID  # children's social care's record of the child's brother


def family_make(make_agency, make_practitioner, school, police, dsl) -> Family:
    care = make_agency("childrens_social_care", code="csc", name="Coventry Children's Services")
    other_care = make_agency("childrens_social_care", code="csc-2", name="Warwickshire CSC")
    staff = {
        "worker": (care, "practitioner"),
        "colleague": (care, "practitioner"),
        "manager": (care, "manager"),
        "second_manager": (care, "manager"),
        "senior": (care, "senior_manager"),
        "second_senior": (care, "senior_manager"),
        "other_manager": (other_care, "manager"),
        "officer": (police, "practitioner"),
    }
    made = {name: make_practitioner(a, role=r, username=name) for name, (a, r) in staff.items()}
    address = [{"line1": "12 Elm Road", "town": "Coventry", "postcode": "CV1 1AA"}]
    child = record_person(made["worker"], care, source_reference="CSC-1", addresses=address)
    sibling = record_person(
        made["worker"], care, source_reference="CSC-2", given_name="Tomasz",
        date_of_birth="2010-02-01", addresses=address,
    )  # fmt: skip
    school_child = record_person(dsl, school, source_reference="SCH-1")
    police_child = record_person(made["officer"], police, source_reference="POL-1")
    link(child, school_child, police_child)
    relate(made["worker"], care, "worker_allocation", "CSC-1", worker="worker")
    relate(made["worker"], care, "worker_allocation", "CSC-2", worker="worker")
    return Family(
        care=care,
        other_care=other_care,
        school=school,
        police=police,
        dsl=dsl,
        child=child,
        school_child=school_child,
        police_child=police_child,
        sibling=sibling,
        **made,
    )


def with_purpose(practitioner, recorded_person_id: UUID) -> None:
    purpose_state(actor=practitioner, recorded_person_id=recorded_person_id, purpose="assessment")


def school_concern(family: Family, number: int = 1, hours: float = 48) -> Any:
    """A concern the school recorded about the child, `hours` ago."""
    return record(
        family.dsl,
        family.school,
        {
            "source_reference": f"SCH-CONCERN-{number}",
            "kind": "concern",
            "occurred_at": hours_ago(hours),
            "summary": "Arrived hungry and took food from other children's lunch boxes.",
            "subjects": [{"person": "SCH-1", "role": "child_subject"}],
            "child_seen": "yes",
            "child_seen_alone": "yes",
            "child_voice": "yes",
            "child_words": "There was no tea last night.",
            "interpreter": "not_applicable",
            "details": {"categories": ["neglect"]},
        },
    )


def police_incident(family: Family, number: int = 1, hours: float = 72) -> Any:
    raw = domestic_abuse_raw(
        "POL-1", source_reference=f"DA-{number:04d}", occurred_at=hours_ago(hours)
    )
    return record(family.officer, family.police, raw)


def care_visit(family: Family, number: int, days: float, *, alone: bool, person="CSC-1"):
    """A home visit by the social worker `days` ago: the child seen, alone or not."""
    return record(
        family.worker,
        family.care,
        {
            "source_reference": f"CSC-VISIT-{person}-{number}",
            "kind": "home_visit",
            "occurred_at": hours_ago(days * 24),
            "summary": "Home visit: the child was seen in the living room.",
            "subjects": [{"person": person, "role": "child_subject"}],
            "child_seen": "yes",
            "child_seen_alone": "yes" if alone else "no:parent_refused",
            "child_voice": "no:child_declined",
            "interpreter": "not_applicable",
            "details": {"visit_type": "statutory", "home_conditions": "adequate"},
        },
    )


def earlier_closure_raw(days_ago: int, person: str, number: int = 1) -> dict[str, Any]:
    """An assessment closed with no further action `days_ago` days ago, as an import from a case
    management system would bring it."""
    day = (clock.now() - timedelta(days=days_ago)).date()
    return {
        "source_reference": f"LCS-ASSESSMENT-{person}-{number}",
        "kind": "assessment",
        "occurred_at": day.isoformat(),
        "summary": "Single assessment completed: no further action.",
        "subjects": [{"person": person, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "no:not_planned",
        "child_voice": "no:not_asked",
        "interpreter": "not_applicable",
        "cin_factors": ["21"],
        "details": {
            "assessment_type": "single_assessment",
            "stage": "completed",
            "start_date": (day - timedelta(days=20)).isoformat(),
            "authorisation_date": day.isoformat(),
            "outcome": "no_further_action",
        },
    }


def earlier_closure(family: Family, days_ago: int, person: str = "CSC-1", number: int = 1):
    """Children's social care's own earlier closure with no further action, recorded as an
    event."""
    return record(family.worker, family.care, earlier_closure_raw(days_ago, person, number))


def open_signal(family: Family, title: str = "Concerns from two or more agencies") -> UUID:
    """An open risk signal for the child, answerable by children's social care."""
    signal = RiskSignal.objects.create(
        rule_id="multi_agency_concerns",
        rule_version=1,
        ruleset="2026.1",
        child_id=family.child,
        agency=family.care,
        title=title,
        fired_on=clock.now().date(),
    )
    SignalFinding.objects.create(
        signal=signal, found_on=signal.fired_on, explanation="Two agencies raised concerns."
    )
    return signal.id


def dismiss(signal_id: UUID, by) -> None:
    SignalResponse.objects.create(
        signal_id=signal_id,
        status="dismissed",
        reason="Explained by the assessment.",
        responded_by=by,
        responded_at=clock.now(),
    )


# ------------------------------------------------------------------------ assessments


def complete_content(**overrides: Any) -> AssessmentContent:
    """Every question answered; no entries reviewed yet (see reviewing)."""
    content = AssessmentContent(
        summary="Mother engaged well; the child's needs are met at home.",
        child_seen=CodedAnswer("yes"),
        child_seen_alone=CodedAnswer("yes"),
        child_voice=CodedAnswer("yes"),
        child_words="I like my new school.",
        cin_factors=("21",),
        outcome="child_in_need_plan",
    )
    return replace(content, **overrides)


def reviewing(actor, assessment_id: UUID, content: AssessmentContent) -> AssessmentContent:
    """The content with every entry of the child's chronology marked reviewed, and, for a
    closure with no further action, a rationale for everything it must answer."""
    draft = assessment_draft_open(actor=actor, assessment_id=assessment_id)
    rationales = tuple(
        Rationale(
            f"Considered: {o.title}. The family has since moved and it no longer applies.",
            signal_id=o.signal_id,
            concern_event_id=o.concern_event_id,
        )
        for o in draft.obligations
    )
    return replace(
        content,
        reviewed_version_ids=frozenset(e.event_version_id for e in draft.entries),
        rationales=rationales if content.outcome == "no_further_action" else (),
    )


def submitted(family: Family, *, author=None, child=None, **overrides: Any):
    """An assessment started, completed and submitted by the author (the allocated worker)."""
    author = author or family.worker
    child = child or family.child
    with_purpose(author, child)
    assessment = assessment_start(
        actor=author, recorded_person_id=child, assessment_type="single_assessment"
    )
    content = reviewing(author, assessment.id, complete_content(**overrides))
    assessment_submit(actor=author, assessment_id=assessment.id, content=content)
    return assessment


def closed_with_no_further_action(family: Family, **kwargs: Any):
    """An assessment closed with no further action and signed off by the manager."""
    assessment = submitted(family, outcome="no_further_action", **kwargs)
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    return assessment
