"""Tests for eventkit._parse_when: dates, times and spans read from free text."""

from __future__ import annotations

import calendar
import doctest
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eventkit._parse_when as parse_when_module
from eventkit._parse_when import parse_when
from eventkit._time import PartialDate, Precision, TimeSpan, When
from eventkit.exceptions import ValidationError
from eventkit.testing import partial_dates

REFERENCE = date(2025, 11, 20)
PLUS_ONE = timezone(timedelta(hours=1))


def messages(err: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(problem) for problem in err.value.problems]


# --- dates, relative expressions, ranges --------------------------------------------


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
        (
            "01.02.24",
            {"dayfirst": True, "reference": REFERENCE},
            PartialDate(year=2024, month=2, day=1, text="01.02.24"),
        ),
        (
            "01.02.24",
            {"dayfirst": False, "reference": REFERENCE},
            PartialDate(year=2024, month=1, day=2, text="01.02.24"),
        ),
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
            "$: the text gives no year; expected a date with a year, or pass reference= to "
            "take the latest such date on or before it, got '15 November' [invalid_value]",
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


@pytest.mark.parametrize("text", ["-0044-03-15", "-2024-03-15", "-0044", " \u22122024"])
def test_a_year_before_1_is_refused_not_read_as_one_after(text: str) -> None:
    # "-0044-03-15" (45 BC) was read as AD 44, its text kept beside it
    with pytest.raises(ValidationError) as err:
        parse_when(text)
    assert "a year before 1 (BC)" in messages(err)[0]


@pytest.mark.parametrize("times", [2, 90])
def test_a_part_of_a_part_of_a_period_is_refused(times: int) -> None:
    # "early early 2024" was read as 2024; 500 times, it raised RecursionError (such a
    # text is now refused for its length; 90 "the end of " fit in the 1,000 characters)
    for part in ("early ", "mid-", "the end of "):
        with pytest.raises(ValidationError) as err:
            parse_when(part * times + "2024")
        assert "a part of a part of a period" in messages(err)[0]


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


# --- numeric dates: never a silent guess -------------------------------------------


def day(text: str, year: int, month: int, day: int) -> PartialDate:
    return PartialDate(year=year, month=month, day=day, text=text)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        # 15 cannot be a month: no option needed.
        ("15.11.2024", {}, (2024, 11, 15)),
        ("11/15/2024", {}, (2024, 11, 15)),
        ("15. 11. 2024", {}, (2024, 11, 15)),
        ("15 11 2024", {}, (2024, 11, 15)),
        ("03/03/2024", {}, (2024, 3, 3)),
        # Day and month both possible: the option decides.
        ("03/04/2024", {"dayfirst": True}, (2024, 4, 3)),
        ("03/04/2024", {"dayfirst": False}, (2024, 3, 4)),
        # A year of three or four digits, or above 31, is the year wherever it stands;
        # year first is year-month-day, whatever dayfirst says.
        ("2024/03/04", {}, (2024, 3, 4)),
        ("2024.11.15", {"dayfirst": True}, (2024, 11, 15)),
        ("75.11.15", {"reference": date(2016, 10, 12)}, (1975, 11, 15)),
        # The year is last unless yearfirst=True says otherwise...
        ("24.11.15", {"reference": REFERENCE}, (2015, 11, 24)),
        ("24.11.15", {"yearfirst": True, "reference": REFERENCE}, (2024, 11, 15)),
        # ... and with dayfirst=True too, year-day-month, as in dateutil.
        ("24.03.04", {"yearfirst": True, "dayfirst": True, "reference": REFERENCE}, (2024, 4, 3)),
        # A two-digit year is the one nearest the reference...
        ("15.11.24", {"reference": date(2016, 10, 12)}, (2024, 11, 15)),
        ("15.11.75", {"reference": date(2016, 10, 12)}, (1975, 11, 15)),
        ("15.11.75", {"reference": date(2060, 1, 1)}, (2075, 11, 15)),
        ("15.11.99", {"reference": PartialDate(year=1850)}, (1899, 11, 15)),
        ("1.1.05", {"dayfirst": True, "reference": date(40, 1, 1)}, (5, 1, 1)),
        # ... the earlier one when both are 50 years away.
        ("15.11.66", {"reference": date(2016, 1, 1)}, (1966, 11, 15)),
        # Without a reference, the stated weekday confirms 20yy: 15 November
        # falls on another weekday in every 18yy, 19yy and 21yy year.
        ("Friday 15.11.24", {"dayfirst": True}, (2024, 11, 15)),
        ("Friday 15.11.24", {}, (2024, 11, 15)),
        ("Saturday 15.11.24", {"reference": date(1930, 1, 1)}, (1924, 11, 15)),
        # Two-digit years written with a month name or an apostrophe, or a compact date.
        ("15 Nov 24", {"reference": date(2016, 10, 12)}, (2024, 11, 15)),
        ("Friday, 15 Nov 24", {}, (2024, 11, 15)),
        ("151124", {"reference": date(2016, 10, 12)}, (2024, 11, 15)),
    ],
)
def test_numeric_dates(text: str, kwargs: dict[str, Any], expected: tuple[int, int, int]) -> None:
    assert day(text, *expected) == parse_when(text, **kwargs)


