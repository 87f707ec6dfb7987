"""Households and the people in them: parents, children (siblings and twins), and adults who
move in or out during the window, with dated membership."""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from sightline.synthetic.agencies import Catalogue
from sightline.synthetic.checkdigits import nhs_number, pnc_id, upn
from sightline.synthetic.homes import addresses_build, services_choose
from sightline.synthetic.model import Household, Membership, TruePerson
from sightline.synthetic.names import gendered
from sightline.synthetic.names_data import ORIGINS
from sightline.synthetic.profile import Profile

_YEAR = 365.25
_CHILD_AGE_LIMIT = 17.9  # children are under 18 at the reference date


@dataclass(frozen=True)
class Composition:
    """Who a household will hold over the window; cheap to draw, so the population can be sized
    exactly before any household is built."""

    kind: str  # couple, separating, lone_parent, adults_only
    adults: int
    children: int
    twins: bool
    partner_joins: bool

    @property
    def size(self) -> int:
        return self.adults + self.children + int(self.partner_joins)


def compose(rng: Random, profile: Profile, cap: int) -> Composition:
    """Draw a household's make-up, no larger than cap persons."""
    kinds, weights = profile.weights("households.type_weights")
    kind = rng.choices(kinds, weights)[0]
    if kind == "adults_only" or cap < 2:
        couple = rng.random() < profile.rate("households.adults_only_couple_rate")
        return Composition("adults_only", 2 if couple and cap >= 2 else 1, 0, False, False)
    counts, count_weights = profile.weights("households.children_weights")
    children = int(rng.choices(counts, count_weights)[0])
    twins = rng.random() < profile.rate("households.twin_rate")
    adults = 2 if kind in ("couple", "separating") else 1
    joins = kind != "couple" and rng.random() < profile.rate("households.new_partner_rate")
    while adults + children + twins + joins > cap:
        if joins:
            joins = False
        elif twins:
            twins = False
        elif children > 1:
            children -= 1
        else:
            adults -= 1
    return Composition(kind, adults, children + twins, twins, joins)


@dataclass
class World:
    """What every household builder needs: the profile, the agencies and the window."""

    profile: Profile
    catalogue: Catalogue
    reference_date: date
    window_start: date
    la_code: str


def world_build(profile: Profile, catalogue: Catalogue) -> World:
    reference = profile.day("population.reference_date")
    years = int(profile.number("population.years_of_events"))
    return World(
        profile=profile,
        catalogue=catalogue,
        reference_date=reference,
        window_start=reference.replace(year=reference.year - years),
        la_code=profile.text("population.local_authority_code"),
    )


class _PersonMaker:
    """Makes the household's people in order, numbering them from the household's first."""

    def __init__(self, rng: Random, world: World, first_number: int) -> None:
        self.rng, self.world, self.next_number = rng, world, first_number

    def make(self, origin: str, sex: str, born: date, surname: str, *, child: bool) -> TruePerson:
        rng, number = self.rng, self.next_number
        self.next_number += 1
        pool = ORIGINS[origin]
        interpreter = not child and rng.random() < self.world.profile.table(
            "households.interpreter_needed_rate"
        ).get(origin, 0.0)
        return TruePerson(
            person_id=f"P{number:08d}",
            number=number,
            given_name=rng.choice(pool.girls if sex == "F" else pool.boys),
            family_name=gendered(surname, sex),
            sex=sex,
            date_of_birth=born,
            origin=origin,
            is_child=child,
            nhs_number=nhs_number(number),
            upn=upn(number, self.world.la_code) if child and self._school_age(born) else "",
            ethnicity=rng.choice(pool.ethnicities),
            first_language=pool.language,
            interpreter_needed=interpreter,
        )

    def _school_age(self, born: date) -> bool:
        """Old enough to have started school by the reference date, so holding a UPN."""
        return (self.world.reference_date - born).days >= 4 * _YEAR


def _days_before(rng: Random, day: date, low_years: float, high_years: float) -> date:
    return day - timedelta(days=int(rng.uniform(low_years, high_years) * _YEAR))


def _origin(rng: Random, profile: Profile) -> str:
    names, weights = profile.weights("households.origin_weights")
    return rng.choices(names, weights)[0]


def _surname(rng: Random, origin: str) -> str:
    return rng.choice(ORIGINS[origin].surnames)


