"""Importing files: validated whole, written all or nothing, and idempotent."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from sightline.audit.data import AuditAction
from sightline.audit.models import AuditEntry
from sightline.audit.selectors import audit_verify
from sightline.core.exceptions import InvalidInput, NotFound
from sightline.records.data import Outcome
from sightline.records.models import Event, EventSubject, EventVersion, RecordedPerson
from sightline.records.services.imports import RecordType, files, import_file, preparing
from sightline.records.services.imports.csv_layout import flatten
from tests.records.factories import domestic_abuse_raw, injury_raw, person_raw

pytestmark = pytest.mark.django_db


def person(reference: str = "P-0001", **fields: Any) -> dict[str, Any]:
    return {"record_type": "person", **person_raw(source_reference=reference, **fields)}


def injury(reference: str = "INJ-0001", child: str = "P-0001", **fields: Any) -> dict[str, Any]:
    return {"record_type": "event", **injury_raw(child, source_reference=reference, **fields)}


def incident(reference: str = "DA-0001", child: str = "P-0001", **fields: Any) -> dict[str, Any]:
    return {
        "record_type": "event",
        **domestic_abuse_raw(child, source_reference=reference, **fields),
    }


def enrolment(reference: str = "ENR-1", child: str = "P-0001") -> dict[str, Any]:
    return {
        "record_type": "relationship",
        "kind": "school_enrolment",
        "source_reference": reference,
        "person": child,
        "start": "2021-09-01",
    }


def jsonl(directory: Path, records: list[dict[str, Any]], name: str = "file.jsonl") -> Path:
    path = directory / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def csv_file(directory: Path, records: list[dict[str, Any]], name: str = "file.csv") -> Path:
    rows = [flatten(r) for r in records]
    columns = list(dict.fromkeys(c for row in rows for c in row))
    path = directory / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def table_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def run(path: Path, agency: str | None = "oak-primary"):
    return import_file(actor=None, path=path, default_agency_code=agency)


def problems_of(error: pytest.ExceptionInfo[InvalidInput]) -> set[tuple[int | None, str]]:
    return {(p.row, p.field) for p in error.value.problems}


def test_a_good_file_stores_every_person_relationship_and_event(school, tmp_path):
    path = jsonl(tmp_path, [person(), enrolment(), injury(), incident()])
    report = run(path)
    assert report.count(RecordType.PERSON, Outcome.CREATED) == 1
    assert report.count(RecordType.RELATIONSHIP, Outcome.CREATED) == 1
    assert report.count(RecordType.EVENT, Outcome.CREATED) == 2
    child = RecordedPerson.objects.get(agency=school, source_reference="P-0001")
    assert EventSubject.objects.filter(recorded_person=child).count() == 2
    stored = EventVersion.objects.get(event__source_reference="INJ-0001")
    assert stored.details["marks"][0]["region"] == "F-CHEEK-L"
    assert stored.reason == ""


def test_importing_the_same_file_twice_adds_nothing_anywhere_the_second_time(school, tmp_path):
    path = jsonl(tmp_path, [person(), enrolment(), injury(), incident()])
    first = run(path)
    before = table_counts()
    checkpoints = Path(tmp_path / "audit-checkpoints.jsonl").read_text()
    second = run(path)
    assert table_counts() == before
    assert Path(tmp_path / "audit-checkpoints.jsonl").read_text() == checkpoints
    assert first.changed and not second.changed
    assert second.import_id is None
    assert second.count(RecordType.EVENT, Outcome.UNCHANGED) == 2


def test_a_committed_import_is_sealed_by_one_audit_entry_and_the_chain_verifies(school, tmp_path):
    report = run(jsonl(tmp_path, [person(), injury()]))
    sealing = AuditEntry.objects.get(action=AuditAction.IMPORT_COMMITTED)
    assert sealing.payload["import_id"] == str(report.import_id)
    assert sealing.payload["created"] == {"person": 1, "relationship": 0, "event": 1}
    assert len(sealing.payload["file_digest"]) == 64
    created = AuditEntry.objects.filter(action=AuditAction.EVENT_CREATED).get()
    assert created.payload["import_id"] == str(report.import_id)
    assert audit_verify().ok


def test_changed_content_becomes_a_new_version_with_the_reason_re_imported(school, tmp_path):
    run(jsonl(tmp_path, [person(), injury()]))
    changed = injury(summary="Bruising to the left cheek; mother says he fell at soft play.")
    report = run(jsonl(tmp_path, [person(), changed], name="again.jsonl"))
    assert report.count(RecordType.EVENT, Outcome.AMENDED) == 1
    assert report.count(RecordType.PERSON, Outcome.UNCHANGED) == 1
    versions = EventVersion.objects.filter(event__source_reference="INJ-0001").order_by("number")
    assert [(v.number, v.reason) for v in versions] == [(1, ""), (2, "re-imported")]
    assert versions[1].summary.endswith("soft play.")


def test_a_change_to_the_details_alone_is_an_amendment_too(school, tmp_path):
    run(jsonl(tmp_path, [person(), incident()]))
    raised = incident(details={"risk_level": "high", "children_present": True})
    report = run(jsonl(tmp_path, [person(), raised], name="again.jsonl"))
    assert report.count(RecordType.EVENT, Outcome.AMENDED) == 1
    latest = EventVersion.objects.filter(event__source_reference="DA-0001").latest("number")
    assert latest.details["risk_level"] == "high"


def test_a_changed_person_becomes_a_new_version_and_events_still_point_at_them(school, tmp_path):
    run(jsonl(tmp_path, [person(), injury()]))
    report = run(jsonl(tmp_path, [person(family_name="Luczak-Smith")], name="again.jsonl"))
    assert report.count(RecordType.PERSON, Outcome.AMENDED) == 1
    assert RecordedPerson.objects.filter(source_reference="P-0001").count() == 1


def test_a_file_with_bad_rows_is_refused_whole_and_the_database_is_exactly_as_it_was(
    school, tmp_path
):
    before = table_counts()
    path = jsonl(
        tmp_path,
        [
            person(),  # row 1 is good, and is not written either
            injury(details={"marks": [{"region": "F-ELBOW-Q", "mark_type": "bruise"}]}),
            incident(child_seen="maybe"),
            {"record_type": "event", "source_reference": "X-1"},
            injury(reference="INJ-0002", child="P-9999"),
        ],
    )
    with pytest.raises(InvalidInput) as error:
        run(path)
    found = problems_of(error)
    assert (2, "details.marks.0.region") in found
    assert (3, "child_seen.answer") in found
    assert (4, "summary") in found and (4, "kind") in found
    assert (5, "subjects.0.person") in found
    assert all(row is not None for row, _ in found)
    assert table_counts() == before


def test_events_may_name_people_who_come_later_in_the_same_file(school, tmp_path):
    report = run(jsonl(tmp_path, [injury(), incident(), person()]))
    assert report.count(RecordType.EVENT, Outcome.CREATED) == 2


def test_events_may_name_people_stored_by_an_earlier_import(school, tmp_path):
    run(jsonl(tmp_path, [person()]))
    report = run(jsonl(tmp_path, [injury()], name="events.jsonl"))
    assert report.count(RecordType.EVENT, Outcome.CREATED) == 1


def test_an_event_cannot_name_another_agencys_person(school, police, tmp_path):
    path = jsonl(tmp_path, [person(), {**incident(), "agency": "west-mids-police"}])
    with pytest.raises(InvalidInput) as error:
        run(path)
    assert problems_of(error) == {(2, "subjects.0.person")}


def test_rows_of_several_agencies_go_to_each_agency_with_the_default_for_the_rest(
    school, police, tmp_path
):
    rows = [person(), injury(), {**person(), "agency": "west-mids-police"}]
    rows.append({**incident(), "agency": "west-mids-police"})
    run(jsonl(tmp_path, rows))
    assert set(Event.objects.values_list("agency__code", "kind")) == {
        ("oak-primary", "injury"),
        ("west-mids-police", "domestic_abuse_incident"),
    }


def test_an_unknown_agency_code_in_a_row_is_named_with_its_row(school, tmp_path):
    path = jsonl(tmp_path, [person(), {**person("P-2"), "agency": "nowhere-school"}])
    with pytest.raises(InvalidInput) as error:
        run(path)
    assert problems_of(error) == {(2, "agency")}
    assert "nowhere-school" in error.value.problems[0].message


def test_rows_without_an_agency_need_a_default_agency(school, tmp_path):
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, [person()]), agency=None)
    assert problems_of(error) == {(1, "agency")}


def test_an_unknown_default_agency_is_refused_before_the_file_is_read(db, tmp_path):
    with pytest.raises(NotFound, match="no-such-agency"):
        run(jsonl(tmp_path, [person()]), agency="no-such-agency")


def test_a_source_reference_twice_in_a_file_is_an_error_naming_both_rows(school, tmp_path):
    path = jsonl(tmp_path, [person(), injury(), person(given_name="Dan"), injury(summary="x")])
    with pytest.raises(InvalidInput) as error:
        run(path)
    messages = {(p.row, p.field): p.message for p in error.value.problems}
    assert set(messages) == {(3, "source_reference"), (4, "source_reference")}
    assert "row 1" in messages[(3, "source_reference")]
    assert "row 2" in messages[(4, "source_reference")]


def test_the_same_reference_for_a_person_and_an_event_is_no_clash(school, tmp_path):
    report = run(jsonl(tmp_path, [person("REF-1"), injury(reference="REF-1", child="REF-1")]))
    assert report.count(RecordType.EVENT, Outcome.CREATED) == 1


def test_every_record_in_a_file_needs_a_source_reference(school, tmp_path):
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, [person(reference="")]))
    assert problems_of(error) == {(1, "source_reference")}


def test_a_stored_events_kind_cannot_change_on_re_import(school, tmp_path):
    run(jsonl(tmp_path, [person(), injury()]))
    renamed = {**incident(), "source_reference": "INJ-0001"}
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, [person(), renamed], name="again.jsonl"))
    assert problems_of(error) == {(2, "kind")}
    assert EventVersion.objects.count() == 1


def test_relationship_references_must_resolve(school, tmp_path):
    allocation = {
        "record_type": "relationship",
        "kind": "worker_allocation",
        "source_reference": "ALLOC-1",
        "person": "P-0001",
        "worker": "nobody-by-this-name",
        "start": "2024-01-01",
    }
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, [person(), allocation, enrolment(child="P-404")]))
    assert problems_of(error) == {(2, "worker"), (3, "person")}


def test_lines_that_are_not_json_objects_are_named(school, tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(person()) + "\n\n{not json\n[1, 2]\n")
    with pytest.raises(InvalidInput) as error:
        run(path)
    assert problems_of(error) == {(3, "record"), (4, "record")}


def test_a_file_that_is_not_utf8_or_not_a_known_format_is_refused(school, tmp_path):
    latin = tmp_path / "latin.jsonl"
    record = person(given_name="Zoë", family_name="Brontë")
    latin.write_bytes(json.dumps(record, ensure_ascii=False).encode("latin-1"))
    with pytest.raises(InvalidInput, match="UTF-8"):
        run(latin)
    with pytest.raises(InvalidInput, match=r"\.csv, \.jsonl"):
        run(tmp_path / "records.xlsx")


def test_a_missing_file_is_not_found(school, tmp_path):
    with pytest.raises(NotFound, match="no file"):
        run(tmp_path / "missing.jsonl")


def test_a_very_bad_file_lists_the_first_thousand_problems_and_counts_the_rest(school, tmp_path):
    nameless = [{"record_type": "person", "source_reference": f"P-{n}"} for n in range(1_200)]
    path = jsonl(tmp_path, nameless)
    with pytest.raises(InvalidInput) as error:
        run(path)
    problems = error.value.problems
    assert len(problems) == 1_001
    assert problems[-1].row is None and "more problems" in problems[-1].message


def test_csv_and_json_lines_store_exactly_the_same_records(school, tmp_path):
    records = [person(), enrolment(), injury(), incident(cin_factors=[])]
    run(jsonl(tmp_path, records))
    before = table_counts()
    report = run(csv_file(tmp_path, records))
    assert not report.changed
    assert report.count(RecordType.EVENT, Outcome.UNCHANGED) == 2
    assert report.count(RecordType.RELATIONSHIP, Outcome.UNCHANGED) == 1
    assert table_counts() == before


def test_csv_problems_name_the_spreadsheet_row_and_the_column(school, tmp_path):
    path = csv_file(tmp_path, [person(), injury(child_seen="perhaps")])
    with pytest.raises(InvalidInput) as error:
        run(path)
    assert problems_of(error) == {(3, "child_seen.answer")}


def test_a_large_file_is_checked_in_worker_processes_with_the_same_outcome(
    school, tmp_path, monkeypatch
):
    monkeypatch.setattr(preparing, "PARALLEL_FROM", 0)
    monkeypatch.setattr(preparing, "_CHUNK", 2)
    records = [person(), enrolment()] + [injury(reference=f"INJ-{n}") for n in range(6)]
    report = run(jsonl(tmp_path, records))
    assert report.count(RecordType.EVENT, Outcome.CREATED) == 6
    bad = [person(), injury(reference="I-1", child="P-404"), injury(reference="I-2", kind="x")]
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, bad, name="bad.jsonl"))
    assert problems_of(error) == {(2, "subjects.0.person"), (3, "kind")}


@pytest.fixture
def small_chunks(monkeypatch):
    """Rows are checked and written two at a time, so a file spans many chunks."""
    monkeypatch.setattr(preparing, "_CHUNK", 2)
    monkeypatch.setattr(files, "WRITE_EVERY", 2)


def test_rows_written_while_later_rows_were_checked_are_rolled_back_by_a_bad_last_row(
    school, tmp_path, small_chunks
):
    before = table_counts()
    records = [person(), enrolment()] + [injury(reference=f"INJ-{n}") for n in range(6)]
    records.append(injury(reference="INJ-LAST", child_seen="maybe"))
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, records))
    assert problems_of(error) == {(9, "child_seen.answer")}
    assert table_counts() == before
    assert audit_verify().ok


def test_events_naming_people_several_chunks_further_down_are_written(
    school, tmp_path, small_chunks
):
    records = [injury(reference=f"INJ-{n}", child="P-LATE") for n in range(5)]
    records += [enrolment(child="P-LATE"), person(), person("P-LATE")]
    report = run(jsonl(tmp_path, records))
    assert report.count(RecordType.EVENT, Outcome.CREATED) == 5
    assert report.count(RecordType.RELATIONSHIP, Outcome.CREATED) == 1
    late = RecordedPerson.objects.get(source_reference="P-LATE")
    assert EventSubject.objects.filter(recorded_person=late).count() == 5


def test_after_the_first_problem_every_later_problem_is_still_named(school, tmp_path, small_chunks):
    run(jsonl(tmp_path, [person(), injury()], name="first.jsonl"))
    before = table_counts()
    records = [
        person(),
        {**incident(), "source_reference": "INJ-0001"},  # a stored injury cannot change kind
        incident(reference="DA-2"),
        injury(reference="INJ-9", child="P-NEVER"),  # waits for a person who never comes
        person("P-2"),
        incident(reference="DA-3", child_seen="perhaps"),
    ]
    with pytest.raises(InvalidInput) as error:
        run(jsonl(tmp_path, records))
    assert problems_of(error) == {(2, "kind"), (4, "subjects.0.person"), (6, "child_seen.answer")}
    assert table_counts() == before
