"""Where households live and which services they use: unique addresses in a fictional area,
moves during the window, and the school, GP practice and teams that serve each household."""

from datetime import date, timedelta
from random import Random

from sightline.synthetic.agencies import Agency, Catalogue
from sightline.synthetic.checkdigits import postcode, scramble
from sightline.synthetic.model import Address, Household
from sightline.synthetic.names_data import STREET_TYPES, STREETS
from sightline.synthetic.profile import Profile

# Addresses per postcode (Royal Mail: about 15 delivery points a postcode on average).
_ADDRESSES_PER_POSTCODE = 12
# A move lands this many address numbers away, in another part of the area.
_MOVE_STRIDE = 2_000_000
_DISTRICTS, _SECTORS, _UNITS = 99, 10, 400


def address_for(profile: Profile, household_index: int, move: int, start: date) -> Address:
    """The household's home after its move-th move: unique to the household and the move.
    Neighbouring households share postcodes, as they do on a real street."""
    address_id = household_index + move * _MOVE_STRIDE
    postcode_id, door = divmod(address_id, _ADDRESSES_PER_POSTCODE)
    district = 1 + postcode_id % _DISTRICTS
    sector = (postcode_id // _DISTRICTS) % _SECTORS
    wrap, unit = divmod(postcode_id // (_DISTRICTS * _SECTORS), _UNITS)
    street = STREETS[scramble(postcode_id, 6) % len(STREETS)]
    street_type = STREET_TYPES[scramble(postcode_id, 6, salt=1) % len(STREET_TYPES)]
    return Address(
        line1=f"{door * 2 + 1 + wrap * 100} {street} {street_type}",
        town=profile.text("population.area_name"),
        postcode=postcode(profile.text("population.postcode_area"), district, sector, unit),
        uprn=str(10_000_000_000 + scramble(address_id, 10, salt=3)),
        start=start,
    )


def addresses_build(
    rng: Random,
    profile: Profile,
    household: Household,
    first_day: date,
    move_from: date,
    last_day: date,
) -> list[Address]:
    """The first address, then zero, one or two moves between move_from and last_day."""
    moves: list[date] = []
    if rng.random() < profile.rate("households.move_rate"):
        moves.append(_day_between(rng, move_from + timedelta(days=60), last_day))
        if rng.random() < profile.rate("households.second_move_rate"):
            moves.append(_day_between(rng, moves[0] + timedelta(days=90), last_day))
    moves = sorted(d for d in moves if first_day < d < last_day)
    starts = [first_day, *moves]
    addresses = []
    for move, start in enumerate(starts):
        address = address_for(profile, household.index, move, start)
        end = starts[move + 1] if move + 1 < len(starts) else None
        addresses.append(
            Address(address.line1, address.town, address.postcode, address.uprn, start, end)
        )
    return addresses


def _day_between(rng: Random, first: date, last: date) -> date:
    span = (last - first).days
    return first + timedelta(days=rng.randrange(span)) if span > 0 else first


def services_choose(rng: Random, catalogue: Catalogue) -> dict[str, Agency]:
    """The agency of each kind that serves the household; siblings share their schools."""
    services = {kind: catalogue.pick(rng, kind) for kind in catalogue.by_kind if kind != "school"}
    services["primary_school"] = rng.choice(catalogue.primary)
    services["secondary_school"] = rng.choice(catalogue.secondary)
    return services
