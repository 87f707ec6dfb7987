"""What one person's records say about where they live and how old they are. Pure."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sightline.households.data import Role
from sightline.identity.linkage import columns, features
from sightline.records.data import AddressFacts, ResidenceFacts
from sightline.records.schema.persons import Confidentiality

ADULT_AGE = 18
AddressKey = tuple[str, str]


def address_key(address: AddressFacts) -> AddressKey | None:
    """(postcode, first line), normalised; None when either is missing, since a first line alone
    ("Flat 2") or a postcode alone (about fifteen homes) is not one home."""
    postcode = features.normalise_postcode(address.postcode)
    # columns.address_key keeps what comes before the first comma. In a first line a comma may
    # separate a flat from its building ("Flat 2, 17 Ash Road") or a street from its locality
    # ("12 Elm Road, Eastbridge"): the numbered parts are the ones that tell homes apart.
    parts = address.line1.split(",")
    numbered = [part for part in parts if any(c.isdigit() for c in part)]
    line = columns.address_key(" ".join(numbered) or parts[0])
    return (postcode, line) if postcode and line else None


def is_current(start: date | None, end: date | None, on: date) -> bool:
    """Started by `on` (or no start given) and not ended: `end` is the day they left."""
    return (start is None or start <= on) and (end is None or on < end)


def is_protected(record: ResidenceFacts, address: AddressFacts | None = None) -> bool:
    marked = record.confidentiality != Confidentiality.STANDARD
    return marked or (address is not None and address.confidentiality != Confidentiality.STANDARD)


@dataclass(frozen=True)
class Home:
    """A person's latest current address."""

    key: AddressKey | None  # None: it cannot be compared (no postcode, or protected)
    start: date | None  # the earliest start any of their records gives for it
    protected: bool


def home_of(records: Iterable[ResidenceFacts], on: date) -> Home | None:
    """The latest current address across a person's records; None when there is none.

    Only the start dates of protected addresses count, never what they say: a protected address
    that began after every other current address (or whose start is not known) is where the
    person may be now, and makes their home protected."""
    current = [(r, a) for r in records for a in r.addresses if is_current(a.start, a.end, on)]
    if not current:
        return None
    open_ = [a for r, a in current if not is_protected(r, a)]
    latest = max((a.start or date.min for a in open_), default=None)
    for r, a in current:
        if is_protected(r, a) and (latest is None or a.start is None or a.start > latest):
            return Home(None, None, protected=True)
    counts = Counter(
        key for a in open_ if (a.start or date.min) == latest and (key := address_key(a))
    )
    if not counts:
        return Home(None, None, protected=False)
    # Two addresses starting the same day: the one more records give, then either, the same one
    # every time (a conflict for the agencies to settle, not for derivation to guess).
    key = max(counts, key=lambda k: (counts[k], k))
    starts = [a.start for a in open_ if a.start is not None and address_key(a) == key]
    return Home(key, min(starts, default=None), protected=False)


def _latest_possible(born: date, precision: str) -> date:
    if precision == "year":
        return date(born.year, 12, 31)
    if precision == "month":
        first_of_next = date(born.year + born.month // 12, born.month % 12 + 1, 1)
        return first_of_next - timedelta(days=1)
    return born


def eighteenth_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + ADULT_AGE)
    except ValueError:  # born on 29 February: of age on 1 March in a year without one
        return date(born.year + ADULT_AGE, 3, 1)


def role_of(records: Iterable[ResidenceFacts], on: date) -> tuple[Role, date | None]:
    """The person's role on `on`, and for an adult the day from which every record agrees."""
    of_age: list[date] = []
    child = False
    for record in records:
        if is_protected(record):
            continue  # the role is shown to other agencies
        if record.date_of_birth is not None:
            day = eighteenth_birthday(
                _latest_possible(record.date_of_birth, record.date_of_birth_precision)
            )
            if day <= on:
                of_age.append(day)
            else:
                child = True
        elif record.expected_date_of_birth is not None:
            child = True  # not born yet
    if of_age and not child:
        return Role.ADULT, max(of_age)
    if child and not of_age:
        return Role.CHILD, None
    return Role.UNKNOWN, None


def has_died(records: Iterable[ResidenceFacts], on: date) -> bool:
    return any(r.date_of_death is not None and r.date_of_death <= on for r in records)


def last_move(records: Iterable[ResidenceFacts], ended: Iterable[date], on: date) -> date | None:
    """The latest day, by `on`, the person's unprotected records say where they live changed: an
    address started or ended, or a stated living-together ended."""
    days = [
        day
        for r in records
        for a in r.addresses
        if not is_protected(r, a)
        for day in (a.start, a.end)
        if day is not None and day <= on
    ]
    return max([*days, *(day for day in ended if day <= on)], default=None)
