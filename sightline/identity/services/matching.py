"""Real-time matching: a recorded person saved through a form, the API or an import is scored at
once against the records it might be, so that a referral is linked while the practitioner is
still on the page.

Splink's SQL is not run again for each record. Every recorded person has a MatchCandidate row:
the columns the blocking rules pair on (one index per rule) and its feature row. A new record's
candidates are the rows that agree with it on some rule, exactly the pairs a batch run would
compare; the trained model's weights (scoring.Scorer, which scores a pair as Splink does) score
them; and the pairs are applied as a small linkage run (runs.linkage_run_apply), so thresholds,
the review queue, human decisions and the audit trail work as for the whole store.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction
from django.db.models import Q

from sightline.core.bulk import JSONText, insert_rows
from sightline.identity.data import RunKind, RunSummary
from sightline.identity.linkage.blocking import BLOCKING_COLUMNS, rule_values
from sightline.identity.linkage.columns import FeatureRow, feature_row
from sightline.identity.linkage.data import ScoredPair
from sightline.identity.linkage.scoring import ModelMismatch, Scorer
from sightline.identity.models import LinkageModel, MatchCandidate
from sightline.identity.services.runs import linkage_run_apply_within
from sightline.records.data import IdentifyingFacts
from sightline.records.selectors import recorded_person_identifying_facts
from sightline.records.services.digests import canonical_json

if TYPE_CHECKING:
    from sightline.accounts.models import User

logger = logging.getLogger(__name__)

# Rows written to the candidate table at a time.
_WRITE_CHUNK = 5_000
_CANDIDATE_FIELDS = ("recorded_person_id", *BLOCKING_COLUMNS, "features")


@dataclass(frozen=True)
class MatchResult:
    """What matching some saved records did."""

    records: int
    # None when no model has been trained yet: the records were only made findable.
    model_version: str | None
    candidates: int  # pairs scored
    run: RunSummary | None  # None when no pair came near a match

    @property
    def linked(self) -> int:
        return self.run.linked if self.run else 0

    @property
    def queued(self) -> int:
        return self.run.queued if self.run else 0


def linkage_row(facts: IdentifyingFacts) -> dict[str, str]:
    """A recorded person in the linkage column format (docs/linkage.md)."""
    return {
        "record_id": str(facts.recorded_person_id),
        "source": facts.agency_code,
        "given_name": facts.given_name,
        "family_name": facts.family_name,
        "other_names": ";".join(" ".join(p for p in name if p) for name in facts.other_names),
        "date_of_birth": facts.date_of_birth,
        "sex": facts.sex,
        "postcode": facts.postcode,
        "address": facts.address,
        "nhs_number": facts.nhs_number,
        "upn": facts.upn,
    }


# ------------------------------------------------------------------------------ the index


def _candidate_values(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        UUID(str(row["unique_id"])),
        *(row[column] for column in BLOCKING_COLUMNS),
        JSONText(canonical_json(dict(row))),
    )


def _insert(rows: Iterable[Mapping[str, Any]]) -> int:
    written = 0
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(_candidate_values(row))
        if len(chunk) >= _WRITE_CHUNK:
            insert_rows(MatchCandidate, _CANDIDATE_FIELDS, chunk)
            written, chunk = written + len(chunk), []
    insert_rows(MatchCandidate, _CANDIDATE_FIELDS, chunk)
    return written + len(chunk)


def match_index_write(rows: Iterable[Mapping[str, Any]]) -> int:
    """Make these feature rows findable, replacing what the same records had before (one
    upsert per chunk: a single statement for the record a practitioner has just saved)."""
    rows = list(rows)
    for start in range(0, len(rows), _WRITE_CHUNK):
        MatchCandidate.objects.bulk_create(
            [_candidate(row) for row in rows[start : start + _WRITE_CHUNK]],
            update_conflicts=True,
            unique_fields=["recorded_person"],
            update_fields=[*BLOCKING_COLUMNS, "features"],
        )
    return len(rows)


def _candidate(row: Mapping[str, Any]) -> MatchCandidate:
    return MatchCandidate(
        recorded_person_id=UUID(str(row["unique_id"])),
        features=dict(row),
        **{column: row[column] for column in BLOCKING_COLUMNS},
    )


def match_index_rebuild(rows: Iterable[Mapping[str, Any]]) -> int:
    """Replace the whole index: a store linkage run has built every record's feature row."""
    with transaction.atomic():
        MatchCandidate.objects.all().delete()
        return _insert(rows)


