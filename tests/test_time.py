"""Tests for eventkit._time: partial dates, spans and EDTF."""

from __future__ import annotations

import calendar
import doctest
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import eventkit as ek
import eventkit._time as time_module
from eventkit._time import (
    PartialDate,
    Precision,
    TimeSpan,
    When,
    parse_edtf,
)
from eventkit.exceptions import ValidationError

PLUS_ONE = timezone(timedelta(hours=1))


def messages(err: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(problem) for problem in err.value.problems]


# --- strategies ---------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    precision = draw(st.sampled_from(Precision))
    year = draw(st.integers(1, 9999))
    fields: dict[str, Any] = {"year": year}
    if precision >= Precision.MONTH:
        fields["month"] = month = draw(st.integers(1, 12))
        if precision >= Precision.DAY:
            fields["day"] = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    if precision >= Precision.HOUR:
        fields["hour"] = draw(st.integers(0, 23))
        fields["utc_offset"] = draw(st.none() | st.integers(-1080, 1080))
    if precision >= Precision.MINUTE:
        fields["minute"] = draw(st.integers(0, 59))
    if precision >= Precision.SECOND:
        fields["second"] = draw(st.integers(0, 59))
    if precision <= Precision.DAY:
        fields["approximate"] = draw(st.booleans())
        fields["uncertain"] = draw(st.booleans())
    return PartialDate(**fields)


@st.composite
def time_spans(draw: st.DrawFn) -> TimeSpan:
    start = draw(st.none() | partial_dates())
    end = draw(partial_dates()) if start is None else draw(st.none() | partial_dates())
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return TimeSpan(start=start, end=end)


whens: st.SearchStrategy[When] = st.one_of(partial_dates(), time_spans())


# --- EDTF round trips ---------------------------------------------------------

ROUND_TRIPS = [
    "2024",
    "2024-11",
    "2024-11-15",
    "2024~",
    "2022-12?",
    "2024-11-15%",
    "2024-11-15T14",
    "2024-11-15T14:00",
    "2024-11-15T14:00:00",
    "2024-11-15T14:00:00+01:00",
    "2024-11-15T14:00:00-05:30",
    "2024-11-15T14:00:00+00:00",
    "2024-11-15/2024-11-18",
    "2024-11-15/..",
    "../2024-11-15",
    "2022-12/2024-11-15T14:00+01:00",
]


@pytest.mark.parametrize("text", ROUND_TRIPS)
def test_edtf_round_trips(text: str) -> None:
    assert text == parse_edtf(text).to_edtf()


def test_z_reads_as_offset_zero_and_writes_as_plus_zero() -> None:
    value = PartialDate.from_edtf("2024-11-15T14:00:00Z")

    assert 0 == value.utc_offset
    assert "2024-11-15T14:00:00+00:00" == value.to_edtf()


def test_from_edtf_fields() -> None:
    expected = PartialDate(year=2024, month=11, day=15, hour=14, minute=0, second=0, utc_offset=60)

    assert expected == PartialDate.from_edtf("2024-11-15T14:00:00+01:00")
    assert 60 == PartialDate.from_edtf("2024-11-15T14:00:00+01:00").utc_offset
    assert PartialDate(year=2024, approximate=True, uncertain=True) == parse_edtf("2024%")


def test_span_from_edtf() -> None:
    span = TimeSpan.from_edtf("2022-12/2024-11-15T14:00+01:00")

    assert PartialDate(year=2022, month=12) == span.start
    assert PartialDate(year=2024, month=11, day=15, hour=14, minute=0, utc_offset=60) == span.end


def test_str_is_edtf() -> None:
    assert "2024-11-15/.." == str(parse_edtf("2024-11-15/.."))
    assert "2022-12?" == str(parse_edtf("2022-12?"))


