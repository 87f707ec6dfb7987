"""The demo's strategy discussion: children's social care with the police, the child's school
and a health service, recorded by the practitioner, with two actions for them to do."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from sightline.accounts.selectors import user_get_by_username
from sightline.agencies.data import AgencyKind, Role
from sightline.agencies.selectors import agency_list
from sightline.cli.demo_oversight.choosing import Child, Team
from sightline.identity.selectors import record_access_map
from sightline.meetings.data import (
    ActionIn,
    Attendance,
    AttendeeIn,
    InformationIn,
    MeetingIn,
    MeetingKind,
)
from sightline.meetings.services import action_set, meeting_record

if TYPE_CHECKING:
    from sightline.agencies.models import Agency

# The health services a strategy discussion may invite, in the order they are preferred.
_HEALTH_KINDS = (AgencyKind.GP, AgencyKind.HEALTH_VISITING, AgencyKind.SCHOOL_NURSING,
                 AgencyKind.COMMUNITY_PAEDIATRICS, AgencyKind.HOSPITAL)  # fmt: skip
_SHARED: dict[str, str] = {
    AgencyKind.CHILDRENS_SOCIAL_CARE: "The joined chronology, and the risk signals it raised "
    "with the evidence for each.",
    AgencyKind.POLICE: "The force's call-outs to the child's home, and what is known of the "
    "adults living there.",
    AgencyKind.SCHOOL: "The child's attendance, how they present in class, and what they have "
    "said to staff.",
}
_SHARED_BY_HEALTH = (
    "Growth measurements, appointments the child was not brought to, and hospital attendances."
)
_DECISIONS = (
    "Threshold for a section 47 enquiry met: together the agencies hold a pattern none of them "
    "held alone. The child is to be seen at home and alone, and the health picture brought "
    "together before the enquiry concludes."
)


def _first_of(agencies: list[Agency], kinds: tuple[str, ...], holding: set[UUID]) -> list[Agency]:
    """The agency of these kinds to invite (none if there is none): one holding a record of
    the child first, then by the order of the kinds, then by code."""
    of_kind = [a for a in agencies if a.kind in kinds]
    return sorted(of_kind, key=lambda a: (a.id not in holding, kinds.index(a.kind), a.code))[:1]


def _partners(child: Child) -> list[Agency]:
    """The police, a school and a health service, those holding a record of the child first."""
    agencies = agency_list()
    holding = {access.agency_id for access in record_access_map(ids=child.linked).values()}
    return [
        agency
        for kinds in ((AgencyKind.POLICE,), (AgencyKind.SCHOOL,), _HEALTH_KINDS)
        for agency in _first_of(agencies, kinds, holding)
    ]


def _attendee(agency: Agency) -> tuple[AttendeeIn, InformationIn]:
    """Who came for the agency (its demo user) and what they shared."""
    role = Role.DSL if agency.kind == AgencyKind.SCHOOL else Role.PRACTITIONER
    user = user_get_by_username(username=f"{agency.code}.{role}")
    name = user.display_name if user else f"For {agency.name}"
    return (
        AttendeeIn(agency.id, name, role.label, Attendance.ATTENDED),
        InformationIn(agency.id, _SHARED.get(agency.kind, _SHARED_BY_HEALTH)),
    )


def strategy_discussion(team: Team, child: Child, held_on: date) -> UUID:
    """The practitioner records a strategy discussion about the child, held on that day."""
    rows = [_attendee(agency) for agency in [team.agency, *_partners(child)]]
    recorded = meeting_record(
        actor=team.practitioner,
        meeting=MeetingIn(
            agency_id=team.agency.id,
            kind=MeetingKind.STRATEGY_DISCUSSION,
            held_on=held_on,
            chair=f"{team.manager.display_name} (chair)",
            child_ids=(child.record_id,),
            attendees=tuple(attendee for attendee, _ in rows),
            information=tuple(shared for _, shared in rows),
            decisions=_DECISIONS,
            decision="section_47",
            submission_key=f"demo-strategy-discussion-{child.record_id}",
        ),
    )
    return recorded.meeting_id


def actions_set(team: Team, child: Child, meeting_id: UUID, held_on: date, today: date) -> None:
    """Two actions for the practitioner: one due two days after the meeting, and so overdue
    already, and one due in a fortnight."""
    actions = (
        ("See the child at home, and alone, and record what they say about home.",
         "The child's own account is heard before any decision is made about them.",
         held_on + timedelta(days=2)),
        ("Bring together the GP's, health visitor's and hospital's records of the child's "
         "growth, appointments and injuries, and ask for a paediatric assessment.",
         "Any harm to the child's health is seen as one picture, not in pieces.",
         today + timedelta(days=14)),
    )  # fmt: skip
    for number, (description, different, due_on) in enumerate(actions):
        action_set(
            actor=team.practitioner,
            action=ActionIn(
                child_id=child.record_id,
                description=description,
                owner_id=team.practitioner.pk,
                owner_agency_id=team.agency.id,
                due_on=due_on,
                what_will_be_different=different,
                meeting_id=meeting_id,
                submission_key=f"demo-action-{meeting_id}-{number}",
            ),
        )
