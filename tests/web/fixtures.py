"""Recorded people and events for page and browser tests, through the real services."""

import re

import pytest

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
