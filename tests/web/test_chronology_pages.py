"""The joined chronology through the browser's eyes: the purpose asked once, what a school's
designated safeguarding lead sees, refusals that look like a missing record, break-glass."""

import csv
import io
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.access.services import break_glass_open
from sightline.audit.models import AuditEntry
from tests.chronology.conftest import note, pupil, record_event
from tests.identity.factories import apply_run, record_person, scored
from tests.web.fixtures import without_secrets

__all__ = ["pupil"]


def chronology(client, record, **query):
    return client.get(reverse("web:child-chronology", args=[record]), query)


def test_the_dsl_says_why_once_then_sees_three_agencies_with_provenance(client, pupil):
    client.force_login(pupil.staff["dsl"])
    asked = chronology(client, pupil.school_record)
    purpose_page = reverse("web:chronology-purpose", args=[pupil.school_record])
    assert asked.status_code == 302 and asked["Location"].startswith(purpose_page)
    answered = client.post(
        asked["Location"], {"purpose": "concern", "next": asked["Location"].split("next=")[1]}
    )
    assert answered.status_code == 302
    html = chronology(client, pupil.school_record).content.decode()
    for agency in pupil.agencies.values():
        assert agency.name in html
    assert "Police attended a verbal and physical argument" in html  # the police's entry
    assert "Weight below the 2nd centile." in html  # the GP's
    assert "Received" in html and "Child seen" in html
    assert "Who has looked at this record" in html
    assert "Adult in the household" in html
    assert "new partner with convictions" not in html  # an adult's entry: whom to ask only
    again = chronology(client, pupil.school_record)
    assert again.status_code == 200  # asked once only


def test_a_dsl_of_another_school_gets_the_same_404_as_for_no_record_and_both_are_audited(
    client, pupil, make_agency, make_practitioner
):
    other = make_practitioner(make_agency("school"), role="dsl")
    client.force_login(other)
    refused = chronology(client, pupil.school_record)
    missing = chronology(client, uuid.uuid4())
    assert refused.status_code == missing.status_code == 404
    assert without_secrets(refused.content) == without_secrets(missing.content)
    assert AuditEntry.objects.filter(action="chronology.refused", actor=other).count() == 2


def test_the_filters_and_the_as_of_date_are_read_from_the_address(client, pupil):
    client.force_login(pupil.staff["dsl"])
    client.post(
        reverse("web:chronology-purpose", args=[pupil.school_record]), {"purpose": "concern"}
    )
    police = pupil.agencies["police"]
    html = chronology(client, pupil.school_record, agency=str(police.id)).content.decode()
    assert "Police attended" in html and "Weight below" not in html
    html = chronology(
        client, pupil.school_record, as_of_day="1", as_of_month="1", as_of_year="2000"
    ).content.decode()
    assert "No entries match these filters." in html


def test_break_glass_needs_a_reason_and_opens_the_chronology(client, pupil):
    nurse = pupil.staff["nurse"]
    client.force_login(nurse)
    person_page = client.get(reverse("web:person-detail", args=[pupil.hospital_record]))
    assert "break the glass" in person_page.content.decode()
    url = reverse("web:break-glass", args=[pupil.hospital_record])
    refused = client.post(url, {"reason": "immediate_risk", "explanation": "  "})
    assert refused.status_code == 200
    assert "Say what has happened and why it cannot wait" in refused.content.decode()
    opened = client.post(
        url, {"reason": "immediate_risk", "explanation": "Head injury at 2am, nobody reachable."}
    )
    assert opened.status_code == 302
    client.post(
        reverse("web:chronology-purpose", args=[pupil.hospital_record]), {"purpose": "concern"}
    )
    html = chronology(client, pupil.hospital_record).content.decode()
    assert "You are using break-glass access until" in html
    assert "Police attended" in html


# The viewer, the child's records, ties and grant, the purpose, the household, the records'
# confidentiality, the events (two reads for the child and the household's adults together),
# who has looked, the sharing decisions, the audit; the child's risk signals; whether the viewer
# may start an assessment or record a meeting (their memberships, the record's agency).
CHRONOLOGY_BUDGET = 26


def test_the_chronology_keeps_to_its_query_budget_however_many_entries(client, pupil):
    dsl = pupil.staff["dsl"]
    client.force_login(dsl)
    client.post(
        reverse("web:chronology-purpose", args=[pupil.school_record]), {"purpose": "concern"}
    )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert chronology(client, pupil.school_record).status_code == 200
        return len(captured)

    few = queries()
    for number in range(20):
        record_event(dsl, pupil.agencies["school"], note(f"S-{number + 10}", "P-0001", "Seen."))
    assert queries() == few <= CHRONOLOGY_BUDGET, few


