"""PostgreSQL privileges that make safeguarding records append-only in the database itself.

The application connects as a role that is neither owner nor superuser. That role may read and
insert everywhere, and update or delete ordinary tables, but it has no UPDATE, DELETE or
TRUNCATE on records, their versions, the audit trail or assessments (whose triggers refuse
those statements for every role too: assessments migrations 0002 and 0003). Migrations run as
the owner.
"""

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import sql

# (app label, model): every table whose rows are written once and never changed.
APPEND_ONLY_MODELS = (
    ("records", "Event"),
    ("records", "EventVersion"),
    ("records", "EventSubject"),
    ("records", "RecordedPerson"),
    ("records", "RecordedPersonVersion"),
    ("records", "PersonName"),
    ("records", "PersonAddress"),
    ("records", "PersonIdentifier"),
    ("records", "Relationship"),
    ("records", "RelationshipVersion"),
    ("audit", "AuditEntry"),
    ("audit", "AuditSeal"),
    ("identity", "LinkageModel"),
    ("identity", "LinkageRun"),
    ("identity", "Person"),
    ("identity", "PairEvidence"),
    ("identity", "LinkDecision"),
    ("identity", "PersonMembership"),
    ("households", "Household"),
    ("households", "HouseholdMembership"),
    ("notifications", "Notification"),
    ("notifications", "Acknowledgement"),
    ("notifications", "Escalation"),
    ("assessments", "Assessment"),
    ("assessments", "AssessmentVersion"),
    ("assessments", "ConsideredEntry"),
    ("assessments", "ClosureRationale"),
    ("assessments", "Submission"),
    ("assessments", "Decision"),
    ("assessments", "SeniorReview"),
    ("assessments", "Effect"),
)


def append_only_tables() -> list[str]:
    return [apps.get_model(label, name)._meta.db_table for label, name in APPEND_ONLY_MODELS]


def apply_app_role(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Create the application role if needed and set its privileges; returns the tables made
    append-only. Run as the database owner, after every migrate."""
    if connection.vendor != "postgresql":
        raise RuntimeError("database roles apply to PostgreSQL only")
    name = sql.Identifier(role)
    tables = append_only_tables()
    statements = [
        sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {}) THEN "
            "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS; END IF; END $$"
        ).format(sql.Literal(role), name),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
            sql.Identifier(connection.settings_dict["NAME"]), name
        ),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(name),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            name
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(name),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
            sql.SQL(", ").join(sql.Identifier(t) for t in tables), name
        ),
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.as_string(connection.connection))
    return tables
