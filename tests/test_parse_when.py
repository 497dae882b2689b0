"""Tests for eventkit._parse_when: dates, times and spans read from free text."""

from __future__ import annotations

import doctest
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given

import eventkit._parse_when as parse_when_module
from eventkit._parse_when import parse_when
from eventkit._time import PartialDate, TimeSpan, When
from eventkit.exceptions import ValidationError
from eventkit.testing import partial_dates

REFERENCE = date(2025, 11, 20)
PLUS_ONE = timezone(timedelta(hours=1))


def messages(err: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(problem) for problem in err.value.problems]


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        (
            "Friday 15.11.24",
            {"dayfirst": True},
            PartialDate(year=2024, month=11, day=15, text="Friday 15.11.24"),
        ),
        (
            "Fri, 15 Nov 2024 14:30:00 +0100",
            {},
            PartialDate(
                year=2024,
                month=11,
                day=15,
                hour=14,
                minute=30,
                second=0,
                utc_offset=60,
                text="Fri, 15 Nov 2024 14:30:00 +0100",
            ),
        ),
        ("December 2022", {}, PartialDate(year=2022, month=12, text="December 2022")),
        ("2024", {}, PartialDate(year=2024, text="2024")),
        (
            "15 November 2024 14:30",
            {},
            PartialDate(
                year=2024, month=11, day=15, hour=14, minute=30, text="15 November 2024 14:30"
            ),
        ),
        (
            "15 November 2024 14:30 +01:00",
            {},
            PartialDate(
                year=2024,
                month=11,
                day=15,
                hour=14,
                minute=30,
                utc_offset=60,
                text="15 November 2024 14:30 +01:00",
            ),
        ),
        (
            "15 November 2024 14:30 UTC",
            {},
            PartialDate(
                year=2024,
                month=11,
                day=15,
                hour=14,
                minute=30,
                utc_offset=0,
                text="15 November 2024 14:30 UTC",
            ),
        ),
        (
            "3pm on 15 November 2024",
            {},
            PartialDate(year=2024, month=11, day=15, hour=15, text="3pm on 15 November 2024"),
        ),
        ("2024-11-15", {}, PartialDate(year=2024, month=11, day=15, text="2024-11-15")),
        ("circa 2024", {}, PartialDate(year=2024, approximate=True, text="circa 2024")),
        ("2024?", {}, PartialDate(year=2024, uncertain=True, text="2024?")),
        (
            "possibly December 2022",
            {},
            PartialDate(year=2022, month=12, uncertain=True, text="possibly December 2022"),
        ),
        ("01.02.24", {"dayfirst": True}, PartialDate(year=2024, month=2, day=1, text="01.02.24")),
        ("01.02.24", {}, PartialDate(year=2024, month=1, day=2, text="01.02.24")),
    ],
)
def test_parse_when_absolute(text: str, kwargs: dict[str, Any], expected: When) -> None:
    assert expected == parse_when(text, **kwargs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2025-11-20"),
        ("yesterday", "2025-11-19"),
        ("Tomorrow", "2025-11-21"),
        ("3 days ago", "2025-11-17"),
        ("a week ago", "2025-11-13"),
        ("around two weeks ago", "2025-11-06~"),
        ("some 3 months ago", "2025-08~"),
        ("a year ago", "2024"),
        ("about a year ago", "2024~"),
        ("twelve years ago", "2013"),
        ("in 2 months", "2026-01"),
        ("last year", "2024"),
        ("this month", "2025-11"),
    ],
)
def test_parse_when_relative(text: str, expected: str) -> None:
    value = parse_when(text, reference=REFERENCE)

    assert expected == value.to_edtf()
    assert text == value.text


def test_about_a_year_ago() -> None:
    value = parse_when("about a year ago", reference=date(2025, 11, 20))

    assert PartialDate(year=2024, approximate=True, text="about a year ago") == value
    assert "2024~" == value.to_edtf()


