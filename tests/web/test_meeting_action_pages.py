"""Setting, completing and cancelling actions, your actions and a manager's overdue actions,
through HTTP."""

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.agencies.services import membership_create
from sightline.core import clock
from sightline.meetings.models import Action, ActionUpdate
from sightline.meetings.services import action_cancel, action_complete, actions_escalate_overdue
from tests.meetings.factories import actions_for_several_children, record_meeting, set_action
from tests.meetings.fixtures import case
from tests.notifications.factories import record
from tests.notifications.fixtures import town
from tests.records.factories import injury_raw
from tests.web.fixtures import signed_in

__all__ = ["case", "town"]
pytestmark = pytest.mark.django_db

MINE = reverse("web:my-actions")
OVERDUE = reverse("web:actions-overdue")
# The session and user; the viewer's memberships (the page's access, then the list's); their
# open actions and those done, each with its escalations; how their agencies name the children
# (the records' links and persons, and the sides they hold: four reads).
MY_ACTIONS_BUDGET = 12
# The session and user; the viewer's memberships; the overdue actions of the agencies they
# manage, with their escalations and the children's names (four reads); then the same for the
# actions escalated to them, which are found first.
OVERDUE_BUDGET = 17


@pytest.fixture
def meeting(case):
    return record_meeting(case).meeting_id


@pytest.fixture
def action(case, meeting):
    return set_action(case, meeting)


def action_post(town, **overrides) -> dict[str, str]:
    due = clock.now().date() + timedelta(days=10)
    data = {
        "submission_key": f"form:{uuid.uuid4()}",
        "description": "Weigh Daniel every week and share the chart.",
        "what_will_be_different": "Daniel's weight is back on his centile.",
        "owner": f"{town.nurse.pk}:{town.nursing.id}",
        "due_on_day": str(due.day),
        "due_on_month": str(due.month),
        "due_on_year": str(due.year),
    }
    data.update(overrides)
    return data