@pytest.mark.parametrize(
    "text",
    [
        "２０２５-03-11",  # full-width digits, as copied from a CJK page
        "２０２５-０３-１１",
        "\U0001d7ee\U0001d7ec\U0001d7ee\U0001d7f1-03-11",  # mathematical bold digits
        "\u0662\u0660\u0662\u0665-\u0660\u0663-\u0661\u0661",  # Arabic-Indic digits
    ],
)
@pytest.mark.parametrize("dayfirst", [None, True, False])
def test_digits_of_any_script_are_read_as_ascii_ones(text: str, dayfirst: bool | None) -> None:
    # dateutil, which read such text, applied dayfirst to a year-month-day date
    assert day(text, 2025, 3, 11) == parse_when(text, dayfirst=dayfirst)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("１１/０３/２０２５", {"dayfirst": True}, "2025-03-11"),
        ("２０２５-03-11T10:00Z", {"dayfirst": True}, "2025-03-11T10:00+00:00"),
        ("１５-１８ November ２０２４", {}, "2024-11-15/2024-11-18"),
    ],
)
def test_digits_of_any_script_in_numeric_dates_times_and_ranges(
    text: str, kwargs: dict[str, Any], expected: str
) -> None:
    value = parse_when(text, **kwargs)
    assert (expected, text) == (value.to_edtf(), value.text)


def test_a_refused_text_of_other_digits_is_named_as_given() -> None:
    # the date is quoted as read, the text as given
    with pytest.raises(ValidationError) as err:
        parse_when("０３/０４/２０２４")
    assert [
        "$: day and month are ambiguous in '03/04/2024' (3 April or March 4?); pass "
        "dayfirst=True to read the day first or dayfirst=False to read the month first, "
        "got '０３/０４/２０２４' [invalid_value]"
    ] == messages(err)


def test_weekdays_used_above_are_right() -> None:
    # Checked against the calendar, not against parse_when.
    assert "Friday" == date(2024, 11, 15).strftime("%A")
    assert "Saturday" == date(1924, 11, 15).strftime("%A")
    assert {"Monday", "Wednesday"} == {date(year, 11, 15).strftime("%A") for year in (1824, 2124)}


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_a_weekday_tells_20yy_from_18yy_19yy_and_21yy(value: date) -> None:
    # The fact the rule for two-digit years without a reference rests on.
    for century in (1800, 1900, 2100):
        try:
            other = value.replace(year=century + value.year % 100)
        except ValueError:  # 29 February of a year that has none
            continue
        assert other.weekday() != value.weekday()


def test_a_two_digit_year_with_a_month_name_keeps_its_precision() -> None:
    expected = PartialDate(year=2024, month=11, text="November '24")

    assert expected == parse_when("November '24", reference=date(2016, 10, 12))


def test_a_year_and_a_time_are_not_a_numeric_date() -> None:
    # "2024 14.30" has a space, then a dot: not three numbers of one date.
    with pytest.raises(ValidationError) as err:
        parse_when("15 November 2024 14.30")

    assert [f"$: {FREE_TEXT_EXPECTED}, got '15 November 2024 14.30' [invalid_value]"] == (
        messages(err)
    )


def test_a_numeric_date_keeps_its_time_and_offset() -> None:
    text = "3/4/2024 14:00 GMT+3"
    expected = PartialDate(year=2024, month=3, day=4, hour=14, minute=0, utc_offset=180, text=text)

    assert expected == parse_when(text, dayfirst=False)


AMBIGUOUS = (
    "day and month are ambiguous in {token!r} ({day_first} or {month_first}?); pass "
    "dayfirst=True to read the day first or dayfirst=False to read the month first"
)
CENTURY = (
    "the century of the two-digit year {yy!r} is unknown ({early}? {late}?); pass "
    "reference=, such as the publication date, to take the year nearest it"
)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        (
            "03/04/2024",
            {},
            [AMBIGUOUS.format(token="03/04/2024", day_first="3 April", month_first="March 4")],
        ),
        (
            "03/04/24",
            {"reference": REFERENCE},
            [AMBIGUOUS.format(token="03/04/24", day_first="3 April", month_first="March 4")],
        ),
        (
            "030424",
            {"reference": REFERENCE},
            [AMBIGUOUS.format(token="030424", day_first="3 April", month_first="March 4")],
        ),
        ("15.11.75", {}, [CENTURY.format(yy="75", early=1975, late=2075)]),
        ("15.11.24", {"dayfirst": True}, [CENTURY.format(yy="24", early=1924, late=2024)]),
        ("15 Nov 24", {}, [CENTURY.format(yy="24", early=1924, late=2024)]),
        ("November '24", {}, [CENTURY.format(yy="24", early=1924, late=2024)]),
        (
            "1.2.3",
            {},
            [
                AMBIGUOUS.format(token="1.2.3", day_first="1 February", month_first="January 2"),
                CENTURY.format(yy="03", early=1903, late=2003),
            ],
        ),
        (
            "15.-18.11.24",
            {"dayfirst": True},
            [CENTURY.format(yy="24", early=1924, late=2024)],
        ),
        (
            "Thursday 15.11.24",
            {"dayfirst": True},
            ["states Thursday but 2024-11-15 is a Friday"],
        ),
        (
            "Saturday 15.11.24",
            {"dayfirst": True},
            ["states Saturday but 2024-11-15 is a Friday"],
        ),
        ("15.13.2024", {}, ["neither 15 nor 13 can be a month in '15.13.2024'"]),
        ("2024/13/01", {}, ["13 cannot be a month in '2024/13/01'"]),
        ("31.09.2016", {}, ["day 31 is impossible: September has 30 days"]),
        ("29.02.2023", {"dayfirst": True}, ["day 29 is impossible: February 2023 has 28 days"]),
        (
            "29.02.00",
            {"dayfirst": True, "reference": date(1950, 1, 1)},
            ["day 29 is impossible: February 1900 has 28 days"],
        ),
    ],
)
def test_numeric_dates_that_are_refused(
    text: str, kwargs: dict[str, Any], expected: list[str]
) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, **kwargs)

    assert [("invalid_value", message, text) for message in expected] == [
        (problem.code, problem.message, problem.input) for problem in err.value.problems
    ]
    assert "time expression" == err.value.title


