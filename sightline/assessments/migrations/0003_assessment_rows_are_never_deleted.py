"""Closes two ways round the rule that nobody decides about their own assessment (migration 0002).

1. Foreign keys are checked when the transaction commits, so a decision (or a senior review)
   could be written before the submission (or decision) it points at: the trigger then found no
   author (NULL), and a comparison with NULL refuses nothing. Such a row is now refused: a
   decision needs its submission, and a review its decision, already written.
2. Only updates were refused, so an assessment row could be deleted and written again with
   another author. Every assessment table now refuses DELETE, row by row, and on PostgreSQL
   TRUNCATE too (a statement trigger: TRUNCATE fires no row triggers).

The triggers of 0002 that refuse updates stay as they are. SQLite drops a table's triggers when
a later migration rebuilds the table: the tests assert that every trigger below exists.
"""

import importlib

from django.db import migrations

signer_rule = importlib.import_module(
    "sightline.assessments.migrations.0002_signer_is_never_the_author"
)
APPEND_ONLY_TABLES = signer_rule.APPEND_ONLY_TABLES
RunSQLByVendor = signer_rule.RunSQLByVendor

_DECISION_AUTHOR = signer_rule._DECISION_AUTHOR
_REVIEW_AUTHOR = signer_rule._REVIEW_AUTHOR
_BY_AUTHOR = signer_rule._BY_AUTHOR
_WITHOUT = "assessment_decided_before_it_was_submitted"
_DELETED = "assessment_rows_are_never_deleted"


def _sqlite_author_rule(table: str, decider: str, author: str) -> str:
    """Refuse the row unless the assessment's author is found and is not the decider."""
    return (
        f"CREATE TRIGGER {table}_not_by_author BEFORE INSERT ON {table} FOR EACH ROW"
        f" BEGIN SELECT RAISE(ABORT, '{_WITHOUT}') WHERE ({author}) IS NULL;"
        f" SELECT RAISE(ABORT, '{_BY_AUTHOR}') WHERE NEW.{decider} = ({author}); END"
    )


def sqlite_delete_guard(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table} FOR EACH ROW"
        f" BEGIN SELECT RAISE(ABORT, '{_DELETED}'); END"
    )


SQLITE_DELETE_GUARDS = [sqlite_delete_guard(table) for table in APPEND_ONLY_TABLES]

SQLITE = [
    "DROP TRIGGER IF EXISTS assessments_decision_not_by_author",
    "DROP TRIGGER IF EXISTS assessments_seniorreview_not_by_author",
    _sqlite_author_rule("assessments_decision", "decided_by_id", _DECISION_AUTHOR),
    _sqlite_author_rule("assessments_seniorreview", "reviewed_by_id", _REVIEW_AUTHOR),
    *SQLITE_DELETE_GUARDS,
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_never_deleted" for table in APPEND_ONLY_TABLES),
    "DROP TRIGGER IF EXISTS assessments_decision_not_by_author",
    "DROP TRIGGER IF EXISTS assessments_seniorreview_not_by_author",
    *(s for s in signer_rule.SQLITE if "_not_by_author" in s),
]


def _postgresql_author_rule(function: str, decider: str, author: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" DECLARE author bigint; BEGIN author := ({author});"
        f" IF author IS NULL THEN RAISE EXCEPTION '{_WITHOUT}' USING ERRCODE = 'check_violation',"
        f" CONSTRAINT = '{_WITHOUT}'; END IF;"
        f" IF NEW.{decider} = author THEN RAISE EXCEPTION '{_BY_AUTHOR}'"
        f" USING ERRCODE = 'check_violation', CONSTRAINT = '{_BY_AUTHOR}'; END IF;"
        " RETURN NEW; END $$"
    )


POSTGRESQL = [
    _postgresql_author_rule(
        "assessments_decision_not_by_author", "decided_by_id", _DECISION_AUTHOR
    ),
    _postgresql_author_rule(
        "assessments_seniorreview_not_by_author", "reviewed_by_id", _REVIEW_AUTHOR
    ),
    "CREATE FUNCTION assessments_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN RAISE EXCEPTION '{_DELETED}: %', TG_TABLE_NAME"
    f" USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = '{_DELETED}'; END $$",
    *(
        f"CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table}"
        " FOR EACH ROW EXECUTE FUNCTION assessments_refuse_delete()"
        for table in APPEND_ONLY_TABLES
    ),
    *(
        f"CREATE TRIGGER {table}_never_truncated BEFORE TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION assessments_refuse_delete()"
        for table in APPEND_ONLY_TABLES
    ),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_never_deleted ON {table}" for table in APPEND_ONLY_TABLES),
    *(f"DROP TRIGGER IF EXISTS {table}_never_truncated ON {table}" for table in APPEND_ONLY_TABLES),
    "DROP FUNCTION IF EXISTS assessments_refuse_delete()",
    *(
        s.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
        for s in signer_rule.POSTGRESQL
        if s.startswith("CREATE FUNCTION") and "_not_by_author()" in s
    ),
]


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_signer_is_never_the_author")]

    operations = [
        RunSQLByVendor(
            forwards={"sqlite": SQLITE, "postgresql": POSTGRESQL},
            backwards={"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE},
        )
    ]