EDTF_EXPECTED = "expected an EDTF date such as 2024-11-15, 2022-12, 2024~ or 2024-11-15/.."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "15/11/2024",
            f"$: {EDTF_EXPECTED}, got '15/11/2024' [invalid_value]",
        ),
        ("24-11-15", f"$: {EDTF_EXPECTED}, got '24-11-15' [invalid_value]"),
        ("", f"$: {EDTF_EXPECTED}, got '' [invalid_value]"),
        ("2024 ", f"$: {EDTF_EXPECTED}, got '2024 ' [invalid_value]"),
        ("2024-11-15 14:00", f"$: {EDTF_EXPECTED}, got '2024-11-15 14:00' [invalid_value]"),
        ("٢٠٢٤", f"$: {EDTF_EXPECTED}, got '٢٠٢٤' [invalid_value]"),
        (
            "2024-11-15T14:00:00.5",
            "$: fractional seconds are not supported; expected whole seconds, "
            "got '2024-11-15T14:00:00.5' [invalid_value]",
        ),
        (
            "2024-13",
            "$: in '2024-13': month must be between 1 and 12, got 13 [invalid_value]",
        ),
        (
            "2024-02-30",
            "$: in '2024-02-30': day must be between 1 and 29 in 2024-02, got 30 [invalid_value]",
        ),
        (
            "2023-02-29",
            "$: in '2023-02-29': day must be between 1 and 28 in 2023-02, got 29 [invalid_value]",
        ),
        (
            "../..",
            "$: expected at least one end of the interval to be a date, not .., "
            "got '../..' [invalid_value]",
        ),
        (
            "2025/2024",
            "$: in '2025/2024': end must not be before the start (2025), got '2024' "
            "[invalid_value]",
        ),
        (
            "2024-11-15T14~",
            "$: in '2024-11-15T14~': approximate must not be set on a time "
            "(EDTF qualifies dates only), got True [invalid_value]",
        ),
        (
            "2024-11-15T14+05:60",
            "$: expected offset minutes between 00 and 59, got '2024-11-15T14+05:60' "
            "[invalid_value]",
        ),
        (
            "2024-11-15T14+18:01",
            "$: in '2024-11-15T14+18:01': offset must be between -1080 and 1080 minutes "
            "(±18 hours), got 1081 [invalid_value]",
        ),
        ("2024/", f"$: {EDTF_EXPECTED}, got '2024/' [invalid_value]"),
    ],
)
def test_edtf_errors(text: str, expected: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_edtf(text)

    assert [expected] == messages(err)
    assert "EDTF date" == err.value.title


def test_edtf_error_lists_every_problem() -> None:
    with pytest.raises(ValidationError) as err:
        parse_edtf("2024-11-15T24:00+19:00")

    assert [
        "$: in '2024-11-15T24:00+19:00': hour must be between 0 and 23, got 24 [invalid_value]",
        "$: in '2024-11-15T24:00+19:00': offset must be between -1080 and 1080 minutes "
        "(±18 hours), got 1140 [invalid_value]",
    ] == messages(err)


_EDTF_PIECES = st.sampled_from(
    [
        *("2024", "0000", "9999", "10000", "11", "13", "29", "31", "-", "T", ":", "/", ".."),
        *("~", "?", "%", "Z", "+01:00", "-05:60", "+19:00", ".5", "99999999999999999999"),
    ]
)


@given(st.text() | st.lists(_EDTF_PIECES, max_size=8).map("".join))
def test_parse_edtf_raises_only_validation_errors(text: str) -> None:
    try:
        value = parse_edtf(text)
    except ValidationError:
        return  # any other exception fails the test
    assert value == parse_edtf(value.to_edtf())


_DIGITS_OR_NOT = st.text(st.sampled_from("0123456789٣x -"), min_size=1, max_size=5)


@given(
    st.dates().map(date.isoformat)
    | st.builds(
        "{:04d}-{:02d}-{:02d}".format,
        st.integers(0, 10_000),
        st.integers(0, 13),
        st.sampled_from([0, 1, 28, 29, 30, 31, 32]),
    )
    | st.tuples(_DIGITS_OR_NOT, _DIGITS_OR_NOT, _DIGITS_OR_NOT).map("-".join)
)
@example("2023-02-29")
@example("2024-02-29")
@example("1900-02-29")
@example("0000-01-01")
@example("2024-04-31")
@example("2024-13-01")
def test_a_plain_day_is_read_as_the_constructor_builds_it(text: str) -> None:
    # Plain YYYY-MM-DD days skip the pattern and attrs' __init__: the same
    # value, every field set, and what it doubts left to the full parser.
    plain = time_module._plain_day(text)
    try:
        expected: PartialDate | None = PartialDate(
            year=int(text[:4]), month=int(text[5:7]), day=int(text[8:])
        )
    except (ValueError, ValidationError):
        expected = None
    if plain is None:  # left to the full parser: only what is not a valid day in its own form
        assert expected is None or expected.to_edtf() != text
        return
    real = date.fromisoformat(text)  # the calendar's own word, not eventkit's check
    assert expected is not None
    assert (plain.year, plain.month, plain.day) == (real.year, real.month, real.day)
    assert attrs.asdict(plain) == attrs.asdict(expected)
    assert plain == expected == parse_edtf(text)
    assert hash(plain) == hash(expected)


@st.composite
def edtf_texts(draw: st.DrawFn) -> str:
    """EDTF-shaped dates with numbers on both sides of every bound."""
    highs = (13, 32, 24, 60, 60)
    numbers = draw(st.tuples(st.integers(0, 10_000), *(st.integers(0, high) for high in highs)))
    text = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}".format(*numbers)
    text = text[: draw(st.sampled_from([4, 7, 10, 13, 16, 19]))]
    if len(text) > 10:
        text += draw(st.sampled_from(["", "Z", "+05:30", "-18:00", "+18:01", "-05:60"]))
    return text + draw(st.sampled_from(["", "~", "?", "%"]))


