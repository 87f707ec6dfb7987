"""A child's meetings and actions, recording a meeting, and a meeting's page."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse

from sightline.agencies.selectors import agency_list
from sightline.core.exceptions import InvalidInput
from sightline.meetings import selectors, services
from sightline.meetings.data import MEETING_KIND_LABELS, MeetingKind, PurposeFirst
from sightline.web.forms.meetings import ROWS, MeetingForm, MeetingKindForm, carried_over
from sightline.web.permissions import CASE_ROLES, Access, practitioner, practitioner_view


def purpose_first(request: HttpRequest, refused: PurposeFirst) -> HttpResponse:
    """To the question of why the child's chronology is being opened, and back to it after."""
    chronology = reverse("web:child-chronology", args=[refused.recorded_person_id])
    target = reverse("web:chronology-purpose", args=[refused.recorded_person_id])
    return redirect(f"{target}?{urlencode({'next': chronology})}")


@practitioner_view(roles=CASE_ROLES)
def child_meetings(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """The meetings about the child and the actions for them that you may see."""
    try:
        found = services.child_meetings_open(
            actor=practitioner(request), recorded_person_id=person_id
        )
    except PurposeFirst as refused:
        return purpose_first(request, refused)
    return render(request, "meetings/child.html", {"found": found, "person_id": person_id})


@practitioner_view(roles=CASE_ROLES)
def meeting_choose(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """Which kind of meeting to record; only for those whose agency holds the child's record."""
    user = practitioner(request).pk
    if not selectors.recording_option_list(user_id=user, recorded_person_id=person_id):
        raise Http404("There is no such person record.")
    form = MeetingKindForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        return redirect("web:meeting-record", person_id=person_id, kind=form.cleaned_data["kind"])
    return render(request, "meetings/choose.html", {"form": form, "person_id": person_id})


def _kind(kind: str) -> MeetingKind:
    if kind not in set(MeetingKind):
        raise Http404("There is no such kind of meeting.")
    return MeetingKind(kind)


def _meeting_form(request: HttpRequest, person_id: UUID, kind: MeetingKind) -> MeetingForm:
    options = selectors.recording_option_list(
        user_id=practitioner(request).pk, recorded_person_id=person_id
    )
    if not options:
        raise Http404("There is no such person record.")
    siblings = selectors.household_child_list(
        agency_id=options[0].agency_id, recorded_person_id=options[0].child_id
    )
    posted = request.POST if request.method == "POST" else None
    adding = posted is not None and "add_row" in posted
    form = MeetingForm(
        None if adding else posted, kind=kind, options=options, siblings=siblings,
        agencies=[(a.id, a.name) for a in agency_list()], rows=_rows(posted) + adding,
    )  # fmt: skip
    if adding and posted is not None:
        # "Add another agency": the same answers, one more row, and no errors shown yet.
        form.initial = carried_over(posted, form)
    return form


def _rows(posted: QueryDict | None) -> int:
    """How many agency rows the posted form had."""
    given = posted.get("rows", "") if posted is not None else ""
    return int(given) if given.isdigit() else ROWS


@practitioner_view(roles=CASE_ROLES)
def meeting_record(
    request: HttpRequest, access: Access, person_id: UUID, kind: str
) -> HttpResponse:
    """The meeting's form; a repeated submission of one form records the meeting once."""
    meeting_kind = _kind(kind)
    form = _meeting_form(request, person_id, meeting_kind)
    if form.is_bound and form.is_valid():
        try:
            result = services.meeting_record(
                actor=practitioner(request), meeting=form.meeting(child_id=person_id)
            )
        except InvalidInput as error:
            form.show(error.problems)
        else:
            messages.success(request, f"{MEETING_KIND_LABELS[meeting_kind]} recorded")
            return redirect("web:meeting-detail", meeting_id=result.meeting_id)
    context = {
        "form": form,
        "person_id": person_id,
        "kind_label": MEETING_KIND_LABELS[meeting_kind],
        "child": next(iter(form.options.values())),
    }
    return render(request, "meetings/record.html", context)


@practitioner_view(roles=CASE_ROLES)
def meeting_detail(request: HttpRequest, access: Access, meeting_id: UUID) -> HttpResponse:
    """Who was there, what they shared, what was decided, and the actions set."""
    try:
        meeting = services.meeting_open(actor=practitioner(request), meeting_id=meeting_id)
    except PurposeFirst as refused:
        return purpose_first(request, refused)
    return render(request, "meetings/detail.html", {"meeting": meeting})
