"""The linkage engine on Apache Spark: the DuckDB engine's model, scored and clustered by
Splink's Spark backend, for batches too large for one DuckDB database. The only module that
imports PySpark.

Spark never trains. It scores with a model that a DuckDB run trained and saved, so both engines
give every pair the same weight. The records are read and their feature columns built as a
DuckDB run builds them (engine.py, with columns.py's functions, once per distinct value), then
handed to Spark as Parquet; blocking, scoring, conflicts and clustering run in Spark; the scored
pairs and the clusters come back as Parquet into the run's DuckDB database, where they are
counted, written and measured as a DuckDB run's are.

The model's SQL is written for DuckDB and translated to Spark's dialect with sqlglot (as
Splink itself does), with one function renamed that sqlglot leaves as DuckDB's operator. Spark
has no Damerau-Levenshtein distance: Splink's JAR of similarity functions brings one (the
unrestricted distance, as DuckDB's), so the JAR goes on the session's `spark.jars`.

SQL here is put together from this package's own constants, as in engine.py: hence the
`noqa: S608` marks.
"""

import json
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import sqlglot
from pyspark.sql import DataFrame, SparkSession
from splink import Linker
from splink.backends.spark import SparkAPI, similarity_jar_location
from splink.clustering import cluster_pairwise_predictions_at_threshold
from sqlglot import exp

from sightline.identity.linkage.comparisons import conflict_sql
from sightline.identity.linkage.data import Thresholds
from sightline.identity.linkage.engine import (
    CONFLICT_COLUMNS,
    DEFAULT_THRESHOLDS,
    LEVEL_COLUMNS,
    PAIR_COLUMNS,
    LinkageInputError,
    LinkageRun,
    ModelDocument,
    linked_sql,
    pair_columns,
)

# Two cores: one task per core, and a handful of shuffle partitions rather than Spark's 200,
# which on a small machine cost more in scheduling than they save.
DEFAULT_MASTER = "local[2]"
DEFAULT_PARTITIONS = 4

# Spark logs each stage at INFO and WARN; a run shows its own progress, so only errors. The
# gateway's level is set too, or Spark announces on start-up the level it picks for PySpark.
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


class SparkUnavailable(LinkageInputError):
    """Spark cannot run here: no Java, or the session would not start."""


def java_missing() -> str | None:
    """Why Spark cannot start a JVM here, or None when it can find Java."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return None
    if shutil.which("java"):
        return None
    return "the Spark engine needs Java 17 or newer: install it (java on PATH, or JAVA_HOME)"


def to_spark_sql(sql: str) -> str:
    """DuckDB SQL (a condition or an expression) in Spark's dialect."""
    if sql.strip().upper() == "ELSE":
        return sql
    tree = sqlglot.parse_one(sql, read="duckdb").transform(_spark_function)
    return tree.sql(dialect="spark")


def _spark_function(node: exp.Expression) -> exp.Expression:
    # sqlglot writes DuckDB's list_has_any as the `&&` operator, which Spark SQL lacks.
    if isinstance(node, exp.ArrayOverlaps):
        return exp.Anonymous(this="arrays_overlap", expressions=[node.this, node.expression])
    return node


def spark_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """A model's Splink settings with every level's condition and every blocking rule in
    Spark's dialect; the trained probabilities are left as they are."""
    translated: dict[str, Any] = json.loads(json.dumps(settings))
    translated["sql_dialect"] = "spark"
    for comparison in translated["comparisons"]:
        for level in comparison["comparison_levels"]:
            level["sql_condition"] = to_spark_sql(level["sql_condition"])
    for rule in translated["blocking_rules_to_generate_predictions"]:
        rule["blocking_rule"] = to_spark_sql(rule["blocking_rule"])
        rule["sql_dialect"] = "spark"
    return translated


