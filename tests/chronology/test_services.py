"""Opening a child's joined chronology: who may, what they see, and what the audit says."""

import time
from datetime import timedelta

import pytest

from sightline.access.models import BreakGlassAlert
from sightline.access.services import break_glass_open, purpose_state
from sightline.agencies.selectors import scope_for_user
from sightline.audit.models import AuditEntry
from sightline.chronology.data import Filters, PurposeRequired
from sightline.chronology.services import chronology_open
from sightline.core import clock
from sightline.core.exceptions import InvalidInput, NotFound
from sightline.records.services import event_amend
from tests.chronology.conftest import note as note_raw
from tests.chronology.conftest import record_event
from tests.records.factories import domestic_abuse_raw


def test_the_schools_dsl_sees_every_agencys_entries_about_the_pupil(pupil):
    dsl = pupil.staff["dsl"]
    with pytest.raises(PurposeRequired):
        chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    purpose_state(actor=dsl, recorded_person_id=pupil.school_record, purpose="concern")
    chronology = chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    agencies = {entry.agency_name for entry in chronology.entries if entry.about == "child"}
    assert agencies == {a.name for a in pupil.agencies.values()}
    assert chronology.bases == ("school_dsl",)
    assert AuditEntry.objects.filter(
        action="chronology.viewed", actor=dsl, recorded_person_id=pupil.school_record
    ).exists()


def test_a_teacher_at_the_same_school_is_refused_as_if_the_child_did_not_exist(pupil):
    teacher = pupil.staff["teacher"]
    with pytest.raises(NotFound) as refused:
        chronology_open(actor=teacher, recorded_person_id=pupil.school_record)
    assert str(refused.value) == "There is no such person record."
    assert AuditEntry.objects.filter(action="chronology.refused", actor=teacher).count() == 1


def test_an_adult_of_the_household_is_redacted_for_the_school_in_full_for_police(pupil):
    dsl = pupil.staff["dsl"]
    purpose_state(actor=dsl, recorded_person_id=pupil.school_record, purpose="concern")
    chronology = chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    adult = [entry for entry in chronology.entries if entry.about == "household_adult"]
    assert [(e.kind, e.redacted, e.summary) for e in adult] == [("concern", True, "")]
    assert adult[0].agency_name == pupil.agencies["police"].name  # whom to ask


def test_break_glass_opens_the_chronology_for_a_while_and_tells_the_owners(pupil, settings):
    nurse = pupil.staff["nurse"]
    with pytest.raises(NotFound):
        chronology_open(actor=nurse, recorded_person_id=pupil.hospital_record)
    grant = break_glass_open(
        actor=nurse,
        recorded_person_id=pupil.hospital_record,
        reason="immediate_risk",
        explanation="Child brought in at 2am with a head injury; no social worker reachable.",
    )
    purpose_state(actor=nurse, recorded_person_id=pupil.hospital_record, purpose="concern")
    chronology = chronology_open(actor=nurse, recorded_person_id=pupil.hospital_record)
    assert chronology.bases == ("break_glass",)
    assert chronology.break_glass_until == grant.expires_at
    told = set(
        AuditEntry.objects.filter(action="access.break_glass_opened").values_list(
            "actor_id", flat=True
        )
    )
    assert told == {nurse.pk}
    recipients = set(BreakGlassAlert.objects.values_list("recipient_id", flat=True))
    assert recipients == {
        pupil.staff["ig_lead"].pk,
        pupil.staff["police_ig"].pk,
        pupil.staff["police_manager"].pk,
    }


def test_as_of_a_moment_the_chronology_is_what_sightline_held_then(pupil):
    dsl = pupil.staff["dsl"]
    purpose_state(actor=dsl, recorded_person_id=pupil.school_record, purpose="concern")
    before = clock.now()
    time.sleep(1.1)  # versions are stamped by the database's clock, to the second at worst
    scope = scope_for_user(user_id=dsl.pk)
    [note] = [e for e in chronology_open(actor=dsl, recorded_person_id=pupil.school_record).entries
              if e.kind == "note" and e.agency_id == pupil.agencies["school"].id]  # fmt: skip
    event_amend(
        actor=dsl,
        scope=scope,
        event_id=note.event_id,
        raw=note_raw("S-1", "P-0001", "Arrived hungry again; ate three breakfasts."),
        reason="Count corrected by the kitchen",
    )
    record_event(
        dsl,
        pupil.agencies["school"],
        note_raw("S-2", "P-0001", "Seen alone, quiet.", occurred_at="2024-02-02T09:00"),
    )
    now = chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    then = chronology_open(
        actor=dsl, recorded_person_id=pupil.school_record, filters=Filters(as_of=before)
    )
    ours = pupil.agencies["school"].id
    assert [(e.summary, e.version) for e in now.entries if e.agency_id == ours] == [
        ("Arrived hungry again; ate three breakfasts.", 2),
        ("Seen alone, quiet.", 1),
    ]
    assert [(e.summary, e.version) for e in then.entries if e.agency_id == ours] == [
        ("Arrived hungry again; ate two breakfasts.", 1)
    ]