def _rebuilt(value: PartialDate) -> PartialDate:
    return PartialDate(**attrs.asdict(value))


@given(edtf_texts() | st.lists(edtf_texts() | st.just(".."), min_size=2, max_size=2).map("/".join))
@example("2024-11-15/2024-11-15")
@example("2024-11/2024-11-30")
@example("2024-12/2024-11-30")
@example("2024-11-15T00:00+14:00/2024-11-14")
@example("2024-11-15T12/2024-11-15T11")
def test_parsed_values_are_what_the_constructors_build(text: str) -> None:
    # Parsing builds the values it knows valid past attrs' __init__: each
    # must have every field set as __init__ sets it, and pass its checks.
    try:
        value = parse_edtf(text)
    except ValidationError:
        return
    if isinstance(value, PartialDate):
        expected: When = _rebuilt(value)
    else:
        start = None if value.start is None else _rebuilt(value.start)
        end = None if value.end is None else _rebuilt(value.end)
        expected = TimeSpan(start=start, end=end, text=value.text)

    assert expected == value
    assert repr(expected) == repr(value)
    assert hash(expected) == hash(value)


def test_edtf_rejects_non_strings() -> None:
    with pytest.raises(ValidationError) as err:
        parse_edtf(2024)  # type: ignore[arg-type]

    assert [f"$: expected a string with an {EDTF_EXPECTED[12:]}, got 2024 [invalid_value]"] == (
        messages(err)
    )


def test_from_edtf_checks_kind() -> None:
    with pytest.raises(ValidationError) as date_err:
        PartialDate.from_edtf("2024/2025")
    with pytest.raises(ValidationError) as span_err:
        TimeSpan.from_edtf("2024")

    assert [
        "$: expected a single EDTF date, not a span, got '2024/2025' [invalid_value]"
    ] == messages(date_err)
    assert [
        "$: expected an EDTF interval such as 2024-11-15/2024-11-18 or 2024-11-15/.., "
        "got '2024' [invalid_value]"
    ] == messages(span_err)