@pytest.mark.parametrize(
    ("text", "kwargs", "readings", "day_first_date"),
    [
        # Forms dateutil reads on its own, where its month-first default was a guess.
        ("1,2,2024", {}, ("1 February", "January 2"), (2024, 2, 1)),
        ("3 4, 2024", {}, ("3 April", "March 4"), (2024, 4, 3)),
        ("1 2", {"reference": REFERENCE}, ("1 February", "January 2"), (2025, 2, 1)),
    ],
)
def test_day_and_month_dateutil_would_guess(
    text: str,
    kwargs: dict[str, Any],
    readings: tuple[str, str],
    day_first_date: tuple[int, int, int],
) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, **kwargs)

    assert [AMBIGUOUS.format(token=text, day_first=readings[0], month_first=readings[1])] == [
        problem.message for problem in err.value.problems
    ]
    assert day(text, *day_first_date) == parse_when(text, dayfirst=True, **kwargs)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        # The start of a range without a year is the latest such day on or before its end.
        ("15.11. - 18.11.2024", {}, "2024-11-15/2024-11-18"),
        ("15 November - 18 November 2024", {}, "2024-11-15/2024-11-18"),
        ("from 28 December to 3 January 2025", {}, "2024-12-28/2025-01-03"),
        ("15-18 November", {"reference": date(2016, 10, 12)}, "2015-11-15/2015-11-18"),
        # Relative expressions still count from the reference.
        ("from 3 days ago to yesterday", {"reference": REFERENCE}, "2025-11-17/2025-11-19"),
    ],
)
def test_ranges_take_a_missing_year_from_their_end(
    text: str, kwargs: dict[str, Any], expected: str
) -> None:
    assert expected == parse_when(text, **kwargs).to_edtf()


_ORDERS = {"DMY": (2, 1, 0), "MDY": (1, 2, 0), "YMD": (0, 1, 2)}


@given(
    st.dates(),
    st.sampled_from(sorted(_ORDERS)),
    st.sampled_from([".", "/", "-", ". ", " "]),
    st.booleans(),
)
def test_numeric_dates_read_back_with_the_options_of_their_order(
    value: date, order: str, separator: str, two_digit_year: bool
) -> None:
    year = f"{value.year % 100:02d}" if two_digit_year else f"{value.year:04d}"
    fields = (year, f"{value.month:02d}", f"{value.day:02d}")
    text = separator.join(fields[index] for index in _ORDERS[order])
    options: dict[str, Any] = (
        {"yearfirst": True} if order == "YMD" else {"dayfirst": order == "DMY"}
    )

    assert day(text, value.year, value.month, value.day) == parse_when(
        text, reference=value, **options
    )


@given(
    st.integers(0, 9999).map(str) | st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.integers(0, 32).map(str),
    st.integers(0, 9999).map(str) | st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.sampled_from([".", "/", "-"]),
    st.dates(),
)
def test_dayfirst_never_changes_a_date_read_without_it(
    first: str, second: str, third: str, separator: str, reference: date
) -> None:
    text = separator.join((first, second, third))
    try:
        value = parse_when(text, reference=reference)
    except ValidationError:
        return
    assert value == parse_when(text, reference=reference, dayfirst=True)
    assert value == parse_when(text, reference=reference, dayfirst=False)


# --- everyday news dates, against the publication date ------------------------------

PUBLISHED = date(2016, 10, 12)  # a Wednesday
FRIDAY = date(2024, 11, 15)


def test_published_is_a_wednesday() -> None:
    assert "Wednesday" == PUBLISHED.strftime("%A")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A weekday is its nearest occurrence on or before the reference...
        ("Wednesday", (2016, 10, 12)),
        ("on Tuesday", (2016, 10, 11)),
        ("Thursday", (2016, 10, 6)),
        ("Wed.", (2016, 10, 12)),
        ("Wednesday afternoon", (2016, 10, 12)),
        ("on Monday morning", (2016, 10, 10)),
        ("early Sunday", (2016, 10, 9)),
        ("late on Friday", (2016, 10, 7)),
        # ... and "last" one strictly before it.
        ("last Tuesday", (2016, 10, 11)),
        ("last Wednesday", (2016, 10, 5)),
        ("last Thursday night", (2016, 10, 6)),
        ("the day before", (2016, 10, 11)),
        ("the day before yesterday", (2016, 10, 10)),
        ("the day after tomorrow", (2016, 10, 14)),
        # A part of a named day is kept in the text only.
        ("last night", (2016, 10, 11)),
        ("tonight", (2016, 10, 12)),
        ("this morning", (2016, 10, 12)),
        ("yesterday afternoon", (2016, 10, 11)),
        ("tomorrow night", (2016, 10, 13)),
        ("a fortnight ago", (2016, 9, 28)),
        # A date without a year is the nearest on or before the reference.
        ("Sept. 19", (2016, 9, 19)),
        ("19 September", (2016, 9, 19)),
        ("on 12 October", (2016, 10, 12)),
        ("13 October", (2015, 10, 13)),
        ("Monday, Sept. 19", (2016, 9, 19)),
        ("Thursday 15.10.", (2015, 10, 15)),
        ("19/9", (2016, 9, 19)),
    ],
)
def test_news_days(text: str, expected: tuple[int, int, int]) -> None:
    assert day(text, *expected) == parse_when(text, reference=PUBLISHED)


def test_leap_day_without_a_year_is_the_last_one() -> None:
    value = parse_when("29 February", reference=date(2017, 3, 1))

    assert day("29 February", 2016, 2, 29) == value


