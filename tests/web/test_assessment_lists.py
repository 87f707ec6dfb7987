"""A child's assessments, and a practitioner's own, through HTTP, and their query budgets."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.assessments.services import (
    assessment_return,
    assessment_sign_off,
    assessment_start,
    assessment_submit,
)
from tests.assessments.factories import complete_content, reviewing, submitted, with_purpose
from tests.identity.factories import record_person
from tests.notifications.factories import relate
from tests.web.fixtures import signed_in

MINE = reverse("web:my-assessments")
# The session and user; the viewer's memberships; the assessments; their latest submissions;
# the children's records as the viewer may know them.
MINE_BUDGET = 6
# The session and user; the viewer's memberships (for the page, and again for the list); the
# viewer's access to the child (the child's linked records, the viewer, their ties to the child
# and any break-glass grant, whether they have said why); the assessments, their latest
# submissions, and the children's records as the viewer may know them.
CHILD_BUDGET = 14


def child_list(person_id) -> str:
    return reverse("web:child-assessments", args=[person_id])


def started(family, actor, child, kind="single_assessment"):
    with_purpose(actor, child)
    return assessment_start(actor=actor, recorded_person_id=child, assessment_type=kind)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# ------------------------------------------------------------------ a child's assessments


def test_the_chronology_links_to_the_child_s_assessments(family):
    with_purpose(family.worker, family.child)
    html = (
        signed_in(family.worker)
        .get(reverse("web:child-chronology", args=[family.child]))
        .content.decode()
    )
    assert child_list(family.child) in html and "Assessments of this child" in html


def test_a_child_s_assessments_are_those_the_viewer_may_open(family):
    relate(family.worker, family.care, "worker_allocation", "CSC-1", worker="colleague")
    relate(family.dsl, family.school, "school_enrolment", "SCH-1")
    own = submitted(family)
    theirs = started(family, family.colleague, family.child, kind="section_47")
    school = started(family, family.dsl, family.school_child, kind="early_help")

    worker = signed_in(family.worker).get(child_list(family.school_child)).content.decode()
    with_purpose(family.manager, family.child)
    manager = signed_in(family.manager).get(child_list(family.child)).content.decode()
    dsl = signed_in(family.dsl).get(child_list(family.child)).content.decode()

    assert reverse("web:assessment-detail", args=[own.id]) in worker
    assert "Single assessment" in worker and family.worker.display_name in worker
    assert "Waiting for sign-off" in worker
    assert reverse("web:assessment-detail", args=[theirs.id]) not in worker  # a colleague's
    assert reverse("web:assessment-detail", args=[school.id]) not in worker  # the school's
    for assessment in (own, theirs):
        assert reverse("web:assessment-detail", args=[assessment.id]) in manager
    assert "Section 47 enquiry" in manager and "Draft" in manager
    assert reverse("web:assessment-detail", args=[school.id]) in dsl
    assert reverse("web:assessment-detail", args=[own.id]) not in dsl


def test_a_child_s_assessments_ask_for_the_purpose_and_are_not_found_without_a_relationship(
    family,
):
    response = signed_in(family.worker).get(child_list(family.child))
    assert response.status_code == 302
    assert reverse("web:chronology-purpose", args=[family.child]) in response["Location"]
    with_purpose(family.other_manager, family.child)
    assert signed_in(family.other_manager).get(child_list(family.child)).status_code == 404


def test_a_child_s_assessments_keep_to_their_query_budget(family):
    with_purpose(family.manager, family.child)
    client = signed_in(family.manager)
    submitted(family)
    few = queries(client, child_list(family.child))
    relate(family.worker, family.care, "worker_allocation", "CSC-1", worker="colleague")
    for kind in ("section_47", "early_help"):
        started(family, family.colleague, family.child, kind=kind)
    again = submitted(family, author=family.colleague)
    assessment_sign_off(actor=family.manager, assessment_id=again.id)
    assert queries(client, child_list(family.child)) == few <= CHILD_BUDGET, few


# ------------------------------------------------------------------------ my assessments


def test_my_assessments_list_what_waits_for_me_first(family):
    completed = submitted(family)
    assessment_sign_off(actor=family.manager, assessment_id=completed.id)
    waiting = started(family, family.worker, family.sibling, kind="early_help")
    content = reviewing(family.worker, waiting.id, complete_content())
    assessment_submit(actor=family.worker, assessment_id=waiting.id, content=content)
    returned = submitted(family, child=family.sibling)
    assessment_return(actor=family.manager, assessment_id=returned.id, comments="See the GP.")
    draft = started(family, family.worker, family.child, kind="section_47")

    html = signed_in(family.worker).get(MINE).content.decode()

    links = [
        html.index(reverse("web:assessment-detail", args=[a.id]))
        for a in (returned, draft, waiting, completed)
    ]
    assert links == sorted(links)
    for status in ("Returned with comments", "Draft", "Waiting for sign-off", "Signed off"):
        assert status in html
    assert "Daniel Łuczak" in html and "Tomasz" in html
    assert reverse("web:assessment-detail", args=[waiting.id]) not in (
        signed_in(family.colleague).get(MINE).content.decode()
    )


def test_the_home_page_links_to_my_assessments(family):
    assert MINE in signed_in(family.worker).get(reverse("web:home")).content.decode()


def test_my_assessments_keep_to_their_query_budget(family):
    client = signed_in(family.worker)
    submitted(family)
    few = queries(client, MINE)
    for number in range(4):
        reference = f"CSC-MORE-{number}"
        child = record_person(family.worker, family.care, source_reference=reference)
        relate(family.worker, family.care, "worker_allocation", reference, worker="worker")
        started(family, family.worker, child)
    assessment_sign_off(
        actor=family.manager, assessment_id=submitted(family, child=family.sibling).id
    )
    assert queries(client, MINE) == few <= MINE_BUDGET, few
