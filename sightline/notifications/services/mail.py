"""Emails that send practitioners to Sightline. They carry no child's details: email leaves
Sightline's protection, so it says only that something is waiting, what kind, and by when.
Sent after the write commits; a failure is logged, and the notification stands in the inbox."""

from collections.abc import Iterable
from uuid import UUID

from django.conf import settings

from sightline.core.mail import Message, emails_after_commit
from sightline.notifications.calendar import uk_moment
from sightline.notifications.models import Escalation, Notification
from sightline.notifications.rules import title_of


def _title(rule_id: str) -> str:
    return title_of(rule_id)


def _notification_messages(ids: list[UUID]) -> list[Message]:
    rows = Notification.objects.filter(id__in=ids, recipient__email__gt="").values_list(
        "rule_id", "due_at", "recipient__email"
    )
    inbox = f"{settings.SIGHTLINE_SITE_URL}/inbox/"
    return [
        (
            f"Sightline notification: {_title(rule_id)}. Acknowledge by {uk_moment(due_at)}",
            f"You have a new safeguarding notification in Sightline: {_title(rule_id)}.\n\n"
            f"Please read and acknowledge it by {uk_moment(due_at)}. If it is not acknowledged "
            f"by then, it is escalated to your manager.\n\nSign in to read it: {inbox}\n\n"
            "This email does not contain the child's details.",
            None,
            [email],
        )
        for rule_id, due_at, email in rows
    ]


def _escalation_messages(ids: list[UUID]) -> list[Message]:
    rows = Escalation.objects.filter(id__in=ids, to_user__email__gt="").values_list(
        "notification__rule_id",
        "notification__due_at",
        "notification__recipient__display_name",
        "notification__recipient__username",
        "to_user__email",
    )
    board = f"{settings.SIGHTLINE_SITE_URL}/notifications/overdue/"
    return [
        (
            f"Sightline: an overdue notification was escalated to you ({_title(rule_id)})",
            f"{display_name or username} has not acknowledged a safeguarding notification "
            f"({_title(rule_id)}) that was due by {uk_moment(due_at)}. It has been escalated "
            f"to you as their manager.\n\nSee your team's overdue notifications: {board}\n\n"
            "This email does not contain the child's details.",
            None,
            [email],
        )
        for rule_id, due_at, display_name, username, email in rows
    ]


def notification_emails_after_commit(ids: Iterable[UUID]) -> None:
    emails_after_commit(_notification_messages, ids, what="notification")


def escalation_emails_after_commit(ids: Iterable[UUID]) -> None:
    emails_after_commit(_escalation_messages, ids, what="notification")
