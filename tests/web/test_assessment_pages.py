"""Starting, writing, submitting, signing off and reviewing an assessment, through HTTP."""

import uuid
from typing import Any

import pytest
from django.urls import reverse

from sightline.assessments.data import Status
from sightline.assessments.models import Assessment, Decision
from sightline.assessments.selectors import assessment_status
from sightline.assessments.services import assessment_draft_open, assessment_sign_off
from tests.assessments.factories import (
    closed_with_no_further_action,
    open_signal,
    school_concern,
    submitted,
    with_purpose,
)
from tests.identity.factories import apply_run, record_person, scored
from tests.notifications.factories import hours_ago, record, relate
from tests.web.fixtures import signed_in


def start_url(person_id) -> str:
    return reverse("web:assessment-start", args=[person_id])


def edit_url(assessment_id) -> str:
    return reverse("web:assessment-edit", args=[assessment_id])


def sign_off_url(assessment_id) -> str:
    return reverse("web:assessment-sign-off", args=[assessment_id])


def review_url(assessment_id) -> str:
    return reverse("web:assessment-review", args=[assessment_id])


def started(family):
    with_purpose(family.worker, family.child)
    response = signed_in(family.worker).post(
        start_url(family.child), {"assessment_type": "single_assessment"}
    )
    assert response.status_code == 302
    return Assessment.objects.get()


def complete_post(family, assessment, **overrides) -> dict[str, Any]:
    draft = assessment_draft_open(actor=family.worker, assessment_id=assessment.id)
    data = {
        "summary": "The family has support from the school; needs are met.",
        "child_seen": "yes",
        "child_seen_alone": "no",
        "child_seen_alone_reason": "too_young",
        "child_voice": "yes",
        "child_words": "Mummy makes pancakes.",
        "cin_factors": ["21"],
        "outcome": "child_in_need_plan",
        "reviewed": [str(entry.event_version_id) for entry in draft.entries],
        "action": "submit",
    }
    data.update(overrides)
    return data


# ------------------------------------------------------------------------ starting


def test_the_chronology_offers_the_allocated_worker_an_assessment(family):
    with_purpose(family.worker, family.child)
    html = (
        signed_in(family.worker)
        .get(reverse("web:child-chronology", args=[family.child]))
        .content.decode()
    )
    assert start_url(family.child) in html and "Start an assessment" in html


def test_the_chronology_offers_a_school_dsl_only_an_early_help_assessment(family):
    relate(family.dsl, family.school, "school_enrolment", "SCH-1")
    with_purpose(family.dsl, family.school_child)
    client = signed_in(family.dsl)
    html = client.get(reverse("web:child-chronology", args=[family.school_child])).content.decode()
    assert start_url(family.school_child) in html and "Start an assessment" in html
    start = client.get(start_url(family.school_child)).content.decode()
    assert 'value="early_help"' in start
    assert 'value="single_assessment"' not in start and 'value="section_47"' not in start
    refused = client.post(start_url(family.school_child), {"assessment_type": "section_47"})
    assert "Select one of the kinds of assessment you may start" in refused.content.decode()
    assert not Assessment.objects.exists()


def test_a_second_worker_is_told_who_else_is_writing_one_and_starts_their_own(family):
    relate(family.worker, family.care, "worker_allocation", "CSC-1", worker="colleague")
    first = started(family)
    with_purpose(family.colleague, family.child)
    client = signed_in(family.colleague)

    page = client.get(start_url(family.child)).content.decode()
    response = client.post(start_url(family.child), {"assessment_type": "single_assessment"})

    assert f"Single assessment, started by {family.worker.display_name} on" in page
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200  # their own draft
    assert Assessment.objects.exclude(id=first.id).get().author_id == family.colleague.pk


def test_starting_asks_for_the_purpose_first(family):
    response = signed_in(family.worker).get(start_url(family.child))
    assert response.status_code == 302
    assert reverse("web:chronology-purpose", args=[family.child]) in response["Location"]


