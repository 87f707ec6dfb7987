"""The linkage engine: a Splink (Fellegi-Sunter) model on DuckDB. The only module that imports
DuckDB, and with spark_engine.py (the same model scored on Apache Spark) the only ones that
import Splink.

One `LinkageRun` holds one in-memory DuckDB database: records go in (from a CSV file or as
rows), their feature columns are built once per distinct value (columns.py), a model is trained
from scratch or loaded, every candidate pair that the blocking rules find is scored, and pairs at
or above the upper threshold are joined into clusters (connected components), except pairs with
a conflict (comparisons.conflict), which go to review. A model is saved as versioned JSON: the
Splink settings with every m and u probability, the thresholds, when it was trained and how.

SQL here is put together from this package's own constants (columns, levels, rules) and from
input column names checked against the file and quoted; values go in as parameters. Hence the
`noqa: S608` marks.
"""

import hashlib
import json
import logging
import math
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker
from splink.clustering import cluster_pairwise_predictions_at_threshold

from sightline.core import clock
from sightline.identity.linkage import columns
from sightline.identity.linkage.blocking import BLOCKING_RULES
from sightline.identity.linkage.comparisons import COMPARISONS, COMPARISONS_VERSION, conflict_sql
from sightline.identity.linkage.data import Thresholds

MODEL_FORMAT = "sightline-linkage-model/1"

# Thresholds (match weights) fixed on generator seed 1 and FEBRL 1-2; a trained model carries
# them, and a caller may override them for one run.
DEFAULT_THRESHOLDS = Thresholds(upper=6.0, lower=0.0)

# m probabilities come from expectation maximisation over the pairs a few rules find; a rule
# leaves out the comparisons that read the columns it blocks on. Pairs sharing an identifier are
# nearly all the same person, which EM estimates best; the address comparison reads names and
# dates of birth too, so it is estimated there, or, in data without identifiers, over pairs
# whose family names sound alike. That rule names a column of the family name comparison
# (surname_sounds) as well, so that EM leaves the family name out: over pairs chosen for
# agreeing family names, their agreement would look like evidence that nearly every pair is a
# match, and EM would estimate every other field's m from mostly different people.
IDENTIFIER_TRAINING_RULES = ("l.nhs_number = r.nhs_number", "l.upn = r.upn")
FALLBACK_TRAINING_RULE = (
    "l.family_phonetic = r.family_phonetic AND l.surname_sounds = r.surname_sounds"
)
TRAINING_RULE = "l.dob_days = r.dob_days"
# Pairs surely the same person, to estimate how likely two random records are to match.
DETERMINISTIC_RULES = (
    "l.nhs_number = r.nhs_number",
    "l.given_folded = r.given_folded AND l.family_folded = r.family_folded"
    " AND l.dob_days = r.dob_days",
)
DETERMINISTIC_RECALL = 0.8

Progress = Callable[[str], None]


class LinkageInputError(ValueError):
    """The input cannot be linked: a missing column, a blank or repeated record_id."""


