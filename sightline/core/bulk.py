"""Inserting many rows at once without building a model instance for each.

Imports write hundreds of thousands of rows to append-only tables. `bulk_create` spends most of
its time turning model instances back into column values; here the caller gives the values
and each is adapted for the database once, by the field's own rules. Columns left out take
their database default (`db_default`). No model `save()` runs, as with `bulk_create`: the
database's constraints still hold for every row.
"""

import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

Adapter = Callable[[Any], Any]


class JSONText(str):
    """A JSON field's value already written as JSON text, so it is stored as it is."""

    __slots__ = ()  # no instance dictionary: cheaper to make, and to send between processes


# Parameters in one statement: below SQLite's limit (32,766) and cheap for PostgreSQL.
_MAX_PARAMS = 30_000
# From this many rows, COPY (with ids drawn first) beats one INSERT … RETURNING on PostgreSQL.
_COPY_FROM = 100


def _kind(field: models.Field[Any, Any]) -> str | None:
    """Which adaptation a field's values need; None when they go to the database as they are."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    for kind, model_field in (
        ("uuid", models.UUIDField),
        ("json", models.JSONField),
        ("datetime", models.DateTimeField),  # before DateField, of which it is a kind
        ("date", models.DateField),
    ):
        if isinstance(target, model_field):
            return kind
    return None


def _remember_last(adapt: Adapter) -> Adapter:
    """Adapt, reusing the last answer for the same value (one sealing time for a whole batch)."""
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return remembered


def _adapter(kind: str | None, field: models.Field[Any, Any], wrapper: Any) -> Adapter | None:
    """The adapter for one insert: bound to this thread's connection, looked up once."""
    ops = wrapper.ops
    if kind == "uuid" and not wrapper.features.has_native_uuid_field:
        return lambda value: value.hex if value is not None else None
    if kind == "json":
        encoder = field.encoder  # type: ignore[attr-defined]
        return lambda value: (
            value if type(value) is JSONText else ops.adapt_json_value(value, encoder)
        )
    if kind == "datetime":
        return _remember_last(ops.adapt_datetimefield_value)
    if kind == "date":
        return ops.adapt_datefield_value  # type: ignore[no-any-return]
    return None


@dataclass(frozen=True)
class _Plan:
    table: str
    columns: str
    fields: tuple[models.Field[Any, Any], ...]
    kinds: tuple[str | None, ...]
    # Fields the caller left out that have no database default: filled from the model's own
    # default, as bulk_create would, so a field added later cannot break these inserts.
    defaults: tuple[Callable[[], Any], ...]

    @property
    def width(self) -> int:
        return len(self.fields)


