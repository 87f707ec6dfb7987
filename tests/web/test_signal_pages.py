"""A risk signal through the browser's eyes: on the child's chronology and timeline, its own
page saying why it fired and on what evidence, and the responses to it."""

import json
import uuid

from django.urls import reverse

from sightline.access.services import purpose_state
from sightline.risk.selectors import signal_list_for_child
from sightline.risk.services import risk_evaluate_child
from tests.risk.factories import child

__all__ = ["child"]


def raised(child):
    child.concern("school", "S-1", days=10, summary="Came in hungry and bruised on the arm.")
    child.concern("police", "P-1", days=3, summary="Neighbour heard shouting late at night.")
    risk_evaluate_child(recorded_person_id=child.school_record)
    [signal] = signal_list_for_child(recorded_person_ids=[child.school_record])
    return signal


def said_why(user, child):
    purpose_state(actor=user, recorded_person_id=child.school_record, purpose="concern")


def test_the_chronology_lists_the_signal_and_the_timeline_marks_its_day(client, child):
    signal = raised(child)
    dsl = child.staff["dsl"]
    said_why(dsl, child)
    client.force_login(dsl)

    page = client.get(reverse("web:child-chronology", args=[child.school_record]))

    html = page.content.decode()
    assert "Risk signals" in html and signal.title in html
    assert "2 concerns from 2 agencies" in html
    assert reverse("web:signal-detail", args=[signal.id]) in html
    timeline = page.context["timeline"]
    assert timeline["signals"] == [
        {
            "fired_on": signal.fired_on.isoformat(),
            "when": signal.fired_on.strftime("%-d %b %Y"),
            "title": signal.title,
        }
    ]
    json.dumps(timeline)


def test_the_signal_page_says_why_it_fired_and_shows_its_evidence(client, child):
    signal = raised(child)
    said_why(child.staff["dsl"], child)
    client.force_login(child.staff["dsl"])

    html = client.get(reverse("web:signal-detail", args=[signal.id])).content.decode()

    assert "Why it fired" in html and signal.explanation in html
    assert "Why this rule exists" in html and signal.rationale[:40] in html
    assert "multi_agency_concerns, version 1" in html
    assert "Came in hungry and bruised on the arm." in html  # the school's own entry
    assert "Neighbour heard shouting late at night." in html  # the police's, shared
    assert "Nobody has responded yet." in html


def test_a_response_is_recorded_and_dismissing_without_a_reason_is_an_error(client, child):
    signal = raised(child)
    said_why(child.staff["dsl"], child)
    client.force_login(child.staff["dsl"])
    url = reverse("web:signal-detail", args=[signal.id])

    empty = client.post(url, {"status": "dismissed", "reason": ""})
    assert empty.status_code == 200
    assert "There is a problem" in empty.content.decode()
    assert "Say why it needs no action" in empty.content.decode()

    done = client.post(url, {"status": "acknowledged", "reason": ""})
    assert done.status_code == 302
    html = client.get(url).content.decode()
    assert "Acknowledged" in html and "Your response is recorded" in html


def test_the_purpose_is_asked_first_then_the_signal_page_opens(client, child):
    signal = raised(child)
    client.force_login(child.staff["dsl"])

    first = client.get(reverse("web:signal-detail", args=[signal.id]))

    assert first.status_code == 302
    assert first["Location"].startswith(
        reverse("web:chronology-purpose", args=[child.school_record])
    )


def test_a_stranger_and_a_made_up_signal_get_the_same_404(
    client, child, make_agency, make_practitioner
):
    signal = raised(child)
    client.force_login(make_practitioner(make_agency("school"), "dsl"))

    theirs = client.get(reverse("web:signal-detail", args=[signal.id]))
    missing = client.get(reverse("web:signal-detail", args=[uuid.uuid4()]))

    assert theirs.status_code == missing.status_code == 404
