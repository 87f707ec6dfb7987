"""A school DSL records an injury on the body map with the keyboard alone: no clicks.

The browser only opens the sign-in page; every other step is Tab, Space, Enter, arrow keys
or typing, sent to whatever has focus.
"""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.driving import focused, press, press_to_leave, tab_to
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(driver, live_server) -> None:
    driver.get(live_server.url + "/sign-in/")
    tab_to(driver, "#id_username")
    press_to_leave(driver, "dsl", Keys.TAB, PASSWORD, Keys.ENTER)
    assert "Hello, Test dsl" in driver.find_element(By.TAG_NAME, "h1").text


def open_the_injury_form(driver, child) -> None:
    """Home → Find a person → their page → Record an event → Injury."""
    tab_to(driver, "main a[href='/people/']")
    press_to_leave(driver, Keys.ENTER)
    tab_to(driver, "#id_q")
    press_to_leave(driver, "Luczak", Keys.ENTER)
    tab_to(driver, f"a[href='/people/{child}/']")
    press_to_leave(driver, Keys.ENTER)
    tab_to(driver, f"a[href='/people/{child}/events/new/']")
    press_to_leave(driver, Keys.ENTER)
    tab_to(driver, "#id_kind_0")
    press(driver, Keys.ARROW_DOWN, Keys.ARROW_DOWN)  # Concern, Domestic abuse incident, Injury
    assert focused(driver, "value") == "injury"
    tab_to(driver, "button[type='submit']")
    press_to_leave(driver, Keys.ENTER)
    assert driver.find_element(By.TAG_NAME, "h1").text == "Record: Injury"


def answer_the_questions(driver) -> None:
    tab_to(driver, "#id_occurred_day")
    press(driver, "4", Keys.TAB, "3", Keys.TAB, "2024", Keys.TAB, "09:10")
    tab_to(driver, "#id_summary")
    press(driver, "Bruise on the left cheek and a scratch on the right buttock.")
    for question in ("child_seen", "child_seen_alone", "child_voice"):
        tab_to(driver, f"#id_{question}_0")
        press(driver, Keys.SPACE)
    tab_to(driver, "#id_child_words")  # revealed by "the child said something"
    press(driver, "I fell off my bike.")
    tab_to(driver, "#id_interpreter_0")
    press(driver, Keys.ARROW_DOWN, Keys.ARROW_DOWN)  # Not applicable
    tab_to(driver, "#id_details-explanation_given_0")
    press(driver, Keys.SPACE)
    tab_to(driver, "#id_details-explanation")
    press(driver, "Child said he fell off his bike.")
    tab_to(driver, "#id_details-explanation_fits_0")
    press(driver, Keys.ARROW_DOWN)  # No


def mark_the_body_map(driver) -> None:
    tab_to(driver, "[data-region='F-CHEEK-L']")
    assert focused(driver, "aria-label") == "Cheek, left"
    press(driver, Keys.SPACE)
    assert focused(driver, "aria-checked") == "true"
    tab_to(driver, "#id_marks-F-CHEEK-L-type")
    press(driver, "Bruise", Keys.TAB, "25", Keys.TAB, "Blue, oval")
    tab_to(driver, "[data-region='B-BUTTOCK-R']")
    press(driver, Keys.ENTER)
    assert focused(driver, "aria-checked") == "true"
    tab_to(driver, "#id_marks-B-BUTTOCK-R-type")
    press(driver, "Scratch")
    # Space again un-ticks, and the checkbox follows the drawing.
    tab_to(driver, "[data-region='F-NOSE']")
    press(driver, Keys.SPACE, Keys.SPACE)
    assert focused(driver, "aria-checked") == "false"
    assert not driver.find_element(By.CSS_SELECTOR, "input[value='F-NOSE']").is_selected()


def test_a_dsl_records_an_injury_on_the_body_map_by_keyboard(
    browser_session, live_server, dsl, child
):
    driver = browser_session
    sign_in(driver, live_server)
    open_the_injury_form(driver, child)
    answer_the_questions(driver)
    mark_the_body_map(driver)
    tab_to(driver, "button[type='submit']")
    press_to_leave(driver, Keys.ENTER)

    assert driver.find_element(By.TAG_NAME, "h1").text == "Injury", driver.current_url
    page = driver.find_element(By.TAG_NAME, "main").text
    assert "Injury recorded" in page
    assert "“I fell off my bike.”" in page
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")]
    assert "Cheek, left Bruise 25 mm Blue, oval" in rows
    assert "Buttock, right Scratch Not measured None given" in rows
    marked = driver.find_elements(By.CSS_SELECTOR, ".sl-region--marked")
    assert sorted(m.get_attribute("data-region") for m in marked) == ["B-BUTTOCK-R", "F-CHEEK-L"]
