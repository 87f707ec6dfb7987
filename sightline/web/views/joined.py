"""Unlinking a record from the person it is part of, and splitting that person in two: reached
from the record's page, by the roles that decide whether records are one person."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.core.exceptions import Conflict, InvalidInput, NotFound
from sightline.identity import services as identity
from sightline.identity.data import DECIDING_ROLES, JoinedPerson
from sightline.identity.services.joined import NOT_JOINED
from sightline.web.forms.joined import SplitForm, UnlinkForm
from sightline.web.permissions import Access, practitioner, practitioner_view

UNLINKED = (
    "Record unlinked: it is no longer treated as the same person as the records it was joined with"
)


def _split(count: int) -> str:
    return f"Person split: {count} record{'s' if count > 1 else ''} moved to a new person"


def _joined(request: HttpRequest, access: Access, person_id: UUID) -> JoinedPerson:
    joined = identity.person_joined_open(
        actor=practitioner(request), scope=access.scope, recorded_person_id=person_id
    )
    if joined is None:
        raise NotFound(NOT_JOINED)
    return joined


@practitioner_view(roles=DECIDING_ROLES)
def person_unlink(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """GET says what unlinking will do and asks why; POST unlinks and returns to the record."""
    joined = _joined(request, access, person_id)
    form = UnlinkForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            identity.joined_record_unlink(
                actor=practitioner(request),
                scope=access.scope,
                recorded_person_id=person_id,
                reason=form.cleaned_data["reason"],
            )
        except (InvalidInput, Conflict) as error:
            form.show(error)
        else:
            messages.success(request, UNLINKED)
            return redirect("web:person-detail", person_id=person_id)
    return render(request, "persons/unlink.html", {"joined": joined, "form": form})


@practitioner_view(roles=DECIDING_ROLES)
def person_split(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """GET lists the person's records to choose from; POST splits and returns to the record."""
    joined = _joined(request, access, person_id)
    form = SplitForm(request.POST if request.method == "POST" else None, joined=joined)
    if form.is_bound and form.is_valid():
        moving = form.cleaned_data["records"]
        try:
            identity.joined_person_split(
                actor=practitioner(request),
                scope=access.scope,
                recorded_person_id=person_id,
                moving_ids=moving,
                reason=form.cleaned_data["reason"],
            )
        except (InvalidInput, Conflict) as error:
            form.show(error)
        else:
            messages.success(request, _split(len(moving)))
            return redirect("web:person-detail", person_id=person_id)
    return render(request, "persons/split.html", {"joined": joined, "form": form})