def test_a_month_without_a_year_is_the_last_one() -> None:
    assert PartialDate(year=2016, month=9, text="in September") == parse_when(
        "in September", reference=PUBLISHED
    )
    assert PartialDate(year=2015, month=11, text="November") == parse_when(
        "November", reference=PUBLISHED
    )


def test_a_date_without_a_year_keeps_its_time_and_qualifier() -> None:
    text = "19 September 14:30 UTC+3"
    expected = PartialDate(
        year=2016, month=9, day=19, hour=14, minute=30, utc_offset=180, text=text
    )

    assert expected == parse_when(text, reference=PUBLISHED)
    assert "2016-09-19~" == parse_when("about Sept. 19", reference=PUBLISHED).to_edtf()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO weeks, Monday to Sunday.
        ("this week", "2016-10-10/2016-10-16"),
        ("last week", "2016-10-03/2016-10-09"),
        ("next week", "2016-10-17/2016-10-23"),
        # From the start of the period to the day before the reference.
        ("earlier this week", "2016-10-10/2016-10-11"),
        ("earlier this month", "2016-10-01/2016-10-11"),
        ("earlier this year", "2016-01-01/2016-10-11"),
        # Open at the far end.
        ("more than a week ago", "../2016-10-05"),
        ("more than two years ago", "../2014-10-12"),
        ("more than a decade ago", "../2006-10-12"),
        ("less than a month ago", "2016-09-12/2016-10-12"),
    ],
)
def test_news_spans(text: str, expected: str) -> None:
    value = parse_when(text, reference=PUBLISHED)

    assert isinstance(value, TimeSpan)
    assert expected == value.to_edtf()
    assert text == value.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("early 2025", "2025"),
        ("mid-2024", "2024"),
        ("Mid-November 2024", "2024-11"),
        ("late November 2024", "2024-11"),
        ("in early March", "2016-03"),
        ("the end of October", "2016-10"),
        ("at the beginning of 2016", "2016"),
        ("end of last year", "2015"),
        ("the middle of next month", "2016-11"),
        ("late on Tuesday", "2016-10-11"),
        ("early on 15 November 2024", "2024-11-15"),
        ("about mid-2024", "2024~"),
        ("late 2024?", "2024?"),
        ("early this week", "2016-10-10/2016-10-16"),
        ("early 15-18 November 2024", "2024-11-15/2024-11-18"),
        ("from mid-November to early December 2024", "2024-11/2024-12"),
        ("between late 2022 and mid-2024", "2022/2024"),
    ],
)
def test_a_part_of_a_period_is_the_period_with_the_words_kept(text: str, expected: str) -> None:
    value = parse_when(text, reference=PUBLISHED)

    assert (expected, text) == (value.to_edtf(), value.text)


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# How news writes a day: each format a function of (day, month name, year).
_DAY_FORMATS = (
    "{d} {m} {y}",
    "{d} {b3} {y}",
    "{m} {d}, {y}",
    "{b3}. {d}, {y}",
    "{m} {d} {y}",
    "the {d}{o} of {m} {y}",
    "on {d} {m} {y}",
    "{d} {m} {y} 14:30",
)
# A span of days in one month: each format a function of (first, last, month name, year).
_SPAN_FORMATS = (
    "{a}-{b} {m} {y}",
    "{a}–{b} {m} {y}",
    "{b3} {a}-{b}, {y}",
    "{m} {a} to {b}, {y}",
    "between {a} and {b} {m} {y}",
    "from {a} to {b} {m} {y}",
    "from {a} {m} to {b} {m} {y}",
)