@given(partial_dates())
def test_partial_date_round_trips_through_edtf(value: PartialDate) -> None:
    assert value == PartialDate.from_edtf(value.to_edtf())
    assert value.earliest <= value.latest
    assert value.earliest.tzinfo is not None
    assert value.latest.tzinfo is not None


@given(time_spans())
def test_time_span_round_trips_through_edtf(value: TimeSpan) -> None:
    assert value == TimeSpan.from_edtf(value.to_edtf())


@given(whens, whens)
def test_ordering_follows_bounds(first: When, second: When) -> None:
    assert (first < second) == (first._sort_key() < second._sort_key())
    assert (first <= second) == (not first > second)
    assert (first >= second) == (second <= first)
    assert first.overlaps(second) == second.overlaps(first)
    if first.contains(second):
        assert first.overlaps(second)


@given(partial_dates(), partial_dates())
def test_date_ordering_is_by_earliest_first(first: PartialDate, second: PartialDate) -> None:
    if first.earliest < second.earliest:
        assert first < second
        assert sorted([second, first]) == [first, second]


# --- construction and validation ------------------------------------------------


def test_precision_follows_components() -> None:
    assert Precision.YEAR == PartialDate(year=2024).precision
    assert Precision.MONTH == PartialDate(year=2024, month=11).precision
    assert Precision.DAY == PartialDate(year=2024, month=11, day=15).precision
    assert Precision.HOUR == PartialDate(year=2024, month=11, day=15, hour=0).precision
    assert (
        Precision.SECOND
        == PartialDate(year=2024, month=11, day=15, hour=0, minute=0, second=0).precision
    )


def test_construction_reports_every_problem() -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(year=2023, month=2, day=29, hour=24, approximate=True)

    assert "PartialDate" == err.value.title
    assert [
        "$.day: must be between 1 and 28 in 2023-02, got 29 [out_of_range]",
        "$.hour: must be between 0 and 23, got 24 [out_of_range]",
        "$.approximate: must not be set on a time (EDTF qualifies dates only), "
        "got True [invalid_value]",
    ] == messages(err)


def test_construction_checks_types_and_gaps() -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(year=True, day=15, utc_offset=60, text=5)  # type: ignore[arg-type]

    assert [
        "$.year: must be an int, got True [invalid_type]",
        "$.day: must not be set without month, got 15 [invalid_value]",
        "$.utc_offset: must not be set without hour (an offset needs a time of day), "
        "got 60 [invalid_value]",
        "$.text: must be a str, got 5 [invalid_type]",
    ] == messages(err)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"year": 0}, "$.year: must be between 1 and 9999 (a four-digit year), got 0"),
        ({"year": 10000}, "$.year: must be between 1 and 9999 (a four-digit year), got 10000"),
        ({"year": 2024, "month": 0}, "$.month: must be between 1 and 12, got 0"),
        (
            {"year": 2024, "month": 1, "day": 1, "hour": 1, "minute": 60},
            "$.minute: must be between 0 and 59, got 60",
        ),
        (
            {"year": 2024, "month": 1, "day": 1, "hour": 1, "minute": 1, "second": 60},
            "$.second: must be between 0 and 59 (leap seconds are not supported), got 60",
        ),
        (
            {"year": 2024, "month": 1, "day": 1, "hour": 1, "utc_offset": -1081},
            "$.utc_offset: must be between -1080 and 1080 minutes (±18 hours), got -1081",
        ),
    ],
)
def test_construction_ranges(fields: dict[str, Any], expected: str) -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate(**fields)

    assert [f"{expected} [out_of_range]"] == messages(err)


def test_leap_day_only_in_leap_years() -> None:
    assert "2024-02-29" == PartialDate(year=2024, month=2, day=29).to_edtf()
    assert "2000-02-29" == PartialDate(year=2000, month=2, day=29).to_edtf()
    with pytest.raises(ValidationError):
        PartialDate(year=1900, month=2, day=29)


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="must be between 1 and 12"):
        PartialDate(year=2024, month=13)


