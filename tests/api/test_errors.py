"""Unexpected failures answer with a bare problem document, never internals."""

import pytest

from sightline.records import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_an_unexpected_error_is_a_500_problem_without_a_traceback(
    school_api, injury, monkeypatch, settings, debug
):
    settings.DEBUG = debug

    def broken(**kwargs):
        raise RuntimeError("connection string postgres://secret@db")

    monkeypatch.setattr(services, "event_open", broken)

    response = school_api.get(f"/events/{injury['id']}")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:sightline:problem:server-error"
    assert b"secret" not in response.content
    assert b"Traceback" not in response.content