@dataclass
class ModelDocument:
    """A trained model as saved: what `scoring` needs to score a pair as Splink does."""

    model_version: str
    trained_at: str
    thresholds: Thresholds
    splink_settings: dict[str, Any]
    training_summary: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The model as a new JSON-ready dictionary (changing it leaves the model alone)."""
        document: dict[str, Any] = json.loads(json.dumps(self._document()))
        return document

    def _document(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "model_version": self.model_version,
            "comparisons_version": COMPARISONS_VERSION,
            "trained_at": self.trained_at,
            "thresholds": {"upper": self.thresholds.upper, "lower": self.thresholds.lower},
            "training_summary": self.training_summary,
            "splink_settings": self.splink_settings,
        }

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> "ModelDocument":
        if document.get("format") != MODEL_FORMAT:
            raise LinkageInputError(f"not a {MODEL_FORMAT} model")
        if document.get("comparisons_version") != COMPARISONS_VERSION:
            raise LinkageInputError(
                f"the model compares fields as version {document.get('comparisons_version')}"
                f" did; this version of Sightline compares them as version {COMPARISONS_VERSION}"
            )
        thresholds = document["thresholds"]
        return cls(
            model_version=document["model_version"],
            trained_at=document["trained_at"],
            thresholds=Thresholds(upper=thresholds["upper"], lower=thresholds["lower"]),
            splink_settings=document["splink_settings"],
            training_summary=document.get("training_summary", {}),
        )


def model_save(model: ModelDocument, path: Path) -> None:
    path.write_text(json.dumps(model.as_json(), indent=2) + "\n", encoding="utf-8")


def model_load(path: Path) -> ModelDocument:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise LinkageInputError(f"cannot read the model {path}: {error}") from None
    return ModelDocument.from_json(document)


_ACROSS_SOURCES = " AND l.source <> r.source"


def across_sources(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings with every prediction blocking rule limited to pairs from two sources."""
    changed: dict[str, Any] = json.loads(json.dumps(settings))
    for rule in changed["blocking_rules_to_generate_predictions"]:
        if not rule["blocking_rule"].endswith(_ACROSS_SOURCES):
            rule["blocking_rule"] += _ACROSS_SOURCES
    return changed


def splink_settings(*, across_sources_only: bool = False) -> dict[str, Any]:
    """The untrained Splink settings: comparisons from comparisons.py, the blocking rules."""
    extra = _ACROSS_SOURCES if across_sources_only else ""
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": 1e-4,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": [],
        "em_convergence": 0.001,
        "max_iterations": 15,
        "comparisons": [
            {
                "output_column_name": comparison.field,
                "comparison_description": comparison.description,
                "comparison_levels": [
                    {
                        "sql_condition": level.sql,
                        "label_for_charts": level.label,
                        **({"is_null_level": True} if level.is_null else {}),
                        **(_fixed(level.fixed) if level.fixed is not None else {}),
                    }
                    for level in comparison.levels
                ],
            }
            for comparison in COMPARISONS
        ],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": rule + extra, "sql_dialect": "duckdb"} for rule in BLOCKING_RULES
        ],
    }


def _as_blocking(sql: str) -> str:
    """Comparison SQL ("name_l", "name_r") as blocking rule SQL (l.name, r.name)."""
    return re.sub(r'"(\w+)_([lr])"', r"\2.\1", sql)


def _fixed(probability: float) -> dict[str, Any]:
    return {
        "m_probability": probability,
        "u_probability": probability,
        "fix_m_probability": True,
        "fix_u_probability": True,
    }


@dataclass
class Counts:
    records: int = 0
    pairs_scored: int = 0
    clusters: int = 0
    links: int = 0
    conflicts: int = 0
    review: int = 0


