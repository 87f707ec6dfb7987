"""The agencies of the fictional area, scaled to the population: police, schools, GP practices,
health, social care, housing, probation and education welfare."""

from dataclasses import dataclass
from random import Random
from typing import Any

from sightline.synthetic.profile import Profile

# Kinds in the order they are listed in agencies.json.
KINDS = (
    "police",
    "school",
    "gp",
    "health_visiting",
    "school_nursing",
    "hospital",
    "community_paediatrics",
    "childrens_social_care",
    "housing",
    "probation",
    "education_welfare",
)

_PLACE_TEXT = (
    "Oak Ash Elm Beech Birch Rowan Willow Hazel Holly Cedar Larch Maple Alder Linden Poplar "
    "Brook Meadow Orchard Priory Grange Manor Chapel Mill Moor Park Valley Highfield Kingsway "
    "Queensway Riverside Hillside Westgate Eastgate Northgate Southfield Greenway Fairfield "
    "Broadway Ridgeway Castle Abbey Bridge Church Station Victoria Albert Stanley Windsor"
)
_PLACE_WORDS = tuple(_PLACE_TEXT.split())
_PRIMARY_SUFFIXES = ("Primary School", "Infant and Junior School", "CE Primary School")
_SECONDARY_SUFFIXES = ("Academy", "High School", "Community College")
_GP_SUFFIXES = ("Surgery", "Medical Practice", "Health Centre")
_SECTORS = ("", "North ", "South ", "East ", "West ", "Central ")
_SERVICE_NAMES = {
    "police": "Police",
    "health_visiting": "Health Visiting Service",
    "school_nursing": "School Nursing Service",
    "hospital": "Hospital Emergency Department",
    "community_paediatrics": "Community Paediatrics",
    "childrens_social_care": "Children's Social Care",
    "housing": "Housing Service",
    "probation": "Probation Delivery Unit",
    "education_welfare": "Education Welfare Service",
}
_SERVICE_CODES = {
    "police": "police",
    "health_visiting": "health-visiting",
    "school_nursing": "school-nursing",
    "hospital": "hospital",
    "community_paediatrics": "paediatrics",
    "childrens_social_care": "csc",
    "housing": "housing",
    "probation": "probation",
    "education_welfare": "education-welfare",
}


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    kind: str
    local_authority_code: str
    phase: str = ""  # schools: "primary" or "secondary"

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "local_authority_code": self.local_authority_code,
        }


def _slug(text: str) -> str:
    kept = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in kept.split("-") if part)


def _named(index: int, suffixes: tuple[str, ...]) -> str:
    """The index-th name in a fixed sequence: every place word with the first suffix, then the
    second suffix, and so on; numbered once all are used."""
    word = _PLACE_WORDS[index % len(_PLACE_WORDS)]
    round_, number = divmod(index // len(_PLACE_WORDS), len(suffixes))
    name = f"{word} {suffixes[number]}"
    return f"{name} {round_ + 1}" if round_ else name


def _service(kind: str, index: int, area: str, la_code: str) -> Agency:
    round_, sector = divmod(index, len(_SECTORS))
    label = f"{_SECTORS[sector]}{area}{f' {round_ + 1}' if round_ else ''}"
    return Agency(
        code=_slug(f"{label} {_SERVICE_CODES[kind]}"),
        name=f"{label} {_SERVICE_NAMES[kind]}",
        kind=kind,
        local_authority_code=la_code,
    )


class Catalogue:
    """Every agency, and a fair choice of one of a kind for a household."""

    def __init__(self, agencies: list[Agency]) -> None:
        self.agencies = tuple(agencies)
        self.by_kind: dict[str, tuple[Agency, ...]] = {
            kind: tuple(a for a in agencies if a.kind == kind) for kind in KINDS
        }
        schools = self.by_kind["school"]
        self.primary = tuple(a for a in schools if a.phase == "primary")
        self.secondary = tuple(a for a in schools if a.phase == "secondary")

    def pick(self, rng: Random, kind: str) -> Agency:
        return rng.choice(self.by_kind[kind])


def _count(profile: Profile, kind: str, persons: int) -> int:
    per = profile.number(f"agencies.persons_per.{kind}")
    return max(int(profile.number(f"agencies.minimum.{kind}")), round(persons / per))


def catalogue_build(profile: Profile, persons: int) -> Catalogue:
    la_code = profile.text("population.local_authority_code")
    area = profile.text("population.area_name")
    agencies: list[Agency] = []
    for kind in KINDS:
        count = _count(profile, kind, persons)
        if kind == "school":
            secondary = max(1, round(count * profile.rate("agencies.secondary_school_share")))
            agencies += _schools(count - secondary, "primary", _PRIMARY_SUFFIXES, la_code)
            agencies += _schools(secondary, "secondary", _SECONDARY_SUFFIXES, la_code)
        elif kind == "gp":
            agencies += [
                Agency(_slug(name), name, kind, la_code)
                for name in (_named(i, _GP_SUFFIXES) for i in range(count))
            ]
        else:
            agencies += [_service(kind, i, area, la_code) for i in range(count)]
    return Catalogue(agencies)


def _schools(count: int, phase: str, suffixes: tuple[str, ...], la_code: str) -> list[Agency]:
    names = [_named(i, suffixes) for i in range(max(1, count))]
    return [Agency(_slug(name), name, "school", la_code, phase) for name in names]
