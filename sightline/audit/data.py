from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.db import models


class AuditAction(models.TextChoices):
    """Stable dotted names: they are stored, hashed and counted, so never rename one."""

    AGENCY_CREATED = "agency.created", "Agency created"
    TEAM_CREATED = "team.created", "Team created"
    PRACTITIONER_CREATED = "practitioner.created", "Practitioner created"
    MEMBERSHIP_CREATED = "membership.created", "Membership created"
    TOKEN_CREATED = "token.created", "API token created"
    SIGNED_IN = "session.signed_in", "Signed in"
    RECORDED_PERSON_CREATED = "recorded_person.created", "Person record created"
    RECORDED_PERSON_AMENDED = "recorded_person.amended", "Person record amended"
    RECORDED_PERSON_VIEWED = "recorded_person.viewed", "Person record viewed"
    RECORDED_PERSON_SEARCHED = "recorded_person.searched", "Person records searched"
    EVENT_CREATED = "event.created", "Event recorded"
    EVENT_AMENDED = "event.amended", "Event amended"
    EVENT_VIEWED = "event.viewed", "Event viewed"
    EVENT_LISTED = "event.listed", "Events listed"
    RELATIONSHIP_CREATED = "relationship.created", "Relationship recorded"
    RELATIONSHIP_AMENDED = "relationship.amended", "Relationship amended"
    IMPORT_COMMITTED = "import.committed", "File imported"
    LINKAGE_MODEL_RECORDED = "linkage_model.recorded", "Linkage model recorded"
    LINKAGE_RUN_RECORDED = "linkage_run.recorded", "Linkage run applied"
    LINK_APPLIED = "link.applied", "Records linked automatically"
    LINK_CONFIRMED = "link.confirmed", "Link confirmed"
    LINK_REJECTED = "link.rejected", "Link rejected"
    LINK_WITHDRAWN = "link.withdrawn", "Rejection withdrawn"
    PERSON_MEMBERSHIP_CHANGED = "person.membership_changed", "Record moved between persons"
    PERSON_UNLINKED = "person.unlinked", "Record unlinked from its person"
    PERSON_SPLIT = "person.split", "Person split in two"
    LINK_QUEUE_VIEWED = "link.queue_viewed", "Link review queue viewed"
    LINK_PAIR_VIEWED = "link.pair_viewed", "Linked pair viewed"
    PERSON_VIEWED = "person.viewed", "Records joined as one person viewed"
    HOUSEHOLD_JOINED = "household.joined", "Joined a household"
    HOUSEHOLD_LEFT = "household.left", "Left a household"
    HOUSEHOLD_ROLE_CHANGED = "household.role_changed", "Role in a household changed"
    HOUSEHOLD_VIEWED = "household.viewed", "Household viewed"
    CHRONOLOGY_VIEWED = "chronology.viewed", "Chronology viewed"
    CHRONOLOGY_REFUSED = "chronology.refused", "Chronology refused"
    CHRONOLOGY_EXPORTED = "chronology.exported", "Chronology exported"
    PURPOSE_STATED = "access.purpose_stated", "Purpose of access stated"
    BREAK_GLASS_OPENED = "access.break_glass_opened", "Break-glass access opened"
    SHARING_RECORDED = "sharing.recorded", "Sharing decision recorded"
    NOTIFICATION_SENT = "notification.sent", "Notification sent"
    NOTIFICATION_ACKNOWLEDGED = "notification.acknowledged", "Notification acknowledged"
    NOTIFICATION_ESCALATED = "notification.escalated", "Notification escalated"
    SIGNAL_RAISED = "risk.signal_raised", "Risk signal raised"
    SIGNAL_EVIDENCE_ADDED = "risk.evidence_added", "Evidence added to a risk signal"
    SIGNAL_RESPONDED = "risk.signal_responded", "Risk signal responded to"
    SIGNAL_VIEWED = "risk.signal_viewed", "Risk signal viewed"
    ASSESSMENT_STARTED = "assessment.started", "Assessment started"
    ASSESSMENT_SAVED = "assessment.saved", "Assessment draft saved"
    ASSESSMENT_SUBMITTED = "assessment.submitted", "Assessment submitted for sign-off"
    ASSESSMENT_SIGNED_OFF = "assessment.signed_off", "Assessment signed off"
    ASSESSMENT_RETURNED = "assessment.returned", "Assessment returned with comments"
    ASSESSMENT_REVIEWED = "assessment.reviewed", "Assessment closure reviewed by a senior manager"
    ASSESSMENT_TOOK_EFFECT = "assessment.took_effect", "Assessment took effect"
    ASSESSMENT_VIEWED = "assessment.viewed", "Assessment viewed"
    MEETING_RECORDED = "meeting.recorded", "Meeting recorded"
    MEETING_AMENDED = "meeting.amended", "Meeting amended"
    MEETING_VIEWED = "meeting.viewed", "Meeting viewed"
    ACTION_CREATED = "action.created", "Action created"
    ACTION_UPDATED = "action.updated", "Action completed or cancelled"
    ACTION_ESCALATED = "action.escalated", "Overdue action escalated"


