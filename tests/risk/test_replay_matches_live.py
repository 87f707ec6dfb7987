"""Replay and live evaluation call the same evaluate(): the same chronology gives the same signals,
whether it is replayed from a file in memory or imported and evaluated day by day as it arrives."""

from datetime import date
from pathlib import Path

import pytest

from sightline.households.services import households_derive
from sightline.records.models import Event, EventVersion, RecordedPerson
from sightline.records.services.imports import import_file
from sightline.risk.replay import replay_file
from sightline.risk.rules import CURRENT_RULESET
from sightline.risk.selectors import signal_list_for_child
from sightline.risk.services import risk_evaluate_child
from tests.notifications.factories import link
from tests.records.test_imports import jsonl
from tests.risk.test_replay import case_agencies, chronology

__all__ = ["case_agencies"]

pytestmark = pytest.mark.django_db

Signal = tuple[str, date, tuple[tuple[str, str], ...]]


def replayed(path: Path) -> set[Signal]:
    result = replay_file(path=path, ruleset_name=CURRENT_RULESET)
    found = set()
    for signal in result.signals:
        evidence = {(e.agency, e.source_reference) for e in signal.evidence}
        evidence |= {
            (e.agency, e.source_reference) for later in signal.later for e in later.evidence
        }
        found.add((signal.rule_id, signal.fired_on, tuple(sorted(evidence))))
    return found


def lived(path: Path, settings) -> set[Signal]:
    """Import the file with nothing evaluated on arrival, link the child's records and work out
    the household as Sightline would, then evaluate the child on each day something happened,
    in order, as if each day's events had just arrived."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    import_file(actor=None, path=path, default_agency_code=None)
    children = list(
        RecordedPerson.objects.exclude(source_reference="POL-M1").values_list("id", flat=True)
    )
    link(*children)
    households_derive(actor=None)
    days = sorted({v.occurred_at.date() for v in EventVersion.objects.all()})
    for day in days:
        risk_evaluate_child(recorded_person_id=children[0], today=day)
    events = {
        e.id: (e.agency.code, e.source_reference) for e in Event.objects.select_related("agency")
    }
    return {
        (s.rule_id, s.fired_on, tuple(sorted({events[e] for e in s.evidence_events})))
        for s in signal_list_for_child(recorded_person_ids=children[:1])
    }


def test_replay_and_live_evaluation_raise_the_same_signals(case_agencies, tmp_path, settings):
    path = jsonl(tmp_path, chronology(allocated=False))

    from_replay = replayed(path)
    from_live = lived(path, settings)

    assert len(from_replay) >= 2  # more than one rule fires on this chronology
    assert from_live == from_replay
