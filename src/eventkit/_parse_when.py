"""Free-text dates, times and spans: ``parse_when``.

News states time in words: "Friday 15.11.24", "15 November 2024 14:30 +01:00",
"about a year ago", "last Tuesday", "15-18 November 2024". `parse_when` reads
such text into the values of `eventkit._time` (a `PartialDate`, or a
`TimeSpan` for a range), keeping the text as given, and refuses what it would
have to guess. Its own rules come first: numeric dates, two-digit years,
"GMT+3" offsets and phrases relative to a reference date; what remains goes to
python-dateutil, imported on first use so ``import eventkit`` stays fast, with
nothing left for it to decide. This module depends on `eventkit._time`, never
the reverse.
"""

from __future__ import annotations

import functools
import re
import types
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from eventkit._time import (
    _COMPONENTS,
    _MAX_YEAR,
    _MIN_YEAR,
    PartialDate,
    Precision,
    TimeSpan,
    When,
    _invalid,
    _last_day,
    _partial,
    _rewrap,
    parse_edtf,
)
from eventkit.exceptions import Problem, ValidationError

if TYPE_CHECKING:
    from dateutil.parser import parserinfo
    from dateutil.relativedelta import relativedelta

__all__ = ["parse_when"]

_NUMBER_WORDS: Final = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_UNIT_PRECISION: Final = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
_APPROX_WORDS: Final = (
    r"about|around|approximately|approx\.|roughly|circa|ca\.|c\.|some|nearly|almost"
)
_UNCERTAIN_WORDS: Final = r"possibly|probably|perhaps|maybe"
# The free-text patterns are kept as strings: re compiles (and caches) them on
# first use, so programs that never parse free text do not pay for them.
_HEDGE: Final = rf"(?:(?P<approx>{_APPROX_WORDS})|(?P<unsure>{_UNCERTAIN_WORDS}))\s+"
_COUNT: Final = rf"[0-9]+|{'|'.join(_NUMBER_WORDS)}"
_UNIT: Final = r"day|week|fortnight|month|year|decade"
# "-3 days ago", "in +2 weeks": a sign where a plain count belongs.
_SIGNED_COUNT: Final = rf"(?i)(?<![\w.:/])[+\-−]({_COUNT})\s+((?:{_UNIT})s?)\b"
# A unit counted in another: a fortnight is two weeks, a decade ten years.
_MULTIPLES: Final = {"fortnight": ("week", 2), "decade": ("year", 10)}
_PART_OF_DAY: Final = r"(?:\s+(?:morning|afternoon|evening|night))?"
_RELATIVE: Final = (
    rf"(?:(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})s?\s+ago"
    rf"|in\s+(?P<n2>{_COUNT})\s+(?P<unit2>{_UNIT})s?"
    r"|(?P<which>last|this|next)\s+(?P<unit3>month|year)"
    r"|(?P<named>(?:today|yesterday|tomorrow"
    rf"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow){_PART_OF_DAY}"
    r"|the\s+day\s+before|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))"
)
# The day each names, counted from the reference; a part of the day stays in the text.
_NAMED_DAYS: Final = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "the day before": -1,
    "tonight": 0,
    "last night": -1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
}
_WEEKDAYS: Final = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
_WEEKDAY: Final = rf"(?i)\b({'|'.join(_WEEKDAYS)})\b\.?,?"
# "Wednesday", "on Tuesday", "last Tuesday", "Wednesday afternoon", "early Sunday".
_WEEKDAY_PHRASE: Final = (
    r"(?:on\s+)?(?:(?P<last>last)\s+)?(?:(?:early|late)\s+(?:on\s+)?)?"
    rf"(?P<weekday>{'|'.join(_WEEKDAYS)})\.?(?:\s+(?:morning|afternoon|evening|night))?"
)
# "last week", "earlier this month", "more than a week ago": spans.
_SPAN_PHRASE: Final = (
    r"(?P<which>last|this|next)\s+week"
    r"|earlier\s+this\s+(?P<period>week|month|year)"
    rf"|(?P<bound>more|less)\s+than\s+(?P<n>{_COUNT})\s+(?P<unit>{_UNIT})s?\s+ago"
)
# A day of the month, alone or after its weekday: "15", "Thursday 14", "Thu. 14".
_ON_DAY: Final = rf"(?i)(?:(?:{'|'.join(_WEEKDAYS)})\.?,?\s+)?[0-9]{{1,2}}"
# "early 2025", "mid-November", "late last year", "the end of October", "late
# on 15 November": a part of the period the rest of the text names. The value
# is that period; the part is kept only in the text, as a part of the day is.
_PART_OF: Final = (
    r"(?:in\s+|at\s+)?(?:(?:early|mid|late)(?:\s+on)?(?:\s+|-)"
    r"|(?:the\s+)?(?:start|beginning|middle|end)\s+of\s+)(?=\S)"
)
# "Q3 2024", "the third quarter of 2024", "H1 2024", "the first half of
# 2024", "the 1990s": spans the calendar fixes, of whole months or years.
_CALENDAR_PART: Final = (
    r"(?:in\s+|during\s+)?(?:the\s+)?(?:"
    r"(?:q(?P<quarter>[1-4])|(?P<quarter_word>first|second|third|fourth|1st|2nd|3rd|4th)"
    r"\s+quarter\s+of|h(?P<half>[12])|(?P<half_word>first|second|1st|2nd)\s+half\s+of)"
    r"\s+(?P<year>[0-9]{4})"
    r"|(?P<decade>[0-9]{2,3}0)['’]?s)"
)
# The ordinals _CALENDAR_PART takes (a half is only first or second).
_ORDINALS: Final = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4
}  # fmt: skip
_DAY_RANGE: Final = r"([0-9]{1,2})\.?\s*[-–]\s*([0-9]{1,2})(\.\s*\S.*|\s+\S.*)"
# The words that join the two ends of a range ("3 to 5 March", "from X until Y").
_TO: Final = r"(?:to|until|till|through)"
_MONTH_NAME: Final = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "Nov 15-18, 2024", "November 15 to 18": the month first, as US news writes it.
_MONTH_DAY_RANGE: Final = (
    rf"(?i)(?P<month>{_MONTH_NAME})\s+"
    rf"(?P<first>[0-9]{{1,2}})\s*(?:[-–]|{_TO})\s*(?P<last>[0-9]{{1,2}})"
    r"(?P<rest>,?\s+\S.*)?"
)
# "15 and 16 November 2024": two days, a span when the second follows the first.
_DAY_PAIR: Final = r"(?i)(?:on\s+)?([0-9]{1,2})\s+and\s+([0-9]{1,2})(\s+\S.*)"
# "14/15 November": two days, as news writes a night or a weekend. Before a
# month name, a slash joins no other numbers ("15/11 November" is a mistake).
_SLASHED_DAYS: Final = (
    rf"(?i)(?:on\s+)?(?<![\w/.:-])([0-9]{{1,2}})/([0-9]{{1,2}})(?=\s+{_MONTH_NAME})"
)
_TEXT_RANGE: Final = (
    rf"(?:from\s+(?P<a>.+?)\s+{_TO}\s+(?P<b>.+))"
    r"|(?:between\s+(?P<c>.+?)\s+and\s+(?P<d>.+))"
    rf"|(?:(?P<e>.+?)\s+(?:{_TO}|[-–])\s+(?P<f>.+))"
    # "1941-1945", "November 2024-January 2025": a dash without spaces after a
    # year, before a year or a word (not "2024-11", which is a month).
    r"|(?:(?P<g>.*?[0-9]{4})[-–](?P<h>[0-9]{4}(?![-0-9])|[^\W\d_].*))"
)
# "since 2014", "until March 2025": a span open at one end.
_OPEN_RANGE: Final = (
    r"(?i)(?:(?P<since>(?:ever\s+)?since)|until|till|up\s+(?:to|until))\s+(?P<side>\S.*)"
)
# Two defaults that differ in every component: whatever the text does not
# state comes out different in the two parses. Both months have 31 days and
# both years are leap years, so no stated day is rejected because of them.
_DEFAULT_A: Final = datetime(2000, 1, 1, 0, 0, 0)  # noqa: DTZ001 -- dateutil wants naive defaults
_DEFAULT_B: Final = datetime(2004, 12, 2, 1, 1, 1)  # noqa: DTZ001 -- dateutil wants naive defaults
_FREE_TEXT_EXAMPLES: Final = (
    "expected a date such as '15 November 2024', 'December 2022', 'Friday 15.11.24', "
    "'2024-11-15T14:00+01:00' or '3 days ago'"
)
_TITLE: Final = "time expression"
_OUTSIDE_CALENDAR: Final = f"the date lies outside years {_MIN_YEAR}–{_MAX_YEAR}"
# The names dateutil reads as offset zero.
_UTC_NAMES: Final = frozenset({"UTC", "GMT", "Z", "z"})
# "GMT+3", "UTC+03:00", "UTC −5": a name, a sign (ASCII or typographic minus)
# and hours. Nothing may come between the sign and the hours, so the dash of
# "14:00 UTC - 16:00 UTC" stays a range.
_NAMED_OFFSET: Final = r"\b(?:UTC|GMT) ?([+\-−])([0-9]{1,2})(?::?([0-9]{2}))?\b"
# The longest number a date needs is 14 digits (20241115143005). Longer ones are
# refused before any parsing: int() refuses beyond 4300 digits, dateutil's
# decimal arithmetic beyond 28, and no count of days that long fits the calendar.
_MAX_DIGITS: Final = 14
# Refused before any parsing too: dateutil's tokenizer takes seconds over a
# text of a million characters, and no date, time or span is a tenth as long.
_MAX_CHARACTERS: Final = 1_000
# English names, for messages: the calendar module's follow the locale.
_DAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES: Final = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Three numbers separated twice by the same ".", "/" or "-" (each may be
# followed by a space) or by single spaces: "15.11.24", "03/04/2024",
# "15. 11. 2024", "2024/11/15". Not part of a longer run of numbers, times or
# dates ("2024 14.30" is a year and a time).
_NUMERIC_DATE: Final = (
    r"(?<![\w.:/-])(?P<a>[0-9]{1,4})(?P<separator>[./-] ?| )(?P<b>[0-9]{1,2})(?P=separator)"
    r"(?P<c>[0-9]{1,4})"
    r"(?![0-9:/-]|[.,][0-9])"
)
# A date without a year, "15.11." or "11/15": only when it is all the text says.
_YEARLESS_NUMERIC: Final = r"(?P<a>[0-9]{1,2})[./](?P<b>[0-9]{1,2})\.?"
# A compact date, "151124": only when it is all the text says.
_COMPACT_DATE: Final = r"(?P<a>[0-9]{2})(?P<b>[0-9]{2})(?P<c>[0-9]{2})"
# A year written "'24", as in "November '24".
_APOSTROPHE_YEAR: Final = r"(?<!\w)['’]([0-9]{2})\b"
# Four digits standing alone: not part of a time ("14:30"), an offset ("+0100")
# or a longer number, nor a time marked as one ("1430 GMT"). Where
# the text writes such a number, it must be the date's year, and only that.
_FOUR_DIGITS: Final = r"(?i)(?<![\d:+\-−])[0-9]{4}(?![\d:])(?!\s*(?:gmt|utc|z|h)\b)"
# A time written as one: "14:30", "2pm", "2 p.m.", "14h", "1430 GMT", or the
# time part of a run of digits ("20241115143005").
_TIME_WRITTEN: Final = (
    r"(?i)[0-9]:[0-9]|[0-9]\s*[ap]\.?\s*m\b|[0-9]\s*h(?:[0-9]|\b)"
    r"|[0-9]{4}\s*(?:gmt|utc|z)\b|[0-9]{10}"
)
# A time with a dot between hours and minutes, marked as a time by "am",
# "pm" or "h": "2.30pm", "14.30h". Unmarked, "14.30" may be a date or a count.
_DOT_TIME: Final = r"(?i)(?<![\w.:])([0-9]{1,2})\.([0-9]+)(\s*(?:[ap]\.?\s*m\b\.?|h\b))"
_LONG_NUMBER: Final = rf"\d{{{_MAX_DIGITS + 1},}}"


def _dateutil_parser() -> types.ModuleType:
    # dateutil is only needed for free text, never on the wire path: import it late
    # so ``import eventkit`` stays fast.
    from dateutil import parser  # noqa: PLC0415

    return parser


@functools.lru_cache(maxsize=256)
def _parserinfo(reference_year: int | None, *, weekday_stated: bool) -> parserinfo:
    """Return dateutil's vocabulary, with two-digit years placed by `_full_year`.

    One per reference year, kept: building one takes about a tenth of the
    time of a parse, and a dataset's texts share a few publication years.
    """
    return _parserinfo_class()(reference_year, weekday_stated)


@functools.cache
def _parserinfo_class() -> Callable[[int | None, bool], parserinfo]:
    parser = _dateutil_parser()

    class _Info(parser.parserinfo):  # type: ignore[misc,name-defined]  # imported on first use
        JUMP: ClassVar = [*parser.parserinfo.JUMP, "in", "the"]  # "in September", "the 1st"

        def __init__(self, reference_year: int | None, weekday_stated: bool) -> None:
            super().__init__()
            self.reference_year = reference_year
            self.weekday_stated = weekday_stated

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            if year < 100 and not century_specified:
                return _full_year(year, self.reference_year, weekday_stated=self.weekday_stated)
            return year

        def validate(self, res: Any) -> bool:
            # Called with the components read, before dateutil builds a
            # datetime and fails with "day is out of range for month".
            valid: bool = super().validate(res)
            month, day = res.month, res.day
            if day is not None and month is not None and 1 <= month <= 12:
                days = _last_day(2000 if res.year is None else res.year, month)
                if not 1 <= day <= days:
                    raise _ImpossibleDayError(_impossible_day(day, month, res.year))
            return valid

    return _Info


def _relativedelta(*, months: int = 0, years: int = 0) -> relativedelta:
    from dateutil.relativedelta import relativedelta  # noqa: PLC0415 - see _dateutil_parser

    return relativedelta(months=months, years=years)


def _shift(start: date, unit: str, count: int, text: str) -> date:
    """Move a date by ``count`` days, weeks, months or years (clamping month ends).

    Every relative expression moves its reference through here, so a result
    beyond the calendar is reported once, for all of them.
    """
    try:
        if unit == "day":
            return start + timedelta(days=count)
        if unit == "week":
            return start + timedelta(weeks=count)
        if unit == "month":
            return start + _relativedelta(months=count)
        return start + _relativedelta(years=count)
    except (ValueError, OverflowError):
        # date and timedelta raise OverflowError, relativedelta ValueError.
        raise _fail(_OUTSIDE_CALENDAR, text) from None


class _UnknownTimezoneError(Exception):
    pass


class _CenturyError(Exception):
    """A two-digit year that neither a reference nor a weekday places (carries it)."""


class _ImpossibleDayError(Exception):
    """A day the month does not have (carries the message)."""


def _impossible_day(day: int, month: int, year: int | None) -> str:
    """Say why the day is impossible; a year not known may be a leap year."""
    days = _last_day(2000 if year is None else year, month)
    where = f"February {year}" if month == 2 and year is not None else _MONTH_NAMES[month]
    return f"day {day} is impossible: {where} has {days} days"


def _century_problem(two_digits: int, text: str) -> Problem:
    early, late = 1900 + two_digits, 2000 + two_digits
    message = (
        f"the century of the two-digit year '{two_digits:02d}' is unknown ({early}? {late}?); "
        "pass reference=, such as the publication date, to take the year nearest it"
    )
    return Problem(loc=(), code="invalid_value", message=message, input=text)


def _full_year(two_digits: int, reference_year: int | None, *, weekday_stated: bool) -> int:
    """The year a two-digit year means: the one nearest the reference.

    At exactly 50 years either way the earlier one is taken (news reports the
    past). Without a reference, a stated weekday confirms 20yy: the same day of
    the year falls on another weekday in every 18yy, 19yy and 21yy year (a
    century moves weekdays by 5 or 6 days, two centuries by 3 to 5), and the
    weekday is checked once the date is known. Otherwise ``_CenturyError``.
    """
    if reference_year is None:
        if weekday_stated:
            return 2000 + two_digits
        raise _CenturyError(two_digits)
    before = reference_year - (reference_year - two_digits) % 100
    after = before + 100
    if before < _MIN_YEAR or (
        after <= _MAX_YEAR and after - reference_year < reference_year - before
    ):
        return after
    return before


def _tzinfos(name: str | None, offset: int | None) -> tzinfo | None:
    """Resolve only numeric offsets and UTC names, never the machine's local zone.

    dateutil calls this for every zone it finds, with the offset it read; a
    name with an offset ("CET+1") comes with the POSIX sign, which nobody in
    the news means, and any other name would be a guess: both are refused.
    """
    if name is not None and name not in _UTC_NAMES:
        raise _UnknownTimezoneError(name)
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    return None


def _east_of_utc(body: str, text: str) -> str:
    """Write "GMT+3", "UTC+05:30" as the offsets they mean in the news: +03:00, +05:30.

    dateutil follows POSIX TZ strings, where "GMT+3" is three hours *west* of
    UTC; news and ISO 8601 mean east. Rewriting them as plain offsets first
    leaves dateutil nothing to flip.
    """
    parts = []
    end = 0
    for found in re.finditer(_NAMED_OFFSET, body):
        sign, hours, minutes = found.groups()
        if minutes is not None and int(minutes) > 59:
            msg = "expected offset minutes between 00 and 59"
            raise _fail(msg, text)
        sign = "-" if sign in "-−" else "+"
        parts.append(f"{body[end : found.start()]} {sign}{int(hours):02d}:{minutes or '00'}")
        end = found.end()
    return "".join(parts) + body[end:]


def _colon_times(body: str, text: str) -> str:
    """Write "2.30pm" and "14.30h" with a colon, refusing a time that cannot be.

    dateutil reads "14.30" as a decimal hour (14:18) and "2.5pm" as 2pm.
    """

    def colon(found: re.Match[str]) -> str:
        hour, minutes, mark = found.groups()
        twelve_hour = not mark.strip().lower().startswith("h")
        problem = None
        if len(minutes) != 2:
            problem = f"the minutes must be two digits, as in {hour}.05{mark} or {hour}.50{mark}"
        elif twelve_hour and not 1 <= int(hour) <= 12:
            problem = "the hour must be 1 to 12 with am or pm"
        elif not 0 <= int(hour) <= 23:
            problem = "the hour must be 0 to 23"
        elif int(minutes) > 59:
            problem = "the minutes must be 00 to 59"
        if problem is not None:
            msg = f"{found[0]!r} is not a time: {problem}"
            raise _fail(msg, text)
        return f"{hour}:{minutes}{mark}" if twelve_hour else f"{hour}:{minutes}"

    return re.sub(_DOT_TIME, colon, body)


def _body(text: str) -> str:
    """``text`` as the patterns read it: its spaces collapsed, its digits ASCII ones.

    A date copied from a CJK page is written "２０２５-03-11": the patterns match
    ASCII digits, and dateutil, left to read it, applied ``dayfirst`` to a
    year-month-day date. Every decimal digit is made ASCII here, as ``int``
    reads it; ``text`` stays as given, in the value and in messages.
    """
    body = " ".join(text.split())
    if body.isascii():
        return body
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in body)


