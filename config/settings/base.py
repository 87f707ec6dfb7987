"""Every setting, driven by the environment.

SQLite (WAL, synchronous=FULL) is the embedded default so that `sightline demo` needs nothing else;
DATABASE_URL selects PostgreSQL, the production store.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SIGHTLINE_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get(
    "SIGHTLINE_SECRET_KEY", "insecure-development-key-never-use-in-production"
)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # For its Swagger page's templates and static files (served locally, so CSP holds) and
    # `manage.py export_openapi_schema`; only sightline.api imports ninja.
    "ninja",
    "sightline.core",
    "sightline.accounts",
    "sightline.audit",
    "sightline.agencies",
    "sightline.records",
    "sightline.identity",
    "sightline.households",
    "sightline.access",
    "sightline.chronology",
    "sightline.notifications",
    "sightline.risk",
    "sightline.meetings",
    "sightline.assessments",
    "sightline.web",
    "sightline.api",
    "sightline.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]


def _sqlite_database(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets readers work beside the one writer; FULL syncs the WAL on every commit so an
            # acknowledged write survives power loss, not only a process crash.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            ),
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of deadlocking.
            "transaction_mode": "IMMEDIATE",
            "timeout": 60,
        },
    }


def _url_database(url: str) -> dict[str, Any]:
    database: dict[str, Any] = {**dj_database_url.parse(url, conn_max_age=60)}
    if database["ENGINE"] == "django.db.backends.postgresql":
        # The hand-written reads on the live path (sightline/core/sql.py), which a connection
        # runs again and again, are prepared at their fifth run and planned once, not every time:
        # left to choose, PostgreSQL plans a lookup by an array of ids afresh at every run (the
        # one plan for any array looks dearer than a plan for the array it is given), and only
        # prepared statements follow plan_cache_mode (the ORM's are not prepared). Behind a
        # connection pooler that cannot keep prepared statements (PgBouncer in transaction mode
        # before 1.21), set SIGHTLINE_DB_PREPARE=off.
        prepare = os.environ.get("SIGHTLINE_DB_PREPARE", "on") != "off"
        given = database.get("OPTIONS", {})
        options: dict[str, Any] = {"prepare_threshold": 5 if prepare else None, **given}
        if prepare:  # the URL's own settings (a search_path, say) come after, so they win
            settings = ["-c plan_cache_mode=force_generic_plan", given.get("options", "")]
            options["options"] = " ".join(s for s in settings if s)
        database["OPTIONS"] = options
    return database


DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES: dict[str, Any] = {
    "default": _url_database(DATABASE_URL)
    if DATABASE_URL
    else _sqlite_database(VAR_DIR / "sightline.sqlite3")
}

# The role the application uses on PostgreSQL: neither owner nor superuser, so that it cannot
# UPDATE, DELETE or TRUNCATE the append-only tables (see docs/decisions/0003-append-only.md).
DATABASE_APP_ROLE = os.environ.get("SIGHTLINE_DB_APP_ROLE", "sightline_app")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"

# Server-side sessions in the database; cookies carry only the session key.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE is django-csp's marker for "this response's nonce" (a plain "'nonce'" is invalid).
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_build" / "collected"
# govuk-frontend is installed from npm by scripts/setup and copied here; it is never committed.
STATICFILES_DIRS = [BASE_DIR / "static_build" / "npm"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("SIGHTLINE_FROM_EMAIL", "sightline@localhost")
# Where practitioners reach the web UI: links in notification emails point here.
SIGHTLINE_SITE_URL = os.environ.get("SIGHTLINE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Where the audit chain head is checkpointed, outside the database (see sightline.audit).
AUDIT_CHECKPOINT_PATH = Path(
    os.environ.get("SIGHTLINE_AUDIT_CHECKPOINTS", VAR_DIR / "audit-checkpoints.jsonl")
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