@given(
    st.fixed_dictionaries(
        {
            name: st.none() | st.booleans() | st.integers(-2, 61) | st.just(2024)
            for name in ("year", "month", "day", "hour", "minute", "second")
        }
        | {
            "utc_offset": st.none() | st.integers(-1082, 1082),
            "approximate": st.booleans() | st.none(),
            "uncertain": st.booleans(),
            "text": st.none() | st.text(max_size=2) | st.just(1),
        }
    )
)
def test_quick_check_never_accepts_an_invalid_value(fields: dict[str, Any]) -> None:
    raw = object.__new__(PartialDate)
    for name, value in fields.items():
        object.__setattr__(raw, name, value)

    if raw._quick_valid():
        assert [] == raw._problems()


def test_time_span_end_before_start() -> None:
    with pytest.raises(ValidationError) as err:
        TimeSpan(start=PartialDate(year=2025), end=PartialDate(year=2024, month=12))

    assert "TimeSpan" == err.value.title
    assert [
        "$.end: must not be before the start (2025), got '2024-12' [invalid_value]"
    ] == messages(err)


def test_time_span_needs_an_end() -> None:
    with pytest.raises(ValidationError) as err:
        TimeSpan()

    assert ["$: a span needs a start, an end, or both [missing]"] == messages(err)


def test_time_span_checks_types() -> None:
    with pytest.raises(ValidationError) as err:
        TimeSpan(start="2024")  # type: ignore[arg-type]

    assert [
        "$.start: must be a PartialDate or None (an open end), got '2024' [invalid_type]"
    ] == messages(err)


def test_time_span_may_end_inside_its_start() -> None:
    span = TimeSpan.from_edtf("2024-11/2024-11-15")

    assert datetime(2024, 11, 1, tzinfo=UTC) == span.earliest


# --- bounds, ordering, overlap --------------------------------------------------


def test_bounds() -> None:
    value = PartialDate.from_edtf("2024-02")

    assert datetime(2024, 2, 1, tzinfo=UTC) == value.earliest
    assert datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=UTC) == value.latest


def test_bounds_keep_the_offset() -> None:
    value = PartialDate.from_edtf("2024-11-15T14:00+01:00")

    assert datetime(2024, 11, 15, 14, 0, tzinfo=PLUS_ONE) == value.earliest
    assert timedelta(hours=1) == value.earliest.utcoffset()
    assert datetime(2024, 11, 15, 14, 0, 59, 999_999, tzinfo=PLUS_ONE) == value.latest


def test_open_span_bounds() -> None:
    span = parse_edtf("../2024-11-15")

    assert isinstance(span, TimeSpan)
    assert span.earliest is None
    assert datetime(2024, 11, 15, 23, 59, 59, 999_999, tzinfo=UTC) == span.latest


def test_sorting() -> None:
    values = [
        parse_edtf("2024-11-15"),
        parse_edtf("2024"),
        parse_edtf("2022-12"),
        parse_edtf("2024-11-15T14:00+01:00"),
        parse_edtf("../2020"),
        parse_edtf("2024-11-15/.."),
    ]

    assert [
        "../2020",
        "2022-12",
        "2024",
        "2024-11-15",
        "2024-11-15/..",
        "2024-11-15T14:00+01:00",
    ] == [value.to_edtf() for value in sorted(values)]
    assert parse_edtf("2022-12") < parse_edtf("2024-11-15")


def test_ordering_with_other_types_is_not_supported() -> None:
    with pytest.raises(TypeError):
        assert PartialDate(year=2024) < "2025"


def test_overlaps() -> None:
    december = PartialDate.from_edtf("2022-12")

    assert december.overlaps(PartialDate.from_edtf("2022-12-15"))
    assert not december.overlaps(PartialDate.from_edtf("2023-01-01"))
    assert december.overlaps(TimeSpan.from_edtf("../2022-12-01"))
    assert not december.overlaps(TimeSpan.from_edtf("2023/.."))
    # 00:30 at +01:00 is still 31 December in UTC.
    assert december.overlaps(PartialDate.from_edtf("2023-01-01T00:30+01:00"))


