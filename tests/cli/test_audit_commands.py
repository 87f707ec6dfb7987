import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sightline.audit.models import AuditEntry
from sightline.audit.services import audit_checkpoint_write
from sightline.cli.main import translate

pytestmark = pytest.mark.django_db


def test_sightline_verbs_map_onto_management_commands():
    assert translate(["audit", "verify"]) == ["audit_verify"]
    assert translate(["token", "create", "dsl"]) == ["token_create", "dsl"]
    assert translate(["import", "f.csv", "--agency", "x"]) == [
        "records_import",
        "f.csv",
        "--agency",
        "x",
    ]
    assert translate(["migrate"]) == ["migrate"]


def test_audit_verify_passes_on_an_untouched_trail(dsl, capsys):
    call_command("audit_checkpoint")
    call_command("audit_verify")
    assert (
        "audit trail verified: 3 entries chained, 1 checkpoints matched" in capsys.readouterr().out
    )


def test_audit_verify_fails_naming_the_edited_entry(dsl):
    audit_checkpoint_write()
    newest = AuditEntry.objects.order_by("-id")[0]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET subject_id = 'x' WHERE id = %s", [newest.pk])
    with pytest.raises(CommandError, match=f"audit entry #{newest.pk} "):
        call_command("audit_verify")