class SparkLinkageRun(LinkageRun):
    """One linkage of one set of records, scored and clustered in a local Spark session.

    Reading, feature columns, writing and measuring are the DuckDB run's own; `use_model`,
    `predict` and `cluster` run on Spark. The session is this run's, and `close` stops it: one
    run at a time in a process (Spark keeps one session per process)."""

    def __init__(
        self,
        *,
        master: str = DEFAULT_MASTER,
        partitions: int = DEFAULT_PARTITIONS,
        driver_memory: str = "4g",
        threads: int | None = None,
        memory_limit: str = "3GB",
    ) -> None:
        missing = java_missing()
        if missing:
            raise SparkUnavailable(missing)
        super().__init__(threads=threads, memory_limit=memory_limit)
        # Splink's checkpoints and the Parquet handed between DuckDB and Spark, in one
        # directory that close() removes (Spark removes its own scratch space as it exits).
        self.workdir = Path(tempfile.mkdtemp(prefix="sightline-spark-"))
        log_config = self.workdir / "log4j2.properties"
        log_config.write_text(_LOG4J2, encoding="utf-8")
        java_options = f"-Dlog4j2.configurationFile={log_config.as_uri()}"
        try:
            self.spark = (
                SparkSession.builder.master(master)
                .appName("sightline-link")
                .config("spark.jars", similarity_jar_location())
                .config("spark.driver.memory", driver_memory)
                .config("spark.driver.extraJavaOptions", java_options)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", str(partitions))
                .config("spark.default.parallelism", str(partitions))
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate()
            )
        except Exception as error:  # PySpark raises several kinds when the JVM fails to start
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.con.close()
            raise SparkUnavailable(
                f"Spark could not start ({str(error).strip().splitlines()[0]});"
                " it needs Java 17 or newer"
            ) from None
        self.spark.sparkContext.setLogLevel("ERROR")
        self.spark.sparkContext.setCheckpointDir(str(self.workdir / "checkpoints"))
        self._spark_api: SparkAPI | None = None

    # ---------------------------------------------------------------------------- models

    def train(
        self,
        *,
        seed: int = 1,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        across_sources_only: bool = False,
        u_pairs: float = 2e6,
        em_pairs: float = 3e5,
    ) -> ModelDocument:
        raise LinkageInputError(
            "the Spark engine only scores with a saved model: train one with the DuckDB engine"
            " and save it (sightline link --save-model), then give it with --model"
        )

    def _new_linker(self, settings: dict[str, Any]) -> Linker:
        # Parquet checkpoints (Splink's default outside Databricks) cut each step's lineage.
        self._spark_api = SparkAPI(  # type: ignore[no-untyped-call]  # Splink leaves it untyped
            spark_session=self.spark, break_lineage_method="parquet"
        )
        table = self._spark_api.register("features", dataset_display_name="records")
        return Linker(table, spark_settings(settings), log_level=None)

    def build_features(self) -> None:
        """The feature table, built in DuckDB as LinkageRun builds it, then handed to Spark as
        the view `features`."""
        super().build_features()
        path = self.workdir / "features.parquet"
        self.con.execute("COPY features TO ? (FORMAT parquet)", [str(path)])
        self.spark.read.parquet(str(path)).createOrReplaceTempView("features")

    # ---------------------------------------------------------------------------- scoring

    def predict(
        self, *, lower: float | None = None, keep_levels: bool = False, every_pair: bool = False
    ) -> int:
        """As LinkageRun.predict, in Spark: the scored pairs then come back to DuckDB."""
        linker, model = self._require_model()
        if keep_levels or every_pair:
            linker = self._new_linker(
                self._prediction_settings(keep_levels=keep_levels, every_pair=every_pair)
            )
        floor = model.thresholds.lower if lower is None else lower
        predictions = linker.inference.predict(
            threshold_match_weight=floor if floor > -math.inf else None
        )
        scored = [f"SELECT {pair_columns(keep_levels)} FROM {predictions.physical_name}"]  # noqa: S608
        if floor > -math.inf and not every_pair:
            # A conflict goes to review whatever its weight (as LinkageRun._add_conflicts_below).
            found = self._new_linker(self._conflict_search_settings()).inference.predict()
            unscored = "".join(f", NULL AS {c}" for c in LEVEL_COLUMNS) if keep_levels else ""
            scored.append(
                f"SELECT {', '.join(PAIR_COLUMNS)}{unscored} FROM {found.physical_name}"  # noqa: S608
                f" WHERE match_weight < {float(floor)!r}"
            )
        sided = ", ".join(
            f"{side}.{column} AS {column}_{side}"
            for column in CONFLICT_COLUMNS
            for side in ("l", "r")
        )
        pairs = self.spark.sql(
            f"WITH scored AS ({' UNION ALL '.join(scored)}),"  # noqa: S608
            f" sided AS (SELECT p.*, {sided} FROM scored p"
            " JOIN features l ON l.unique_id = p.unique_id_l"
            " JOIN features r ON r.unique_id = p.unique_id_r)"
            f" SELECT {pair_columns(keep_levels)},"
            # Only pairs that share an identifier can conflict (as LinkageRun._mark_conflicts).
            " CASE WHEN nhs_number_l = nhs_number_r OR upn_l = upn_r"
            f" THEN {to_spark_sql(conflict_sql())} END AS conflict FROM sided"
        )
        self._from_spark(pairs, "pairs")
        return self._count_pairs()

    def cluster(self, *, upper: float | None = None) -> int:
        """As LinkageRun.cluster, in Spark: the clusters then come back to DuckDB."""
        _, model = self._require_model()
        assert self._spark_api is not None
        threshold = model.thresholds.upper if upper is None else upper
        self.spark.read.parquet(str(self.workdir / "pairs.parquet")).createOrReplaceTempView(
            "pairs"
        )
        self.spark.sql(
            "SELECT unique_id_l, unique_id_r, match_weight FROM pairs"  # noqa: S608
            f" WHERE {linked_sql(threshold)}"
        ).createOrReplaceTempView("edges")
        self.spark.sql("SELECT unique_id FROM features").createOrReplaceTempView("nodes")
        clusters = cluster_pairwise_predictions_at_threshold(
            "nodes", "edges", self._spark_api, "unique_id"
        )
        strongest = self.spark.sql(
            "WITH ends AS (SELECT unique_id_l AS id, match_weight FROM edges"  # noqa: S608
            " UNION ALL SELECT unique_id_r, match_weight FROM edges),"
            " strongest AS (SELECT id, max(match_weight) AS match_weight FROM ends GROUP BY id)"
            " SELECT c.unique_id AS record_id, c.cluster_id, s.match_weight"
            f" FROM {clusters.physical_name} c LEFT JOIN strongest s ON s.id = c.unique_id"
        )
        self._from_spark(strongest, "clusters")
        return self._count_clusters(threshold)

    def _from_spark(self, frame: DataFrame, table: str) -> None:
        """A Spark result as the DuckDB table `table`, through Parquet."""
        path = self.workdir / f"{table}.parquet"
        frame.write.mode("overwrite").parquet(str(path))
        self.con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_parquet(?)",  # noqa: S608
            [str(path / "*.parquet")],
        )

    def close(self) -> None:
        try:
            self.spark.stop()
        finally:
            super().close()
            shutil.rmtree(self.workdir, ignore_errors=True)
