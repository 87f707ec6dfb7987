"""The database itself refuses a sign-off, a return or a senior review by the assessment's author,
and any update of an assessment's rows, however the SQL is written (not only through the
services), on SQLite and on PostgreSQL.

The author lives on the assessment and the decider on the decision, two tables apart, so a
check constraint cannot compare them: triggers do. Because every row is append-only, refusing
updates outright also stops an UPDATE from making a signer the author afterwards.

SQLite drops a table's triggers when a later migration rebuilds the table: the tests assert
that every trigger below exists, so such a migration must create them again.
"""

from typing import Any

from django.db import migrations, router

APPEND_ONLY_TABLES = (
    "assessments_assessment",
    "assessments_assessmentversion",
    "assessments_consideredentry",
    "assessments_closurerationale",
    "assessments_submission",
    "assessments_decision",
    "assessments_seniorreview",
    "assessments_effect",
)

# The author of the assessment a decision (or a review's decision) is about.
_DECISION_AUTHOR = (
    "SELECT a.author_id FROM assessments_assessment a"
    " JOIN assessments_submission s ON s.assessment_id = a.id WHERE s.id = NEW.submission_id"
)
_REVIEW_AUTHOR = (
    "SELECT a.author_id FROM assessments_assessment a"
    " JOIN assessments_submission s ON s.assessment_id = a.id"
    " JOIN assessments_decision d ON d.submission_id = s.id WHERE d.id = NEW.decision_id"
)
_BY_AUTHOR = "assessment_decided_by_its_author"
_UPDATED = "assessment_rows_are_never_updated"

SQLITE = [
    *(
        f"CREATE TRIGGER {table}_never_updated BEFORE UPDATE ON {table} FOR EACH ROW"
        f" BEGIN SELECT RAISE(ABORT, '{_UPDATED}'); END"
        for table in APPEND_ONLY_TABLES
    ),
    "CREATE TRIGGER assessments_decision_not_by_author BEFORE INSERT ON assessments_decision"
    f" FOR EACH ROW WHEN NEW.decided_by_id = ({_DECISION_AUTHOR})"
    f" BEGIN SELECT RAISE(ABORT, '{_BY_AUTHOR}'); END",
    "CREATE TRIGGER assessments_seniorreview_not_by_author BEFORE INSERT"
    " ON assessments_seniorreview"
    f" FOR EACH ROW WHEN NEW.reviewed_by_id = ({_REVIEW_AUTHOR})"
    f" BEGIN SELECT RAISE(ABORT, '{_BY_AUTHOR}'); END",
]
SQLITE_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_never_updated" for table in APPEND_ONLY_TABLES),
    "DROP TRIGGER IF EXISTS assessments_decision_not_by_author",
    "DROP TRIGGER IF EXISTS assessments_seniorreview_not_by_author",
]

POSTGRESQL = [
    "CREATE FUNCTION assessments_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN RAISE EXCEPTION '{_UPDATED}: %', TG_TABLE_NAME"
    f" USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = '{_UPDATED}'; END $$",
    "CREATE FUNCTION assessments_decision_not_by_author() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN IF NEW.decided_by_id = ({_DECISION_AUTHOR}) THEN"
    f" RAISE EXCEPTION '{_BY_AUTHOR}' USING ERRCODE = 'check_violation',"
    f" CONSTRAINT = '{_BY_AUTHOR}'; END IF; RETURN NEW; END $$",
    "CREATE FUNCTION assessments_seniorreview_not_by_author() RETURNS trigger"
    " LANGUAGE plpgsql AS $$"
    f" BEGIN IF NEW.reviewed_by_id = ({_REVIEW_AUTHOR}) THEN"
    f" RAISE EXCEPTION '{_BY_AUTHOR}' USING ERRCODE = 'check_violation',"
    f" CONSTRAINT = '{_BY_AUTHOR}'; END IF; RETURN NEW; END $$",
    *(
        f"CREATE TRIGGER {table}_never_updated BEFORE UPDATE ON {table}"
        " FOR EACH ROW EXECUTE FUNCTION assessments_refuse_update()"
        for table in APPEND_ONLY_TABLES
    ),
    "CREATE TRIGGER assessments_decision_not_by_author BEFORE INSERT ON assessments_decision"
    " FOR EACH ROW EXECUTE FUNCTION assessments_decision_not_by_author()",
    "CREATE TRIGGER assessments_seniorreview_not_by_author BEFORE INSERT"
    " ON assessments_seniorreview"
    " FOR EACH ROW EXECUTE FUNCTION assessments_seniorreview_not_by_author()",
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_never_updated ON {table}" for table in APPEND_ONLY_TABLES),
    "DROP TRIGGER IF EXISTS assessments_decision_not_by_author ON assessments_decision",
    "DROP TRIGGER IF EXISTS assessments_seniorreview_not_by_author ON assessments_seniorreview",
    "DROP FUNCTION IF EXISTS assessments_refuse_update()",
    "DROP FUNCTION IF EXISTS assessments_decision_not_by_author()",
    "DROP FUNCTION IF EXISTS assessments_seniorreview_not_by_author()",
]


class RunSQLByVendor(migrations.RunSQL):
    """RunSQL with its own list of statements for each database vendor."""

    def __init__(self, *, forwards: dict[str, list[str]], backwards: dict[str, list[str]]):
        super().__init__(sql=forwards, reverse_sql=backwards)
        self.forwards, self.backwards = forwards, backwards

    def _run(self, schema_editor: Any, app_label: str, statements: dict[str, list[str]]) -> None:
        connection = schema_editor.connection
        if router.allow_migrate(connection.alias, app_label, **self.hints):
            self._run_sql(schema_editor, statements[connection.vendor])

    def database_forwards(self, app_label: str, schema_editor: Any, *_: Any) -> None:
        self._run(schema_editor, app_label, self.forwards)

    def database_backwards(self, app_label: str, schema_editor: Any, *_: Any) -> None:
        self._run(schema_editor, app_label, self.backwards)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_assessments_versions_decisions_reviews")]

    operations = [
        RunSQLByVendor(
            forwards={"sqlite": SQLITE, "postgresql": POSTGRESQL},
            backwards={"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE},
        )
    ]
