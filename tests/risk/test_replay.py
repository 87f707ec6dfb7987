"""Replaying a case-review chronology: the signals, when they would have fired, on what evidence
and whom they would have reached, worked out in memory without touching Sightline's database."""

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from sightline.core.exceptions import InvalidInput, NotFound
from sightline.risk import rules
from sightline.risk.recipients import Basis
from sightline.risk.replay import ReplayResult, replay_file
from sightline.risk.rules import multi_agency_concerns
from sightline.risk.rules.base import Case, Finding
from tests.records.factories import domestic_abuse_raw, injury_raw, person_raw
from tests.records.test_imports import csv_file, jsonl, table_counts

pytestmark = pytest.mark.django_db

# The rule set these tests replay: only the rule they are about, whatever else is registered.
TEST_RULESET = "test.multi"
HOME = {"line1": "4 Elm Road", "town": "Eastbridge", "postcode": "ZY1 2AB", "start": "2020-01-01"}
NHS_NUMBER = "9434765919"


def register_test_ruleset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(rules.RULESETS, TEST_RULESET, (multi_agency_concerns,))


def make_case_agencies(make_agency: Callable[..., Any]) -> dict[str, Any]:
    """The five agencies of the chronology, in Sightline's register."""
    return {
        "police": make_agency("police", code="ez-police", name="Eastbridge Police"),
        "school": make_agency("school", code="ez-school", name="Elm Primary School"),
        "gp": make_agency("gp", code="ez-gp", name="Elm Surgery"),
        "hospital": make_agency("hospital", code="ez-hospital", name="Eastbridge Hospital ED"),
        "csc": make_agency(
            "childrens_social_care", code="ez-csc", name="Eastbridge Children's Social Care"
        ),
    }


@pytest.fixture(autouse=True)
def _test_ruleset(monkeypatch: pytest.MonkeyPatch) -> None:
    register_test_ruleset(monkeypatch)


@pytest.fixture
def case_agencies(make_agency: Callable[..., Any]) -> dict[str, Any]:
    return make_case_agencies(make_agency)


def child(agency: str, reference: str, **fields: Any) -> dict[str, Any]:
    """One agency's record of the same girl, each written its own way."""
    values = {
        "source_reference": reference,
        "given_name": "Zofia",
        "family_name": "Kowalska",
        "date_of_birth": "2018-03-14",
        "sex": "F",
        "identifiers": {},
        "addresses": [HOME],
        **fields,
    }
    return {"record_type": "person", "agency": agency, **person_raw(**values)}


def mother(agency: str, reference: str) -> dict[str, Any]:
    return {
        "record_type": "person",
        "agency": agency,
        **person_raw(
            source_reference=reference,
            given_name="Anna",
            family_name="Kowalska",
            date_of_birth="1990-05-02",
            sex="F",
            identifiers={},
            addresses=[HOME],
        ),
    }


