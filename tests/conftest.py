"""Fixtures shared by every test package: agencies, practitioners and their scopes.

They go through the real services, so every fixture row has its audit entry, as in use.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from sightline.agencies.selectors import scope_for_user
from sightline.agencies.services import agency_create, practitioner_create
from sightline.core.scope import Scope
from tests.assessments.flushing import _assessment_guards_lifted_for_the_flush

# Every test that commits ends with a flush of every table, assessment tables included.
__all__ = ["_assessment_guards_lifted_for_the_flush"]

PASSWORD = "a-long-test-password-1"

# How long one generated example takes is no behaviour of Sightline's, and on a shared machine it
# varies by several times: no deadline, so a property fails only when the property does.
hypothesis_settings.register_profile("sightline", deadline=None)
hypothesis_settings.load_profile("sightline")


@pytest.fixture(autouse=True)
def _checkpoints_in_tmp(settings, tmp_path: Path) -> None:
    """Each test writes its audit checkpoints to its own file."""
    settings.AUDIT_CHECKPOINT_PATH = tmp_path / "audit-checkpoints.jsonl"


@pytest.fixture
def make_agency(db) -> Callable[..., object]:
    counter = iter(range(1, 10_000))

    def make(kind: str = "school", code: str | None = None, name: str | None = None):
        number = next(counter)
        return agency_create(
            actor=None,
            code=code or f"{kind.replace('_', '-')}-{number}",
            name=name or f"Test {kind.replace('_', ' ')} {number}",
            kind=kind,
            local_authority_code="201",
        )

    return make


@pytest.fixture
def make_practitioner(db) -> Callable[..., object]:
    counter = iter(range(1, 10_000))

    def make(agency, role: str = "practitioner", username: str | None = None):
        number = next(counter)
        return practitioner_create(
            actor=None,
            username=username or f"{role}-{number}",
            password=PASSWORD,
            display_name=f"Test {role} {number}",
            agency=agency,
            role=role,
        )

    return make


@pytest.fixture
def school(make_agency):
    return make_agency("school", code="oak-primary", name="Oak Primary School")


@pytest.fixture
def police(make_agency):
    return make_agency("police", code="west-mids-police", name="West Midlands Police")


@pytest.fixture
def dsl(make_practitioner, school):
    return make_practitioner(school, role="dsl", username="dsl")


@pytest.fixture
def dsl_scope(dsl) -> Scope:
    return scope_for_user(user_id=dsl.pk)
