"""axe-core finds no WCAG 2.2 AA violation on any page of the web UI, error states included.

The inventory below lists visits by URL name. Every named route of the web URLconf must have
at least one visit, so a new page cannot be added without being checked.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from django.urls import URLPattern, get_resolver, reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from sightline.access.services import break_glass_open
from sightline.agencies.selectors import scope_for_user
from sightline.core import clock
from sightline.households.services import households_derive
from sightline.identity.selectors import review_queue_list
from sightline.notifications.models import Notification
from sightline.notifications.services import (
    notifications_escalate_overdue,
    notifications_for_event,
)
from sightline.records.models import EventVersion
from sightline.records.services import event_amend
from sightline.risk.selectors import signal_list_for_child
from sightline.risk.services import risk_evaluate_child
from tests.assessments.accessibility import VISITS as ASSESSMENT_VISITS
from tests.assessments.accessibility import assessments_for
from tests.browser.conftest import AXE
from tests.browser.driving import leave
from tests.conftest import PASSWORD
from tests.identity.factories import apply_run, record_model, record_person, scored
from tests.meetings.accessibility import VISITS as MEETING_VISITS
from tests.meetings.accessibility import meetings_for
from tests.notifications.factories import incident, relate
from tests.records.factories import injury_raw
from tests.risk.factories import concern_raw, record

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class Site:
    url: str
    person: UUID
    event: UUID
    pair: UUID  # two of the school's own records, waiting for review
    shared_pair: UUID  # the school's record and a police record, waiting for review
    signal: UUID = UUID(int=0)  # a risk signal for the child

    def at(self, name: str, *args: object) -> str:
        return self.url + reverse(f"web:{name}", args=args)


@dataclass(frozen=True)
class Visit:
    route: str  # the URL name in the web URLconf
    state: str  # what is on screen
    go: Callable[[WebDriver, Site], None]
    status: int = 200
    shows_errors: bool = False  # an error state: the GOV.UK error summary must be on screen


_SITE_IDS = ("person", "event", "pair", "shared_pair", "signal")


def _open(name: str, *args: str) -> Callable[[WebDriver, Site], None]:
    def go(driver: WebDriver, site: Site) -> None:
        resolved = [getattr(site, a) if a in _SITE_IDS else a for a in args]
        driver.get(site.at(name, *resolved))

    return go


def _submit_empty(name: str, *args: str) -> Callable[[WebDriver, Site], None]:
    def go(driver: WebDriver, site: Site) -> None:
        _open(name, *args)(driver, site)
        leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)

    return go


def _sign_in(username: str, password: str) -> Callable[[WebDriver, Site], None]:
    def go(driver: WebDriver, site: Site) -> None:
        driver.get(site.at("sign-in"))
        driver.find_element(By.ID, "id_username").send_keys(username)
        driver.find_element(By.ID, "id_password").send_keys(password)
        leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)

    return go


def _search(query: str) -> Callable[[WebDriver, Site], None]:
    return lambda driver, site: driver.get(site.at("person-find") + f"?q={query}")


def _sign_out(driver: WebDriver, site: Site) -> None:
    driver.get(site.at("home"))
    leave(driver, driver.find_element(By.CSS_SELECTOR, "header button[type='submit']").click)


def _amend_without_reason(driver: WebDriver, site: Site) -> None:
    driver.get(site.at("event-amend", site.event))
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)


def _missing_person(driver: WebDriver, site: Site) -> None:
    driver.get(site.at("person-detail", uuid4()))


def _chronology_after_the_purpose(driver: WebDriver, site: Site) -> None:
    driver.get(site.at("chronology-purpose", site.person))
    driver.find_element(By.CSS_SELECTOR, "input[name='purpose']").click()
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)
    # The timeline is drawn after the page loads: check it as it is seen.
    WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline svg .mark-symbol.role-mark path")
    )


def _dismiss_without_a_reason(driver: WebDriver, site: Site) -> None:
    driver.get(site.at("signal-detail", site.signal))
    driver.find_element(By.CSS_SELECTOR, "input[name='status'][value='dismissed']").click()
    leave(driver, driver.find_element(By.CSS_SELECTOR, "main button[type='submit']").click)


def _chronology_filtered_backwards(driver: WebDriver, site: Site) -> None:
    dates = "since_day=1&since_month=1&since_year=2025&until_day=1&until_month=1&until_year=2024"
    driver.get(site.at("child-chronology", site.person) + "?" + dates)


def _acknowledge_first(driver: WebDriver, site: Site) -> None:
    driver.get(site.at("inbox"))
    button = driver.find_element(By.CSS_SELECTOR, "main form button[type='submit']")
    leave(driver, button.click)


def _as_manager_open_overdue(driver: WebDriver, site: Site) -> None:
    _sign_out(driver, site)
    _sign_in("head", PASSWORD)(driver, site)
    driver.get(site.at("notifications-overdue"))


INVENTORY: list[Visit] = [
    Visit("accessibility", "statement", _open("accessibility")),
    Visit("sign-in", "form", _open("sign-in")),
    Visit("sign-in", "submitted empty", _submit_empty("sign-in"), shows_errors=True),
    Visit("sign-in", "wrong password", _sign_in("dsl", "not-the-password"), shows_errors=True),
    Visit("home", "signed in as a school DSL", _sign_in("dsl", PASSWORD)),
    Visit("person-find", "search form", _open("person-find")),
    Visit("person-find", "submitted empty", _search(""), shows_errors=True),
    Visit("person-find", "results", _search("Luczak")),
    Visit("person-find", "no results", _search("Nobody")),
    Visit("person-create", "form", _open("person-create")),
    Visit("person-create", "submitted empty", _submit_empty("person-create"), shows_errors=True),
    Visit("person-detail", "a child with an event", _open("person-detail", "person")),
    Visit("person-detail", "not found", _missing_person, status=404),
    Visit("person-unlink", "what unlinking will do", _open("person-unlink", "person")),
    Visit(
        "person-unlink",
        "submitted empty",
        _submit_empty("person-unlink", "person"),
        shows_errors=True,
    ),
    Visit("person-household", "household and its history", _open("person-household", "person")),
    Visit("person-split", "records to choose", _open("person-split", "person")),
    Visit(
        "person-split",
        "submitted empty",
        _submit_empty("person-split", "person"),
        shows_errors=True,
    ),
    Visit("event-choose", "kinds", _open("event-choose", "person")),
    Visit(
        "event-choose",
        "submitted empty",
        _submit_empty("event-choose", "person"),
        shows_errors=True,
    ),
    Visit("event-create", "injury with body map", _open("event-create", "person", "injury")),
    Visit("event-create", "assessment", _open("event-create", "person", "assessment")),
    Visit(
        "event-create",
        "injury submitted empty",
        _submit_empty("event-create", "person", "injury"),
        shows_errors=True,
    ),
    Visit("event-detail", "amended injury with marks", _open("event-detail", "event")),
    Visit("event-version", "earlier version", _open("event-version", "event", "1")),
    Visit("event-amend", "form, pre-filled", _open("event-amend", "event")),
    Visit("event-amend", "no reason given", _amend_without_reason, shows_errors=True),
    Visit("link-queue", "pairs waiting", _open("link-queue")),
    Visit("link-pair", "two records side by side", _open("link-pair", "pair")),
    Visit("link-pair", "another agency's record", _open("link-pair", "shared_pair")),
    Visit("link-pair", "submitted empty", _submit_empty("link-pair", "pair"), shows_errors=True),
    Visit("link-pair", "not found", _open("link-pair", str(uuid4())), status=404),
    Visit("chronology-purpose", "asked once", _open("chronology-purpose", "person")),
    Visit(
        "chronology-purpose",
        "submitted empty",
        _submit_empty("chronology-purpose", "person"),
        shows_errors=True,
    ),
    Visit("child-chronology", "entries and the timeline", _chronology_after_the_purpose),
    Visit(
        "child-chronology",
        "dates the wrong way round",
        _chronology_filtered_backwards,
        shows_errors=True,
    ),
    Visit(
        "signal-detail", "why it fired, its evidence, responses", _open("signal-detail", "signal")
    ),
    Visit(
        "signal-detail", "dismissed without a reason", _dismiss_without_a_reason, shows_errors=True
    ),
    Visit("sharing-record", "form", _open("sharing-record", "person")),
    Visit(
        "sharing-record",
        "submitted empty",
        _submit_empty("sharing-record", "person"),
        shows_errors=True,
    ),
    Visit("break-glass", "form", _open("break-glass", "person")),
    Visit(
        "break-glass", "submitted empty", _submit_empty("break-glass", "person"), shows_errors=True
    ),
    Visit("inbox", "one notification waiting, one overdue and escalated", _open("inbox")),
    Visit("notification-acknowledge", "acknowledged, back at the inbox", _acknowledge_first),
    Visit("notifications-overdue", "a manager's overdue board", _as_manager_open_overdue),
    Visit("break-glass-review", "a grant a manager was told of", _open("break-glass-review")),
    *(Visit(*visit) for visit in ASSESSMENT_VISITS),
    *(Visit(*visit) for visit in MEETING_VISITS),
    Visit("sign-out", "signed out", _sign_out),
    Visit("home", "refused: no agency", _sign_in("outsider", PASSWORD), status=403),
]


def web_route_names() -> set[str]:
    patterns = get_resolver().namespace_dict["web"][1].url_patterns
    return {p.name for p in patterns if isinstance(p, URLPattern) and p.name}


def test_every_web_route_has_an_accessibility_visit():
    visited = {visit.route for visit in INVENTORY}
    assert web_route_names() - visited == set(), "routes with no axe visit"
    assert visited - web_route_names() == set(), "visits to routes that do not exist"


def _violations(driver: WebDriver) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text())
    violations: list[dict[str, Any]] = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
          .then((result) => done(result.violations))
          .catch((error) => done([{id: "axe-error", help: String(error), nodes: []}]));
        """,
        TAGS,
    )
    return violations


