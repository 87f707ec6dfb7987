"""Dated relationships that later decide access and routing: who is responsible for a child,
which plans and episodes are open, and how people are related to each other."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from sightline.records.schema.codes import CIN_CATEGORY_OF_ABUSE, CIN_REASONS_FOR_CLOSURE

Reference = Annotated[str, Field(min_length=1, max_length=100)]


class RelationshipKind(StrEnum):
    SCHOOL_ENROLMENT = "school_enrolment"
    GP_REGISTRATION = "gp_registration"
    HEALTH_VISITING_CASELOAD = "health_visiting_caseload"
    SCHOOL_NURSING_CASELOAD = "school_nursing_caseload"
    WORKER_ALLOCATION = "worker_allocation"
    EPISODE = "episode"
    PLAN = "plan"
    PERSON_RELATIONSHIP = "person_relationship"


# The kinds that tie a child to a service: the counterpart is an agency (by default the
# agency recording the relationship).
SERVICE_KINDS = frozenset(
    {
        RelationshipKind.SCHOOL_ENROLMENT,
        RelationshipKind.GP_REGISTRATION,
        RelationshipKind.HEALTH_VISITING_CASELOAD,
        RelationshipKind.SCHOOL_NURSING_CASELOAD,
    }
)


class EpisodeDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    episode_type: Literal[
        "contact",
        "early_help",
        "assessment",
        "child_in_need",
        "child_protection",
        "looked_after",
        "pre_proceedings",
    ]
    reason_for_closure: str | None = None
    referral_source: str | None = None
    # CIN 2026-27 PreProceedingsandFGDM items, for a pre_proceedings episode.
    letter_before_proceedings_sent: date | None = None
    letter_initial_child_protection: date | None = None
    family_group_decision_offered: bool | None = None
    family_group_decision_facilitated: bool | None = None
    step_decision_date: date | None = None
    outcome: (
        Literal[
            "stepped_down",
            "continued",
            "care_proceedings_issued",
            "other",
        ]
        | None
    ) = None
    court_application_date: date | None = None

    @model_validator(mode="after")
    def _codes(self) -> "EpisodeDetails":
        if self.reason_for_closure and self.reason_for_closure not in CIN_REASONS_FOR_CLOSURE:
            raise ValueError(f"{self.reason_for_closure!r} is not a CIN reason for closure")
        pre_proceedings = (
            self.letter_before_proceedings_sent,
            self.letter_initial_child_protection,
            self.family_group_decision_offered,
            self.family_group_decision_facilitated,
            self.step_decision_date,
            self.outcome,
            self.court_application_date,
        )
        if self.episode_type != "pre_proceedings" and any(v is not None for v in pre_proceedings):
            raise ValueError("episode_type: pre-proceedings details need a pre_proceedings episode")
        return self


class PlanDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    plan_type: Literal["child_in_need", "child_protection", "looked_after", "early_help"]
    category_of_abuse: str | None = None

    @model_validator(mode="after")
    def _category(self) -> "PlanDetails":
        if self.category_of_abuse and self.category_of_abuse not in CIN_CATEGORY_OF_ABUSE:
            raise ValueError(f"{self.category_of_abuse!r} is not a CIN category of abuse")
        if self.plan_type == "child_protection" and not self.category_of_abuse:
            raise ValueError("category_of_abuse: a child protection plan needs a category")
        return self


class PersonRelationshipDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # How the counterpart stands to the person: "mother" means the counterpart is their mother.
    relationship: Literal[
        "mother",
        "father",
        "step_parent",
        "partner_of_parent",
        "sibling",
        "half_sibling",
        "grandparent",
        "carer",
        "partner",
        "child",
        "other_relative",
        "other",
    ]
    lives_with: bool = False
    parental_responsibility: bool | None = None


class NoDetails(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


DETAILS_BY_KIND: dict[RelationshipKind, type[BaseModel]] = {
    RelationshipKind.EPISODE: EpisodeDetails,
    RelationshipKind.PLAN: PlanDetails,
    RelationshipKind.PERSON_RELATIONSHIP: PersonRelationshipDetails,
}


class RelationshipIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    kind: RelationshipKind
    source_reference: Annotated[str, Field(max_length=100)] = ""
    person: Reference
    counterpart_person: Reference | None = None
    counterpart_agency: Annotated[str, Field(max_length=40)] | None = None
    worker: Annotated[str, Field(max_length=150)] | None = None  # a Sightline username
    worker_name: Annotated[str, Field(max_length=200)] = ""
    start: date
    end: date | None = None
    details: BaseModel = Field(default_factory=dict, validate_default=True)

    @field_validator("details", mode="before")
    @classmethod
    def _kind_details(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if isinstance(value, BaseModel):
            return value
        if kind is None:
            return NoDetails()  # the kind's own error says what is wrong
        return DETAILS_BY_KIND.get(kind, NoDetails).model_validate(value or {})

    @model_validator(mode="after")
    def _counterparts(self) -> "RelationshipIn":
        if self.end and self.end < self.start:
            raise ValueError("end: a relationship cannot end before it starts")
        if self.kind is RelationshipKind.PERSON_RELATIONSHIP and not self.counterpart_person:
            raise ValueError("counterpart_person: say who the person is related to")
        if self.kind is RelationshipKind.WORKER_ALLOCATION and not (
            self.worker or self.worker_name
        ):
            raise ValueError("worker: name the allocated worker (username or worker_name)")
        expected = DETAILS_BY_KIND.get(self.kind, NoDetails)
        if not isinstance(self.details, expected):
            raise ValueError(f"details: these are not the details of a {self.kind.value}")
        return self
