"""Recording persons and events through the one write path, as forms and the API do."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction

from sightline.agencies.selectors import scope_for_user
from sightline.audit.models import AuditEntry
from sightline.core.exceptions import Conflict, InvalidInput, NotFound
from sightline.core.models import AppendOnlyError
from sightline.records.data import Outcome
from sightline.records.models import Event, EventSubject, EventVersion, RecordedPersonVersion
from sightline.records.selectors import event_get
from sightline.records.services import (
    event_amend,
    event_record,
    recorded_person_amend,
    recorded_person_create,
    recorded_person_find,
)
from tests.records.factories import injury_raw, person_raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(dsl, dsl_scope, school):
    return recorded_person_create(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=person_raw())


def test_recording_a_person_writes_version_one_and_its_audit_entry(child):
    version = RecordedPersonVersion.objects.get(person_id=child.record_id)
    assert (version.number, version.reason, version.family_name) == (1, "", "Łuczak")
    entry = AuditEntry.objects.get(action="recorded_person.created")
    assert entry.recorded_person_id == child.record_id
    assert entry.payload["version_id"] == str(version.id)


def test_audit_entries_hold_ids_and_digests_not_personal_content(child):
    for entry in AuditEntry.objects.all():
        assert "Łuczak" not in str(entry.payload) and "Daniel" not in str(entry.payload)


def test_amending_a_person_keeps_the_first_version(dsl, dsl_scope, child):
    result = recorded_person_amend(
        actor=dsl,
        scope=dsl_scope,
        person_id=child.record_id,
        raw=person_raw(family_name="Luczak-Krezolek"),
        reason="Mother remarried",
    )
    assert result.outcome is Outcome.AMENDED and result.number == 2
    names = list(
        RecordedPersonVersion.objects.filter(person_id=child.record_id)
        .order_by("number")
        .values_list("family_name", "reason")
    )
    assert names == [("Łuczak", ""), ("Luczak-Krezolek", "Mother remarried")]


def test_search_ignores_case_and_diacritics(dsl, dsl_scope, child):
    for query in ("luczak", "ŁUCZAK", "daniel luczak", "9434765919", "P-0001"):
        assert [p.id for p in recorded_person_find(actor=dsl, scope=dsl_scope, query=query)] == [
            child.record_id
        ], query


def test_search_never_returns_another_agencys_records(
    dsl, dsl_scope, child, police, make_practitioner
):
    officer = make_practitioner(police, role="practitioner")
    police_scope = scope_for_user(user_id=officer.pk)
    assert recorded_person_find(actor=officer, scope=police_scope, query="luczak") == []


def test_recording_an_event_stores_subjects_and_one_audit_entry_per_child(
    dsl, dsl_scope, school, child
):
    result = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    version = EventVersion.objects.get(event_id=result.record_id)
    assert version.details["marks"][0]["region"] == "F-CHEEK-L"
    assert list(
        EventSubject.objects.filter(version=version).values_list("recorded_person_id", "role")
    ) == [(child.record_id, "child_subject")]
    entry = AuditEntry.objects.get(action="event.created")
    assert (entry.recorded_person_id, entry.subject_model) == (child.record_id, "eventversion")


def test_a_double_submitted_form_acts_once(dsl, dsl_scope, school, child):
    raw = injury_raw(source_reference="form:3f2c")
    first = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)
    second = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)
    assert second.outcome is Outcome.UNCHANGED and second.record_id == first.record_id
    assert Event.objects.count() == 1 and EventVersion.objects.count() == 1


def test_reusing_a_source_reference_for_different_content_is_a_conflict(
    dsl, dsl_scope, school, child
):
    event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    with pytest.raises(Conflict):
        event_record(
            actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw(summary="Other")
        )


def test_an_event_about_another_agencys_person_is_refused(
    dsl, dsl_scope, school, police, make_practitioner
):
    officer = make_practitioner(police)
    officer_scope = scope_for_user(user_id=officer.pk)
    theirs = recorded_person_create(
        actor=officer, scope=officer_scope, agency_id=police.id, raw=person_raw()
    )
    raw = injury_raw(
        subjects=[{"recorded_person_id": str(theirs.record_id), "role": "child_subject"}]
    )
    with pytest.raises(InvalidInput) as caught:
        event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)
    assert caught.value.problems[0].field == "subjects.0"


def test_recording_for_an_agency_you_do_not_belong_to_is_not_found(dsl, dsl_scope, police):
    with pytest.raises(NotFound):
        event_record(actor=dsl, scope=dsl_scope, agency_id=police.id, raw=injury_raw())


def test_an_amendment_is_a_new_version_with_author_time_and_reason(dsl, dsl_scope, school, child):
    first = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    event_amend(
        actor=dsl,
        scope=dsl_scope,
        event_id=first.record_id,
        raw=injury_raw(summary="Bruising to the LEFT cheek, 2.5 cm."),
        reason="Size added",
    )
    view = event_get(scope=dsl_scope, event_id=first.record_id)
    assert [(v.number, v.reason) for v in view.versions] == [(2, "Size added"), (1, "")]
    assert view.current.summary.startswith("Bruising to the LEFT") and view.current.author
    assert view.versions[1].summary.startswith("Bruising to the left")


def test_an_amendment_needs_a_reason(dsl, dsl_scope, school, child):
    first = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    with pytest.raises(InvalidInput):
        event_amend(
            actor=dsl, scope=dsl_scope, event_id=first.record_id, raw=injury_raw(), reason=" "
        )


def test_an_amendment_cannot_change_the_kind(dsl, dsl_scope, school, child):
    first = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    note = {**injury_raw(), "kind": "note", "details": {}}
    with pytest.raises(InvalidInput):
        event_amend(
            actor=dsl, scope=dsl_scope, event_id=first.record_id, raw=note, reason="Wrong kind"
        )


def test_events_and_versions_refuse_updates_and_deletes_in_code(dsl, dsl_scope, school, child):
    result = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    version = EventVersion.objects.get(event_id=result.record_id)
    version.summary = "changed"
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        version.delete()
    with pytest.raises(AppendOnlyError):
        EventVersion.objects.filter(pk=version.pk).update(summary="changed")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert EventVersion.objects.get(pk=version.pk).summary != "changed"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"child_seen": "no", "child_seen_code": ""}, "child_answer_not_coded"),
        ({"child_voice": "yes", "child_words": ""}, "child_words_missing"),
        ({"interpreter": "yes", "interpreter_code": ""}, "interpreter_not_coded"),
        ({"number": 2, "reason": ""}, "amendment_without_reason"),
    ],
)
def test_database_constraints_refuse_uncoded_answers(dsl, dsl_scope, school, child, change, code):
    result = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    version = EventVersion.objects.get(event_id=result.record_id)
    version.pk = None
    version.number = 3
    version.reason = "test"
    for field, value in change.items():
        setattr(version, field, value)
    with pytest.raises(DjangoValidationError) as caught:
        version.validate_constraints()
    assert code in [e.code for errors in caught.value.error_dict.values() for e in errors]
    with pytest.raises(IntegrityError), transaction.atomic():
        EventVersion.objects.bulk_create([version])  # straight to the database, no validation


def test_an_analyst_cannot_record_about_a_child(school, make_practitioner):
    analyst = make_practitioner(school, role="analyst")
    scope = scope_for_user(user_id=analyst.pk)
    with pytest.raises(NotFound):
        recorded_person_create(actor=analyst, scope=scope, agency_id=school.id, raw=person_raw())
