"""The reads live evaluation makes as each event arrives (hand-written SQL, a query or two each)
give what the chronology's own reads give: current versions only, amendments honoured, linked
records and households as they stand now, and signals as the triage must see them."""

from datetime import date, timedelta

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.core import clock
from sightline.households.selectors import household_homes_get
from sightline.households.services import households_derive
from sightline.identity.selectors import linked_records_map
from sightline.records.bulk_selectors import (
    current_entry_list,
    event_subject_records,
    recorded_person_birth_map,
    service_span_list,
)
from sightline.records.selectors import event_entry_list
from sightline.records.services import event_amend, recorded_person_amend
from sightline.risk.models import SignalEvidence
from sightline.risk.selectors import child_groups, signal_raised_map
from sightline.risk.services import risk_evaluate_child, signal_respond
from tests.identity.factories import record_person
from tests.records.factories import person_raw
from tests.risk.factories import concern_raw, days_ago

pytestmark = pytest.mark.django_db


def test_current_entries_are_the_chronology_entries_in_their_current_versions(child):
    child.concern("school", "S-1", days=30)
    moved = child.concern("police", "P-1", days=20)
    child.concern("police", "P-2", days=10, details={"categories": ["physical"]})
    officer = child.staff["officer"]
    scope = scope_for_user(user_id=officer.pk)
    # The second version is about someone else: the child's entry leaves their chronology.
    other = record_person(officer, child.agencies["police"], source_reference="O-1")
    event_amend(
        actor=officer,
        scope=scope,
        event_id=moved,
        raw=concern_raw("P-1", "O-1", 20),
        reason="Recorded against the wrong child.",
    )
    records = [child.school_record, child.police_record, other]

    expected = event_entry_list(person_ids=records, whole_details=True)
    found = current_entry_list(person_ids=records)

    assert found == expected
    assert {e.summary for e in found} == {"Worried about the child."}
    assert found[-1].details["categories"] == ["physical"]
    ours = current_entry_list(person_ids=[child.police_record])
    assert moved not in {e.event_id for e in ours}
    # Whose case the amended event changes: the child it left as well as the one it names.
    assert event_subject_records(event_ids=[moved]) == {child.police_record, other}


def test_a_date_of_birth_is_read_from_the_current_version(child):
    dsl = child.staff["dsl"]
    recorded_person_amend(
        actor=dsl,
        scope=scope_for_user(user_id=dsl.pk),
        person_id=child.school_record,
        raw=person_raw(
            source_reference="C-1",
            given_name="Ava",
            family_name="Stone",
            date_of_birth="2016-05",
            identifiers={},
        ),  # fmt: skip
        reason="Date of birth corrected.",
    )

    births = recorded_person_birth_map(ids=[child.school_record, child.police_record])

    born, precision = births[child.school_record]
    assert born is not None and (born.year, born.month, precision) == (2016, 5, "month")
    assert births[child.police_record] == (date(2017, 2, 3), "day")


def test_linked_records_are_read_as_one_child(child):
    dsl = child.staff["dsl"]
    alone = record_person(dsl, child.agencies["school"], source_reference="C-2")

    linked = linked_records_map(ids=[child.school_record, alone])

    assert linked[child.school_record] == {child.school_record, child.police_record}
    assert linked[alone] == {alone}
    groups = child_groups([child.police_record, child.school_record, alone])
    assert sorted(map(len, groups)) == [1, 2]


def test_a_childs_allocation_is_read_as_a_span_of_service(child):
    worker = child.staff["social_worker"]
    child.allocate(worker)

    # The allocation is on children's social care's record of the child, linked to the others.
    records = linked_records_map(ids=[child.school_record])[child.school_record]
    assert len(records) == 3

    spans = service_span_list(person_ids=records, kinds=["worker_allocation", "plan"])

    assert [(s.kind, s.worker_id, s.end) for s in spans] == [("worker_allocation", worker.pk, None)]
    assert spans[0].start == date.fromisoformat(days_ago(200)[:10])


def test_a_home_and_who_lives_there_are_read_together(child):
    # The same address as the child's records: one household.
    parent = record_person(
        child.staff["officer"], child.agencies["police"], date_of_birth="1990-01-01"
    )
    households_derive(actor=None)

    homes = household_homes_get(recorded_person_ids=[child.police_record])

    household, _ = homes.of[child.police_record]
    assert parent in homes.members[household]
    assert homes.members[household][child.police_record] == "child"


def raised_for(child):
    records = [child.school_record, child.police_record]
    return [
        s for signals in signal_raised_map(recorded_person_ids=records).values() for s in signals
    ]


def test_signals_are_read_as_the_triage_needs_them(child):
    child.concern("school", "S-1", days=20)
    child.concern("police", "P-1", days=12)
    risk_evaluate_child(recorded_person_id=child.school_record)
    [raised] = raised_for(child)
    assert raised.live and len(raised.evidence) == 2
    cited = SignalEvidence.objects.filter(signal_id=raised.key)
    assert raised.evidence == {str(v) for v in cited.values_list("event_version_id", flat=True)}
    assert raised.last_on == clock.day_of(clock.now() - timedelta(days=12))

    signal_respond(
        actor=child.staff["dsl"], signal_id=raised.key, status="dismissed", reason="Seen by GP."
    )

    [dismissed] = raised_for(child)
    assert not dismissed.live and dismissed.evidence == raised.evidence