def _column(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise ValueError(f"{name} is not a column of {model._meta.label}")
    return field


@cache
def _plan(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> _Plan:
    meta = model._meta
    given = [_column(model, name) for name in fields]
    names = {f.name for f in given} | {f.attname for f in given}
    left_out = [
        f
        for f in meta.concrete_fields
        if f.attname not in names
        and f.db_default is models.NOT_PROVIDED
        and not (f.primary_key and isinstance(f, models.AutoField))
    ]
    quote = connection.ops.quote_name
    every = (*given, *left_out)
    return _Plan(
        table=quote(meta.db_table),
        columns=", ".join(quote(f.column) for f in every),
        fields=every,
        kinds=tuple(_kind(f) for f in every),
        defaults=tuple(f.get_default for f in left_out),
    )


def _adapted(
    rows: Iterable[Sequence[Any]], plan: _Plan, wrapper: Any = None
) -> Iterator[Sequence[Any]]:
    wrapper = wrapper or connections[DEFAULT_DB_ALIAS]
    adapters = [
        (i, _adapter(k, f, wrapper))
        for i, (k, f) in enumerate(zip(plan.kinds, plan.fields, strict=True))
    ]
    active = [(i, adapt) for i, adapt in adapters if adapt is not None]
    for row in rows:
        if not active and not plan.defaults:
            yield row
            continue
        values = [*row, *(default() for default in plan.defaults)]
        for i, adapt in active:
            values[i] = adapt(values[i])
        yield values


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows of values, in `fields` order (attribute names: `event_id`, not `event`)."""
    if not rows:
        return
    plan = _plan(model, tuple(fields), connection.vendor)
    if connection.vendor == "postgresql":
        behind = _behind_this_thread()
        if behind is not None:
            behind.submit(partial(_copy, connection.connection, plan, rows, connection))
        else:
            _copy(connection.connection, plan, rows, connection)
        return
    values = _adapted(rows, plan)
    marks = ", ".join(["%s"] * plan.width)
    # Names come from the model's own metadata, never from input; values are parameters.
    sql = f"INSERT INTO {plan.table} ({plan.columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(values))


def _copy(raw: Any, plan: _Plan, rows: Sequence[Sequence[Any]], wrapper: Any) -> None:
    """COPY is PostgreSQL's fastest way in; constraints and triggers apply as usual. Written
    on the driver's own connection, so that it can run on a writing-behind thread."""
    with (
        wrapper.wrap_database_errors,  # the driver's errors as Django's, as for any query
        raw.cursor() as cursor,
        cursor.copy(f"COPY {plan.table} ({plan.columns}) FROM STDIN") as copy,  # noqa: S608
    ):
        for row in _adapted(rows, plan, wrapper):
            copy.write_row(row)


class _WriteBehind:
    """COPYs run one after another on a thread of their own, in the caller's transaction, while
    the caller gets on with its work; any other query first waits for them (and raises any
    error they met), so every query sees every row written before it. Ids are drawn from their
    sequences without waiting (next_ids)."""

    def __init__(self, wrapper: Any) -> None:
        self._wrapper = wrapper
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._drawing: Any = None  # the driver's connection that next_ids draws on
        self._thread = threading.Thread(target=self._run, name="sightline-copy", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                if self._error is None:  # after a failure the transaction is lost: skip the rest
                    job()
            except BaseException as error:  # noqa: BLE001 (handed to the caller's thread)
                self._error = error
            finally:
                self._jobs.task_done()
        self._jobs.task_done()

    def submit(self, job: Callable[[], None]) -> None:
        if self._error is not None:
            self.wait()
        self._jobs.put(job)

    def wait(self) -> None:
        self._jobs.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def before_query(self, execute: Callable[..., Any], *args: Any) -> Any:
        self.wait()
        return execute(*args)

    def next_ids(self, sql: str, params: Sequence[Any]) -> list[int]:
        """Values drawn from a sequence on a connection of the writer's own, so that drawing
        the next batch's ids does not wait for the rows queued before it (an import draws ids
        for every batch of audit entries). A sequence is not transactional: values drawn on any
        connection are unique, and a rolled-back write leaves a gap in them wherever they were
        drawn."""
        if self._drawing is None:
            self._drawing = self._wrapper.get_new_connection(self._wrapper.get_connection_params())
            self._drawing.autocommit = True
        with self._wrapper.wrap_database_errors, self._drawing.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def stop(self, *, failed: bool) -> None:
        if failed:
            self._error = self._error or RuntimeError("abandoned")  # skip what is queued
        self._jobs.put(None)
        self._thread.join()
        if self._drawing is not None:
            self._drawing.close()


_writing_behind: dict[Any, _WriteBehind] = {}


def _behind_this_thread() -> _WriteBehind | None:
    """The writing behind under way on this thread's connection, if any."""
    return _writing_behind.get(connections[DEFAULT_DB_ALIAS])


@contextmanager
def writing_behind() -> Iterator[None]:
    """PostgreSQL, inside a transaction: rows inserted in the block are written behind the
    caller's back, overlapping the database's work with the caller's. Everything is written, or
    the error raised, before the block ends (and so before the transaction commits)."""
    wrapper = connections[DEFAULT_DB_ALIAS]  # this thread's connection (hashable, unlike the proxy)
    if wrapper.vendor != "postgresql" or wrapper in _writing_behind:
        yield
        return
    if not wrapper.in_atomic_block:
        raise RuntimeError("writing behind needs the caller's transaction")
    wrapper.ensure_connection()
    behind = _writing_behind[wrapper] = _WriteBehind(wrapper)
    failed = True
    try:
        with wrapper.execute_wrapper(behind.before_query):
            yield
            behind.wait()
        failed = False
    finally:
        del _writing_behind[wrapper]
        behind.stop(failed=failed)


_NEXT_IDS_SQL = "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)"


def _new_ids_postgresql(model: type[models.Model], count: int) -> list[int]:
    """Ids drawn from the table's own sequence, as the inserts would have drawn them."""
    pk = model._meta.pk
    assert pk is not None
    params: list[str | int] = [model._meta.db_table, pk.column, count]
    behind = _behind_this_thread()
    if behind is not None:
        return sorted(behind.next_ids(_NEXT_IDS_SQL, params))
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_IDS_SQL, params)
        return sorted(row[0] for row in cursor.fetchall())


def insert_rows_with_new_ids(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert rows into a table with an auto-increment id; return their ids, in row order.

    Many rows on PostgreSQL: ids are drawn from the table's sequence, then the rows copied in.
    Otherwise one multi-row INSERT … RETURNING (one query, for a page's few audit entries),
    which, as Django's own bulk_create relies on, gives the rows back in the order listed."""
    if not rows:
        return []
    pk = model._meta.pk
    assert pk is not None
    if connection.vendor == "postgresql" and len(rows) >= _COPY_FROM:
        ids = _new_ids_postgresql(model, len(rows))
        insert_rows(
            model, (pk.attname, *fields), [(i, *row) for i, row in zip(ids, rows, strict=True)]
        )
        return ids
    return _inserted_keys(model, fields, rows, unless_present=False)


def _inserted_keys(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    unless_present: bool,
) -> list[Any]:
    """Multi-row `INSERT … RETURNING`, a statement for each few thousand rows: the primary keys
    written, as the database gives them, in row order. unless_present: `ON CONFLICT DO
    NOTHING`, so a row a unique constraint says is there already is skipped, and not returned."""
    pk = model._meta.pk
    assert pk is not None
    plan = _plan(model, tuple(fields), connection.vendor)
    per_statement = max(1, _MAX_PARAMS // plan.width)
    marks = "(" + ", ".join(["%s"] * plan.width) + ")"
    conflicts = " ON CONFLICT DO NOTHING" if unless_present else ""
    found: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = list(_adapted(rows[start : start + per_statement], plan))
            params = [value for row in batch for value in row]
            sql = (
                f"INSERT INTO {plan.table} ({plan.columns}) "  # noqa: S608 (names from the model)
                f"VALUES {', '.join([marks] * len(batch))}{conflicts} "
                f"RETURNING {connection.ops.quote_name(pk.column)}"
            )
            cursor.execute(sql, params)
            found.extend(row[0] for row in cursor.fetchall())
    return found


def insert_rows_unless_present(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[Any]:
    """Insert rows (their primary key among `fields`), skipping each that a unique constraint
    says is there already, whether committed before or by another transaction meanwhile; return
    the primary keys of the rows this call wrote. One statement for up to a few thousand rows:
    `INSERT … ON CONFLICT DO NOTHING RETURNING`, on PostgreSQL and on SQLite (3.35 and later)."""
    if not rows:
        return []
    pk = model._meta.pk
    assert pk is not None
    written = _inserted_keys(model, fields, rows, unless_present=True)
    return [pk.to_python(value) for value in written]