def household_build(
    rng: Random, world: World, composition: Composition, index: int, first_number: int
) -> Household:
    """Build the household's people, membership, homes and services from its composition."""
    household = Household(
        household_id=f"H{index + 1:07d}",
        index=index,
        kind=composition.kind,
        origin=_origin(rng, world.profile),
    )
    maker = _PersonMaker(rng, world, first_number)
    if composition.kind == "adults_only":
        first_day = _adults_only(rng, world, household, maker, composition.adults)
    else:
        first_day = _family(rng, world, household, maker, composition)
    move_from = max(first_day, world.window_start)
    household.addresses = addresses_build(
        rng, world.profile, household, first_day, move_from, world.reference_date
    )
    household.services = services_choose(rng, world.catalogue)
    _gp_practices(rng, world, household)
    household.social_housing = rng.random() < world.profile.rate("households.social_housing_rate")
    _violence_histories(rng, world, household)
    return household


def _adults_only(
    rng: Random, world: World, household: Household, maker: _PersonMaker, adults: int
) -> date:
    first_day = _days_before(rng, world.window_start, 0, 10)
    sex = rng.choice("MF")
    for _ in range(adults):
        born = _days_before(rng, world.reference_date, 19, 80)
        person = maker.make(
            household.origin, sex, born, _surname(rng, household.origin), child=False
        )
        household.persons.append(person)
        household.members.append(Membership(person.person_id, "adult", first_day))
        sex = "F" if sex == "M" else "M"
    return first_day


def _child_birthdays(rng: Random, world: World, composition: Composition) -> list[date]:
    """Birthdays, youngest last; twins share one. Gaps are squeezed to keep all under 18."""
    profile = world.profile
    singles = composition.children - int(composition.twins)
    low, high = (profile.number(f"households.sibling_gap_years_{e}") for e in ("min", "max"))
    gaps = [rng.uniform(low, high) for _ in range(singles - 1)]
    span = sum(gaps)
    if span > _CHILD_AGE_LIMIT - 0.1:
        gaps = [g * (_CHILD_AGE_LIMIT - 0.1) / span for g in gaps]
        span = sum(gaps)
    youngest = rng.uniform(0.02, _CHILD_AGE_LIMIT - span)
    ages = [youngest + sum(gaps[i:]) for i in range(singles)]
    birthdays = [world.reference_date - timedelta(days=int(age * _YEAR)) for age in ages]
    if composition.twins:
        twin = rng.randrange(len(birthdays))
        birthdays.insert(twin, birthdays[twin])
    return birthdays


_MIXED_ETHNICITY = {
    "caribbean": "MWBC",
    "nigerian": "MWBA",
    "somali": "MWBA",
    "pakistani": "MWAS",
    "indian": "MWAS",
    "bangladeshi": "MWAS",
}


def _partner_origin(rng: Random, profile: Profile, origin: str) -> str:
    if rng.random() < profile.rate("households.mixed_origin_rate"):
        return _origin(rng, profile)
    return origin


def _family(
    rng: Random, world: World, household: Household, maker: _PersonMaker, composition: Composition
) -> date:
    """Parents and children. Returns the day the household was formed."""
    profile = world.profile
    birthdays = _child_birthdays(rng, world, composition)
    eldest = min(birthdays)
    first_day = min(eldest, world.window_start) - timedelta(days=rng.randrange(3 * 365))
    age_low, age_high = (
        profile.number(f"households.mother_age_at_first_birth_{e}") for e in ("min", "max")
    )
    mother_born = _days_before(rng, eldest, age_low, age_high)
    father_origin = _partner_origin(rng, profile, household.origin)
    father_surname = _surname(rng, father_origin)
    mother_surname = _surname(rng, household.origin)
    lone_father = composition.adults == 1 and rng.random() < profile.rate(
        "households.lone_father_rate"
    )
    father = mother = None
    if composition.adults == 2 or not lone_father:
        took = composition.adults == 2 and rng.random() < profile.rate(
            "households.mother_took_partner_surname_rate"
        )
        current = father_surname if took else mother_surname
        mother = maker.make(household.origin, "F", mother_born, current, child=False)
        mother.birth_family_name = gendered(mother_surname, "F") if took else ""
        household.persons.append(mother)
        household.members.append(Membership(mother.person_id, "mother", first_day))
    if composition.adults == 2 or lone_father:
        father_born = mother_born - timedelta(days=int(rng.uniform(-2, 6) * _YEAR))
        father = maker.make(father_origin, "M", father_born, father_surname, child=False)
        household.persons.append(father)
        household.members.append(_father_membership(rng, world, household, father, first_day))
    _children(rng, world, household, maker, birthdays, mother, father, father_surname)
    if composition.partner_joins:
        _partner_joins(rng, world, household, maker, mother or father)
    return first_day


