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


@pytest.mark.django_db
def test_an_orm_query_may_take_more_parameters_than_the_server_binds():
    from sightline.records.models import RecordedPerson

    many = [str(n) for n in range(70_000)]
    assert not RecordedPerson.objects.filter(source_reference__in=many).exists()


def test_preparing_can_be_turned_off_for_a_connection_pooler(monkeypatch):
    from config.settings.base import _url_database

    url = "postgres://app@db.example:5432/sightline"
    assert _url_database(url)["OPTIONS"]["prepare_threshold"] == 5
    monkeypatch.setenv("SIGHTLINE_DB_PREPARE", "off")
    assert _url_database(url)["OPTIONS"]["prepare_threshold"] is None
    assert "OPTIONS" not in _url_database("sqlite:////tmp/sightline.sqlite3")
