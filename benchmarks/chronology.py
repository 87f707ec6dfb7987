"""How long a child's joined chronology takes to serve: a child with 1,000 events, in a
PostgreSQL store of 5 million events.

Setup, not timed as the figure: a fresh PostgreSQL database beside the one DATABASE_URL names,
migrated; six agencies (a school, police, a GP practice, health visiting, a hospital and
children's social care), each with a practitioner, and the school's designated safeguarding
lead (DSL); the child as each agency records it, the six records linked by a linkage run; two
adults living with the child, recorded by the police; households derived; the school's
enrolment of the child. All of it through the real services. Then the store is filled to
--events: the child's events (recorded one at a time through event_record, some amended
through event_amend) and the household adults' incidents and concerns, each written between
two COPYs of events about other recorded persons, so that the child's rows lie scattered
among millions of others as they would after years of recording. The bulk rows fill every
column of the same tables (recorded persons, their versions and addresses; events, their
versions and subjects), with values made by the services' own validation and preparation;
they have no audit entries, identity links or households. Then VACUUM ANALYZE, as autovacuum
would after such growth, and a CHECKPOINT; the measurement waits (--settle seconds at most)
for the machine's load average to fall below 1.

Measured in a fresh process under /usr/bin/time -v, started as the web server starts
(config/wsgi.py): the DSL, signed in through Django's test client, states a purpose once, then
asks for the chronology page --warm times (not counted) and --requests times, each timed end
to end inside the process (the whole Django request: middleware and session, the view, the
selectors, the template, the audit entry and its commit; no network), and each request's SQL
queries counted. Then the same for the page as Sightline knew it at the end of today
(?as_of_day=…), and for the API's read (GET /api/v1/persons/<id>/chronology, with a bearer
token: its first page, as a client asks for it) where the URLconf has it.

    .venv/bin/python -m benchmarks.chronology --seed 2

The database is dropped afterwards unless --keep; --database measures again on a kept one.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from benchmarks.event_file import FAMILY, GIVEN, MIX, POSTCODES
from benchmarks.import_events import ROOT, TIME, Store, machine, peak_mb, reference_seconds

# code → (kind, name, share of the child's events)
AGENCIES: dict[str, tuple[str, str, float]] = {
    "bench-school": ("school", "Larchfield Primary School", 0.30),
    "bench-police": ("police", "West Midlands Police", 0.15),
    "bench-gp": ("gp", "Elm Road Surgery", 0.15),
    "bench-health-visiting": ("health_visiting", "City Health Visiting Service", 0.10),
    "bench-hospital": ("hospital", "City Hospital", 0.10),
    "bench-social-care": ("childrens_social_care", "City Children's Services", 0.20),
}
DSL = "bench-dsl"
CHILD = "CHILD-1"  # each agency's own reference for the child
ADULTS = ("ADULT-1", "ADULT-2")  # the police's references for the two adults
HOME = {"line1": "7 Larch Close", "town": "Coventry", "postcode": "CV4 8ZZ"}
SENTENCES = (
    "Seen at the start of the day with a parent.",
    "Discussed with the designated safeguarding lead the same morning.",
    "Mother said things at home had been difficult since the summer.",
    "Information shared with the allocated worker by telephone.",
    "No further concerns raised at the time; to be reviewed next week.",
    "The account given did not match what was observed.",
    "Followed up in writing to the family.",
    "Recorded from the practitioner's notes of the visit.",
)


# ------------------------------------------------------------------- what the services write


def _when(rng: random.Random) -> str:
    moment = dt.datetime(2018, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randrange(8 * 365 * 24 * 60)
    )
    return moment.strftime("%Y-%m-%dT%H:%M")


def event_raw(
    rng: random.Random, agency_kind: str, reference: str, subjects: list[dict[str, str]]
) -> dict[str, Any]:
    """A valid event of a kind suited to the agency (benchmarks/event_file.py's mix)."""
    kinds, makers, weights = zip(*MIX[agency_kind], strict=True)
    index = rng.choices(range(len(kinds)), weights)[0]
    details, answers = makers[index](rng)
    return {
        "source_reference": reference,
        "kind": kinds[index],
        "occurred_at": _when(rng),
        "recorded_by": rng.choice(("A. Practitioner", "B. Officer", "C. Nurse", "D. Teacher")),
        "summary": " ".join(rng.sample(SENTENCES, rng.randint(1, 3))),
        "subjects": subjects,
        "interpreter": "not_applicable",
        **answers,
        "details": details,
    }


def person_raw(rng: random.Random, reference: str, child: bool) -> dict[str, Any]:
    born = dt.date(2010 if child else 1975, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
    return {
        "source_reference": reference,
        "given_name": rng.choice(GIVEN),
        "family_name": rng.choice(FAMILY),
        "date_of_birth": born.isoformat(),
        "sex": rng.choice("MF"),
        "addresses": [
            {
                "line1": f"{rng.randrange(1, 300)} {rng.choice(('Elm', 'Oak', 'Ash'))} Road",
                "town": "Coventry",
                "postcode": rng.choice(POSTCODES),
            }
        ],
    }


def world_persons() -> dict[str, list[dict[str, Any]]]:
    """agency code → the persons it records: every agency the child, the police the adults."""
    child = {"given_name": "Maya", "family_name": "Thornbury", "date_of_birth": "2016-05-04"}
    persons = {
        code: [{"source_reference": CHILD, **child, "sex": "F", "addresses": [HOME]}]
        for code in AGENCIES
    }
    persons["bench-police"] += [
        {"source_reference": ADULTS[0], "given_name": "Kerry", "family_name": "Thornbury",
         "date_of_birth": "1989-02-11", "sex": "F", "addresses": [HOME]},
        {"source_reference": ADULTS[1], "given_name": "Dean", "family_name": "Marsh",
         "date_of_birth": "1986-09-30", "sex": "M", "addresses": [HOME]},
    ]  # fmt: skip
    return persons


@dataclass(frozen=True)
class Step:
    """One write through the services: an event recorded, or amended (`amends`)."""

    code: str
    raw: dict[str, Any]
    key: int  # which of the plan's events
    amends: bool = False


def service_plan(seed: int, child_events: int, household_events: int, amended: int) -> list[Step]:
    """The child's events from every agency, the adults' incidents and concerns, and some of
    the child's events amended later, in the order they are written."""
    rng = random.Random(seed)
    codes = list(AGENCIES)
    shares = [share for _, _, share in AGENCIES.values()]
    written: list[tuple[str, dict[str, Any]]] = []
    for number in range(child_events):
        code = rng.choices(codes, shares)[0]
        subjects = [{"person": CHILD, "role": "child_subject"}]
        if code == "bench-police" and rng.random() < 0.4:
            subjects.append({"person": ADULTS[0], "role": "parent_or_carer"})
        written.append((code, event_raw(rng, AGENCIES[code][0], f"CH-{number:05d}", subjects)))
    for number in range(household_events):
        raw = event_raw(rng, "police", f"HH-{number:05d}", [])
        if raw["kind"] == "note":  # the household's kinds only: incidents and concerns
            raw = {**raw, "kind": "concern", "details": {"categories": ["domestic_abuse"]}}
        raw["subjects"] = [
            {"person": ADULTS[0], "role": "parent_or_carer"},
            {"person": ADULTS[1], "role": "alleged_perpetrator"},
        ]
        written.append(("bench-police", raw))
    rng.shuffle(written)
    placed = [(float(key), Step(code, raw, key)) for key, (code, raw) in enumerate(written)]
    child_keys = [k for k, (_, raw) in enumerate(written) if raw["source_reference"][:3] == "CH-"]
    for key in rng.sample(child_keys, min(amended, len(child_keys))):
        code, raw = written[key]
        again = {**raw, "summary": raw["summary"] + " Amended: the time was checked."}
        placed.append((rng.uniform(key + 0.5, len(written)), Step(code, again, key, True)))
    return [step for _, step in sorted(placed, key=lambda p: p[0])]


# ------------------------------------------------------------------- the bulk of the store

_TABLES = {  # Django's table names for the records app's models
    "person": "records_recordedperson",
    "person_version": "records_recordedpersonversion",
    "address": "records_personaddress",
    "event": "records_event",
    "event_version": "records_eventversion",
    "subject": "records_eventsubject",
}
_TEMPLATES_PER_KIND = 24
_AMENDED_SHARE = 0.05
# Kinds that may be about an adult alone (the others are about a child: the validators say so).
_ABOUT_ADULTS = frozenset({"domestic_abuse_incident", "concern", "front_door_decision", "note"})


class Filler:
    """The bulk of the store: other recorded persons and events about them, copied in with COPY.

    `records` carries the services' own column lists and row builders
    (sightline.records.services.rows) and two functions, raw person → PreparedPerson and raw
    event → PreparedEvent (the services' validation and preparation), handed in by the setup
    process once Django is set up. Each event takes a prepared event of its agency's kind and
    its own time, subjects, ids and digest.
    """

    def __init__(
        self, *, connection: Any, seed: int, agencies: dict[str, tuple[Any, str, int]], records: Any
    ) -> None:
        self.rng = random.Random(seed * 7919 + 1)
        # The services' own connection. A PostgreSQL backend puts a single row in the page it
        # last wrote to while that has room: on a connection of their own, the rows written
        # through the services would sit together, many to a page; on this one each goes to
        # the page the last COPY ended on, among the others' rows.
        self.connection = connection
        self.agencies = agencies  # code → (agency id, kind, practitioner's user id)
        self.records = records
        self.families: list[tuple[str, tuple[uuid.UUID, uuid.UUID, uuid.UUID]]] = []
        self.templates = {kind: self._templates(kind) for _, kind, _ in agencies.values()}
        self.copied = 0

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _templates(self, agency_kind: str) -> list[Any]:
        """Prepared events of the agency's kinds, each kind as often as its weight."""
        chosen: list[Any] = []
        for kind, _, weight in MIX[agency_kind]:
            prepared: list[Any] = []
            while len(prepared) < _TEMPLATES_PER_KIND:
                raw = event_raw(
                    self.rng, agency_kind, "T", [{"person": "T", "role": "child_subject"}]
                )
                if raw["kind"] == kind:
                    prepared.append(self.records.event(raw))
            chosen += prepared * weight
        return chosen

    def _copy(self, tables: list[tuple[str, Sequence[str], list[Sequence[Any]]]]) -> None:
        """COPY rows into tables, in one transaction."""
        with self.connection.transaction(), self.connection.cursor() as cursor:
            # Every row refers only to rows copied before it, so the data is consistent by
            # construction: checking some 20 million foreign keys one by one would only slow
            # the setup. (Indexes and check constraints still apply.)
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table, columns, rows in tables:
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(_TABLES[table]),
                    sql.SQL(", ").join(map(sql.Identifier, columns)),
                )
                with cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row(row)

    def persons(self, families: int, batch: int = 20_000) -> None:
        """Families of two children and a parent, each family recorded by one agency."""
        rows = self.records.rows
        codes = sorted(self.agencies)
        for start in range(0, families, batch):
            people: list[Sequence[Any]] = []
            versions: list[Sequence[Any]] = []
            addresses: list[Sequence[Any]] = []
            for family in range(start, min(families, start + batch)):
                code = codes[family % len(codes)]
                agency_id, _, author = self.agencies[code]
                ids = []
                for member, child in enumerate((True, True, False)):
                    reference = f"B{family:07d}-{member}"
                    prepared = self.records.person(person_raw(self.rng, reference, child))
                    person_id, version_id = self._uuid(), self._uuid()
                    received = self._past()
                    people.append((person_id, agency_id, reference, author, received))
                    version, _, held, _ = rows.person_version_rows(
                        prepared, version_id, person_id, 1, (prepared.content_digest, author, "")
                    )
                    versions.append((*version, received))
                    addresses += held
                    ids.append(person_id)
                self.families.append((code, (ids[0], ids[1], ids[2])))
            self._copy(
                [
                    ("person", (*rows.PERSON_COLUMNS, "received_at"), people),
                    ("person_version", (*rows.PERSON_VERSION_COLUMNS, "received_at"), versions),
                    ("address", rows.ADDRESS_COLUMNS, addresses),
                ]
            )

    def _past(self) -> dt.datetime:
        return dt.datetime(2018, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
            seconds=self.rng.randrange(8 * 365 * 86_400)
        )

    def events(self, count: int) -> None:
        """`count` events, about one of a family's children (with its parent, sometimes) or its
        parent alone, one version each but for some amended once."""
        rows = self.records.rows
        occurred_at = rows.EVENT_VERSION_COLUMNS.index("occurred_at")
        events: list[Sequence[Any]] = []
        versions: list[Sequence[Any]] = []
        subjects: list[Sequence[Any]] = []
        for _ in range(count):
            code, (first, second, parent) = self.families[self.rng.randrange(len(self.families))]
            agency_id, kind, author = self.agencies[code]
            template = self.rng.choice(self.templates[kind])
            if template.kind in _ABOUT_ADULTS and self.rng.random() < 0.3:
                about = [(parent, "parent_or_carer")]
            else:
                about = [(self.rng.choice((first, second)), "child_subject")]
                if self.rng.random() < 0.4:
                    about.append((parent, "parent_or_carer"))
            event_id, occurred = self._uuid(), self._past()
            received = occurred + dt.timedelta(minutes=self.rng.randrange(60, 20 * 24 * 60))
            events.append(
                (event_id, agency_id, template.kind, f"E{self.copied:09d}", author, received)
            )
            self.copied += 1
            amended = self.rng.random() < _AMENDED_SHARE
            for number in (1, 2) if amended else (1,):
                if number == 2:  # another account of the same event, received later
                    template = self._same_kind(kind, template.kind)
                    received += dt.timedelta(days=self.rng.randrange(1, 60))
                version_id = self._uuid()
                tail = (
                    _digest(template.content_digest, occurred, about),
                    author,
                    "" if number == 1 else "Corrected after supervision.",
                )
                row = [*rows.event_version_row(template, version_id, event_id, number, tail)]
                row[occurred_at] = occurred
                versions.append((*row, received))
                subjects += [(version_id, person, role) for person, role in about]
        self._copy(
            [
                ("event", (*rows.EVENT_COLUMNS, "received_at"), events),
                ("event_version", (*rows.EVENT_VERSION_COLUMNS, "received_at"), versions),
                ("subject", rows.SUBJECT_COLUMNS, subjects),
            ]
        )

    def _same_kind(self, agency_kind: str, kind: str) -> Any:
        while (template := self.rng.choice(self.templates[agency_kind])).kind != kind:
            pass
        return template


def _digest(content: str, occurred: dt.datetime, about: list[tuple[uuid.UUID, str]]) -> str:
    """A SHA-256 of the version's content as the services form it (content, then subjects)."""
    subjects = json.dumps(sorted([str(person), role] for person, role in about))
    return hashlib.sha256(f"{content}\x1f{occurred.isoformat()}\x1f{subjects}".encode()).hexdigest()


# ------------------------------------------------------------------- the processes

SET_UP = """
import django, json, os, sys, time; django.setup()
from datetime import UTC, datetime
from types import SimpleNamespace
import psycopg
from django.core.management import call_command
from django.db import connection
from benchmarks import chronology as bench
from sightline.agencies.selectors import scope_for_user
from sightline.agencies.services import agency_create, practitioner_create
from sightline.households.services import households_derive
from sightline.identity.linkage.data import FieldContribution, ScoredPair, Thresholds
from sightline.identity.services import linkage_model_record, linkage_run_apply
from sightline.records.services import event_amend, event_record, recorded_person_create
from sightline.records.services import relationship_record, rows
from sightline.records.services.prepared import prepare_event, prepare_person
from sightline.records.services.validation import event_parse, person_parse

o = json.loads(sys.argv[1])
began = time.perf_counter()
call_command("migrate", verbosity=0)
agencies, staff, scopes = {}, {}, {}
for code, (kind, name, _) in bench.AGENCIES.items():
    agencies[code] = agency_create(actor=None, code=code, name=name, kind=kind)
    staff[code] = practitioner_create(actor=None, username=code, password=None,
                                      display_name=f"{name} practitioner", agency=agencies[code],
                                      role="practitioner")
    scopes[code] = scope_for_user(user_id=staff[code].pk)
practitioner_create(actor=None, username=bench.DSL, password=None, display_name="School DSL",
                    agency=agencies["bench-school"], role="dsl")
records = {}
for code, persons in bench.world_persons().items():
    for raw in persons:
        records[code, raw["source_reference"]] = recorded_person_create(
            actor=staff[code], scope=scopes[code], agency_id=agencies[code].id, raw=raw
        ).record_id
linkage_model_record(actor=None, version="bench", parameters={"prior": -8.0},
                     trained_at=datetime(2026, 1, 1, tzinfo=UTC))
evidence = (FieldContribution("date_of_birth", "exact", 23.0, "2016-05-04", "2016-05-04"),)
school = str(records["bench-school", bench.CHILD])
linkage_run_apply(actor=None, model_version="bench", thresholds=Thresholds(10.0, 2.0), pairs=[
    ScoredPair(school, str(records[code, bench.CHILD]), 15.0, 0.99997, evidence)
    for code in bench.AGENCIES if code != "bench-school"])
households_derive(actor=None)
relationship_record(actor=staff["bench-school"], scope=scopes["bench-school"],
                    agency_id=agencies["bench-school"].id,
                    raw={"kind": "school_enrolment", "person": bench.CHILD, "start": "2021-09-01"})
seconds = {"world": time.perf_counter() - began}

connection.ensure_connection()
filler = bench.Filler(
    connection=connection.connection, seed=o["seed"],
    agencies={code: (a.id, a.kind, staff[code].pk) for code, a in agencies.items()},
    records=SimpleNamespace(rows=rows, person=lambda raw: prepare_person(person_parse(raw)),
                            event=lambda raw: prepare_event(event_parse(raw))))
filler.persons(o["families"])
seconds["persons"] = time.perf_counter() - began - sum(seconds.values())
plan = bench.service_plan(o["seed"], o["child_events"], o["household_events"], o["amended"])
share, extra = divmod(o["bulk_events"], len(plan))
recorded = {}
for number, step in enumerate(plan):
    filler.events(share + (number < extra))
    if step.amends:
        event_amend(actor=staff[step.code], scope=scopes[step.code], event_id=recorded[step.key],
                    raw=step.raw, reason="Corrected after supervision.")
    else:
        recorded[step.key] = event_record(actor=staff[step.code], scope=scopes[step.code],
                                          agency_id=agencies[step.code].id, raw=step.raw).record_id
    if number % 100 == 99:
        print(f"setup: {filler.copied:,} events copied, {number + 1} written through the"
              f" services, {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
seconds["events"] = time.perf_counter() - began - sum(seconds.values())
connection.close()
with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as database:
    database.execute("VACUUM ANALYZE")
seconds["vacuum"] = time.perf_counter() - began - sum(seconds.values())
print(json.dumps({"seconds": seconds, "copied": filler.copied, "written": len(plan)}))
"""

MEASURE = """
import json, re, sys, time
import config.wsgi  # the server's own start-up: settings, apps, and what it does after them
from datetime import UTC, datetime
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from sightline.agencies.services import token_create
from sightline.records.models import Event, RecordedPerson

warm, requests, dsl = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
child = RecordedPerson.objects.get(agency__code="bench-school", source_reference="CHILD-1").id
with connection.cursor() as cursor:
    cursor.execute("SELECT version(), current_setting('shared_buffers'),"
                   " pg_database_size(current_database())")
    server, buffers, size = cursor.fetchone()
store = {"events": Event.objects.count(), "persons": RecordedPerson.objects.count(),
         "bytes": size, "server": server.split(" on ")[0], "shared_buffers": buffers}

client = Client(HTTP_HOST="localhost")  # an allowed host: no test runner adds "testserver"
client.force_login(get_user_model().objects.get(username=dsl))
page = reverse("web:child-chronology", args=[child])
stated = client.post(reverse("web:chronology-purpose", args=[child]),
                     {"purpose": "concern", "next": page})
assert stated.status_code == 302, stated.status_code
shown = re.compile(rb"(\\d+) entr(?:y|ies) from (\\d+) agenc")

def on_page(response):
    return int(shown.search(response.content).group(1))

def timed(get, entries, before=lambda: None):
    seconds, queries = [], []
    for _ in range(warm + requests):
        before()
        reset_queries()  # the log keeps 9,000 queries at most, and then counts none
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = get()
            seconds.append(time.perf_counter() - began)
        assert response.status_code == 200, (response.status_code, response.content[:300])
        queries.append(len(captured))
    return {"first": seconds[0], "seconds": seconds[warm:], "queries": queries[warm:],
            "entries": entries(response)}

today = datetime.now(UTC).date()
as_of = {"as_of_day": today.day, "as_of_month": today.month, "as_of_year": today.year}
figures = {"page": timed(lambda: client.get(page), on_page),
           "as of today": timed(lambda: client.get(page, as_of), on_page)}
api = f"/api/v1/persons/{child}/chronology"
try:
    resolve(api)
except Resolver404:
    pass  # not in this URLconf
else:
    bearer = f"Bearer {token_create(actor=None, username=dsl).secret}"
    # The API allows a practitioner 300 requests a minute, fewer than are sent here: its counts
    # are cleared before each request, outside the timing (each request still counts itself).
    figures["api"] = timed(lambda: client.get(api, HTTP_AUTHORIZATION=bearer),
                           lambda response: response.json()["count"], cache.clear)
print(json.dumps({"store": store, "figures": figures}))
"""


def _run(command: list[str], store: Store, what: str, *, progress: bool = False) -> str:
    """Run a step in a fresh process; its standard output. With `progress`, what it says on
    standard error is shown as it goes."""
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=store.env,
        stdout=subprocess.PIPE,
        stderr=None if progress else subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{what} failed:\n{done.stdout[-2000:]}\n{(done.stderr or '')[-3000:]}")
    return done.stdout + (done.stderr or "")


def _set_up(store: Store, args: argparse.Namespace) -> None:
    store.var.mkdir(parents=True, exist_ok=True)
    store._server(f'CREATE DATABASE "{store.name}"')
    world = sum(len(persons) for persons in world_persons().values())
    written = args.child_events + args.household_events
    options = {
        "seed": args.seed,
        "families": max(1, (args.persons - world) // 3),
        "child_events": args.child_events,
        "household_events": args.household_events,
        "amended": args.amended,
        "bulk_events": max(0, args.events - written),
    }
    out = _run([sys.executable, "-c", SET_UP, json.dumps(options)], store, "setup", progress=True)
    summary = json.loads(out.strip().splitlines()[-1])
    print(
        "setup: "
        + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in summary["seconds"].items())
        + f"; {summary['copied']:,} events copied, {summary['written']:,} writes through the"
        " services"
    )


def _settle(store: Store, seconds: float) -> None:
    """A CHECKPOINT, so that the server's writing out of the setup does not share the machine
    with the measurement; then wait, `seconds` at most, for the load average to fall below 1."""
    with psycopg.connect(store.env["DATABASE_URL"], autocommit=True) as database:
        database.execute("CHECKPOINT")
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] >= 1.0 and time.monotonic() < deadline:
        time.sleep(5)


