"""A child's joined chronology, the purpose asked the first time, and break-glass access."""

import csv
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sightline.access import services as access_services
from sightline.access.selectors import break_glass_review_list
from sightline.agencies.selectors import agency_list
from sightline.chronology.data import Chronology, Entry, PurposeRequired
from sightline.chronology.services import (
    child_access_require,
    chronology_export,
    chronology_open,
)
from sightline.core.exceptions import InvalidInput
from sightline.risk.data import SignalView
from sightline.risk.selectors import signal_list_for_records
from sightline.web.dates import occurred
from sightline.web.forms.chronology import BreakGlassForm, FilterForm, PurposeForm, SharingForm
from sightline.web.permissions import (
    BREAK_GLASS_REVIEWERS,
    CASE_ROLES,
    Access,
    practitioner,
    practitioner_view,
)


@practitioner_view(roles=CASE_ROLES)
def child_chronology(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """Every agency's entries about the child, as far as the viewer's relationship allows."""
    if request.GET.get("format") == "csv":
        return _csv(request, person_id)
    form = FilterForm(request.GET or None)
    try:
        chronology = chronology_open(
            actor=practitioner(request), recorded_person_id=person_id, filters=form.filters()
        )
    except PurposeRequired:
        target = reverse("web:chronology-purpose", args=[person_id])
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
    page = Paginator(chronology.entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    signals = _signals(chronology)
    context = {
        "chronology": chronology,
        "form": form,
        "person_id": person_id,
        "signals": signals,
        "timeline": _timeline(chronology, signals),
        "page": page,
        "page_links": _page_links(request, page),
    }
    return render(request, "chronology/detail.html", context)


# The table lists a long chronology a page at a time; the timeline always shows every entry.
ENTRIES_PER_PAGE = 100


def _page_links(request: HttpRequest, page: Page[Entry]) -> dict[str, str]:
    """The addresses of the previous and next pages, with the same filters."""
    links = {}
    for name, present, number in (
        ("previous", page.has_previous(), page.number - 1),
        ("next", page.has_next(), page.number + 1),
    ):
        if present:
            query = request.GET.copy()
            query["page"] = str(number)
            links[name] = "?" + query.urlencode()
    return links


def _signals(chronology: Chronology) -> list[SignalView]:
    """The child's risk signals, as raised by the moment the chronology is shown as of."""
    signals = signal_list_for_records(recorded_person_ids=chronology.record_ids)
    as_of = chronology.filters.as_of
    return [s for s in signals if as_of is None or s.created_at <= as_of]


def _timeline(chronology: Chronology, signals: list[SignalView]) -> dict[str, Any]:
    """What the timeline picture draws (sightline/web/frontend/timeline.js): the same entries
    as the table, by agency, kind and severity, and nothing a redacted entry does not show;
    and the days risk signals fired."""
    return {
        "signals": [
            {
                "fired_on": signal.fired_on.isoformat(),
                "when": signal.fired_on.strftime("%-d %b %Y"),
                "title": signal.title,
            }
            for signal in signals
        ],
        "description": (
            f"Timeline of {len(chronology.entries)} entries from {chronology.agency_count}"
            " agencies, one row per agency. The table below lists the same entries."
        ),
        "agencies": sorted({entry.agency_name for entry in chronology.entries}),
        "entries": [
            {
                "occurred_at": entry.occurred_at.isoformat(),
                "when": occurred(entry.occurred_at, entry.occurred_precision),
                "kind": entry.kind_label,
                "agency": entry.agency_name,
                "severity": entry.severity,
            }
            for entry in chronology.entries
        ],
    }


# The columns of an exported chronology; a redacted entry fills only the first four.
EXPORT_COLUMNS = (
    "occurred_at", "occurred_precision", "kind", "agency", "about", "summary", "recorded_by",
    "recorded_at_source", "received", "version", "child_seen", "child_seen_alone", "child_voice",
)  # fmt: skip


def _csv(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """The chronology as a CSV file (?format=csv), with the filters of the page it was asked
    from."""
    form = FilterForm(request.GET or None)
    try:
        chronology = chronology_export(
            actor=practitioner(request),
            recorded_person_id=person_id,
            filters=form.filters(),
            file_format="csv",
        )
    except PurposeRequired:
        return redirect("web:chronology-purpose", person_id=person_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chronology-{person_id}.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for entry in chronology.entries:
        shown = [entry.occurred_at.isoformat(), entry.occurred_precision, entry.kind_label,
                 entry.agency_name, entry.about]  # fmt: skip
        if entry.redacted:
            writer.writerow([*shown, "Held by the agency: ask them about it."])
            continue
        writer.writerow(
            [
                *shown, entry.summary, entry.recorded_by,
                entry.source_recorded_at.isoformat() if entry.source_recorded_at else "",
                entry.first_received_at.isoformat() if entry.first_received_at else "",
                entry.version, entry.child_seen, entry.child_seen_alone, entry.child_voice,
            ]
        )  # fmt: skip
    return response


def _next(request: HttpRequest, person_id: UUID) -> str:
    """Back to the chronology page asked for, and never anywhere else."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    own = reverse("web:child-chronology", args=[person_id])
    return wanted if wanted.startswith(own) else own


@practitioner_view(roles=CASE_ROLES)
def chronology_purpose(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """Asked once, the first time a practitioner opens a child's joined chronology."""
    actor = practitioner(request)
    child_access_require(actor=actor, recorded_person_id=person_id)
    form = PurposeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            access_services.purpose_state(
                actor=actor,
                recorded_person_id=person_id,
                purpose=form.cleaned_data["purpose"],
                detail=form.cleaned_data["detail"],
            )
        except InvalidInput as error:
            form.add_problems((p.field, p.message) for p in error.problems)
        else:
            return redirect(_next(request, person_id))
    context = {"form": form, "person_id": person_id, "next": _next(request, person_id)}
    return render(request, "chronology/purpose.html", context)


@practitioner_view(roles=CASE_ROLES)
def break_glass(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """Access without a recorded relationship, for an emergency: a reason, a time limit, and
    everyone concerned told."""
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            grant = access_services.break_glass_open(
                actor=practitioner(request),
                recorded_person_id=person_id,
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
            )
        except InvalidInput as error:
            form.add_problems((p.field, p.message) for p in error.problems)
        else:
            messages.warning(
                request,
                f"Break-glass access is open until {grant.expires_at:%H:%M} UTC. Your information"
                " governance lead and the agencies that hold this child's records have been told.",
            )
            return redirect("web:child-chronology", person_id=person_id)
    return render(request, "chronology/break_glass.html", {"form": form, "person_id": person_id})


@practitioner_view(roles=CASE_ROLES)
def sharing_record(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """Record that your agency shared information about this child, or decided not to."""
    own = access.scope.agency_ids
    agencies = [(a.id, a.name) for a in agency_list() if a.id not in own]
    form = SharingForm(request.POST if request.method == "POST" else None, agencies=agencies)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            access_services.sharing_decision_record(
                actor=practitioner(request),
                recorded_person_id=person_id,
                outcome=data["outcome"],
                lawful_basis=data["lawful_basis"],
                purpose=data["purpose"],
                recipient_agency_ids=data["recipients"],
                information=data["information"],
                reason=data["reason"],
            )
        except InvalidInput as error:
            form.add_problems((p.field, p.message) for p in error.problems)
        else:
            messages.success(request, "Sharing decision recorded")
            return redirect("web:person-detail", person_id=person_id)
    return render(request, "chronology/sharing.html", {"form": form, "person_id": person_id})


@practitioner_view(roles=BREAK_GLASS_REVIEWERS)
def break_glass_review(request: HttpRequest, access: Access) -> HttpResponse:
    """The break-glass grants you were told of, for review."""
    grants = break_glass_review_list(user_id=practitioner(request).pk)
    return render(request, "chronology/break_glass_review.html", {"grants": grants})
