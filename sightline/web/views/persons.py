"""Finding, recording and viewing a person in your own agency's records."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.access.selectors import child_access_get, held_elsewhere_map
from sightline.core.exceptions import Conflict, InvalidInput
from sightline.identity import services as identity
from sightline.identity.data import DECIDING_ROLES, JoinedPerson
from sightline.records import services as records
from sightline.records.data import PersonDetail
from sightline.web.forms.persons import PersonCreateForm, PersonFindForm
from sightline.web.permissions import CASE_ROLES, Access, practitioner, practitioner_view

# Whether the practitioner decides links for the record's agency, and what is joined with it.
JoinedView = tuple[bool, JoinedPerson | None]


@practitioner_view(roles=CASE_ROLES)
def person_find(request: HttpRequest, access: Access) -> HttpResponse:
    form = PersonFindForm(request.GET if "q" in request.GET else None)
    results, elsewhere = None, {}
    if form.is_valid():
        results = records.recorded_person_find(
            actor=practitioner(request), scope=access.scope, query=form.cleaned_data["q"]
        )
        elsewhere = held_elsewhere_map(
            viewer_agency_ids=access.scope.agency_ids, record_ids=[p.id for p in results]
        )
    rows = [(person, elsewhere.get(person.id, [])) for person in results or []]
    context = {"form": form, "results": results, "rows": rows}
    return render(request, "persons/find.html", context)


@practitioner_view(roles=CASE_ROLES)
def person_create(request: HttpRequest, access: Access) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    form = PersonCreateForm(posted, agencies=access.agencies)
    if posted is not None and form.is_valid():
        try:
            result = records.recorded_person_create(
                actor=practitioner(request),
                scope=access.scope,
                agency_id=UUID(form.cleaned_data["agency"]),
                raw=form.raw(),
            )
        except (InvalidInput, Conflict) as error:
            form.show(error)
        else:
            return redirect("web:person-detail", person_id=result.record_id)
    return render(request, "persons/create.html", {"form": form})


def _joined(request: HttpRequest, access: Access, person: PersonDetail) -> JoinedView:
    """For a practitioner who decides links for the agency holding the record: the other
    records joined with it as one person (else nothing is shown, not even that none are)."""
    deciding = access.scope_for(DECIDING_ROLES)
    if not deciding.covers_agency(person.summary.agency_id):
        return False, None
    joined = identity.person_joined_open(
        actor=practitioner(request), scope=deciding, recorded_person_id=person.summary.id
    )
    return True, joined


@practitioner_view(roles=CASE_ROLES)
def person_detail(request: HttpRequest, access: Access, person_id: UUID) -> HttpResponse:
    """The person as your agency recorded them, the events about them and, for those who
    decide links, the records joined with theirs."""
    actor = practitioner(request)
    person = records.recorded_person_open(actor=actor, scope=access.scope, person_id=person_id)
    events = records.event_list_open(actor=actor, scope=access.scope, recorded_person_id=person_id)
    deciding, joined = _joined(request, access, person)
    chronology = child_access_get(user_id=actor.pk, recorded_person_id=person_id)
    context = {
        "person": person,
        "events": events,
        "deciding": deciding,
        "joined": joined,
        "may_open_chronology": chronology.may_open,
    }
    return render(request, "persons/detail.html", context)
