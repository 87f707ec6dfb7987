"""How rules read a case and word a finding: the shared pieces every explanation is made of."""

from datetime import date

from sightline.risk.rules.base import Item
from sightline.risk.rules.reading import birthday, runs, windows_by_day
from sightline.risk.rules.wording import (
    by_agency_text,
    centile_text,
    days_text,
    duration_text,
    within_text,
)


def _item(id: str, on: date, agency: str = "police-1", agency_kind: str = "police") -> Item:
    return Item(id=id, kind="concern", on=on, agency=agency, agency_kind=agency_kind)


def test_a_list_of_days_says_each_year_once() -> None:
    days = [date(2025, 9, 28), date(2025, 1, 12), date(2024, 12, 3), date(2025, 3, 3)]
    assert days_text(days) == "3 Dec 2024, 12 Jan, 3 Mar and 28 Sep 2025"


def test_a_long_list_of_days_gives_its_first_and_last() -> None:
    days = [date(2025, 1, n) for n in range(1, 11)]
    assert days_text(days) == "10 days from 1 Jan 2025 to 10 Jan 2025"


def test_thresholds_read_as_a_practitioner_says_them() -> None:
    assert [duration_text(d) for d in (365, 182, 42, 14, 7, 10, 1)] == [
        "12 months",
        "26 weeks",
        "6 weeks",
        "2 weeks",
        "1 week",
        "10 days",
        "1 day",
    ]


def test_how_long_a_pattern_took_is_never_rounded_down() -> None:
    first = date(2025, 1, 1)
    assert within_text(first, first) == "on the same day"
    assert within_text(first, date(2025, 1, 6)) == "within 5 days"
    assert within_text(first, date(2025, 1, 16)) == "within 3 weeks"
    assert within_text(first, date(2025, 9, 28)) == "within 9 months"
    assert within_text(first, date(2026, 1, 1)) == "within 12 months"


def test_agencies_are_named_with_their_days_and_a_second_of_a_kind_is_another() -> None:
    items = [
        _item("p1", date(2025, 1, 12)),
        _item("s1", date(2025, 2, 4), "school-1", "school"),
        _item("p2", date(2025, 3, 3)),
        _item("s2", date(2025, 3, 9), "school-2", "school"),
        _item("g1", date(2025, 3, 10), "gp-1", "gp"),
    ]
    assert by_agency_text(items) == (
        "police on 12 Jan and 3 Mar 2025; school on 4 Feb 2025; another school on 9 Mar 2025; "
        "GP on 10 Mar 2025"
    )


def test_centiles_are_ordinals_except_the_lowest_line() -> None:
    assert [centile_text(c) for c in (62, 1, 2.2, 3, 11, 0.4)] == [
        "the 62nd centile",
        "the 1st centile",
        "the 2nd centile",
        "the 3rd centile",
        "the 11th centile",
        "the 0.4th centile",
    ]


def test_each_look_back_window_ends_with_a_new_day_and_reaches_back_inclusively() -> None:
    a, b, c, d = (
        _item("a", date(2025, 1, 1)),
        _item("b", date(2025, 1, 31)),
        _item("c", date(2025, 1, 31)),
        _item("d", date(2025, 3, 3)),
    )
    assert windows_by_day([a, b, c, d], 30) == [[a], [a, b, c], [d]]
    assert windows_by_day([a, b, c, d], 61) == [[a], [a, b, c], [a, b, c, d]]


def test_records_made_on_nearby_days_run_together() -> None:
    a, b, c = (
        _item("a", date(2025, 1, 1)),
        _item("b", date(2025, 1, 8)),
        _item("c", date(2025, 1, 30)),
    )
    assert runs([a, b, c], 7) == [[a, b], [c]]


def test_a_leap_day_birthday_falls_on_the_first_of_march() -> None:
    assert birthday(date(2020, 2, 29), 3) == date(2023, 3, 1)
    assert birthday(date(2020, 2, 29), 4) == date(2024, 2, 29)
