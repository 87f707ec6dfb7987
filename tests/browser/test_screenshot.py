"""A populated injury page in headless Chromium: the README's screenshot (synthetic data).

Set SIGHTLINE_SCREENSHOT=docs/screenshot.png to write the picture for the README as well.
"""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from sightline.agencies.selectors import scope_for_user
from sightline.agencies.services import practitioner_create
from sightline.records.services import event_amend, event_record
from tests.browser.driving import leave
from tests.conftest import PASSWORD
from tests.records.factories import injury_raw

pytestmark = pytest.mark.browser

MARKS = [
    {
        "region": "F-CHEEK-L",
        "mark_type": "bruise",
        "size_mm": 25,
        "description": "Blue-purple, oval",
    },
    {
        "region": "F-UPPERARM-R",
        "mark_type": "bruise",
        "size_mm": 15,
        "description": "Four small round bruises in a row",
    },
    {
        "region": "B-BUTTOCK-L",
        "mark_type": "scratch",
        "size_mm": 40,
        "description": "Two parallel lines",
    },
]


def _injury(dsl, school):
    scope = scope_for_user(user_id=dsl.pk)
    raw = injury_raw(
        summary="Bruising to the left cheek and upper arm noticed at morning registration.",
        child_words="Daddy squeezed my arm when I was naughty.",
        interpreter="yes:family_member",
        details={
            "marks": MARKS[:2],
            "explanation_given": True,
            "explanation": "Mother said he fell in the playground at the weekend.",
            "explanation_by": "parent_or_carer",
            "explanation_fits": "no",
            "child_mobile": "yes",
        },
    )
    event = event_record(actor=dsl, scope=scope, agency_id=school.id, raw=raw)
    amended = {**raw, "details": {**raw["details"], "marks": MARKS}}
    event_amend(
        actor=dsl, scope=scope, event_id=event.record_id, raw=amended,
        reason="School nurse found a scratch on the left buttock",
    )  # fmt: skip
    return event.record_id


def test_a_populated_injury_page(browser_session, live_server, school, child, tmp_path):
    driver = browser_session
    dsl = practitioner_create(
        actor=None, username="jowusu", password=PASSWORD, display_name="Ms Joanna Owusu",
        agency=school, role="dsl",
    )  # fmt: skip
    event_id = _injury(dsl, school)
    driver.get(live_server.url + "/sign-in/")
    driver.find_element(By.ID, "id_username").send_keys("jowusu")
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)
    driver.get(f"{live_server.url}/events/{event_id}/")
    assert len(driver.find_elements(By.CSS_SELECTOR, ".sl-region--marked")) == 3
    width = driver.get_window_size()["width"]
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, height)
    picture = tmp_path / "event.png"
    try:
        assert driver.save_screenshot(str(picture))
    finally:
        driver.set_window_size(width, 1024)
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if target := os.environ.get("SIGHTLINE_SCREENSHOT"):
        Path(target).write_bytes(picture.read_bytes())
