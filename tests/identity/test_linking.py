"""Linking the store: `sightline link` with no file scores every agency's recorded persons with
the saved model and applies the run, so the same child held by two agencies becomes one person
while twins stay two."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sightline.identity.data import RunKind
from sightline.identity.models import LinkageRun, MatchCandidate, PairEvidence
from sightline.identity.selectors.persons import person_id_for_recorded_person
from sightline.identity.services import store_link
from tests.identity.factories import record_person

pytestmark = pytest.mark.django_db


def _child(practitioner, agency, given, family, born="2016-04-02", **extra):
    return record_person(
        practitioner,
        agency,
        given_name=given,
        family_name=family,
        date_of_birth=born,
        addresses=[{"line1": "4 Mill Lane", "town": "Eastbridge", "postcode": "ZY1 1AA"}],
        **extra,
    )


def test_one_child_held_by_two_agencies_becomes_one_person_and_twins_stay_two(
    saved_model, dsl, dsl_scope, school, police_mash, police_mash_scope, police
):
    at_school = _child(dsl, school, "Łucja", "Krężołek")
    at_police = _child(police_mash, police, "Lucja", "Krezolek")
    twin = _child(dsl, school, "Zofia", "Krężołek", source_reference="TWIN")

    result = store_link(actor=None)

    assert not result.trained and result.model_version == saved_model.version
    assert result.records == 3 and result.run.linked >= 1
    # and every record is findable by real-time matching, with the features the engine built
    indexed = dict(MatchCandidate.objects.values_list("recorded_person_id", "family_phonetic"))
    assert indexed.keys() == {at_school, at_police, twin}
    assert indexed[at_school] == indexed[at_police]
    person = person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=at_school)
    assert person is not None
    at_police_person = person_id_for_recorded_person(
        scope=police_mash_scope, recorded_person_id=at_police
    )
    assert at_police_person == person
    assert person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=twin) != person


def test_linking_again_changes_nothing_already_decided(
    saved_model, dsl, school, police_mash, police
):
    _child(dsl, school, "Łucja", "Krężołek")
    _child(police_mash, police, "Lucja", "Krezolek")
    first = store_link(actor=None).run
    second = store_link(actor=None).run
    assert second.number == first.number + 1
    assert second.memberships_changed == 0 and second.persons_created == 0
    assert LinkageRun.objects.filter(kind=RunKind.STORE).count() == 2
    assert PairEvidence.objects.filter(run_id=second.run_id).count() == first.pairs_scored


def test_the_command_links_the_store_and_says_what_it_did(
    saved_model, dsl, school, police_mash, police, capsys
):
    _child(dsl, school, "Łucja", "Krężołek")
    _child(police_mash, police, "Lucja", "Krezolek")
    call_command("linkage_link")
    out = capsys.readouterr().out
    # (the second record was already linked as it was saved: run 1 was that real-time run)
    assert "linkage run 2: 2 recorded persons" in out
    assert "the latest saved model" in out and "1 linked" in out


def test_a_file_needs_both_input_and_output(db, tmp_path):
    with pytest.raises(CommandError, match="both --input and --output"):
        call_command("linkage_link", "--input", str(tmp_path / "x.csv"))


def test_a_store_too_small_to_train_on_is_refused_with_the_reason(
    db, dsl, school, police_mash, police
):
    with pytest.raises(CommandError, match="not yet two recorded persons"):
        call_command("linkage_link")
    _child(dsl, school, "Łucja", "Krężołek")
    _child(police_mash, police, "Lucja", "Krezolek")
    with pytest.raises(CommandError, match="2 recorded persons, and no saved model"):
        call_command("linkage_link")
