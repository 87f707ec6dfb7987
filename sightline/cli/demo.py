"""The steps of `sightline demo`: a fresh embedded database, a synthetic population, its agencies
and demo practitioners, the import, and a summary of what is stored."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings
from rich.table import Table

from sightline.agencies.data import AgencyKind, Role
from sightline.agencies.services import agency_create, practitioner_create
from sightline.audit.selectors import audit_verify
from sightline.cli.population_display import render
from sightline.notifications.selectors import notification_count_by_username
from sightline.records.selectors import record_counts
from sightline.risk.data import EvaluationSummary

if TYPE_CHECKING:
    from sightline.agencies.models import Agency

# Printed at the end of every demo run, with a warning: never use it for anything real.
DEMO_PASSWORD = "demo-only-password"  # noqa: S105 (public on purpose, for demo accounts)


@dataclass
class Timings:
    """How long each step took, for the closing summary."""

    steps: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        yield
        self.steps[name] = time.monotonic() - started


def is_sqlite() -> bool:
    return bool(settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"))


def database_reset() -> None:
    """Remove the embedded database and its audit checkpoints, then migrate from nothing. A
    PostgreSQL database (with --force) is only migrated: it is never dropped from here."""
    if is_sqlite():
        name = str(settings.DATABASES["default"]["NAME"])
        connections.close_all()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(settings.AUDIT_CHECKPOINT_PATH).unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)


def agencies_create(path: Path) -> list[Agency]:
    """The population's agencies, from its agencies.json."""
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [agency_create(actor=None, **row) for row in rows]


class _OneHashForTheDemo(Argon2PasswordHasher):
    """Argon2 as configured, but the shared demo password is hashed once and that hash reused:
    hashing it afresh for each of a hundred demo accounts would take most of a minute."""

    _encoded: ClassVar[dict[str, str]] = {}

    def encode(self, password: str, salt: str) -> str:
        if password not in self._encoded:
            self._encoded[password] = super().encode(password, salt)
        return self._encoded[password]


def practitioners_create(agencies: list[Agency]) -> int:
    """One demo practitioner per agency and role, signing in as <agency-code>.<role>."""
    hashers = [f"{__name__}._OneHashForTheDemo", *settings.PASSWORD_HASHERS]
    created = 0
    with override_settings(PASSWORD_HASHERS=hashers):
        for agency in agencies:
            for role in Role:
                practitioner_create(
                    actor=None,
                    username=f"{agency.code}.{role.value}",
                    password=DEMO_PASSWORD,
                    display_name=f"Demo {role.label.lower()}, {agency.name}",
                    agency=agency,
                    role=role,
                    # A reserved domain: the demo's emails go to the console, never out.
                    email=f"{agency.code}.{role.value}@demo.invalid",
                )
                created += 1
    return created


def stored_table(persons: int, children: int) -> str:
    """What the database now holds; the audit trail is verified as it is counted."""
    counts = record_counts()
    report = audit_verify()
    table = Table(title="Stored in the demo database", show_header=False)
    table.add_column("What")
    table.add_column("How many", justify="right")
    table.add_row("persons (generated)", f"{persons:,}")
    table.add_row("  of whom children", f"{children:,}")
    table.add_row("recorded persons", f"{counts.recorded_persons:,}")
    table.add_row("relationships", f"{counts.relationships:,}")
    table.add_row("events", f"{counts.events:,}")
    for kind, number in counts.events_by_agency_kind.items():
        table.add_row(f"  from {AgencyKind(kind).label.lower()}", f"{number:,}")
    verdict = "verified" if report.ok else "FAILED: " + "; ".join(report.problems)
    table.add_row("audit entries", f"{report.entries_checked + report.pending:,} ({verdict})")
    return render(table)


def notifications_summary(incidents: int) -> str:
    """Who has notifications from last night's incidents waiting in their inbox."""
    counts = notification_count_by_username()
    if not counts:
        return (
            f"Last night's police incidents: {incidents} imported; no notification was routed "
            "(their children's records were not linked to a school's or a health service's).\n"
        )
    waiting = ", ".join(f"{username} ({number})" for username, number in counts.items())
    return (
        f"Last night's police incidents: {incidents} imported; {sum(counts.values())} "
        f"notifications sent (emails printed above). In their inboxes: {waiting}.\n"
    )


@contextmanager
def background_work_deferred() -> Iterator[None]:
    """Queue what arriving records set off in memory, and drop it: for loading history in bulk,
    when the demo does that work once afterwards."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        yield


def risk_summary(evaluated: EvaluationSummary) -> str:
    return (
        f"Risk rules evaluated for {evaluated.children:,} children: {evaluated.raised:,} "
        "signals raised (listed on each child's chronology; those about recent events sent to "
        f"the allocated worker or the front door: {evaluated.notified:,} notifications).\n"
    )


def sign_in_table(agencies: list[Agency]) -> str:
    table = Table(title="Demo sign-ins: username <agency code>.<role>")
    table.add_column("Agency code")
    table.add_column("Agency")
    table.add_column("Kind")
    for agency in agencies:
        table.add_row(agency.code, agency.name, AgencyKind(agency.kind).label)
    return render(table)


def sign_in_help(agencies: list[Agency], port: int, serving: bool) -> str:
    school = next((a for a in agencies if a.kind == AgencyKind.SCHOOL), agencies[0])
    lines = [
        f"Roles: {', '.join(role.value for role in Role)}.",
        f"For example, the designated safeguarding lead of {school.name}: {school.code}.dsl",
        f"Password for every demo account: {DEMO_PASSWORD}",
        "WARNING - DEMO ONLY: these accounts and their password are public. Never use them, or "
        "this database, for real people's information.",
    ]
    if serving:
        lines.append(f"Sign in at http://127.0.0.1:{port}/ (Ctrl+C stops the server).")
    return "\n".join(lines)
