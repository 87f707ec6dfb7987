"""The demo practitioner's assessments: allocated by their manager, they say why they open each
child's record, read the whole joined chronology, and submit; the manager signs off closures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from sightline.access.data import Purpose
from sightline.access.services import purpose_state
from sightline.agencies.selectors import scope_for_user
from sightline.assessments.data import (
    AssessmentContent,
    AssessmentType,
    CodedAnswer,
    Draft,
    Obligation,
    Outcome,
    Rationale,
)
from sightline.assessments.services import (
    assessment_draft_open,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from sightline.cli.demo_oversight.choosing import SPEAKING_AGE, Child, Team
from sightline.records.schema.codes import CIN_NO_FACTORS
from sightline.records.selectors import recorded_person_get
from sightline.records.services import relationship_record

# The CIN census factors an assessment would identify for a child with a rule's signal; any
# child with a signal is assessed for neglect too.
_FACTORS = {
    "abuse_mental_health_substances": ("2B", "3B", "4B"),
    "repeated_domestic_abuse": ("3B",),
    "new_adult_violence": ("3C",),
    "injury_explanation": ("18C",),
    "non_mobile_bruising": ("18C",),
    "parental_account_contradicted": ("17A",),
}
_NEGLECT = "16A"

Writing = Callable[[Draft], AssessmentContent]


def allocate(team: Team, child: Child, since: date, purpose: Purpose) -> None:
    """The manager allocates the child to the practitioner, who says why they open the record."""
    scope = scope_for_user(user_id=team.manager.pk)
    person = recorded_person_get(scope=scope, person_id=child.record_id).summary
    relationship_record(
        actor=team.manager,
        scope=scope,
        agency_id=team.agency.id,
        raw={
            "kind": "worker_allocation",
            "person": person.source_reference,
            "worker": team.practitioner.username,
            "start": since.isoformat(),
        },
    )
    purpose_state(actor=team.practitioner, recorded_person_id=child.record_id, purpose=purpose)


def _seen(child: Child, today: date, words: str) -> dict[str, Any]:
    """Seen, seen alone and heard, as far as the child's age allows."""
    age = child.age_on(today)
    seen = {
        "child_seen": CodedAnswer("yes"),
        "child_seen_alone": CodedAnswer("yes")
        if age >= SPEAKING_AGE
        else CodedAnswer("no", "too_young"),
    }
    if age < 2:
        return seen | {"child_voice": CodedAnswer("no", "pre_verbal")}
    return seen | {"child_voice": CodedAnswer("yes"), "child_words": words}


def _reviewed(draft: Draft) -> frozenset[UUID]:
    """Every entry of the child's joined chronology, read by the author."""
    return frozenset(entry.event_version_id for entry in draft.entries)


def submitted_assessment(team: Team, child: Child, writing: Writing) -> UUID:
    """The practitioner starts a single assessment, reads the chronology and submits it."""
    practitioner = team.practitioner
    started = assessment_start(
        actor=practitioner,
        recorded_person_id=child.record_id,
        assessment_type=AssessmentType.SINGLE_ASSESSMENT,
    )
    draft = assessment_draft_open(actor=practitioner, assessment_id=started.id)
    assessment_submit(actor=practitioner, assessment_id=started.id, content=writing(draft))
    return started.id


def child_in_need_plan(child: Child, today: date) -> Writing:
    factors = sorted({f for rule in child.rules for f in _FACTORS.get(rule, ())} | {_NEGLECT})
    signals = "; ".join(title.lower() for title in child.titles)
    summary = (
        f"Assessed after the risk signals on the joined chronology ({signals}). Visited at "
        "home twice and saw the child at school. What the school, health services and the "
        "police hold, read together, shows needs that no single agency could meet. The "
        "parents accept that help is needed. A child in need plan with the school, the school "
        "nurse and the GP, reviewed in six weeks."
    )
    words = "I like breakfast club. At home I stay in my room when they shout."
    return lambda draft: AssessmentContent(
        summary=summary,
        **_seen(child, today, words),
        cin_factors=tuple(factors),
        outcome=Outcome.CHILD_IN_NEED_PLAN,
        reviewed_version_ids=_reviewed(draft),
    )


def _rationale(obligation: Obligation, again: bool) -> Rationale:
    checked = (
        "Looked at again: nothing new since the last assessment, and the parents say things "
        "are better."
        if again
        else "Went through the evidence with the agencies that recorded it: they followed it "
        "up at the time, have no current concern and will refer again if anything changes."
    )
    return Rationale(
        f"{obligation.title}. {checked}", obligation.signal_id, obligation.concern_event_id
    )


def no_further_action(child: Child, today: date, again: bool) -> Writing:
    summary = (
        "Referred again within weeks of the last closure. Visited: the parents were "
        "cooperative and say the difficulties have passed. No further action."
        if again
        else "Visited at home after the contact. The home was adequate and the parents spoke "
        "openly. The agencies involved have no current concern beyond what is answered "
        "below. No further action; universal services continue."
    )
    words = "Mummy makes my tea. I am good at school."
    return lambda draft: AssessmentContent(
        summary=summary,
        **_seen(child, today, words),
        cin_factors=(CIN_NO_FACTORS,),
        outcome=Outcome.NO_FURTHER_ACTION,
        reviewed_version_ids=_reviewed(draft),
        rationales=tuple(_rationale(o, again) for o in draft.obligations),
    )


def closed_twice(team: Team, child: Child, today: date) -> None:
    """A closure with no further action, signed off, which takes effect (the child's chronology
    records it); then a second one for the same child, signed off too, which the assessments
    app holds for a senior manager's review, since it follows the first within the year."""
    for again in (False, True):
        assessment = submitted_assessment(team, child, no_further_action(child, today, again))
        assessment_sign_off(
            actor=team.manager,
            assessment_id=assessment,
            comments="Agreed: the rationale answers each signal and concern.",
        )