@given(st.dates(date(1000, 1, 1)), st.sampled_from(_DAY_FORMATS))
def test_a_day_written_as_news_writes_it_is_read_as_that_day(day: date, form: str) -> None:
    month = _MONTHS[day.month - 1]
    suffix = (
        "th" if day.day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    text = form.format(d=day.day, o=suffix, m=month, b3=month[:3], y=day.year)

    value = parse_when(text)

    assert isinstance(value, PartialDate)
    assert (day, text) == (value.earliest.date(), value.text)


@given(st.dates(date(1000, 1, 1)), st.integers(0, 27), st.sampled_from(_SPAN_FORMATS))
def test_a_span_of_days_written_as_news_writes_it_is_read_as_that_span(
    start: date, length: int, form: str
) -> None:
    # within the month, up to its 28th (a timedelta would overflow past 9999-12-31)
    end = start.replace(day=min(start.day + length, 28))
    start = start.replace(day=min(start.day, end.day))
    month = _MONTHS[start.month - 1]
    text = form.format(a=start.day, b=end.day, m=month, b3=month[:3], y=start.year)

    value = parse_when(text)

    assert isinstance(value, TimeSpan)
    assert value.start is not None
    assert value.end is not None
    assert (start, end) == (value.start.earliest.date(), value.end.earliest.date())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1941-1945", "1941/1945"),
        ("1941–1945", "1941/1945"),
        ("November 2024-January 2025", "2024-11/2025-01"),
        ("15 November 2024-January 2025", "2024-11-15/2025-01"),
        ("2024-11", "2024-11"),
        ("since 2014", "2014/.."),
        ("ever since March 2022", "2022-03/.."),
        ("since about 2014", "2014~/.."),
        ("since Monday", "2016-10-10/.."),
        ("until 2025", "../2025"),
        ("till 15 November 2024", "../2024-11-15"),
        ("up to Q3 2025", "../2025-09"),
    ],
)
def test_year_ranges_and_spans_open_at_one_end(text: str, expected: str) -> None:
    value = parse_when(text, reference=PUBLISHED)

    assert (expected, text) == (value.to_edtf(), value.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3pm on 15 November 2024", "2024-11-15T15"),
        ("10 a.m. 15 Nov 2024", "2024-11-15T10"),
        ("15 Nov 2024 23h00", "2024-11-15T23:00"),
        ("15 November 2024 14h", "2024-11-15T14"),
        ("15 November 2024 1430 GMT", "2024-11-15T14:30+00:00"),
        ("15 November 2024 14h30", "2024-11-15T14:30"),
        # A dot between hours and minutes, marked as a time by "pm" or "h"
        # ("14.30h" was 14:18, dateutil's 14.3 hours).
        ("Friday 15 November 2024 at 2.30pm", "2024-11-15T14:30"),
        ("15 November 2024 2.30 p.m.", "2024-11-15T14:30"),
        ("15 November 2024 12.05am", "2024-11-15T00:05"),
        ("15 November 2024 14.30h", "2024-11-15T14:30"),
        ("15.11.2024 14.30h", "2024-11-15T14:30"),
    ],
)
def test_a_time_is_read_when_it_is_written_as_one(text: str, expected: str) -> None:
    assert expected == parse_when(text).to_edtf()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 and 16 November 2024", "2024-11-15/2024-11-16"),
        ("on 15 and 16 November", "2016-11-15/2016-11-16"),
    ],
)
def test_two_days_that_follow_each_other_are_a_span(text: str, expected: str) -> None:
    assert expected == parse_when(text, reference=date(2016, 11, 20)).to_edtf()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "14/15 November" was 2014-11-15, its first number taken for the year.
        ("14/15 November", "2024-11-14/2024-11-15"),
        ("on 14/15 November 2024", "2024-11-14/2024-11-15"),
        ("30/31 Oct. 2023", "2023-10-30/2023-10-31"),
    ],
)
def test_two_days_with_a_slash_before_a_month_are_a_span(text: str, expected: str) -> None:
    value = parse_when(text, reference=FRIDAY)

    assert (expected, text) == (value.to_edtf(), value.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The end is the weekday alone would be (Saturday: 9 November), the
        # start the latest such day not after it. "from Thursday to Saturday"
        # was refused, its start taken for the 14th.
        ("from Thursday to Saturday", "2024-11-07/2024-11-09"),
        ("Thursday to Saturday", "2024-11-07/2024-11-09"),
        ("from Saturday to Thursday", "2024-11-09/2024-11-14"),
        ("between Monday and Wednesday", "2024-11-11/2024-11-13"),
        ("from late Thursday until early Saturday", "2024-11-07/2024-11-09"),
        ("from Thursday to 5 November 2024", "2024-10-31/2024-11-05"),
        # A week: "from Friday to Friday" was the reference day alone.
        ("from Friday to Friday", "2024-11-08/2024-11-15"),
        ("from Saturday until Saturday", "2024-11-02/2024-11-09"),
    ],
)
def test_a_range_of_weekdays_counts_back_from_its_end(text: str, expected: str) -> None:
    value = parse_when(text, reference=FRIDAY)

    assert (expected, text) == (value.to_edtf(), value.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Both were read as the date alone, the interval dropped.
        ("2024-11-15/", "'2024-11-15/..'"),
        ("/2024-11-15", "'../2024-11-15'"),
        ("15 November 2024 /", "'15 November 2024/..'"),
    ],
)
def test_an_interval_with_an_empty_side_is_refused(text: str, expected: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text)

    assert [
        "an empty side of an interval is EDTF's unknown end, which eventkit does not hold; "
        f"write an open end as '..', as in {expected}"
    ] == [problem.message for problem in err.value.problems]


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        # "-3 days ago" was refused as a year before 1, the others as not a date.
        ("-3 days ago", "3", "days"),
        ("+2 weeks ago", "2", "weeks"),
        ("in -2 months", "2", "months"),
        ("about −1 year ago", "1", "year"),
        ("in +two days", "two", "days"),
        ("in -３ days", "3", "days"),  # a full-width digit, read as the ASCII one
    ],
)
def test_a_count_with_a_sign_is_refused_saying_counts_are_plain_numbers(
    text: str, count: str, unit: str
) -> None:
    expected = (
        "a count is a plain number, without a sign; "
        f"write '{count} {unit} ago' or 'in {count} {unit}'"
    )

    with pytest.raises(ValidationError) as err:
        parse_when(text, reference=FRIDAY)

    assert [expected] == [problem.message for problem in err.value.problems]


@pytest.mark.parametrize(
    "text",
    [
        "3-5 March",
        "3 to 5 March",
        "3 until 5 March",
        "3 till 5 March",
        # "through" was read only after the month ("March 3 through 5").
        "3 through 5 March",
        "from 3 through 5 March",
        "3 March through 5 March 2024",
    ],
)
def test_a_range_of_days_may_be_joined_by_any_word_for_to(text: str) -> None:
    value = parse_when(text, reference=FRIDAY)

    assert ("2024-03-03/2024-03-05", text) == (value.to_edtf(), value.text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # dateutil skips "in", "on" and "at": these were read as the date, and
        # "the the 1990s" refused as no date at all.
        ("in in in 2024", "in"),
        ("on On 15 November 2024", "on"),
        ("15 November 2024 at at 14:30", "at"),
        ("the the 1990s", "the"),
    ],
)
def test_a_repeated_word_is_refused_as_a_likely_extraction_mistake(text: str, word: str) -> None:
    expected = (
        f"the word {word!r} is repeated, most often a mistake in extracting the text; "
        "expected each word once"
    )

    with pytest.raises(ValidationError) as err:
        parse_when(text, reference=FRIDAY)

    assert [expected] == [problem.message for problem in err.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The start's month and year were not taken from the end when it had
        # a weekday: "the text gives no year".
        ("from Thursday 14 to Saturday 16 November 2024", "2024-11-14/2024-11-16"),
        ("Thu 14 - Sat 16 November 2024", "2024-11-14/2024-11-16"),
        ("between Tuesday 12 and 14 November", "2024-11-12/2024-11-14"),
    ],
)
def test_a_start_with_a_weekday_and_a_day_takes_the_end_s_month_and_year(
    text: str, expected: str
) -> None:
    value = parse_when(text, reference=FRIDAY)

    assert (expected, text) == (value.to_edtf(), value.text)


