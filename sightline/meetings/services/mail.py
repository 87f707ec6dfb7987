"""Emails that send practitioners to Sightline about actions. Like notification emails they
carry no child's details, since email leaves Sightline's protection: only that an action is
waiting or overdue, by when, and where to see it. Sent after the write commits; a failure is
logged, and the action stands on the page."""

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings

from sightline.core.mail import Message, emails_after_commit
from sightline.meetings.models import Action, ActionEscalation

_FOOTER = "This email does not contain the child's details."


def _day(value: object) -> str:
    return f"{value:%-d %B %Y}"


def _action_messages(ids: list[UUID]) -> list[Message]:
    rows = Action.objects.filter(id__in=ids, owner__email__gt="").values_list(
        "due_on", "agency__name", "owner__email"
    )
    page = f"{settings.SIGHTLINE_SITE_URL}/actions/"
    return [
        (
            f"Sightline: an action for a child is yours, due by {_day(due_on)}",
            f"{agency} has given you an action for a child in Sightline, due by {_day(due_on)}."
            f"\n\nIf it is not done by then, it is escalated to your manager.\n\n"
            f"See your actions: {page}\n\n{_FOOTER}",
            None,
            [email],
        )
        for due_on, agency, email in rows
    ]


def _escalation_messages(ids: list[UUID]) -> list[Message]:
    rows = ActionEscalation.objects.filter(id__in=ids, to_user__email__gt="").values_list(
        "action__due_on",
        "action__owner__display_name",
        "action__owner__username",
        "to_user__email",
    )
    page = f"{settings.SIGHTLINE_SITE_URL}/actions/overdue/"
    return [
        (
            "Sightline: an overdue action was escalated to you",
            f"{shown or username} has not completed an action for a child that was due by "
            f"{_day(due_on)}. It has been escalated to you as their manager.\n\n"
            f"See your team's overdue actions: {page}\n\n{_FOOTER}",
            None,
            [email],
        )
        for due_on, shown, username, email in rows
    ]


def action_emails_after_commit(ids: Iterable[UUID]) -> None:
    emails_after_commit(_action_messages, ids, what="action")


def escalation_emails_after_commit(ids: Iterable[UUID]) -> None:
    emails_after_commit(_escalation_messages, ids, what="action")