def test_an_action_is_set_from_the_meeting_page_for_a_practitioner_of_another_agency(case, meeting):
    town = case.town
    client = signed_in(town.social_worker)
    add = reverse("web:action-add", args=[meeting])
    form = client.get(add).content.decode()
    assert '<optgroup label="School Nursing">' in form and town.nurse.display_name in form

    response = client.post(add, action_post(town))

    row = Action.objects.get()
    assert response["Location"] == reverse("web:meeting-detail", args=[meeting])
    assert (row.owner, row.owner_agency, row.child_id) == (
        town.nurse,
        town.nursing,
        case.care_child,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Daniel&#x27;s weight is back on his centile." in page


def test_an_action_without_what_will_be_different_shows_the_error_summary(case, meeting):
    client = signed_in(case.town.social_worker)
    html = client.post(
        reverse("web:action-add", args=[meeting]),
        action_post(case.town, what_will_be_different="", owner=""),
    ).content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_what_will_be_different"' in html and 'href="#id_owner"' in html
    assert not Action.objects.exists()


def test_an_action_due_before_the_meeting_is_refused_with_the_reason(case, meeting):
    long_ago = clock.now().date() - timedelta(days=60)
    day, month, year = (str(part) for part in (long_ago.day, long_ago.month, long_ago.year))
    post = action_post(case.town, due_on_day=day, due_on_month=month, due_on_year=year)
    html = (
        signed_in(case.town.social_worker)
        .post(reverse("web:action-add", args=[meeting]), post)
        .content.decode()
    )
    assert 'href="#id_due_on_day"' in html and "cannot be before" in html


def test_an_action_for_a_child_is_set_on_its_own_from_the_child_s_page(case):
    town = case.town
    client = signed_in(town.dsl)
    # From the school nurses' record, which the DSL sees through Daniel's enrolment.
    response = client.post(
        reverse("web:child-action-add", args=[town.nursing_child]), action_post(town)
    )
    row = Action.objects.get()
    assert (row.agency, row.child_id, row.meeting) == (town.school, town.school_child, None)
    assert response["Location"] == reverse("web:child-meetings", args=[town.nursing_child])


def test_the_owner_sees_their_action_and_completes_it_with_evidence(case, action):
    town = case.town
    client = signed_in(town.dsl)
    mine = client.get(MINE).content.decode()
    assert "Check that Daniel eats a full lunch" in mine
    complete = reverse("web:action-complete", args=[action])
    assert complete in mine

    ours = record(town.dsl, town.school, injury_raw("SCH-1", source_reference="INJ-9"))
    page = client.get(complete + f"?next={MINE}").content.decode()
    assert str(ours) in page  # offered as evidence
    html = client.post(complete, {"evidence": "", "next": MINE}).content.decode()
    assert 'href="#id_evidence"' in html and not ActionUpdate.objects.exists()

    response = client.post(
        complete, {"evidence": "Lunch checked daily.", "evidence_event": str(ours), "next": MINE}
    )
    assert response["Location"] == MINE
    update = ActionUpdate.objects.get()
    assert (update.status, update.evidence_event_id) == ("completed", ours)
    assert "Lunch checked daily." in client.get(MINE).content.decode()


def test_cancelling_needs_a_reason(case, action):
    client = signed_in(case.town.social_worker)
    cancel = reverse("web:action-cancel", args=[action])
    html = client.post(cancel, {"reason": " "}).content.decode()
    assert 'href="#id_reason"' in html
    client.post(cancel, {"reason": "Daniel moved school."})
    assert ActionUpdate.objects.get().status == "cancelled"


def test_a_closed_action_is_not_closed_twice(case, action):
    action_cancel(actor=case.town.dsl, action_id=action, reason="Not needed.")
    response = signed_in(case.town.dsl).post(
        reverse("web:action-complete", args=[action]), {"evidence": "Done."}
    )
    assert response["Location"] == MINE and ActionUpdate.objects.get().status == "cancelled"


def test_the_next_page_is_only_ever_on_this_site(case, action):
    response = signed_in(case.town.dsl).post(
        reverse("web:action-complete", args=[action]),
        {"evidence": "Done.", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == MINE


@pytest.mark.parametrize("who", ["teacher", "nurse", "care_manager", "hospital_nurse"])
def test_others_are_answered_404_for_someone_else_s_action(case, action, who):
    client = signed_in(getattr(case.town, who))
    for name in ("action-complete", "action-cancel"):
        assert client.get(reverse(f"web:{name}", args=[action])).status_code == 404
        assert client.post(reverse(f"web:{name}", args=[action]), {"reason": "x",
                           "evidence": "x"}).status_code == 404  # fmt: skip
    assert not ActionUpdate.objects.exists()


def test_a_manager_sees_the_team_s_overdue_actions_and_those_escalated(case, action, monkeypatch):
    town = case.town
    late = datetime.combine(Action.objects.get().due_on + timedelta(days=2), time(12), tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: late)
    actions_escalate_overdue()

    html = signed_in(town.school_manager).get(OVERDUE).content.decode()
    assert "Overdue actions of your agencies (1)" in html
    assert "Owned by your agency" in html
    assert "2 days past its due date" in html
    assert f"To {town.school_manager.display_name}" in html
    # The one action twice: overdue, and escalated to this manager.
    assert html.count('<h3 class="govuk-summary-card__title">Check that Daniel eats') == 2
    assert signed_in(town.dsl).get(OVERDUE).status_code == 403  # not a manager
    assert "Overdue" in signed_in(town.dsl).get(MINE).content.decode()


def test_a_manager_sees_what_their_agency_s_meeting_gave_to_another_agency(case, action):
    # Social care's strategy discussion gave the school's DSL an action; it is now overdue.
    late = datetime.combine(Action.objects.get().due_on + timedelta(days=2), time(12), tzinfo=UTC)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "now", lambda: late)
        html = signed_in(case.town.care_manager).get(OVERDUE).content.decode()
    assert "Overdue actions of your agencies (1)" in html
    assert "Check that Daniel eats a full lunch" in html
    assert "Set by your agency&#x27;s meeting" in html and "Owned by your agency" not in html
    # Completing it is for the school (its owner, and their managers) and its setter.
    assert reverse("web:action-complete", args=[action]) not in html


def test_the_overdue_page_keeps_to_the_agencies_the_viewer_manages(case, meeting):
    # A manager at the school who is also a practitioner with the school nurses sees the
    # school's overdue actions, not the school nurses'.
    town = case.town
    membership_create(actor=None, user=town.school_manager, agency=town.nursing,
                      role="practitioner")  # fmt: skip
    yesterday = clock.now().date() - timedelta(days=1)
    set_action(case, meeting, due_on=yesterday, description="For the school.")
    set_action(case, meeting, due_on=yesterday, description="For the nurses.",
               owner_id=town.nurse.pk, owner_agency_id=town.nursing.id)  # fmt: skip
    html = signed_in(town.school_manager).get(OVERDUE).content.decode()
    assert "For the school." in html and "For the nurses." not in html


def test_the_lists_of_actions_keep_to_their_query_budgets_however_many_children(case, meeting):
    town = case.town

    def queries() -> tuple[int, int, int]:
        counted = []
        for url, user in ((MINE, town.dsl), (OVERDUE, town.school_manager),
                          (OVERDUE, town.care_manager)):  # fmt: skip
            client = signed_in(user)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counted.append(len(captured))
        return counted[0], counted[1], counted[2]

    set_action(case, meeting, due_on=clock.now().date() - timedelta(days=1))
    action_complete(actor=town.dsl, action_id=set_action(case, meeting), evidence="Done.")
    actions_escalate_overdue()
    few = queries()
    actions_for_several_children(case)
    assert queries() == few
    assert few[0] <= MY_ACTIONS_BUDGET and max(few[1:]) <= OVERDUE_BUDGET, few
