"""The records joined with one of the viewer's records, and how each joined its person."""

import pytest

from sightline.core.exceptions import NotFound
from sightline.identity.data import MembershipCause, Verdict
from sightline.identity.selectors import person_joined_get
from sightline.identity.services import link_decide, person_split
from tests.identity.factories import apply_run, record_person, scored
from tests.identity.test_runs import evidence

pytestmark = pytest.mark.django_db


def joined(scope, record):
    return person_joined_get(scope=scope, recorded_person_id=record)


def test_each_other_record_says_which_run_or_whose_decision_joined_it(
    dsl, dsl_scope, school, school_child, police_child, linkage_model
):
    sister = record_person(dsl, school, given_name="Daniela")
    apply_run(scored(school_child, police_child, 15.0), scored(school_child, sister, 5.0))
    link_decide(
        actor=dsl,
        scope=dsl_scope,
        evidence_id=evidence(school_child, sister).id,
        verdict=Verdict.CONFIRMED,
        reason="Same NHS number",
    )
    found = joined(dsl_scope, school_child)
    assert found is not None and found.record.id == school_child
    how = {o.side.id: (o.cause, o.run_number, o.decided_by) for o in found.others}
    assert how == {
        sister: (MembershipCause.CONFIRMED, None, str(dsl)),
        police_child: (MembershipCause.LINKED, 1, ""),
    }
    # The viewer's own records first, with their details; another agency's only by its holder.
    assert [(o.side.id, o.side.visible) for o in found.others] == [
        (sister, True),
        (police_child, False),
    ]
    assert found.others[1].side.full_name == ""


def test_a_record_joined_only_with_a_hidden_record_reads_as_joined_with_none(
    dsl_scope, police_mash, police, police_mash_scope, school_child, linkage_model
):
    refuge = record_person(police_mash, police, confidentiality="confidential")
    apply_run(scored(school_child, refuge, 15.0))
    assert joined(dsl_scope, school_child) is None
    theirs = joined(police_mash_scope, refuge)
    assert theirs is not None and [o.side.id for o in theirs.others] == [school_child]


def test_a_decision_about_a_hidden_record_does_not_name_who_took_it(
    dsl, dsl_scope, school, police, police_mash, police_mash_scope, school_child, linkage_model
):
    refuge = record_person(police_mash, police, confidentiality="confidential")
    sister = record_person(dsl, school, given_name="Daniela")
    apply_run(scored(school_child, refuge, 5.0))
    link_decide(
        actor=police_mash,
        scope=police_mash_scope,
        evidence_id=evidence(school_child, refuge).id,
        verdict=Verdict.CONFIRMED,
        reason="Same date of birth and school",
    )
    apply_run(scored(school_child, sister, 15.0))
    found = joined(dsl_scope, sister)
    assert found is not None
    (other,) = found.others
    assert (other.side.id, other.cause, other.decided_by) == (
        school_child,
        MembershipCause.CONFIRMED,
        "",
    )
    police_view = joined(police_mash_scope, refuge)
    assert police_view is not None
    assert {o.decided_by for o in police_view.others if o.side.id == school_child} == {
        str(police_mash)
    }


def test_a_split_off_record_says_who_split_it(dsl, dsl_scope, school, school_child, linkage_model):
    sister, cousin = (record_person(dsl, school, given_name=n) for n in ("Daniela", "Dana"))
    apply_run(scored(school_child, sister, 15.0), scored(sister, cousin, 15.0))
    found = joined(dsl_scope, school_child)
    assert found is not None
    person_split(
        actor=dsl,
        scope=dsl_scope,
        person_id=found.person_id,
        moving_ids=[sister, cousin],
        reason="Another family",
    )
    after = joined(dsl_scope, sister)
    assert after is not None and after.person_id != found.person_id
    assert [(o.side.id, o.cause, o.decided_by) for o in after.others] == [
        (cousin, MembershipCause.SPLIT, str(dsl))
    ]
    assert joined(dsl_scope, school_child) is None


def test_another_agency_s_record_is_not_found(gp_lead_scope, school_child, police_child):
    with pytest.raises(NotFound):
        joined(gp_lead_scope, school_child)
