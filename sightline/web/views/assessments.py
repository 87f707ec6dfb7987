"""Assessments: starting one from a child's record, writing and submitting it, reading it, a
manager's sign-off (or return with comments), and a senior manager's review of a repeated
closure with no further action."""

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sightline.assessments import services
from sightline.assessments.data import REVIEWING_ROLES, SIGNING_ROLES, AssessmentView
from sightline.assessments.selectors import assessment_list_mine
from sightline.chronology.data import PurposeRequired
from sightline.core.exceptions import Conflict, InvalidInput, InvalidTransition
from sightline.web.forms.assessments import AssessmentForm, DecisionForm, ReviewForm, StartForm
from sightline.web.permissions import CASE_ROLES, Access, practitioner, practitioner_view

MANAGING_ROLES = frozenset(SIGNING_ROLES)
SENIOR_ROLES = frozenset(REVIEWING_ROLES)
_REFUSED = (InvalidInput, InvalidTransition, Conflict)


def _to_purpose(request: HttpRequest, person_id: UUID) -> HttpResponse:
    target = reverse("web:chronology-purpose", args=[person_id])
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


@practitioner_view(roles=CASE_ROLES)
def assessment_start(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """Choose the kind of assessment, then write it: only for someone who may assess the child,
    and only the kinds they may start. Others' unfinished assessments of the child are named."""
    actor = practitioner(request)
    try:
        offer = services.assessment_start_check(actor=actor, recorded_person_id=person_id)
    except PurposeRequired:
        return _to_purpose(request, person_id)
    except Conflict as error:
        form = StartForm(kinds=())
        form.add_error(None, str(error))
        return render(request, "assessments/start.html", {"form": form, "person_id": person_id})
    form = StartForm(request.POST if request.method == "POST" else None, kinds=offer.kinds)
    if form.is_bound and form.is_valid():
        try:
            started = services.assessment_start(
                actor=actor,
                recorded_person_id=person_id,
                assessment_type=form.cleaned_data["assessment_type"],
            )
        except _REFUSED as error:
            form.add_problems(_problems(error))
        else:
            return redirect("web:assessment-edit", assessment_id=started.id)
    context = {"form": form, "person_id": person_id, "offer": offer}
    return render(request, "assessments/start.html", context)


@practitioner_view(roles=CASE_ROLES)
def child_assessments(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """The child's assessments that the viewer may open."""
    try:
        assessments = services.assessment_list_open(
            actor=practitioner(request), recorded_person_id=person_id
        )
    except PurposeRequired:
        return _to_purpose(request, person_id)
    context = {"assessments": assessments, "person_id": person_id}
    return render(request, "assessments/child_list.html", context)


@practitioner_view(roles=CASE_ROLES)
def my_assessments(request: HttpRequest, access: Access) -> HttpResponse:
    """The practitioner's own assessments: those waiting for them first."""
    assessments = assessment_list_mine(scope=access.scope)
    return render(request, "assessments/mine.html", {"assessments": assessments})


@practitioner_view(roles=CASE_ROLES)
def assessment_edit(request: HttpRequest, access: Access, assessment_id: UUID) -> HttpResponse:
    """The author's draft: save it, or submit it for sign-off."""
    actor = practitioner(request)
    draft = services.assessment_draft_open(actor=actor, assessment_id=assessment_id)
    if not draft.assessment.editable:
        return redirect("web:assessment-detail", assessment_id=assessment_id)
    form = AssessmentForm(request.POST if request.method == "POST" else None, draft=draft)
    if form.is_bound and form.is_valid():
        submitting = request.POST.get("action") == "submit"
        write = services.assessment_submit if submitting else services.assessment_save
        try:
            write(actor=actor, assessment_id=assessment_id, content=form.content())
        except _REFUSED as error:
            form.show(error)
        else:
            messages.success(request, "Submitted for sign-off" if submitting else "Draft saved")
            target = "web:assessment-detail" if submitting else "web:assessment-edit"
            return redirect(target, assessment_id=assessment_id)
    return render(request, "assessments/edit.html", {"form": form, "draft": draft})


def _may(access: Access, assessment: AssessmentView, roles: frozenset[str]) -> bool:
    return access.scope.user_id != assessment.author_id and bool(
        access.scope.roles_in(assessment.agency_id) & roles
    )


@practitioner_view(roles=CASE_ROLES)
def assessment_detail(request: HttpRequest, access: Access, assessment_id: UUID) -> HttpResponse:
    """The assessment, where it is, and every decision about it."""
    assessment = services.assessment_open(actor=practitioner(request), assessment_id=assessment_id)
    context = {
        "assessment": assessment,
        "is_author": access.scope.user_id == assessment.author_id,
        "may_sign": _may(access, assessment, MANAGING_ROLES),
        "may_review": _may(access, assessment, SENIOR_ROLES),
    }
    return render(request, "assessments/detail.html", context)


@practitioner_view(roles=MANAGING_ROLES)
def assessment_sign_off(request: HttpRequest, access: Access, assessment_id: UUID) -> HttpResponse:
    """A manager signs the submitted assessment off, or returns it with comments."""
    actor = practitioner(request)
    assessment = services.assessment_open(actor=actor, assessment_id=assessment_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "sign_off":
                services.assessment_sign_off(
                    actor=actor, assessment_id=assessment_id, comments=data["comments"]
                )
            else:
                services.assessment_return(
                    actor=actor, assessment_id=assessment_id, comments=data["comments"]
                )
        except _REFUSED as error:
            form.add_problems(_problems(error))
        else:
            messages.success(request, "Decision recorded")
            return redirect("web:assessment-detail", assessment_id=assessment_id)
    context = {
        "form": form,
        "assessment": assessment,
        "may": _may(access, assessment, MANAGING_ROLES),
    }
    return render(request, "assessments/sign_off.html", context)


def _problems(error: Exception) -> list[tuple[str | None, str]]:
    if isinstance(error, InvalidInput):
        return [(p.field, p.message) for p in error.problems]
    return [(None, str(error))]


@practitioner_view(roles=SENIOR_ROLES)
def assessment_review(request: HttpRequest, access: Access, assessment_id: UUID) -> HttpResponse:
    """A senior manager agrees a repeated closure with no further action, or sends it back."""
    actor = practitioner(request)
    assessment = services.assessment_open(actor=actor, assessment_id=assessment_id)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.assessment_review(
                actor=actor,
                assessment_id=assessment_id,
                agree=form.cleaned_data["decision"] == "agree",
                comments=form.cleaned_data["comments"],
            )
        except _REFUSED as error:
            form.add_problems(_problems(error))
        else:
            messages.success(request, "Review recorded")
            return redirect("web:assessment-detail", assessment_id=assessment_id)
    context = {
        "form": form,
        "assessment": assessment,
        "may": _may(access, assessment, SENIOR_ROLES),
    }
    return render(request, "assessments/review.html", context)
