from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sightline.audit.services import audit_checkpoint_write
from sightline.cli import demo
from sightline.cli.demo_oversight import oversight_demo_create, oversight_summary
from sightline.cli.households_display import summary_line
from sightline.cli.import_display import ProgressBar
from sightline.cli.overnight import overnight_file_write
from sightline.core import clock
from sightline.households.services import households_derive
from sightline.identity.services import store_link
from sightline.records.services.imports import import_file
from sightline.risk.selectors import child_record_ids
from sightline.risk.services import risk_evaluate_children
from sightline.synthetic.generator import generate, persons_for_children


class Command(BaseCommand):
    help = (
        "Start again from an empty embedded database, generate a synthetic population (about "
        "2,000 children by default), create its agencies and demo practitioners for every "
        "agency and role, import it, link the agencies' records of each person, import last "
        "night's police incidents (which notify schools and school nurses), work out "
        "households, evaluate the risk rules, give children's social care's managers "
        "assessments and overdue actions to oversee, and serve the web UI on 127.0.0.1. With "
        "--no-serve, load, summarise and exit."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-serve", action="store_true", help="load, summarise and exit")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--out", type=Path, help="where to write the population (var/demo)")
        parser.add_argument("--force", action="store_true", help="allow a PostgreSQL database")

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo.is_sqlite() and not options["force"]:
            raise CommandError(
                "The demo starts from an empty database, and DATABASE_URL points at PostgreSQL. "
                "Unset DATABASE_URL to use the embedded database, or pass --force to load the "
                "demo into this (empty) PostgreSQL database."
            )
        timings = demo.Timings()
        options["out"] = options["out"] or Path(settings.VAR_DIR) / "demo"
        self._load(options, timings)
        audit_checkpoint_write()
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.steps.items())
        self.stdout.write(f"Ready in {sum(timings.steps.values()):.0f} s ({steps}).")
        if not options["no_serve"]:
            self._serve(options["port"])

    def _load(self, options: dict[str, Any], timings: demo.Timings) -> None:
        with timings.step("database"):
            demo.database_reset()
        with timings.step("generate"):
            persons = persons_for_children(options["children"], options["seed"])
            population = generate(persons=persons, seed=options["seed"], out=options["out"])
        with timings.step("agencies"):
            agencies = demo.agencies_create(options["out"] / "agencies.json")
            demo.practitioners_create(agencies)
        # The years of history are loaded in bulk, and what arriving records set off (matching,
        # routing, risk evaluation) is done once at the end rather than after each step: the
        # history is old news to the routing rules, and linking and households come after.
        with demo.background_work_deferred():
            with timings.step("import"):
                records = options["out"] / "records.jsonl"
                import_file(
                    actor=None, path=records, default_agency_code=None, progress=ProgressBar()
                )
            with timings.step("link"):
                linked = store_link(actor=None, seed=options["seed"])
        # Last night's incidents arrive as news: matched, routed and evaluated as they would be.
        with timings.step("overnight"):
            overnight = options["out"] / "overnight.jsonl"
            incidents = overnight_file_write(options["out"], overnight)
            import_file(actor=None, path=overnight, default_agency_code=None)
        with demo.background_work_deferred(), timings.step("households"):
            households = households_derive(actor=None)
        with timings.step("risk"):
            evaluated = risk_evaluate_children(
                recorded_person_ids=child_record_ids(today=clock.today())
            )
        # Assessments, a meeting and its actions for children's social care's managers to oversee.
        with timings.step("oversight"):
            oversight = oversight_demo_create(seed=options["seed"])
        self.stdout.write(demo.stored_table(population.persons, population.children), ending="")
        self.stdout.write(
            f"Linked {linked.records:,} recorded persons: {linked.run.linked:,} links made, "
            f"{linked.run.queued:,} waiting for review (sign in as a MASH worker or a "
            "designated safeguarding lead and open Review links).\n"
        )
        self.stdout.write(summary_line(households))
        self.stdout.write(demo.risk_summary(evaluated))
        self.stdout.write(oversight_summary(oversight))
        self.stdout.write(demo.notifications_summary(incidents), ending="")
        self.stdout.write(demo.sign_in_table(agencies), ending="")
        serving = not options["no_serve"]
        self.stdout.write(demo.sign_in_help(agencies, options["port"], serving))

    def _serve(self, port: int) -> None:
        if "serve" in get_commands():
            call_command("serve", addrport=f"127.0.0.1:{port}")
        else:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
