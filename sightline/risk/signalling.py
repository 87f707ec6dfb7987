"""Which findings become new signals, and which only add evidence to a signal already raised.
Pure Python, shared by live evaluation and replay.

Rules are evaluated again over the whole chronology each time something arrives, so the same
pattern is found again and again as it grows. A finding whose evidence was all cited before says
nothing new. A finding with new evidence adds it to the rule's signal if that signal is still
live (open or acknowledged) and has had evidence within `QUIET_DAYS`: the people told already
have it in front of them. Otherwise it is a new signal: the earlier one was dismissed or
actioned, or went quiet long enough that this is a new episode.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sightline.risk.rules.base import Finding

QUIET_DAYS = 180


@dataclass(frozen=True)
class Raised:
    """A signal already raised for the child, as the triage needs it."""

    key: str  # the signal's id
    rule_id: str
    evidence: frozenset[str]
    last_on: date  # the day of its newest evidence
    live: bool  # open or acknowledged; False once actioned or dismissed


@dataclass(frozen=True)
class NewSignal:
    finding: Finding


@dataclass(frozen=True)
class MoreEvidence:
    key: str
    finding: Finding
    added: tuple[str, ...]  # evidence not cited before, oldest first


Outcome = NewSignal | MoreEvidence


def triage(
    findings: Iterable[Finding], raised: Sequence[Raised], *, quiet_days: int = QUIET_DAYS
) -> list[Outcome]:
    """What to do with each finding, taken oldest first, given the signals already raised. A new
    signal's key is `new:<n>` until it is stored; later findings may add to it."""
    state = list(raised)
    outcomes: list[Outcome] = []
    for found in sorted(findings, key=lambda f: (f.on, f.rule_id, f.evidence)):
        same_rule = [signal for signal in state if signal.rule_id == found.rule_id]
        cited = frozenset().union(*(signal.evidence for signal in same_rule))
        added = tuple(e for e in found.evidence if e not in cited)
        if not added:
            continue
        recent = found.on - timedelta(days=quiet_days)
        live = [s for s in same_rule if s.live and s.last_on >= recent]
        if live:
            target = max(live, key=lambda s: s.last_on)
            outcomes.append(MoreEvidence(target.key, found, added))
            state[state.index(target)] = replace(
                target,
                evidence=target.evidence | set(added),
                last_on=max(target.last_on, found.on),
            )
        else:
            key = f"new:{len(outcomes)}"
            outcomes.append(NewSignal(found))
            state.append(Raised(key, found.rule_id, frozenset(found.evidence), found.on, True))
    return outcomes
