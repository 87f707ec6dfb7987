"""`sightline token create USERNAME`: a bearer token shown once and stored only as a hash."""

import io

import pytest
from django.core.management import ManagementUtility, call_command
from django.db import connections

from sightline.accounts.models import ApiToken
from sightline.audit.models import AuditEntry
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def _token_create(username: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token_create", username, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_prints_a_token_that_authenticates_the_practitioner(dsl, school):
    secret, note = _token_create("dsl")

    response = ApiClient(headers={"Authorization": f"Bearer {secret}"}).get(
        f"/agencies/{school.code}/persons", q="anyone"
    )

    assert response.status_code == 200
    assert "shown only this once" in note


def test_the_printed_token_is_not_stored_anywhere_in_the_database(dsl):
    secret, _ = _token_create("dsl")

    stored = [str(row) for row in ApiToken.objects.values()]
    stored += [str(row) for row in AuditEntry.objects.values()]
    assert stored
    assert not any(secret in row for row in stored)


def test_each_call_issues_a_different_token(dsl):
    assert _token_create("dsl")[0] != _token_create("dsl")[0]


def test_unknown_user_exits_non_zero_with_a_one_line_error(db, capsys, monkeypatch):
    # Run as from the shell, but keep the test's database connection: a command run this way
    # closes every connection when it ends.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["sightline", "token_create", "nobody"]).execute()

    assert exit_.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert "nobody" in captured.err
    assert ApiToken.objects.count() == 0
