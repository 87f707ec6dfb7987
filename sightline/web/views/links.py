"""Reviewing proposed links: the queue of pairs waiting for the practitioner's agencies, and one
pair with both records side by side, why they were matched, and the decision."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.core.exceptions import Conflict, InvalidInput
from sightline.identity import services as identity
from sightline.identity.data import DECIDING_ROLES, DecisionResult, Verdict
from sightline.web.forms.links import LinkDecisionForm
from sightline.web.permissions import Access, practitioner, practitioner_view
from sightline.web.waterfall import waterfall

# Who decides whether two agencies' records are one person (identity.data.DECIDING_ROLES).
REVIEW_ROLES = frozenset(DECIDING_ROLES)


@practitioner_view(roles=REVIEW_ROLES)
def link_queue(request: HttpRequest, access: Access) -> HttpResponse:
    items = identity.review_queue_open(actor=practitioner(request), scope=access.scope)
    return render(request, "links/queue.html", {"items": items})


def _done(result: DecisionResult) -> str:
    if result.decision_id is None:
        return "That decision was already recorded"
    if result.verdict == Verdict.CONFIRMED:
        return "Link confirmed: the records are now one person"
    return "Link rejected: the records will not be linked"


@practitioner_view(roles=REVIEW_ROLES)
def link_pair(request: HttpRequest, access: Access, evidence_id: UUID) -> HttpResponse:
    """GET shows the pair; POST decides it and returns to the queue."""
    actor = practitioner(request)
    posted = request.POST if request.method == "POST" else None
    form = LinkDecisionForm(posted)
    if posted is not None and form.is_valid():
        try:
            result = identity.link_decide(
                actor=actor, scope=access.scope, evidence_id=evidence_id, **form.cleaned_data
            )
        except (InvalidInput, Conflict) as error:
            form.show(error)
        else:
            messages.success(request, _done(result))
            return redirect("web:link-queue")
    pair = identity.review_pair_open(actor=actor, scope=access.scope, evidence_id=evidence_id)
    context = {"pair": pair, "form": form, "chart": waterfall(pair)}
    return render(request, "links/pair.html", context)
