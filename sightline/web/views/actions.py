"""Setting an action (from a meeting, or on its own for a child), completing or cancelling it,
your own actions, and a manager's overdue actions."""

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from sightline.agencies.data import MANAGING_ROLES
from sightline.core.exceptions import InvalidInput
from sightline.meetings import selectors, services
from sightline.meetings.data import PurposeFirst
from sightline.web.forms.actions import ActionForm, CancelForm, CompleteForm
from sightline.web.permissions import ANY_ROLE, CASE_ROLES, Access, practitioner, practitioner_view
from sightline.web.views.meetings import purpose_first


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@practitioner_view(roles=CASE_ROLES)
def action_add(request: HttpRequest, access: Access, meeting_id: UUID) -> HttpResponse:
    """An action from a meeting, for one of its children: for its agency's recorders."""
    actor = practitioner(request)
    try:
        meeting = selectors.meeting_get(viewer_id=actor.pk, meeting_id=meeting_id)
    except PurposeFirst as refused:
        return purpose_first(request, refused)
    if not meeting.may_set_actions:
        raise Http404("There is no such meeting.")
    children = [(c.recorded_person_id, c.name) for c in meeting.children]
    form = ActionForm(_posted(request), owners=selectors.owner_group_list(), children=children)
    if form.is_bound and form.is_valid():
        try:
            services.action_set(actor=actor, action=form.action(meeting_id=meeting_id))
        except InvalidInput as error:
            form.show(error.problems)
        else:
            messages.success(request, "Action set")
            return redirect("web:meeting-detail", meeting_id=meeting_id)
    return render(request, "meetings/action_add.html", {"form": form, "meeting": meeting})


@practitioner_view(roles=CASE_ROLES)
def child_action_add(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """An action for the child, set on its own (not at a meeting) by an agency holding their
    record."""
    actor = practitioner(request)
    options = selectors.recording_option_list(user_id=actor.pk, recorded_person_id=person_id)
    if not options:
        raise Http404("There is no such person record.")
    form = ActionForm(_posted(request), owners=selectors.owner_group_list(), options=options)
    if form.is_bound and form.is_valid():
        try:
            services.action_set(actor=actor, action=form.action())
        except InvalidInput as error:
            form.show(error.problems)
        else:
            messages.success(request, "Action set")
            return redirect("web:child-meetings", person_id=person_id)
    context = {"form": form, "person_id": person_id, "child": options[0]}
    return render(request, "meetings/action_add.html", context)


def _next(request: HttpRequest) -> str:
    """Back to the page the action was opened from, on this site; else your actions."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(wanted, allowed_hosts=None):
        return wanted
    return reverse("web:my-actions")


def _closed_already(request: HttpRequest, status: str) -> HttpResponse:
    messages.success(request, f"That action was already {status}")
    return redirect(_next(request))


@practitioner_view(roles=CASE_ROLES)
def action_complete(request: HttpRequest, access: Access, action_id: UUID) -> HttpResponse:
    """Mark an action done, with the evidence: for its owner, its setter or their managers."""
    actor = practitioner(request)
    action = selectors.action_get(viewer_id=actor.pk, action_id=action_id)
    if not action.is_open:
        return _closed_already(request, action.status)
    events = selectors.evidence_event_list(viewer_id=actor.pk, action_id=action_id)
    form = CompleteForm(_posted(request), events=events)
    if form.is_bound and form.is_valid():
        try:
            services.action_complete(actor=actor, action_id=action_id,
                                     evidence=form.cleaned_data["evidence"],
                                     evidence_event_id=form.event_id())  # fmt: skip
        except InvalidInput as error:
            form.add_problems((p.field, p.message) for p in error.problems)
        else:
            messages.success(request, "Action completed")
            return redirect(_next(request))
    context = {"form": form, "action": action, "next": _next(request), "completing": True}
    return render(request, "meetings/action_close.html", context)


@practitioner_view(roles=CASE_ROLES)
def action_cancel(request: HttpRequest, access: Access, action_id: UUID) -> HttpResponse:
    """Cancel an action, saying why: for the same people as completing it."""
    actor = practitioner(request)
    action = selectors.action_get(viewer_id=actor.pk, action_id=action_id)
    if not action.is_open:
        return _closed_already(request, action.status)
    form = CancelForm(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.action_cancel(
                actor=actor, action_id=action_id, reason=form.cleaned_data["reason"]
            )
        except InvalidInput as error:
            form.add_problems((p.field, p.message) for p in error.problems)
        else:
            messages.success(request, "Action cancelled")
            return redirect(_next(request))
    context = {"form": form, "action": action, "next": _next(request), "completing": False}
    return render(request, "meetings/action_close.html", context)


@practitioner_view(roles=ANY_ROLE)
def my_actions(request: HttpRequest, access: Access) -> HttpResponse:
    """Your actions: open ones first, soonest due first."""
    user = access.scope.user_id
    items = selectors.action_list_for_owner(owner_id=user)
    context = {
        "waiting": [item for item in items if item.is_open],
        "done": [item for item in items if not item.is_open],
        "manages": any(m.role in MANAGING_ROLES for m in access.memberships),
    }
    return render(request, "meetings/my_actions.html", context)


@practitioner_view(roles=MANAGING_ROLES)
def actions_overdue(request: HttpRequest, access: Access) -> HttpResponse:
    """The overdue actions of the agencies you manage (owned by their members, or set by them
    for anyone), and those escalated to you."""
    user = access.scope.user_id
    # Only the agencies where the viewer holds a managing role, not every one they belong to.
    managed = access.scope_for(MANAGING_ROLES).agency_ids
    context = {
        "overdue": selectors.action_overdue_list(agency_ids=managed),
        "escalated": selectors.action_escalated_list(user_id=user),
    }
    return render(request, "meetings/overdue.html", context)
