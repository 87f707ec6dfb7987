"""What a closure with no further action must face: the child's open risk signals, other
agencies' unresolved concerns, and an earlier closure of the same kind within the year."""

from datetime import date
from uuid import UUID

from sightline.access.policy import ChildAccess
from sightline.assessments.data import Obligation, Outcome
from sightline.assessments.models import ClosureRationale, Decision
from sightline.assessments.policy import is_concern, within_lookback, within_repeat_window
from sightline.chronology.data import Entry
from sightline.chronology.selectors import chronology_get
from sightline.households.selectors import household_member_map
from sightline.identity.selectors import (
    membership_current_map,
    person_members_map,
    same_person_ids,
)
from sightline.records.data import EntryFacts
from sightline.records.schema.events import SubjectRole
from sightline.records.selectors import event_entry_list
from sightline.risk.selectors import signal_open_list


def _signal_obligations(access: ChildAccess) -> list[Obligation]:
    return [
        Obligation(
            key=f"signal:{signal.id}",
            title=f"Risk signal: {signal.title}",
            detail=signal.explanation,
            on=signal.fired_on,
            signal_id=signal.id,
        )
        for signal in signal_open_list(recorded_person_ids=access.record_ids)
    ]


def _concern_entries(
    access: ChildAccess, child_id: UUID, agency_id: UUID, closing_on: date
) -> list[Entry]:
    """Other agencies' concerns in the child's chronology (as the access lets it be seen) in
    the lookback before the closure."""
    chronology = chronology_get(access=access, recorded_person_id=child_id)
    injuries = event_entry_list(
        person_ids=access.record_ids, kinds=["injury"], detail_keys=("explanation_fits",)
    )
    fits = {fact.event_id: fact.details.get("explanation_fits") for fact in injuries}
    return [
        entry
        for entry in chronology.entries
        if entry.agency_id != agency_id
        and within_lookback(entry.occurred_at.date(), closing_on)
        and is_concern(entry.kind, fits.get(entry.event_id), redacted=entry.redacted)
    ]


def _answered(event_ids: list[UUID]) -> set[UUID]:
    """Concerns an assessment that took effect already answered with a rationale."""
    return set(
        ClosureRationale.objects.filter(
            concern_event_id__in=event_ids, version__submission__decision__effect__isnull=False
        ).values_list("concern_event_id", flat=True)
    )


def _concern_obligation(entry: Entry) -> Obligation:
    detail = f"Held by {entry.agency_name}: ask them about it." if entry.redacted else entry.summary
    return Obligation(
        key=f"concern:{entry.event_id}",
        title=f"{entry.kind_label} from {entry.agency_name}",
        detail=detail,
        on=entry.occurred_at.date(),
        concern_event_id=entry.event_id,
        concern_version_id=entry.version_id,
    )


def closure_obligations(
    *, access: ChildAccess, child_id: UUID, agency_id: UUID, closing_on: date
) -> list[Obligation]:
    """Everything a closure with no further action by this agency must answer in writing: each
    open (or only acknowledged) risk signal for any of the child's records, and each other
    agency's concern in the child's chronology within the lookback that no assessment which
    took effect has already answered."""
    concerns = _concern_entries(access, child_id, agency_id, closing_on)
    answered = _answered([entry.event_id for entry in concerns])
    return _signal_obligations(access) + [
        _concern_obligation(entry) for entry in concerns if entry.event_id not in answered
    ]


# ------------------------------------------------------------------ repeated closures


def _closed_with_no_further_action(fact: EntryFacts, ids: set[UUID]) -> date | None:
    details = fact.details
    if details.get("outcome") != Outcome.NO_FURTHER_ACTION or details.get("stage") != "completed":
        return None
    if not any(record in ids and role == SubjectRole.CHILD for record, role in fact.subjects):
        return None
    authorised = details.get("authorisation_date")
    return date.fromisoformat(authorised) if authorised else fact.occurred_at.date()


def closure_circle_ids(*, child_id: UUID) -> set[UUID]:
    """The records whose closures count as the same child's or household's: every record
    linked with the child as one person (identity), every member of the child's household
    (households), and every record linked with one of those members, so that a sibling's
    closure recorded by another agency or area counts too. Unscoped ids."""
    child = same_person_ids(recorded_person_id=child_id)
    members = set(household_member_map(recorded_person_ids=child)) - child
    persons = {person for _, person in membership_current_map(ids=members).values() if person}
    linked = set().union(*person_members_map(person_ids=persons).values()) if persons else set()
    return child | members | linked


def earlier_closure_on(
    *, child_id: UUID, closing_on: date, excluding: UUID, circle: set[UUID] | None = None
) -> date | None:
    """The day of another closure with no further action, within the repeat window before
    `closing_on`, of an assessment about the child or its household (closure_circle_ids, or
    `circle` if the caller has it already): one recorded as an assessment event (by any
    agency, imported ones too), or one signed off here and waiting for a senior review. None
    if there is none."""
    ids = circle if circle is not None else closure_circle_ids(child_id=child_id)
    facts = event_entry_list(
        person_ids=ids, kinds=["assessment"], detail_keys=("outcome", "stage", "authorisation_date")
    )
    days = [day for fact in facts if (day := _closed_with_no_further_action(fact, ids))]
    waiting = (
        Decision.objects.filter(
            kind="signed_off",
            senior_review_required=True,
            review__isnull=True,
            submission__assessment__child_id__in=ids,
            submission__version__outcome=Outcome.NO_FURTHER_ACTION,
        )
        .exclude(submission__assessment_id=excluding)
        .values_list("decided_at", flat=True)
    )
    days += [decided.date() for decided in waiting]
    within = [day for day in days if within_repeat_window(day, closing_on)]
    return max(within, default=None)
