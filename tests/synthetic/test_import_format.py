"""Every generated line is a valid record in the import format, and every reference in the
file resolves within it."""

from collections import Counter

from pydantic import BaseModel

from sightline.agencies.data import AgencyKind
from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.relationships import RelationshipIn

MODELS: dict[str, type[BaseModel]] = {
    "person": PersonIn,
    "event": EventIn,
    "relationship": RelationshipIn,
}


def test_every_line_validates_with_the_shared_schema(population):
    for line in population.records:
        fields = {k: v for k, v in line.items() if k not in ("record_type", "agency")}
        MODELS[line["record_type"]].model_validate(fields)  # raises on the first bad line
    summary = population.summary
    expected = summary.recorded_persons + summary.events + summary.relationships
    assert len(population.records) == expected


def test_every_line_names_an_agency_in_agencies_json(population):
    codes = {a["code"] for a in population.agencies}
    assert {line["agency"] for line in population.records} <= codes
    assert {a["kind"] for a in population.agencies} <= set(AgencyKind.values)
    assert all(a["local_authority_code"] == "990" for a in population.agencies)


def test_references_resolve_within_the_same_agency(population):
    persons = {(p["agency"], p["source_reference"]) for p in population.of_type("person")}
    for event in population.of_type("event"):
        for subject in event["subjects"]:
            assert (event["agency"], subject["person"]) in persons
    for relationship in population.of_type("relationship"):
        assert (relationship["agency"], relationship["person"]) in persons
        if "counterpart_person" in relationship:
            assert (relationship["agency"], relationship["counterpart_person"]) in persons


def test_source_references_are_unique_within_each_agency(population):
    keys = Counter((r["agency"], r["source_reference"]) for r in population.records)
    assert keys.most_common(1)[0][1] == 1


def test_at_least_eight_agency_kinds_record_events(population):
    kinds = {a["code"]: a["kind"] for a in population.agencies}
    with_events = {kinds[e["agency"]] for e in population.of_type("event")}
    assert len(with_events) >= 8
    assert {"police", "school", "gp", "health_visiting", "childrens_social_care"} <= with_events


def test_relationships_of_every_kind_are_present(population):
    kinds = Counter(r["kind"] for r in population.of_type("relationship"))
    for kind in (
        "school_enrolment",
        "gp_registration",
        "health_visiting_caseload",
        "school_nursing_caseload",
        "worker_allocation",
        "episode",
        "plan",
        "person_relationship",
    ):
        assert kinds[kind] > 0, kind
    family = Counter(
        r["details"]["relationship"]
        for r in population.of_type("relationship")
        if r["kind"] == "person_relationship"
    )
    assert {"mother", "father", "partner_of_parent", "sibling"} <= set(family)
