"""Deadlines in school days: weekends, bank holidays, terms and the clocks changing. Pure."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sightline.notifications.calendar import (
    LONDON,
    SchoolCalendar,
    Term,
    easter_sunday,
    is_bank_holiday,
    next_school_day_start,
    pattern_terms,
    terms_overlapping,
    within_hours,
)

instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2032, 12, 31), timezones=st.just(UTC)
)


@st.composite
def own_terms(draw) -> list[Term]:
    """A school's own calendar: a few terms of a few weeks, with breaks between them."""
    day = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 6, 1)))
    terms = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        length = draw(st.integers(min_value=3, max_value=70))
        terms.append(Term(day, day + timedelta(days=length)))
        day += timedelta(days=length + draw(st.integers(min_value=1, max_value=40)))
    return terms


calendars = st.builds(
    SchoolCalendar, st.one_of(st.just([]), own_terms()), st.one_of(st.just([]), own_terms())
)


def local(instant: datetime) -> datetime:
    return instant.astimezone(LONDON)


@given(instants, calendars)
def test_a_deadline_is_a_school_day_s_start_after_the_event_was_received(received, calendar):
    due = next_school_day_start(received, calendar)
    day = local(due).date()

    assert due > received
    assert day.weekday() < 5
    assert not is_bank_holiday(day)
    assert calendar.in_term(day)
    assert local(due).time() == time(8, 30)  # in GMT and in BST alike


@given(instants, calendars)
def test_no_school_day_starts_between_receipt_and_the_deadline(received, calendar):
    due = next_school_day_start(received, calendar)
    day = local(received).date()
    while day < local(due).date():
        start = datetime.combine(day, time(8, 30), tzinfo=LONDON)
        assert not (calendar.is_school_day(day) and start > received), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Friday night in November: Monday morning, GMT.
        (datetime(2026, 11, 27, 22, 40, tzinfo=LONDON), datetime(2026, 11, 30, 8, 30)),
        # Saturday night as the clocks go forward (29 March 2026): Monday, BST. The pattern
        # calendar is in its spring term then.
        (datetime(2026, 3, 21, 23, 0, tzinfo=LONDON), datetime(2026, 3, 23, 8, 30)),
        # The night the clocks go back (25 October 2026) falls in half term: 2 November.
        (datetime(2026, 10, 24, 23, 30, tzinfo=LONDON), datetime(2026, 11, 2, 8, 30)),
        # Before 8:30 on a school day: that same morning.
        (datetime(2026, 11, 26, 7, 0, tzinfo=LONDON), datetime(2026, 11, 26, 8, 30)),
        # After 8:30: the next morning.
        (datetime(2026, 11, 26, 8, 31, tzinfo=LONDON), datetime(2026, 11, 27, 8, 30)),
        # Christmas: the spring term's first day.
        (datetime(2026, 12, 18, 20, 0, tzinfo=LONDON), datetime(2027, 1, 5, 8, 30)),
        # The Thursday before the early-May bank holiday weekend (2027): the Tuesday.
        (datetime(2027, 4, 29, 20, 0, tzinfo=LONDON), datetime(2027, 4, 30, 8, 30)),
        (datetime(2027, 4, 30, 20, 0, tzinfo=LONDON), datetime(2027, 5, 4, 8, 30)),
    ],
)
def test_known_deadlines_on_the_default_calendar(received, due):
    assert next_school_day_start(received, SchoolCalendar()) == due.replace(tzinfo=LONDON)


def test_a_deadline_in_summer_time_is_half_past_seven_utc():
    due = next_school_day_start(datetime(2026, 6, 10, 21, 0, tzinfo=UTC), SchoolCalendar())
    assert due == datetime(2026, 6, 11, 7, 30, tzinfo=UTC)


def test_a_school_s_own_terms_win_then_the_default_then_the_pattern():
    own = [
        Term(date(2026, 11, 30), date(2026, 12, 4)),
        Term(date(2026, 12, 14), date(2026, 12, 16)),
    ]
    default = [Term(date(2026, 9, 1), date(2026, 12, 23))]
    calendar = SchoolCalendar(own, default)
    assert calendar.in_term(date(2026, 12, 2))
    assert not calendar.in_term(date(2026, 12, 9))  # between its own terms: its holiday
    assert calendar.in_term(date(2026, 12, 21))  # after its own span: the default's term
    assert not calendar.in_term(date(2026, 12, 29))  # after both spans: the pattern's holiday
    assert calendar.in_term(date(2027, 1, 12))  # and the pattern's spring term
    friday = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)
    assert next_school_day_start(friday, calendar) == datetime(2026, 12, 14, 8, 30, tzinfo=UTC)


@given(st.integers(min_value=2000, max_value=2100))
def test_the_pattern_has_six_half_terms_in_order_within_the_school_year(year):
    terms = pattern_terms(year)
    assert len(terms) == 6
    assert terms_overlapping(terms) == []
    assert date(year, 9, 1) <= terms[0].starts_on and terms[-1].ends_on <= date(year + 1, 7, 31)
    assert all(a.ends_on < b.starts_on for a, b in zip(terms, terms[1:], strict=False))
    easter = easter_sunday(year + 1)
    assert not any(easter - timedelta(days=6) <= t.ends_on and t.starts_on <= easter for t in terms)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


@given(st.integers(min_value=1900, max_value=2200))
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_bank_holidays_include_substitute_days():
    assert is_bank_holiday(date(2026, 12, 28))  # Boxing Day falls on a Saturday
    assert not is_bank_holiday(date(2026, 12, 24))


def test_within_hours_counts_hours_whatever_the_day():
    sunday = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert within_hours(sunday, 24) == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_a_term_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Term(date(2026, 9, 3), date(2026, 9, 2))
