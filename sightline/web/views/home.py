"""Signing in and out, and the agency home page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sightline.agencies.services import sign_in_record
from sightline.identity.data import DECIDING_ROLES
from sightline.records.selectors import event_list
from sightline.web.forms.sign_in import SignInForm
from sightline.web.permissions import (
    ANY_ROLE,
    BREAK_GLASS_REVIEWERS,
    CASE_ROLES,
    Access,
    practitioner_view,
)

RECENT_EVENTS = 10


@practitioner_view(roles=ANY_ROLE)
def home(request: HttpRequest, access: Access) -> HttpResponse:
    """The practitioner's agencies and roles, and the latest events their agencies recorded."""
    recent = event_list(scope=access.scope_for(CASE_ROLES), limit=RECENT_EVENTS)
    can_record = bool(access.scope_for(CASE_ROLES).agency_ids)
    can_review_links = bool(access.scope_for(frozenset(DECIDING_ROLES)).agency_ids)
    can_review_break_glass = bool(access.scope_for(BREAK_GLASS_REVIEWERS).agency_ids)
    context = {
        "memberships": access.memberships,
        "recent": recent,
        "can_record": can_record,
        "can_review_links": can_review_links,
        "can_review_break_glass": can_review_break_glass,
    }
    return render(request, "home/home.html", context)


class SignInView(auth_views.LoginView):
    template_name = "home/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        sign_in_record(user=form.get_user())
        return response


sign_in = SignInView.as_view()
# Sign-out is a POST (Django refuses GET), and then shows the signed-out page.
sign_out = auth_views.LogoutView.as_view(template_name="home/signed_out.html")
