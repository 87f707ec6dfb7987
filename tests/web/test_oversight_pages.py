"""The manager's oversight board, through HTTP, and its query budget."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessments.factories import (
    closed_with_no_further_action,
    open_signal,
    submitted,
)
from tests.identity.factories import record_person
from tests.notifications.factories import relate
from tests.web.fixtures import signed_in

OVERSIGHT = reverse("web:oversight")
# The session and user; the viewer's memberships (for the page's access, then the board's
# agencies); assessments waiting for sign-off and their children's names; unanswered signals
# with their findings, responses and evidence; overdue actions; the open cases, when each child
# was last seen, and their names. A senior manager's board adds the closures to review.
OVERSIGHT_BUDGET = 16


def test_a_manager_sees_what_waits_for_them(family):
    submitted(family)
    open_signal(family, title="Concerns from two or more agencies")
    html = signed_in(family.manager).get(OVERSIGHT).content.decode()
    assert "<title>Oversight" in html
    assert "Waiting for sign-off (1)" in html and "Daniel Łuczak" in html
    assert "Risk signals without a response (1)" in html
    assert "Concerns from two or more agencies" in html
    assert "Children not seen, or not seen alone, often enough (2)" in html  # and the brother
    assert "Repeated closures waiting for your review" not in html  # a manager, not senior


def test_a_senior_manager_sees_repeated_closures_waiting_for_review(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    html = signed_in(family.senior).get(OVERSIGHT).content.decode()
    assert "Repeated closures waiting for your review (1)" in html
    assert reverse("web:assessment-review", args=[second.id]) in html


def test_the_board_is_for_managers_only(family):
    assert signed_in(family.worker).get(OVERSIGHT).status_code == 403
    assert signed_in(family.dsl).get(OVERSIGHT).status_code == 403


def test_the_home_page_links_managers_to_the_board(family):
    assert OVERSIGHT in signed_in(family.manager).get(reverse("web:home")).content.decode()
    assert OVERSIGHT not in signed_in(family.worker).get(reverse("web:home")).content.decode()


def test_another_agency_s_manager_sees_none_of_it(family):
    submitted(family)
    open_signal(family)
    html = signed_in(family.other_manager).get(OVERSIGHT).content.decode()
    assert "No assessment is waiting for your sign-off" in html
    assert "Every risk signal for your agencies has a response" in html
    assert "Daniel" not in html


def test_the_board_keeps_to_its_query_budget_however_much_is_on_it(family):
    client = signed_in(family.manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(OVERSIGHT).status_code == 200
        return len(captured)

    submitted(family)
    open_signal(family)
    few = queries()
    for number in range(5):
        reference = f"CSC-MORE-{number}"
        record_person(family.worker, family.care, source_reference=reference)
        relate(family.worker, family.care, "worker_allocation", reference, worker="worker")
        open_signal(family, title=f"Signal {number}")
    submitted(family, child=family.sibling)
    assert queries() == few <= OVERSIGHT_BUDGET, few
