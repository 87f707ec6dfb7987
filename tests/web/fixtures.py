"""Recorded people and events for page and browser tests, through the real services."""

import re

import pytest
from django.test import Client

from sightline.records.services import event_record, recorded_person_create
from tests.records.factories import injury_raw, person_raw


@pytest.fixture
def child(dsl, dsl_scope, school):
    result = recorded_person_create(
        actor=dsl, scope=dsl_scope, agency_id=school.id, raw=person_raw()
    )
    return result.record_id


@pytest.fixture
def injury(dsl, dsl_scope, school, child):
    result = event_record(actor=dsl, scope=dsl_scope, agency_id=school.id, raw=injury_raw())
    return result.record_id


def without_secrets(html: bytes) -> str:
    """The page without its per-response nonce and CSRF token."""
    return re.sub(r'(nonce|value)="[^"]*"', "", html.decode())


def signed_in(user, *, csrf: bool = False) -> Client:
    """A browser signed in as `user` (checking CSRF tokens as a real browser's posts must carry
    them, with `csrf`)."""
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client
