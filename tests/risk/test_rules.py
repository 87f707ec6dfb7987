"""Every rule's worked examples are its tests, and every rule carries what the UI shows."""

from types import ModuleType

import pytest

from sightline.risk.rules import RULESETS, ruleset
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
