"""The assessment and oversight pages for the accessibility check (tests/browser): the data they
show, and the visits, error states included, as a practitioner would make them.

Children's social care has its own record of the site's child, linked with the school's, and
allocates it to a social worker ("sw"). One assessment waits for the manager ("csm"); a repeated
closure with no further action waits for the senior manager ("csh"). The social worker starts
a third from the child's chronology during the visits.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from sightline.assessments.services import (
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from sightline.core import clock
from tests.assessments.factories import complete_content, reviewing, with_purpose
from tests.browser.driving import leave
from tests.conftest import PASSWORD
from tests.identity.factories import apply_run, record_person, scored
from tests.notifications.factories import record, relate

Go = Callable[[WebDriver, Any], None]


def assessments_for(child: UUID, make_agency, make_practitioner) -> None:
    care = make_agency("childrens_social_care", name="Coventry Children's Services")
    worker = make_practitioner(care, role="practitioner", username="sw")
    manager = make_practitioner(care, role="manager", username="csm")
    make_practitioner(care, role="senior_manager", username="csh")
    theirs = record_person(worker, care, source_reference="CSC-A11Y")
    apply_run(scored(child, theirs, 15.0))
    relate(worker, care, "worker_allocation", "CSC-A11Y", worker="sw")
    with_purpose(worker, child)
    waiting = assessment_start(
        actor=worker, recorded_person_id=child, assessment_type="single_assessment"
    )
    content = reviewing(worker, waiting.id, complete_content())
    assessment_submit(actor=worker, assessment_id=waiting.id, content=content)
    record(worker, care, _earlier_closure("CSC-A11Y"))
    closing = assessment_start(actor=worker, recorded_person_id=child, assessment_type="section_47")
    content = reviewing(worker, closing.id, complete_content(outcome="no_further_action"))
    assessment_submit(actor=worker, assessment_id=closing.id, content=content)
    assessment_sign_off(actor=manager, assessment_id=closing.id)


def _earlier_closure(person: str) -> dict[str, Any]:
    day = (clock.now() - timedelta(days=90)).date()
    return {
        "source_reference": "A11Y-ASSESSMENT-1",
        "kind": "assessment",
        "occurred_at": day.isoformat(),
        "summary": "Single assessment: no further action.",
        "subjects": [{"person": person, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "no:not_planned",
        "child_voice": "no:not_asked",
        "interpreter": "not_applicable",
        "cin_factors": ["21"],
        "details": {
            "assessment_type": "single_assessment",
            "stage": "completed",
            "start_date": (day - timedelta(days=10)).isoformat(),
            "authorisation_date": day.isoformat(),
            "outcome": "no_further_action",
        },
    }


# ------------------------------------------------------------------------ visits


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


def _start_page(driver: WebDriver, site: Any) -> None:
    driver.get(site.url + reverse("web:assessment-start", args=[site.person]))


def _start_empty(driver: WebDriver, site: Any) -> None:
    _start_page(driver, site)
    _submit(driver)


def _start_early_help(driver: WebDriver, site: Any) -> None:
    _start_page(driver, site)
    driver.find_element(By.CSS_SELECTOR, "input[value='early_help']").click()
    _submit(driver)


def _submit_incomplete(driver: WebDriver, site: Any) -> None:
    _submit(driver)  # the first button submits for sign-off


def _back_to_the_assessment(driver: WebDriver, site: Any) -> None:
    leave(driver, driver.find_element(By.CSS_SELECTOR, "a.govuk-back-link").click)


def _mine(driver: WebDriver, site: Any) -> None:
    driver.get(site.url + reverse("web:my-assessments"))


def _the_child_s(driver: WebDriver, site: Any) -> None:
    driver.get(site.url + reverse("web:child-assessments", args=[site.person]))


def _oversight(driver: WebDriver, site: Any) -> None:
    driver.get(site.url + reverse("web:oversight"))


def _follow(table: str) -> Go:
    def go(driver: WebDriver, site: Any) -> None:
        _oversight(driver, site)
        link = driver.find_element(By.CSS_SELECTOR, f"#{table} a.govuk-link")
        leave(driver, link.click)

    return go


def _submit_empty(driver: WebDriver, site: Any) -> None:
    _submit(driver)


# (route, what is on screen, how to get there, status, whether the error summary shows)
VISITS: list[tuple[str, str, Go, int, bool]] = [
    ("assessment-start", "choose the kind", _then(_as("sw"), _start_page), 200, False),
    ("assessment-start", "submitted empty", _start_empty, 200, True),
    ("assessment-edit", "a draft, the chronology to review", _start_early_help, 200, False),
    ("assessment-edit", "submitted incomplete", _submit_incomplete, 200, True),
    ("assessment-detail", "the author's draft", _back_to_the_assessment, 200, False),
    ("my-assessments", "a draft, and two waiting for others", _mine, 200, False),
    ("child-assessments", "the child's, as the author may open them", _the_child_s, 200, False),
    ("oversight", "a manager's board", _then(_as("csm"), _oversight), 200, False),
    ("assessment-sign-off", "what was submitted", _follow("awaiting-sign-off"), 200, False),
    ("assessment-sign-off", "submitted empty", _submit_empty, 200, True),
    ("oversight", "a senior manager's board", _then(_as("csh"), _oversight), 200, False),
    ("assessment-review", "a repeated closure", _follow("awaiting-review"), 200, False),
    ("assessment-review", "submitted empty", _submit_empty, 200, True),
]
