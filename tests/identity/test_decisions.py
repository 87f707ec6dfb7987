"""A practitioner's decisions: confirm, reject, unlink, split; each reversible and audited."""

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.audit.models import AuditEntry
from sightline.core.exceptions import Conflict, InvalidInput, NotFound
from sightline.identity.data import MembershipCause, PairStatus, Verdict
from sightline.identity.models import LinkDecision, PersonMembership
from sightline.identity.selectors import person_get, person_id_for_recorded_person
from sightline.identity.services import (
    link_decide,
    person_split,
    person_unlink,
)
from tests.identity.factories import apply_run, record_person, scored
from tests.identity.test_runs import evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def children(dsl, school, linkage_model):
    return [record_person(dsl, school, given_name=name) for name in ("Ann", "Bo", "Cy", "Di")]


def person_of(scope, record):
    return person_id_for_recorded_person(scope=scope, recorded_person_id=record)


def decide(actor, scope, left, right, verdict, reason="Checked with the family"):
    return link_decide(
        actor=actor,
        scope=scope,
        evidence_id=evidence(left, right).id,
        verdict=verdict,
        reason=reason,
    )


def test_confirming_a_waiting_pair_makes_one_person(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 5.0))
    result = decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED)
    assert result.memberships_changed == 2
    assert person_of(dsl_scope, a) == person_of(dsl_scope, b) is not None
    membership = PersonMembership.objects.get(recorded_person_id=a)
    assert membership.cause == MembershipCause.CONFIRMED
    assert membership.decision_id == result.decision_id


def test_rejecting_an_automatic_link_separates_the_records(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 15.0))
    person = person_of(dsl_scope, a)
    decide(dsl, dsl_scope, a, b, Verdict.REJECTED, reason="Twins: different first names")
    assert person_of(dsl_scope, a) != person_of(dsl_scope, b)
    assert {person_of(dsl_scope, a), person_of(dsl_scope, b)} == {person, None}


def test_a_rejection_divides_a_person_along_its_strongest_remaining_links(dsl, dsl_scope, children):
    a, b, c, d = children
    apply_run(scored(a, b, 15.0), scored(b, c, 14.0), scored(a, c, 12.0), scored(c, d, 11.0))
    decide(dsl, dsl_scope, a, b, Verdict.REJECTED)
    # b~c (14) holds before a~c (12), which would put a back with b; d follows c.
    assert person_of(dsl_scope, b) == person_of(dsl_scope, c) == person_of(dsl_scope, d)
    assert person_of(dsl_scope, a) is None


def test_a_rejection_that_contradicts_confirmed_links_is_refused(dsl, dsl_scope, children):
    a, b, c, _ = children
    apply_run(scored(a, c, 5.0), scored(b, c, 5.0), scored(a, b, 5.0))
    decide(dsl, dsl_scope, a, c, Verdict.CONFIRMED)
    decide(dsl, dsl_scope, b, c, Verdict.CONFIRMED)
    with pytest.raises(Conflict, match="Reject those links first"):
        decide(dsl, dsl_scope, a, b, Verdict.REJECTED)
    assert not LinkDecision.objects.filter(verdict=Verdict.REJECTED).exists()


def test_a_rejection_is_reversed_by_a_later_confirmation(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 5.0))
    decide(dsl, dsl_scope, a, b, Verdict.REJECTED)
    decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED, reason="New evidence: same NHS number")
    assert person_of(dsl_scope, a) == person_of(dsl_scope, b) is not None
    assert apply_run(scored(a, b, 3.0)).kept_by_decision == 1
    assert evidence(a, b).status == PairStatus.CONFIRMED


def test_a_repeated_submission_decides_once(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 5.0))
    first = decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED)
    second = decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED)
    assert first.decision_id is not None and second.decision_id is None
    assert LinkDecision.objects.count() == 1


def test_a_decision_needs_a_reason(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 5.0))
    with pytest.raises(InvalidInput, match="Enter the reason for your decision"):
        decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED, reason="   ")
    with pytest.raises(InvalidInput, match="same person"):
        decide(dsl, dsl_scope, a, b, "maybe")
    assert not LinkDecision.objects.exists()


def test_unlinking_a_record_keeps_it_out_of_later_runs(dsl, dsl_scope, children):
    a, b, c, _ = children
    apply_run(scored(a, b, 15.0), scored(b, c, 14.0))
    person = person_of(dsl_scope, a)
    person_unlink(actor=dsl, scope=dsl_scope, recorded_person_id=c, reason="A cousin")
    assert person_of(dsl_scope, c) is None
    assert person_of(dsl_scope, a) == person_of(dsl_scope, b) == person
    summary = apply_run(scored(b, c, 20.0), scored(a, c, 20.0))
    assert summary.linked == 0 and summary.kept_by_decision == 2
    assert person_of(dsl_scope, c) is None


def test_unlinking_is_reversed_by_confirming_a_pair_across_it(dsl, dsl_scope, children):
    a, b, c, _ = children
    apply_run(scored(a, b, 15.0), scored(b, c, 14.0))
    person_unlink(actor=dsl, scope=dsl_scope, recorded_person_id=c, reason="A cousin")
    apply_run(scored(a, c, 6.0))
    result = decide(dsl, dsl_scope, a, c, Verdict.CONFIRMED, reason="It was her after all")
    assert result.withdrawn == 1  # the b~c rejection the unlink made
    assert person_of(dsl_scope, c) == person_of(dsl_scope, a)
    assert apply_run(scored(b, c, 14.0)).linked == 1