def _report(visit: Visit, violations: list[dict[str, Any]]) -> str:
    lines = [f"{visit.route} ({visit.state}):"]
    for violation in violations:
        lines.append(f"  {violation['id']} [{violation.get('impact')}] {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


def _pairs_waiting(dsl, school, make_agency, make_practitioner) -> tuple[UUID, UUID]:
    """The school's child, matched with a sibling record of the school's and a police record."""
    police = make_agency("police", name="West Midlands Police")
    officer = make_practitioner(police, role="mash")
    child = record_person(dsl, school, given_name="Daniel", family_name="Łuczak")
    sibling = record_person(dsl, school, given_name="Danny", family_name="Luczak")
    theirs = record_person(officer, police, given_name="Dan", family_name="Lucak")
    record_model()
    apply_run(scored(child, sibling, 6.0), scored(child, theirs, 8.0))
    shared, own = review_queue_list(scope=scope_for_user(user_id=dsl.pk))
    return own.evidence_id, shared.evidence_id


def _joined_with_others(dsl, school, child) -> None:
    """The child's record, linked automatically with another record of the school's and,
    through it, with the police's record: the person page lists them, and they can be
    unlinked or split."""
    twin = record_person(dsl, school, given_name="Daniel", family_name="Luczak")
    waiting = review_queue_list(scope=scope_for_user(user_id=dsl.pk))
    theirs = next(item.sides[1].id for item in waiting if not item.sides[1].visible)
    apply_run(scored(child, twin, 15.0), scored(twin, theirs, 15.0))


def _notifications_for(dsl, school, child, make_agency, make_practitioner) -> None:
    """Two police incidents at the child's home: one notification waiting for the DSL, one
    overdue and escalated to the school's manager (who signs in as "head")."""
    police = make_agency("police", name="County Police")
    officer = make_practitioner(police, role="practitioner")
    make_practitioner(school, role="manager", username="head")
    theirs = record_person(officer, police, source_reference="POL-A11Y")
    apply_run(scored(child, theirs, 15.0))
    relate(dsl, school, "school_enrolment", "P-0001")
    notifications_for_event(event_id=incident(officer, police, "POL-A11Y", number=1))
    sent = Notification.objects.get(recipient=dsl)
    # A deadline already past needs a notification written by hand, about an event that
    # routes to no one by itself (a sensitive one), as if it had been sent days ago.
    overdue = incident(officer, police, "POL-A11Y", number=2, sensitivity="sensitive")
    Notification.objects.create(
        **{f.attname: getattr(sent, f.attname) for f in Notification._meta.concrete_fields
           if f.attname not in ("id", "event_id", "event_version_id", "due_at", "created_at")},
        event_id=overdue,
        event_version_id=EventVersion.objects.get(event_id=overdue).id,
        due_at=clock.now() - timedelta(hours=2),
    )  # fmt: skip
    notifications_escalate_overdue()


def _break_glass_by_a_nurse(child, make_agency, make_practitioner) -> None:
    """A hospital nurse breaks the glass on the child: the school's manager ("head") is told."""
    hospital = make_agency("hospital", name="City Hospital")
    nurse = make_practitioner(hospital)
    theirs = record_person(nurse, hospital, source_reference="HOSP-A11Y")
    apply_run(scored(child, theirs, 15.0))
    break_glass_open(
        actor=nurse,
        recorded_person_id=theirs,
        reason="immediate_risk",
        explanation="Admitted overnight with a head injury; nobody with access reachable.",
    )


def _a_signal(dsl, school, child) -> UUID:
    """A school concern on the day of the police incidents: concerns from two agencies, and so a
    risk signal for the child."""
    record(dsl, school, concern_raw("A11Y-C-1", "P-0001", days=0))
    risk_evaluate_child(recorded_person_id=child)
    signals = signal_list_for_child(recorded_person_ids=[child])
    return next(s.id for s in signals if s.rule_id == "multi_agency_concerns")


@pytest.fixture
def site(
    live_server, dsl, school, child, injury, django_user_model, make_agency, make_practitioner
) -> Site:
    scope = scope_for_user(user_id=dsl.pk)
    raw = injury_raw(summary="Bruising to the left cheek, about 3 cm across.")
    event_amend(actor=dsl, scope=scope, event_id=injury, raw=raw, reason="Measured the bruise")
    django_user_model.objects.create_user("outsider", password=PASSWORD)
    pair, shared_pair = _pairs_waiting(dsl, school, make_agency, make_practitioner)
    _joined_with_others(dsl, school, child)
    households_derive(actor=None)
    _notifications_for(dsl, school, child, make_agency, make_practitioner)
    _break_glass_by_a_nurse(child, make_agency, make_practitioner)
    signal = _a_signal(dsl, school, child)
    assessments_for(child, make_agency, make_practitioner)
    meetings_for(dsl, school, child)
    return Site(
        url=live_server.url,
        person=child,
        event=injury,
        pair=pair,
        shared_pair=shared_pair,
        signal=signal,
    )


@pytest.mark.browser
def test_axe_finds_no_violations_on_any_page(browser_session, site):
    driver = browser_session
    failures, wrong_pages = [], []
    for visit in INVENTORY:
        visit.go(driver, site)
        title = driver.title
        expected = {404: "Page not found", 403: "You cannot use this page"}.get(visit.status)
        summary = driver.find_elements(By.CLASS_NAME, "govuk-error-summary")
        if (
            (expected and not title.startswith(expected))
            or (not expected and "not found" in title.lower())
            or bool(summary) != visit.shows_errors
        ):
            wrong_pages.append(f"{visit.route} ({visit.state}) showed {title!r}")
        violations = _violations(driver)
        if violations:
            failures.append(_report(visit, violations))
    assert not wrong_pages, "\n".join(wrong_pages)
    assert not failures, "axe-core violations:\n" + "\n".join(failures)


@pytest.mark.browser
def test_axe_would_catch_a_real_violation(browser_session, live_server):
    """The check can fail: an image without alternative text is reported."""
    driver = browser_session
    driver.get(live_server.url + reverse("web:accessibility"))
    driver.execute_script(
        "const img = document.createElement('img'); img.src = '/static/web/favicon.svg';"
        "document.querySelector('main').appendChild(img);"
    )
    assert "image-alt" in {violation["id"] for violation in _violations(driver)}
