"""The household a person lives in, and its history, as far as your agencies may see it."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sightline.households import services as households
from sightline.web.permissions import CASE_ROLES, Access, practitioner, practitioner_view


@practitioner_view(roles=CASE_ROLES)
def person_household(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """The households one of your agency's person records has been part of."""
    views = households.household_open(
        actor=practitioner(request), scope=access.scope, recorded_person_id=person_id
    )
    context = {"households": views, "person_id": person_id}
    return render(request, "households/detail.html", context)