def _fail(message: str, text: str) -> ValidationError:
    return _invalid(message, text, title=_TITLE)


def _reference_date(reference: date | datetime | PartialDate | None, text: str) -> date:
    if reference is None:
        msg = "a reference date is needed to resolve a relative expression; pass reference="
        raise _fail(msg, text)
    if isinstance(reference, PartialDate):
        if reference.precision < Precision.DAY or reference.day is None or reference.month is None:
            msg = f"the reference must be known to the day, not {reference.to_edtf()!r}"
            raise _fail(msg, text)
        return date(reference.year, reference.month, reference.day)
    if reference != reference:  # noqa: PLR0124 - pandas.NaT, a datetime that is no time
        msg = "the reference is a missing time (NaT); pass a date"
        raise _fail(msg, text)
    if isinstance(reference, datetime):
        return reference.date()
    return reference


def _relative(
    body: str,
    text: str,
    reference: date | datetime | PartialDate | None,
    before: date | None = None,
) -> When | None:
    """Read an expression relative to the reference, or return ``None`` if it is none.

    Weekdays are the nearest on or before the reference ("last" ones strictly
    before): news reports what has happened. The start of a range is the
    nearest strictly before ``before``, its end: "from Thursday to Saturday"
    said on a Friday ends on the last Saturday and starts on the Thursday
    before it, and "from Friday to Friday" is a week.
    """
    lower = body.lower()
    match = re.fullmatch(_RELATIVE, lower)
    if match is not None:
        return _moved(match, _reference_date(reference, text), text)
    match = re.fullmatch(_WEEKDAY_PHRASE, lower)
    if match is not None:
        today = _reference_date(reference, text) if before is None else before
        back = (today.weekday() - _WEEKDAYS[match["weekday"]]) % 7
        if match["last"] is not None or before is not None:
            back = back or 7
        return _day(_shift(today, "day", -back, text))
    match = re.fullmatch(_SPAN_PHRASE, lower)
    if match is not None:
        return _span(match, _reference_date(reference, text), text)
    return None


