"""Chaining never makes an audited page view wait for a long import to commit."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from sightline.audit.data import AuditAction, SubjectRef
from sightline.audit.models import AuditSeal
from sightline.audit.selectors import audit_verify
from sightline.audit.services import AuditDraft, audit_record_many, audit_seal_pending

IMPORT_HOLDS_SECONDS = 3.0


def _long_import(started: threading.Event) -> None:
    try:
        with transaction.atomic():
            audit_record_many(
                AuditDraft(
                    action=AuditAction.EVENT_CREATED,
                    subject=SubjectRef("records", "eventversion", str(n)),
                    payload={"version_id": str(n)},
                )
                for n in range(2_000)
            )
            started.set()
            time.sleep(IMPORT_HOLDS_SECONDS)  # validation and writing of a big file go on here
    finally:
        connections.close_all()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_page_view_is_audited_and_sealed_while_an_import_is_still_open():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time, so any write waits for an import there")
    started = threading.Event()
    importer = threading.Thread(target=_long_import, args=(started,))
    importer.start()
    assert started.wait(10)
    began = time.monotonic()
    with transaction.atomic():
        audit_record_many(
            [
                AuditDraft(
                    action=AuditAction.EVENT_VIEWED,
                    subject=SubjectRef("records", "eventversion", "v"),
                    payload={"version_id": "v"},
                )
            ]
        )
    audit_seal_pending()
    waited = time.monotonic() - began
    sealed_during_import = AuditSeal.objects.count()
    importer.join()
    assert waited < IMPORT_HOLDS_SECONDS / 3
    assert sealed_during_import == 1
    audit_seal_pending()
    assert AuditSeal.objects.count() == 2_001
    assert audit_verify().ok
