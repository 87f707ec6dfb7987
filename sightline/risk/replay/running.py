"""Replaying each child's chronology day by day through the rules.

For each child the case is built as live evaluation builds it (cases.case_of): every event about
any of the child's records, and the events of the household kinds about the adults living with
the child on the day, whenever those happened. The rules run on each day one of the child's
entries happened, on each day the household changed, and every seven days while the child is
open to a service (for the rules about time passing), up to the as-of day. The triage decides,
as live, which findings are new signals and which add evidence to one already raised; in a
replay nobody responds, so every signal stays live.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import ModuleType

from sightline.risk.cases import (
    HOUSEHOLD_KINDS,
    SPAN_KINDS,
    EventFact,
    TieFact,
    birth_day_of,
    case_of,
    spans_on,
)
from sightline.risk.recipients import Allocation, FrontDoor, addressees
from sightline.risk.replay.chronology import Chronology, EventRecord, TieRecord
from sightline.risk.replay.households import Spell
from sightline.risk.replay.results import EvidenceRef, LaterEvidence, RecordRef, ReplayedSignal
from sightline.risk.replay.workers import shared, shared_out
from sightline.risk.rules import evaluate
from sightline.risk.rules.base import Case, Finding
from sightline.risk.signalling import MoreEvidence, Raised, triage

TICK_DAYS = 7  # how often time is looked at while a child is open to a service
# A restricted entry stays with its agency: rules do not read it, live or in a replay.
_UNREAD_SENSITIVITY = "restricted"
_CHILDREN_SOCIAL_CARE = "childrens_social_care"
# Children handed to a worker process at a time.
_CHUNK = 500
PARALLEL_FROM = 2_000


@dataclass
class Setting:
    """Everything a child's replay reads, worked out once before the children are shared out."""

    chronology: Chronology
    rules: tuple[ModuleType, ...]
    as_of: date
    records_of: dict[str, list[str]]  # person → its record keys
    spells: dict[str, list[Spell]]  # child person → household adults, spell by spell
    events_of: dict[str, list[int]] = field(default_factory=dict)  # record → event indices
    # record → indices of its events of the household kinds (those an adult brings to a case)
    household_events_of: dict[str, list[int]] = field(default_factory=dict)
    ties_of: dict[str, list[TieRecord]] = field(default_factory=dict)  # record → its spans
    social_care: list[str] = field(default_factory=list)  # the file's front doors, by code
    # Each rule with the kinds of entry it reads (None: any; a rule that does not say may read
    # anything), and whether the days passing and the spans of service leave its findings as
    # they were: rules/base.py, READS and TIMELESS.
    reads: list[tuple[ModuleType, frozenset[str] | None, bool]] = field(default_factory=list)
    # The rules to run on a day that brings these kinds of entry: the same few sets come again
    # and again (a day brings one or two kinds).
    _rules_for: dict[frozenset[str], list[ModuleType]] = field(default_factory=dict)

    def rules_for(self, arrived: frozenset[str] | None) -> list[ModuleType]:
        """The rules to run on a day that brings entries of the `arrived` kinds (None: the
        household changed, so every rule). A rule none of whose kinds arrived, or a timeless
        rule on a day that brings no entry, finds what it found the day before, all of it cited
        already (rules/base.py: READS, TIMELESS): the triage would make nothing of it."""
        if arrived is None:
            return list(self.rules)
        found = self._rules_for.get(arrived)
        if found is None:
            found = self._rules_for[arrived] = [
                rule for rule, reads, timeless in self.reads if _runs(reads, timeless, arrived)
            ]
        return found

    def __post_init__(self) -> None:
        events_of: dict[str, list[int]] = defaultdict(list)
        for index, event in enumerate(self.chronology.events):
            if event.sensitivity == _UNREAD_SENSITIVITY or event.fact.on > self.as_of:
                continue
            for record, _ in event.fact.subjects:
                events_of[record].append(index)
        ties_of: dict[str, list[TieRecord]] = defaultdict(list)
        for tie in self.chronology.ties:
            if tie.kind in SPAN_KINDS:
                ties_of[tie.person].append(tie)
        self.events_of, self.ties_of = dict(events_of), dict(ties_of)
        events = self.chronology.events
        self.household_events_of = {
            record: chosen
            for record, indices in self.events_of.items()
            if (chosen := [i for i in indices if events[i].fact.kind in HOUSEHOLD_KINDS])
        }
        self.reads = [
            (rule, getattr(rule, "READS", None), getattr(rule, "TIMELESS", False))
            for rule in self.rules
        ]
        self.social_care = sorted(
            code for code, a in self.chronology.agencies.items() if a.kind == _CHILDREN_SOCIAL_CARE
        )