def _calendar_part(body: str, text: str) -> TimeSpan | None:
    """Read a quarter, a half year or a decade, or return ``None`` if ``body`` is none."""
    match = re.fullmatch(_CALENDAR_PART, body.lower())
    if match is None:
        return None
    decade = match["decade"]
    if decade is not None:
        if decade.endswith("00"):
            msg = (
                f"'{decade}s' may be the decade {decade}–{int(decade) + 9} or the century "
                f"{decade}–{int(decade) + 99}; write the range"
            )
            raise _fail(msg, text)
        return TimeSpan(start=PartialDate(year=int(decade)), end=PartialDate(year=int(decade) + 9))
    year = int(match["year"])
    if year < _MIN_YEAR:
        raise _fail(_OUTSIDE_CALENDAR, text)
    if match["quarter"] or match["quarter_word"]:
        quarter = int(match["quarter"] or _ORDINALS[match["quarter_word"]])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
    else:
        half = int(match["half"] or _ORDINALS[match["half_word"]])
        first_month, last_month = 6 * half - 5, 6 * half
    return TimeSpan(
        start=PartialDate(year=year, month=first_month),
        end=PartialDate(year=year, month=last_month),
    )


def _count(match: re.Match[str], group: str) -> int:
    found = match[group]
    return _NUMBER_WORDS[found] if found in _NUMBER_WORDS else int(found)