def test_a_weekday_before_a_start_that_takes_the_end_s_month_is_checked() -> None:
    with pytest.raises(ValidationError) as err:
        parse_when("from Friday 14 to Saturday 16 November 2024")

    assert ["states Friday but 2024-11-14 is a Thursday"] == [
        problem.message for problem in err.value.problems
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The larger count is the earlier day; these were refused, the end
        # (3 days ago) before the start (2 days ago).
        ("2 to 3 days ago", "2024-11-12/2024-11-13"),
        ("from 3 to 2 days ago", "2024-11-12/2024-11-13"),
        ("2-3 weeks ago", "2024-10-25/2024-11-01"),
        ("between 2 and 4 months ago", "2024-07/2024-09"),
    ],
)
def test_a_range_of_counts_ago_runs_from_the_larger_count(text: str, expected: str) -> None:
    value = parse_when(text, reference=FRIDAY)

    assert (expected, text) == (value.to_edtf(), value.text)


@pytest.mark.parametrize("text", ["Friday 2.30pm", "Friday at 14:30", "Friday 15", "fri 14h"])
def test_a_weekday_with_a_time_or_a_day_alone_says_why_it_is_refused(text: str) -> None:
    # It was told "the text gives no year", though it states a weekday.
    expected = (
        "states Friday but no date: a weekday is read alone ('Friday', 'Friday afternoon'), "
        "not with a time or a day of the month; write its date as well"
    )

    with pytest.raises(ValidationError) as err:
        parse_when(text, reference=FRIDAY)

    assert [expected] == [problem.message for problem in err.value.problems]


@pytest.mark.parametrize("text", ["15/11 November", "14/16 November 2024", "on 3/1 May"])
def test_numbers_with_a_slash_before_a_month_that_are_not_two_days_are_refused(
    text: str,
) -> None:
    first, last = text.removeprefix("on ").split()[0].split("/")
    expected = (
        f"'{first}/{last}' before a month is read only as two days that follow each other "
        "(as in '14/15 November'); give each date, or a range"
    )

    with pytest.raises(ValidationError) as err:
        parse_when(text, reference=FRIDAY)

    assert [expected] == [problem.message for problem in err.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q3 2024", "2024-07/2024-09"),
        ("in Q1 2025", "2025-01/2025-03"),
        ("the fourth quarter of 2024", "2024-10/2024-12"),
        ("H2 2023", "2023-07/2023-12"),
        ("the first half of 2024", "2024-01/2024-06"),
        ("the 1990s", "1990/1999"),
        ("the 2020’s", "2020/2029"),
        ("late Q3 2024", "2024-07/2024-09"),
        ("from Q1 2024 to Q3 2024", "2024-01/2024-09"),
        ("between the 1980s and the 1990s", "1980/1999"),
        ("this week - next week", "2016-10-10/2016-10-23"),
    ],
)
def test_quarters_halves_and_decades_are_the_spans_the_calendar_gives(
    text: str, expected: str
) -> None:
    value = parse_when(text, reference=PUBLISHED)

    assert (expected, text) == (value.to_edtf(), value.text)


@given(st.integers(1, 9999), st.integers(1, 4))
def test_a_quarter_runs_from_its_first_day_to_its_last(year: int, quarter: int) -> None:
    value = parse_when(f"Q{quarter} {year:04d}")

    assert isinstance(value, TimeSpan)
    assert value.start is not None
    assert value.end is not None
    first, last = value.start.earliest.date(), value.end.latest.date()
    assert first == date(year, 3 * quarter - 2, 1)
    assert last == date(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])


