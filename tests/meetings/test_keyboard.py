"""A social worker records a strategy discussion with the keyboard alone: the agency rows,
"Add another agency", and the decision, by Tab, Space, Enter and typing."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from sightline.meetings.models import Meeting, MeetingAttendee
from sightline.meetings.selectors import local_today
from tests.browser.conftest import _live_server_shares_sqlite, browser, browser_session
from tests.browser.driving import focused, press, press_to_leave, tab_to
from tests.conftest import PASSWORD

__all__ = ["_live_server_shares_sqlite", "browser", "browser_session"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_is_recorded_by_keyboard_and_another_agency_row_added(
    browser_session, live_server, case
):
    driver = browser_session
    driver.get(live_server.url + reverse("web:sign-in"))
    tab_to(driver, "#id_username")
    press_to_leave(driver, "social_worker", Keys.TAB, PASSWORD, Keys.ENTER)
    driver.get(live_server.url + reverse("web:child-meetings", args=[case.care_child]))
    tab_to(driver, "main a[href$='/meetings/new/']")
    press_to_leave(driver, Keys.ENTER)
    tab_to(driver, "#id_kind_0")  # Strategy discussion
    press(driver, Keys.SPACE)
    tab_to(driver, "main button[type='submit']")
    press_to_leave(driver, Keys.ENTER)

    day = local_today()
    tab_to(driver, "#id_held_on_day")
    press(driver, str(day.day), Keys.TAB, str(day.month), Keys.TAB, str(day.year))
    tab_to(driver, "#id_chair")
    press(driver, "Jo Bell, team manager")
    tab_to(driver, "#id_decision_0")
    press(driver, Keys.SPACE)
    tab_to(driver, "#id_decisions")
    press(driver, "Threshold met for a section 47 enquiry.")
    tab_to(driver, "#id_attendee_1_agency")
    press(driver, "West")  # the select's own type-ahead: West Midlands Police
    assert driver.find_element(By.ID, "id_attendee_1_agency").get_attribute("value") == str(
        case.town.police.id
    )
    tab_to(driver, "#id_attendee_1_name")
    press(driver, "DC Patel")
    tab_to(driver, "#id_attendee_1_attendance_0")
    press(driver, Keys.SPACE)
    assert focused(driver, "value") == "attended"
    tab_to(driver, "main button[name='add_row']")
    press_to_leave(driver, Keys.ENTER)

    assert driver.find_elements(By.ID, "id_attendee_6_agency")
    assert driver.find_element(By.ID, "id_chair").get_attribute("value") == "Jo Bell, team manager"
    assert not driver.find_elements(By.CLASS_NAME, "govuk-error-summary")
    tab_to(driver, "main button[type='submit']:not([name])")
    press_to_leave(driver, Keys.ENTER)

    assert driver.find_element(By.TAG_NAME, "h1").text == "Strategy discussion"
    meeting = Meeting.objects.get()
    assert [a.name for a in MeetingAttendee.objects.filter(meeting=meeting)] == ["DC Patel"]
