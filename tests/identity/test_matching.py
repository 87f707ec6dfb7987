"""Real-time matching: a person saved through the service the form and the API use is scored
against the store as soon as the save commits, so the same child recorded by a second agency
is one person before the practitioner's next page, and twins stay two."""

import json
import random
from uuid import UUID

import pytest
from django.db import transaction

from sightline.identity.data import RunKind
from sightline.identity.linkage.blocking import blocked_together
from sightline.identity.linkage.columns import feature_row
from sightline.identity.models import LinkageRun, MatchCandidate, PairEvidence
from sightline.identity.selectors.persons import person_id_for_recorded_person
from sightline.identity.services import matching
from sightline.identity.services.matching import (
    _candidates,
    match_index_write,
    recorded_persons_match,
)
from sightline.records.models import RecordedPerson
from sightline.records.schema.persons import PersonIn
from sightline.records.services import recorded_person_amend
from sightline.records.services.imports import import_file
from sightline.records.services.items import PersonItem
from sightline.records.services.writer import RecordWriter
from tests.identity.factories import record_model, record_person
from tests.records.factories import person_raw

pytestmark = pytest.mark.django_db


def _child(practitioner, agency, given, family, born="2016-04-02", **extra):
    extra.setdefault(
        "addresses", [{"line1": "4 Mill Lane", "town": "Eastbridge", "postcode": "ZY1 1AA"}]
    )
    return record_person(
        practitioner, agency, given_name=given, family_name=family, date_of_birth=born, **extra
    )