def _runs(reads: frozenset[str] | None, timeless: bool, arrived: frozenset[str]) -> bool:
    """Whether a rule that reads these kinds (None: every kind) can find anything new on a day
    that brings entries of the `arrived` kinds (none: a day looked at for the time passing)."""
    if reads is not None:
        return not reads.isdisjoint(arrived)
    return bool(arrived) or not timeless


def _adults_on(spells: Sequence[Spell], day: date) -> frozenset[str]:
    for spell in spells:
        if spell.start <= day and (spell.end is None or day < spell.end):
            return spell.adults
    return frozenset()


def _ticks(ties: Iterable[TieRecord], until: date) -> set[date]:
    """Every TICK_DAYS while any of the ties is open, counted from the start of each stretch of
    days on which one is (overlapping allocations, episodes and plans share their ticks)."""
    days: set[date] = set()
    stretch: tuple[date, date] | None = None
    for start, end in sorted((t.start, min(t.end or until, until)) for t in ties):
        if stretch is not None and start <= stretch[1] + timedelta(days=1):
            stretch = (stretch[0], max(stretch[1], end))
            continue
        if stretch is not None:
            days |= _every_tick(*stretch)
        stretch = (start, end)
    if stretch is not None:
        days |= _every_tick(*stretch)
    return days


def _every_tick(start: date, end: date) -> set[date]:
    count = (end - start).days // TICK_DAYS + 1 if end >= start else 0
    return {start + timedelta(days=TICK_DAYS * n) for n in range(count)}


@dataclass
class _Signal:
    """A signal as it grows during the replay."""

    key: str
    fired_on: date
    finding: Finding
    evidence: set[str]
    last_on: date
    later: list[LaterEvidence] = field(default_factory=list)


