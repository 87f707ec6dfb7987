"""Who sees an assessment, and a manager's oversight board."""

from datetime import timedelta
from typing import Any

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.assessments.selectors import assessment_get, oversight_board
from sightline.assessments.services import assessment_sign_off
from sightline.core import clock
from sightline.core.exceptions import NotFound
from sightline.meetings.data import ActionIn
from sightline.meetings.services import action_set
from tests.assessments.factories import (
    care_visit,
    closed_with_no_further_action,
    open_signal,
    school_concern,
    submitted,
)
from tests.identity.factories import record_person
from tests.notifications.factories import relate


def board_children(manager) -> dict[Any, Any]:
    return {
        child.child_id: child for child in oversight_board(viewer_id=manager.pk).unseen_children
    }


# ------------------------------------------------------------------------ scoping


def test_the_author_and_the_agency_s_managers_see_an_assessment(family):
    assessment = submitted(family)
    for viewer in (family.worker, family.manager, family.senior):
        view = assessment_get(scope=scope_for_user(user_id=viewer.pk), assessment_id=assessment.id)
        assert view.id == assessment.id
        assert view.child_name == "Daniel Łuczak"


@pytest.mark.parametrize("who", ["other_manager", "colleague", "dsl", "officer"])
def test_anyone_else_is_answered_as_for_a_missing_assessment(family, who):
    assessment = submitted(family)
    scope = scope_for_user(user_id=getattr(family, who).pk)
    with pytest.raises(NotFound):
        assessment_get(scope=scope, assessment_id=assessment.id)


def test_another_agency_s_assessments_are_not_on_a_manager_s_board(family):
    submitted(family)
    open_signal(family)
    board = oversight_board(viewer_id=family.other_manager.pk)
    assert board.awaiting_sign_off == () and board.unanswered_signals == ()
    assert board.unseen_children == ()


# ------------------------------------------------------------------------ the board


def test_submitted_assessments_wait_for_the_agency_s_managers_but_not_their_author(family):
    assessment = submitted(family)
    own = submitted(family, author=family.manager, child=family.sibling)

    waiting = oversight_board(viewer_id=family.manager.pk).awaiting_sign_off
    assert [item.id for item in waiting] == [assessment.id]
    assert waiting[0].child_name == "Daniel Łuczak"
    assert waiting[0].author_name == family.worker.display_name

    others = oversight_board(viewer_id=family.second_manager.pk).awaiting_sign_off
    assert {item.id for item in others} == {assessment.id, own.id}

    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    assert [i.id for i in oversight_board(viewer_id=family.manager.pk).awaiting_sign_off] == []


def test_repeated_closures_wait_for_senior_managers_only(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)

    assert oversight_board(viewer_id=family.manager.pk).awaiting_review == ()
    board = oversight_board(viewer_id=family.senior.pk)
    assert board.senior and [item.id for item in board.awaiting_review] == [second.id]


def test_signals_nobody_has_answered_are_on_the_board(family):
    signal = open_signal(family)
    board = oversight_board(viewer_id=family.manager.pk)
    assert [s.id for s in board.unanswered_signals] == [signal]


def test_overdue_actions_are_on_the_board(family, monkeypatch):
    today = clock.now().date()
    action_set(
        actor=family.worker,
        action=ActionIn(
            child_id=family.child,
            description="Speak to the school nurse about the child's weight",
            owner_id=family.worker.pk,
            owner_agency_id=family.care.id,
            due_on=today + timedelta(days=1),
            what_will_be_different="The child's weight is checked every month",
            agency_id=family.care.id,
        ),
    )
    assert oversight_board(viewer_id=family.manager.pk).overdue_actions == ()
    later = clock.now() + timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: later)
    overdue = oversight_board(viewer_id=family.manager.pk).overdue_actions
    assert [a.description for a in overdue] == [
        "Speak to the school nurse about the child's weight"
    ]
    assert oversight_board(viewer_id=family.other_manager.pk).overdue_actions == ()