def _day(value: date) -> PartialDate:
    return PartialDate(year=value.year, month=value.month, day=value.day)


def _moved(match: re.Match[str], today: date, text: str) -> PartialDate:
    """Move the reference as in "3 days ago", "in 2 months", "last year", "yesterday".

    The result has the unit's precision (a week gives a day).
    """
    named = match["named"]
    if named is not None:
        words = " ".join(named.split())
        day = _NAMED_DAYS.get(words)
        if day is None:  # "yesterday morning": the day, its part kept in the text
            day = _NAMED_DAYS[words.rsplit(" ", 1)[0]]
        unit, count = "day", day
    elif match["which"] is not None:
        unit, count = match["unit3"], {"last": -1, "this": 0, "next": 1}[match["which"]]
    elif match["n"] is not None:
        unit, count = match["unit"], -_count(match, "n")
    else:
        unit, count = match["unit2"], _count(match, "n2")
    unit, factor = _MULTIPLES.get(unit, (unit, 1))
    moved = _shift(today, unit, count * factor, text)
    return _partial((moved.year, moved.month, moved.day)[: int(_UNIT_PRECISION[unit])])


def _span(match: re.Match[str], today: date, text: str) -> TimeSpan:
    """Read "last week" (ISO, Monday to Sunday), "earlier this month", "more than a week ago"."""
    if match["which"] is not None:
        monday = _shift(today, "day", -today.weekday(), text)
        start = _shift(monday, "week", {"last": -1, "this": 0, "next": 1}[match["which"]], text)
        return TimeSpan(start=_day(start), end=_day(_shift(start, "day", 6, text)))
    period = match["period"]
    if period is not None:
        first = {
            "week": today - timedelta(days=today.weekday()),  # 0001-01-01 is a Monday
            "month": today.replace(day=1),
            "year": today.replace(month=1, day=1),
        }[period]
        if first == today:
            msg = f"nothing of the {period} lies before the reference date {today.isoformat()}"
            raise _fail(msg, text)
        return TimeSpan(start=_day(first), end=_day(today - timedelta(days=1)))
    unit, factor = _MULTIPLES.get(match["unit"], (match["unit"], 1))
    edge = _shift(today, unit, -_count(match, "n") * factor, text)
    if match["bound"] == "more":
        return TimeSpan(end=_day(edge))
    return TimeSpan(start=_day(edge), end=_day(today))


def _day_and_month(
    first: int,
    second: int,
    token: str,
    text: str,
    *,
    dayfirst: bool | None,
    problems: list[Problem],
) -> tuple[int, int]:
    """Tell day from month among two numbers; an ambiguity is added to ``problems``.

    A number above 12 is the day; when both could be the month and they
    differ, ``dayfirst`` must say which is the day: without it the date is
    refused, never guessed (the reading returned then is only provisional).
    """
    first_month, second_month = 1 <= first <= 12, 1 <= second <= 12
    if not first_month and not second_month:
        msg = f"neither {first} nor {second} can be a month in {token!r}"
        raise _fail(msg, text)
    if not (first_month and second_month):
        return (first, second) if second_month else (second, first)
    if first != second and dayfirst is None:
        message = (
            f"day and month are ambiguous in {token!r} ({first} {_MONTH_NAMES[second]} or "
            f"{_MONTH_NAMES[first]} {second}?); pass dayfirst=True to read the day first "
            "or dayfirst=False to read the month first"
        )
        problems.append(Problem(loc=(), code="invalid_value", message=message, input=text))
    return (second, first) if dayfirst is False else (first, second)


