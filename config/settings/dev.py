"""Local development and the demo: console email; background work done at once, in the process
that asks for it, unless SIGHTLINE_TASK_WORKER=1 queues it for `sightline db_worker` as in
production."""

import os

from .base import *  # noqa: F403

if os.environ.get("SIGHTLINE_TASK_WORKER") != "1":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
