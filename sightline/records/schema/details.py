"""Structured details for each event kind: one pydantic model per kind.

Every model forbids unknown fields, so a typo in an import column is an error, not a silent
loss. Free text is bounded; codes are checked against their lists.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sightline.records.schema.body_map import MARK_TYPES, REGIONS_BY_CODE
from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.codes import (
    CIN_CATEGORY_OF_ABUSE,
    CIN_PRIMARY_NEED,
    CIN_REASONS_FOR_CLOSURE,
    CIN_REFERRAL_SOURCES,
)

ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=10_000)]


class Details(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _one_of(value: str | None, allowed: dict[str, str], name: str) -> str | None:
    if value is not None and value not in allowed:
        raise ValueError(f"{value!r} is not a {name} code; use one of {', '.join(allowed)}")
    return value


class ConcernDetails(Details):
    categories: list[
        Literal[
            "physical",
            "emotional",
            "sexual",
            "neglect",
            "domestic_abuse",
            "exploitation",
            "online",
            "radicalisation",
            "self_harm",
            "other",
        ]
    ] = Field(min_length=1)
    action_taken: LongText = ""


class DomesticAbuseIncidentDetails(Details):
    """The Operation Encompass content, with the DASH risk level."""

    risk_level: Literal["standard", "medium", "high"]
    children_present: bool
    children_in_household: int = Field(default=0, ge=0, le=20)
    incident_types: list[
        Literal[
            "verbal",
            "physical",
            "sexual",
            "damage",
            "coercive_control",
            "threats",
            "stalking",
        ]
    ] = Field(default_factory=list)
    injuries_to_adults: bool = False
    weapon_used: bool = False
    arrest_made: bool = False
    alcohol_involved: bool = False
    drugs_involved: bool = False
    police_reference: ShortText = ""


class BodyMark(Details):
    region: str
    mark_type: str
    size_mm: int | None = Field(default=None, ge=1, le=1000)
    description: ShortText = ""

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str) -> str:
        if value not in REGIONS_BY_CODE:
            raise ValueError(f"{value!r} is not a body map region code")
        return value

    @field_validator("mark_type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in MARK_TYPES:
            raise ValueError(f"{value!r} is not a mark type; use one of {', '.join(MARK_TYPES)}")
        return value


class InjuryDetails(Details):
    marks: list[BodyMark] = Field(min_length=1)
    explanation_given: bool
    explanation: LongText = ""
    explanation_by: Literal["child", "parent_or_carer", "other", "none"] = "none"
    explanation_fits: Literal["yes", "no", "unclear", "not_applicable"]
    child_mobile: Literal["yes", "no", "unknown"] = "unknown"
    medical_attention_sought: bool = False

    @model_validator(mode="after")
    def _explanation_consistent(self) -> "InjuryDetails":
        if self.explanation_given and not self.explanation:
            raise ValueError("explanation: say what explanation was given")
        if not self.explanation_given and self.explanation_fits in ("yes", "no"):
            raise ValueError("explanation_fits: no explanation was given, so it cannot fit or not")
        return self


class HospitalAttendanceDetails(Details):
    setting: Literal["emergency_department", "urgent_care", "minor_injuries", "admission", "other"]
    presenting_complaint: ShortText
    diagnosis: ShortText = ""
    delay_in_presentation: bool = False
    accompanied_by: ShortText = ""
    discharge_outcome: Literal["home", "admitted", "transferred", "left_before_seen", "other"] = (
        "home"
    )


class HealthContactDetails(Details):
    contact_type: Literal[
        "new_birth_visit",
        "health_review",
        "gp_appointment",
        "school_nurse",
        "paediatric",
        "immunisation",
        "dental",
        "mental_health",
        "other",
    ]
    concerns_noted: bool = False
    outcome: LongText = ""


class GrowthMeasurementDetails(Details):
    weight_kg: float | None = Field(default=None, gt=0.2, lt=250)
    height_cm: float | None = Field(default=None, gt=20, lt=230)
    head_circumference_cm: float | None = Field(default=None, gt=20, lt=70)
    weight_centile: float | None = Field(default=None, ge=0, le=100)
    height_centile: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _something_measured(self) -> "GrowthMeasurementDetails":
        if self.weight_kg is None and self.height_cm is None and self.head_circumference_cm is None:
            raise ValueError(
                "weight_kg: record at least one of weight, height or head circumference"
            )
        return self


class MissedAppointmentDetails(Details):
    service: Literal[
        "gp",
        "health_visiting",
        "paediatrics",
        "hospital_outpatient",
        "dental",
        "immunisation",
        "therapy",
        "camhs",
        "school_nursing",
        "other",
    ]
    # "Was not brought": a child cannot take themselves; the adult did not bring them.
    was_not_brought: bool
    reason_given: ShortText = ""
    rebooked: bool = False


class SchoolAbsenceDetails(Details):
    start_date: date
    end_date: date | None = None
    sessions_missed: int = Field(ge=1, le=400)
    authorised: bool
    reason: Literal["illness", "unexplained", "holiday", "exclusion", "medical", "other"]
    child_missing_education: bool = False

    @model_validator(mode="after")
    def _dates_in_order(self) -> "SchoolAbsenceDetails":
        if self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date: the absence cannot end before it starts")
        return self


class BehaviourObservationDetails(Details):
    behaviours: list[
        Literal[
            "food_seeking",
            "hunger",
            "poor_hygiene",
            "tiredness",
            "withdrawn",
            "aggressive",
            "sexualised",
            "self_harm",
            "fearful_of_parent",
            "wetting_or_soiling",
            "other",
        ]
    ] = Field(min_length=1)


class DisclosureDetails(Details):
    disclosed_to_role: ShortText
    categories: list[
        Literal[
            "physical",
            "emotional",
            "sexual",
            "neglect",
            "domestic_abuse",
            "exploitation",
            "other",
        ]
    ] = Field(min_length=1)
    spontaneous: bool = True


class ReferralDetails(Details):
    referred_to: ShortText
    referral_source: str  # CIN ReferralSource code of the referring agency
    urgency: Literal["routine", "urgent", "immediate"] = "routine"
    reason: LongText

    @field_validator("referral_source")
    @classmethod
    def _source_code(cls, value: str) -> str:
        return _one_of(value, CIN_REFERRAL_SOURCES, "referral source") or value


class FrontDoorDecisionDetails(Details):
    decision: Literal[
        "no_further_action",
        "advice_and_information",
        "early_help",
        "single_assessment",
        "strategy_discussion",
        "refer_other_agency",
    ]
    rag: Literal["red", "amber", "green"] | None = None
    primary_need_code: str | None = None
    rationale: LongText

    @field_validator("primary_need_code")
    @classmethod
    def _need(cls, value: str | None) -> str | None:
        return _one_of(value, CIN_PRIMARY_NEED, "primary need")


class StrategyDiscussionDetails(Details):
    agencies_present: list[str] = Field(min_length=1)
    decision: Literal["section_47", "single_assessment", "no_further_action", "other"]
    rationale: LongText


class Section47EnquiryDetails(Details):
    stage: Literal["started", "completed"]
    start_date: date
    icpc_required: bool | None = None
    icpc_target_date: date | None = None
    outcome: (
        Literal[
            "concerns_substantiated_icpc",
            "concerns_substantiated_no_icpc",
            "concerns_not_substantiated",
            "other",
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _completed_has_outcome(self) -> "Section47EnquiryDetails":
        if self.stage == "completed" and (self.outcome is None or self.icpc_required is None):
            raise ValueError("outcome: a completed enquiry needs an outcome and icpc_required")
        return self


class AssessmentDetails(Details):
    assessment_type: Literal["single_assessment", "section_47", "early_help"]
    stage: Literal["started", "completed"]
    start_date: date
    # CIN AssessmentInternalReviewDate: a manager's review part-way through the assessment.
    internal_review_date: date | None = None
    # CIN AssessmentAuthorisationDate: when a manager authorised the completed assessment.
    authorisation_date: date | None = None
    outcome: (
        Literal[
            "no_further_action",
            "early_help",
            "child_in_need_plan",
            "section_47",
            "child_protection_conference",
            "looked_after",
            "other",
        ]
        | None
    ) = None
    reason_for_closure: str | None = None
    primary_need_code: str | None = None

    @field_validator("reason_for_closure")
    @classmethod
    def _closure(cls, value: str | None) -> str | None:
        return _one_of(value, CIN_REASONS_FOR_CLOSURE, "reason for closure")

    @field_validator("primary_need_code")
    @classmethod
    def _need(cls, value: str | None) -> str | None:
        return _one_of(value, CIN_PRIMARY_NEED, "primary need")

    @model_validator(mode="after")
    def _completed_has_outcome(self) -> "AssessmentDetails":
        if self.stage == "completed" and self.outcome is None:
            raise ValueError("outcome: a completed assessment needs an outcome")
        if self.stage == "started" and (self.outcome or self.authorisation_date):
            raise ValueError("outcome: an assessment that has only started has no outcome yet")
        if self.authorisation_date and self.authorisation_date < self.start_date:
            raise ValueError("authorisation_date: cannot be before the assessment started (8608)")
        return self


class ChildProtectionConferenceDetails(Details):
    conference_type: Literal["initial", "review", "transfer_in"]
    outcome: Literal["plan_started", "plan_continued", "plan_ended", "no_plan"]
    category_of_abuse: str | None = None
    agencies_present: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _plan_has_category(self) -> "ChildProtectionConferenceDetails":
        _one_of(self.category_of_abuse, CIN_CATEGORY_OF_ABUSE, "category of abuse")
        if self.outcome in ("plan_started", "plan_continued") and not self.category_of_abuse:
            raise ValueError("category_of_abuse: a child protection plan needs a category")
        return self


PlanType = Literal["child_in_need", "child_protection", "looked_after", "early_help"]


class PlanStartDetails(Details):
    plan_type: PlanType
    category_of_abuse: str | None = None
    number_of_previous_cpp: int | None = Field(default=None, ge=0, le=50)

    @model_validator(mode="after")
    def _cp_has_category(self) -> "PlanStartDetails":
        _one_of(self.category_of_abuse, CIN_CATEGORY_OF_ABUSE, "category of abuse")
        if self.plan_type == "child_protection" and not self.category_of_abuse:
            raise ValueError("category_of_abuse: a child protection plan needs a category")
        return self


class PlanEndDetails(Details):
    plan_type: PlanType
    reason: ShortText = ""


class HomeVisitDetails(Details):
    visit_type: Literal["statutory", "announced", "unannounced", "other"]
    home_conditions: Literal["good", "adequate", "poor", "unsafe", "not_seen"]
    others_present: ShortText = ""


class MeetingDetails(Details):
    meeting_type: Literal[
        "core_group",
        "team_around_the_family",
        "professionals",
        "child_in_need_review",
        "looked_after_review",
        "family_group_decision_making",
        "pre_proceedings",
        "other",
    ]
    agencies_present: list[str] = Field(default_factory=list)
    decisions: LongText = ""


class ActionDetails(Details):
    description: LongText
    owner: ShortText
    due_date: date
    what_will_be_different_for_the_child: LongText
    status: Literal["open", "completed", "cancelled"] = "open"


class HouseholdChangeDetails(Details):
    change: Literal[
        "moved_in",
        "moved_out",
        "new_partner",
        "birth",
        "visitor_staying",
        "death",
        "other",
    ]
    relationship_to_child: ShortText = ""
    known_history_of_violence: Literal["yes", "no", "unknown"] = "unknown"


class NoteDetails(Details):
    pass


DETAILS_MODELS: dict[EventKind, type[Details]] = {
    EventKind.CONCERN: ConcernDetails,
    EventKind.DOMESTIC_ABUSE_INCIDENT: DomesticAbuseIncidentDetails,
    EventKind.INJURY: InjuryDetails,
    EventKind.HOSPITAL_ATTENDANCE: HospitalAttendanceDetails,
    EventKind.HEALTH_CONTACT: HealthContactDetails,
    EventKind.GROWTH_MEASUREMENT: GrowthMeasurementDetails,
    EventKind.MISSED_APPOINTMENT: MissedAppointmentDetails,
    EventKind.SCHOOL_ABSENCE: SchoolAbsenceDetails,
    EventKind.BEHAVIOUR_OBSERVATION: BehaviourObservationDetails,
    EventKind.DISCLOSURE: DisclosureDetails,
    EventKind.REFERRAL: ReferralDetails,
    EventKind.FRONT_DOOR_DECISION: FrontDoorDecisionDetails,
    EventKind.STRATEGY_DISCUSSION: StrategyDiscussionDetails,
    EventKind.SECTION_47_ENQUIRY: Section47EnquiryDetails,
    EventKind.ASSESSMENT: AssessmentDetails,
    EventKind.CHILD_PROTECTION_CONFERENCE: ChildProtectionConferenceDetails,
    EventKind.PLAN_START: PlanStartDetails,
    EventKind.PLAN_END: PlanEndDetails,
    EventKind.HOME_VISIT: HomeVisitDetails,
    EventKind.MEETING: MeetingDetails,
    EventKind.ACTION: ActionDetails,
    EventKind.HOUSEHOLD_CHANGE: HouseholdChangeDetails,
    EventKind.NOTE: NoteDetails,
}