@given(
    partial_dates().filter(lambda value: value.precision <= Precision.DAY),
    st.sampled_from(["early ", "mid-", "mid ", "late ", "late on ", "the end of ", "Start of "]),
)
def test_any_day_month_or_year_with_a_part_named_is_that_day_month_or_year(
    value: PartialDate, part: str
) -> None:
    text = f"{part}{value.to_edtf()}"

    parsed = parse_when(text)

    assert (value.to_edtf(), text) == (parsed.to_edtf(), parsed.text)


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        (
            "31 September 2016",
            {},
            "day 31 is impossible: September has 30 days",
        ),
        (
            "30 February",
            {"reference": PUBLISHED},
            "day 30 is impossible: February has 29 days",
        ),
        (
            "Tuesday, Sept. 19",
            {"reference": PUBLISHED},
            "states Tuesday but 2016-09-19 is a Monday",
        ),
        (
            "earlier this month",
            {"reference": date(2016, 10, 1)},
            "nothing of the month lies before the reference date 2016-10-01",
        ),
        (
            "03/04",
            {"reference": PUBLISHED},
            AMBIGUOUS.format(token="03/04", day_first="3 April", month_first="March 4"),
        ),
        (
            "about last week",
            {"reference": PUBLISHED},
            "qualifiers apply to single dates, not to intervals",
        ),
        (
            "19 September",
            {},
            "the text gives no year; expected a date with a year, or pass reference= to "
            "take the latest such date on or before it",
        ),
        (
            "late on 15 November 2024 14:30",
            {},
            "in 'late on 15 November 2024 14:30': early, mid, late, start or end apply to a "
            "period, not to a time",
        ),
        (
            "the 1900s",
            {},
            "'1900s' may be the decade 1900–1909 or the century 1900–1999; write the range",
        ),
        (
            "Q1 0000",
            {},
            "the date lies outside years 1–9999",
        ),
        (
            "15 and 18 November 2024",
            {},
            "15 and 18 are two days, not a span; give each date, or a range",
        ),
        (
            "Friday 15 and Saturday 16 November 2024",
            {},
            "'and' joins two dates; give each date, or a range such as '15-18 November 2024'",
        ),
        (
            "until further notice",
            {},
            parse_when_module._FREE_TEXT_EXAMPLES,
        ),
        (
            "2024-11-17/18",
            {},
            "a number would be read as an hour, but no time is written (14:00, 2pm, 14h)",
        ),
        (
            "15 November 2024 at 14",
            {},
            "a number would be read as an hour, but no time is written (14:00, 2pm, 14h)",
        ),
        (
            "15 November 2024 1430",
            {},
            "cannot tell which number is the year; " + parse_when_module._FREE_TEXT_EXAMPLES,
        ),
        (
            "15 Nov 1999, 2024",
            {},
            "cannot tell which number is the year; " + parse_when_module._FREE_TEXT_EXAMPLES,
        ),
        (
            "15 November 2024 25.30h",
            {},
            "'25.30h' is not a time: the hour must be 0 to 23",
        ),
        (
            "15 November 2024 2.75pm",
            {},
            "'2.75pm' is not a time: the minutes must be 00 to 59",
        ),
        (
            "15 November 2024 13.30pm",
            {},
            "'13.30pm' is not a time: the hour must be 1 to 12 with am or pm",
        ),
        (
            "15 November 2024 2.5pm",
            {},
            "'2.5pm' is not a time: the minutes must be two digits, as in 2.05pm or 2.50pm",
        ),
        (
            "early about last week",
            {"reference": PUBLISHED},
            "qualifiers apply to single dates, not to intervals",
        ),
    ]
    + [
        (
            text,
            {},
            "a reference date is needed to resolve a relative expression; pass reference=",
        )
        for text in (
            "Wednesday",
            "last Tuesday",
            "the day before",
            "this week",
            "earlier this month",
            "more than a week ago",
        )
    ],
)
def test_news_dates_that_are_refused(text: str, kwargs: dict[str, Any], expected: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, **kwargs)

    assert [("invalid_value", expected, text)] == [
        (problem.code, problem.message, problem.input) for problem in err.value.problems
    ]


@given(st.dates(date(2, 1, 1)), st.sampled_from(range(7)))
def test_a_weekday_is_the_nearest_on_or_before_the_reference(reference: date, weekday: int) -> None:
    name = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[weekday]
    plain = parse_when(name, reference=reference)
    last = parse_when(f"last {name}", reference=reference)

    assert isinstance(plain, PartialDate)
    assert isinstance(last, PartialDate)
    plain_day, last_day = plain.earliest.date(), last.earliest.date()
    assert weekday == plain_day.weekday() == last_day.weekday()
    assert 0 <= (reference - plain_day).days <= 6
    assert 1 <= (reference - last_day).days <= 7


# --- timezones -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "offset"),
    [
        # News means hours east of UTC, as ISO 8601 does; POSIX TZ strings
        # (and dateutil) read "GMT+3" the other way round.
        ("GMT+3", 180),
        ("UTC+3", 180),
        ("UTC+03:00", 180),
        ("UTC+0300", 180),
        ("GMT-5", -300),
        ("UTC-05:00", -300),
        ("UTC+5:30", 330),
        ("UTC−3", -180),  # a typographic minus sign, as newspapers print it
        ("UTC +3", 180),
        ("GMT+14", 840),
        ("+01:00", 60),
        ("+0100", 60),
        ("-05:30", -330),
        ("UTC", 0),
        ("GMT", 0),
        ("Z", 0),
    ],
)
def test_offsets_are_hours_east_of_utc(zone: str, offset: int) -> None:
    text = f"15 November 2024 14:00 {zone}"
    expected = PartialDate(
        year=2024, month=11, day=15, hour=14, minute=0, utc_offset=offset, text=text
    )

    assert expected == parse_when(text)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("CET+1", "unknown timezone 'CET'; expected UTC or an offset such as +01:00"),
        ("MSK+3", "unknown timezone 'MSK'; expected UTC or an offset such as +01:00"),
        ("EST", "unknown timezone 'EST'; expected UTC or an offset such as +01:00"),
        ("UTC+5:75", "expected offset minutes between 00 and 59"),
        (
            "GMT+19",
            "in '15 November 2024 14:00 GMT+19': offset must be between -1080 and 1080 "
            "minutes (±18 hours)",
        ),
    ],
)
def test_offsets_that_cannot_be_read(zone: str, expected: str) -> None:
    text = f"15 November 2024 14:00 {zone}"
    with pytest.raises(ValidationError) as err:
        parse_when(text)

    assert [("invalid_value", expected)] == [
        (problem.code, problem.message) for problem in err.value.problems
    ]


def test_a_range_of_times_in_utc_is_not_an_offset() -> None:
    value = parse_when("15 November 2024 14:00 UTC - 15 November 2024 16:00 UTC")

    assert "2024-11-15T14:00+00:00/2024-11-15T16:00+00:00" == value.to_edtf()


# --- only ValidationError escapes -------------------------------------------------

