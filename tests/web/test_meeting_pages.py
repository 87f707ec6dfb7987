"""Recording a meeting, and a meeting's page, through HTTP: the forms, who may use them, and
404 for a child or meeting the practitioner may not see."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from sightline.access.services import break_glass_open, purpose_state
from sightline.agencies.selectors import agency_list
from sightline.core import clock
from sightline.meetings.data import MeetingKind
from sightline.meetings.models import Meeting, MeetingAttendee
from sightline.meetings.rules import meeting_problems
from sightline.meetings.selectors import local_today, recording_option_list
from sightline.web.forms.meetings import MeetingForm
from tests.meetings.factories import actions_for_several_children, record_meeting, set_action
from tests.meetings.fixtures import case
from tests.notifications.fixtures import town
from tests.web.fixtures import signed_in

__all__ = ["case", "town"]
pytestmark = pytest.mark.django_db

# The session and user; the viewer's memberships (the page's access, then the agencies they
# record for); the meeting and its children; how those agencies name the children (the records'
# links and persons, and the sides they hold: four reads); who came and what was shared; the
# actions with what closed them, and their escalations; their children's names (four reads);
# the audit of the viewing (two writes, in a savepoint).
MEETING_BUDGET = 22
# The session and user; the viewer's memberships; the child's record, its links and the
# viewer's relationships, grants and stated purpose; the meetings about the child; the actions
# for the child's records with their escalations; the children's names; whom the viewer may
# record for; the audit of the viewing (two writes, in a savepoint).
CHILD_MEETINGS_BUDGET = 29


def meeting_post(town, **overrides) -> dict[str, str]:
    held = clock.now().date() - timedelta(days=2)
    data = {
        "submission_key": f"form:{uuid.uuid4()}",
        "rows": "5",
        "agency": str(town.social_care.id),
        "held_on_day": str(held.day),
        "held_on_month": str(held.month),
        "held_on_year": str(held.year),
        "chair": "Jo Bell, team manager",
        "decision": "section_47",
        "decisions": "Threshold met for a section 47 enquiry.",
        "attendee_1_agency": str(town.social_care.id),
        "attendee_1_name": "Sam Reed",
        "attendee_1_role": "Social worker",
        "attendee_1_attendance": "attended",
        "attendee_1_shared": "Allocated since March; two home visits.",
        "attendee_2_agency": str(town.police.id),
        "attendee_2_name": "DC Patel",
        "attendee_2_attendance": "attended",
        "attendee_2_shared": "Three call-outs since March.",
        "attendee_3_agency": str(town.hospital.id),
        "attendee_3_attendance": "did_not_attend",
    }
    data.update(overrides)
    return data


def record_url(person, kind: str = "strategy_discussion") -> str:
    return reverse("web:meeting-record", args=[person, kind])


def error_hrefs(html: str) -> list[str]:
    """Where the error summary's links go, in order."""
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="(#[^"]+)"', summary)


def test_choosing_the_kind_leads_to_its_form(case):
    client = signed_in(case.town.social_worker)
    choose = reverse("web:meeting-choose", args=[case.care_child])
    assert "Initial child protection conference" in client.get(choose).content.decode()

    response = client.post(choose, {"kind": "review_conference"})
    assert response["Location"] == record_url(case.care_child, "review_conference")
    html = client.get(response["Location"]).content.decode()
    assert "Record: Review child protection conference" in html
    assert "Child protection plan continues" in html and "Category of abuse" in html
    assert 'name="attendee_5_agency"' in html and 'name="attendee_6_agency"' not in html


def test_recording_a_strategy_discussion_through_the_form(case):
    town = case.town
    client = signed_in(town.social_worker)

    response = client.post(record_url(case.care_child), meeting_post(town))

    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("web:meeting-detail", args=[meeting.id])
    assert [a.agency_id for a in MeetingAttendee.objects.order_by("position")] == [
        town.social_care.id, town.police.id, town.hospital.id
    ]  # fmt: skip
    html = client.get(response["Location"]).content.decode()
    assert "Strategy discussion recorded" in html
    assert "Invited, but no one came from: City Hospital." in html
    assert "Three call-outs since March." in html and "Section 47 enquiry" in html
    assert reverse("web:action-add", args=[meeting.id]) in html


def test_an_empty_meeting_form_links_each_error_to_its_field(case):
    client = signed_in(case.town.social_worker)
    empty = {"submission_key": f"form:{uuid.uuid4()}", "rows": "5",
             "agency": str(case.town.social_care.id)}  # fmt: skip

    html = client.post(record_url(case.care_child), empty).content.decode()

    assert "<title>Error: Record: Strategy discussion" in html
    assert error_hrefs(html) == ["#id_held_on_day", "#id_chair", "#id_decision_0", "#id_decisions"]
    assert not Meeting.objects.exists()


