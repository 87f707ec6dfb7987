"""How Sightline talks to its database."""

from uuid import uuid4

import pytest
from django.db import connection

from sightline.core.sql import typed_rows_for


@pytest.mark.django_db
def test_a_read_run_again_and_again_on_postgresql_is_planned_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite plans in-process; there is nothing to prepare")
    sql = "SELECT id FROM records_recordedperson WHERE id IN ({ids})"
    for count in range(1, 8):  # however many ids, the same statement
        typed_rows_for(sql, [uuid4() for _ in range(count)], [None])
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans FROM pg_prepared_statements")
        prepared = cursor.fetchall()
    plans = [generic for text, generic in prepared if "WHERE id = ANY($1)" in text]
    assert plans and plans[0] >= 2  # prepared at the fifth run, planned once for the rest


@pytest.mark.django_db
def test_an_orm_query_may_take_more_parameters_than_the_server_binds():
    from sightline.records.models import RecordedPerson

    many = [str(n) for n in range(70_000)]
    assert not RecordedPerson.objects.filter(source_reference__in=many).exists()


def test_preparing_can_be_turned_off_for_a_connection_pooler(monkeypatch):
    from config.settings.base import _url_database

    url = "postgres://app@db.example:5432/sightline"
    assert _url_database(url)["OPTIONS"]["prepare_threshold"] == 5
    in_schema = _url_database(f"{url}?currentSchema=care")["OPTIONS"]["options"]
    assert in_schema == "-c plan_cache_mode=force_generic_plan -c search_path=care"
    monkeypatch.setenv("SIGHTLINE_DB_PREPARE", "off")
    assert _url_database(url)["OPTIONS"] == {"prepare_threshold": None}
    assert "OPTIONS" not in _url_database("sqlite:////tmp/sightline.sqlite3")