def _numeric_date(
    token: str,
    numbers: Sequence[str],
    text: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    full_year: Callable[[int], int],
) -> str:
    """Read a date written as three numbers; return it as YYYY-MM-DD.

    The year is the number of three or four digits, or a first number above
    31; otherwise it is last, or first with ``yearfirst``. Year first is
    year-month-day (year-day-month only with ``dayfirst`` too, as in
    dateutil). With the year last, `_day_and_month` tells them apart.
    """
    first, middle, last = (int(number) for number in numbers)
    problems: list[Problem] = []
    if len(numbers[0]) > 2 or (len(numbers[2]) <= 2 and (yearfirst or first > 31)):
        year_text = numbers[0]
        month, day = (last, middle) if dayfirst and yearfirst else (middle, last)
        if not 1 <= month <= 12:
            msg = f"{month} cannot be a month in {token!r}"
            raise _fail(msg, text)
    else:
        year_text = numbers[2]
        day, month = _day_and_month(
            first, middle, token, text, dayfirst=dayfirst, problems=problems
        )
    year: int | None = int(year_text)
    if len(year_text) <= 2:
        try:
            year = full_year(int(year_text))
        except _CenturyError:
            problems.append(_century_problem(int(year_text), text))
            year = None
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _fail(_OUTSIDE_CALENDAR, text)
    if not 1 <= day <= _last_day(2000 if year is None else year, month):
        raise _fail(_impossible_day(day, month, year), text)
    if problems:
        raise ValidationError(problems, title=_TITLE)
    return f"{year:04d}-{month:02d}-{day:02d}"


def _numbers_as_iso(
    cleaned: str,
    text: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    full_year: Callable[[int], int],
) -> tuple[str, bool]:
    """Rewrite numeric dates and "'24" years so that dateutil has nothing to guess.

    Dates become YYYY-MM-DD, and a date without a year ("15.11.") "15
    November". Returns the text and whether it now holds a date read here.
    """

    def iso(match: re.Match[str]) -> str:
        return _numeric_date(
            match[0],
            match.group("a", "b", "c"),
            text,
            dayfirst=dayfirst,
            yearfirst=yearfirst,
            full_year=full_year,
        )

    compact = re.fullmatch(_COMPACT_DATE, cleaned)
    if compact is not None:
        return iso(compact), True
    yearless = re.fullmatch(_YEARLESS_NUMERIC, cleaned)
    if yearless is not None:
        problems: list[Problem] = []
        day, month = _day_and_month(
            int(yearless["a"]),
            int(yearless["b"]),
            cleaned,
            text,
            dayfirst=dayfirst,
            problems=problems,
        )
        if problems:
            raise ValidationError(problems, title=_TITLE)
        return f"{day} {_MONTH_NAMES[month]}", True
    cleaned, dates = re.subn(_NUMERIC_DATE, iso, cleaned)
    cleaned = re.sub(_APOSTROPHE_YEAR, lambda match: str(full_year(int(match[1]))), cleaned)
    return cleaned, dates > 0


def _dateutil(
    text: str,
    body: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    reference: date | datetime | PartialDate | None,
    before: date | None,
) -> PartialDate:
    """Read a date with dateutil, leaving nothing for it to guess.

    A date without a year is the latest on or before ``before`` when given
    (the end of a range), else on or before the reference.
    """
    _refuse_what_dateutil_skips(body, text)
    stated = [_WEEKDAYS[found.lower()] for found in re.findall(_WEEKDAY, body)]
    reference_year = None if reference is None else reference.year
    info = _parserinfo(reference_year, weekday_stated=bool(stated))
    full_year = info.convertyear

    cleaned = re.sub(_WEEKDAY, " ", _colon_times(body, text))
    cleaned = " ".join(_east_of_utc(cleaned, text).split())
    try:
        cleaned, read = _numbers_as_iso(
            cleaned, text, dayfirst=dayfirst, yearfirst=yearfirst, full_year=full_year
        )
        # A date read here is in ISO order, which dateutil's dayfirst would turn
        # into year-day-month; it has nothing left to decide.
        first, second = _parse_twice(
            cleaned, text, dayfirst=False if read else dayfirst, yearfirst=yearfirst, info=info
        )
    except _CenturyError as err:
        raise ValidationError([_century_problem(err.args[0], text)], title=_TITLE) from None
    if first.microsecond:
        msg = "fractional seconds are not supported; expected whole seconds"
        raise _fail(msg, text)
    given = [getattr(first, name) == getattr(second, name) for name in _COMPONENTS]
    yearless = not given[0] and given[1]
    given[0] = given[0] or yearless
    count = given.index(False) if False in given else len(given)
    if count == 0:
        raise _fail(_no_year(stated), text)
    if any(given[count:]):
        raise _fail(_FREE_TEXT_EXAMPLES, text)
    parts = [getattr(first, name) for name in _COMPONENTS[:count]]
    if re.search(r"(?i)\band\b|&", cleaned):  # dateutil skips "and": "15 and 16 November"
        msg = "'and' joins two dates; give each date, or a range such as '15-18 November 2024'"
        raise _fail(msg, text)
    written = [int(number) for number in re.findall(_FOUR_DIGITS, cleaned)]
    if written and written != [parts[0]]:
        # dateutil takes a number it has no other use for as a time, and may
        # take another for the year: "Nov 15-18, 2024" would be 2018-11-15T20:24.
        msg = f"cannot tell which number is the year; {_FREE_TEXT_EXAMPLES}"
        raise _fail(msg, text)
    if count > Precision.DAY and re.search(_TIME_WRITTEN, cleaned) is None:
        # dateutil takes a lone number for an hour: "2024-11-17/18" would be 18:00.
        msg = "a number would be read as an hour, but no time is written (14:00, 2pm, 14h)"
        raise _fail(msg, text)
    if yearless:
        parts[0] = _latest_year(parts[1], parts[2] if count > 2 else 1, before or reference, text)
    if stated:
        _check_weekdays(stated, date(*parts[:3]) if count >= Precision.DAY else None, text)
    offset = None
    delta = first.utcoffset()
    if delta is not None:
        offset = delta // timedelta(minutes=1)
    try:
        return _partial(parts, utc_offset=offset)
    except ValidationError as err:
        raise _rewrap(err, text, title=_TITLE) from None


def _no_year(stated: Sequence[int]) -> str:
    """Say what is missing from a text without a year, given the weekdays it states."""
    if not stated:
        return "the text gives no year; expected a date with a year"
    # "Friday 2.30pm" has no year only because it has no date at all.
    name = _DAY_NAMES[stated[0]]
    return (
        f"states {name} but no date: a weekday is read alone ('{name}', '{name} afternoon'), "
        "not with a time or a day of the month; write its date as well"
    )


def _refuse_what_dateutil_skips(body: str, text: str) -> None:
    """Refuse text that dateutil would read as a date by skipping a part of it."""
    if body.startswith("/") or body.endswith("/"):  # "2024-11-15/": the date alone
        start, end = (body.strip("/ "), "..") if body.endswith("/") else ("..", body.strip("/ "))
        msg = (
            "an empty side of an interval is EDTF's unknown end, which eventkit does not "
            f"hold; write an open end as '..', as in '{start}/{end}'"
        )
        raise _fail(msg, text)
    repeated = re.search(r"(?i)\b([^\W\d_]+)\s+\1\b", body)
    if repeated is not None:  # "in in in 2024": a stutter, most often the extraction's
        msg = (
            f"the word {repeated[1].lower()!r} is repeated, most often a mistake in extracting "
            "the text; expected each word once"
        )
        raise _fail(msg, text)
    slashed = re.search(_SLASHED_DAYS, body)
    if slashed is not None:  # "14/15 November": the first number taken for a year, 2014
        msg = (
            f"'{slashed[1]}/{slashed[2]}' before a month is read only as two days that "
            "follow each other (as in '14/15 November'); give each date, or a range"
        )
        raise _fail(msg, text)


