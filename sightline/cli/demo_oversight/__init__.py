"""The demo's picture of assessment and oversight, for its children's social care agency.

Once the population is loaded, linked and evaluated, the agency's demo practitioner works on
three children with risk signals, through the same services the web pages call: a single
assessment waits for the manager's sign-off; a child closed with no further action (signed off,
so it took effect) is closed again, and that second closure waits for the senior manager's
review; a strategy discussion set two actions, one already overdue and escalated to the
manager. The signals themselves are left for someone to answer, so the oversight board has
each of its lists to show.

Children are chosen by the demo's seed (choosing.py); nothing here writes around a service: where
a service would refuse, the choice of child or of what is written changes instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sightline.access.data import Purpose
from sightline.assessments.selectors import oversight_board
from sightline.cli.demo_oversight.casework import (
    allocate,
    child_in_need_plan,
    closed_twice,
    submitted_assessment,
)
from sightline.cli.demo_oversight.choosing import (
    SIGNALS_READ,
    Team,
    cast,
    children_with_signals,
    team_get,
)
from sightline.cli.demo_oversight.meeting import actions_set, strategy_discussion
from sightline.meetings.selectors import local_today
from sightline.meetings.services import actions_escalate_overdue
from sightline.risk.selectors import signal_unanswered_list

# How long ago the practitioner was allocated each child (on the day of the strategy discussion
# for the child discussed): a few weeks of work, within the interval for seeing a child.
_ALLOCATED = {"closed": timedelta(days=40), "assessed": timedelta(days=20)}
_MEETING_HELD = timedelta(days=10)
# How many unanswered signals the oversight board lists at most.
_BOARD_SIGNALS = 200


@dataclass(frozen=True)
class OversightShown:
    """What the oversight board now shows the agency's manager and senior manager."""

    manager: str  # username
    senior_manager: str
    awaiting_sign_off: int
    awaiting_review: int
    meetings: int  # recorded here
    overdue_actions: int
    unanswered_signals: int


def oversight_demo_create(*, seed: int) -> OversightShown | None:
    """Make the picture (see above) and read back what the oversight board shows; None when
    the population has no children's social care agency with demo users."""
    team = team_get()
    if team is None:
        return None
    today = local_today()
    chosen = cast(children_with_signals(team), seed, today)
    if child := chosen.get("closed"):
        allocate(team, child, today - _ALLOCATED["closed"], Purpose.ASSESSMENT)
        closed_twice(team, child, today)
    if child := chosen.get("assessed"):
        allocate(team, child, today - _ALLOCATED["assessed"], Purpose.ASSESSMENT)
        submitted_assessment(team, child, child_in_need_plan(child, today))
    if child := chosen.get("discussed"):
        held_on = today - _MEETING_HELD
        allocate(team, child, held_on, Purpose.MEETING)
        meeting = strategy_discussion(team, child, held_on)
        actions_set(team, child, meeting, held_on, today)
    actions_escalate_overdue()
    return _shown(team, meetings=int("discussed" in chosen))


def _shown(team: Team, meetings: int) -> OversightShown:
    managing = oversight_board(viewer_id=team.manager.pk)
    reviewing = oversight_board(viewer_id=team.senior_manager.pk)
    signals = len(managing.unanswered_signals)
    if signals >= _BOARD_SIGNALS:  # the board lists the oldest ones: count them all
        signals = len(signal_unanswered_list(agency_ids=[team.agency.id], limit=SIGNALS_READ))
    return OversightShown(
        manager=team.manager.username,
        senior_manager=team.senior_manager.username,
        awaiting_sign_off=len(managing.awaiting_sign_off),
        awaiting_review=len(reviewing.awaiting_review),
        meetings=meetings,
        overdue_actions=len(managing.overdue_actions),
        unanswered_signals=signals,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def oversight_summary(shown: OversightShown | None) -> str:
    """One line for the demo's closing summary: what is waiting for whom."""
    if shown is None:
        return "Oversight: no children's social care agency with demo users, so nothing to show.\n"
    return (
        f"Oversight: {_count(shown.awaiting_sign_off, 'assessment')} waiting for sign-off "
        f"({shown.manager}), {_count(shown.awaiting_review, 'closure')} waiting for senior "
        f"review ({shown.senior_manager}), {_count(shown.meetings, 'meeting')} with "
        f"{_count(shown.overdue_actions, 'overdue action')}; "
        f"{_count(shown.unanswered_signals, 'signal')} without a response. Open /oversight/ "
        "as a manager.\n"
    )