class _ChildReplay:
    def __init__(self, setting: Setting, person: str) -> None:
        self.setting = setting
        self.records = sorted(setting.records_of[person])
        self.spells = setting.spells.get(person, [])
        events = setting.chronology.events
        own = {i for r in self.records for i in setting.events_of.get(r, ())}
        adults = {r for spell in self.spells for r in spell.adults}
        theirs = {i for r in adults for i in setting.household_events_of.get(r, ())}
        chosen = sorted(own | theirs)  # events are in date order, so their indices are too
        self.facts: list[EventFact] = [events[i].fact for i in chosen]
        self.days = [fact.on for fact in self.facts]
        self.by_id: dict[str, EventRecord] = {events[i].fact.id: events[i] for i in chosen}
        self.entry_days = {events[i].fact.on for i in own}
        self.adult_days = {
            events[i].fact.on
            for i in theirs - own
            if any(
                r in _adults_on(self.spells, events[i].fact.on) for r, _ in events[i].fact.subjects
            )
        }
        self.ties = [t for r in self.records for t in setting.ties_of.get(r, ())]
        persons = setting.chronology.persons
        births = [
            birth_day_of(persons[r].date_of_birth, persons[r].date_of_birth_precision)
            for r in self.records
        ]
        self.born = min((b for b in births if b is not None), default=None)
        self.signals: list[_Signal] = []
        self.evaluations = 0

    def evaluation_days(self) -> list[date]:
        as_of = self.setting.as_of
        days = self.entry_days | self.adult_days
        days |= {s.start for s in self.spells}
        days |= _ticks(self.ties, as_of)
        first = min(self.days, default=None)
        spans = min((t.start for t in self.ties), default=None)
        start = min(d for d in (first, spans) if d is not None) if (first or spans) else as_of
        return sorted(d for d in days if start <= d <= as_of)

    def cases(self) -> Iterator[tuple[Case, frozenset[str] | None]]:
        """The child's case on each evaluation day, as case_of() builds it, with the kinds of
        entry it holds that the case before it did not (None: the household changed, so any
        entry may have come or gone). case_of() runs once for each stretch of days with the
        same household adults, up to its last day; the case of an earlier day in the stretch is
        that case cut at the day, because case_of() keeps the items of every event up to as_of,
        in date order, whatever as_of is."""
        ties = [TieFact(t.kind, t.start, t.end, t.details) for t in self.ties]
        child_records = frozenset(self.records)
        days = self.evaluation_days()
        start = 0
        while start < len(days):
            adults = _adults_on(self.spells, days[start])
            end = start + 1
            while end < len(days) and _adults_on(self.spells, days[end]) == adults:
                end += 1
            last = days[end - 1]
            whole = case_of(
                as_of=last,
                date_of_birth=self.born,
                child_records=child_records,
                adults={r: [(date.min, None)] for r in adults},
                events=self.facts[: bisect_right(self.days, last)],
                ties=ties,
            )
            item_days = [item.on for item in whole.items]
            cut: int | None = None
            for day in days[start:end]:
                spans = whole.spans if day == last else spans_on(ties, day)
                upto = bisect_right(item_days, day)
                arrived = (
                    None if cut is None else frozenset(item.kind for item in whole.items[cut:upto])
                )
                yield (
                    Case(as_of=day, date_of_birth=self.born, items=whole.items[:upto], spans=spans),
                    arrived,
                )
                cut = upto
            start = end

    def run(self) -> list[ReplayedSignal]:
        previous = date.min
        for case, arrived in self.cases():
            if not case.items and not case.spans:
                continue
            self.evaluations += 1
            rules = self.setting.rules_for(arrived)
            findings = evaluate(case, rules) if rules else []
            if findings:
                self._triage(findings, case.as_of, previous)
            previous = case.as_of
        return [self._signal(s) for s in self.signals]

    def _triage(self, findings: list[Finding], day: date, previous: date) -> None:
        raised = [
            Raised(s.key, s.finding.rule_id, frozenset(s.evidence), s.last_on, True)
            for s in self.signals
        ]
        new_keys: dict[str, _Signal] = {}
        for index, outcome in enumerate(triage(findings, raised)):
            found = outcome.finding
            if isinstance(outcome, MoreEvidence):
                signal = new_keys.get(outcome.key) or next(
                    s for s in self.signals if s.key == outcome.key
                )
                signal.evidence.update(outcome.added)
                signal.last_on = max(signal.last_on, found.on)
                added_on = found.on if found.on > previous else day
                signal.later.append(
                    LaterEvidence(added_on, self._evidence(outcome.added), found.explanation)
                )
                continue
            # A finding dated after the last look is news on its own day (time ran out then);
            # one dated earlier was not found then, and is news on the day it was found.
            fired = found.on if found.on > previous else day
            signal = _Signal(f"s{len(self.signals)}", fired, found, set(found.evidence), found.on)
            self.signals.append(signal)
            new_keys[f"new:{index}"] = signal

    def _evidence(self, ids: Iterable[str]) -> tuple[EvidenceRef, ...]:
        agencies = self.setting.chronology.agencies
        found = []
        for id_ in ids:
            event = self.by_id[id_]
            agency = event.fact.agency
            found.append(
                EvidenceRef(
                    agency, agencies[agency].name, event.fact.kind, event.fact.on, event.reference
                )
            )
        return tuple(found)

    def _front_door(self) -> FrontDoor:
        chronology = self.setting.chronology
        own = {chronology.persons[r].agency for r in self.records}
        codes = [c for c in self.setting.social_care if c in own] or self.setting.social_care
        if not codes:
            return FrontDoor("", "")
        return FrontDoor(codes[0], chronology.agencies[codes[0]].name)

    def _signal(self, signal: _Signal) -> ReplayedSignal:
        chronology = self.setting.chronology
        agencies = chronology.agencies
        allocations = [
            Allocation(t.agency, agencies[t.agency].name, t.worker, t.worker_name)
            for t in self.ties
            if t.kind == "worker_allocation" and t.open_on(signal.fired_on)
        ]
        rule = next(r for r in self.setting.rules if signal.finding.rule_id == r.RULE_ID)
        child = tuple(
            RecordRef(p.agency, agencies[p.agency].name, p.reference, p.name)
            for p in (chronology.persons[r] for r in self.records)
        )
        return ReplayedSignal(
            fired_on=signal.fired_on,
            child=child,
            rule_id=signal.finding.rule_id,
            version=signal.finding.version,
            title=rule.TITLE,
            evidence=self._evidence(signal.finding.evidence),
            explanation=signal.finding.explanation,
            reached=tuple(addressees(allocations, self._front_door())),
            later=tuple(signal.later),
        )


# ------------------------------------------------------------------ sharing out the work


def _replay_chunk(children: list[str]) -> tuple[list[ReplayedSignal], int]:
    setting: Setting = shared()
    signals: list[ReplayedSignal] = []
    evaluations = 0
    for person in children:
        child = _ChildReplay(setting, person)
        signals += child.run()
        evaluations += child.evaluations
    return signals, evaluations


def children_replay(setting: Setting, children: Iterable[str]) -> tuple[list[ReplayedSignal], int]:
    """Every signal of every child, and how many times the rules ran."""
    ordered = sorted(children)
    chunks = [ordered[start : start + _CHUNK] for start in range(0, len(ordered), _CHUNK)]
    parallel = len(ordered) >= PARALLEL_FROM
    results = list(shared_out(_replay_chunk, chunks, setting, parallel=parallel))
    signals = [s for found, _ in results for s in found]
    signals.sort(
        key=lambda s: (s.fired_on, s.child[0].agency, s.child[0].source_reference, s.rule_id)
    )
    return signals, sum(evaluations for _, evaluations in results)
