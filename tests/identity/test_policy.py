"""Who may see a linked record and who may decide: pure rules, checked over every case."""

import uuid

from hypothesis import given
from hypothesis import strategies as st

from sightline.agencies.data import Role
from sightline.identity import policy
from sightline.identity.data import DECIDING_ROLES
from sightline.records.schema.persons import Confidentiality

AGENCIES = [uuid.UUID(int=n) for n in range(1, 5)]
agencies = st.sampled_from(AGENCIES)
markers = st.sampled_from([c.value for c in Confidentiality])
records = st.builds(policy.RecordAccess, agency_id=agencies, confidentiality=markers)
roles = st.sampled_from([r.value for r in Role])
memberships = st.frozensets(st.tuples(agencies, roles), max_size=4)


def test_deciding_roles_are_real_roles_and_exclude_plain_practitioners():
    assert set(Role.values) >= DECIDING_ROLES
    assert not {"practitioner", "analyst", "administrator"} & DECIDING_ROLES


@given(memberships, records, records)
def test_a_pair_is_seen_only_by_an_agency_holding_one_of_its_records(member, left, right):
    viewer = frozenset(agency for agency, _ in member)
    if policy.may_view_pair(viewer, left, right):
        assert left.agency_id in viewer or right.agency_id in viewer


@given(memberships, records, records)
def test_another_agency_s_restricted_record_hides_the_whole_pair(member, left, right):
    viewer = frozenset(agency for agency, _ in member)
    hidden = [r for r in (left, right) if r.agency_id not in viewer]
    if any(r.confidentiality in policy.RESTRICTED for r in hidden):
        assert not policy.may_view_pair(viewer, left, right)
        assert not policy.may_decide_pair(member, left, right)


@given(memberships, records, records)
def test_deciding_needs_a_deciding_role_in_one_of_the_two_agencies(member, left, right):
    if policy.may_decide_pair(member, left, right):
        assert any(
            agency in (left.agency_id, right.agency_id) and role in DECIDING_ROLES
            for agency, role in member
        )


@given(records, records)
def test_a_shielded_record_links_only_within_its_own_agency(left, right):
    shielded = "shielded" in (left.confidentiality, right.confidentiality)
    across = left.agency_id != right.agency_id
    assert policy.may_link(left, right) == (not (shielded and across))


def test_a_dsl_decides_on_their_school_s_pair_with_a_police_record():
    school, police = AGENCIES[:2]
    ours = policy.RecordAccess(school, "standard")
    theirs = policy.RecordAccess(police, "standard")
    assert policy.may_decide_pair(frozenset({(school, "dsl")}), ours, theirs)
    assert not policy.may_decide_pair(frozenset({(school, "practitioner")}), ours, theirs)
    assert not policy.may_see(frozenset({school}), theirs)
    assert policy.may_know_of(frozenset({school}), theirs)
