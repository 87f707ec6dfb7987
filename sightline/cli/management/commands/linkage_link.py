from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.cli.households_display import summary_line
from sightline.cli.linkage_display import StageBar, summary_table
from sightline.households.services import households_derive
from sightline.identity.linkage.files import ENGINES, LinkageInputError, link_file
from sightline.identity.services import store_link


class Command(BaseCommand):
    help = (
        "Without options: link the store's recorded persons, reusing the latest saved model "
        "(--retrain trains a new one), and apply the run: confident links join persons, doubtful "
        "ones wait for review, every earlier decision stands; then work out households again. "
        "With --input and --output: link a CSV file in the linkage column format "
        "(docs/linkage.md) into clusters of one person "
        "each, without touching the store; --truth measures them against a ground-truth column; "
        "--engine spark scores and clusters on Apache Spark with a saved model (--model)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", type=Path, help="the records (CSV) to link as a file")
        parser.add_argument("--output", type=Path, help="where that file's clusters go (CSV)")
        parser.add_argument(
            "--retrain", action="store_true", help="linking the store: train a new model"
        )
        parser.add_argument("--truth", metavar="COLUMN", help="a ground-truth column to measure")
        parser.add_argument("--model", type=Path, help="a saved model (JSON) instead of training")
        parser.add_argument("--save-model", type=Path, help="save the model used (JSON)")
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="duckdb",
            help="linking a file: score and cluster on DuckDB (the default) or on Apache Spark"
            " in local mode (needs --model, Java 17 and the spark extra)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["input"] is None and options["output"] is None:
            if options["engine"] != "duckdb":
                raise CommandError(
                    f"--engine {options['engine']} links a file: give --input and --output"
                    " (the store is always linked on DuckDB)"
                )
            self._link_store(retrain=options["retrain"])
            return
        if options["input"] is None or options["output"] is None:
            raise CommandError("give both --input and --output to link a file (or neither)")
        bar = StageBar()
        try:
            summary = link_file(
                input_path=Path(options["input"]),
                output_path=Path(options["output"]),
                truth_column=options["truth"],
                model_path=_path(options["model"]),
                save_model_path=_path(options["save_model"]),
                progress=bar,
                engine=options["engine"],
            )
        except (LinkageInputError, OSError) as error:
            raise CommandError(str(error)) from None
        finally:
            bar.end()
        self.stdout.write(summary_table(summary), ending="")
        self.stdout.write(f"clusters written to {options['output']}")

    def _link_store(self, *, retrain: bool) -> None:
        try:
            result = store_link(actor=None, retrain=retrain)
        except LinkageInputError as error:
            raise CommandError(str(error)) from None
        run = result.run
        model = "trained on the store" if result.trained else "the latest saved model"
        self.stdout.write(
            f"linkage run {run.number}: {result.records:,} recorded persons, model "
            f"{result.model_version} ({model}); {run.pairs_scored:,} pairs scored, "
            f"{run.linked:,} linked, {run.queued:,} waiting for review, "
            f"{run.kept_by_decision:,} kept as practitioners decided"
        )
        # Links change who is one person, and so who lives with whom.
        self.stdout.write(summary_line(households_derive(actor=None)))


def _path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)
