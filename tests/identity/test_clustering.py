"""Union-find that keeps apart what a practitioner kept apart, however links chain."""

from hypothesis import given
from hypothesis import strategies as st

from sightline.identity.services.clustering import Clusters

keys = st.integers(min_value=0, max_value=9)
pairs = st.lists(st.tuples(keys, keys).filter(lambda p: p[0] != p[1]), max_size=25)


def test_links_chain_into_one_group():
    clusters: Clusters[int] = Clusters()
    assert clusters.join(1, 2) and clusters.join(2, 3)
    assert clusters.group_of(1) == {1, 2, 3}


def test_a_chain_of_links_cannot_join_records_kept_apart():
    clusters = Clusters(apart=[(1, 3)])
    assert clusters.join(1, 2)
    assert not clusters.join(2, 3)
    assert clusters.apart_pairs(2, 3) == [(3, 1)]
    assert not clusters.together(1, 3)


@given(pairs, pairs)
def test_no_kept_apart_pair_ever_ends_up_together(links, apart):
    clusters = Clusters(apart=apart)
    for left, right in links:
        joined = clusters.join(left, right)
        assert joined == clusters.together(left, right)
    for left, right in apart:
        assert not clusters.together(left, right)


@given(pairs)
def test_without_constraints_groups_are_the_connected_components(links):
    clusters: Clusters[int] = Clusters()
    for left, right in links:
        clusters.join(left, right)
    groups = clusters.groups()
    assert sorted(k for g in groups for k in g) == sorted({k for p in links for k in p})
    for left, right in links:
        assert clusters.group_of(left) == clusters.group_of(right)


def test_starting_groups_are_kept():
    clusters = Clusters(groups=[[1, 2, 3], [4, 5]], apart=[(3, 5)])
    assert clusters.group_of(2) == {1, 2, 3}
    assert not clusters.join(1, 4)
