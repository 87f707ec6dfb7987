"""What sets off a child's evaluation: events arriving, records linked, households changing."""

import pytest

from sightline.core.messages import subscribers
from sightline.households.messages import HouseholdsChanged
from sightline.identity.messages import RecordsRelinked
from sightline.records.messages import EventRecorded, EventsImported
from sightline.risk import tasks
from sightline.risk.selectors import signal_list_for_child
from tests.identity.factories import record_person
from tests.notifications.factories import link
from tests.risk.factories import concern_raw, record


def test_risk_listens_for_events_links_and_household_changes():
    table = subscribers()
    assert tasks.on_event_recorded in table[EventRecorded]
    assert tasks.on_events_imported in table[EventsImported]
    assert tasks.on_records_relinked in table[RecordsRelinked]
    assert tasks.on_households_changed in table[HouseholdsChanged]


@pytest.mark.django_db
def test_linking_a_record_brings_its_concerns_into_the_child_s_case(
    child, make_agency, make_practitioner, django_capture_on_commit_callbacks
):
    gp = make_agency("gp", name="Elm Surgery")
    doctor = make_practitioner(gp, "practitioner")
    theirs = record_person(
        doctor, gp, source_reference="GP-7", given_name="Ava", family_name="Stone"
    )
    child.concern("school", "S-1", days=9)
    with django_capture_on_commit_callbacks(execute=True):
        record(doctor, gp, concern_raw("G-1", "GP-7", days=4))
    assert signal_list_for_child(recorded_person_ids=[child.school_record]) == []

    with django_capture_on_commit_callbacks(execute=True):
        link(child.school_record, theirs)

    [signal] = signal_list_for_child(recorded_person_ids=[child.school_record])
    assert signal.rule_id == "multi_agency_concerns"