@pytest.fixture
def saving(django_capture_on_commit_callbacks):
    """Save as the form does: the save commits, then what waits on the commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_same_child_saved_by_a_second_agency_is_linked_at_once(
    saved_model, saving, dsl, dsl_scope, school, police_mash, police_mash_scope, police
):
    with saving():
        at_school = _child(dsl, school, "Łucja", "Krężołek")
    with saving():
        at_police = _child(police_mash, police, "Lucja", "Krezolek")

    run = LinkageRun.objects.get(kind=RunKind.RECORDS)
    assert run.model_id == saved_model.id and run.linked == 1
    person = person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=at_school)
    assert person is not None
    assert person == person_id_for_recorded_person(
        scope=police_mash_scope, recorded_person_id=at_police
    )
    evidence = PairEvidence.objects.get(run=run)
    assert {evidence.left_id, evidence.right_id} == {at_school, at_police}
    assert evidence.match_weight >= run.upper_threshold


def test_a_twin_with_another_first_name_is_not_linked(
    saved_model, saving, dsl, dsl_scope, school, police_mash, police
):
    with saving():
        first = _child(dsl, school, "Zofia", "Krężołek", source_reference="TWIN-1")
    with saving():
        second = _child(police_mash, police, "Łucja", "Krezolek", source_reference="TWIN-2")

    assert person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=first) is None
    assert not PairEvidence.objects.filter(
        left_id=min(first, second), right_id=max(first, second), status="linked"
    ).exists()


def test_amending_a_record_matches_it_again_with_what_it_now_says(
    saved_model, saving, dsl, dsl_scope, school, police_mash, police_mash_scope, police
):
    with saving():
        at_school = _child(dsl, school, "Łucja", "Krężołek")
    with saving():
        at_police = _child(police_mash, police, "Maria", "Nowak", born="1990-01-01")
    assert person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=at_school) is None

    with saving():
        recorded_person_amend(
            actor=police_mash,
            scope=police_mash_scope,
            person_id=at_police,
            reason="Name and date of birth confirmed with the school",
            raw=person_raw(
                given_name="Lucja",
                family_name="Krezolek",
                date_of_birth="2016-04-02",
                identifiers={},
                addresses=[{"line1": "4 Mill Lane", "town": "Eastbridge", "postcode": "ZY1 1AA"}],
            ),
        )

    features = MatchCandidate.objects.get(recorded_person_id=at_police).features
    assert features["family_folded"] == "krezolek"
    person = person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=at_school)
    assert person is not None
    assert person == person_id_for_recorded_person(
        scope=police_mash_scope, recorded_person_id=at_police
    )


def test_without_a_trained_model_records_are_only_made_findable(
    saving, dsl, school, police_mash, police
):
    with saving():
        at_school = _child(dsl, school, "Łucja", "Krężołek")
    with saving():
        at_police = _child(police_mash, police, "Lucja", "Krezolek")

    assert not LinkageRun.objects.exists()
    indexed = set(MatchCandidate.objects.values_list("recorded_person_id", flat=True))
    assert indexed == {at_school, at_police}


def test_a_model_that_cannot_score_does_not_stop_a_record_being_saved(saving, dsl, school, caplog):
    record_model()  # parameters that are not a trained model's
    with saving():
        saved = _child(dsl, school, "Łucja", "Krężołek")

    assert MatchCandidate.objects.filter(recorded_person_id=saved).exists()
    assert not LinkageRun.objects.exists()
    assert "sightline link --retrain" in caplog.text


def test_a_failure_while_matching_leaves_the_saved_record_saved(
    saved_model, saving, dsl, school, monkeypatch, caplog
):
    def broken(row):
        raise RuntimeError("the index is unavailable")

    monkeypatch.setattr(matching, "_candidates", broken)
    with saving():
        saved = _child(dsl, school, "Łucja", "Krężołek")

    assert RecordedPerson.objects.filter(id=saved).exists()
    assert "could not be matched" in caplog.text


def test_a_refuge_address_is_not_used_to_match(saved_model, saving, dsl, school):
    with saving():
        saved = _child(
            dsl,
            school,
            "Łucja",
            "Krężołek",
            addresses=[
                {
                    "line1": "1 Safe House Road",
                    "town": "Eastbridge",
                    "postcode": "ZY9 9ZZ",
                    "confidentiality": "confidential",
                }
            ],
        )

    features = MatchCandidate.objects.get(recorded_person_id=saved).features
    assert features["postcode_unit"] is None and features["address_key"] is None


def _recorded_persons(agency, count: int) -> list[UUID]:
    with transaction.atomic():
        writer = RecordWriter(actor=None, reason="")
        items = [
            PersonItem(agency.id, PersonIn(source_reference=f"B-{i}", family_name="Blank"))
            for i in range(count)
        ]
        return [result.record_id for result in writer.persons(items)]


def test_a_record_finds_exactly_the_candidates_the_blocking_rules_pair_it_with(
    population_rows, school
):
    """The index lookup against a brute-force check of every pair, on generated records."""
    sample = random.Random(4).sample(population_rows, 500)
    ids = _recorded_persons(school, len(sample))
    rows = [feature_row({**row, "record_id": str(i)}) for row, i in zip(sample, ids, strict=True)]
    match_index_write(rows)

    checked = 0
    for row in rows[:120]:
        found = {features["unique_id"] for features in _candidates(row)}
        expected = {
            other["unique_id"]
            for other in rows
            if other is not row and blocked_together(row, other)
        }
        assert found == expected
        checked += len(expected)
    assert checked > 50  # the sample holds real candidate pairs, not only loners


def test_matching_the_same_records_again_changes_no_person(
    saved_model, saving, dsl, school, police_mash, police
):
    with saving():
        at_school = _child(dsl, school, "Łucja", "Krężołek")
    with saving():
        at_police = _child(police_mash, police, "Lucja", "Krezolek")

    again = recorded_persons_match(actor=None, recorded_person_ids=[at_school, at_police])

    assert again.candidates == 2  # each found the other
    assert again.run is not None and again.run.memberships_changed == 0
    assert again.run.persons_created == 0


def test_an_imported_child_already_held_by_another_agency_is_linked_after_the_import(
    saved_model, saving, dsl, dsl_scope, school, police, tmp_path
):
    with saving():
        at_school = _child(dsl, school, "Łucja", "Krężołek")
    rows = [
        {
            "record_type": "person",
            **person_raw(
                source_reference="POL-7",
                given_name="Lucja",
                family_name="Krezolek",
                date_of_birth="2016-04-02",
                identifiers={},
                addresses=[{"line1": "4 Mill Lane", "town": "Eastbridge", "postcode": "ZY1 1AA"}],
            ),
        },
        {
            "record_type": "person",
            **person_raw(source_reference="POL-8", given_name="Adam", family_name="Smith"),
        },
    ]
    path = tmp_path / "police.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))

    with saving():
        report = import_file(actor=None, path=path, default_agency_code=police.code)

    assert report.changed
    assert MatchCandidate.objects.count() == 3
    run = LinkageRun.objects.get(kind=RunKind.RECORDS)
    assert run.linked == 1
    person = person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=at_school)
    assert person is not None