def test_splitting_a_person_in_two_survives_a_run_and_can_be_undone(dsl, dsl_scope, children):
    a, b, c, d = children
    apply_run(scored(a, b, 15.0), scored(b, c, 14.0), scored(c, d, 13.0))
    person = person_of(dsl_scope, a)
    new = person_split(
        actor=dsl, scope=dsl_scope, person_id=person, moving_ids=[c, d], reason="Two families"
    )
    assert person_of(dsl_scope, c) == person_of(dsl_scope, d) == new != person
    assert {m.id for m in person_get(scope=dsl_scope, person_id=person).members} == {a, b}
    assert apply_run(scored(b, c, 20.0)).linked == 0
    assert evidence(b, c).status == PairStatus.REJECTED
    result = decide(dsl, dsl_scope, b, c, Verdict.CONFIRMED, reason="One family after all")
    assert result.withdrawn == 3  # a~c, a~d and b~d
    assert {person_of(dsl_scope, r) for r in children} == {person}


def test_a_split_must_move_some_but_not_all_records(dsl, dsl_scope, children):
    a, b, *_ = children
    apply_run(scored(a, b, 15.0))
    person = person_of(dsl_scope, a)
    for moving in ([], [a, b]):
        with pytest.raises(InvalidInput, match="some, but not all"):
            person_split(
                actor=dsl, scope=dsl_scope, person_id=person, moving_ids=moving, reason="x"
            )


def test_only_a_deciding_role_may_decide(make_practitioner, school, dsl, children):
    a, b, *_ = children
    apply_run(scored(a, b, 5.0))
    teacher = make_practitioner(school, role="practitioner")
    scope = scope_for_user(user_id=teacher.pk)
    with pytest.raises(NotFound):
        decide(teacher, scope, a, b, Verdict.CONFIRMED)
    with pytest.raises(NotFound):
        person_unlink(actor=teacher, scope=scope, recorded_person_id=a, reason="x")


def test_a_reviewer_from_an_unrelated_agency_cannot_decide(
    gp_lead, gp_lead_scope, dsl, school, police, police_mash, linkage_model
):
    ours = record_person(dsl, school)
    theirs = record_person(police_mash, police)
    apply_run(scored(ours, theirs, 5.0))
    with pytest.raises(NotFound):
        decide(gp_lead, gp_lead_scope, ours, theirs, Verdict.REJECTED)


def test_a_record_joined_only_with_records_hidden_from_the_actor_cannot_be_unlinked(
    dsl, dsl_scope, school, police, police_mash, linkage_model
):
    """Being told "unlinked" would tell the school that the police hold a confidential record
    of the child: the answer is the one for a record joined with nothing."""
    ours = record_person(dsl, school)
    hidden = record_person(police_mash, police, confidentiality="confidential")
    apply_run(scored(ours, hidden, 15.0))
    assert person_of(dsl_scope, ours) is not None
    with pytest.raises(NotFound, match="not linked to a person"):
        person_unlink(actor=dsl, scope=dsl_scope, recorded_person_id=ours, reason="Not her")
    assert not LinkDecision.objects.exists()


def test_another_agency_s_rejection_blocks_a_confirmation(
    dsl, dsl_scope, school, police, police_mash, police_mash_scope, linkage_model
):
    """A police reviewer kept two police records apart; the school may not overrule it."""
    ours = record_person(dsl, school)
    first = record_person(police_mash, police)
    second = record_person(police_mash, police)
    apply_run(scored(first, second, 5.0), scored(ours, first, 15.0), scored(ours, second, 5.0))
    decide(police_mash, police_mash_scope, first, second, Verdict.REJECTED, reason="Brothers")
    with pytest.raises(Conflict, match="Another agency"):
        decide(dsl, dsl_scope, ours, second, Verdict.CONFIRMED)
    # The police may: they withdraw their own rejection by confirming across it.
    assert decide(police_mash, police_mash_scope, ours, second, Verdict.CONFIRMED).withdrawn == 1


def test_every_decision_and_every_move_is_audited(dsl, dsl_scope, children):
    a, b, c, d = children
    apply_run(scored(a, b, 5.0), scored(b, c, 15.0), scored(c, d, 15.0))
    decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED)
    decide(dsl, dsl_scope, a, b, Verdict.REJECTED)
    person_unlink(actor=dsl, scope=dsl_scope, recorded_person_id=d, reason="Not him")
    person = person_of(dsl_scope, b)
    apply_run(scored(a, b, 4.0))
    decide(dsl, dsl_scope, a, b, Verdict.CONFIRMED)
    person_split(actor=dsl, scope=dsl_scope, person_id=person, moving_ids=[c], reason="Apart")
    audited = {
        (e.payload["decision_id"], e.recorded_person_id)
        for e in AuditEntry.objects.filter(action__startswith="link.").exclude(
            action__in=["link.applied", "link.pair_viewed", "link.queue_viewed"]
        )
    }
    for decision in LinkDecision.objects.all():
        assert {(decision.pk, decision.left_id), (decision.pk, decision.right_id)} <= audited
    changed = {
        e.payload["membership_id"]
        for e in AuditEntry.objects.filter(action="person.membership_changed")
    }
    assert changed == {str(m.id) for m in PersonMembership.objects.all()}
    assert AuditEntry.objects.filter(action__in=["person.unlinked", "person.split"]).count() == 2
    for entry in AuditEntry.objects.filter(action__in=["link.confirmed", "link.rejected"]):
        assert entry.actor_id == dsl.pk
        assert "Checked" not in str(entry.payload)  # ids only, never the reason's words
