"""Lets a test database be emptied although its assessment tables refuse DELETE and TRUNCATE.

Tests that commit (transactional tests, and the browser tests' live server) end with Django
emptying every table: DELETE on SQLite, TRUNCATE on PostgreSQL, which the triggers of
assessments migration 0003 refuse, as they must for anyone else. Only for that flush, the
guards are lifted in the flush's own transaction: dropped and created again on SQLite, disabled
and enabled again on PostgreSQL (as the tables' owner). The fixture is used by every test (the
root conftest): any test that commits ends with a flush of every table, and on PostgreSQL the
TRUNCATE guards fire even when the assessment tables are empty.
"""

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper

guards = importlib.import_module(
    "sightline.assessments.migrations.0003_assessment_rows_are_never_deleted"
)
TABLES = frozenset(guards.APPEND_ONLY_TABLES)


def _sqlite_around(tables: set[str]) -> tuple[list[str], list[str]]:
    return (
        [f"DROP TRIGGER IF EXISTS {table}_never_deleted;" for table in sorted(tables)],
        [f"{guards.sqlite_delete_guard(table)};" for table in sorted(tables)],
    )


def _postgresql_around(tables: set[str]) -> tuple[list[str], list[str]]:
    def each(verb: str) -> list[str]:
        return [
            f"ALTER TABLE {table} {verb} TRIGGER {table}_{guard};"
            for table in sorted(tables)
            for guard in ("never_deleted", "never_truncated")
        ]

    return each("DISABLE"), each("ENABLE")


def _lifting(operations: Any, around: Any) -> Any:
    original = operations.sql_flush

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements: list[str] = original(self, style, tables, **kwargs)
        guarded = TABLES & set(tables)
        if not guarded:
            return statements
        before, after = around(guarded)
        return [*before, *statements, *after]

    return sql_flush


@pytest.fixture(autouse=True, scope="session")
def _assessment_guards_lifted_for_the_flush() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for wrapper, around in (
            (SqliteWrapper, _sqlite_around),
            (PostgresWrapper, _postgresql_around),
        ):
            patch.setattr(wrapper.ops_class, "sql_flush", _lifting(wrapper.ops_class, around))
        yield