def _latest_year(
    month: int, day: int, reference: date | datetime | PartialDate | None, text: str
) -> int:
    """The year of the latest ``day`` of ``month`` on or before the reference."""
    if reference is None:
        msg = (
            "the text gives no year; expected a date with a year, or pass reference= to take "
            "the latest such date on or before it"
        )
        raise _fail(msg, text)
    today = _reference_date(reference, text)
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    while year >= _MIN_YEAR and day > _last_day(year, month):  # 29 February
        year -= 1
    if year < _MIN_YEAR:
        raise _fail(_OUTSIDE_CALENDAR, text)
    return year


def _parse_twice(
    cleaned: str, text: str, *, dayfirst: bool | None, yearfirst: bool, info: parserinfo
) -> tuple[datetime, datetime]:
    """Parse with two defaults that differ in every component: what differs is unstated.

    Without ``dayfirst``, a day and month given as bare numbers (no month
    name) are also read day first: when dateutil reads "1,2,2024" or "1 2"
    differently that way, its month-first default would be a guess, and the
    text is refused.
    """
    first, second = (
        _dateutil_read(
            cleaned, text, dayfirst=bool(dayfirst), yearfirst=yearfirst, info=info, default=default
        )
        for default in (_DEFAULT_A, _DEFAULT_B)
    )
    stated = first.month == second.month and first.day == second.day
    if dayfirst is None and stated and not _names_a_month(cleaned, info):
        try:
            other = _dateutil_read(
                cleaned, text, dayfirst=True, yearfirst=yearfirst, info=info, default=_DEFAULT_A
            )
        except ValidationError:
            other = first  # read only month first: not ambiguous
        if (other.month, other.day) != (first.month, first.day):
            message = (
                f"day and month are ambiguous in {text!r} ({other.day} "
                f"{_MONTH_NAMES[other.month]} or {_MONTH_NAMES[first.month]} {first.day}?); "
                "pass dayfirst=True to read the day first or dayfirst=False to read the "
                "month first"
            )
            problem = Problem(loc=(), code="invalid_value", message=message, input=text)
            raise ValidationError([problem], title=_TITLE)
    return first, second


def _names_a_month(text: str, info: parserinfo) -> bool:
    return any(info.month(word) is not None for word in re.findall(r"[^\W\d_]+", text))


def _dateutil_read(
    cleaned: str,
    text: str,
    *,
    dayfirst: bool,
    yearfirst: bool,
    info: parserinfo,
    default: datetime,
) -> datetime:
    try:
        value: datetime = _dateutil_parser().parse(
            cleaned,
            parserinfo=info,
            dayfirst=dayfirst,
            yearfirst=yearfirst,
            default=default,
            tzinfos=_tzinfos,
        )
    except _UnknownTimezoneError as err:
        msg = f"unknown timezone {err.args[0]!r}; expected UTC or an offset such as +01:00"
        raise _fail(msg, text) from None
    except _ImpossibleDayError as err:
        raise _fail(err.args[0], text) from None
    except (ValueError, ArithmeticError):
        # ValueError is dateutil's "cannot read this"; it also does decimal and
        # date arithmetic on the numbers in the text, which can fail on its own.
        raise _fail(_FREE_TEXT_EXAMPLES, text) from None
    return value


def _check_weekdays(stated: Sequence[int], day: date | None, text: str) -> None:
    """Check each stated weekday against the day (``None``: no day of the month)."""
    if day is None:
        msg = f"states {_DAY_NAMES[stated[0]]} but gives no day of the month"
        raise _fail(msg, text)
    actual = day.weekday()
    for weekday in stated:
        if weekday != actual:
            msg = f"states {_DAY_NAMES[weekday]} but {day.isoformat()} is a {_DAY_NAMES[actual]}"
            raise _fail(msg, text)


def _parse_point(
    text: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    reference: date | datetime | PartialDate | None,
    before: date | None = None,
) -> When:
    body = _body(text)
    uncertain = body.endswith("?") and not body.endswith("??")
    if uncertain:
        body = body[:-1].rstrip()
    approximate = False
    hedge = re.match(_HEDGE, body.lower())
    if hedge is not None:
        approximate = hedge["approx"] is not None
        uncertain = uncertain or hedge["unsure"] is not None
        body = body[hedge.end() :]
    part = re.match(_PART_OF, body, re.IGNORECASE)
    value: When | None
    if part is not None:
        value = _part_of(
            body[part.end() :],
            text,
            dayfirst=dayfirst,
            yearfirst=yearfirst,
            reference=reference,
            before=before,
        )
    else:
        value = _calendar_part(body, text) or _relative(body, text, reference, before)
    if value is None:
        try:
            value = parse_edtf(body)
        except ValidationError:
            value = None  # not EDTF: free text, parsed below outside this handler
    if value is None:
        value = _dateutil(
            text, body, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference, before=before
        )
    if isinstance(value, TimeSpan):
        if approximate or uncertain:
            msg = "qualifiers apply to single dates, not to intervals"
            raise _fail(msg, text)
        return attrs.evolve(value, text=text)
    try:
        return attrs.evolve(
            value,
            approximate=value.approximate or approximate,
            uncertain=value.uncertain or uncertain,
            text=text,
        )
    except ValidationError as err:
        raise _rewrap(err, text, title=_TITLE) from None


def _part_of(
    rest: str,
    text: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    reference: date | datetime | PartialDate | None,
    before: date | None,
) -> When:
    """The period ``rest`` names (a day, month, year or span), for a text naming a part of it."""
    if re.match(_PART_OF, rest, re.IGNORECASE):  # "early early 2024": said twice, or a typo
        msg = f"in {text!r}: a part of a part of a period (early, mid, late, ...) is not a date"
        raise _fail(msg, text)
    value: When | None
    try:
        value = _parse_range(rest, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference)
        if value is None:
            value = _parse_point(
                rest, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference, before=before
            )
    except ValidationError as err:
        raise _of_whole(err, text) from None
    if isinstance(value, PartialDate) and value.precision > Precision.DAY:
        msg = f"in {text!r}: early, mid, late, start or end apply to a period, not to a time"
        raise _fail(msg, text)
    return value


