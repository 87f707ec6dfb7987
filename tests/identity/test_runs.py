"""Applying a linkage run's scored pairs: thresholds, clusters, and human decisions obeyed."""

from datetime import UTC, datetime, timedelta

import pytest

from sightline.audit.models import AuditEntry
from sightline.core import clock
from sightline.core.exceptions import Conflict, InvalidInput, NotFound
from sightline.identity.data import MembershipCause, PairStatus
from sightline.identity.models import LinkageRun, PairEvidence, PersonMembership
from sightline.identity.selectors import (
    linkage_model_latest,
    person_get,
    person_id_for_recorded_person,
    review_queue_list,
)
from sightline.identity.services import (
    link_confirm,
    link_reject,
    linkage_model_record,
    person_unlink,
)
from tests.identity.factories import apply_run, record_person, scored

pytestmark = pytest.mark.django_db


@pytest.fixture
def children(dsl, school, linkage_model):
    """Four of the school's own records, so the school's DSL may see every one of them."""
    return [record_person(dsl, school, given_name=name) for name in ("Ann", "Bo", "Cy", "Di")]


def person_of(scope, record):
    return person_id_for_recorded_person(scope=scope, recorded_person_id=record)


def evidence(left, right, run_number=None):
    rows = PairEvidence.objects.filter(left_id=min(left, right), right_id=max(left, right))
    if run_number is not None:
        rows = rows.filter(run__number=run_number)
    return rows.order_by("-run__number").first()


def test_a_pair_at_the_upper_threshold_links_automatically(dsl_scope, children):
    a, b, *_ = children
    summary = apply_run(scored(a, b, 10.0))
    assert (summary.linked, summary.queued, summary.persons_created) == (1, 0, 1)
    assert person_of(dsl_scope, a) is not None
    assert person_of(dsl_scope, a) == person_of(dsl_scope, b)
    assert evidence(a, b).status == PairStatus.LINKED


def test_a_pair_between_the_thresholds_waits_for_review_unlinked(dsl_scope, children):
    a, b, *_ = children
    summary = apply_run(scored(a, b, 6.5))
    assert (summary.linked, summary.queued) == (0, 1)
    assert person_of(dsl_scope, a) is None and person_of(dsl_scope, b) is None
    queue = review_queue_list(scope=dsl_scope)
    assert [item.evidence_id for item in queue] == [evidence(a, b).id]


def test_a_pair_below_the_lower_threshold_is_neither_linked_nor_kept(dsl_scope, children):
    a, b, *_ = children
    summary = apply_run(scored(a, b, 1.9))
    assert (summary.linked, summary.queued, summary.below_threshold) == (0, 0, 1)
    assert evidence(a, b) is None
    assert review_queue_list(scope=dsl_scope) == []


def test_a_conflict_waits_for_review_however_strong_the_match(dsl_scope, children):
    a, b, *_ = children
    summary = apply_run(scored(a, b, 25.0, conflict="same NHS number, different date of birth"))
    assert (summary.linked, summary.queued) == (0, 1)
    assert person_of(dsl_scope, a) is None
    assert review_queue_list(scope=dsl_scope)[0].conflict == (
        "same NHS number, different date of birth"
    )


def test_links_join_records_transitively_into_one_person(dsl_scope, children):
    a, b, c, d = children
    summary = apply_run(scored(a, b, 15.0), scored(c, b, 12.0))
    assert summary.persons_created == 1
    person = person_of(dsl_scope, a)
    assert {person_of(dsl_scope, r) for r in (b, c)} == {person}
    assert person_of(dsl_scope, d) is None
    assert {m.id for m in person_get(scope=dsl_scope, person_id=person).members} == {a, b, c}


def test_a_later_run_merges_two_persons_keeping_one(dsl_scope, children):
    a, b, c, d = children
    apply_run(scored(a, b, 15.0), scored(c, d, 15.0))
    first, second = person_of(dsl_scope, a), person_of(dsl_scope, c)
    assert first != second
    summary = apply_run(scored(b, c, 11.0))
    assert summary.persons_created == 0 and summary.memberships_changed == 2
    survivor = person_of(dsl_scope, a)
    assert survivor in (first, second)
    assert {person_of(dsl_scope, r) for r in children} == {survivor}
    moved = PersonMembership.objects.filter(run__number=2)
    assert {m.cause for m in moved} == {MembershipCause.MERGED}


def test_a_rejection_survives_a_new_run(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 6.0))
    link_reject(actor=dsl, scope=dsl_scope, evidence_id=evidence(a, b).id, reason="Twins")
    summary = apply_run(scored(a, b, 30.0))
    assert (summary.linked, summary.kept_by_decision) == (0, 1)
    assert evidence(a, b).status == PairStatus.REJECTED
    assert person_of(dsl_scope, a) is None
    assert review_queue_list(scope=dsl_scope) == []


