"""The meeting and action pages for the accessibility check (tests/browser): the data they show,
and the visits, error states included, as a practitioner would make them.

The school records a team around the family meeting about the site's child, with two actions
for its DSL ("dsl"): one overdue and escalated to the school's manager ("head"), one done.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from sightline.agencies.selectors import agency_list
from sightline.meetings.data import ActionIn, AttendeeIn, InformationIn, MeetingIn
from sightline.meetings.models import Action, Meeting
from sightline.meetings.selectors import local_today
from sightline.meetings.services import (
    action_complete,
    action_set,
    actions_escalate_overdue,
    meeting_record,
)
from tests.browser.driving import leave
from tests.conftest import PASSWORD

Go = Callable[[WebDriver, Any], None]


def meetings_for(dsl: Any, school: Any, child: UUID) -> None:
    today = local_today()
    other = next(agency for agency in agency_list() if agency.id != school.id)
    meeting = meeting_record(
        actor=dsl,
        meeting=MeetingIn(
            agency_id=school.id,
            kind="team_around_the_family",
            held_on=today - timedelta(days=20),
            chair="Ms Owusu, designated safeguarding lead",
            child_ids=(child,),
            attendees=(
                AttendeeIn(school.id, "Ms Owusu", "Designated safeguarding lead", "attended"),
                AttendeeIn(other.id, "", "", "did_not_attend"),
            ),
            information=(InformationIn(school.id, "Food-seeking at lunch since October."),),
            decisions="Breakfast club place offered; weekly check-ins with Daniel.",
        ),
    ).meeting_id

    def action(description: str, due_in: int) -> UUID:
        return action_set(
            actor=dsl,
            action=ActionIn(
                child_id=child, description=description, owner_id=dsl.pk,
                owner_agency_id=school.id, due_on=today + timedelta(days=due_in),
                what_will_be_different="Daniel starts the day fed and ready to learn.",
                meeting_id=meeting,
            ),
        ).action_id  # fmt: skip

    action("Book Daniel a breakfast club place.", -3)
    done = action("Tell Daniel's mother about the breakfast club.", 5)
    action_complete(actor=dsl, action_id=done, evidence="Told her at pick-up; she agreed.")
    actions_escalate_overdue()


def _submit(driver: WebDriver) -> None:
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)


def _as(username: str) -> Go:
    def go(driver: WebDriver, site: Any) -> None:
        driver.get(site.url + reverse("web:home"))
        buttons = driver.find_elements(By.CSS_SELECTOR, "header button[type='submit']")
        if buttons:
            leave(driver, buttons[0].click)
        driver.get(site.url + reverse("web:sign-in"))
        driver.find_element(By.ID, "id_username").send_keys(username)
        driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
        _submit(driver)

    return go


def _then(*steps: Go) -> Go:
    def go(driver: WebDriver, site: Any) -> None:
        for step in steps:
            step(driver, site)

    return go


def _child_page(name: str, *args: str) -> Go:
    return lambda driver, site: driver.get(
        site.url + reverse(f"web:{name}", args=[site.person, *args])
    )


def _meeting_page(name: str) -> Go:
    return lambda driver, site: driver.get(
        site.url + reverse(f"web:{name}", args=[Meeting.objects.get().id])
    )


def _action_page(name: str) -> Go:
    def go(driver: WebDriver, site: Any) -> None:
        overdue = Action.objects.filter(status_update__isnull=True).order_by("due_on").first()
        assert overdue is not None
        driver.get(site.url + reverse(f"web:{name}", args=[overdue.id]))

    return go


def _page(name: str) -> Go:
    return lambda driver, site: driver.get(site.url + reverse(f"web:{name}"))


def _submit_empty(driver: WebDriver, site: Any) -> None:
    _submit(driver)


def _add_another_agency(driver: WebDriver, site: Any) -> None:
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[name='add_row']").click)


def _missing_meeting(driver: WebDriver, site: Any) -> None:
    driver.get(site.url + reverse("web:meeting-detail", args=[uuid4()]))


# (route, what is on screen, how to get there, status, whether the error summary shows)
VISITS: list[tuple[str, str, Go, int, bool]] = [
    ("child-meetings", "a meeting and actions", _then(_as("dsl"), _child_page("child-meetings")),
     200, False),
    ("meeting-choose", "the kinds", _child_page("meeting-choose"), 200, False),
    ("meeting-choose", "submitted empty", _submit_empty, 200, True),
    ("meeting-record", "an initial conference", _child_page("meeting-record", "initial_conference"),
     200, False),
    ("meeting-record", "submitted empty", _submit_empty, 200, True),
    ("meeting-record", "another agency added", _add_another_agency, 200, False),
    ("meeting-detail", "who came, what was shared and decided", _meeting_page("meeting-detail"),
     200, False),
    ("meeting-detail", "not found", _missing_meeting, 404, False),
    ("action-add", "form", _meeting_page("action-add"), 200, False),
    ("action-add", "submitted empty", _submit_empty, 200, True),
    ("child-action-add", "form", _child_page("child-action-add"), 200, False),
    ("child-action-add", "submitted empty", _submit_empty, 200, True),
    ("action-complete", "the evidence asked for", _action_page("action-complete"), 200, False),
    ("action-complete", "submitted empty", _submit_empty, 200, True),
    ("action-cancel", "the reason asked for", _action_page("action-cancel"), 200, False),
    ("action-cancel", "submitted empty", _submit_empty, 200, True),
    ("my-actions", "one overdue and escalated, one done", _page("my-actions"), 200, False),
    ("actions-overdue", "a manager's overdue actions", _then(_as("head"), _page("actions-overdue")),
     200, False),
]  # fmt: skip
