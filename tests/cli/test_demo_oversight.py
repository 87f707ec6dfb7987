"""The demo's oversight step, on a small demo world: what its summary line claims is what the
oversight board shows the manager and the senior manager."""

from datetime import date, timedelta
from uuid import uuid4

import pytest

from sightline.agencies.data import AgencyKind
from sightline.agencies.selectors import agency_list
from sightline.assessments.data import AssessmentSummary, Outcome, Status
from sightline.assessments.selectors import earlier_closure_on, oversight_board
from sightline.cli import demo
from sightline.cli.demo_oversight import oversight_demo_create, oversight_summary
from sightline.cli.demo_oversight.choosing import SPEAKING_AGE, Child, Team, cast, team_get
from sightline.core import clock
from sightline.households.services import households_derive
from sightline.identity.services import store_link
from sightline.meetings.data import ActionView, Attendance, MeetingKind
from sightline.meetings.selectors import local_today, meeting_get
from sightline.records.services.imports import import_file
from sightline.risk.selectors import child_record_ids
from sightline.risk.services import risk_evaluate_children
from sightline.synthetic.generator import generate, persons_for_children

# Small enough to load in seconds (linking needs a thousand recorded persons), large enough for
# a few children with signals whose record children's social care holds.
CHILDREN, SEED = 200, 5


@pytest.fixture
def demo_world(db, tmp_path):
    """What `sightline demo` has loaded when its oversight step starts, for a small population
    (last night's police incidents left out)."""
    persons = persons_for_children(CHILDREN, SEED)
    generate(persons=persons, seed=SEED, out=tmp_path)
    agencies = demo.agencies_create(tmp_path / "agencies.json")
    demo.practitioners_create(agencies)
    with demo.background_work_deferred():
        import_file(actor=None, path=tmp_path / "records.jsonl", default_agency_code=None)
        store_link(actor=None, seed=SEED)
        households_derive(actor=None)
    risk_evaluate_children(recorded_person_ids=child_record_ids(today=clock.now().date()))
    team = team_get()
    assert team is not None
    return team


def _assert_closed_again_after_a_closure_that_took_effect(review: AssessmentSummary) -> None:
    assert (review.status, review.outcome) == (Status.AWAITING_REVIEW, Outcome.NO_FURTHER_ACTION)
    # The first closure took effect: its assessment event is on the child's record, dated today.
    today = local_today()
    assert earlier_closure_on(child_id=review.child_id, closing_on=today, excluding=review.id) == (
        today
    )


def _assert_overdue_from_a_strategy_discussion(overdue: ActionView, team: Team) -> None:
    assert overdue.owner_id == team.practitioner.pk
    assert overdue.meeting_kind == MeetingKind.STRATEGY_DISCUSSION
    assert overdue.days_overdue == 8  # held ten days ago, due two days after
    assert [e.to_name for e in overdue.escalations] == [team.manager.display_name]
    assert overdue.meeting_id is not None
    meeting = meeting_get(viewer_id=team.practitioner.pk, meeting_id=overdue.meeting_id)
    came = {a.agency_id for a in meeting.attendees if a.attendance == Attendance.ATTENDED}
    kinds = {agency.kind for agency in agency_list() if agency.id in came}
    assert {AgencyKind.POLICE, AgencyKind.SCHOOL} <= kinds
    assert kinds & {AgencyKind.GP, AgencyKind.HEALTH_VISITING, AgencyKind.SCHOOL_NURSING,
                    AgencyKind.HOSPITAL, AgencyKind.COMMUNITY_PAEDIATRICS}  # fmt: skip
    assert sorted(action.overdue for action in meeting.actions) == [False, True]


def test_the_oversight_board_shows_the_managers_what_the_summary_says(demo_world):
    team = demo_world

    summary = oversight_summary(oversight_demo_create(seed=SEED))

    managing = oversight_board(viewer_id=team.manager.pk)
    reviewing = oversight_board(viewer_id=team.senior_manager.pk)
    code = team.agency.code
    assert summary == (
        f"Oversight: 1 assessment waiting for sign-off ({code}.manager), 1 closure waiting for "
        f"senior review ({code}.senior_manager), 1 meeting with 1 overdue action; "
        f"{len(managing.unanswered_signals)} signals without a response. Open /oversight/ as "
        "a manager.\n"
    )
    assert len(managing.unanswered_signals) >= 1
    [waiting] = managing.awaiting_sign_off
    assert (waiting.status, waiting.outcome) == (Status.SUBMITTED, Outcome.CHILD_IN_NEED_PLAN)
    assert waiting.author_name == team.practitioner.display_name
    [review] = reviewing.awaiting_review
    assert review.child_id != waiting.child_id
    _assert_closed_again_after_a_closure_that_took_effect(review)
    [overdue] = managing.overdue_actions
    _assert_overdue_from_a_strategy_discussion(overdue, team)


# ------------------------------------------------------------------ choosing the children


def _child(name: str, age: int, today: date) -> Child:
    return Child(uuid4(), frozenset(), name, today - timedelta(days=365 * age + 30), (), ())


def test_the_same_seed_casts_the_same_children_and_each_part_has_its_own_child(db):
    today = date(2026, 3, 2)
    children = [_child(f"Child {n}", age=n % 12, today=today) for n in range(12)]

    chosen = cast(children, 7, today)

    assert set(chosen) == {"closed", "assessed", "discussed"}
    assert len({child.record_id for child in chosen.values()}) == 3
    assert cast(children, 7, today) == chosen
    assert chosen["assessed"].age_on(today) >= SPEAKING_AGE
    assert any(cast(children, seed, today) != chosen for seed in range(8, 20))


def test_a_population_with_fewer_children_has_a_smaller_picture(db):
    today = date(2026, 3, 2)
    only = [_child("Only Child", age=1, today=today)]

    assert cast(only, 1, today) == {"closed": only[0]}
    assert cast([], 1, today) == {}
