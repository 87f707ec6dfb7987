"""A safeguarding event as any agency sends it: the common fields and the kind's details."""

import contextlib
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sightline.records.schema.catalogue import CHILD_CONTACT_KINDS, EventKind
from sightline.records.schema.coded import Answer, CodedAnswer, check_coded
from sightline.records.schema.codes import (
    CIN_ASSESSMENT_FACTORS,
    CIN_NO_FACTORS,
    CIN_WITHDRAWN_FACTORS,
    INTERPRETER_FLAGGED,
    INTERPRETER_NOT_USED,
    INTERPRETER_USED,
    NO_VOICE_REASONS,
    NOT_SEEN_ALONE_REASONS,
    NOT_SEEN_REASONS,
)
from sightline.records.schema.details import DETAILS_MODELS, AssessmentDetails, Details
from sightline.records.schema.times import Precision, parse_instant

Reference = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\s].*$")]


class SubjectRole(StrEnum):
    CHILD = "child_subject"
    PARENT_OR_CARER = "parent_or_carer"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    HOUSEHOLD_MEMBER = "household_member"
    WITNESS = "witness"
    REFERRER = "referrer"


class Sensitivity(StrEnum):
    STANDARD = "standard"
    # e.g. sexual health: stays with the recording agency unless released.
    SENSITIVE = "sensitive"
    RESTRICTED = "restricted"


class SubjectIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    # Either the agency's own reference for the person (files) or Sightline's id (API, forms).
    person: Reference | None = None
    recorded_person_id: UUID | None = None
    role: SubjectRole

    @model_validator(mode="after")
    def _one_reference(self) -> "SubjectIn":
        if (self.person is None) == (self.recorded_person_id is None):
            raise ValueError("person: give the person's reference or recorded_person_id, not both")
        return self


class EventIn(BaseModel):
    """Validated once, the same way, whether it came from a form, the API or a file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    kind: EventKind
    source_reference: Annotated[str, Field(max_length=100)] = ""
    occurred_at: datetime
    occurred_precision: Precision | None = None
    source_recorded_at: datetime | None = None
    recorded_by: Annotated[str, Field(max_length=200)] = ""
    local_authority_code: Annotated[str, Field(pattern=r"^(\d{3})?$")] = ""
    summary: Annotated[str, Field(min_length=1, max_length=2_000)]
    subjects: list[SubjectIn] = Field(min_length=1, max_length=50)
    child_seen: CodedAnswer
    child_seen_alone: CodedAnswer
    child_voice: CodedAnswer
    child_words: Annotated[str, Field(max_length=10_000)] = ""
    interpreter: CodedAnswer
    cin_factors: list[str] = Field(default_factory=list, max_length=40)
    sensitivity: Sensitivity = Sensitivity.STANDARD
    # Parsed by the kind's own model (see _kind_details); a kind with no details may omit it.
    details: Details = Field(default_factory=dict, validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _precision_from_time(cls, data: Any) -> Any:
        """Unless given, the precision is how much of the time was written ("2024-03" is a
        month). A time that does not parse is reported by the field's own validator."""
        if isinstance(data, dict) and not data.get("occurred_precision"):
            raw = data.get("occurred_at")
            if isinstance(raw, str | date | datetime) and raw != "":
                with contextlib.suppress(ValueError):
                    moment, precision = parse_instant(raw)
                    data = {**data, "occurred_precision": precision}
                    if isinstance(raw, str):  # parsed once: the field keeps what was parsed
                        data["occurred_at"] = moment
        return data

    @field_validator("occurred_at", "source_recorded_at", mode="before")
    @classmethod
    def _instant(cls, value: Any) -> Any:
        if value == "" or value is None:
            return None
        if isinstance(value, str | date) and not isinstance(value, datetime):
            return parse_instant(value)[0]
        return value

    @field_validator("details", mode="before")
    @classmethod
    def _kind_details(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        if isinstance(value, Details) or kind is None:
            # Without a valid kind the details cannot be checked; the kind's error says why.
            return value if isinstance(value, Details) else Details()
        return DETAILS_MODELS[kind].model_validate(value or {})

    @field_validator("child_seen")
    @classmethod
    def _seen(cls, value: CodedAnswer) -> CodedAnswer:
        return check_coded(value, name="child_seen", reasons=NOT_SEEN_REASONS)

    @field_validator("child_seen_alone")
    @classmethod
    def _seen_alone(cls, value: CodedAnswer) -> CodedAnswer:
        return check_coded(value, name="child_seen_alone", reasons=NOT_SEEN_ALONE_REASONS)

    @field_validator("child_voice")
    @classmethod
    def _voice(cls, value: CodedAnswer) -> CodedAnswer:
        return check_coded(value, name="child_voice", reasons=NO_VOICE_REASONS)

    @field_validator("interpreter")
    @classmethod
    def _interpreter(cls, value: CodedAnswer) -> CodedAnswer:
        if value.answer is Answer.YES:
            # "yes" names who interpreted; "no" says why an interpreter who was needed was not used.
            return check_coded(
                value, name="interpreter", reasons=INTERPRETER_USED, code_with=Answer.YES
            )
        return check_coded(value, name="interpreter", reasons=INTERPRETER_NOT_USED)

    @field_validator("cin_factors")
    @classmethod
    def _factors(cls, codes: list[str]) -> list[str]:
        codes = [code.strip().upper() for code in codes if code.strip()]
        for code in codes:
            if code in CIN_WITHDRAWN_FACTORS:
                raise ValueError(f"{code} was withdrawn by DfE: {CIN_WITHDRAWN_FACTORS[code]}")
            if code not in CIN_ASSESSMENT_FACTORS:
                raise ValueError(f"{code!r} is not a CIN assessment factor code")
        if len(set(codes)) != len(codes):
            raise ValueError("a factor is listed twice (CIN rule 8898)")
        if CIN_NO_FACTORS in codes and len(codes) > 1:
            raise ValueError("21 (no factors identified) cannot be combined with others (8869)")
        return codes

    @model_validator(mode="after")
    def _consistent(self) -> "EventIn":
        if self.occurred_precision is None:
            object.__setattr__(self, "occurred_precision", Precision.EXACT)
        if not isinstance(self.details, DETAILS_MODELS[self.kind]):
            raise ValueError(f"details: these are not the details of a {self.kind.value}")
        if self.child_seen.answer is not Answer.YES and self.child_seen_alone.answer is Answer.YES:
            raise ValueError("child_seen_alone: the child cannot be seen alone without being seen")
        if self.child_voice.answer is Answer.YES and not self.child_words:
            raise ValueError("child_words: record what the child said, in their own words")
        if self.kind in CHILD_CONTACT_KINDS and self.child_seen.answer is Answer.NOT_APPLICABLE:
            raise ValueError(
                f"child_seen: for a {self.kind.value.replace('_', ' ')}, say whether the child was "
                "seen (yes, or no with a reason)"
            )
        if self.cin_factors and self.kind is EventKind.ASSESSMENT:
            assert isinstance(self.details, AssessmentDetails)
            if self.details.stage != "completed":
                raise ValueError("cin_factors: factors belong to a completed assessment (8614)")
        if not any(s.role is SubjectRole.CHILD for s in self.subjects) and self.kind in (
            CHILD_CONTACT_KINDS
        ):
            raise ValueError("subjects: name the child this event is about (role child_subject)")
        return self

    @property
    def interpreter_flagged(self) -> bool:
        """A family member, another untrained adult or the child interpreted."""
        return (
            self.interpreter.answer is Answer.YES and self.interpreter.code in INTERPRETER_FLAGGED
        )
