"""The ground truth agrees with the records, and harm and its look-alikes come at the shares
the profile sets."""

from collections import Counter, defaultdict
from datetime import date

import pytest

from sightline.synthetic.generator import generate
from sightline.synthetic.profile import profile_load
from tests.synthetic.conftest import read_lines

HARM_TYPES = {
    "neglect",
    "domestic_abuse",
    "unexplained_injuries",
    "non_mobile_bruising",
    "repeated_nfa",
    "missed_appointments",
}
LOOKALIKE_TYPES = {
    "accidental_injury",
    "single_callout",
    "missed_appointment_good_reason",
    "single_referral_nfa",
}
# The event kinds in which each trajectory shows itself.
SIGNS = {
    "neglect": {"behaviour_observation", "growth_measurement", "home_visit"},
    "domestic_abuse": {"domestic_abuse_incident"},
    "unexplained_injuries": {"injury"},
    "non_mobile_bruising": {"injury"},
    "repeated_nfa": {"referral"},
    "missed_appointments": {"missed_appointment"},
}


def _person_of_record(population):
    return {
        (record["agency"], record["source_reference"]): person["person_id"]
        for person in population.truth_of_type("person")
        for record in person["records"]
    }


def test_every_recorded_person_belongs_to_exactly_one_true_person(population):
    owners = Counter(
        (record["agency"], record["source_reference"])
        for person in population.truth_of_type("person")
        for record in person["records"]
    )
    lines = {(p["agency"], p["source_reference"]) for p in population.of_type("person")}
    assert set(owners) == lines
    assert max(owners.values()) == 1


def test_households_hold_their_people_with_dated_membership(population):
    persons = {p["person_id"]: p for p in population.truth_of_type("person")}
    seen = set()
    for household in population.truth_of_type("household"):
        assert household["addresses"]
        for member in household["members"]:
            person = persons[member["person_id"]]
            assert person["household_id"] == household["household_id"]
            assert member["end"] is None or member["end"] > member["start"]
            seen.add(member["person_id"])
    assert seen == set(persons)


def test_new_partners_move_in_and_some_have_a_history_of_violence(population):
    persons = {p["person_id"]: p for p in population.truth_of_type("person")}
    partners = [
        m
        for h in population.truth_of_type("household")
        for m in h["members"]
        if m["role"] == "partner"
    ]
    assert partners
    assert any(persons[m["person_id"]]["history_of_violence"] for m in partners)
    assert all(
        persons[m["person_id"]]["pnc_id"]
        for m in partners
        if persons[m["person_id"]]["history_of_violence"]
    )


def test_twins_and_siblings_are_born(population):
    children = defaultdict(list)
    for person in population.truth_of_type("person"):
        if person["child"]:
            children[person["household_id"]].append(person["date_of_birth"])
    assert any(len(births) > 1 for births in children.values())
    assert any(len(births) != len(set(births)) for births in children.values())


def test_harm_and_look_alikes_come_at_the_profiles_shares(population):
    children = population.summary.children
    harmed = {t["person_id"] for t in population.truth_of_type("harm")}
    resembling = {t["person_id"] for t in population.truth_of_type("lookalike")}
    assert 0.015 <= len(harmed) / children <= 0.05  # profile: 0.03
    assert 0.03 <= len(resembling) / children <= 0.08  # profile: 0.05
    assert not harmed & resembling


def test_harm_is_on_children_and_starts_within_the_window(population):
    persons = {p["person_id"]: p for p in population.truth_of_type("person")}
    for line in population.truth_of_type("harm") + population.truth_of_type("lookalike"):
        assert persons[line["person_id"]]["child"]
        assert date(2019, 3, 31) <= date.fromisoformat(line["start"]) <= date(2025, 3, 31)


def test_each_harm_trajectory_shows_in_the_records_from_its_start(population):
    owner = _person_of_record(population)
    kinds_by_person = defaultdict(list)
    for event in population.of_type("event"):
        for subject in event["subjects"]:
            person = owner[(event["agency"], subject["person"])]
            kinds_by_person[person].append((event["kind"], event["occurred_at"][:10]))
    shown = 0
    harm = population.truth_of_type("harm")
    for line in harm:
        signs = [
            day
            for kind, day in kinds_by_person[line["person_id"]]
            if kind in SIGNS[line["trajectory"]]
        ]
        shown += any(day >= line["start"] for day in signs)
    assert shown >= 0.9 * len(harm)


@pytest.fixture(scope="module")
def harm_heavy(tmp_path_factory):
    out = tmp_path_factory.mktemp("harm")
    profile = profile_load().with_value("harm.share", 0.3).with_value("lookalikes.share", 0.5)
    summary = generate(persons=2_500, seed=21, out=out, profile=profile)
    return summary, read_lines(out / "truth.jsonl"), read_lines(out / "records.jsonl")


def test_the_harm_share_can_be_set(harm_heavy):
    summary, truth, _ = harm_heavy
    harmed = {t["person_id"] for t in truth if t["type"] == "harm"}
    assert 0.22 <= len(harmed) / summary.children <= 0.38


def test_every_kind_of_harm_and_look_alike_appears(harm_heavy):
    _, truth, _ = harm_heavy
    assert {t["trajectory"] for t in truth if t["type"] == "harm"} == HARM_TYPES
    assert {t["lookalike"] for t in truth if t["type"] == "lookalike"} == LOOKALIKE_TYPES


def test_injuries_to_babies_are_recorded_as_in_a_child_who_cannot_move(harm_heavy):
    _, _, records = harm_heavy
    injuries = [r["details"] for r in records if r.get("kind") == "injury"]
    assert any(d["child_mobile"] == "no" for d in injuries)
    assert any(d["explanation_fits"] == "yes" for d in injuries)  # the accidental look-alikes
    assert any(d["explanation_fits"] == "no" for d in injuries)


def test_no_harm_when_the_share_is_zero(tmp_path):
    profile = profile_load().with_value("harm.share", 0.0)
    generate(persons=800, seed=9, out=tmp_path, profile=profile)
    assert not [t for t in read_lines(tmp_path / "truth.jsonl") if t["type"] == "harm"]
