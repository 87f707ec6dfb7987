"""Reading rows by hand-written SQL, each column converted by its model field's own rules.

Sightline's own work on the live path (evaluating the risk rules when an event arrives) reads a
few small sets of rows from several tables at once. Built through the ORM, each such read
spends far longer composing its query than the database spends answering it; here the SQL is
written once, ids go in as parameters, and each value comes back exactly as the ORM would have
given it (UUIDs, dates, times, JSON), through the same converters.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast
from uuid import UUID
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

from sightline.core.ids import id_chunks

_Converter = tuple[list[Callable[..., Any]], Any]
Column = models.Field[Any, Any] | None  # the model field a selected column is converted as
_UUID: models.UUIDField[Any, Any] = models.UUIDField()


def columns(model: type[models.Model], *names: str) -> list[Column]:
    """The model's fields of these names, to convert selected columns as (see typed_rows)."""
    return [cast(models.Field[Any, Any], model._meta.get_field(name)) for name in names]


def placeholders(count: int) -> str:
    """`%s, %s, …` for an IN list of `count` values (never empty: `IN ()` is not SQL)."""
    return ", ".join(["%s"] * max(count, 1))


def id_params(ids: Iterable[UUID]) -> list[Any]:
    """Ids as the database takes them (SQLite keeps a UUID as 32 hex digits). An empty list
    becomes one id that matches nothing, to go with `placeholders`."""
    prepared = [_UUID.get_db_prep_value(i, connection) for i in ids]
    return prepared or [_UUID.get_db_prep_value(UUID(int=0), connection)]


# Per connection (each thread has its own) and per list of columns: the converters are looked up
# once, not for every read.
_CONVERTERS: "WeakKeyDictionary[Any, dict[tuple[Column, ...], list[_Converter | None]]]" = (
    WeakKeyDictionary()
)


def _converters(fields: Sequence[Column]) -> list[_Converter | None]:
    known = _CONVERTERS.setdefault(connections[DEFAULT_DB_ALIAS], {})
    key = tuple(fields)
    if key not in known:
        known[key] = _looked_up(key)
    return known[key]


def _looked_up(fields: Sequence[Column]) -> list[_Converter | None]:
    found: list[_Converter | None] = []
    for field in fields:
        if field is None:
            found.append(None)
            continue
        column = field.get_col(field.model._meta.db_table)
        steps = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        found.append((steps, column) if steps else None)
    return found


def _reading_cursor() -> Any:
    """A cursor for these reads. On PostgreSQL its parameters are bound by the server, so a read
    run again and again is prepared (config/settings: prepare_threshold) and planned once. The
    ORM's cursors bind on the client, which lets a query take any number of parameters (the
    server takes at most 65,535); these reads take a chunk of ids at a time."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    import psycopg  # only on PostgreSQL

    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = psycopg.Cursor(connection.connection)  # as Django's own ServerBindingCursor
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    return wrapper(raw, connection)


def typed_rows(sql: str, params: Sequence[Any], fields: Sequence[Column]) -> list[tuple[Any, ...]]:
    """The rows of `sql`, the value of column n converted as the model field `fields[n]`
    converts it (None: as the database gives it)."""
    with _reading_cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    converters = _converters(fields)
    if not any(converters):
        return [tuple(row) for row in rows]
    typed = []
    for row in rows:
        values = list(row)
        for index, converter in enumerate(converters):
            if converter is not None:
                steps, column = converter
                for step in steps:
                    values[index] = step(values[index], column, connection)
        typed.append(tuple(values))
    return typed


def typed_rows_for(
    sql: str, ids: Iterable[UUID], fields: Sequence[Column], *, before: Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """typed_rows of `sql` whose `{ids}` is the list of an `IN ({ids})`, a chunk of ids at a
    time (`before`: the parameters that come before the ids in the statement). Lookups by a
    plain list of ids are planned well even on tables PostgreSQL has not analysed yet (just
    after a large import), where a join or a subquery may be planned as a scan of the whole
    table. On PostgreSQL the list goes as one array (`= ANY(%s)`, planned as the list is), so
    that the statement is the same whatever the number of ids, and is prepared once."""
    if "IN ({ids})" not in sql:
        raise ValueError("typed_rows_for needs a statement with IN ({ids})")
    rows: list[tuple[Any, ...]] = []
    if connection.vendor == "postgresql":
        statement = sql.replace("IN ({ids})", "= ANY(%s)")
        for chunk in id_chunks(ids):
            rows += typed_rows(statement, [*before, id_params(chunk)], fields)
        return rows
    for chunk in id_chunks(ids):
        statement = sql.format(ids=placeholders(len(chunk)))
        rows += typed_rows(statement, [*before, *id_params(chunk)], fields)
    return rows


def subqueries_first(sql: str) -> str:
    """`sql` with each `{IN} subquery {END}` written so that the subquery is answered first and
    the ids it gives are then looked up through the column's index (`{ids}` is left for
    typed_rows_for). PostgreSQL is told so with `= ANY(ARRAY(…))`: left to itself, it may plan
    `IN (subquery)` as a join that scans the whole table when it has not analysed the table yet
    (just after a large import). SQLite plans `IN (subquery)` well as it is."""
    if connection.vendor == "postgresql":
        return sql.format(IN="= ANY(ARRAY(", END="))", ids="{ids}")
    return sql.format(IN="IN (", END=")", ids="{ids}")