def test_a_row_needs_its_agency_attendance_and_the_name_of_who_came(case):
    client = signed_in(case.town.social_worker)
    post = meeting_post(case.town, attendee_2_agency="", attendee_2_name="",
                        attendee_4_role="School nurse")  # fmt: skip
    html = client.post(record_url(case.care_child), post).content.decode()
    # Which agency a row is about is what the form reads first.
    assert error_hrefs(html) == ["#id_attendee_2_agency", "#id_attendee_4_agency"]

    post.update(attendee_2_agency=str(case.town.school.id),
                attendee_4_agency=str(case.town.nursing.id))  # fmt: skip
    html = client.post(record_url(case.care_child), post).content.decode()
    assert error_hrefs(html) == ["#id_attendee_2_name", "#id_attendee_4_attendance_0"]
    assert "Enter the name of who came or sent apologies in row 2" in html
    assert not Meeting.objects.exists()


def test_the_form_reads_what_was_entered_and_the_meeting_rules_judge_it(case):
    """The rules in meetings.rules, and only they, say what a meeting needs: the form's errors
    are theirs, each on its field, in the order of the page."""
    town = case.town
    tomorrow = clock.now().date() + timedelta(days=1)
    post = meeting_post(
        town,
        held_on_day=str(tomorrow.day),
        held_on_month=str(tomorrow.month),
        held_on_year=str(tomorrow.year),
        decision="plan_started",  # without its category
        attendee_1_attendance="apologies",  # and nobody came
        attendee_2_attendance="apologies",
    )
    form = MeetingForm(post, kind=MeetingKind.INITIAL_CONFERENCE,
                       options=recording_option_list(user_id=town.social_worker.pk,
                                                     recorded_person_id=case.care_child),
                       agencies=[(a.id, a.name) for a in agency_list()])  # fmt: skip
    assert form.is_valid(), form.errors
    expected = meeting_problems(form.meeting(case.care_child), today=local_today())

    html = (
        signed_in(town.social_worker)
        .post(record_url(case.care_child, "initial_conference"), post)
        .content.decode()
    )

    assert error_hrefs(html) == [
        "#id_held_on_day", "#id_category_of_abuse_0", "#id_attendee_1_attendance_0"
    ]  # fmt: skip
    assert {p.field for p in expected} == {"held_on", "category_of_abuse", "attendees"}
    for problem in expected:
        assert escape(problem.message[:1].upper() + problem.message[1:]) in html
    assert not Meeting.objects.exists()


def test_add_another_agency_keeps_what_was_entered_without_errors_yet(case):
    post = meeting_post(case.town, chair="", add_row="1")
    response = signed_in(case.town.social_worker).post(record_url(case.care_child), post)
    html = response.content.decode()

    assert 'name="attendee_6_agency"' in html and "govuk-error-summary" not in html
    assert 'value="Three call-outs since March."' not in html  # a textarea keeps it as text
    assert "Three call-outs since March." in html and 'value="DC Patel"' in html
    assert not Meeting.objects.exists()


def test_a_form_submitted_twice_records_one_meeting(case):
    client = signed_in(case.town.social_worker)
    post = meeting_post(case.town)
    first, second = (client.post(record_url(case.care_child), post) for _ in range(2))
    assert first["Location"] == second["Location"] and Meeting.objects.count() == 1


def test_a_conference_plan_needs_its_category(case):
    client = signed_in(case.town.social_worker)
    post = meeting_post(case.town, decision="plan_started")
    html = client.post(record_url(case.care_child, "initial_conference"), post).content.decode()
    assert "#id_category_of_abuse_0" in error_hrefs(html)

    post["category_of_abuse"] = "NEG"
    client.post(record_url(case.care_child, "initial_conference"), post)
    assert Meeting.objects.get().category_of_abuse == "NEG"