OUTSIDE_THE_CALENDAR = "the date lies outside years 1–9999"


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("next month", date(9999, 12, 1)),
        ("next year", date(9999, 6, 1)),
        ("in 3 years", date(9999, 12, 31)),
        ("tomorrow", date(9999, 12, 31)),
        ("last month", date(1, 1, 15)),
        ("a year ago", date(1, 1, 1)),
        ("yesterday", date(1, 1, 1)),
        ("about 2 weeks ago", date(1, 1, 10)),
    ],
)
def test_relative_dates_beyond_the_calendar(text: str, reference: date) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, reference=reference)

    assert [f"$: {OUTSIDE_THE_CALENDAR}, got {text!r} [invalid_value]"] == messages(err)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("9" * 5000 + " days ago", 5000),
        ("in " + "1" * 20 + " years", 20),
        ("55, -0530:" + "9" * 40, 40),
        ("2024-11-15 14:00:" + "0" * 30, 30),
        ("1" * 15, 15),
    ],
)
def test_numbers_longer_than_any_date(text: str, digits: int) -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(text, reference=REFERENCE)

    assert [
        (
            "invalid_value",
            f"a number of {digits} digits is longer than any date, time or count needs; "
            "expected at most 14 digits",
            text,
        )
    ] == [(problem.code, problem.message, problem.input) for problem in err.value.problems]


def test_a_text_longer_than_any_date_is_refused_before_it_is_parsed() -> None:
    # dateutil took seconds over a text of a million characters (found by the fuzzer)
    padded = "15 November 2024".ljust(1_000)
    assert "2024-11-15" == parse_when(padded).to_edtf()
    for text in (padded + " ", "1-" * 400_000):
        with pytest.raises(ValidationError) as err:
            parse_when(text)
        assert [
            (
                "invalid_value",
                f"a text of {len(text):,} characters is longer than any date, time or span "
                "needs; expected at most 1,000 characters",
            )
        ] == [(problem.code, problem.message) for problem in err.value.problems]


def test_fourteen_digits_are_a_date_and_time() -> None:
    expected = PartialDate(
        year=2024, month=11, day=15, hour=14, minute=30, second=5, text="20241115143005"
    )

    assert expected == parse_when("20241115143005")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"reference": "2024-11-15"},
            "reference must be a date, a datetime or a PartialDate, not str",
        ),
        ({"reference": 20241115}, "reference must be a date, a datetime or a PartialDate, not int"),
        ({"dayfirst": "yes"}, "dayfirst must be True, False or None, not str"),
        ({"yearfirst": 1}, "yearfirst must be a bool, not int"),
    ],
)
def test_wrong_argument_types_are_type_errors(kwargs: dict[str, Any], expected: str) -> None:
    # A programmer's mistake, raised whatever the text, even one that needs no reference.
    for text in ("today", "2024"):
        with pytest.raises(TypeError) as err:
            parse_when(text, **kwargs)

        assert expected == str(err.value)
        assert not isinstance(err.value, ValidationError)


def test_text_that_is_not_a_string_is_invalid_text() -> None:
    with pytest.raises(ValidationError) as err:
        parse_when(None)  # type: ignore[arg-type]

    assert ["$: expected a string, not NoneType, got None [invalid_value]"] == messages(err)


# Words and numbers from which news dates are made, combined at random: the
# property below reaches the parser's corners much more often than st.text().
_NUMBERS = st.one_of(
    st.integers(0, 99).map(str),
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
    st.integers(0, 10**9).map(str),
    st.integers(15, 5000).map(lambda n: "9" * n),
)
_WORDS = st.sampled_from(
    [
        *("January", "feb", "Sept.", "May", "december", "Nov"),
        *("Monday", "tue", "Wed.", "thurs", "Friday,", "sunday"),
        *("about", "circa", "some", "possibly", "?", "~", "%"),
        *("ago", "in", "last", "this", "next", "the", "on", "of", "at"),
        *("day", "days", "week", "weeks", "month", "months", "year", "years"),
        *("today", "yesterday", "tomorrow", "a", "an", "twelve"),
        *("from", "to", "until", "between", "and", "-", "–", "/", ".."),
        *("am", "pm", "noon", "T", "Z", "UTC", "GMT", "EST", "CET"),
        *("+01:00", "-0530", "+1800", "+1900", "+99", "GMT+3", "UTC-5", "UTC+5:30"),
    ]
)
_SEPARATORS = st.sampled_from([" ", ".", "/", "-", ":", ", ", "", "T"])


@st.composite
def phrases(draw: st.DrawFn) -> str:
    words = draw(st.lists(_NUMBERS | _WORDS, min_size=1, max_size=6))
    return "".join(draw(_SEPARATORS) + word for word in words)[1:]


@st.composite
def relative_phrases(draw: st.DrawFn) -> str:
    count = draw(_NUMBERS | st.sampled_from(["a", "an", "twelve"]))
    unit = draw(st.sampled_from(["day", "weeks", "month", "years"]))
    form = draw(st.sampled_from(["{} {} ago", "in {} {}", "last {1}", "next {1}", "this {1}"]))
    return draw(st.sampled_from(["", "about ", "possibly "])) + form.format(count, unit)


references = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from([date(1, 1, 1), date(1, 1, 31), date(9999, 12, 1), date(9999, 12, 31)]),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-12))])),
    partial_dates(),
)


@given(
    st.text() | phrases() | relative_phrases() | st.sampled_from(["today", "tomorrow"]),
    references,
    st.none() | st.booleans(),
    st.booleans(),
)
def test_only_validation_errors_escape(
    text: str,
    reference: date | datetime | PartialDate | None,
    dayfirst: bool | None,
    yearfirst: bool,
) -> None:
    try:
        value = parse_when(text, reference=reference, dayfirst=dayfirst, yearfirst=yearfirst)
    except ValidationError:
        return  # any other exception fails the test
    assert text == value.text


# --- module surface -------------------------------------------------------------


def test_public_names() -> None:
    assert ["parse_when"] == parse_when_module.__all__


def test_docstring_examples_run() -> None:
    results = doctest.testmod(parse_when_module, optionflags=doctest.ELLIPSIS)

    assert results.attempted > 0
    assert 0 == results.failed
