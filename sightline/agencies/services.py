"""Agencies, teams and practitioners: each write in one transaction with its audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from sightline.accounts.data import IssuedToken
from sightline.accounts.selectors import user_get_by_username
from sightline.accounts.services import api_token_insert, user_insert
from sightline.agencies.data import AgencyKind, Role
from sightline.agencies.models import Agency, Membership, Team
from sightline.audit.data import AuditAction
from sightline.audit.services import audit_record
from sightline.core.exceptions import NotFound


@transaction.atomic
def agency_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: AgencyKind | str,
    local_authority_code: str = "",
    external_reference: str = "",
) -> Agency:
    agency = Agency(
        code=code,
        name=name,
        kind=kind,
        local_authority_code=local_authority_code,
        external_reference=external_reference,
    )
    agency.full_clean()
    agency.save()
    audit_record(
        actor=actor,
        action=AuditAction.AGENCY_CREATED,
        subject=agency,
        agency_id=agency.id,
        payload={"code": agency.code, "kind": agency.kind},
    )
    return agency


@transaction.atomic
def team_create(*, actor: User | None, agency: Agency, name: str) -> Team:
    team = Team(agency=agency, name=name)
    team.full_clean()
    team.save()
    audit_record(
        actor=actor,
        action=AuditAction.TEAM_CREATED,
        subject=team,
        agency_id=agency.id,
        payload={"agency_id": agency.id},
    )
    return team


@transaction.atomic
def practitioner_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    display_name: str,
    agency: Agency,
    role: Role | str,
    team: Team | None = None,
    email: str = "",
) -> User:
    """A practitioner's sign-in and their membership of one agency, in one role."""
    user = user_insert(username=username, password=password, display_name=display_name, email=email)
    audit_record(
        actor=actor,
        action=AuditAction.PRACTITIONER_CREATED,
        subject=user,
        agency_id=agency.id,
        payload={"user_uuid": user.uuid},
    )
    membership_create(actor=actor, user=user, agency=agency, role=role, team=team)
    return user


@transaction.atomic
def membership_create(
    *, actor: User | None, user: User, agency: Agency, role: Role | str, team: Team | None = None
) -> Membership:
    membership = Membership(user=user, agency=agency, role=role, team=team)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_CREATED,
        subject=membership,
        agency_id=agency.id,
        payload={"agency_id": agency.id, "role": membership.role},
    )
    return membership


if TYPE_CHECKING:
    from sightline.accounts.models import User


@transaction.atomic
def token_create(*, actor: User | None, username: str) -> IssuedToken:
    """Issue a practitioner's API bearer token; the secret is shown once and stored hashed."""
    user = user_get_by_username(username=username)
    if user is None or not user.is_active:
        raise NotFound(f"There is no active practitioner with the username {username!r}.")
    token, issued = api_token_insert(user=user)
    audit_record(
        actor=actor,
        action=AuditAction.TOKEN_CREATED,
        subject=token,
        payload={"user_uuid": user.uuid},
    )
    return issued


@transaction.atomic
def sign_in_record(*, user: User) -> None:
    """Audit a practitioner's successful sign-in (the session itself is Django's)."""
    audit_record(actor=user, action=AuditAction.SIGNED_IN, subject=user)