@pytest.mark.parametrize("who", ["hospital_nurse", "officer", "visitor"])
def test_a_child_they_may_not_see_answers_404_on_every_page(case, who):
    meeting = record_meeting(case).meeting_id
    client = signed_in(getattr(case.town, who))
    for url in (
        reverse("web:child-meetings", args=[case.care_child]),
        reverse("web:meeting-choose", args=[case.care_child]),
        record_url(case.care_child),
        reverse("web:child-action-add", args=[case.care_child]),
        reverse("web:meeting-detail", args=[meeting]),
        reverse("web:action-add", args=[meeting]),
        reverse("web:meeting-detail", args=[uuid.uuid4()]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(record_url(case.care_child), meeting_post(case.town)).status_code == 404
    assert Meeting.objects.count() == 1


def test_an_unknown_kind_of_meeting_is_404(case):
    client = signed_in(case.town.social_worker)
    assert client.get(record_url(case.care_child, "tea_party")).status_code == 404


def test_those_who_see_the_child_through_access_say_why_first(case):
    town = case.town
    meeting = record_meeting(case).meeting_id
    client = signed_in(town.dsl)
    page = reverse("web:meeting-detail", args=[meeting])

    purpose = reverse("web:chronology-purpose", args=[case.care_child])
    assert client.get(page)["Location"].startswith(purpose)

    purpose_state(actor=town.dsl, recorded_person_id=town.school_child, purpose="meeting")
    html = client.get(page).content.decode()
    assert "Strategy discussion" in html
    assert reverse("web:action-add", args=[meeting]) not in html  # not the school's meeting
    assert client.get(reverse("web:action-add", args=[meeting])).status_code == 404


def test_the_chronology_offers_to_record_a_meeting_only_to_agencies_holding_the_child(case):
    town = case.town
    purpose_state(actor=town.social_worker, recorded_person_id=case.care_child, purpose="plan")
    html = (
        signed_in(town.social_worker)
        .get(reverse("web:child-chronology", args=[case.care_child]))
        .content.decode()
    )
    assert reverse("web:meeting-choose", args=[case.care_child]) in html
    assert reverse("web:child-meetings", args=[case.care_child]) in html

    # Under break-glass the hospital may open the chronology, but holds no record of Daniel.
    break_glass_open(actor=town.hospital_nurse, recorded_person_id=case.care_child,
                     reason="immediate_risk", explanation="Brought in unconscious.")  # fmt: skip
    purpose_state(actor=town.hospital_nurse, recorded_person_id=case.care_child, purpose="concern")
    client = signed_in(town.hospital_nurse)
    html = client.get(reverse("web:child-chronology", args=[case.care_child])).content.decode()
    assert reverse("web:child-meetings", args=[case.care_child]) in html
    assert reverse("web:meeting-choose", args=[case.care_child]) not in html
    assert client.get(reverse("web:meeting-choose", args=[case.care_child])).status_code == 404


def test_the_child_s_page_lists_meetings_with_their_decisions(case):
    town = case.town
    meeting = record_meeting(case).meeting_id
    html = (
        signed_in(town.care_manager)
        .get(reverse("web:child-meetings", args=[case.care_child]))
        .content.decode()
    )
    assert reverse("web:meeting-detail", args=[meeting]) in html
    assert "Section 47 enquiry" in html and "Record a meeting" in html


@pytest.mark.parametrize("role", ["analyst", "ig_lead", "administrator"])
def test_roles_that_do_not_work_with_children_may_not_use_the_meeting_pages(
    case, make_practitioner, role
):
    client = signed_in(make_practitioner(case.town.social_care, role=role))
    for url in (
        reverse("web:child-meetings", args=[case.care_child]),
        record_url(case.care_child),
        reverse("web:meeting-detail", args=[record_meeting(case).meeting_id]),
    ):
        assert client.get(url).status_code == 403, url


def page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_meeting_s_page_keeps_to_its_query_budget_however_many_children_and_actions(case):
    client = signed_in(case.town.social_worker)
    one = record_meeting(case).meeting_id
    set_action(case, one)
    few = page_queries(client, reverse("web:meeting-detail", args=[one]))

    many = actions_for_several_children(case)

    assert page_queries(client, reverse("web:meeting-detail", args=[many])) == few
    assert few <= MEETING_BUDGET, few


def test_a_child_s_meetings_keep_to_their_query_budget_however_many_records_and_actions(case):
    town = case.town
    purpose_state(actor=town.social_worker, recorded_person_id=case.care_child, purpose="plan")
    client = signed_in(town.social_worker)
    page = reverse("web:child-meetings", args=[case.care_child])
    set_action(case, record_meeting(case).meeting_id)
    few = page_queries(client, page)

    actions_for_several_children(case)  # with actions on the school's record of Daniel too
    record_meeting(case, actor=town.dsl, agency_id=town.school.id, kind="core_group",
                   decision="", child_ids=(town.school_child,))  # fmt: skip

    assert page_queries(client, page) == few
    assert few <= CHILD_MEETINGS_BUDGET, few
