"""Recorded persons, models and scored pairs for identity tests, through the real services.

Scored pairs are written by hand: these tests are about what the store does with a run's
answer, not about how the engine scores (tests/identity/linkage covers that).
"""

import itertools
from datetime import UTC, datetime

from sightline.agencies.selectors import scope_for_user
from sightline.identity.linkage.data import FieldContribution, ScoredPair, Thresholds
from sightline.identity.services import linkage_model_record, linkage_run_apply
from sightline.records.services import recorded_person_create
from tests.records.factories import person_raw

THRESHOLDS = Thresholds(upper=10.0, lower=2.0)
PRIOR = -8.0
_references = itertools.count(1)


def contributions_for(weight: float, left: str = "Daniel", right: str = "Danny"):
    """A plausible explanation that adds up, with the prior, to `weight`."""
    given = weight - PRIOR - 12.0
    return (
        FieldContribution("given_name", "nickname of", given, left, right),
        FieldContribution("family_name", "exact", 7.5, "Łuczak", "Luczak"),
        FieldContribution("date_of_birth", "exact", 6.0, "2008-07-15", "2008-07-15"),
        FieldContribution("postcode", "different", -1.5, "CV1 1AA", "CV2 2BB"),
        FieldContribution("nhs_number", "missing", 0.0, None, None),
    )


def scored(left, right, weight: float, conflict: str | None = None) -> ScoredPair:
    probability = 2**weight / (1 + 2**weight)
    return ScoredPair(
        left_id=str(left),
        right_id=str(right),
        match_weight=weight,
        match_probability=probability,
        contributions=contributions_for(weight),
        conflict=conflict,
    )


def record_person(practitioner, agency, **overrides):
    """A recorded person held by `agency`, recorded by one of its practitioners."""
    overrides.setdefault("source_reference", f"P-{next(_references):05d}")
    overrides.setdefault("identifiers", {})
    scope = scope_for_user(user_id=practitioner.pk)
    result = recorded_person_create(
        actor=practitioner, scope=scope, agency_id=agency.id, raw=person_raw(**overrides)
    )
    return result.record_id


def record_model(version: str = "test-model-1"):
    return linkage_model_record(
        actor=None,
        version=version,
        parameters={"comparisons": ["given_name", "family_name"], "prior": PRIOR},
        trained_at=datetime(2024, 3, 1, tzinfo=UTC),
        summary={"records": 4},
    )


def apply_run(*pairs: ScoredPair, thresholds: Thresholds = THRESHOLDS, version="test-model-1"):
    return linkage_run_apply(
        actor=None, model_version=version, thresholds=thresholds, pairs=list(pairs)
    )
