"""How Sightline talks to its database."""

import pytest
from django.db import connection

from sightline.core.sql import typed_rows


@pytest.mark.django_db
def test_a_read_run_again_and_again_on_postgresql_is_planned_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite plans in-process; there is nothing to prepare")
    sql = "SELECT count(*) FROM records_recordedperson WHERE id = ANY(%s)"
    for _ in range(6):
        typed_rows(sql, [[]], [None])
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("records_recordedperson WHERE id = ANY($1)" in text for text in prepared)


def test_the_database_url_can_turn_server_side_binding_off():
    from config.settings.base import _url_database

    default = _url_database("postgres://app@db.example:5432/sightline")
    assert default["OPTIONS"]["server_side_binding"] is True
    pooled = _url_database("postgres://app@db.example:5432/sightline?server_side_binding=false")
    assert pooled["OPTIONS"]["server_side_binding"] is False
    assert "OPTIONS" not in _url_database("sqlite:////tmp/sightline.sqlite3")
