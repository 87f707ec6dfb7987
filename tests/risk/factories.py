"""A child known to a school and the police, and the front door that hears of them: built
through the real services for the live risk tests."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest

from sightline.agencies.selectors import scope_for_user
from sightline.core import clock
from sightline.records.services import event_record, relationship_record
from tests.identity.factories import record_person
from tests.notifications.factories import link


def days_ago(days: int) -> str:
    return (clock.now() - timedelta(days=days)).isoformat(timespec="minutes")


def concern_raw(reference: str, child: str, days: int, **overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "source_reference": reference,
        "kind": "concern",
        "occurred_at": days_ago(days),
        "summary": "Worried about the child.",
        "subjects": [{"person": child, "role": "child_subject"}],
        "child_seen": "yes",
        "child_seen_alone": "no:not_planned",
        "child_voice": "not_applicable",
        "interpreter": "not_applicable",
        "details": {"categories": ["neglect"]},
    }
    raw.update(overrides)
    return raw


def record(practitioner: Any, agency: Any, raw: dict[str, Any]) -> UUID:
    scope = scope_for_user(user_id=practitioner.pk)
    return event_record(actor=practitioner, scope=scope, agency_id=agency.id, raw=raw).record_id


@dataclass
class Child:
    school_record: UUID
    police_record: UUID
    agencies: dict[str, Any]
    staff: dict[str, Any]

    def concern(self, where: str, reference: str, days: int, **overrides: Any) -> UUID:
        reporter = self.staff["dsl" if where == "school" else "officer"]
        return record(
            reporter, self.agencies[where], concern_raw(reference, "C-1", days, **overrides)
        )

    def allocate(self, worker: Any) -> None:
        csc = self.agencies["csc"]
        social = record_person(
            self.staff["social_worker"], csc, source_reference="C-1", given_name="Ava",
            family_name="Stone", date_of_birth="2017-02-03",
        )  # fmt: skip
        link(self.school_record, self.police_record, social)
        relationship_record(
            actor=self.staff["social_worker"],
            scope=scope_for_user(user_id=self.staff["social_worker"].pk),
            agency_id=csc.id,
            raw={
                "kind": "worker_allocation",
                "person": "C-1",
                "start": days_ago(200)[:10],
                "worker": worker.username,
            },
        )


@pytest.fixture
def child(school, police, dsl, make_agency, make_practitioner) -> Child:
    csc = make_agency("childrens_social_care", code="csc", name="Test Children's Services")
    staff = {
        "dsl": dsl,
        "officer": make_practitioner(police, "practitioner", username="officer"),
        "mash": make_practitioner(csc, "mash", username="mash"),
        "csc_manager": make_practitioner(csc, "manager", username="csc-manager"),
        "social_worker": make_practitioner(csc, "practitioner", username="social-worker"),
    }
    facts = {"given_name": "Ava", "family_name": "Stone", "date_of_birth": "2017-02-03"}
    school_record = record_person(dsl, school, source_reference="C-1", **facts)
    police_record = record_person(staff["officer"], police, source_reference="C-1", **facts)
    link(school_record, police_record)
    relationship_record(
        actor=dsl,
        scope=scope_for_user(user_id=dsl.pk),
        agency_id=school.id,
        raw={"kind": "school_enrolment", "person": "C-1", "start": "2022-09-01"},
    )
    return Child(
        school_record, police_record, {"school": school, "police": police, "csc": csc}, staff
    )