def concern(agency: str, reference: str, subject: str, on: str) -> dict[str, Any]:
    return {
        "record_type": "event",
        "agency": agency,
        "source_reference": reference,
        "kind": "concern",
        "occurred_at": on,
        "summary": "Arrived hungry and asked for food.",
        "subjects": [{"person": subject, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "child_voice": "yes",
        "child_words": "There was no breakfast.",
        "interpreter": "not_applicable",
        "details": {"categories": ["neglect"]},
    }


def incident(reference: str, on: str) -> dict[str, Any]:
    raw = domestic_abuse_raw("POL-C1", source_reference=reference, occurred_at=on)
    raw["subjects"] = [
        {"person": "POL-C1", "role": "child_subject"},
        {"person": "POL-M1", "role": "parent_or_carer"},
    ]
    return {"record_type": "event", "agency": "ez-police", **raw}


def injury(reference: str, on: str) -> dict[str, Any]:
    raw = injury_raw("HOS-4410", source_reference=reference, occurred_at=on)
    raw["details"]["explanation_fits"] = "no"
    return {"record_type": "event", "agency": "ez-hospital", **raw}


def allocation(start: str, end: str) -> dict[str, Any]:
    return {
        "record_type": "relationship",
        "agency": "ez-csc",
        "source_reference": "CSC-AL-1",
        "kind": "worker_allocation",
        "person": "CSC-601",
        "worker_name": "Sam Okafor",
        "start": start,
        "end": end,
    }


def chronology(*, allocated: bool = True) -> list[dict[str, Any]]:
    """A case-review chronology from five agencies about one girl: a school concern and a police
    incident three weeks apart; months later, a GP concern and an injury at hospital."""
    records = [
        child("ez-gp", "GP-77", identifiers={"nhs_number": NHS_NUMBER}),
        child(
            "ez-hospital",
            "HOS-4410",
            family_name="Kowalski",
            identifiers={"nhs_number": NHS_NUMBER},
        ),
        child("ez-csc", "CSC-601", identifiers={"nhs_number": NHS_NUMBER}),
        child("ez-school", "SCH-1042", given_name="Zosia", identifiers={"upn": "B801200005001"}),
        child("ez-police", "POL-C1", family_name="Kovalska", date_of_birth="2018-03"),
        mother("ez-police", "POL-M1"),
        concern("ez-school", "SCH-EV-1", "SCH-1042", "2024-03-01T09:00"),
        incident("POL-INC-1", "2024-03-22T23:40"),
        concern("ez-gp", "GP-EV-9", "GP-77", "2024-07-01T10:00"),
        injury("HOS-ATT-3", "2024-07-20T18:00"),
    ]
    if allocated:
        records.append(allocation("2024-03-10", "2024-05-01"))
    return records


def replay(path: Path, **options: Any) -> ReplayResult:
    return replay_file(path=path, ruleset_name=TEST_RULESET, **options)


def evidence_of(signal: Any) -> list[tuple[str, str, date, str]]:
    return [(e.agency, e.kind, e.on, e.source_reference) for e in signal.evidence]


def test_concerns_of_two_agencies_fire_once_with_the_evidence_and_reach_the_allocated_worker(
    case_agencies, tmp_path
):
    result = replay(jsonl(tmp_path, chronology()))
    assert len(result.signals) == 1
    signal = result.signals[0]
    assert signal.fired_on == date(2024, 3, 22)
    assert (signal.rule_id, signal.version) == ("multi_agency_concerns", 1)
    assert signal.title == multi_agency_concerns.TITLE
    assert evidence_of(signal) == [
        ("ez-school", "concern", date(2024, 3, 1), "SCH-EV-1"),
        ("ez-police", "domestic_abuse_incident", date(2024, 3, 22), "POL-INC-1"),
    ]
    assert "2 agencies" in signal.explanation
    assert [(a.basis, a.description) for a in signal.reached] == [
        (
            Basis.ALLOCATED_WORKER,
            "Sam Okafor (allocated worker, Eastbridge Children's Social Care)",
        ),
        (Basis.ALLOCATING_MANAGER, "manager of Eastbridge Children's Social Care"),
    ]


def test_the_records_of_every_agency_spelt_their_own_way_are_one_child(case_agencies, tmp_path):
    signal = replay(jsonl(tmp_path, chronology())).signals[0]
    assert {(r.agency, r.source_reference, r.name) for r in signal.child} == {
        ("ez-gp", "GP-77", "Zofia Kowalska"),
        ("ez-hospital", "HOS-4410", "Zofia Kowalski"),
        ("ez-csc", "CSC-601", "Zofia Kowalska"),
        ("ez-school", "SCH-1042", "Zosia Kowalska"),
        ("ez-police", "POL-C1", "Zofia Kovalska"),
    }


def test_later_concerns_add_evidence_to_the_signal_while_it_is_open(case_agencies, tmp_path):
    signal = replay(jsonl(tmp_path, chronology())).signals[0]
    assert [
        (later.added_on, [e.source_reference for e in later.evidence]) for later in signal.later
    ] == [(date(2024, 7, 20), ["GP-EV-9", "HOS-ATT-3"])]


def test_without_an_allocated_worker_the_signal_goes_to_the_front_door(case_agencies, tmp_path):
    signal = replay(jsonl(tmp_path, chronology(allocated=False))).signals[0]
    assert [(a.basis, a.description) for a in signal.reached] == [
        (Basis.FRONT_DOOR, "MASH / front door of Eastbridge Children's Social Care"),
        (
            Basis.FRONT_DOOR_MANAGER,
            "manager of the front door of Eastbridge Children's Social Care",
        ),
    ]


def test_as_of_before_the_second_concern_nothing_has_fired(case_agencies, tmp_path):
    path = jsonl(tmp_path, chronology())
    assert replay(path, as_of=date(2024, 3, 21)).signals == ()
    assert [s.fired_on for s in replay(path, as_of=date(2024, 3, 22)).signals] == [
        date(2024, 3, 22)
    ]


def test_a_csv_file_replays_as_its_json_lines_twin(case_agencies, tmp_path):
    from_jsonl = replay(jsonl(tmp_path, chronology()))
    from_csv = replay(csv_file(tmp_path, chronology()))
    assert from_csv.signals == from_jsonl.signals


def test_the_adults_incidents_count_while_they_live_with_the_child(case_agencies, tmp_path):
    """The mother's own incident is in the child's case because the police record the same
    home for both: with the school's concern it makes two agencies."""
    raw = domestic_abuse_raw("POL-M1", source_reference="POL-INC-M", occurred_at="2024-03-05T22:00")
    raw["subjects"] = [{"person": "POL-M1", "role": "parent_or_carer"}]
    records = [r for r in chronology() if r.get("source_reference") != "POL-INC-1"]
    records.append({"record_type": "event", "agency": "ez-police", **raw})
    signal = replay(jsonl(tmp_path, records)).signals[0]
    assert signal.fired_on == date(2024, 3, 5)
    assert [e.source_reference for e in signal.evidence] == ["SCH-EV-1", "POL-INC-M"]


def test_nothing_is_written_to_the_database(case_agencies, tmp_path):
    before = table_counts()
    replay(jsonl(tmp_path, chronology()))
    assert table_counts() == before


def test_the_agencies_may_come_from_a_file_instead_of_sightline(tmp_path):
    agencies = [
        {"code": "ez-police", "name": "Eastbridge Police", "kind": "police"},
        {"code": "ez-school", "name": "Elm Primary School", "kind": "school"},
        {"code": "ez-gp", "name": "Elm Surgery", "kind": "gp"},
        {"code": "ez-hospital", "name": "Eastbridge Hospital ED", "kind": "hospital"},
        {"code": "ez-csc", "name": "Eastbridge CSC", "kind": "childrens_social_care"},
    ]
    listed = tmp_path / "agencies.json"
    listed.write_text(json.dumps(agencies))
    signals = replay(jsonl(tmp_path, chronology()), agencies_path=listed).signals
    assert [s.fired_on for s in signals] == [date(2024, 3, 22)]
    assert signals[0].reached[0].description == "Sam Okafor (allocated worker, Eastbridge CSC)"


def test_a_bad_file_names_each_row_and_field_and_replays_nothing(case_agencies, tmp_path):
    records = chronology()
    records[6]["child_seen"] = "maybe"  # row 7
    records[7]["subjects"][0]["person"] = "POL-404"  # row 8
    records.append(concern("ez-nowhere", "X-1", "GP-77", "2024-08-01"))  # row 12
    with pytest.raises(InvalidInput) as error:
        replay(jsonl(tmp_path, records))
    named = {(p.row, p.field) for p in error.value.problems}
    assert {(7, "child_seen.answer"), (8, "subjects.0.person"), (12, "agency")} <= named
    assert "no person 'POL-404' of ez-police in this file" in str(error.value)


def test_an_unknown_rule_set_or_default_agency_is_refused(case_agencies, tmp_path):
    path = jsonl(tmp_path, chronology())
    with pytest.raises(ValueError, match="no rule set '1999.9'"):
        replay_file(path=path, ruleset_name="1999.9")
    with pytest.raises(NotFound, match="no agency with the code 'nowhere'"):
        replay(path, default_agency="nowhere")


def test_replay_runs_the_registered_rule_set_by_default(case_agencies, tmp_path):
    result = replay_file(path=jsonl(tmp_path, chronology()))
    assert result.ruleset == rules.CURRENT_RULESET
    registered = {rule.RULE_ID for rule in rules.ruleset()}
    assert {s.rule_id for s in result.signals} <= registered
    assert "multi_agency_concerns" in {s.rule_id for s in result.signals}


def _overdue_rule() -> ModuleType:
    """A rule about time passing, for the test below: a child allocated for 10 days, while the
    allocation lasts."""
    rule = ModuleType("allocated_ten_days")
    rule.RULE_ID = "allocated_ten_days"  # type: ignore[attr-defined]
    rule.VERSION = 1  # type: ignore[attr-defined]
    rule.TITLE = "Allocated for ten days"  # type: ignore[attr-defined]

    def evaluate(case: Case) -> list[Finding]:
        return [
            Finding("allocated_ten_days", 1, due, (case.items[0].id,), "Ten days allocated.")
            for span in case.open_spans(case.as_of)
            if case.items and (due := span.start + timedelta(days=10)) <= case.as_of
        ]

    rule.evaluate = evaluate  # type: ignore[attr-defined]
    return rule


def test_a_rule_about_time_passing_fires_on_the_day_time_ran_out(
    case_agencies, tmp_path, monkeypatch
):
    """No entry falls while the child is allocated: only the weekly look while the child is
    open to a service finds it, dated the day time ran out, reaching the worker then."""
    monkeypatch.setitem(rules.RULESETS, "test.time", (_overdue_rule(),))
    records = [r for r in chronology() if r.get("source_reference") != "POL-INC-1"]
    signals = replay_file(path=jsonl(tmp_path, records), ruleset_name="test.time").signals
    assert [(s.rule_id, s.fired_on) for s in signals] == [("allocated_ten_days", date(2024, 3, 20))]
    assert signals[0].reached[0].basis == Basis.ALLOCATED_WORKER