def _candidates(row: FeatureRow) -> list[FeatureRow]:
    """The other records some blocking rule pairs this one with, as feature rows."""
    rules = rule_values(row)
    if not rules:
        return []
    agreeing = reduce(operator.or_, (Q(**values) for values in rules))
    found = MatchCandidate.objects.filter(agreeing).exclude(recorded_person_id=row["unique_id"])
    return list(found.values_list("features", flat=True))


# ---------------------------------------------------------------------------- the model

# Scorers by model id: a recorded model never changes, so one built is good for good.
_scorers: dict[UUID, Scorer] = {}
_unusable: set[UUID] = set()


def _latest_scorer() -> tuple[UUID, Scorer] | None:
    """The latest recorded model's id and its scorer; None when there is none yet, or when it
    cannot be used (it is logged: saving a record must not fail for it)."""
    latest = LinkageModel.objects.order_by("-trained_at").values_list("id", "version").first()
    if latest is None:
        return None
    model_id, version = latest
    if model_id in _unusable:
        return None
    if model_id not in _scorers:
        parameters = LinkageModel.objects.values_list("parameters", flat=True).get(id=model_id)
        try:
            _scorers[model_id] = Scorer(parameters)
        except ModelMismatch as error:
            # The record is still made findable, and the next store run (which retrains when
            # told to) links it.
            logger.warning(
                "Records are not being matched as they are saved: the latest linkage model "
                "(%s) cannot be used (%s). Run `sightline link --retrain`.",
                version,
                error,
            )
            _unusable.add(model_id)  # said once, not at every save
            return None
    return model_id, _scorers[model_id]


# ---------------------------------------------------------------------------- matching


def recorded_persons_match(
    *, actor: User | None, recorded_person_ids: Iterable[UUID]
) -> MatchResult:
    """Score saved records against every record they might be, at once, and apply the result
    as one linkage run: confident links join persons, doubtful pairs wait for review, and every
    earlier human decision holds. Until a model has been trained (`sightline link`), the records
    are only made findable for later ones."""
    ids = list(recorded_person_ids)
    records = 0
    pairs: list[ScoredPair] = []
    # No savepoint of its own: a saved record is matched inside the save's transaction, in a
    # savepoint that core.messages makes for it; an import's, in a transaction of its own.
    with transaction.atomic(savepoint=False):
        latest = _latest_scorer()
        model_id, scorer = latest if latest else (None, None)
        # An import's records a chunk at a time: each chunk is findable by the ones after it,
        # so a pair within the import is still scored, once.
        for start in range(0, len(ids), _WRITE_CHUNK):
            facts = recorded_person_identifying_facts(ids=ids[start : start + _WRITE_CHUNK])
            rows = [feature_row(linkage_row(f)) for f in facts]
            match_index_write(rows)
            records += len(rows)
            if scorer is not None:
                pairs += [scorer.score(row, other) for row in rows for other in _candidates(row)]
        if model_id is None or scorer is None:
            return MatchResult(records, None, 0, None)
        if all(scorer.decide(pair) == "none" for pair in pairs):
            return MatchResult(records, scorer.model_version, len(pairs), None)
        run = linkage_run_apply_within(
            actor=actor,
            model_id=model_id,
            thresholds=scorer.thresholds,
            pairs=pairs,
            kind=RunKind.RECORDS,
        )
    return MatchResult(records, scorer.model_version, len(pairs), run)
