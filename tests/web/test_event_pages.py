"""Recording, viewing and amending events through the pages."""

import re
import uuid
from html import unescape

import pytest
from django.urls import reverse

from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.details import DETAILS_MODELS
from sightline.records.selectors import event_get, event_list
from sightline.records.services import recorded_person_create
from tests.records.factories import person_raw
from tests.web.fixtures import without_secrets
from tests.web.posts import common_post, injury_post


def create_url(person_id, kind="injury"):
    return reverse("web:event-create", args=[person_id, kind])


def error_summary_links(html: str) -> list[tuple[str, str]]:
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return [(a, unescape(m)) for a, m in re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)]


def test_choosing_a_kind_lists_all_23_and_leads_to_its_form(dsl_client, child):
    url = reverse("web:event-choose", args=[child])
    page = dsl_client.get(url).content.decode()
    assert page.count('name="kind"') == len(EventKind) == 23
    response = dsl_client.post(url, {"kind": "growth_measurement"})
    assert response.headers["Location"] == create_url(child, "growth_measurement")


def test_choosing_no_kind_shows_the_error_summary(dsl_client, child):
    response = dsl_client.post(reverse("web:event-choose", args=[child]), {})
    html = response.content.decode()
    assert "<title>Error: " in html
    assert error_summary_links(html) == [("id_kind_0", "Select what you want to record")]


@pytest.mark.parametrize("kind", [kind.value for kind in EventKind])
def test_every_kind_has_a_form_generated_from_its_details(dsl_client, child, kind):
    html = dsl_client.get(create_url(child, kind)).content.decode()
    for name in DETAILS_MODELS[EventKind(kind)].model_fields:
        field = "marks-regions" if name == "marks" else f"details-{name}"
        assert f'name="{field}' in html, f"{kind}: no field for {name}"


def test_an_unknown_kind_is_not_found(dsl_client, child):
    url = create_url(child).replace("/injury/", "/picnic/")
    assert dsl_client.get(url).status_code == 404


