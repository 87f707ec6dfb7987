"""How one agency records one person: the same person written differently by each agency.

Every difference comes from a rate in the profile: nicknames, lost diacritics, anglicised and
mistyped names, double and changed surnames, swapped day and month, stale addresses, and partial
NHS number and UPN coverage.
"""

from datetime import date, timedelta
from random import Random
from typing import Any

from sightline.synthetic import names
from sightline.synthetic.agencies import Agency
from sightline.synthetic.model import Address, Household, TruePerson
from sightline.synthetic.profile import Profile


class Recorder:
    """Writes person lines for one household, one agency at a time."""

    def __init__(self, rng: Random, profile: Profile, household: Household) -> None:
        self.rng = rng
        self.profile = profile
        self.household = household
        self._rates: dict[str, float] = {}

    def _chance(self, name: str) -> bool:
        if name not in self._rates:
            self._rates[name] = self.profile.rate(f"recording.{name}")
        return self.rng.random() < self._rates[name]

    def person(self, agency: Agency, person: TruePerson, known_from: date) -> dict[str, Any]:
        """The fields of a person line (without agency and reference) as this agency has them."""
        given, family, other_names = self._names(agency, person)
        line: dict[str, Any] = {"given_name": given, "family_name": family}
        if other_names:
            line["other_names"] = other_names
        line["date_of_birth"] = self._date_of_birth(person.date_of_birth)
        line["sex"] = "U" if self._chance("sex_unknown_rate") else person.sex
        addresses = self._addresses(agency, known_from)
        if addresses:
            line["addresses"] = addresses
        identifiers = self._identifiers(agency, person)
        if identifiers:
            line["identifiers"] = identifiers
        if person.first_language != "eng":
            line["first_language"] = person.first_language
            line["interpreter_needed"] = person.interpreter_needed
        if agency.kind in ("school", "childrens_social_care") and person.ethnicity:
            line["ethnicity"] = person.ethnicity
        return line

    def _names(self, agency: Agency, person: TruePerson) -> tuple[str, str, list[dict[str, str]]]:
        given = person.given_name
        if self._chance("nickname_rate") or self._chance("anglicised_rate"):
            given = names.given_name_variant(self.rng, given) or given
        family, other_names = self._family_name(agency, person)
        if names.has_diacritics(given) and self._chance("diacritics_dropped_rate"):
            given = names.strip_diacritics(given)
        if self._chance("given_name_typo_rate"):
            given = names.typo(self.rng, given)
        if self._chance("family_name_typo_rate"):
            family = names.typo(self.rng, family)
        return given, family, other_names

    def _family_name(self, agency: Agency, person: TruePerson) -> tuple[str, list[dict[str, str]]]:
        family, other_names = person.family_name, []
        if person.birth_family_name:
            if self._chance("previous_surname_kept_rate"):
                family = person.birth_family_name
            elif self._chance("previous_surname_recorded_rate"):
                other_names.append({"family_name": person.birth_family_name, "kind": "previous"})
        if person.double_family_name and self._chance("double_surname_partial_rate"):
            family = self.rng.choice(person.double_family_name.split("-"))
        partner = self.household.person("partner")
        stepfather = partner if partner is not None and partner.sex == "M" else None
        if person.is_child and stepfather and self._chance("partner_surname_rate"):
            family = names.gendered(stepfather.family_name, person.sex)
        if names.other_gender(family) != family and self._chance("gendered_surname_error_rate"):
            family = names.other_gender(family)
        if self._chance("anglicised_rate"):
            family = names.surname_variant(self.rng, family) or family
        if names.has_diacritics(family) and self._chance("diacritics_dropped_rate"):
            family = names.strip_diacritics(family)
        return family, other_names

    def _date_of_birth(self, born: date) -> str:
        if self._chance("dob_year_only_rate"):
            return f"{born.year:04d}"
        if self._chance("dob_month_only_rate"):
            return f"{born.year:04d}-{born.month:02d}"
        if born.day <= 12 and born.day != born.month and self._chance("dob_day_month_swap_rate"):
            return date(born.year, born.day, born.month).isoformat()
        if self._chance("dob_typo_rate"):
            return _dob_typo(self.rng, born).isoformat()
        return born.isoformat()

    def _addresses(self, agency: Agency, known_from: date) -> list[dict[str, Any]]:
        """The addresses the agency holds: from when it first knew the person, or only the one
        it was first given if it never learned of a move."""
        if self._chance("address_missing_rate"):
            return []
        homes = self.household.addresses
        first = max(
            (i for i, a in enumerate(homes) if a.start <= known_from),
            default=0,
        )
        held = homes[first : first + 1] if self._chance("stale_address_rate") else homes[first:]
        return [_address_line(a, with_uprn=agency.kind == "housing") for a in held]

    def _identifiers(self, agency: Agency, person: TruePerson) -> dict[str, str]:
        identifiers: dict[str, str] = {}
        coverage = self.profile.table("recording.nhs_number_coverage").get(agency.kind, 0.0)
        if self.rng.random() < coverage:
            identifiers["nhs_number"] = person.nhs_number
            if self._chance("nhs_number_wrong_person_rate"):
                others = [p for p in self.household.persons if p is not person]
                if others:
                    identifiers["nhs_number"] = self.rng.choice(others).nhs_number
        upn_coverage = self.profile.table("recording.upn_coverage").get(agency.kind, 0.0)
        if person.upn and self.rng.random() < upn_coverage:
            identifiers["upn"] = person.upn
        if person.pnc_id and agency.kind in ("police", "probation"):
            identifiers["pnc_id"] = person.pnc_id
        return identifiers


def _dob_typo(rng: Random, born: date) -> date:
    """One field off by one: a day, a month or a year."""
    field = rng.randrange(3)
    if field == 0:
        return born + timedelta(days=rng.choice((-1, 1)))
    if field == 1:
        month = born.month % 12 + 1
        return born.replace(month=month, day=min(born.day, 28))
    return born.replace(year=born.year + rng.choice((-1, 1)), day=min(born.day, 28))


def _address_line(address: Address, *, with_uprn: bool) -> dict[str, Any]:
    line: dict[str, Any] = {
        "line1": address.line1,
        "town": address.town,
        "postcode": address.postcode,
        "start": address.start.isoformat(),
    }
    if address.end:
        line["end"] = address.end.isoformat()
    if with_uprn:
        line["uprn"] = address.uprn
    return line
