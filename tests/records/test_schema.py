"""The shared schema: what each agency may send, and the errors they get when it is wrong."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sightline.records.schema.body_map import REGIONS, Side
from sightline.records.schema.catalogue import KIND_LABELS, EventKind
from sightline.records.schema.codes import NOT_SEEN_REASONS
from sightline.records.schema.details import DETAILS_MODELS, InjuryDetails
from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.problems import describe
from sightline.records.schema.relationships import RelationshipIn
from sightline.records.schema.times import Precision
from tests.records.factories import domestic_abuse_raw, injury_raw, person_raw


def problems(model, raw) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(raw)
    return dict(describe(caught.value))


def test_every_kind_named_in_the_design_has_a_label_and_its_own_details_model():
    design_kinds = {
        "concern",
        "domestic_abuse_incident",
        "injury",
        "hospital_attendance",
        "health_contact",
        "growth_measurement",
        "missed_appointment",
        "school_absence",
        "behaviour_observation",
        "disclosure",
        "referral",
        "front_door_decision",
        "strategy_discussion",
        "section_47_enquiry",
        "assessment",
        "child_protection_conference",
        "plan_start",
        "plan_end",
        "home_visit",
        "meeting",
        "action",
        "household_change",
        "note",
    }
    assert {k.value for k in EventKind} == design_kinds
    assert set(DETAILS_MODELS) == set(EventKind) == set(KIND_LABELS)


def test_body_map_has_at_least_thirty_regions_with_left_and_right_on_both_views():
    assert len(REGIONS) >= 30
    assert len({r.code for r in REGIONS}) == len(REGIONS)
    for view in ("front", "back"):
        sided = [r for r in REGIONS if r.view == view and r.side is not Side.MIDLINE]
        assert {r.side for r in sided} == {Side.LEFT, Side.RIGHT}


def test_a_valid_injury_keeps_its_marks_and_the_day_precision():
    event = EventIn.model_validate(injury_raw(occurred_at="2024-03-04"))
    assert event.occurred_precision is Precision.DAY
    assert isinstance(event.details, InjuryDetails)
    assert event.details.marks[0].region == "F-CHEEK-L"


@pytest.mark.parametrize(
    ("written", "precision"),
    [
        ("2024", Precision.YEAR),
        ("2024-03", Precision.MONTH),
        ("2024-03-04", Precision.DAY),
        ("2024-03-04T09:10", Precision.EXACT),
    ],
)
def test_precision_follows_how_much_of_the_time_was_written(written, precision):
    assert EventIn.model_validate(injury_raw(occurred_at=written)).occurred_precision is precision


def test_approximate_precision_can_be_stated():
    event = EventIn.model_validate(
        injury_raw(occurred_at="2024-03", occurred_precision="approximate")
    )
    assert event.occurred_precision is Precision.APPROXIMATE


def test_unknown_body_map_region_names_the_mark_and_field():
    raw = injury_raw()
    raw["details"]["marks"][0]["region"] = "F-TAIL"
    assert "details.marks.0.region" in problems(EventIn, raw)


def test_a_no_without_a_reason_is_refused_because_gaps_must_be_coded():
    found = problems(EventIn, injury_raw(child_seen="no", child_seen_alone="not_applicable"))
    assert "needs a code" in found["child_seen"]


@given(st.sampled_from(sorted(NOT_SEEN_REASONS)))
def test_every_coded_reason_for_not_seeing_the_child_is_accepted(reason):
    event = EventIn.model_validate(
        injury_raw(
            child_seen=f"no:{reason}",
            child_seen_alone="no:not_seen",
            child_voice="no:not_seen",
            child_words="",
        )
    )
    assert event.child_seen.code == reason


def test_a_child_cannot_be_seen_alone_without_being_seen():
    found = problems(EventIn, injury_raw(child_seen="no:not_at_home", child_seen_alone="yes"))
    assert "child_seen_alone" in found


def test_the_childs_words_are_required_when_the_child_was_heard():
    assert "child_words" in problems(EventIn, injury_raw(child_words=""))


def test_not_applicable_is_refused_for_a_home_visit_because_the_child_should_be_seen():
    raw = {
        **injury_raw(),
        "kind": "home_visit",
        "child_seen": "not_applicable",
        "child_seen_alone": "not_applicable",
        "child_voice": "not_applicable",
        "child_words": "",
        "details": {"visit_type": "statutory", "home_conditions": "poor"},
    }
    assert "child_seen" in problems(EventIn, raw)


def test_a_family_member_interpreting_is_flagged():
    assert EventIn.model_validate(domestic_abuse_raw()).interpreter_flagged is True
    assert EventIn.model_validate(injury_raw()).interpreter_flagged is False


def test_interpreter_yes_must_say_who_interpreted():
    assert "interpreter" in problems(EventIn, injury_raw(interpreter="yes"))


def _assessment(**details):
    base = {
        "assessment_type": "single_assessment",
        "stage": "completed",
        "start_date": "2024-01-02",
        "authorisation_date": "2024-02-01",
        "outcome": "no_further_action",
        "reason_for_closure": "RC8",
    }
    return {
        **injury_raw(),
        "kind": "assessment",
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "details": {**base, **details},
    }


def test_cin_factor_21_cannot_be_combined_with_others():
    assert "cin_factors" in problems(EventIn, {**_assessment(), "cin_factors": ["21", "3B"]})


def test_withdrawn_cin_factors_are_refused_with_their_replacement():
    found = problems(EventIn, {**_assessment(), "cin_factors": ["18A"]})
    assert "18B" in found["cin_factors"]


def test_factors_belong_to_completed_assessments_only():
    raw = {
        **_assessment(
            stage="started", outcome=None, authorisation_date=None, reason_for_closure=None
        ),
        "cin_factors": ["3B"],
    }
    assert "cin_factors" in problems(EventIn, raw)


def test_a_completed_assessment_with_factors_is_valid():
    event = EventIn.model_validate({**_assessment(), "cin_factors": ["3b", "4B"]})
    assert event.cin_factors == ["3B", "4B"]


def test_unknown_fields_are_errors_not_silently_dropped():
    raw = domestic_abuse_raw()
    raw["details"]["risk"] = "high"
    assert "details.risk" in problems(EventIn, raw)


def test_every_problem_in_an_event_is_reported_at_once():
    found = problems(
        EventIn, {**injury_raw(), "summary": "", "occurred_at": "2024-13-01", "child_seen": "maybe"}
    )
    assert {"summary", "occurred_at"} <= set(found)
    assert any(key.startswith("child_seen") for key in found)


def test_person_identifiers_are_checked_and_normalised():
    person = PersonIn.model_validate(person_raw(identifiers={"nhs_number": "943 476 5919"}))
    assert person.identifiers[0].value == "9434765919"
    assert "identifiers.0" in problems(
        PersonIn, person_raw(identifiers={"nhs_number": "9434765918"})
    )


def test_a_partial_date_of_birth_keeps_its_precision():
    person = PersonIn.model_validate(person_raw(date_of_birth="2019-05"))
    assert person.date_of_birth_precision is Precision.MONTH


def test_cin_disability_none_cannot_be_combined():
    assert "disabilities" in problems(PersonIn, person_raw(disabilities=["NONE", "AUT"]))


def test_a_child_protection_plan_needs_a_category_of_abuse():
    raw = {
        "kind": "plan",
        "person": "P-1",
        "start": "2024-01-01",
        "details": {"plan_type": "child_protection"},
    }
    assert "details.category_of_abuse" in problems(RelationshipIn, raw)


def test_a_stated_relationship_names_the_other_person():
    raw = {
        "kind": "person_relationship",
        "person": "P-1",
        "start": "2024-01-01",
        "details": {"relationship": "mother", "lives_with": True},
    }
    assert "counterpart_person" in problems(RelationshipIn, raw)
