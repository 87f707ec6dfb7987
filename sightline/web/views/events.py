"""Recording an event about a person, viewing it with its history, and amending it."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.core.exceptions import Conflict, InvalidInput
from sightline.records import services as records
from sightline.records.data import Outcome
from sightline.records.schema.catalogue import KIND_LABELS, EventKind
from sightline.web.forms.event_entry import EventEntry
from sightline.web.forms.events import EventKindForm
from sightline.web.permissions import CASE_ROLES, Access, practitioner, practitioner_view
from sightline.web.presenters import event_page


@practitioner_view(roles=CASE_ROLES)
def event_choose(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    person = records.recorded_person_open(
        actor=practitioner(request), scope=access.scope, person_id=person_id
    )
    form = EventKindForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        return redirect("web:event-create", person_id=person_id, kind=form.cleaned_data["kind"])
    return render(request, "events/choose.html", {"form": form, "person": person.summary})


@practitioner_view(roles=CASE_ROLES)
def event_create(
    request: HttpRequest, access: Access, person_id: UUID, kind: EventKind
) -> HttpResponse:
    """The kind's form; a repeated submission of one form records the event once."""
    actor = practitioner(request)
    person = records.recorded_person_open(actor=actor, scope=access.scope, person_id=person_id)
    posted = request.POST if request.method == "POST" else None
    entry = EventEntry(kind=kind, person=person.summary, data=posted)
    if posted is not None and entry.is_valid():
        try:
            result = records.event_record(
                actor=actor,
                scope=access.scope,
                agency_id=person.summary.agency_id,
                raw=entry.raw(recorded_by=str(actor)),
            )
        except (InvalidInput, Conflict) as error:
            entry.show(error)
        else:
            messages.success(request, f"{KIND_LABELS[kind]} recorded")
            return redirect("web:event-detail", event_id=result.record_id)
    context = {"entry": entry, "person": person.summary, "kind_label": KIND_LABELS[kind]}
    return render(request, "events/record.html", context)


@practitioner_view(roles=CASE_ROLES)
def event_detail(request: HttpRequest, access: Access, event_id: UUID) -> HttpResponse:
    event = records.event_open(actor=practitioner(request), scope=access.scope, event_id=event_id)
    return render(request, "events/detail.html", {"page": event_page(event)})


@practitioner_view(roles=CASE_ROLES)
def event_version(
    request: HttpRequest, access: Access, event_id: UUID, number: int
) -> HttpResponse:
    """An earlier version, exactly as it was recorded."""
    event = records.event_open(actor=practitioner(request), scope=access.scope, event_id=event_id)
    return render(request, "events/detail.html", {"page": event_page(event, number)})


@practitioner_view(roles=CASE_ROLES)
def event_amend(request: HttpRequest, access: Access, event_id: UUID) -> HttpResponse:
    """The same form, filled in with the current version, and a reason for the change."""
    actor = practitioner(request)
    event = records.event_open(actor=actor, scope=access.scope, event_id=event_id)
    posted = request.POST if request.method == "POST" else None
    entry = EventEntry(kind=EventKind(event.kind), existing=event.current, data=posted)
    if posted is not None and entry.is_valid() and entry.reason is not None:
        raw, reason = entry.raw(recorded_by=event.current.recorded_by), entry.reason.cleaned_data
        try:
            result = records.event_amend(
                actor=actor, scope=access.scope, event_id=event_id, raw=raw, reason=reason["reason"]
            )
        except (InvalidInput, Conflict) as error:
            entry.show(error)
        else:
            unchanged = result.outcome is Outcome.UNCHANGED
            messages.success(request, "Nothing changed" if unchanged else "Event amended")
            return redirect("web:event-detail", event_id=event_id)
    context = {"entry": entry, "event": event, "kind_label": event.kind_label}
    return render(request, "events/record.html", context)
