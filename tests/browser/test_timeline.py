"""The chronology's timeline in a real browser: drawn by Vega-Lite under the page's Content
Security Policy (no 'unsafe-eval', no inline styles), one mark for every entry in the table."""

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.driving import leave
from tests.chronology.conftest import pupil
from tests.conftest import PASSWORD

__all__ = ["pupil"]

# Installed before any script of each page runs, so that no violation goes unseen.
RECORD_VIOLATIONS = (
    "window.cspViolations = [];"
    "document.addEventListener('securitypolicyviolation', (e) =>"
    " window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


@pytest.mark.browser
def test_the_timeline_draws_every_entry_within_the_content_security_policy(
    browser_session, live_server, pupil
):
    driver = browser_session
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    driver.get(live_server.url + reverse("web:sign-in"))
    driver.find_element(By.ID, "id_username").send_keys("dsl")
    driver.find_element(By.ID, "id_password").send_keys(PASSWORD)
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)
    driver.get(live_server.url + reverse("web:child-chronology", args=[pupil.school_record]))
    driver.find_element(By.CSS_SELECTOR, "input[name='purpose']").click()
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)
    marks = "#timeline svg .mark-symbol.role-mark path"
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, marks))
    rows = driver.find_elements(By.CSS_SELECTOR, "#chronology tbody tr")
    assert len(driver.find_elements(By.CSS_SELECTOR, marks)) == len(rows) == 5
    lanes = driver.execute_script(
        "return [...document.querySelectorAll('#timeline svg .role-axis-label text')]"
        ".map((t) => t.textContent)"
    )
    for agency in pupil.agencies.values():
        assert agency.name in lanes
    assert driver.execute_script("return window.cspViolations") == []
