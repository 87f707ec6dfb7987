"""When a notification is due: school days, term dates and bank holidays in England. Pure.

"Before the start of the next school day" is the Operation Encompass promise: a school hears of a
police domestic-abuse call-out at a pupil's home before the pupil arrives the next morning. A
school day starts at 08:30 UK time (the time the design brief names for a DSL to know). A school
day is a weekday that is not an England-and-Wales bank holiday (from the `holidays` library,
which is maintained as the government announces changes) and falls within a term.

Which terms: the school's own term dates where it has recorded them; for days outside the span
its own dates cover, the default calendar the local authority recorded; and outside that too,
the common pattern of English school terms (`pattern_terms`). So a deadline never depends on
someone having typed next year's dates in on time, and never falls in a known holiday.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
SCHOOL_DAY_STARTS = time(8, 30)
_SATURDAY = 5
# Days looked ahead for the next school day: longer than any school holiday, so finding none
# means the calendar is wrong, not that the summer is long.
_LOOKAHEAD_DAYS = 120


@dataclass(frozen=True, order=True)
class Term:
    """A span of school days, first and last day included (a half term, say)."""

    starts_on: date
    ends_on: date

    def __post_init__(self) -> None:
        if self.ends_on < self.starts_on:
            raise ValueError(f"a term cannot end ({self.ends_on}) before it starts")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.starts_on <= day <= self.ends_on


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England-and-Wales bank holidays of a year, substitute days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays(day.year)


def _first_weekday_on_or_after(day: date) -> date:
    while day.weekday() >= _SATURDAY or is_bank_holiday(day):
        day += timedelta(days=1)
    return day


def _last_weekday_on_or_before(day: date) -> date:
    while day.weekday() >= _SATURDAY or is_bank_holiday(day):
        day -= timedelta(days=1)
    return day


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _last_monday(year: int, month: int) -> date:
    after = date(year + (month == 12), month % 12 + 1, 1)
    return _monday_of(after - timedelta(days=1))


def easter_sunday(year: int) -> date:
    """The Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _halves(first: date, last: date, break_monday: date) -> list[Term]:
    """A term split by a week's half-term break starting on break_monday."""
    return [
        Term(first, _last_weekday_on_or_before(break_monday - timedelta(days=1))),
        Term(_first_weekday_on_or_after(break_monday + timedelta(days=7)), last),
    ]


@cache
def pattern_terms(academic_year: int) -> tuple[Term, ...]:
    """The six half terms of the school year starting in September of academic_year, as most
    English local authorities set them: autumn from the first week of September to the last
    weekday before 20 December, with half term in the week of the last Monday of October;
    spring from the first weekday after 4 January to the Friday before Easter week, with half
    term in the week of the third Monday of February; summer from the Monday after Easter week
    to 22 July, with half term in the week of the late-May bank holiday. A school's own dates,
    or the local authority's, replace these wherever they are recorded."""
    year, spring = academic_year, academic_year + 1
    easter = easter_sunday(spring)
    february = date(spring, 2, 15) + timedelta(days=(7 - date(spring, 2, 15).weekday()) % 7)
    autumn = _halves(
        _first_weekday_on_or_after(date(year, 9, 3)),
        _last_weekday_on_or_before(date(year, 12, 19)),
        _last_monday(year, 10),
    )
    spring_terms = _halves(
        _first_weekday_on_or_after(date(spring, 1, 5)),
        _last_weekday_on_or_before(_monday_of(easter) - timedelta(days=1)),
        february,
    )
    summer = _halves(
        _first_weekday_on_or_after(_monday_of(easter) + timedelta(days=14)),
        _last_weekday_on_or_before(date(spring, 7, 22)),
        _last_monday(spring, 5),
    )
    return tuple(autumn + spring_terms + summer)


def _pattern_in_term(day: date) -> bool:
    academic_year = day.year if day.month >= 8 else day.year - 1
    return any(day in term for term in pattern_terms(academic_year))


class SchoolCalendar:
    """Which days are school days for one school: its own terms, then the default calendar's,
    then the pattern (see the module's docstring). Each list of terms counts only within the
    span from its first term's start to its last term's end."""

    def __init__(self, own: Iterable[Term] = (), default: Iterable[Term] = ()) -> None:
        self._layers = [sorted(terms) for terms in (own, default) if terms]

    def in_term(self, day: date) -> bool:
        for terms in self._layers:
            if terms[0].starts_on <= day <= terms[-1].ends_on:
                return any(day in term for term in terms)
        return _pattern_in_term(day)

    def is_school_day(self, day: date) -> bool:
        return day.weekday() < _SATURDAY and not is_bank_holiday(day) and self.in_term(day)


def school_day_start(day: date) -> datetime:
    """08:30 UK time on that day, in UTC (GMT or BST as the day falls)."""
    return datetime.combine(day, SCHOOL_DAY_STARTS, tzinfo=LONDON).astimezone(UTC)


def next_school_day_start(after: datetime, calendar: SchoolCalendar) -> datetime:
    """The start of the first school day that starts after `after` (an aware instant)."""
    day = after.astimezone(LONDON).date()
    for _ in range(_LOOKAHEAD_DAYS):
        if calendar.is_school_day(day) and school_day_start(day) > after:
            return school_day_start(day)
        day += timedelta(days=1)
    raise ValueError(f"no school day within {_LOOKAHEAD_DAYS} days of {after.isoformat()}")


def uk_moment(instant: datetime) -> str:
    """ "27 November 2026 at 8:30am", in UK time."""
    local = instant.astimezone(LONDON)
    hour = local.hour % 12 or 12
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def within_hours(after: datetime, hours: int) -> datetime:
    """A plain deadline: so many hours later, whatever the day."""
    return (after + timedelta(hours=hours)).astimezone(UTC)


def terms_overlapping(terms: Sequence[Term]) -> list[tuple[Term, Term]]:
    """Pairs of terms in one calendar that share a day (a calendar must have none)."""
    ordered = sorted(terms)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b.starts_on <= a.ends_on]
