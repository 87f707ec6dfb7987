"""Idempotent, all-or-nothing imports of CSV and JSON Lines files (docs/import-format.md)."""

from sightline.records.services.imports.files import import_file as import_file
from sightline.records.services.imports.progress import ImportProgress as ImportProgress
from sightline.records.services.imports.report import ImportReport as ImportReport
from sightline.records.services.imports.report import RecordType as RecordType
