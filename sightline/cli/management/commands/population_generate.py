import os
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.cli.population_display import population_table
from sightline.synthetic.generator import generate
from sightline.synthetic.profile import ProfileError, profile_load


class Command(BaseCommand):
    help = (
        "Generate a synthetic population in the import format, with its ground truth: "
        "agencies.json, records.jsonl, truth.jsonl and truth.json. The same seed gives the "
        "same files."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=10_000, help="100 to 1,000,000")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path, default=Path("var/synthetic"))
        parser.add_argument("--profile", type=Path, help="a profile TOML file (default: built in)")
        parser.add_argument(
            "--harm-share", type=float, help="share of children on harm trajectories"
        )
        parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            profile = profile_load(options["profile"])
            if options["harm_share"] is not None:
                profile = profile.with_value("harm.share", options["harm_share"])
            started = time.monotonic()
            summary = generate(
                persons=options["persons"],
                seed=options["seed"],
                out=options["out"],
                profile=profile,
                workers=options["workers"],
            )
        except (ProfileError, ValueError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(population_table(summary), ending="")
        self.stdout.write(f"written to {options['out']} in {time.monotonic() - started:.1f} s")