def test_the_download_is_the_chronology_as_csv_and_is_audited_as_an_export(client, pupil):
    dsl = pupil.staff["dsl"]
    client.force_login(dsl)
    client.post(
        reverse("web:chronology-purpose", args=[pupil.school_record]), {"purpose": "concern"}
    )
    response = chronology(client, pupil.school_record, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == [
        "occurred_at",
        "occurred_precision",
        "kind",
        "agency",
        "about",
        "summary",
    ]
    by_summary = {row[5]: row for row in rows[1:]}
    assert by_summary["Weight below the 2nd centile."][3] == pupil.agencies["gp"].name
    assert "Held by the agency: ask them about it." in by_summary  # the adult's entry
    assert not any("convictions" in cell for row in rows for cell in row)
    exported = AuditEntry.objects.get(action="chronology.exported", actor=dsl)
    assert exported.payload["format"] == "csv"


def test_a_decision_not_to_share_needs_a_reason_and_is_listed_on_the_chronology(client, pupil):
    dsl = pupil.staff["dsl"]
    client.force_login(dsl)
    url = reverse("web:sharing-record", args=[pupil.school_record])
    police = pupil.agencies["police"]
    post = {
        "outcome": "not_shared",
        "recipients": [str(police.id)],
        "lawful_basis": "dpa2018_sch1_para18",
        "purpose": "Police asked for attendance records",
    }
    refused = client.post(url, post)
    assert "Say why you decided not to share" in refused.content.decode()
    recorded = client.post(url, {**post, "reason": "Not relevant to their enquiry."})
    assert recorded.status_code == 302
    decision = AuditEntry.objects.get(action="sharing.recorded", actor=dsl)
    assert decision.payload["recipient_agency_ids"] == [str(police.id)]
    client.post(
        reverse("web:chronology-purpose", args=[pupil.school_record]), {"purpose": "concern"}
    )
    html = chronology(client, pupil.school_record).content.decode()
    assert "Decided not to share" in html and "Not relevant to their enquiry." in html
    assert "Data Protection Act 2018, Schedule 1, paragraph 18" in html


def test_only_an_agency_holding_the_record_records_decisions_about_it(client, pupil):
    client.force_login(pupil.staff["officer"])
    url = reverse("web:sharing-record", args=[pupil.school_record])  # the school's record
    response = client.post(
        url,
        {
            "outcome": "shared",
            "recipients": [str(pupil.agencies["gp"].id)],
            "lawful_basis": "statutory_duty",
            "purpose": "Strategy discussion",
        },
    )
    assert response.status_code == 404


def test_a_search_result_says_which_other_agencies_hold_records_and_nothing_more(client, pupil):
    client.force_login(pupil.staff["teacher"])  # no relationship that opens the chronology
    html = client.get(reverse("web:person-find"), {"q": "Mia Rowe"}).content.decode()
    for kind in ("police", "gp", "hospital"):
        assert pupil.agencies[kind].name in html
    assert "ask its safeguarding lead" in html
    assert "Police attended" not in html and "Weight below" not in html


def test_another_agencys_confidential_record_is_never_named_in_a_search(
    client, pupil, make_agency, make_practitioner
):
    refuge = make_agency("housing", name="Safe Haven Refuge Service")
    worker = make_practitioner(refuge)
    hidden = record_person(
        worker, refuge, given_name="Mia", family_name="Rowe", date_of_birth="2016-05-04",
        confidentiality="confidential",
    )  # fmt: skip
    apply_run(scored(pupil.school_record, hidden, 20.0))
    client.force_login(pupil.staff["dsl"])
    html = client.get(reverse("web:person-find"), {"q": "Mia Rowe"}).content.decode()
    assert pupil.agencies["police"].name in html
    assert "Safe Haven" not in html


def test_the_information_governance_lead_reviews_the_break_glass_they_were_told_of(client, pupil):
    break_glass_open(
        actor=pupil.staff["nurse"],
        recorded_person_id=pupil.hospital_record,
        reason="immediate_risk",
        explanation="Head injury at 2am, nobody reachable.",
    )
    client.force_login(pupil.staff["police_ig"])
    assert "Review break-glass access" in client.get(reverse("web:home")).content.decode()
    html = client.get(reverse("web:break-glass-review")).content.decode()
    assert "Head injury at 2am, nobody reachable." in html
    assert pupil.staff["nurse"].display_name in html
    client.force_login(pupil.staff["officer"])  # told of nothing, and not a reviewing role
    assert client.get(reverse("web:break-glass-review")).status_code == 403


def test_a_long_chronology_is_listed_a_hundred_entries_at_a_time_and_drawn_whole(client, pupil):
    dsl = pupil.staff["dsl"]
    for number in range(100):
        record_event(dsl, pupil.agencies["school"], note(f"S-{number + 100}", "P-0001", "Seen."))
    client.force_login(dsl)
    client.post(
        reverse("web:chronology-purpose", args=[pupil.school_record]), {"purpose": "concern"}
    )
    first = chronology(client, pupil.school_record, agency=str(pupil.agencies["school"].id))
    assert first.context["page"].paginator.count == 101  # the school's own note and 100 more
    assert len(first.context["page"].object_list) == 100
    assert len(first.context["timeline"]["entries"]) == 101
    html = first.content.decode()
    assert "Entries 1 to 100 of 101" in html and "Later entries" in html
    later = first.context["page_links"]["next"]
    assert "agency=" in later and "page=2" in later
    second = client.get(reverse("web:child-chronology", args=[pupil.school_record]) + later)
    assert len(second.context["page"].object_list) == 1
    assert "Earlier entries" in second.content.decode()