# ------------------------------------------------------------------ children not seen


def test_a_child_on_an_open_case_never_seen_is_listed(family):
    unseen = board_children(family.manager)[family.child]
    assert unseen.overdue and unseen.alone_overdue
    assert unseen.last_seen_on is None and unseen.child_name == "Daniel Łuczak"
    assert unseen.case_kinds == ("worker_allocation",)


def test_a_child_seen_alone_recently_is_not_listed(family):
    care_visit(family, 1, days=3, alone=True)
    assert family.child not in board_children(family.manager)


def test_a_child_seen_but_never_alone_is_listed_as_not_seen_alone(family):
    care_visit(family, 1, days=3, alone=False)
    unseen = board_children(family.manager)[family.child]
    assert not unseen.overdue and unseen.alone_overdue


def test_another_agency_seeing_the_child_does_not_count(family):
    school_concern(family)  # the school saw the child alone
    assert board_children(family.manager)[family.child].alone_overdue


def test_the_interval_is_a_named_setting(family, settings):
    care_visit(family, 1, days=10, alone=True)
    assert family.child not in board_children(family.manager)
    settings.SIGHTLINE_CHILD_SEEN_WITHIN_DAYS = 7
    unseen = board_children(family.manager)[family.child]
    assert unseen.overdue and not unseen.alone_overdue and unseen.seen_within_days == 7


def test_a_child_seen_alone_only_long_ago_is_listed_as_not_seen_alone(family, settings):
    care_visit(family, 1, days=40, alone=True)
    care_visit(family, 2, days=3, alone=False)
    unseen = board_children(family.manager)[family.child]
    assert not unseen.overdue and unseen.alone_overdue
    assert unseen.seen_alone_within_days == 28
    settings.SIGHTLINE_CHILD_SEEN_ALONE_WITHIN_DAYS = 60
    assert family.child not in board_children(family.manager)


def test_a_child_on_an_open_episode_not_seen_is_listed(family):
    """An episode is an open case, with or without a worker allocated."""
    newcomer = record_person(family.worker, family.care, source_reference="CSC-7")
    opened = clock.now().date() - timedelta(days=60)
    relate(
        family.worker,
        family.care,
        "episode",
        "CSC-7",
        start=opened.isoformat(),
        details={"episode_type": "child_in_need"},
    )
    unseen = board_children(family.manager)[newcomer]
    assert unseen.case_kinds == ("episode:child_in_need",)
    assert unseen.case_opened_on == opened
    assert unseen.overdue and unseen.alone_overdue


def test_a_child_on_a_protection_plan_must_be_seen_more_often(family):
    care_visit(family, 1, days=20, alone=True)
    assert family.child not in board_children(family.manager)
    relate(
        family.worker,
        family.care,
        "plan",
        "CSC-1",
        details={"plan_type": "child_protection", "category_of_abuse": "NEG"},
    )
    unseen = board_children(family.manager)[family.child]
    assert unseen.overdue and unseen.seen_within_days == 14
    assert "plan:child_protection" in unseen.case_kinds


def test_a_new_case_has_the_interval_before_it_is_listed(family):
    newcomer = record_person(family.worker, family.care, source_reference="CSC-9")
    relate(
        family.worker,
        family.care,
        "episode",
        "CSC-9",
        start=(clock.now().date() - timedelta(days=2)).isoformat(),
        details={"episode_type": "assessment"},
    )
    assert newcomer not in board_children(family.manager)


def test_a_closed_case_is_not_listed(family):
    former = record_person(family.worker, family.care, source_reference="CSC-8")
    relate(
        family.worker,
        family.care,
        "episode",
        "CSC-8",
        start="2023-01-01",
        end="2023-06-01",
        details={"episode_type": "child_in_need"},
    )
    assert former not in board_children(family.manager)