def test_a_rejection_is_not_undone_through_a_third_record(dsl, dsl_scope, children):
    a, b, c, _ = children
    apply_run(scored(a, c, 6.0))
    link_reject(actor=dsl, scope=dsl_scope, evidence_id=evidence(a, c).id, reason="Siblings")
    summary = apply_run(scored(a, b, 15.0), scored(b, c, 14.0))
    assert (summary.linked, summary.queued) == (1, 1)
    assert person_of(dsl_scope, a) == person_of(dsl_scope, b) != person_of(dsl_scope, c)
    assert evidence(b, c).status == PairStatus.WAITING


def test_a_confirmation_survives_a_new_run(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 5.0))
    link_confirm(actor=dsl, scope=dsl_scope, evidence_id=evidence(a, b).id, reason="Same NHS no.")
    person = person_of(dsl_scope, a)
    summary = apply_run(scored(a, b, -20.0), scored(a, b, 4.0))
    assert summary.kept_by_decision == 1 and summary.queued == 0
    assert evidence(a, b).status == PairStatus.CONFIRMED
    assert person_of(dsl_scope, a) == person_of(dsl_scope, b) == person
    assert review_queue_list(scope=dsl_scope) == []


def test_a_shielded_record_is_never_linked_with_another_agency_s(
    dsl, dsl_scope, school, police, police_mash, linkage_model
):
    ours = record_person(dsl, school)
    shielded = record_person(police_mash, police, confidentiality="shielded")
    summary = apply_run(scored(ours, shielded, 30.0))
    assert (summary.linked, summary.queued, summary.withheld) == (0, 0, 1)
    assert evidence(ours, shielded) is None
    assert person_of(dsl_scope, ours) is None


def test_membership_history_answers_which_person_on_a_date(dsl, dsl_scope, children, monkeypatch):
    a, b, c, _ = children
    t0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: t0)
    apply_run(scored(a, b, 15.0), scored(a, c, 14.0))
    person = person_of(dsl_scope, a)
    monkeypatch.setattr(clock, "now", lambda: t0 + timedelta(days=2))
    person_unlink(actor=dsl, scope=dsl_scope, recorded_person_id=c, reason="Cousin, not Ann")

    def on(record, day):
        when = t0 + timedelta(days=day)
        return person_id_for_recorded_person(scope=dsl_scope, recorded_person_id=record, on=when)

    assert on(c, -1) is None  # before any link
    assert on(c, 1) == person  # linked on day 0
    assert on(c, 3) is None  # unlinked on day 2
    assert on(a, 3) == person


def test_a_run_records_its_model_counts_and_audit(children):
    a, b, c, d = children
    summary = apply_run(scored(a, b, 12.0), scored(c, d, 4.0), scored(a, d, 0.5))
    run = LinkageRun.objects.get(id=summary.run_id)
    latest = linkage_model_latest()
    assert run.model.version == "test-model-1"
    assert latest is not None and latest.version == run.model.version
    assert (run.pairs_scored, run.linked, run.queued, run.below_threshold) == (3, 1, 1, 1)
    assert (run.upper_threshold, run.lower_threshold) == (10.0, 2.0)
    recorded = AuditEntry.objects.get(action="linkage_run.recorded")
    assert recorded.payload["linked"] == 1 and recorded.payload["model_id"] == str(run.model_id)
    applied = AuditEntry.objects.filter(action="link.applied")
    assert {e.recorded_person_id for e in applied} == {a, b}
    joined = AuditEntry.objects.filter(action="person.membership_changed")
    assert {e.recorded_person_id for e in joined} == {a, b}


def test_a_run_names_pairs_it_cannot_store(children):
    a, *_ = children
    with pytest.raises(InvalidInput, match="pairs a record with itself"):
        apply_run(scored(a, a, 12.0))
    with pytest.raises(InvalidInput, match="is not a recorded person"):
        apply_run(scored(a, "00000000-0000-4000-8000-000000000000", 12.0))
    with pytest.raises(NotFound):
        apply_run(scored(a, children[1], 12.0), version="no-such-model")
    assert not LinkageRun.objects.exists()


def test_a_model_version_is_recorded_once(linkage_model):
    again = linkage_model_record(
        actor=None,
        version=linkage_model.version,
        parameters=dict(linkage_model.parameters),
        trained_at=linkage_model.trained_at,
    )
    assert again.id == linkage_model.id
    with pytest.raises(Conflict):
        linkage_model_record(
            actor=None,
            version=linkage_model.version,
            parameters={"other": True},
            trained_at=linkage_model.trained_at,
        )


def test_a_pair_scored_either_way_round_is_stored_once_facing_its_values(children):
    first, second = sorted(children[:2])
    # The engine named `second` first, so its values are on the left of each contribution.
    apply_run(scored(second, first, 6.0), scored(first, second, 5.0))
    row = evidence(first, second)
    assert (row.left_id, row.right_id, row.match_weight) == (first, second, 6.0)
    given = row.contributions[0]
    assert (given["field"], given["left"], given["right"]) == ("given_name", "Danny", "Daniel")
    assert PairEvidence.objects.count() == 1
