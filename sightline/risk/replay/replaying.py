"""A whole replay: read and check the file, link its records, work out its households, replay
each child, in that order, timing each stage."""

import json
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import ModuleType

from sightline.agencies.data import AgencyKind
from sightline.agencies.selectors import agency_list
from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.core.memory import cycle_collection_paused
from sightline.households.derivation import eighteenth_birthday
from sightline.records.services.imports.progress import ImportProgress
from sightline.risk.replay.chronology import AgencyFacts, Chronology
from sightline.risk.replay.households import household_spells
from sightline.risk.replay.identity import persons_link
from sightline.risk.replay.reading import chronology_read
from sightline.risk.replay.results import ReplayedSignal, ReplayResult
from sightline.risk.replay.running import Setting, children_replay
from sightline.risk.rules import CURRENT_RULESET, ruleset

_KINDS = frozenset(kind.value for kind in AgencyKind)


def _agencies_file(path: Path) -> dict[str, AgencyFacts]:
    """Agencies from a JSON list of {"code", "name", "kind"} (as `sightline generate` writes)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.") from None
    except (OSError, ValueError) as error:
        raise InvalidInput([FieldProblem("agencies", f"{path.name}: {error}")]) from None
    problems: list[FieldProblem] = []
    found: dict[str, AgencyFacts] = {}
    for number, row in enumerate(rows if isinstance(rows, list) else [rows], start=1):
        if not isinstance(row, dict) or not row.get("code") or row.get("kind") not in _KINDS:
            problems.append(
                FieldProblem(
                    "agencies",
                    f"{path.name}, agency {number}: give a code, a name and a kind "
                    f"({', '.join(sorted(_KINDS))})",
                )
            )
            continue
        found[row["code"]] = AgencyFacts(row["code"], row.get("name") or row["code"], row["kind"])
    if problems:
        raise InvalidInput(problems)
    return found


def agencies_known(path: Path | None = None) -> dict[str, AgencyFacts]:
    """The agencies of `path` when given; otherwise those Sightline holds (read, never
    written). A replay needs each agency's kind: rules read what kind of agency saw what."""
    if path is not None:
        return _agencies_file(path)
    return {a.code: AgencyFacts(a.code, a.name, a.kind) for a in agency_list()}


def children_of(chronology: Chronology, person_of: Mapping[str, str], since: date) -> set[str]:
    """The persons who are children in the file's time: the subject of an event as a child, or
    born (or due) less than 18 years before its first event."""
    children = {
        person_of[record]
        for event in chronology.events
        for record, role in event.fact.subjects
        if role == "child_subject"
    }
    for record in chronology.persons.values():
        born = record.date_of_birth or record.expected_date_of_birth
        if born is not None and eighteenth_birthday(born) > since:
            children.add(person_of[record.key])
    return children


class _Stages:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        yield
        self.seconds[name] = round(time.monotonic() - started, 3)


def replay_file(
    *,
    path: Path,
    default_agency: str | None = None,
    ruleset_name: str = CURRENT_RULESET,
    as_of: date | None = None,
    agencies_path: Path | None = None,
    progress: ImportProgress | None = None,
) -> ReplayResult:
    """Replay a chronology file through a rule set, in memory. Raises InvalidInput naming every
    problem in the file (nothing is replayed), NotFound for an unknown agency or file, and
    ValueError for an unknown rule set."""
    rules = ruleset(ruleset_name)
    stages = _Stages()
    with cycle_collection_paused():
        with stages.stage("reading"):
            agencies = agencies_known(agencies_path)
            if default_agency is not None and default_agency not in agencies:
                raise NotFound(f"There is no agency with the code {default_agency!r}.")
            chronology = chronology_read(
                path, agencies=agencies, default_agency=default_agency, progress=progress
            )
        signals, evaluations, children, persons = _replay(chronology, rules, as_of, stages)
    since = min((e.fact.on for e in chronology.events), default=None)
    return ReplayResult(
        ruleset=ruleset_name,
        since=since or date.min,
        as_of=as_of or chronology.last_day() or date.min,
        signals=tuple(signals),
        records=len(chronology.persons),
        persons=persons,
        children=children,
        events=len(chronology.events),
        evaluations=evaluations,
        seconds=stages.seconds,
    )


def _replay(
    chronology: Chronology, rules: tuple[ModuleType, ...], as_of: date | None, stages: _Stages
) -> tuple[list[ReplayedSignal], int, int, int]:
    """(signals, evaluations, children, persons): link, derive households, replay each child."""
    with stages.stage("linking"):
        person_of = persons_link(chronology.persons)
    records_of: dict[str, list[str]] = defaultdict(list)
    for record, person in person_of.items():
        records_of[person].append(record)
    first = min((e.fact.on for e in chronology.events), default=None)
    last = as_of or chronology.last_day()
    if first is None or last is None or last < first:
        return [], 0, 0, len(records_of)
    children = children_of(chronology, person_of, first)
    with stages.stage("households"):
        spells = household_spells(chronology, person_of, children, since=first, until=last)
    with stages.stage("replaying"):
        setting = Setting(chronology, rules, last, dict(records_of), spells)
        signals, evaluations = children_replay(setting, children)
    return signals, evaluations, len(children), len(records_of)
