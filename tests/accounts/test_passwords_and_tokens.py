import pytest
from django.contrib.auth.hashers import make_password

from config.settings import base
from sightline.accounts.models import ApiToken
from sightline.accounts.selectors import token_digest, user_for_token
from sightline.agencies.services import token_create

pytestmark = pytest.mark.django_db


def test_production_settings_hash_passwords_with_argon2(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    assert make_password("a-long-test-password-1").startswith("argon2$argon2id$")


def test_sessions_are_server_side_and_cookies_are_http_only():
    assert base.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY
    assert "csp.middleware.CSPMiddleware" in base.MIDDLEWARE
    assert "django.middleware.csrf.CsrfViewMiddleware" in base.MIDDLEWARE


def test_a_token_is_stored_only_as_a_digest_and_finds_its_user(dsl):
    issued = token_create(actor=None, username=dsl.username)
    stored = ApiToken.objects.get(id=issued.id)
    assert stored.digest == token_digest(issued.secret) and issued.secret not in stored.digest
    assert user_for_token(secret=issued.secret) == dsl
    assert user_for_token(secret=issued.secret + "x") is None


def test_a_deactivated_practitioners_token_stops_working(dsl):
    issued = token_create(actor=None, username=dsl.username)
    dsl.is_active = False
    dsl.save()
    assert user_for_token(secret=issued.secret) is None
