"""Rows that are written once and never changed: safeguarding records and their versions.

The application refuses updates and deletes (sightline.core.models.AppendOnlyModel); on
PostgreSQL the database refuses them too, because the application's role has only SELECT and
INSERT on these tables (see sightline.records.database_roles)."""

from sightline.core.models import AppendOnlyError, AppendOnlyModel

__all__ = ["AppendOnlyError", "AppendOnlyModel", "AppendOnlyQuerySet"]
