"""Every rule's worked examples are its tests, and every rule carries what the UI shows."""

import dataclasses
import inspect
from pathlib import Path
from types import ModuleType

import pytest

from sightline.risk.rules import (
    RULESETS,
    child_not_seen,
    non_mobile_bruising,
    not_brought,
    repeated_domestic_abuse,
    repeated_nfa,
    ruleset,
)
from sightline.risk.rules.base import Example

ALL_RULES: list[ModuleType] = sorted(
    {rule for rules in RULESETS.values() for rule in rules}, key=lambda r: r.RULE_ID
)
EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.RULE_ID}: {example.title}")
    for rule in ALL_RULES
    for example in rule.EXAMPLES
]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_worked_example(rule: ModuleType, example: Example) -> None:
    findings = rule.evaluate(example.case)
    assert [f.evidence for f in findings] == list(example.fires)
    for f in findings:
        assert (f.rule_id, f.version) == (rule.RULE_ID, rule.VERSION)
        assert f.explanation
        assert f.on <= example.case.as_of


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.RULE_ID)
def test_rule_says_who_it_is_and_why(rule: ModuleType) -> None:
    assert rule.RULE_ID and rule.VERSION >= 1 and rule.TITLE
    assert len(rule.RATIONALE) > 80
    # A worked example where it fires and one where it does not.
    assert any(example.fires for example in rule.EXAMPLES)
    assert any(not example.fires for example in rule.EXAMPLES)


def test_rule_ids_are_unique_in_each_ruleset() -> None:
    for rules in RULESETS.values():
        ids = [rule.RULE_ID for rule in rules]
        assert len(ids) == len(set(ids))


def test_an_unknown_ruleset_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="no rule set '1999'"):
        ruleset("1999")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.RULE_ID)
def test_thresholds_are_named_parameters(rule: ModuleType) -> None:
    assert dataclasses.is_dataclass(rule.PARAMETERS)
    assert isinstance(rule.PARAMETERS, rule.Parameters)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.PARAMETERS.__setattr__(dataclasses.fields(rule.PARAMETERS)[0].name, 0)
    default = inspect.signature(rule.evaluate).parameters["parameters"].default
    assert default is rule.PARAMETERS


def test_the_current_rule_set_covers_the_case_review_themes() -> None:
    assert len(ruleset()) >= 12


def _first_firing(rule: ModuleType) -> Example:
    example: Example = next(example for example in rule.EXAMPLES if example.fires)
    return example


@pytest.mark.parametrize(
    ("rule", "stricter"),
    [
        (repeated_domestic_abuse, {"min_incidents": 4}),
        (non_mobile_bruising, {"non_mobile_under_days": 56}),
        (child_not_seen, {"child_protection_days": 28}),
        (repeated_nfa, {"window_days": 90}),
        (not_brought, {"min_missed": 4}),
    ],
    ids=lambda value: getattr(value, "RULE_ID", ""),
)
def test_a_rule_reads_its_thresholds_from_its_parameters(
    rule: ModuleType, stricter: dict[str, int]
) -> None:
    example = _first_firing(rule)
    assert rule.evaluate(example.case, rule.PARAMETERS)
    assert rule.evaluate(example.case, dataclasses.replace(rule.PARAMETERS, **stricter)) == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.RULE_ID)
def test_each_rule_and_its_thresholds_are_documented(rule: ModuleType) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "risk-rules.md").read_text(encoding="utf-8")
    section = docs.split(f"`{rule.RULE_ID}`, version {rule.VERSION}.", 1)
    assert len(section) == 2, f"docs/risk-rules.md has no section for {rule.RULE_ID}"
    text = section[1].split("\n### ", 1)[0]
    for name in (field.name for field in dataclasses.fields(rule.PARAMETERS)):
        assert f"`{name}" in text, f"{rule.RULE_ID}: parameter {name} is not documented"
