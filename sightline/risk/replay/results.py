"""What a replay found: every signal with the day it would have fired, whose it was, what it
rests on and whom it would have reached. Plain data, written out as JSON and CSV."""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sightline.risk.recipients import Addressee


@dataclass(frozen=True, slots=True)
class RecordRef:
    """One of the file's records of the child."""

    agency: str  # the agency's code
    agency_name: str
    source_reference: str
    name: str

    @property
    def text(self) -> str:
        return f"{self.agency} {self.source_reference} ({self.name})"


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """An event a signal rests on, as the file names it."""

    agency: str
    agency_name: str
    kind: str
    on: date
    source_reference: str

    @property
    def text(self) -> str:
        return f"{self.on.isoformat()} {self.agency} {self.kind} {self.source_reference}"


@dataclass(frozen=True, slots=True)
class LaterEvidence:
    """Evidence found after the signal fired, while it was still open: it would have been
    added to the signal, not raised as a new one."""

    added_on: date
    evidence: tuple[EvidenceRef, ...]
    explanation: str


@dataclass(frozen=True)
class ReplayedSignal:
    fired_on: date
    child: tuple[RecordRef, ...]  # the file's records of the child
    rule_id: str
    version: int
    title: str
    evidence: tuple[EvidenceRef, ...]  # oldest first
    explanation: str
    reached: tuple[Addressee, ...]
    later: tuple[LaterEvidence, ...] = ()


@dataclass(frozen=True)
class ReplayResult:
    ruleset: str
    since: date  # the day of the file's first event
    as_of: date
    signals: tuple[ReplayedSignal, ...]  # by the day they fired
    records: int  # recorded persons in the file
    persons: int  # the persons replay linked them into
    children: int
    events: int
    evaluations: int  # times the rules were run over a child's case
    seconds: dict[str, float] = field(default_factory=dict)  # stage → seconds


# ------------------------------------------------------------------------------ writing


def _addressee(addressee: Addressee) -> dict[str, str]:
    return {
        "basis": addressee.basis.value,
        "description": addressee.description,
        "agency": addressee.agency,
    }


def _evidence(evidence: EvidenceRef) -> dict[str, str]:
    return {
        "agency": evidence.agency,
        "agency_name": evidence.agency_name,
        "kind": evidence.kind,
        "date": evidence.on.isoformat(),
        "source_reference": evidence.source_reference,
    }


def signal_json(signal: ReplayedSignal) -> dict[str, Any]:
    return {
        "fired_on": signal.fired_on.isoformat(),
        "child": [
            {
                "agency": r.agency,
                "agency_name": r.agency_name,
                "source_reference": r.source_reference,
                "name": r.name,
            }
            for r in signal.child
        ],
        "rule_id": signal.rule_id,
        "version": signal.version,
        "title": signal.title,
        "evidence": [_evidence(e) for e in signal.evidence],
        "explanation": signal.explanation,
        "reached": [_addressee(a) for a in signal.reached],
        "later_evidence": [
            {
                "added_on": later.added_on.isoformat(),
                "evidence": [_evidence(e) for e in later.evidence],
                "explanation": later.explanation,
            }
            for later in signal.later
        ],
    }


def result_json(result: ReplayResult) -> dict[str, Any]:
    return {
        "ruleset": result.ruleset,
        "since": result.since.isoformat(),
        "as_of": result.as_of.isoformat(),
        "signals": [signal_json(s) for s in result.signals],
        "replayed": {
            "events": result.events,
            "records": result.records,
            "persons": result.persons,
            "children": result.children,
            "evaluations": result.evaluations,
            "seconds": result.seconds,
        },
    }


CSV_COLUMNS = (
    "fired_on",
    "child",
    "rule_id",
    "version",
    "title",
    "evidence",
    "explanation",
    "reached",
    "later_evidence",
)


def signal_row(signal: ReplayedSignal) -> dict[str, str]:
    """One CSV row: lists joined with "; ", each item as the table prints it."""
    return {
        "fired_on": signal.fired_on.isoformat(),
        "child": "; ".join(r.text for r in signal.child),
        "rule_id": signal.rule_id,
        "version": str(signal.version),
        "title": signal.title,
        "evidence": "; ".join(e.text for e in signal.evidence),
        "explanation": signal.explanation,
        "reached": "; ".join(a.description for a in signal.reached),
        "later_evidence": "; ".join(
            f"{later.added_on.isoformat()}: " + ", ".join(e.text for e in later.evidence)
            for later in signal.later
        ),
    }


def result_write(result: ReplayResult, directory: Path) -> tuple[Path, Path]:
    """signals.json and signals.csv in `directory` (made if missing): the same signals."""
    directory.mkdir(parents=True, exist_ok=True)
    json_path, csv_path = directory / "signals.json", directory / "signals.csv"
    json_path.write_text(
        json.dumps(result_json(result), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(signal_row(s) for s in result.signals)
    csv_path.write_text(text.getvalue(), encoding="utf-8", newline="")
    return json_path, csv_path
