"""A manager's oversight board: assessments waiting for their sign-off, repeated closures waiting
for a senior manager's review, risk signals nobody has answered, overdue actions, and children
on the agency's open cases who have not been seen, or seen alone, within the set intervals.

Everything is limited to the agencies in which the viewer holds a managing role."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.conf import settings

from sightline.agencies.selectors import memberships_for_user
from sightline.assessments.data import (
    CHILD_SEEN_SETTINGS,
    REVIEWING_ROLES,
    SIGNING_ROLES,
    AssessmentSummary,
    OversightBoard,
    Status,
    UnseenChild,
)
from sightline.assessments.models import Decision, Submission
from sightline.core import clock
from sightline.core.scope import Scope
from sightline.identity.selectors import record_sides_known
from sightline.meetings.selectors import action_overdue_list
from sightline.records.data import ServiceSpan
from sightline.records.selectors import child_seen_dates_map, open_case_list
from sightline.risk.selectors import signal_unanswered_list

_LIMIT = 200
_CASE_KINDS = ("worker_allocation", "episode", "plan")
_PROTECTION_PLAN = "plan:child_protection"


def seen_within_days(name: str) -> int:
    """One of the named oversight settings: the Django setting if set, else its default."""
    return int(getattr(settings, name, CHILD_SEEN_SETTINGS[name]))


def _names(scope: Scope, ids: set[UUID]) -> dict[UUID, str]:
    sides = record_sides_known(scope=scope, ids=ids)
    return {
        record: side.full_name if side.visible else f"A child known to {side.agency_name}"
        for record, side in sides.items()
    }


def _name(display_name: str, username: str) -> str:
    return display_name or username


def _awaiting_sign_off(scope: Scope, agencies: frozenset[UUID]) -> list[dict[str, Any]]:
    """Submissions of these agencies' assessments with no decision yet (a submission without a
    decision is always its assessment's latest), but never the viewer's own."""
    found = (
        Submission.objects.filter(assessment__agency_id__in=agencies, decision__isnull=True)
        .exclude(assessment__author_id=scope.user_id)
        .order_by("submitted_at")
        .values(
            "assessment_id", "assessment__assessment_type", "assessment__child_id",
            "assessment__agency__name", "assessment__author__display_name",
            "assessment__author__username", "version__outcome", "submitted_at",
        )[:_LIMIT]
    )  # fmt: skip
    return [dict(row) for row in found]


def _awaiting_review(scope: Scope, agencies: frozenset[UUID]) -> list[dict[str, Any]]:
    """Sign-offs of repeated closures waiting for a senior review, neither written nor signed
    off by the viewer."""
    prefix = "submission__assessment__"
    return [
        {key.removeprefix("submission__"): value for key, value in row.items()}
        for row in Decision.objects.filter(
            submission__assessment__agency_id__in=agencies,
            kind="signed_off",
            senior_review_required=True,
            review__isnull=True,
        )
        .exclude(submission__assessment__author_id=scope.user_id)
        .exclude(decided_by_id=scope.user_id)
        .order_by("decided_at")
        .values(
            f"{prefix}id", f"{prefix}assessment_type", f"{prefix}child_id",
            f"{prefix}agency__name", f"{prefix}author__display_name",
            f"{prefix}author__username", "submission__version__outcome", "decided_at",
        )[:_LIMIT]
    ]  # fmt: skip


def _summaries(
    rows: list[dict[str, Any]], status: Status, since: str, names: dict[UUID, str]
) -> tuple[AssessmentSummary, ...]:
    return tuple(
        AssessmentSummary(
            id=row["assessment_id"] if "assessment_id" in row else row["assessment__id"],
            assessment_type=row["assessment__assessment_type"],
            child_id=row["assessment__child_id"],
            child_name=names.get(row["assessment__child_id"], ""),
            agency_name=row["assessment__agency__name"],
            author_name=_name(
                row["assessment__author__display_name"], row["assessment__author__username"]
            ),
            status=status.value,
            outcome=row["version__outcome"],
            since=row[since],
        )
        for row in rows
    )


# ------------------------------------------------------------------ children not seen


def _by_child(spans: list[ServiceSpan]) -> dict[UUID, list[ServiceSpan]]:
    cases: dict[UUID, list[ServiceSpan]] = defaultdict(list)
    for span in spans:
        cases[span.recorded_person_id].append(span)
    return cases


def _case_kind(span: ServiceSpan) -> str:
    if span.kind == "episode":
        return f"episode:{span.details.get('episode_type', '')}"
    if span.kind == "plan":
        return f"plan:{span.details.get('plan_type', '')}"
    return span.kind


def _day(moment: datetime | None) -> date | None:
    return moment.date() if moment else None


def _intervals(kinds: tuple[str, ...]) -> tuple[int, int]:
    """(days within which the child must be seen, and seen alone), by the case's kind."""
    if _PROTECTION_PLAN in kinds:
        return (
            seen_within_days("SIGHTLINE_CHILD_SEEN_ON_PROTECTION_PLAN_WITHIN_DAYS"),
            seen_within_days("SIGHTLINE_CHILD_SEEN_ALONE_ON_PROTECTION_PLAN_WITHIN_DAYS"),
        )
    return (
        seen_within_days("SIGHTLINE_CHILD_SEEN_WITHIN_DAYS"),
        seen_within_days("SIGHTLINE_CHILD_SEEN_ALONE_WITHIN_DAYS"),
    )