def _range_sides(body: str, text: str) -> tuple[str, str, bool] | None:
    """The start and end of the range ``body`` writes, and whether it surely is one.

    None when it writes none. A range is sure when its words say so ("from",
    "between", a day range); a dash or "to" elsewhere may split a date that
    is not one.
    """
    days = re.fullmatch(_DAY_RANGE, body)
    if days is not None:
        first, last, rest = days.groups()
        return f"{first}{rest}", f"{last}{rest}", True
    month_days = re.fullmatch(_MONTH_DAY_RANGE, body)
    if month_days is not None:
        month, first, last, rest = month_days.group("month", "first", "last", "rest")
        return f"{month} {first}{rest or ''}", f"{month} {last}{rest or ''}", True
    slashed = re.fullmatch(rf"{_SLASHED_DAYS}(.*)", body)
    if slashed is not None and int(slashed[2]) == int(slashed[1]) + 1:
        first, last, rest = slashed.groups()
        return f"{first}{rest}", f"{last}{rest}", True
    pair = re.fullmatch(_DAY_PAIR, body)
    if pair is not None:
        first, last, rest = pair.groups()
        if int(last) != int(first) + 1:
            msg = f"{first} and {last} are two days, not a span; give each date, or a range"
            raise _fail(msg, text)
        return f"{first}{rest}", f"{last}{rest}", True
    words = re.fullmatch(_TEXT_RANGE, body)
    if words is None:
        return None
    start, end = next(
        (a, b)
        for a, b in (
            words.group("a", "b"),
            words.group("c", "d"),
            words.group("e", "f"),
            words.group("g", "h"),
        )
        if a
    )
    end_rest = re.fullmatch(rf"{_ON_DAY}(\.?\s+\S.*)", end)
    if re.fullmatch(_ON_DAY, start) and end_rest is not None:
        # "between 15 and 18 November 2024", "from Thursday 14 to Saturday 16
        # November 2024": the start's month and year are the end's.
        start = f"{start}{end_rest[1]}"
    return start, end, words["a"] is not None or words["c"] is not None


def _counted_back(start: str, end: str) -> list[str]:
    """Put "2 to 3 days ago" in order: the larger count is the earlier day."""
    counts = [re.fullmatch(r"(?i)([0-9]+)(\s+[a-z]+\s+ago)", side) for side in (start, end)]
    first, last = counts
    if first and last and first[2] == last[2] and int(first[1]) < int(last[1]):
        return [end, start]
    return [start, end]


def _side(
    side: str,
    text: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    reference: date | datetime | PartialDate | None,
    before: date | None = None,
) -> When:
    """One side of a range that surely is one: what is wrong with it is told of the whole."""
    try:
        return _parse_point(
            side, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference, before=before
        )
    except ValidationError as err:
        raise _of_whole(err, text) from None


def _of_whole(err: ValidationError, text: str) -> ValidationError:
    """``err``, found in a part of ``text``, told of the whole of it."""
    return ValidationError([attrs.evolve(p, input=text) for p in err.problems], title=_TITLE)


def _bound(value: When, *, start: bool) -> PartialDate | None:
    """What a side of a range gives it: a date as it is, a span its ``start`` or its end."""
    if isinstance(value, PartialDate):
        return value
    return value.start if start else value.end


def _parse_range(
    text: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool,
    reference: date | datetime | PartialDate | None,
) -> TimeSpan | None:
    body = _body(text)
    open_range = re.fullmatch(_OPEN_RANGE, body)
    if open_range is not None:
        value = _side(
            open_range["side"], text, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference
        )
        since = open_range["since"] is not None
        bound = _bound(value, start=since)
        if bound is None:
            return None
        bound = attrs.evolve(bound, text=None)
        return TimeSpan(start=bound, text=text) if since else TimeSpan(end=bound, text=text)
    found = _range_sides(body, text)
    if found is None:
        return None
    *sides, certain = found
    sides = _counted_back(*sides)
    ends: list[PartialDate] = []
    # The end first: a start without a year ("15 November - 18 November 2024")
    # is the latest such day on or before it.
    for side in reversed(sides):
        before = ends[0].latest.date() if ends else None
        try:
            value = _side(
                side,
                text,
                dayfirst=dayfirst,
                yearfirst=yearfirst,
                reference=reference,
                before=before,
            )
        except ValidationError:
            if certain:
                raise
            return None
        # A side that is a span ("from Q1 to Q3 2024"): from its start, to its end.
        end = _bound(value, start=bool(ends))
        if end is None:
            return None
        ends.insert(0, attrs.evolve(end, text=None))
    try:
        return TimeSpan(start=ends[0], end=ends[1], text=text)
    except ValidationError as err:
        raise _rewrap(err, text, title=_TITLE) from None


def _check_arguments(*, dayfirst: object, yearfirst: object, reference: object) -> None:
    """Raise TypeError for arguments of the wrong type: a programmer's mistake, not bad text."""
    if dayfirst is not None and not isinstance(dayfirst, bool):
        msg = f"dayfirst must be True, False or None, not {type(dayfirst).__name__}"
        raise TypeError(msg)
    if not isinstance(yearfirst, bool):
        msg = f"yearfirst must be a bool, not {type(yearfirst).__name__}"
        raise TypeError(msg)
    if reference is not None and not isinstance(reference, date | PartialDate):
        msg = (
            f"reference must be a date, a datetime or a PartialDate, not {type(reference).__name__}"
        )
        raise TypeError(msg)


