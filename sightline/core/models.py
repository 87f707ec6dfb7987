"""Abstract bases only: the kernel holds no business models."""

import uuid

from django.db import models
from django.db.models.functions import Now


class UUIDModel(models.Model):
    """Anything that appears in a URL or the API is addressed by a UUID, never a sequence."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(db_default=Now(), editable=False)

    class Meta:
        abstract = True
