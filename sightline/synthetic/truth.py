"""The ground truth beside the records: who each recorded person really is, who lived together
and when, and which children were on a harm trajectory (from when) or had a benign look-alike."""

from typing import Any

from sightline.synthetic.events.story import Story
from sightline.synthetic.model import Household, Membership, TruePerson


def truth_lines(story: Story, records: dict[str, list[tuple[str, str]]]) -> list[dict[str, Any]]:
    household = story.household
    lines: list[dict[str, Any]] = [_household(household)]
    for person in household.persons:
        lines.append(_person(household, person, records.get(person.person_id, [])))
    for trajectory in story.trajectories:
        kind = "harm" if trajectory.harm else "lookalike"
        lines.append(
            {
                "type": kind,
                "person_id": trajectory.person_id,
                "household_id": household.household_id,
                "trajectory" if trajectory.harm else "lookalike": trajectory.label,
                "start": trajectory.start.isoformat(),
            }
        )
    return lines


def _household(household: Household) -> dict[str, Any]:
    return {
        "type": "household",
        "household_id": household.household_id,
        "kind": household.kind,
        "members": [_member(m) for m in household.members],
        "addresses": [
            {
                "line1": a.line1,
                "postcode": a.postcode,
                "start": a.start.isoformat(),
                "end": a.end.isoformat() if a.end else None,
            }
            for a in household.addresses
        ],
    }


def _member(membership: Membership) -> dict[str, Any]:
    return {
        "person_id": membership.person_id,
        "role": membership.role,
        "start": membership.start.isoformat(),
        "end": membership.end.isoformat() if membership.end else None,
    }


def _person(
    household: Household, person: TruePerson, records: list[tuple[str, str]]
) -> dict[str, Any]:
    return {
        "type": "person",
        "person_id": person.person_id,
        "household_id": household.household_id,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "previous_family_name": person.birth_family_name or None,
        "sex": person.sex,
        "date_of_birth": person.date_of_birth.isoformat(),
        "child": person.is_child,
        "nhs_number": person.nhs_number,
        "upn": person.upn or None,
        "pnc_id": person.pnc_id or None,
        "history_of_violence": person.history_of_violence,
        "records": [{"agency": agency, "source_reference": ref} for agency, ref in records],
    }
