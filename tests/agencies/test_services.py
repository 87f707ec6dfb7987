import pytest

from sightline.agencies.data import Role
from sightline.agencies.selectors import memberships_for_user, scope_for_user
from sightline.agencies.services import token_create
from sightline.audit.models import AuditEntry
from sightline.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def test_creating_a_practitioner_audits_the_sign_in_and_the_membership(dsl, school):
    actions = list(AuditEntry.objects.filter(agency_id=school.id).values_list("action", flat=True))
    assert actions == ["agency.created", "practitioner.created", "membership.created"]


def test_a_practitioners_scope_covers_their_agencies_and_roles(dsl, school, police):
    scope = scope_for_user(user_id=dsl.pk)
    assert scope.agency_ids == {school.id} and scope.roles == {Role.DSL}
    assert not scope.covers_agency(police.id)
    assert [m.agency_code for m in memberships_for_user(user_id=dsl.pk)] == ["oak-primary"]


def test_every_role_named_in_the_brief_exists():
    assert {r.value for r in Role} == {
        "practitioner",
        "dsl",
        "manager",
        "senior_manager",
        "mash",
        "analyst",
        "ig_lead",
        "administrator",
    }


def test_a_token_for_an_unknown_practitioner_is_refused():
    with pytest.raises(NotFound):
        token_create(actor=None, username="nobody")