def _measure(store: Store, args: argparse.Namespace) -> tuple[dict[str, Any], float | None]:
    command = [sys.executable, "-c", MEASURE, str(args.warm), str(args.requests), DSL]
    if TIME.exists():
        command = [str(TIME), "-v", *command]
    out = _run(command, store, "the measurement")
    result: dict[str, Any] = json.loads(
        next(line for line in reversed(out.splitlines()) if line.startswith('{"store"'))
    )
    return result, peak_mb(out)


def _percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _print(result: dict[str, Any], peak: float | None) -> None:
    store = result["store"]
    print(
        f"store: {store['events']:,} events, {store['persons']:,} recorded persons,"
        f" {store['bytes'] / 2**30:.1f} GiB ({store['server']}, shared_buffers"
        f" {store['shared_buffers']})"
    )
    for name, figures in result["figures"].items():
        ms = [seconds * 1000 for seconds in figures["seconds"]]
        queries = sorted(set(figures["queries"]))
        counted = f"{queries[0]}, constant" if len(queries) == 1 else f"{queries} (not constant)"
        print(
            f"{name:>12}: {figures['entries']:,} entries; p50 {_percentile(ms, 0.5):.1f} ms,"
            f" p95 {_percentile(ms, 0.95):.1f} ms, p99 {_percentile(ms, 0.99):.1f} ms,"
            f" max {max(ms):.1f} ms ({len(ms)} requests; the first of all"
            f" {figures['first'] * 1000:.0f} ms); queries per request: {counted}"
        )
    if "api" not in result["figures"]:
        print("         api: /api/v1/persons/<id>/chronology is not in the URLconf; not measured")
    if peak is not None:
        print(f"peak memory of the measuring process: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--events", type=int, default=5_000_000, help="events in the store")
    parser.add_argument("--persons", type=int, default=500_000, help="recorded persons")
    parser.add_argument("--child-events", type=int, default=1_000)
    parser.add_argument("--household-events", type=int, default=40)
    parser.add_argument("--amended", type=int, default=50, help="of the child's events")
    parser.add_argument("--requests", type=int, default=300, help="timed requests a variant")
    parser.add_argument("--warm", type=int, default=30, help="requests not counted")
    parser.add_argument(
        "--settle", type=float, default=180, help="seconds to wait at most for a quiet machine"
    )
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--database", help="measure again on a database kept earlier (made with its own seed)"
    )
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sightline-bench-chronology-"))
    today = dt.datetime.now(tz=dt.UTC).date().isoformat()
    print(f"{today}; {machine()}; load average {os.getloadavg()[0]:.2f} at start")
    print(f"reference workload: {reference_seconds():.2f} s (lower is faster)")
    store = Store("postgres", workdir)
    if args.database:
        store.env["DATABASE_URL"] = args.database
    began = time.perf_counter()
    try:
        if not args.database:
            _set_up(store, args)
        _settle(store, args.settle)
        print(f"load average {os.getloadavg()[0]:.2f} before measuring")
        result, peak = _measure(store, args)
        _print(result, peak)
        print(
            f"load average {os.getloadavg()[0]:.2f} at the end, {time.perf_counter() - began:.0f} s"
        )
    finally:
        if args.keep or args.database:
            print(f"kept: {store.env['DATABASE_URL']}")
        else:
            store.drop()
            if not args.workdir:
                shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