def test_reference_may_be_a_datetime_or_partial_date() -> None:
    moment = datetime(2025, 11, 20, 23, 0, tzinfo=PLUS_ONE)

    assert "2025-11-19" == parse_when("yesterday", reference=moment).to_edtf()
    assert (
        "2025-11-19"
        == parse_when("yesterday", reference=PartialDate.from_edtf("2025-11-20")).to_edtf()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15-18 November 2024", "2024-11-15/2024-11-18"),
        ("15.-18.11.2024", "2024-11-15/2024-11-18"),
        ("from December 2022 to 15 November 2024", "2022-12/2024-11-15"),
        ("between 2022 and 2024", "2022/2024"),
        ("December 2022 - November 2024", "2022-12/2024-11"),
        ("2024-11-15/..", "2024-11-15/.."),
    ],
)
def test_parse_when_ranges(text: str, expected: str) -> None:
    value = parse_when(text, dayfirst=True)

    assert isinstance(value, TimeSpan)
    assert expected == value.to_edtf()
    assert text == value.text


FREE_TEXT_EXPECTED = (
    "expected a date such as '15 November 2024', 'December 2022', 'Friday 15.11.24', "
    "'2024-11-15T14:00+01:00' or '3 days ago'"
)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        (
            "Thursday 15.11.24",
            {"dayfirst": True},
            "$: states Thursday but 2024-11-15 is a Friday, got 'Thursday 15.11.24' "
            "[invalid_value]",
        ),
        ("this winter", {}, f"$: {FREE_TEXT_EXPECTED}, got 'this winter' [invalid_value]"),
        ("", {}, f"$: {FREE_TEXT_EXPECTED}, got '' [invalid_value]"),
        (
            "about a year ago",
            {},
            "$: a reference date is needed to resolve a relative expression; pass reference=, "
            "got 'about a year ago' [invalid_value]",
        ),
        (
            "yesterday",
            {"reference": PartialDate(year=2025)},
            "$: the reference must be known to the day, not '2025', got 'yesterday' "
            "[invalid_value]",
        ),
        (
            "15 November",
            {},
            "$: the text gives no year; expected a date with a year, got '15 November' "
            "[invalid_value]",
        ),
        (
            "Friday December 2022",
            {},
            "$: states Friday but gives no day of the month, got 'Friday December 2022' "
            "[invalid_value]",
        ),
        (
            "15 Nov 2024 14:30 EST",
            {},
            "$: unknown timezone 'EST'; expected UTC or an offset such as +01:00, "
            "got '15 Nov 2024 14:30 EST' [invalid_value]",
        ),
        (
            "15.11.2024 23:59:59.5",
            {"dayfirst": True},
            "$: fractional seconds are not supported; expected whole seconds, "
            "got '15.11.2024 23:59:59.5' [invalid_value]",
        ),
        (
            "18-15 November 2024",
            {},
            "$: in '18-15 November 2024': end must not be before the start (2024-11-18), "
            "got '2024-11-15' [invalid_value]",
        ),
        (
            "about 15 November 2024 14:30",
            {},
            "$: in 'about 15 November 2024 14:30': approximate must not be set on a time "
            "(EDTF qualifies dates only), got True [invalid_value]",
        ),
        (
            "9999 years ago",
            {"reference": REFERENCE},
            "$: the date lies outside years 1–9999, got '9999 years ago' [invalid_value]",
        ),
    ],
)
def test_parse_when_errors(text: str, kwargs: dict[str, Any], expected: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, **kwargs)

    assert [expected] == messages(err)
    assert "time expression" == err.value.title


def test_parse_when_error_renders_with_title() -> None:
    with pytest.raises(ValidationError) as err:
        parse_when("this winter")

    assert (
        f"1 problem in time expression\n  $: {FREE_TEXT_EXPECTED}, got 'this winter' "
        "[invalid_value]"
    ) == str(err.value)


@given(partial_dates())
def test_parse_when_reads_edtf(value: PartialDate) -> None:
    text = value.to_edtf()

    assert attrs.evolve(value, text=text) == parse_when(text)


# --- module surface -------------------------------------------------------------


def test_public_names() -> None:
    assert ["parse_when"] == parse_when_module.__all__


def test_docstring_examples_run() -> None:
    results = doctest.testmod(parse_when_module, optionflags=doctest.ELLIPSIS)

    assert results.attempted > 0
    assert 0 == results.failed