def test_filters_keep_one_agencys_entries_of_one_kind(pupil):
    dsl = pupil.staff["dsl"]
    purpose_state(actor=dsl, recorded_person_id=pupil.school_record, purpose="concern")
    police = pupil.agencies["police"].id
    chronology = chronology_open(
        actor=dsl,
        recorded_person_id=pupil.school_record,
        filters=Filters(
            agency_ids=frozenset({police}), kinds=frozenset({"domestic_abuse_incident"})
        ),
    )
    assert [(e.kind, e.agency_id) for e in chronology.entries] == [
        ("domestic_abuse_incident", police)
    ]
    assert len(chronology.agencies) == 4  # the filter controls still offer every agency


def test_the_household_view_adds_every_event_about_the_adults(pupil):
    officer = pupil.staff["officer"]
    record_event(
        officer,
        pupil.agencies["police"],
        note_raw("N-ADULT", "P-0002", "Mother seen at the station about a lost phone.",
                 subjects=[{"person": "P-0002", "role": "parent_or_carer"}]),
    )  # fmt: skip
    dsl = pupil.staff["dsl"]
    purpose_state(actor=dsl, recorded_person_id=pupil.school_record, purpose="concern")
    child_only = chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    household = chronology_open(
        actor=dsl, recorded_person_id=pupil.school_record, filters=Filters(household=True)
    )
    adults = [e.kind for e in child_only.entries if e.about == "household_adult"]
    assert adults == ["concern"]  # a note about an adult is not a household kind
    assert sorted(e.kind for e in household.entries if e.about == "household_adult") == [
        "concern",
        "note",
    ]


def test_break_glass_ends_when_it_expires(pupil, monkeypatch):
    nurse = pupil.staff["nurse"]
    grant = break_glass_open(
        actor=nurse,
        recorded_person_id=pupil.hospital_record,
        reason="out_of_hours",
        explanation="Weekend admission; the allocated team is closed.",
    )
    purpose_state(actor=nurse, recorded_person_id=pupil.hospital_record, purpose="concern")
    assert chronology_open(actor=nurse, recorded_person_id=pupil.hospital_record).entries
    later = grant.expires_at + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(NotFound):
        chronology_open(actor=nurse, recorded_person_id=pupil.hospital_record)


def test_break_glass_needs_a_reason_and_a_case_work_role(pupil, make_practitioner):
    nurse = pupil.staff["nurse"]
    with pytest.raises(InvalidInput) as refused:
        break_glass_open(
            actor=nurse, recorded_person_id=pupil.hospital_record, reason="", explanation=" "
        )
    assert {p.field for p in refused.value.problems} == {"reason", "explanation"}
    analyst = make_practitioner(pupil.agencies["hospital"], "analyst")
    with pytest.raises(NotFound):
        break_glass_open(
            actor=analyst,
            recorded_person_id=pupil.hospital_record,
            reason="immediate_risk",
            explanation="Curious.",
        )


def test_each_entry_is_marked_by_what_its_agency_recorded(pupil):
    dsl = pupil.staff["dsl"]
    purpose_state(actor=dsl, recorded_person_id=pupil.school_record, purpose="concern")
    chronology = chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    marks = {e.kind: e.severity for e in chronology.entries if e.about == "child"}
    assert marks == {"note": "low", "domestic_abuse_incident": "medium", "injury": "high"}
    scope = scope_for_user(user_id=pupil.staff["officer"].pk)
    [incident] = [e for e in chronology.entries if e.kind == "domestic_abuse_incident"]
    event_amend(
        actor=pupil.staff["officer"],
        scope=scope,
        event_id=incident.event_id,
        raw=domestic_abuse_raw("P-0001", details={"risk_level": "high", "children_present": True,
                                                  "children_in_household": 2}),
        reason="Risk reassessed after the DASH",
    )  # fmt: skip
    again = chronology_open(actor=dsl, recorded_person_id=pupil.school_record)
    assert {e.severity for e in again.entries if e.kind == "domestic_abuse_incident"} == {"high"}
