"""The `sightline` console command: friendly verbs over Django management commands.

`sightline audit verify` runs the management command `audit_verify`; anything that is not a
Sightline verb (migrate, shell, …) goes straight to Django.
"""

import os
import sys

# (verb words) → management command. Two-word verbs first, so "audit verify" wins over "audit".
VERBS: dict[tuple[str, ...], str] = {
    ("audit", "verify"): "audit_verify",
    ("audit", "checkpoint"): "audit_checkpoint",
    ("token", "create"): "token_create",
    ("db", "grant"): "database_roles_apply",
    ("demo",): "demo_run",
    ("import",): "records_import",
    ("generate",): "population_generate",
    ("link",): "linkage_link",
    ("households",): "households_derive",
    ("replay",): "risk_replay",
    ("risk", "evaluate"): "risk_evaluate",
    ("notifications", "escalate"): "notifications_escalate",
    ("actions", "escalate"): "actions_escalate",
    ("terms", "load"): "notifications_terms_load",
    ("serve",): "serve",
}


def translate(argv: list[str]) -> list[str]:
    for words, command in sorted(VERBS.items(), key=lambda item: -len(item[0])):
        if tuple(argv[: len(words)]) == words:
            return [command, *argv[len(words) :]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line  # after settings are chosen

    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help", "help"):
        print("usage: sightline VERB [options]\n\nverbs:")
        for words, command in VERBS.items():
            print(f"  {' '.join(words):<18} (manage.py {command})")
        print("  anything else      passed to Django's manage.py (migrate, shell, …)")
        return
    execute_from_command_line(["sightline", *translate(args)])