def test_contains() -> None:
    assert PartialDate(year=2024).contains(PartialDate(year=2024, month=11, day=15))
    assert not PartialDate(year=2024, month=11).contains(PartialDate(year=2024))
    assert TimeSpan.from_edtf("2022/..").contains(PartialDate(year=2024))


# --- from_datetime ---------------------------------------------------------------


def test_from_aware_datetime_keeps_offset() -> None:
    moment = datetime(2024, 11, 15, 14, 0, 5, 123, tzinfo=PLUS_ONE)

    assert "2024-11-15T14:00:05+01:00" == PartialDate.from_datetime(moment).to_edtf()
    assert "2024-11-15T14+01:00" == PartialDate.from_datetime(moment, Precision.HOUR).to_edtf()
    assert "2024-11" == PartialDate.from_datetime(moment, Precision.MONTH).to_edtf()


def test_from_date() -> None:
    assert "2024-11-15" == PartialDate.from_datetime(date(2024, 11, 15)).to_edtf()
    assert "2024" == PartialDate.from_datetime(date(2024, 11, 15), Precision.YEAR).to_edtf()


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.from_datetime(datetime(2024, 11, 15, 14, 0))  # noqa: DTZ001 -- the point

    assert [
        "$: expected a timezone-aware datetime (naive datetimes are ambiguous); attach a "
        "tzinfo, e.g. datetime.UTC, got datetime.datetime(2024, 11, 15, 14, 0) [invalid_value]"
    ] == messages(err)


def test_from_date_rejects_time_precision() -> None:
    with pytest.raises(ValidationError) as err:
        PartialDate.from_datetime(date(2024, 11, 15), Precision.HOUR)

    assert [
        "$: a date has no time of day; expected precision DAY or coarser, not HOUR, "
        "got datetime.date(2024, 11, 15) [invalid_value]"
    ] == messages(err)


def test_from_datetime_rejects_sub_minute_offsets() -> None:
    odd = timezone(timedelta(seconds=30))
    with pytest.raises(ValidationError, match="expected a UTC offset in whole minutes"):
        PartialDate.from_datetime(datetime(2024, 11, 15, tzinfo=odd))


def test_a_missing_time_is_refused_not_raised() -> None:
    # pandas.NaT is a datetime: utcoffset() raised ValueError, and events_between with it
    nat: Any = pd.NaT
    for call in (
        lambda: PartialDate.from_datetime(nat),
        lambda: ek.Dataset([]).events_between(start=nat),
        lambda: ek.parse_when("yesterday", reference=nat),
    ):
        with pytest.raises(ValidationError) as err:
            call()
        assert "NaT" in messages(err)[0]


# --- module surface -------------------------------------------------------------


def test_public_names() -> None:
    assert [
        "PartialDate",
        "Precision",
        "TimeSpan",
        "When",
        "edtf_shaped",
        "parse_edtf",
        "parse_edtf_cached",
    ] == time_module.__all__


def test_docstring_examples_run() -> None:
    results = doctest.testmod(time_module, optionflags=doctest.ELLIPSIS)

    assert results.attempted > 0
    assert 0 == results.failed


@pytest.mark.parametrize(
    "text",
    ["3936-01-20T01:05-08:62", "2024-11-15T14:00+19:00", "2023-02-29", "2024-11-18/2024-11-15"],
)
def test_a_date_written_as_edtf_with_impossible_values_gets_no_example(text: str) -> None:
    # the reading is not in doubt, the values are: an example would be wrong
    # (minutes 62 of an offset were read by dateutil as -09:02)
    with pytest.raises(ValidationError) as caught:
        ek.from_dict(ek.Event, {"type": "event", "id": "e", "title": "E", "when": text})
    assert [("when", None)] == [(p.path.removeprefix("$."), p.hint) for p in caught.value.problems]