# What each action's payload may hold. Payloads carry ids, digests and codes, never personal
# content, so that a lawful erasure of a record leaves the chain verifiable.
PAYLOAD_KEYS: dict[str, frozenset[str]] = {
    AuditAction.AGENCY_CREATED: frozenset({"code", "kind"}),
    AuditAction.TEAM_CREATED: frozenset({"agency_id"}),
    AuditAction.PRACTITIONER_CREATED: frozenset({"user_uuid"}),
    AuditAction.MEMBERSHIP_CREATED: frozenset({"agency_id", "role"}),
    AuditAction.TOKEN_CREATED: frozenset({"user_uuid"}),
    AuditAction.SIGNED_IN: frozenset(),
    AuditAction.RECORDED_PERSON_CREATED: frozenset({"version_id", "digest", "import_id"}),
    AuditAction.RECORDED_PERSON_AMENDED: frozenset({"version_id", "digest", "import_id", "number"}),
    AuditAction.RECORDED_PERSON_VIEWED: frozenset({"version_id"}),
    AuditAction.RECORDED_PERSON_SEARCHED: frozenset({"query_digest", "result_ids"}),
    AuditAction.EVENT_CREATED: frozenset({"version_id", "digest", "import_id", "kind"}),
    AuditAction.EVENT_AMENDED: frozenset({"version_id", "digest", "import_id", "number"}),
    AuditAction.EVENT_VIEWED: frozenset({"version_id"}),
    AuditAction.EVENT_LISTED: frozenset({"event_ids"}),
    AuditAction.RELATIONSHIP_CREATED: frozenset({"version_id", "digest", "import_id", "kind"}),
    AuditAction.RELATIONSHIP_AMENDED: frozenset({"version_id", "digest", "import_id", "number"}),
    AuditAction.IMPORT_COMMITTED: frozenset(
        {"file_digest", "created", "amended", "unchanged", "import_id"}
    ),
    AuditAction.LINKAGE_MODEL_RECORDED: frozenset({"version", "digest"}),
    AuditAction.LINKAGE_RUN_RECORDED: frozenset(
        {
            "model_id",
            "number",
            "pairs_scored",
            "linked",
            "queued",
            "kept_by_decision",
            "below_threshold",
            "withheld",
            "persons_created",
            "memberships_changed",
        }
    ),
    AuditAction.LINK_APPLIED: frozenset({"run_id", "evidence_id", "other_id"}),
    AuditAction.LINK_CONFIRMED: frozenset({"decision_id", "evidence_id", "other_id", "occasion"}),
    AuditAction.LINK_REJECTED: frozenset({"decision_id", "evidence_id", "other_id", "occasion"}),
    AuditAction.LINK_WITHDRAWN: frozenset({"decision_id", "other_id", "withdrawn_by_id"}),
    AuditAction.PERSON_MEMBERSHIP_CHANGED: frozenset(
        {
            "membership_id",
            "number",
            "person_id",
            "previous_person_id",
            "cause",
            "run_id",
            "decision_id",
        }
    ),
    AuditAction.PERSON_UNLINKED: frozenset({"person_id"}),
    AuditAction.PERSON_SPLIT: frozenset({"new_person_id", "moved_ids"}),
    AuditAction.LINK_QUEUE_VIEWED: frozenset({"evidence_id"}),
    AuditAction.LINK_PAIR_VIEWED: frozenset({"evidence_id"}),
    AuditAction.PERSON_VIEWED: frozenset({"person_id"}),
    AuditAction.HOUSEHOLD_JOINED: frozenset(
        {"membership_id", "number", "household_id", "previous_household_id", "role", "basis"}
    ),
    AuditAction.HOUSEHOLD_LEFT: frozenset(
        {"membership_id", "number", "household_id", "next_household_id"}
    ),
    AuditAction.HOUSEHOLD_ROLE_CHANGED: frozenset(
        {"membership_id", "number", "household_id", "role", "previous_role"}
    ),
    AuditAction.HOUSEHOLD_VIEWED: frozenset({"household_id"}),
    AuditAction.CHRONOLOGY_VIEWED: frozenset({"bases", "as_of", "entries", "household_id"}),
    AuditAction.CHRONOLOGY_REFUSED: frozenset(),
    AuditAction.CHRONOLOGY_EXPORTED: frozenset({"bases", "as_of", "entries", "format"}),
    AuditAction.PURPOSE_STATED: frozenset({"purpose_id", "purpose"}),
    AuditAction.BREAK_GLASS_OPENED: frozenset({"grant_id", "reason", "expires_at"}),
    AuditAction.SHARING_RECORDED: frozenset(
        {"decision_id", "decision", "lawful_basis", "recipient_agency_ids"}
    ),
    AuditAction.NOTIFICATION_SENT: frozenset({"notification_id", "rule", "event_id", "due_at"}),
    AuditAction.NOTIFICATION_ACKNOWLEDGED: frozenset({"notification_id"}),
    AuditAction.NOTIFICATION_ESCALATED: frozenset(
        {"notification_id", "escalation_id", "to_user_id"}
    ),
    AuditAction.SIGNAL_RAISED: frozenset({"signal_id", "finding_id", "rule", "evidence"}),
    AuditAction.SIGNAL_EVIDENCE_ADDED: frozenset({"signal_id", "finding_id", "evidence"}),
    AuditAction.SIGNAL_RESPONDED: frozenset({"signal_id", "response_id", "status"}),
    AuditAction.SIGNAL_VIEWED: frozenset({"signal_id"}),
    AuditAction.ASSESSMENT_STARTED: frozenset({"assessment_id", "kind"}),
    AuditAction.ASSESSMENT_SAVED: frozenset({"assessment_id"}),
    AuditAction.ASSESSMENT_SUBMITTED: frozenset({"assessment_id", "submission_id", "outcome"}),
    AuditAction.ASSESSMENT_SIGNED_OFF: frozenset({"assessment_id", "decision_id"}),
    AuditAction.ASSESSMENT_RETURNED: frozenset({"assessment_id", "decision_id"}),
    AuditAction.ASSESSMENT_REVIEWED: frozenset({"assessment_id", "review_id", "decision"}),
    AuditAction.ASSESSMENT_TOOK_EFFECT: frozenset({"assessment_id", "event_id", "outcome"}),
    AuditAction.ASSESSMENT_VIEWED: frozenset({"assessment_id"}),
    AuditAction.MEETING_RECORDED: frozenset({"meeting_id", "kind", "children", "event_ids"}),
    AuditAction.MEETING_AMENDED: frozenset({"meeting_id", "number"}),
    AuditAction.MEETING_VIEWED: frozenset({"meeting_id"}),
    AuditAction.ACTION_CREATED: frozenset({"action_id", "meeting_id", "due_on"}),
    AuditAction.ACTION_UPDATED: frozenset({"action_id", "update_id", "status"}),
    AuditAction.ACTION_ESCALATED: frozenset({"action_id", "escalation_id", "to_user_id"}),
}


@dataclass(frozen=True)
class SubjectRef:
    """What an audit entry is about: (app label, model, primary key), never a generic FK."""

    app: str
    model: str
    pk: str


@dataclass
class VerificationReport:
    ok: bool
    entries_checked: int = 0
    checkpoints_checked: int = 0
    pending: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AccessLogEntry:
    """One look at (or attempt to look at) a child's records: who, from where, when, what."""

    occurred_at: datetime
    action: str
    actor_name: str
    agency_id: UUID | None
    recorded_person_id: UUID | None

    @property
    def action_label(self) -> str:
        return AuditAction(self.action).label
