"""axe-core finds no WCAG 2.2 AA violation on any page of the web UI, error states included.

The inventory below lists visits by URL name. Every named route of the web URLconf must have
at least one visit, so a new page cannot be added without being checked.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

import pytest
from django.urls import URLPattern, get_resolver, reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from sightline.agencies.selectors import scope_for_user
from sightline.households.services import households_derive
from sightline.identity.selectors import review_queue_list
from sightline.records.services import event_amend
from tests.browser.conftest import AXE
from tests.browser.driving import leave
from tests.conftest import PASSWORD
from tests.identity.factories import apply_run, record_model, record_person, scored
from tests.records.factories import injury_raw

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@dataclass(frozen=True)
class Site:
    url: str
    person: UUID
    event: UUID
    pair: UUID  # two of the school's own records, waiting for review
    shared_pair: UUID  # the school's record and a police record, waiting for review

    def at(self, name: str, *args: object) -> str:
        return self.url + reverse(f"web:{name}", args=args)


@dataclass(frozen=True)
class Visit:
    route: str  # the URL name in the web URLconf
    state: str  # what is on screen
    go: Callable[[WebDriver, Site], None]
    status: int = 200
    shows_errors: bool = False  # an error state: the GOV.UK error summary must be on screen


_SITE_IDS = ("person", "event", "pair", "shared_pair")


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
    return Site(url=live_server.url, person=child, event=injury, pair=pair, shared_pair=shared_pair)


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
