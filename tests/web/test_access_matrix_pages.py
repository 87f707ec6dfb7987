"""The pages against the reviewed table, docs/access-matrix.csv: a practitioner in each role,
tied to a child by each relationship, opens the child's chronology, reads an entry of each
kind and sensitivity, and downloads it. What the pages do must be what the table says.

Each example builds its own small world inside a transaction that is rolled back, so the
examples never see each other. Roles without case work (analyst, information governance lead,
administrator) are turned away from these pages for any record, missing or not (403): for
them a 403 is a refusal; everyone else is refused exactly as for a missing record (404).
"""

from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.access.services import break_glass_open
from sightline.agencies.selectors import scope_for_user
from sightline.agencies.services import agency_create, practitioner_create
from sightline.households.services import households_derive
from sightline.records.services import event_record, relationship_record
from tests.access.matrix import ENTRY_FROM, RELATIONSHIPS, ROLES, SENSITIVITIES, Case, expected
from tests.chronology.conftest import note
from tests.identity.factories import apply_run, record_model, record_person, scored

CASEWORK = {"practitioner", "dsl", "manager", "senior_manager", "mash"}
SECRET = "The entry under test"
HOME = {"addresses": [{"line1": "3 Ash Row", "town": "Coventry", "postcode": "CV2 2BB"}]}
CHILD = {"given_name": "Ava", "family_name": "Hart", "date_of_birth": "2017-03-09", **HOME}
ADULT = {"given_name": "Sam", "family_name": "Hart", "date_of_birth": "1988-08-08", **HOME}


class _RolledBack(Exception):
    pass


@dataclass
class World:
    viewer: object
    child_record: UUID  # the viewer's agency's record of the child, in the page's address


def _agency(code, name, kind):
    return agency_create(actor=None, code=code, name=name, kind=kind, local_authority_code="201")


def _user(agency, role, name):
    return practitioner_create(
        actor=None, username=name, password="a-long-test-password-1", display_name=name,
        agency=agency, role=role,
    )  # fmt: skip


def _tie(case: Case, recorder, agency, viewer, colleague) -> None:
    kinds = {
        "school_enrolment": {"kind": "school_enrolment"},
        "gp_registration": {"kind": "gp_registration"},
        "health_visiting_caseload": {"kind": "health_visiting_caseload"},
        "school_nursing_caseload": {"kind": "school_nursing_caseload"},
        "allocated_worker": {"kind": "worker_allocation", "worker": viewer.username},
        "allocating_agency": {"kind": "worker_allocation", "worker": colleague.username},
        "open_contact": {"kind": "episode", "details": {"episode_type": "contact"}},
    }
    scope = scope_for_user(user_id=recorder.pk)
    if case.relationship in kinds:
        raw = {**kinds[case.relationship], "person": "C-1", "start": "2024-01-01"}
        relationship_record(actor=recorder, scope=scope, agency_id=agency.id, raw=raw)
    elif case.relationship == "household_incident":
        incident = note("DA-1", "C-1", "Incident at the home.", kind="domestic_abuse_incident",
                        details={"risk_level": "standard", "children_present": False})  # fmt: skip
        event_record(actor=recorder, scope=scope, agency_id=agency.id, raw=incident)


def _world(case: Case) -> World:
    kind = RELATIONSHIPS[case.relationship]
    agency = _agency("viewer-agency", "Viewer agency", kind)
    other = _agency("other-agency", "Other agency", "hospital")
    recorder, colleague = _user(agency, "practitioner", "recorder"), _user(agency, "dsl", "mate")
    outsider = _user(other, "practitioner", "outsider")
    viewer = _user(agency, case.role, "viewer")
    ours = record_person(recorder, agency, source_reference="C-1", **CHILD)
    theirs = record_person(outsider, other, source_reference="C-1", **CHILD)
    holder, holder_agency = (recorder, agency) if case.entry_from == "own_agency" else (
        outsider, other)  # fmt: skip
    record_person(holder, holder_agency, source_reference="A-1", **ADULT)
    record_model()
    apply_run(scored(ours, theirs, 20.0))
    households_derive(actor=None)
    about = ("C-1", "child_subject") if case.about == "child" else ("A-1", "parent_or_carer")
    entry = note("E-1", about[0], SECRET, kind="concern", sensitivity=case.sensitivity,
                 subjects=[{"person": about[0], "role": about[1]}],
                 details={"categories": ["neglect"]})  # fmt: skip
    scope = scope_for_user(user_id=holder.pk)
    event_record(actor=holder, scope=scope, agency_id=holder_agency.id, raw=entry)
    _tie(case, recorder, agency, viewer, colleague)
    if case.relationship == "break_glass" and case.role in CASEWORK:
        break_glass_open(actor=viewer, recorded_person_id=ours, reason="immediate_risk",
                         explanation="Emergency.")  # fmt: skip
    return World(viewer, ours)


def _outcome(client, case: Case, world: World) -> str:
    client.force_login(world.viewer)
    purpose = client.post(
        reverse("web:chronology-purpose", args=[world.child_record]), {"purpose": "concern"}
    )
    refused = {403, 404} if case.role not in CASEWORK else {404}
    if purpose.status_code in refused:
        return "deny"
    if case.action == "export":
        url = reverse("web:child-chronology", args=[world.child_record])
        response = client.get(url, {"format": "csv"})
        return "deny" if response.status_code in refused else "allow"
    page = client.get(reverse("web:child-chronology", args=[world.child_record]))
    if page.status_code in refused:
        return "deny"
    assert page.status_code == 200, page.status_code
    html = page.content.decode()
    if case.action == "open_chronology":
        return "allow"
    if SECRET in html:
        return "allow"
    owner = "Viewer agency" if case.entry_from == "own_agency" else "Other agency"
    return "redact" if f"Held by {owner}: ask them about it." in html else "deny"


cases = st.builds(
    Case,
    role=st.sampled_from(ROLES),
    relationship=st.sampled_from(tuple(RELATIONSHIPS)),
    action=st.sampled_from(("open_chronology", "see_entry", "export")),
    entry_from=st.sampled_from(ENTRY_FROM),
    about=st.sampled_from(("child", "household_adult")),
    sensitivity=st.sampled_from(SENSITIVITIES),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases)
def test_the_pages_decide_as_the_reviewed_table_says(db, client, case):
    try:
        with transaction.atomic():
            world = _world(case)
            outcome = _outcome(client, case, world)
            raise _RolledBack
    except _RolledBack:
        pass
    client.logout()
    assert outcome == expected(case), case
