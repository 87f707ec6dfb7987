"""What a viewer sees through a link: their own records in full, another agency's only as
"held by", and another agency's confidential or shielded record not at all."""

import pytest

from sightline.core.exceptions import NotFound
from sightline.identity.selectors import (
    person_get,
    person_id_for_recorded_person,
    review_pair_get,
    review_queue_count,
    review_queue_list,
)
from sightline.records.services import recorded_person_amend
from tests.identity.factories import apply_run, record_person, scored
from tests.identity.test_runs import evidence
from tests.records.factories import person_raw

pytestmark = pytest.mark.django_db


def test_the_queue_holds_only_pairs_with_a_record_of_the_viewer_s_agencies(
    dsl_scope,
    gp_lead_scope,
    police_mash_scope,
    school_child,
    police_child,
    gp_child,
    linkage_model,
):
    apply_run(scored(school_child, police_child, 5.0), scored(police_child, gp_child, 8.0))
    school_queue = review_queue_list(scope=dsl_scope)
    assert [i.evidence_id for i in school_queue] == [evidence(school_child, police_child).id]
    police_queue = review_queue_list(scope=police_mash_scope)
    assert [i.match_weight for i in police_queue] == [8.0, 5.0]  # strongest first
    assert len(review_queue_list(scope=gp_lead_scope)) == 1
    assert review_queue_count(scope=police_mash_scope) == 2


def test_a_queued_pair_shows_the_viewer_s_record_and_only_the_other_s_agency(
    dsl_scope, school_child, police_child, linkage_model
):
    apply_run(scored(school_child, police_child, 5.0))
    item = review_queue_list(scope=dsl_scope)[0]
    ours, theirs = (
        (item.left, item.right) if item.left.id == school_child else (item.right, item.left)
    )
    assert ours.visible and ours.full_name == "Daniel Łuczak"
    assert not theirs.visible and theirs.agency_name == "West Midlands Police"
    assert (theirs.full_name, theirs.date_of_birth, theirs.confidentiality) == ("", None, "")


def test_the_pair_hides_every_value_of_a_record_the_viewer_may_not_see(
    dsl_scope, school_child, police_child, linkage_model
):
    apply_run(scored(school_child, police_child, 5.0))
    pair = review_pair_get(scope=dsl_scope, evidence_id=evidence(school_child, police_child).id)
    police_side = "right" if pair.right.id == police_child else "left"
    school_side = "left" if police_side == "right" else "right"
    assert getattr(pair, f"{police_side}_detail") is None
    assert getattr(pair, f"{school_side}_detail").summary.family_name == "Łuczak"
    assert all(getattr(c, police_side) is None for c in pair.contributions)
    assert any(getattr(c, school_side) is not None for c in pair.contributions)
    assert pair.can_decide and pair.status == "waiting" and not pair.same_person_now
    assert pair.prior_weight == pytest.approx(-8.0)


def test_a_pair_is_not_found_by_an_unrelated_agency(
    gp_lead_scope, school_child, police_child, linkage_model
):
    apply_run(scored(school_child, police_child, 5.0))
    with pytest.raises(NotFound):
        review_pair_get(scope=gp_lead_scope, evidence_id=evidence(school_child, police_child).id)


@pytest.mark.parametrize("marker", ["confidential", "shielded"])
def test_another_agency_s_restricted_record_is_never_revealed_through_a_link(
    marker, dsl_scope, police_mash, police_mash_scope, police, school_child, linkage_model
):
    restricted = record_person(police_mash, police, given_name="Danuta", confidentiality=marker)
    summary = apply_run(scored(school_child, restricted, 5.0))
    if marker == "shielded":
        assert summary.withheld == 1 and evidence(school_child, restricted) is None
        return
    pair_id = evidence(school_child, restricted).id
    assert review_queue_list(scope=dsl_scope) == []
    with pytest.raises(NotFound):
        review_pair_get(scope=dsl_scope, evidence_id=pair_id)
    police_view = review_pair_get(scope=police_mash_scope, evidence_id=pair_id)
    assert police_view.can_decide  # the agency that holds it reviews it
    assert police_view.left_detail is None or police_view.right_detail is None


def test_a_record_made_confidential_later_disappears_from_the_other_agency_s_queue(
    dsl_scope, police_mash, police_mash_scope, police_child, school_child, linkage_model
):
    apply_run(scored(school_child, police_child, 5.0))
    assert len(review_queue_list(scope=dsl_scope)) == 1
    recorded_person_amend(
        actor=police_mash,
        scope=police_mash_scope,
        person_id=police_child,
        raw=person_raw(
            given_name="Danny", family_name="Luczak", identifiers={}, confidentiality="confidential"
        ),
        reason="Moved to a refuge",
    )
    assert review_queue_list(scope=dsl_scope) == []
    assert len(review_queue_list(scope=police_mash_scope)) == 1


def test_a_person_shows_other_agencies_records_only_as_held_by_them(
    dsl,
    dsl_scope,
    police_mash,
    police,
    gp_lead_scope,
    school_child,
    police_child,
    gp_child,
    linkage_model,
):
    refuge = record_person(police_mash, police, given_name="Danuta", confidentiality="confidential")
    apply_run(
        scored(school_child, police_child, 15.0),
        scored(police_child, gp_child, 15.0),
        scored(refuge, school_child, 15.0),
    )
    person = person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=school_child)
    assert person is not None
    members = person_get(scope=dsl_scope, person_id=person).members
    assert [(m.id, m.visible) for m in members][0] == (school_child, True)
    hidden = {m.id: m for m in members[1:]}
    assert set(hidden) == {police_child, gp_child}  # the confidential record is left out
    assert all(not m.visible and m.full_name == "" for m in hidden.values())
    assert person_get(scope=gp_lead_scope, person_id=person).members[0].id == gp_child


def test_a_person_is_not_found_without_a_record_of_the_viewer_s_agencies(
    dsl, dsl_scope, gp_lead_scope, school, school_child, linkage_model
):
    other = record_person(dsl, school)
    apply_run(scored(school_child, other, 15.0))
    person = person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=school_child)
    assert person is not None
    with pytest.raises(NotFound):
        person_get(scope=gp_lead_scope, person_id=person)
    with pytest.raises(NotFound):
        person_id_for_recorded_person(scope=gp_lead_scope, recorded_person_id=school_child)
