"""A replay runs a rule only on the days that bring an entry of a kind it reads (rules/base.py:
READS), and every rule whenever the household changes: the signals are exactly those of running
every rule on every day."""

from pathlib import Path
from types import ModuleType

import pytest

from sightline.risk import rules
from sightline.risk.replay.replaying import replay_file
from sightline.synthetic.generator import generate


def _run_every_day(rule: ModuleType) -> ModuleType:
    """The rule, without saying what it reads: a replay runs it on every evaluation day."""
    copy = ModuleType(rule.__name__)
    for name in ("RULE_ID", "VERSION", "TITLE", "RATIONALE", "PARAMETERS", "evaluate"):
        setattr(copy, name, getattr(rule, name))
    return copy


def test_skipping_a_rule_on_days_without_its_entries_changes_no_signal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(persons=2_500, seed=7, out=tmp_path)
    every_day = tuple(_run_every_day(rule) for rule in rules.ruleset())
    monkeypatch.setitem(rules.RULESETS, "test.every-day", every_day)
    path, agencies = tmp_path / "records.jsonl", tmp_path / "agencies.json"

    skipping = replay_file(path=path, agencies_path=agencies)
    unskipped = replay_file(path=path, agencies_path=agencies, ruleset_name="test.every-day")

    assert len(skipping.signals) > 20
    assert {s.rule_id for s in skipping.signals} >= {"multi_agency_concerns", "child_not_seen"}
    assert skipping.signals == unskipped.signals
    assert skipping.evaluations == unskipped.evaluations
