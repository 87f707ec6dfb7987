"""The test suite: a fast hasher, immediate tasks, in-memory email."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AUDIT_CHECKPOINT_PATH = Path(
    os.environ.get(
        "SIGHTLINE_AUDIT_CHECKPOINTS",
        Path(tempfile.gettempdir()) / f"sightline-test-checkpoints-{os.getpid()}.jsonl",
    )
)