def _overdue(last: date | None, opened: date, today: date, interval: int) -> bool:
    # A new case has the interval to see the child before it counts against anyone.
    since = max(d for d in (last, opened) if d is not None)
    return (today - since).days > interval


def _unseen(
    child: UUID,
    spans: list[ServiceSpan],
    seen: tuple[datetime | None, datetime | None],
    today: date,
    shown: tuple[str, str],
) -> UnseenChild | None:
    kinds = tuple(sorted({_case_kind(span) for span in spans}))
    opened = min(span.start for span in spans)
    interval, alone_interval = _intervals(kinds)
    last_seen, last_alone = _day(seen[0]), _day(seen[1])
    overdue = _overdue(last_seen, opened, today, interval)
    alone_overdue = _overdue(last_alone, opened, today, alone_interval)
    if not (overdue or alone_overdue):
        return None
    return UnseenChild(
        child_id=child,
        child_name=shown[0],
        agency_name=shown[1],
        case_kinds=kinds,
        case_opened_on=opened,
        last_seen_on=last_seen,
        last_seen_alone_on=last_alone,
        seen_within_days=interval,
        seen_alone_within_days=alone_interval,
        overdue=overdue,
        alone_overdue=alone_overdue,
    )


def unseen_child_list(
    *, scope: Scope, agency_ids: frozenset[UUID], agency_names: dict[UUID, str]
) -> list[UnseenChild]:
    """Children on these agencies' open cases (an allocation, an episode or a plan in force
    today) whom these agencies have not recorded seeing within the set interval, or seeing
    alone within the set interval for that; longest unseen first."""
    today = clock.now().date()
    cases = _by_child(open_case_list(agency_ids=agency_ids, kinds=_CASE_KINDS, on=today))
    if not cases:
        return []
    seen = child_seen_dates_map(person_ids=cases, agency_ids=agency_ids)
    names = _names(scope, set(cases))
    found = []
    for child, spans in cases.items():
        shown = (names.get(child, ""), agency_names.get(spans[0].agency_id, ""))
        unseen = _unseen(child, spans, seen.get(child, (None, None)), today, shown)
        if unseen is not None:
            found.append(unseen)
    return sorted(found, key=lambda u: (u.last_seen_on or date.min, u.case_opened_on))[:_LIMIT]


# ------------------------------------------------------------------------ the board


def oversight_board(*, viewer_id: int) -> OversightBoard:
    """What a manager oversees, across the agencies where they hold a managing role."""
    memberships = memberships_for_user(user_id=viewer_id)
    managed = frozenset(m.agency_id for m in memberships if m.role in SIGNING_ROLES)
    senior = frozenset(m.agency_id for m in memberships if m.role in REVIEWING_ROLES)
    scope = Scope(user_id=viewer_id, agency_ids=managed)
    signing = _awaiting_sign_off(scope, managed)
    reviewing = _awaiting_review(scope, senior) if senior else []
    children = {row["assessment__child_id"] for row in [*signing, *reviewing]}
    names = _names(scope, children) if children else {}
    return OversightBoard(
        awaiting_sign_off=_summaries(signing, Status.SUBMITTED, "submitted_at", names),
        awaiting_review=_summaries(reviewing, Status.AWAITING_REVIEW, "decided_at", names),
        unanswered_signals=tuple(signal_unanswered_list(agency_ids=managed, limit=_LIMIT)),
        overdue_actions=tuple(action_overdue_list(agency_ids=managed)),
        unseen_children=tuple(
            unseen_child_list(
                scope=scope,
                agency_ids=managed,
                agency_names={m.agency_id: m.agency_name for m in memberships},
            )
        ),
        senior=bool(senior),
    )