def parse_when(
    text: str,
    *,
    dayfirst: bool | None = None,
    yearfirst: bool = False,
    reference: date | datetime | PartialDate | None = None,
) -> When:
    """Read a date, time or span from free text, keeping the text.

    Components the text does not state are left unset, so "December 2022" is
    a month, not 1 December. Understood, besides EDTF and anything
    ``dateutil.parser`` reads:

    - a weekday, checked against the date ("Friday 15.11.24");
    - numeric dates ("15.11.2024", "11/15/2024", "2024/11/15", "151124"),
      never guessed. A number of three or four digits, or a first number
      above 31, is the year; otherwise the year is last (first with
      ``yearfirst``). With the year last, a number above 12 is the day; when
      both could be the month ("03/04/2024") the date is refused unless
      ``dayfirst`` says which comes first. Year first is year-month-day;
    - two-digit years ("15.11.75", "15 Nov 75", "November '75"): the year
      ending in those digits nearest the year of ``reference`` (the earlier
      one at exactly 50 years). Without a reference a two-digit year is
      refused, unless the text states a weekday that matches 20yy: the same
      day falls on another weekday in every year of 18yy, 19yy and 21yy;
    - times with a dot, marked by "am", "pm" or "h": "2.30pm" and "14.30h"
      are 14:30; an impossible one ("25.30h", "2.75pm") is refused;
    - an offset (``+01:00``) or ``UTC``/``GMT``/``Z``, kept as given;
      ``GMT+3`` and ``UTC+05:30`` are hours *east* of UTC (+03:00, +05:30),
      as the news means them, not the POSIX reading dateutil applies; other
      zone names ("CET", "EST", "MSK+3") are rejected rather than guessed;
    - hedges: "about", "around", "circa", "some", … make the value
      approximate; "possibly", "probably", … or a trailing ``?`` uncertain;
    - a part of a period: "early 2025", "mid-November 2024", "late on 15
      November", "the end of October" are the year, month or day named, the
      part kept only in ``text`` (no value would say "the last third of a
      month" without guessing its bounds);
    - relative expressions, resolved against ``reference``: "today",
      "yesterday (morning)", "last night", "tonight", "tomorrow", "the day
      before", "3 days ago", "two weeks ago", "a fortnight ago", "a year
      ago", "two decades ago", "in 2 months", "last year", "this month";
      the precision is the unit's (weeks and days give a day, decades a
      year); a count is a plain number ("-3 days ago" is refused); a range
      of counts ("2 to 3 days ago") runs from the larger one;
    - weekdays alone, resolved against ``reference``: "Wednesday", "on
      Tuesday", "Wednesday afternoon", "early Sunday" are the nearest such
      day on or before the reference, "last Tuesday" the nearest strictly
      before it (news reports what has happened); the start of a range,
      the latest such day before its end ("from Thursday to Saturday"
      said on Friday 15 November 2024 is 7 to 9 November, "from Friday to
      Friday" 8 to 15 November). The part of the day is kept only in
      ``text``: the value is the day;
    - a date or month without a year ("Sept. 19", "19 September", "15.11.",
      "in March") is the latest one on or before the reference;
    - spans against ``reference``: "this week", "last week", "next week"
      (ISO weeks, Monday to Sunday), "earlier this week/month/year" (from its
      first day to the day before the reference), "more than a week ago"
      (open start, ending a week before the reference), "less than a month
      ago" (from a month before the reference to the reference);
    - ranges: "15-18 November 2024", "Nov 15-18, 2024", "from X to Y",
      "between X and Y", "X - Y", giving a `TimeSpan` ("until", "till" or
      "through" may stand for "to"); a start without a
      year ("15 November - 18 November 2024") is the latest such day on or
      before the end, and a start that is a day alone ("between 15 and 18
      November 2024", "from Thursday 14 to Saturday 16 November 2024")
      takes the end's month and year. Two consecutive days
      ("15 and 16 November 2024", "14/15 November 2024") are a span too;
      other dates joined by "and", or by a slash before a month, are
      refused. "1941-1945" and "November 2024-January 2025" need no spaces
      around the dash;
    - spans open at one end: "since 2014" (``2014/..``), "until March
      2025" (``../2025-03``); an empty side ("2024-11-15/", EDTF's unknown
      end) is refused, not read as the date alone;
    - quarters, half years and decades: "Q3 2024", "the first half of 2024",
      "the 1990s" are spans of whole months or years ("the 1900s", a decade
      or a century, is refused); as a side of a range, such a span gives the
      range its start or its end.

    Args:
        text: the free text.
        dayfirst: for numeric dates whose day and month could be swapped:
            ``True`` reads ``03/04/2024`` as 3 April, ``False`` as March 4;
            ``None`` (the default) refuses them.
        yearfirst: read numeric dates of three two-digit numbers with the
            year first (``24.11.15`` is 2024-11-15), and with ``dayfirst``
            too, year-day-month.
        reference: the date relative expressions, weekdays and dates
            without a year count from, and two-digit years are placed by:
            typically the publication date of the source. A datetime counts
            by its own calendar date. A PartialDate must be known to the day,
            except for placing a two-digit year, where its year is enough.

    Returns:
        A `PartialDate`, or a `TimeSpan` for a range; ``text``
        is the text as given.

    Raises:
        ValidationError: code ``invalid_value``, naming the text, for any text
            that cannot be read, or could be read more than one way (a numeric
            date's day and month, a two-digit year's century); including a
            relative expression that lands outside years 1–9999, a text
            longer than 1,000 characters, numbers longer than 14 digits,
            and a four-digit number that is not the year (a second year, or
            a time not marked "GMT" or "UTC"),
            which dateutil would take for a time, and a word said twice ("in
            in 2024"), which dateutil would skip. Every problem found is listed.
        TypeError: ``reference``, ``dayfirst`` or ``yearfirst`` has the wrong
            type, whatever the text.

    Examples:
        >>> parse_when("Friday 15.11.24", dayfirst=True).to_edtf()
        '2024-11-15'
        >>> parse_when("03/04/2024", dayfirst=False).to_edtf()
        '2024-03-04'
        >>> parse_when("15.11.75", reference=date(2016, 10, 12)).to_edtf()
        '1975-11-15'
        >>> parse_when("last Tuesday", reference=date(2016, 10, 12)).to_edtf()
        '2016-10-11'
        >>> parse_when("this week", reference=date(2016, 10, 12)).to_edtf()
        '2016-10-10/2016-10-16'
        >>> parse_when("about a year ago", reference=date(2025, 11, 20)).to_edtf()
        '2024~'
        >>> parse_when("Thursday 15.11.24", dayfirst=True)
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in time expression
          $: states Thursday but 2024-11-15 is a Friday, got 'Thursday 15.11.24' [invalid_value]
    """
    _check_arguments(dayfirst=dayfirst, yearfirst=yearfirst, reference=reference)
    if not isinstance(text, str):
        msg = f"expected a string, not {type(text).__name__}"
        raise _fail(msg, text)
    if not text.strip():
        raise _fail(_FREE_TEXT_EXAMPLES, text)
    signed = re.search(_SIGNED_COUNT, _body(text))
    if signed is not None:
        count, unit = signed.groups()
        msg = (
            "a count is a plain number, without a sign; "
            f"write '{count} {unit} ago' or 'in {count} {unit}'"
        )
        raise _fail(msg, text)
    if re.match(r"\s*[-\u2212]\s*\d", text):  # "-0044-03-15", read as AD 44 else
        msg = "a year before 1 (BC) is not a date eventkit holds: its dates run from year 1 to 9999"
        raise _fail(msg, text)
    long_number = re.search(_LONG_NUMBER, text)
    if long_number is not None:
        msg = (
            f"a number of {len(long_number[0])} digits is longer than any date, time or "
            f"count needs; expected at most {_MAX_DIGITS} digits"
        )
        raise _fail(msg, text)
    if len(text) > _MAX_CHARACTERS:
        msg = (
            f"a text of {len(text):,} characters is longer than any date, time or span "
            f"needs; expected at most {_MAX_CHARACTERS:,} characters"
        )
        raise _fail(msg, text)
    # A range is tried first: dateutil reads "15-18 November 2024" as a time.
    try:
        span = _parse_range(text, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference)
    except ValidationError as range_error:
        # What is wrong with a range says more than "not a date", unless the
        # text was a date after all.
        try:
            return _parse_point(text, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference)
        except ValidationError:
            raise range_error from None
    if span is not None:
        return span
    return _parse_point(text, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference)