class LinkageRun:
    """One linkage of one set of records, in its own DuckDB database."""

    def __init__(self, *, threads: int | None = None, memory_limit: str = "3GB") -> None:
        # Splink warns of levels that training never saw; _complete() settles those.
        logging.getLogger("splink").setLevel(logging.ERROR)
        self.con = duckdb.connect(":memory:")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute("SET preserve_insertion_order = false")
        self.counts = Counts()
        self.truth_column: str | None = None
        self._linker: Linker | None = None
        self._db_api: DuckDBAPI | None = None
        self.model: ModelDocument | None = None
        self._settings: dict[str, Any] = {}
        self._maps: dict[str, list[str]] = {}  # map table -> its key columns

    # ------------------------------------------------------------------------------- input

    def load_csv(self, path: Path, *, truth_column: str | None = None) -> int:
        """Read a CSV in the linkage column format; every value is read as text."""
        if not path.is_file():
            raise LinkageInputError(f"no such file: {path}")
        try:
            self.con.execute(
                "CREATE TABLE raw_input AS SELECT * FROM read_csv(?, header = true,"
                " all_varchar = true, auto_detect = true, quote = '\"', escape = '\"')",
                [str(path)],
            )
        except duckdb.Error as error:
            raise LinkageInputError(f"cannot read {path} as CSV: {error}") from None
        return self._check_input(truth_column)

    def load_rows(
        self, rows: Iterable[Mapping[str, object]], *, truth_column: str | None = None
    ) -> int:
        """Take records as mappings of the linkage columns (for tests and small sets)."""
        names = [*columns.INPUT_COLUMNS, *([truth_column] if truth_column else [])]
        data: dict[str, list[str | None]] = {name: [] for name in names}
        for row in rows:
            for name in names:
                value = row.get(name)
                data[name].append(None if value is None else str(value))
        table = pa.table({name: pa.array(values, pa.string()) for name, values in data.items()})
        self.con.register("raw_rows", table)
        self.con.execute("CREATE TABLE raw_input AS SELECT * FROM raw_rows")
        self.con.unregister("raw_rows")
        return self._check_input(truth_column)

    def _check_input(self, truth_column: str | None) -> int:
        present = {row[0] for row in self.con.execute("DESCRIBE raw_input").fetchall()}
        if "record_id" not in present:
            raise LinkageInputError("the file has no record_id column")
        if truth_column is not None and truth_column not in present:
            raise LinkageInputError(f"the file has no {truth_column} column (ground truth)")
        self.truth_column = truth_column
        missing = [c for c in columns.INPUT_COLUMNS if c not in present]
        for column in missing:
            self.con.execute(f'ALTER TABLE raw_input ADD COLUMN "{column}" VARCHAR')
        blank = self.con.execute(
            f"SELECT count(*) FROM raw_input WHERE {_trimmed('record_id')} IS NULL"  # noqa: S608
        ).fetchall()[0]
        if blank and blank[0]:
            raise LinkageInputError(f"{blank[0]:,} rows have no record_id")
        repeated = self.con.execute(
            f"SELECT {_trimmed('record_id')} AS id FROM raw_input GROUP BY id HAVING count(*) > 1"  # noqa: S608
            " LIMIT 3"
        ).fetchall()
        if repeated:
            listed = ", ".join(repr(r[0]) for r in repeated)
            raise LinkageInputError(f"record_id must be unique; repeated: {listed}")
        total = self.con.execute("SELECT count(*) FROM raw_input").fetchall()[0]
        self.counts.records = int(total[0]) if total else 0
        return self.counts.records

    # ---------------------------------------------------------------------------- features

    def build_features(self) -> None:
        """The feature table: each column built in Python once per distinct input value, with
        columns.py's own functions, and joined back to the records."""
        self._map("given", ["given_name", "other_names"], _given_columns)
        self._map("family", ["family_name", "other_names"], _family_columns)
        self._map("born", ["date_of_birth"], _birth_columns)
        self._map("postcode", ["postcode"], _postcode_columns)
        self._map("address", ["address", "postcode"], _address_columns)
        self._map("sex", ["sex"], lambda sex: {"sex": columns.sex(sex)})
        self._map("nhs", ["nhs_number"], lambda n: {"nhs_number": columns.nhs_number(n)})
        self._map("upn", ["upn"], lambda u: {"upn": columns.upn(u)})
        truth = f", {_trimmed(self.truth_column, 'i')} AS truth" if self.truth_column else ""
        select = ", ".join(
            f"{_MAP_OF_COLUMN[c]}.{c}" if c in _MAP_OF_COLUMN else _DIRECT[c]
            for c in columns.FEATURE_COLUMNS
        )
        joins = " ".join(
            f"LEFT JOIN map_{name} {name} ON "
            + " AND ".join(f"coalesce(i.{k}, '') = {name}.k_{k}" for k in keys)
            for name, keys in self._maps.items()
        )
        self.con.execute(
            f"CREATE TABLE features AS SELECT {select}{truth} FROM raw_input i {joins}"  # noqa: S608
        )
        for name in self._maps:
            self.con.execute(f"DROP TABLE map_{name}")
        self.con.execute("DROP TABLE raw_input")

    def _map(self, name: str, keys: list[str], build: Callable[..., dict[str, Any]]) -> None:
        """A table map_<name> from each distinct combination of the key columns to the
        feature columns that `build` makes of it."""
        key_list = ", ".join(f"coalesce({k}, '') AS k_{k}" for k in keys)
        distinct = self.con.execute(f"SELECT DISTINCT {key_list} FROM raw_input").fetchall()  # noqa: S608
        built = [build(*(value or None for value in row)) for row in distinct]
        data: dict[str, list[Any]] = {
            f"k_{k}": [row[i] for row in distinct] for i, k in enumerate(keys)
        }
        for column in built[0] if built else build(*([None] * len(keys))):
            data[column] = [values[column] for values in built]
        table = pa.table(
            {c: pa.array(v, _ARROW_TYPES.get(c, pa.string())) for c, v in data.items()}
        )
        self.con.register(f"arrow_{name}", table)
        self.con.execute(f"CREATE TABLE map_{name} AS SELECT * FROM arrow_{name}")  # noqa: S608
        self.con.unregister(f"arrow_{name}")
        self._maps[name] = keys

    def feature_rows(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Feature rows by unique_id, as columns.feature_row would build them."""
        query = f"SELECT {', '.join(columns.FEATURE_COLUMNS)} FROM features"  # noqa: S608
        params: list[Any] = []
        if ids is not None:
            query += " WHERE unique_id IN (SELECT unnest(?))"
            params.append(list(ids))
        cursor = self.con.execute(query, params)
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}

    # ---------------------------------------------------------------------------- training

    def _new_linker(self, settings: dict[str, Any]) -> Linker:
        self._db_api = DuckDBAPI(self.con)
        table = self._db_api.register("features", dataset_display_name="records")
        # A copy: Splink may change the settings it is given.
        return Linker(table, json.loads(json.dumps(settings)), log_level=None)

    def train(
        self,
        *,
        seed: int = 1,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        across_sources_only: bool = False,
        u_pairs: float = 2e6,
        em_pairs: float = 3e5,
    ) -> ModelDocument:
        """Train from scratch: the prior from pairs surely the same person, u by random
        sampling, m by expectation maximisation over a few blocking rules."""
        started = time.monotonic()
        settings = splink_settings(across_sources_only=across_sources_only)
        linker = self._new_linker(settings)
        linker.training.estimate_probability_two_random_records_match(
            list(DETERMINISTIC_RULES), recall=DETERMINISTIC_RECALL
        )
        prior_done = time.monotonic()
        linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
        u_done = time.monotonic()
        rules = self.training_rules()
        for rule in rules:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=em_pairs, estimate_without_term_frequencies=True
            )
        m_done = time.monotonic()
        trained = _complete(linker.misc.save_model_to_json())
        trained_at = clock.now().replace(microsecond=0)
        digest = hashlib.sha256(json.dumps(trained, sort_keys=True).encode()).hexdigest()[:12]
        self.model = ModelDocument(
            model_version=f"{COMPARISONS_VERSION}.{trained_at:%Y%m%dT%H%M%SZ}.{digest}",
            trained_at=trained_at.isoformat(),
            thresholds=thresholds,
            splink_settings=trained,
            training_summary={
                "records": self.counts.records,
                "seed": seed,
                "across_sources_only": across_sources_only,
                "u_max_pairs": u_pairs,
                "em_max_pairs": em_pairs,
                "deterministic_rules": list(DETERMINISTIC_RULES),
                "deterministic_recall": DETERMINISTIC_RECALL,
                "em_blocking_rules": rules,
                "probability_two_random_records_match": trained[
                    "probability_two_random_records_match"
                ],
                "seconds": {
                    "prior": round(prior_done - started, 3),
                    "u": round(u_done - prior_done, 3),
                    "m": round(m_done - u_done, 3),
                },
            },
        )
        self.use_model(self.model)
        return self.model

    def training_rules(self) -> list[str]:
        """The EM blocking rules for this data: an identifier rule (or the fallback), then the
        date of birth; a rule that finds no pairs is left out."""
        identifier = [rule for rule in IDENTIFIER_TRAINING_RULES if self._finds_pairs(rule)]
        rules = [*identifier[:1], *([] if identifier else [FALLBACK_TRAINING_RULE]), TRAINING_RULE]
        return [rule for rule in rules if rule in identifier or self._finds_pairs(rule)]

    def _finds_pairs(self, rule: str) -> bool:
        found = self.con.execute(
            f"SELECT EXISTS (SELECT 1 FROM features l JOIN features r ON {rule}"  # noqa: S608
            " AND l.unique_id < r.unique_id)"
        ).fetchall()[0]
        return bool(found and found[0])

    def use_model(self, model: ModelDocument, *, across_sources_only: bool = False) -> None:
        """Score with a trained model; `across_sources_only` pairs only records of two sources."""
        self.model = model
        settings = model.splink_settings
        if across_sources_only:
            settings = across_sources(settings)
        self._settings = json.loads(json.dumps(settings))
        self._linker = self._new_linker(self._settings)

    # ---------------------------------------------------------------------------- scoring

    def predict(
        self, *, lower: float | None = None, keep_levels: bool = False, every_pair: bool = False
    ) -> int:
        """Score every candidate pair; keep those at or above the lower threshold, with any
        conflict, and with their comparison levels (gamma_<field>) and weights (mw_<field>)
        when asked. `every_pair` scores all pairs, not only candidates: for small sets."""
        linker, model = self._require_model()
        if keep_levels or every_pair:
            linker = self._new_linker(
                self._prediction_settings(keep_levels=keep_levels, every_pair=every_pair)
            )
        floor = model.thresholds.lower if lower is None else lower
        predictions = linker.inference.predict(
            threshold_match_weight=floor if floor > -math.inf else None
        )
        self.con.execute(
            f"CREATE OR REPLACE TABLE pairs AS SELECT {pair_columns(keep_levels)},"  # noqa: S608
            f" CAST(NULL AS VARCHAR) AS conflict FROM {predictions.physical_name}"
        )
        predictions.drop_table_from_database_and_remove_from_cache()
        if floor > -math.inf and not every_pair:
            self._add_conflicts_below(floor)
        self._mark_conflicts()
        return self._count_pairs()

    def _prediction_settings(self, *, keep_levels: bool, every_pair: bool) -> dict[str, Any]:
        """The model's settings, keeping each pair's levels, or pairing every record."""
        settings: dict[str, Any] = json.loads(json.dumps(self._settings))
        settings["retain_matching_columns"] = keep_levels
        settings["retain_intermediate_calculation_columns"] = keep_levels
        if every_pair:
            settings["blocking_rules_to_generate_predictions"] = [
                {"blocking_rule": "1 = 1", "sql_dialect": "duckdb"}
            ]
        return settings

    def _count_pairs(self) -> int:
        row = self.con.execute("SELECT count(*), count(conflict) FROM pairs").fetchall()[0]
        self.counts.pairs_scored, self.counts.conflicts = (
            (int(row[0]), int(row[1])) if row else (0, 0)
        )
        return self.counts.pairs_scored

    def _add_conflicts_below(self, floor: float) -> None:
        """A conflict goes to review whatever its weight: score the pairs that share an
        identifier but not a date of birth (few), and keep those below the lower threshold."""
        found = self._new_linker(self._conflict_search_settings()).inference.predict()
        self.con.execute(
            "INSERT INTO pairs (unique_id_l, unique_id_r, match_weight, match_probability)"  # noqa: S608
            f" SELECT unique_id_l, unique_id_r, match_weight, match_probability"
            f" FROM {found.physical_name} WHERE match_weight < {float(floor)!r}"
        )
        found.drop_table_from_database_and_remove_from_cache()

    def _conflict_search_settings(self) -> dict[str, Any]:
        """The model's settings with blocking rules that find only the pairs that share an
        identifier but not a date of birth."""
        settings: dict[str, Any] = json.loads(json.dumps(self._settings))
        extra = (
            _ACROSS_SOURCES
            if settings["blocking_rules_to_generate_predictions"][0]["blocking_rule"].endswith(
                _ACROSS_SOURCES
            )
            else ""
        )
        settings["blocking_rules_to_generate_predictions"] = [
            {"blocking_rule": f"({rule}) AND ({_as_blocking(conflict_sql())}) IS NOT NULL{extra}"}
            for rule in IDENTIFIER_TRAINING_RULES
        ]
        return settings

    def _mark_conflicts(self) -> None:
        """Only pairs that share an identifier can conflict, so only those are looked at."""
        sided = ", ".join(
            f"{side}.{column} AS {column}_{side}"
            for column in CONFLICT_COLUMNS
            for side in ("l", "r")
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE conflicts AS"  # noqa: S608
            f" WITH candidates AS (SELECT p.unique_id_l, p.unique_id_r, {sided} FROM pairs p"
            " JOIN features l ON l.unique_id = p.unique_id_l"
            " JOIN features r ON r.unique_id = p.unique_id_r"
            " WHERE l.nhs_number = r.nhs_number OR l.upn = r.upn)"
            f" SELECT unique_id_l, unique_id_r, {conflict_sql()} AS conflict FROM candidates"
        )
        self.con.execute(
            "UPDATE pairs SET conflict = c.conflict FROM conflicts c"
            " WHERE pairs.unique_id_l = c.unique_id_l AND pairs.unique_id_r = c.unique_id_r"
        )
        self.con.execute("DROP TABLE conflicts")

    def cluster(self, *, upper: float | None = None) -> int:
        """Connected components over pairs at or above the upper threshold, without conflicts;
        each record keeps the highest weight of a link that joined it."""
        _, model = self._require_model()
        assert self._db_api is not None
        threshold = model.thresholds.upper if upper is None else upper
        self.con.execute(
            "CREATE OR REPLACE TABLE edges AS SELECT unique_id_l, unique_id_r, match_weight"  # noqa: S608
            f" FROM pairs WHERE {linked_sql(threshold)}"
        )
        self.con.execute("CREATE OR REPLACE TABLE nodes AS SELECT unique_id FROM features")
        clusters = cluster_pairwise_predictions_at_threshold(
            "nodes", "edges", self._db_api, "unique_id"
        )
        self.con.execute(
            "CREATE OR REPLACE TABLE clusters AS"  # noqa: S608
            " WITH ends AS (SELECT unique_id_l AS id, match_weight FROM edges"
            " UNION ALL SELECT unique_id_r, match_weight FROM edges),"
            " strongest AS (SELECT id, max(match_weight) AS match_weight FROM ends GROUP BY id)"
            " SELECT c.unique_id AS record_id, c.cluster_id, s.match_weight"
            f" FROM {clusters.physical_name} c LEFT JOIN strongest s ON s.id = c.unique_id"
        )
        clusters.drop_table_from_database_and_remove_from_cache()
        return self._count_clusters(threshold)

    def _count_clusters(self, threshold: float) -> int:
        """Clusters, links and pairs for review, from the clusters and pairs tables."""
        row = self.con.execute("SELECT count(DISTINCT cluster_id) FROM clusters").fetchall()[0]
        links = self.con.execute(
            f"SELECT count(*) FILTER (WHERE {linked_sql(threshold)}),"  # noqa: S608
            f" count(*) FILTER (WHERE NOT ({linked_sql(threshold)})) FROM pairs"
        ).fetchall()[0]
        self.counts.clusters = int(row[0]) if row else 0
        self.counts.links, self.counts.review = (int(links[0]), int(links[1])) if links else (0, 0)
        return self.counts.clusters

    def clusters(self) -> dict[str, str]:
        """record_id -> cluster_id."""
        rows = self.con.execute("SELECT record_id, cluster_id FROM clusters").fetchall()
        return {str(record): str(cluster) for record, cluster in rows}

    def pairs(self) -> list[dict[str, Any]]:
        """The scored pairs as dictionaries (for small sets: explanations and tests)."""
        cursor = self.con.execute("SELECT * FROM pairs ORDER BY unique_id_l, unique_id_r")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def write_clusters(self, path: Path) -> None:
        try:
            self.con.execute(
                "COPY (SELECT record_id, cluster_id, round(match_weight, 3) AS match_weight"
                " FROM clusters ORDER BY cluster_id, record_id) TO ? (HEADER, DELIMITER ',')",
                [str(path)],
            )
        except duckdb.Error as error:
            raise LinkageInputError(f"cannot write {path}: {error}") from None

    def _require_model(self) -> tuple[Linker, ModelDocument]:
        if self._linker is None or self.model is None:
            raise LinkageInputError("train or load a model first")
        return self._linker, self.model

    # ------------------------------------------------------------------------ evaluation

    def cluster_contingency(self) -> list[tuple[str, str, int]]:
        """(cluster, true entity, records in both) for every pairing that occurs: all that the
        pure metric functions need."""
        return [
            (str(cluster), str(entity), int(n))
            for cluster, entity, n in self.con.execute(
                "SELECT c.cluster_id, f.truth, count(*) FROM clusters c"
                " JOIN features f ON f.unique_id = c.record_id GROUP BY ALL"
            ).fetchall()
        ]

    def blocking_recall(self, *, across_sources_only: bool = False) -> tuple[int, int]:
        """(true pairs, true pairs that some blocking rule makes a candidate)."""
        rules = " OR ".join(f"({rule})" for rule in BLOCKING_RULES)
        extra = _ACROSS_SOURCES if across_sources_only else ""
        row = self.con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {rules}) FROM features l JOIN features r"  # noqa: S608
            f" ON l.truth = r.truth AND l.unique_id < r.unique_id{extra}"
        ).fetchall()[0]
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def missed_true_pairs(self) -> tuple[int, int]:
        """(true pairs whose records ended in two clusters, of those the pairs left for a person
        to review): what the review queue catches of what the automatic links miss."""
        row = self.con.execute(
            "WITH missed AS (SELECT l.unique_id AS id_l, r.unique_id AS id_r"
            " FROM features l JOIN features r ON l.truth = r.truth AND l.unique_id < r.unique_id"
            " JOIN clusters cl ON cl.record_id = l.unique_id"
            " JOIN clusters cr ON cr.record_id = r.unique_id"
            " WHERE cl.cluster_id <> cr.cluster_id)"
            " SELECT (SELECT count(*) FROM missed), count(*) FROM missed m JOIN pairs p"
            " ON least(p.unique_id_l, p.unique_id_r) = m.id_l"
            " AND greatest(p.unique_id_l, p.unique_id_r) = m.id_r"
        ).fetchall()[0]
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def pairs_for_review(self, limit: int = 100) -> list[tuple[str, str, float, str | None]]:
        return [
            (str(a), str(b), float(w), c)
            for a, b, w, c in self.con.execute(
                "SELECT unique_id_l, unique_id_r, match_weight, conflict FROM pairs"
                " ORDER BY match_weight DESC LIMIT ?",
                [limit],
            ).fetchall()
        ]

    def close(self) -> None:
        self.con.close()


# A synthetic population never mistypes some fields (sex, say); real records do. No finding is
# treated as impossible for one person's records: m is at least this.
M_FLOOR = 1e-3
# A level that training never saw counts for nothing (m = u) rather than a default.
UNSEEN = 1e-6


def _complete(settings: dict[str, Any]) -> dict[str, Any]:
    """Trained settings with the floor applied and every level's m and u set, so that the
    saved model alone fixes every weight."""
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or level.get("fix_m_probability"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is None or u is None:
                m = u = m if m is not None else u if u is not None else UNSEEN
            level["m_probability"] = max(m, M_FLOOR) if m != u else m
            level["u_probability"] = u
    return settings


# The columns of a scored pair in the pairs table, then each comparison's level and weight.
PAIR_COLUMNS = ("unique_id_l", "unique_id_r", "match_weight", "match_probability")
LEVEL_COLUMNS = tuple(name for c in COMPARISONS for name in (f"gamma_{c.field}", f"mw_{c.field}"))


def pair_columns(keep_levels: bool) -> str:
    """The columns of a scored pair that the pairs table keeps, as an SQL select list."""
    return ", ".join((*PAIR_COLUMNS, *(LEVEL_COLUMNS if keep_levels else ())))


def linked_sql(threshold: float) -> str:
    """SQL: a scored pair joins a cluster (at or above the upper threshold, no conflict)."""
    return f"match_weight >= {float(threshold)!r} AND conflict IS NULL"


# ---------------------------------------------------------------------- building the columns


def _quoted(column: str) -> str:
    """A column name as an SQL identifier (the truth column is named by the user)."""
    return '"' + column.replace('"', '""') + '"'


def _trimmed(column: str | None, alias: str = "") -> str:
    """The SQL of columns.clean: surrounding spaces, tabs and line ends dropped; blank is NULL."""
    prefix = f"{alias}." if alias else ""
    return f"nullif(trim({prefix}{_quoted(column or '')}, ' \t\r\n'), '')"


def _given_columns(given: str | None, other_names: str | None) -> dict[str, Any]:
    given = columns.clean(given)
    others = columns.parse_other_names(columns.clean(other_names))
    return {
        "given_folded": columns.given_folded(given),
        "given_phonetic": columns.given_phonetic(given),
        "given_keys": columns.given_keys([given, *(o.given for o in others)]),
    }


def _family_columns(family: str | None, other_names: str | None) -> dict[str, Any]:
    family = columns.clean(family)
    others = columns.parse_other_names(columns.clean(other_names))
    surnames = [family, *(o.family for o in others)]
    return {
        "family_folded": columns.family_folded(family),
        "family_phonetic": columns.family_phonetic(family),
        "surname_keys": columns.surname_keys(surnames),
        "surname_sounds": columns.surname_sounds(surnames),
    }


def _birth_columns(text: str | None) -> dict[str, Any]:
    text = columns.clean(text)
    born = columns.birth_date(text)
    return {
        "date_of_birth": born.shown or text,
        "dob_year": born.year,
        "dob_month": born.month,
        "dob_day": born.day,
        "dob_days": born.days,
    }


def _postcode_columns(text: str | None) -> dict[str, Any]:
    parts = columns.postcode(columns.clean(text))
    return {
        "postcode_unit": parts.unit,
        "postcode_sector": parts.sector,
        "postcode_district": parts.district,
    }


def _address_columns(address: str | None, postcode: str | None) -> dict[str, Any]:
    address, postcode = columns.clean(address), columns.clean(postcode)
    return {
        "address_key": columns.address_key(address),
        "address_shown": columns.address_shown(address, postcode),
    }


# What a conflict is decided on (comparisons.conflict_sql).
CONFLICT_COLUMNS = (
    "date_of_birth",
    "dob_year",
    "dob_month",
    "dob_day",
    "dob_days",
    "nhs_number",
    "upn",
)

_MAP_OF_COLUMN = {
    "given_folded": "given",
    "given_phonetic": "given",
    "given_keys": "given",
    "family_folded": "family",
    "family_phonetic": "family",
    "surname_keys": "family",
    "surname_sounds": "family",
    "date_of_birth": "born",
    "dob_year": "born",
    "dob_month": "born",
    "dob_day": "born",
    "dob_days": "born",
    "postcode_unit": "postcode",
    "postcode_sector": "postcode",
    "postcode_district": "postcode",
    "address_key": "address",
    "address_shown": "address",
    "sex": "sex",
    "nhs_number": "nhs",
    "upn": "upn",
}
_DIRECT = {
    "unique_id": _trimmed("record_id", "i") + " AS unique_id",
    "source": _trimmed("source", "i") + " AS source",
    "given_name": _trimmed("given_name", "i") + " AS given_name",
    "family_name": _trimmed("family_name", "i") + " AS family_name",
}
_ARROW_TYPES = {
    "given_keys": pa.list_(pa.string()),
    "surname_keys": pa.list_(pa.string()),
    "surname_sounds": pa.list_(pa.string()),
    "dob_year": pa.int32(),
    "dob_month": pa.int32(),
    "dob_day": pa.int32(),
    "dob_days": pa.int32(),
}