def test_starting_without_choosing_shows_the_error_summary(family):
    with_purpose(family.worker, family.child)
    response = signed_in(family.worker).post(start_url(family.child), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Select the kind of assessment" in html
    assert 'href="#id_assessment_type_0"' in html
    assert "<title>Error: Start an assessment" in html


def test_starting_opens_the_draft_with_the_chronology_to_review(family):
    school_concern(family)
    assessment = started(family)
    html = signed_in(family.worker).get(edit_url(assessment.id)).content.decode()
    assert "Single assessment: your draft" in html
    assert "took food from other children" in html  # the school's concern, to review
    assert 'name="reviewed"' in html


@pytest.mark.parametrize("who", ["dsl", "other_manager", "officer"])
def test_starting_is_not_found_for_anyone_who_may_not_assess_the_child(family, who):
    user = getattr(family, who)
    with_purpose(user, family.child)
    client = signed_in(user)
    assert client.get(start_url(family.child)).status_code == 404
    assert (
        client.post(start_url(family.child), {"assessment_type": "section_47"}).status_code == 404
    )
    assert client.get(start_url(uuid.uuid4())).status_code == 404
    assert not Assessment.objects.exists()


# ------------------------------------------------------------------------ writing


def test_saving_a_partial_draft_keeps_it(family):
    assessment = started(family)
    client = signed_in(family.worker)
    response = client.post(
        edit_url(assessment.id), {"summary": "Early thoughts", "action": "save"}, follow=True
    )
    html = response.content.decode()
    assert "Draft saved" in html and "Early thoughts" in html


def test_submitting_an_incomplete_draft_shows_every_problem(family):
    school_concern(family)
    assessment = started(family)
    response = signed_in(family.worker).post(
        edit_url(assessment.id), {"child_seen": "no", "action": "submit"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Select why the child was not seen" in html
    assert "Select the outcome of the assessment" in html
    assert "Review every chronology entry before you submit" in html
    assert 'href="#id_reviewed_0"' in html
    assert assessment_status(assessment_id=assessment.id) == Status.DRAFT


def test_submitting_a_complete_assessment_sends_it_for_sign_off(family):
    school_concern(family)
    assessment = started(family)
    response = signed_in(family.worker).post(
        edit_url(assessment.id), complete_post(family, assessment), follow=True
    )
    html = response.content.decode()
    assert "Submitted for sign-off" in html and "Waiting for sign-off" in html
    assert "Mummy makes pancakes." in html
    assert "No: Child too young to be seen alone" in html
    assert assessment_status(assessment_id=assessment.id) == Status.SUBMITTED


def test_closing_with_no_further_action_asks_for_a_rationale_per_signal(family):
    signal = open_signal(family)
    assessment = started(family)
    client = signed_in(family.worker)
    post = complete_post(family, assessment, outcome="no_further_action")
    refused = client.post(edit_url(assessment.id), post).content.decode()
    field = f"rationale_signal_{signal.hex}"
    assert f'href="#id_{field}"' in refused
    assert "Explain why no further action is right despite" in refused

    post[field] = "The concerns were about a previous address; the family has moved."
    client.post(edit_url(assessment.id), post)
    assert assessment_status(assessment_id=assessment.id) == Status.SUBMITTED


def test_only_the_author_may_open_the_draft(family):
    assessment = started(family)
    for user in (family.colleague, family.manager, family.other_manager):
        assert signed_in(user).get(edit_url(assessment.id)).status_code == 404


# ------------------------------------------------------------------------ deciding


def test_a_manager_signs_off_from_the_sign_off_page(family):
    assessment = submitted(family)
    client = signed_in(family.manager)
    html = client.get(sign_off_url(assessment.id)).content.decode()
    assert "Sign off or return" in html and "What was submitted" in html

    response = client.post(sign_off_url(assessment.id), {"decision": "sign_off"}, follow=True)
    assert "Decision recorded" in response.content.decode()
    assert assessment_status(assessment_id=assessment.id) == Status.COMPLETED


def test_the_sign_off_page_shows_errors_for_an_empty_decision_or_a_return_without_comments(
    family,
):
    assessment = submitted(family)
    client = signed_in(family.manager)
    empty = client.post(sign_off_url(assessment.id), {}).content.decode()
    assert "Select whether you sign it off or return it" in empty
    returned = client.post(sign_off_url(assessment.id), {"decision": "return"}).content.decode()
    assert "govuk-error-summary" in returned and "Enter your comments for the author" in returned
    assert not Decision.objects.exists()


def test_a_manager_returns_it_with_comments_and_the_author_sees_them(family):
    assessment = submitted(family)
    signed_in(family.manager).post(
        sign_off_url(assessment.id), {"decision": "return", "comments": "Talk to the GP."}
    )
    html = signed_in(family.worker).get(edit_url(assessment.id)).content.decode()
    assert "Returned to you with comments" in html and "Talk to the GP." in html


def test_the_author_who_manages_cannot_sign_off_their_own(family):
    assessment = submitted(family, author=family.manager)
    client = signed_in(family.manager)
    html = client.get(sign_off_url(assessment.id)).content.decode()
    assert "another manager must sign it off" in html and 'name="decision"' not in html
    refused = client.post(sign_off_url(assessment.id), {"decision": "sign_off"}).content.decode()
    assert "someone else must sign it off" in refused
    assert not Decision.objects.exists()


def test_the_sign_off_page_is_for_managers_and_another_agency_s_is_not_found(family):
    assessment = submitted(family)
    assert signed_in(family.worker).get(sign_off_url(assessment.id)).status_code == 403
    assert signed_in(family.other_manager).get(sign_off_url(assessment.id)).status_code == 404
    assert signed_in(family.manager).get(sign_off_url(uuid.uuid4())).status_code == 404


def test_a_senior_manager_reviews_a_repeated_closure(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    client = signed_in(family.senior)
    html = client.get(review_url(second.id)).content.decode()
    assert "Review a repeated closure" in html and "within the last year" in html

    refused = client.post(review_url(second.id), {"decision": "send_back"}).content.decode()
    assert "govuk-error-summary" in refused and "Enter your comments for the author" in refused

    client.post(review_url(second.id), {"decision": "agree"})
    assert assessment_status(assessment_id=second.id) == Status.COMPLETED


def test_the_review_page_is_for_senior_managers_only(family):
    closed_with_no_further_action(family)
    second = closed_with_no_further_action(family)
    assert signed_in(family.manager).get(review_url(second.id)).status_code == 403
    assert signed_in(family.other_manager).get(review_url(second.id)).status_code == 403


def test_the_detail_page_shows_the_history_and_what_the_viewer_may_do(family):
    assessment = submitted(family)
    html = (
        signed_in(family.manager)
        .get(reverse("web:assessment-detail", args=[assessment.id]))
        .content.decode()
    )
    assert sign_off_url(assessment.id) in html and "Submission 1" in html
    assessment_sign_off(actor=family.manager, assessment_id=assessment.id)
    html = (
        signed_in(family.worker)
        .get(reverse("web:assessment-detail", args=[assessment.id]))
        .content.decode()
    )
    assert "Took effect" in html and "the assessment event" in html
    assert (
        signed_in(family.colleague)
        .get(reverse("web:assessment-detail", args=[assessment.id]))
        .status_code
        == 404
    )


# ------------------------------------------------------------ what a manager may read


def detail_url(assessment_id) -> str:
    return reverse("web:assessment-detail", args=[assessment_id])


CUT_LIP = "Came to school with a cut lip and would not say how it happened."


def assessed_after_a_contact(family, make_practitioner):
    """A child new to children's social care and known to the school. A MASH worker of
    children's social care, with a contact open about the child, assesses it; no worker is
    allocated, so the agency's managers have no relationship with the child."""
    mash = make_practitioner(family.care, role="mash", username="mash")
    born = {"given_name": "Zofia", "date_of_birth": "2016-05-05"}
    child = record_person(family.worker, family.care, source_reference="CSC-7", **born)
    pupil = record_person(family.dsl, family.school, source_reference="SCH-7", **born)
    apply_run(scored(child, pupil, 15.0))
    concern = {
        "source_reference": "SCH-CONCERN-7",
        "kind": "concern",
        "occurred_at": hours_ago(30),
        "summary": CUT_LIP,
        "subjects": [{"person": "SCH-7", "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "yes",
        "child_voice": "no:child_declined",
        "interpreter": "not_applicable",
        "details": {"categories": ["physical"]},
    }
    record(family.dsl, family.school, concern)
    relate(family.worker, family.care, "episode", "CSC-7", details={"episode_type": "contact"})
    return mash, submitted(family, author=mash, child=child)


def test_a_manager_with_no_relationship_with_the_child_sees_only_whom_to_ask(
    family, make_practitioner
):
    mash, assessment = assessed_after_a_contact(family, make_practitioner)
    manager = signed_in(family.manager)
    for page in (detail_url(assessment.id), sign_off_url(assessment.id)):
        html = manager.get(page).content.decode()
        assert "Held by Oak Primary School: ask them about it." in html, page
        assert CUT_LIP not in html, page
    assert CUT_LIP in signed_in(mash).get(detail_url(assessment.id)).content.decode()


def test_a_manager_who_allocated_the_worker_reads_the_entries_in_full(family):
    school_concern(family)
    assessment = submitted(family)
    html = signed_in(family.manager).get(sign_off_url(assessment.id)).content.decode()
    assert "took food from other children" in html
