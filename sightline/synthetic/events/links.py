"""Dated relationships with services (GP registration, school enrolment, health visiting and
school nursing caseloads) and the family links each agency records between the people it knows."""

from datetime import date, timedelta

from sightline.synthetic.agencies import Agency
from sightline.synthetic.events.story import Story, school_start
from sightline.synthetic.model import TruePerson, TrueRelationship

_YEAR_DAYS = 365


def _end_if_past(story: Story, day: date) -> date | None:
    return day if day <= story.world.reference_date else None


def service_relationships(story: Story) -> None:
    household = story.household
    for person in household.persons:
        joined = max(person.date_of_birth, household.membership(person).start)
        gp = person.gp or story.agency("gp")
        story.relate(TrueRelationship(gp, "gp_registration", person, joined))
    for child in household.children:
        _schooling(story, child)
        visiting_ends = school_start(child)
        story.relate(
            TrueRelationship(
                story.agency("health_visiting"),
                "health_visiting_caseload",
                child,
                child.date_of_birth + timedelta(days=10),
                _end_if_past(story, visiting_ends),
            )
        )


def _schooling(story: Story, child: TruePerson) -> None:
    """Reception to year 6 at primary, years 7 to 11 at secondary, on the school nurses'
    caseload throughout."""
    start = school_start(child)
    primary_ends = date(start.year + 7, 7, 22)
    secondary_ends = date(start.year + 12, 7, 22)
    periods = (
        ("primary_school", start, primary_ends),
        ("secondary_school", date(start.year + 7, 9, 1), secondary_ends),
    )
    for kind, first, last in periods:
        enrolment = TrueRelationship(
            story.agency(kind), "school_enrolment", child, first, _end_if_past(story, last)
        )
        story.relate(enrolment)
    nursing = story.agency("school_nursing")
    ends = _end_if_past(story, secondary_ends)
    story.relate(TrueRelationship(nursing, "school_nursing_caseload", child, start, ends))


def known_by(story: Story) -> dict[Agency, set[str]]:
    """Which persons each agency records, from its events and relationships."""
    known: dict[Agency, set[str]] = {}
    for event in story.events:
        known.setdefault(event.agency, set()).update(p.person_id for p, _ in event.subjects)
    for rel in story.relationships:
        ids = {rel.person.person_id} | ({rel.counterpart.person_id} if rel.counterpart else set())
        known.setdefault(rel.agency, set()).update(ids)
    return known


def family_links(story: Story) -> None:
    """Each agency links the children it records to their family, as far as it knows them.
    Health records often did not link siblings (the Pelka review), so GP links are partial."""
    gp_rate = story.profile.rate("recording.gp_family_link_rate")
    for agency, ids in known_by(story).items():
        children = [c for c in story.household.children if c.person_id in ids]
        if not children:
            continue
        if agency.kind == "gp" and story.rng.random() >= gp_rate:
            continue
        for child in children:
            _link_child(story, agency, child, ids)


# Whom an agency links a child to, adding their records if it has none: schools and GP
# practices take the parents' details, health visitors the mother's, social care the whole
# household's. Siblings are linked only where both children are already known.
_ADDS_FAMILY = {
    "school": {"mother"},
    "gp": {"mother", "father"},
    "health_visiting": {"mother"},
    "childrens_social_care": {"mother", "father", "partner", "child"},
}
_LINKS_SIBLINGS = {"gp", "childrens_social_care"}


def _link_child(story: Story, agency: Agency, child: TruePerson, ids: set[str]) -> None:
    household = story.household
    adds = _ADDS_FAMILY.get(agency.kind, set())
    if agency.kind == "school" and household.person("mother") is None:
        adds = {"father"}
    for member in household.members:
        other = next(p for p in household.persons if p.person_id == member.person_id)
        if other is child or (other.person_id not in ids and member.role not in adds):
            continue
        if member.role == "child" and (
            agency.kind not in _LINKS_SIBLINGS or other.date_of_birth < child.date_of_birth
        ):
            continue  # one line per pair of siblings, from the elder
        relationship = _relationship_to(member.role)
        start = max(child.date_of_birth, member.start)
        end = member.end if relationship == "partner_of_parent" else None
        lives_with = member.end is None or member.end > story.world.reference_date
        story.relate(
            TrueRelationship(
                agency,
                "person_relationship",
                child,
                start,
                end,
                counterpart=other,
                details={"relationship": relationship, "lives_with": lives_with},
            )
        )


def _relationship_to(role: str) -> str:
    """How the other person stands to the child."""
    if role == "child":
        return "sibling"
    if role == "partner":
        return "partner_of_parent"
    if role in ("mother", "father"):
        return role
    return "other_relative"
