"""Production: secrets and hosts must come from the environment; the database task worker."""

import os

from .base import *  # noqa: F403

SECRET_KEY = os.environ["SIGHTLINE_SECRET_KEY"]
ALLOWED_HOSTS = os.environ["SIGHTLINE_ALLOWED_HOSTS"].split(",")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
