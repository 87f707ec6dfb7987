"""The risk rules: one pure module per rule, and the rule sets that name which rules (at which
versions) run together. A rule set is what replay's `--rules` chooses and what every stored
signal can be traced back to through its rule's id and version."""

from collections.abc import Sequence
from types import ModuleType

from sightline.risk.rules import (
    abuse_mental_health_substances,
    child_not_seen,
    child_not_seen_alone,
    faltering_growth,
    injury_explanation,
    multi_agency_concerns,
    new_adult_violence,
    non_mobile_bruising,
    not_brought,
    parental_account_contradicted,
    repeated_domestic_abuse,
    repeated_nfa,
    repeated_referrals,
)
from sightline.risk.rules.base import Case, Finding

# Each rule set is frozen once released: changing a rule means a new VERSION in its module and
# a new rule set here, so an earlier set can still be replayed as it was.
RULESETS: dict[str, tuple[ModuleType, ...]] = {
    "2026.1": (
        multi_agency_concerns,
        repeated_domestic_abuse,
        injury_explanation,
        non_mobile_bruising,
        faltering_growth,
        not_brought,
        new_adult_violence,
        repeated_referrals,
        repeated_nfa,
        child_not_seen,
        child_not_seen_alone,
        parental_account_contradicted,
        abuse_mental_health_substances,
    ),
}
CURRENT_RULESET = "2026.1"


def ruleset(name: str = CURRENT_RULESET) -> tuple[ModuleType, ...]:
    try:
        return RULESETS[name]
    except KeyError:
        known = ", ".join(sorted(RULESETS))
        raise ValueError(f"no rule set {name!r}; the rule sets are: {known}") from None


def evaluate(case: Case, rules: Sequence[ModuleType] | None = None) -> list[Finding]:
    """Every finding of every rule on one child's case, oldest first. Live evaluation and replay
    both call this, so they cannot disagree."""
    findings = [f for rule in (rules or ruleset()) for f in rule.evaluate(case)]
    return sorted(findings, key=lambda f: (f.on, f.rule_id, f.evidence))
