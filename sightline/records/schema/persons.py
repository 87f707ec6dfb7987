"""A recorded person: one agency's own record of a child or adult, as that agency wrote it."""

import contextlib
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sightline.records import identifiers
from sightline.records.schema.codes import CIN_DISABILITY, CIN_ETHNICITY, CIN_SEX, CIN_UPN_UNKNOWN
from sightline.records.schema.times import Precision, parse_partial_date

Name = Annotated[str, Field(max_length=100)]


class Confidentiality(StrEnum):
    STANDARD = "standard"
    # Known only to the recording agency unless released: e.g. a refuge address.
    CONFIDENTIAL = "confidential"
    # Never linked, matched or shown across agencies: e.g. a shielded adoption.
    SHIELDED = "shielded"


class IdentifierScheme(StrEnum):
    NHS_NUMBER = "nhs_number"
    UPN = "upn"
    FORMER_UPN = "former_upn"
    PNC_ID = "pnc_id"
    LA_CHILD_ID = "la_child_id"
    POLICE_PERSON_ID = "police_person_id"
    LOCAL_ID = "local_id"


class OtherName(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    given_name: Name = ""
    family_name: Name = ""
    kind: Literal["previous", "alias", "birth", "preferred", "alternative_spelling"]


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    line1: Annotated[str, Field(min_length=1, max_length=200)]
    line2: Annotated[str, Field(max_length=200)] = ""
    town: Annotated[str, Field(max_length=100)] = ""
    postcode: Annotated[str, Field(max_length=10)] = ""
    uprn: Annotated[str, Field(pattern=r"^(\d{1,12})?$")] = ""
    start: date | None = None
    end: date | None = None
    confidentiality: Confidentiality = Confidentiality.STANDARD

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str) -> str:
        if not value:
            return value
        normal = identifiers.normalise_postcode(value)
        if not identifiers.is_valid_postcode(normal):
            raise ValueError(f"{value!r} is not a UK postcode")
        return normal

    @model_validator(mode="after")
    def _dates(self) -> "AddressIn":
        if self.start and self.end and self.end < self.start:
            raise ValueError("end: the person cannot leave an address before arriving")
        return self


class IdentifierIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    scheme: IdentifierScheme
    value: Annotated[str, Field(min_length=1, max_length=40)]

    @model_validator(mode="after")
    def _check_digit(self) -> "IdentifierIn":
        checker = identifiers.VALIDATORS.get(self.scheme.value)
        if checker is not None:
            normalise, is_valid = checker
            normal = normalise(self.value)
            if not is_valid(normal):
                raise ValueError(
                    f"value: {self.value!r} is not a valid {self.scheme.value} "
                    "(its check digit or format is wrong)"
                )
            object.__setattr__(self, "value", normal)
        return self


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    source_reference: Annotated[str, Field(max_length=100)] = ""
    given_name: Name = ""
    family_name: Annotated[str, Field(min_length=1, max_length=100)]
    other_names: list[OtherName] = Field(default_factory=list, max_length=20)
    date_of_birth: date | None = None
    date_of_birth_precision: Precision | None = None
    expected_date_of_birth: date | None = None
    date_of_death: date | None = None
    sex: Literal["M", "F", "U"] = "U"
    addresses: list[AddressIn] = Field(default_factory=list, max_length=50)
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=20)
    upn_unknown_reason: str = ""
    first_language: Annotated[str, Field(max_length=40)] = ""
    interpreter_needed: bool | None = None
    ethnicity: str = ""
    disabilities: list[str] = Field(default_factory=list)
    confidentiality: Confidentiality = Confidentiality.STANDARD

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        """Partial dates of birth, and identifiers given as {scheme: value}."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        dob = data.get("date_of_birth")
        if isinstance(dob, str) and dob.strip() and not data.get("date_of_birth_precision"):
            # A date that does not parse is reported by the field's own validator.
            with contextlib.suppress(ValueError):
                data["date_of_birth_precision"] = parse_partial_date(dob)[1]
        ids = data.get("identifiers")
        if isinstance(ids, dict):
            data["identifiers"] = [
                {"scheme": scheme, "value": value} for scheme, value in ids.items() if value
            ]
        return data

    @field_validator("date_of_birth", mode="before")
    @classmethod
    def _partial_date(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_partial_date(value)[0] if value.strip() else None
        return value

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, value: Any) -> Any:
        return value.strip().upper()[:1] if isinstance(value, str) and value.strip() else "U"

    @field_validator("ethnicity")
    @classmethod
    def _ethnicity(cls, value: str) -> str:
        if value and value.upper() not in CIN_ETHNICITY:
            raise ValueError(f"{value!r} is not a DfE ethnicity code")
        return value.upper()

    @field_validator("disabilities")
    @classmethod
    def _disabilities(cls, codes: list[str]) -> list[str]:
        codes = [c.strip().upper() for c in codes if c.strip()]
        unknown = [c for c in codes if c not in CIN_DISABILITY]
        if unknown:
            raise ValueError(f"{', '.join(unknown)}: not DfE disability codes")
        if "NONE" in codes and len(codes) > 1:
            raise ValueError("NONE cannot be combined with other disability codes (CIN rule 8790)")
        if len(set(codes)) != len(codes):
            raise ValueError("a disability code is listed twice (CIN rule 8794)")
        return codes

    @field_validator("upn_unknown_reason")
    @classmethod
    def _upn_unknown(cls, value: str) -> str:
        if value and value.upper() not in CIN_UPN_UNKNOWN:
            raise ValueError(f"{value!r} is not a UPN-unknown code (UN1 to UN7)")
        return value.upper()

    @model_validator(mode="after")
    def _consistent(self) -> "PersonIn":
        if self.date_of_birth and self.expected_date_of_birth:
            raise ValueError(
                "expected_date_of_birth: give a date of birth or an expected one, not both"
            )
        if self.date_of_birth and self.date_of_death and self.date_of_death < self.date_of_birth:
            raise ValueError("date_of_death: cannot be before the date of birth")
        if self.date_of_birth is None and self.date_of_birth_precision is not None:
            object.__setattr__(self, "date_of_birth_precision", None)
        if self.date_of_birth is not None and self.date_of_birth_precision is None:
            object.__setattr__(self, "date_of_birth_precision", Precision.DAY)
        schemes = [i.scheme for i in self.identifiers]
        if len(set(schemes)) != len(schemes):
            raise ValueError("identifiers: each scheme may appear once")
        return self

    @property
    def sex_label(self) -> str:
        return CIN_SEX[self.sex]
