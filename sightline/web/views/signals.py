"""A risk signal: why it fired, its evidence, and the responses to it."""

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sightline.chronology.data import Chronology
from sightline.core.exceptions import InvalidTransition
from sightline.risk.data import SignalPurposeRequired, SignalView
from sightline.risk.services import signal_open, signal_respond
from sightline.risk.services.responding import NEXT
from sightline.web.forms.signals import SignalResponseForm
from sightline.web.permissions import CASE_ROLES, Access, practitioner, practitioner_view


def evidence_rows(signal: SignalView, chronology: Chronology) -> list[dict[str, Any]]:
    """Each piece of evidence as the viewer may see it in the child's chronology: in full, as
    a redacted entry (kind, day and agency only), or not at all."""
    entries = {entry.event_id: entry for entry in chronology.entries}
    rows = []
    for event_id in dict.fromkeys(signal.evidence_events):
        entry = entries.get(event_id)
        rows.append({"entry": entry, "hidden": entry is None})
    return rows


@practitioner_view(roles=CASE_ROLES)
def signal_detail(request: HttpRequest, access: Access, signal_id: UUID) -> HttpResponse:
    actor = practitioner(request)
    try:
        page = signal_open(actor=actor, signal_id=signal_id)
    except SignalPurposeRequired as needed:
        # Said once per child; then back here.
        target = reverse("web:chronology-purpose", args=[needed.child_id])
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
    allowed = NEXT[page.signal.status]
    form = SignalResponseForm(request.POST if request.method == "POST" else None, allowed=allowed)
    if form.is_bound and form.is_valid():
        try:
            signal_respond(
                actor=actor,
                signal_id=signal_id,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except InvalidTransition as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your response is recorded")
            return redirect("web:signal-detail", signal_id=signal_id)
    context = {
        "signal": page.signal,
        "evidence": evidence_rows(page.signal, page.chronology),
        "form": form if allowed else None,
    }
    return render(request, "risk/signal.html", context)