def test_recording_an_injury_shows_the_marks_on_the_event_page(dsl_client, child):
    response = dsl_client.post(create_url(child), injury_post(), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/events/")
    assert "Injury recorded" in html
    assert "Cheek, left" in html and "25 mm" in html and "Blue, oval" in html
    assert "Buttock, right" in html and "Scratch" in html
    assert "Front of the body: marks on Cheek, left" in html
    assert "Back of the body: marks on Buttock, right" in html
    assert "“Dad pushed me into the door.”" in html
    assert html.count("sl-region sl-region--marked") == 2


def test_a_double_submitted_form_records_the_event_once(dsl_client, child, dsl_scope):
    post = injury_post()
    first = dsl_client.post(create_url(child), post)
    second = dsl_client.post(create_url(child), post)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(event_list(scope=dsl_scope, recorded_person_id=child)) == 1


def test_a_form_submitted_empty_lists_every_problem_linked_to_its_field(dsl_client, child):
    response = dsl_client.post(create_url(child), {})
    html = response.content.decode()
    links = dict(error_summary_links(html))
    assert response.status_code == 200
    assert links["id_occurred_day"] == "Enter the date it happened"
    assert links["id_summary"] == "Enter what happened"
    assert links["id_child_seen_0"] == "Select whether the child was seen"
    assert links["id_details-explanation_given_0"] == "Select whether an explanation was given"
    assert links["id_marks-regions_0"] == "Select at least one place on the body map"
    for anchor in links:
        assert f'id="{anchor}"' in html


def test_a_chosen_region_needs_its_type_of_mark(dsl_client, child):
    post = injury_post(**{"marks-F-CHEEK-L-type": ""})
    links = dict(error_summary_links(dsl_client.post(create_url(child), post).content.decode()))
    assert links == {"id_marks-F-CHEEK-L-type": "Select the type of mark (cheek, left)"}


def test_the_schema_s_own_checks_appear_against_the_right_field(dsl_client, child):
    url = create_url(child, "growth_measurement")
    nothing_measured = dict(
        error_summary_links(dsl_client.post(url, common_post()).content.decode())
    )
    assert nothing_measured == {
        "id_details-weight_kg": "record at least one of weight, height or head circumference"
    }
    # A growth measurement is contact with the child, so "not applicable" will not do.
    post = common_post(child_seen="not_applicable", child_seen_alone="not_applicable")
    post["details-weight_kg"] = "11.2"
    not_seen = dict(error_summary_links(dsl_client.post(url, post).content.decode()))
    assert list(not_seen) == ["id_child_seen_0"]
    assert not_seen["id_child_seen_0"].startswith("for a growth measurement, say whether")


def test_a_no_answer_needs_its_coded_reason(dsl_client, child):
    post = injury_post(child_seen_alone="no", child_voice="no", interpreter="yes")
    links = dict(error_summary_links(dsl_client.post(create_url(child), post).content.decode()))
    assert links == {
        "id_child_seen_alone_reason": "Select why the child was not seen alone",
        "id_child_voice_reason": "Select why the child's words are missing",
        "id_interpreter_who": "Select who interpreted",
    }


def test_a_family_member_interpreting_is_flagged_on_the_event(dsl_client, child):
    post = injury_post(interpreter="yes", interpreter_who="family_member")
    html = dsl_client.post(create_url(child), post, follow=True).content.decode()
    assert "Yes: Family member" in html
    assert "Not a professional interpreter" in html
    assert "govuk-warning-text" in html


def test_an_approximate_month_is_recorded_with_its_precision(dsl_client, child, dsl_scope):
    post = injury_post(occurred_day="", occurred_time="", approximate="")
    dsl_client.post(create_url(child), post)
    event = event_list(scope=dsl_scope, recorded_person_id=child)[0]
    assert event.occurred_precision == "month"
    post = injury_post(occurred_time="", approximate="on")
    html = dsl_client.post(create_url(child), post, follow=True).content.decode()
    assert "About 4 March 2024" in html


def test_other_people_are_added_by_their_reference(dsl, dsl_scope, school, dsl_client, child):
    raw = person_raw(source_reference="P-0002", given_name="Anna", identifiers={})
    recorded_person_create(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=raw)
    post = injury_post(other_1_reference="P-0002", other_1_role="parent_or_carer")
    html = dsl_client.post(create_url(child), post, follow=True).content.decode()
    assert "Anna Łuczak</a> (Parent or carer)" in html
    unknown = injury_post(other_1_reference="P-9999", other_1_role="witness")
    links = dict(error_summary_links(dsl_client.post(create_url(child), unknown).content.decode()))
    assert links == {"id_other_1_reference": "no such person in your agency's records"}


def test_another_agency_s_person_and_event_are_not_found(client, police_officer, child, injury):
    client.force_login(police_officer)
    for url in (
        reverse("web:event-choose", args=[child]),
        create_url(child),
        reverse("web:event-detail", args=[injury]),
        reverse("web:event-amend", args=[injury]),
        reverse("web:event-version", args=[injury, 1]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(create_url(child), injury_post()).status_code == 404
    missing = client.get(reverse("web:event-detail", args=[uuid.uuid4()]))
    forbidden = client.get(reverse("web:event-detail", args=[injury]))
    assert without_secrets(missing.content) == without_secrets(forbidden.content)


def test_amending_needs_a_reason_and_keeps_the_history(dsl_client, child, injury, dsl_scope):
    url = reverse("web:event-amend", args=[injury])
    form = dsl_client.get(url).content.decode()
    assert "Bruising to the left cheek noticed at morning registration." in form
    assert 'value="F-CHEEK-L" checked' in form
    post = injury_post(
        summary="Bruising to the left cheek, about 3 cm across.",
        keep_subjects=[f"{child}|child_subject"],
    )
    post.pop("submission_key")
    refused = dsl_client.post(url, post).content.decode()
    assert ("id_reason", "Enter why you are amending this event") in error_summary_links(refused)
    assert len(event_get(scope=dsl_scope, event_id=injury).versions) == 1

    page = dsl_client.post(url, {**post, "reason": "Measured the bruise"}, follow=True)
    html = page.content.decode()
    assert "Event amended" in html
    assert "Bruising to the left cheek, about 3 cm across." in html
    assert "Measured the bruise" in html and "First recorded" in html
    earlier = dsl_client.get(reverse("web:event-version", args=[injury, 1])).content.decode()
    assert "Bruising to the left cheek noticed at morning registration." in earlier
    assert "This is version 1 of 2, an earlier version." in earlier
    assert dsl_client.get(reverse("web:event-version", args=[injury, 3])).status_code == 404


def test_an_amendment_that_changes_nothing_writes_no_version(dsl_client, injury, dsl_scope):
    url = reverse("web:event-amend", args=[injury])
    initial = dsl_client.get(url).context["entry"]
    post = {**_as_post(initial), "reason": "Checked it"}
    html = dsl_client.post(url, post, follow=True).content.decode()
    assert "Nothing changed" in html
    assert len(event_get(scope=dsl_scope, event_id=injury).versions) == 1


def _as_post(entry) -> dict[str, object]:
    """The pre-filled amendment form, submitted as it is."""
    data: dict[str, object] = {}
    for form in entry.forms:
        for bound in form:
            value = bound.value()
            if isinstance(value, list | tuple) and bound.name == "occurred":
                continue
            if value in (None, False):
                continue
            data[bound.html_name] = "on" if value is True else value
    occurred = entry.common["occurred"].value()
    year, month, day = str(occurred).split("-")
    data |= {"occurred_day": day, "occurred_month": month, "occurred_year": year}
    return data


def _date(prefix: str, day: str = "4", month: str = "3", year: str = "2024") -> dict[str, str]:
    return {f"{prefix}_day": day, f"{prefix}_month": month, f"{prefix}_year": year}


DETAILS_POSTS: dict[str, dict[str, object]] = {
    "concern": {"categories": ["neglect", "emotional"]},
    "domestic_abuse_incident": {"risk_level": "medium", "children_present": "yes"},
    "hospital_attendance": {"setting": "emergency_department", "presenting_complaint": "Fall"},
    "health_contact": {"contact_type": "health_review"},
    "growth_measurement": {"weight_kg": "11.2", "height_cm": "82"},
    "missed_appointment": {"service": "camhs", "was_not_brought": "yes"},
    "school_absence": {
        **_date("start_date"),
        "sessions_missed": "4",
        "authorised": "no",
        "reason": "unexplained",
    },
    "behaviour_observation": {"behaviours": ["food_seeking"]},
    "disclosure": {"disclosed_to_role": "Class teacher", "categories": ["physical"]},
    "referral": {"referred_to": "MASH", "referral_source": "2A", "reason": "Bruising"},
    "front_door_decision": {"decision": "single_assessment", "rationale": "Injury unexplained"},
    "strategy_discussion": {
        "agencies_present": "Police\nSchool\n",
        "decision": "section_47",
        "rationale": "Pattern of injuries",
    },
    "section_47_enquiry": {"stage": "started", **_date("start_date")},
    "assessment": {
        "assessment_type": "single_assessment",
        "stage": "completed",
        **_date("start_date"),
        "outcome": "no_further_action",
    },
    "child_protection_conference": {
        "conference_type": "initial",
        "outcome": "plan_started",
        "category_of_abuse": "NEG",
    },
    "plan_start": {"plan_type": "child_in_need"},
    "plan_end": {"plan_type": "child_in_need"},
    "home_visit": {"visit_type": "unannounced", "home_conditions": "poor"},
    "meeting": {"meeting_type": "core_group"},
    "action": {
        "description": "Arrange a paediatric assessment",
        "owner": "Social worker",
        **_date("due_date"),
        "what_will_be_different_for_the_child": "The bruising is explained or acted on",
    },
    "household_change": {"change": "new_partner"},
    "note": {},
}


@pytest.mark.parametrize("kind", sorted(DETAILS_POSTS))
def test_every_kind_can_be_recorded_through_its_form(dsl_client, child, kind):
    post = common_post(**{f"details-{k}": v for k, v in DETAILS_POSTS[kind].items()})
    if kind == "assessment":
        post["cin_factors"] = ["16A", "3B"]
    response = dsl_client.post(create_url(child, kind), post, follow=True)
    html = response.content.decode()
    assert response.redirect_chain, error_summary_links(html)
    assert "recorded" in html


def test_the_event_page_shows_details_in_words(dsl_client, child):
    post = common_post(**{f"details-{k}": v for k, v in DETAILS_POSTS["assessment"].items()})
    post["cin_factors"] = ["16A"]
    html = dsl_client.post(create_url(child, "assessment"), post, follow=True).content.decode()
    assert "Single assessment" in html and "No further action" in html
    assert "Neglect (16A)" in html
    assert "4 March 2024" in html