def _father_membership(
    rng: Random, world: World, household: Household, father: TruePerson, first_day: date
) -> Membership:
    if household.kind != "separating":
        return Membership(father.person_id, "father", first_day)
    earliest = max(first_day, world.window_start) + timedelta(days=180)
    span = (world.reference_date - timedelta(days=365) - earliest).days
    left = earliest + timedelta(days=rng.randrange(max(span, 1)))
    return Membership(father.person_id, "father", first_day, min(left, world.reference_date))


def _children(
    rng: Random,
    world: World,
    household: Household,
    maker: _PersonMaker,
    birthdays: list[date],
    mother: TruePerson | None,
    father: TruePerson | None,
    father_surname: str,
) -> None:
    profile = world.profile
    carer = mother or father
    assert carer is not None
    base = (
        father_surname
        if father or rng.random() < profile.rate("households.absent_father_surname_rate")
        else carer.birth_family_name or carer.family_name
    )
    other = mother.birth_family_name or mother.family_name if mother else ""
    double = bool(other) and rng.random() < profile.rate("households.double_surname_rate")
    given_origin = household.origin
    paternal = profile.rate("households.father_origin_given_name_rate")
    if father and father.origin != household.origin and rng.random() < paternal:
        given_origin = father.origin
    for born in birthdays:
        sex = rng.choice("MF")
        child = maker.make(given_origin, sex, born, base, child=True)
        if double and other != child.family_name:
            child.family_name = f"{child.family_name}-{gendered(other, sex)}"
            child.double_family_name = child.family_name
        if father and mother and father.origin != mother.origin:
            child.ethnicity = _MIXED_ETHNICITY.get(
                father.origin, _MIXED_ETHNICITY.get(mother.origin, "MOTH")
            )
        household.persons.append(child)
        household.members.append(Membership(child.person_id, "child", born))


def _partner_joins(
    rng: Random, world: World, household: Household, maker: _PersonMaker, parent: TruePerson | None
) -> None:
    """A new partner moves in after a separation, or joins a lone parent."""
    assert parent is not None
    profile = world.profile
    father = household.person("father")
    left = household.membership(father).end if father else None
    latest = world.reference_date - timedelta(days=60)
    if left:
        joined = min(left + timedelta(days=int(rng.uniform(0.2, 2.0) * _YEAR)), latest)
    else:
        joined = world.window_start + timedelta(
            days=rng.randrange(max((latest - world.window_start).days, 1))
        )
    origin = _partner_origin(rng, profile, household.origin)
    born = parent.date_of_birth - timedelta(days=int(rng.uniform(-8, 3) * _YEAR))
    sex = "M" if parent.sex == "F" else "F"
    partner = maker.make(origin, sex, born, _surname(rng, origin), child=False)
    partner.history_of_violence = rng.random() < profile.rate(
        "households.new_partner_violence_history_rate"
    )
    household.persons.append(partner)
    household.members.append(Membership(partner.person_id, "partner", joined))


def _violence_histories(rng: Random, world: World, household: Household) -> None:
    """Some adults have a recorded history of violence, and so a Police National Computer id."""
    rate = world.profile.rate("households.adult_violence_history_rate")
    for person in household.persons:
        if person.is_child:
            continue
        if not person.history_of_violence and rng.random() < rate:
            person.history_of_violence = True
        if person.history_of_violence:
            first_arrest = min(
                person.date_of_birth.year + 18 + rng.randrange(12), world.reference_date.year
            )
            person.pnc_id = pnc_id(person.number, first_arrest)


def _gp_practices(rng: Random, world: World, household: Household) -> None:
    """Most of a household is registered with one practice; a few members elsewhere."""
    rate = world.profile.rate("agencies.other_gp_rate")
    for person in household.persons:
        other = rng.random() < rate
        person.gp = world.catalogue.pick(rng, "gp") if other else household.services["gp"]
