"""Partial dates and times with explicit precision, spans and EDTF.

Time in news is partial and vague: "December 2022", "Friday 15.11.24",
"about a year ago". This module holds such values without inventing detail:

- `PartialDate` is a date or time known to some `Precision`
  (year down to second), with an optional UTC offset that is kept as given,
  and the EDTF qualifiers *approximate* (``~``) and *uncertain* (``?``).
- `TimeSpan` is a start and an end, either of which may be open.
- :data:`When` is either of them; its wire form is one EDTF string
  (`parse_edtf` reads it back, ``to_edtf()`` writes it).

Free text ("Friday 15.11.24", "3 days ago") is read by ``parse_when`` in
``_parse_when.py``, which builds on this module (never the reverse).

Every value has ``earliest`` and ``latest`` bounds (timezone-aware datetimes),
and values sort and overlap by them.

Examples:
    >>> when = parse_edtf("2022-12/2024-11-15T14:00+01:00")
    >>> when.start.precision, when.end.utc_offset
    (<Precision.MONTH: 2>, 60)
    >>> when.to_edtf()
    '2022-12/2024-11-15T14:00+01:00'
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Final, TypeAlias

import attrs

from eventkit import checks
from eventkit._slots import slot_setter
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "PartialDate",
    "Precision",
    "TimeSpan",
    "When",
    "edtf_shaped",
    "parse_edtf",
    "parse_edtf_cached",
]


class Precision(enum.IntEnum):
    """How much of a date or time is known, from coarsest to finest.

    Examples:
        >>> Precision.MONTH < Precision.DAY
        True
        >>> PartialDate(year=2022, month=12).precision.name
        'MONTH'
    """

    YEAR = 1
    MONTH = 2
    DAY = 3
    HOUR = 4
    MINUTE = 5
    SECOND = 6


_COMPONENTS: Final = ("year", "month", "day", "hour", "minute", "second")
_MAX_OFFSET: Final = 18 * 60
_MIN_YEAR: Final = 1
_MAX_YEAR: Final = 9999
# Open ends sort before/after every representable value, whatever its offset:
# a +23:59 minimum is earlier (and a -23:59 maximum later) than any bound with
# an offset within ±18 hours.
_OPEN_START: Final = datetime.min.replace(tzinfo=timezone(timedelta(hours=23, minutes=59)))
_OPEN_END: Final = datetime.max.replace(tzinfo=timezone(-timedelta(hours=23, minutes=59)))
_EDTF_EXAMPLES: Final = "an EDTF date such as 2024-11-15, 2022-12, 2024~ or 2024-11-15/.."
_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FIELD_WORDS: Final = {"utc_offset": "offset"}


def _is_leap(year: int) -> bool:
    # calendar.isleap, without importing calendar (and locale) at import time.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _last_day(year: int, month: int) -> int:
    return 28 if month == 2 and not _is_leap(year) else _DAYS_IN_MONTH[month]


@functools.lru_cache(maxsize=64)
def _timezone(offset: int | None) -> tzinfo:
    if not offset:
        return UTC
    return timezone(timedelta(minutes=offset))


@functools.lru_cache(maxsize=256)
def _format_offset(offset: int) -> str:
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _plain_text(text: object) -> bool:
    """Whether ``text`` is certainly the words of a date (`checks.text`); False means "check".

    Printable text that is not only blanks passes: no control character, no
    lone surrogate. Text with a line break or a tab takes the check itself.
    """
    return type(text) is str and text.isprintable() and text != "" and not text.isspace()


def _text_problems(text: object) -> list[Problem]:
    """What is wrong with the original text of a date or span, if anything.

    It is text as every text field's is (`eventkit.checks.text`). A ``str``
    subclass (an enum member, say) would be written as its plain text and
    read back as a different value; a lone surrogate cannot be written at all.
    """
    if text is None:
        return []
    if type(text) is not str:
        return [Problem(loc=("text",), code="invalid_type", message="must be a str", input=text)]
    found = _LONE_SURROGATE.search(text)
    if found is not None:
        message = f"must not contain a lone surrogate (U+{ord(found[0]):04X}): not UTF-8"
        return [Problem(loc=("text",), code="invalid_value", message=message, input=text)]
    return [attrs.evolve(problem, loc=("text",)) for problem in checks.text(text) or ()]


def _is_int(value: object) -> bool:
    # Exactly int: a subclass (an IntEnum) would be written as itself, not a JSON number.
    return type(value) is int


class _Bounded:
    """Ordering and interval tests shared by PartialDate and TimeSpan."""

    __slots__ = ()

    def _bounds(self) -> tuple[datetime, datetime]:
        raise NotImplementedError

    def _sort_key(self) -> tuple[datetime, datetime, int]:
        raise NotImplementedError

    def overlaps(self, other: PartialDate | TimeSpan) -> bool:
        """Whether the two periods ``[earliest, latest]`` share any instant.

        Open ends of a span reach indefinitely far.

        Examples:
            >>> december = PartialDate.from_edtf("2022-12")
            >>> december.overlaps(PartialDate.from_edtf("2022-12-15"))
            True
            >>> december.overlaps(PartialDate.from_edtf("2023-01-01"))
            False
        """
        low, high = self._bounds()
        other_low, other_high = other._bounds()
        return low <= other_high and other_low <= high

    def contains(self, other: PartialDate | TimeSpan) -> bool:
        """Whether ``other`` lies wholly within this period.

        Examples:
            >>> PartialDate(year=2024).contains(PartialDate(year=2024, month=11, day=15))
            True
            >>> parse_edtf("2024-11-15/..").contains(PartialDate(year=2024))
            False
        """
        low, high = self._bounds()
        other_low, other_high = other._bounds()
        return low <= other_low and other_high <= high

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, _Bounded):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, _Bounded):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, _Bounded):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, _Bounded):
            return NotImplemented
        return self._sort_key() >= other._sort_key()


@attrs.frozen(kw_only=True, order=False)
class PartialDate(_Bounded):
    """A date or time known to a given precision, optionally qualified.

    Components are set from the year down, without gaps; the finest one set
    is the `precision`. ``utc_offset`` (minutes east of UTC) is kept
    exactly as given and is only allowed with an hour; the qualifiers
    ``approximate`` (EDTF ``~``) and ``uncertain`` (``?``; both give ``%``)
    only at day precision or coarser, as in EDTF. Years are four-digit EDTF
    years from 1 to 9999 (Python's datetime has no year 0). ``text`` keeps the
    free text the value was parsed from; it takes part in equality but not in
    the EDTF wire form.

    Values sort by ``(earliest, latest, precision)``: of values that start at
    the same instant, the one that ends first sorts first, so a finer value
    sorts before a coarser one (``2024-01-01``, ``2024-01``, ``2024``).
    Ordering looks only at the bounds: two values can be neither ``<`` nor
    ``>`` and still differ.

    Raises:
        ValidationError: listing every invalid field at once.

    Examples:
        >>> day = PartialDate(year=2024, month=11, day=15)
        >>> day.precision.name, day.to_edtf()
        ('DAY', '2024-11-15')
        >>> sorted([day, PartialDate(year=2022, month=12)])[0].to_edtf()
        '2022-12'
        >>> [d.to_edtf() for d in sorted(parse_edtf(t) for t in ["2024", "2024-01", "2024-01-01"])]
        ['2024-01-01', '2024-01', '2024']
        >>> PartialDate(year=2024, month=2, day=30)
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in PartialDate
          $.day: must be between 1 and 29 in 2024-02, got 30 [out_of_range]
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset: int | None = None
    approximate: bool = False
    uncertain: bool = False
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        # The quick check accepts the common valid values cheaply (every
        # record load builds these); anything it doubts gets the full check.
        if self._quick_valid():
            return
        problems = self._problems()
        if problems:
            raise ValidationError(problems, title="PartialDate")

    def _quick_valid(self) -> bool:  # noqa: PLR0911 -- early exits are the point here
        """Whether the value is certainly valid; ``False`` means "check fully"."""
        # Written out rather than with helpers: parsing runs this for every
        # new date text, and the calls cost more than the comparisons.
        year, month, day = self.year, self.month, self.day
        hour, minute, second, offset = self.hour, self.minute, self.second, self.utc_offset
        if type(year) is not int or not _MIN_YEAR <= year <= _MAX_YEAR:
            return False
        if type(self.approximate) is not bool or type(self.uncertain) is not bool:
            return False
        if self.text is not None and not _plain_text(self.text):
            return False
        if day is None:
            unset = hour is None and minute is None and second is None and offset is None
            return unset and (month is None or (type(month) is int and 1 <= month <= 12))
        if (
            type(month) is not int
            or type(day) is not int
            or not 1 <= month <= 12
            or not 1 <= day <= _DAYS_IN_MONTH[month]
            or (day == 29 and month == 2 and not _is_leap(year))
        ):
            return False
        if hour is None:
            return minute is None and second is None and offset is None
        if self.approximate or self.uncertain or type(hour) is not int or not 0 <= hour <= 23:
            return False
        if minute is None:
            if second is not None:
                return False
        elif not (type(minute) is int and 0 <= minute <= 59) or (
            second is not None and not (type(second) is int and 0 <= second <= 59)
        ):
            return False
        return offset is None or (type(offset) is int and -_MAX_OFFSET <= offset <= _MAX_OFFSET)

    def _problems(self) -> list[Problem]:  # noqa: PLR0912 -- one flat list of checks reads best
        problems: list[Problem] = []
        ok: dict[str, bool] = {}
        for name in (*_COMPONENTS, "utc_offset"):
            value = getattr(self, name)
            if value is None and name != "year":
                continue
            if not _is_int(value):
                problems.append(
                    Problem(loc=(name,), code="invalid_type", message="must be an int", input=value)
                )
                ok[name] = False
            else:
                ok[name] = True

        def check_range(name: str, low: int, high: int, extra: str = "") -> None:
            value = getattr(self, name)
            if ok.get(name) and not low <= value <= high:
                message = f"must be between {low} and {high}{extra}"
                problems.append(
                    Problem(loc=(name,), code="out_of_range", message=message, input=value)
                )
                ok[name] = False

        check_range("year", _MIN_YEAR, _MAX_YEAR, " (a four-digit year)")
        check_range("month", 1, 12)
        if ok.get("day"):
            if ok.get("year") and ok.get("month") and self.month is not None:
                last = _last_day(self.year, self.month)
                check_range("day", 1, last, f" in {self.year:04d}-{self.month:02d}")
            else:
                check_range("day", 1, 31)
        check_range("hour", 0, 23)
        check_range("minute", 0, 59)
        check_range("second", 0, 59, " (leap seconds are not supported)")
        check_range("utc_offset", -_MAX_OFFSET, _MAX_OFFSET, " minutes (±18 hours)")

        for coarser, finer in itertools.pairwise(_COMPONENTS):
            if getattr(self, finer) is not None and getattr(self, coarser) is None:
                problems.append(
                    Problem(
                        loc=(finer,),
                        code="invalid_value",
                        message=f"must not be set without {coarser}",
                        input=getattr(self, finer),
                    )
                )
        if self.utc_offset is not None and self.hour is None:
            problems.append(
                Problem(
                    loc=("utc_offset",),
                    code="invalid_value",
                    message="must not be set without hour (an offset needs a time of day)",
                    input=self.utc_offset,
                )
            )
        for name in ("approximate", "uncertain"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                problems.append(
                    Problem(loc=(name,), code="invalid_type", message="must be a bool", input=value)
                )
            elif value and self.hour is not None:
                problems.append(
                    Problem(
                        loc=(name,),
                        code="invalid_value",
                        message="must not be set on a time (EDTF qualifies dates only)",
                        input=value,
                    )
                )
        problems.extend(_text_problems(self.text))
        return problems

    @property
    def precision(self) -> Precision:
        """The finest component that is set.

        Examples:
            >>> PartialDate(year=2024, month=11, day=15, hour=14, minute=0).precision
            <Precision.MINUTE: 5>
        """
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        if self.hour is None:
            return Precision.DAY
        if self.minute is None:
            return Precision.HOUR
        if self.second is None:
            return Precision.MINUTE
        return Precision.SECOND

    @property
    def tzinfo(self) -> tzinfo:
        """The value's own offset as a tzinfo, or UTC when it has none.

        Examples:
            >>> PartialDate.from_edtf("2024-11-15T14:00+01:00").tzinfo
            datetime.timezone(datetime.timedelta(seconds=3600))
        """
        return _timezone(self.utc_offset)

    @property
    def earliest(self) -> datetime:
        """The first instant of the period, timezone-aware.

        It is in the value's own offset, or in UTC when the value has none
        (dates carry no offset, so "2024-11-15" is read as a UTC day).

        Examples:
            >>> PartialDate(year=2022, month=12).earliest.isoformat()
            '2022-12-01T00:00:00+00:00'
        """
        return datetime(
            self.year,
            self.month or 1,
            self.day or 1,
            self.hour or 0,
            self.minute or 0,
            self.second or 0,
            tzinfo=self.tzinfo,
        )

    @property
    def latest(self) -> datetime:
        """The last microsecond of the period, timezone-aware (as `earliest`).

        Examples:
            >>> PartialDate(year=2024, month=2).latest.isoformat()
            '2024-02-29T23:59:59.999999+00:00'
        """
        month = 12 if self.month is None else self.month
        day = _last_day(self.year, month) if self.day is None else self.day
        return datetime(
            self.year,
            month,
            day,
            23 if self.hour is None else self.hour,
            59 if self.minute is None else self.minute,
            59 if self.second is None else self.second,
            999_999,
            tzinfo=self.tzinfo,
        )

    def _bounds(self) -> tuple[datetime, datetime]:
        return self.earliest, self.latest

    def _sort_key(self) -> tuple[datetime, datetime, int]:
        return self.earliest, self.latest, int(self.precision)

    def to_edtf(self) -> str:
        """Return the EDTF string; an offset of zero is written ``+00:00``.

        Computed once per value (values are immutable, and parsed ones are
        shared): writing a dataset asks every date for it.

        Examples:
            >>> PartialDate(year=2024, approximate=True).to_edtf()
            '2024~'
            >>> PartialDate(year=2024, month=11, day=15, hour=14, minute=0, utc_offset=60).to_edtf()
            '2024-11-15T14:00+01:00'
        """
        return self._edtf

    @functools.cached_property
    def _edtf(self) -> str:
        if self.month is None:
            out = f"{self.year:04d}"
        elif self.day is None:
            out = f"{self.year:04d}-{self.month:02d}"
        elif self.hour is None:
            out = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        else:
            if self.minute is None:
                time = f"{self.hour:02d}"
            elif self.second is None:
                time = f"{self.hour:02d}:{self.minute:02d}"
            else:
                time = f"{self.hour:02d}:{self.minute:02d}:{self.second:02d}"
            offset = "" if self.utc_offset is None else _format_offset(self.utc_offset)
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}T{time}{offset}"
        if self.approximate:
            return out + ("%" if self.uncertain else "~")
        if self.uncertain:
            return out + "?"
        return out

    def __str__(self) -> str:
        return self.to_edtf()

    @classmethod
    def from_edtf(cls, text: str) -> PartialDate:
        """Read a single EDTF date or time (not a span).

        ``Z`` is read as offset 0 and written back as ``+00:00``.

        Raises:
            ValidationError: the text is not one valid EDTF date (code ``invalid_value``).

        Examples:
            >>> PartialDate.from_edtf("2022-12?").uncertain
            True
            >>> PartialDate.from_edtf("2024-11-15T14:00:00Z").to_edtf()
            '2024-11-15T14:00:00+00:00'
        """
        value = parse_edtf(text)
        if isinstance(value, PartialDate):
            return value
        msg = "expected a single EDTF date, not a span"
        raise _invalid(msg, text)

    @classmethod
    def from_datetime(
        cls, value: datetime | date, precision: Precision | None = None
    ) -> PartialDate:
        """Make a value from a date or a timezone-aware datetime.

        Args:
            value: a ``date`` (default precision DAY) or an aware ``datetime``
                (default precision SECOND; microseconds are dropped).
            precision: keep only the components down to this one. The offset
                of a datetime is kept at HOUR precision or finer; coarser
                values hold the calendar date in the datetime's own offset.

        Raises:
            ValidationError: a naive datetime, an offset that is not whole
                minutes, a time precision asked of a plain date, or a value
                standing for no time (``pandas.NaT``).

        Examples:
            >>> moment = datetime(2024, 11, 15, 14, 0, tzinfo=timezone(timedelta(hours=1)))
            >>> PartialDate.from_datetime(moment, Precision.MINUTE).to_edtf()
            '2024-11-15T14:00+01:00'
            >>> PartialDate.from_datetime(date(2022, 12, 1), Precision.MONTH).to_edtf()
            '2022-12'
        """
        offset: int | None = None
        if value != value:  # noqa: PLR0124 - pandas.NaT, a datetime that is no time
            msg = "expected a date or time, not a missing one (NaT)"
            raise _invalid(msg, value, title="PartialDate.from_datetime")
        if isinstance(value, datetime):
            delta = value.utcoffset()
            if delta is None:
                msg = (
                    "expected a timezone-aware datetime (naive datetimes are ambiguous); "
                    "attach a tzinfo, e.g. datetime.UTC"
                )
                raise _invalid(msg, value, title="PartialDate.from_datetime")
            if delta % timedelta(minutes=1):
                msg = "expected a UTC offset in whole minutes"
                raise _invalid(msg, value, title="PartialDate.from_datetime")
            offset = delta // timedelta(minutes=1)
            precision = Precision.SECOND if precision is None else precision
            parts: tuple[int, ...] = (
                value.year,
                value.month,
                value.day,
                value.hour,
                value.minute,
                value.second,
            )
        else:
            precision = Precision.DAY if precision is None else precision
            if precision > Precision.DAY:
                msg = (
                    f"a date has no time of day; expected precision DAY or coarser, "
                    f"not {precision.name}"
                )
                raise _invalid(msg, value, title="PartialDate.from_datetime")
            parts = (value.year, value.month, value.day)
        if precision < Precision.HOUR:
            offset = None
        return _partial(parts[: int(precision)], utc_offset=offset)


@attrs.frozen(kw_only=True, order=False)
class TimeSpan(_Bounded):
    """A period from ``start`` to ``end``; ``None`` is an open end (EDTF ``..``).

    The span runs from ``start.earliest`` to ``end.latest``, so
    ``2024-11-15/2024-11-18`` includes all of 18 November. At least one end is
    set, and the end must not be before the start. ``earliest`` is ``None``
    for an open start and ``latest`` ``None`` for an open end; for sorting and
    overlap tests open ends reach indefinitely far. Spans sort among dates by
    ``(earliest, latest)``; on equal bounds a span sorts before a date.

    Raises:
        ValidationError: listing every problem at once.

    Examples:
        >>> span = TimeSpan(start=PartialDate.from_edtf("2024-11-15"))
        >>> span.to_edtf(), span.latest is None
        ('2024-11-15/..', True)
        >>> TimeSpan(start=PartialDate(year=2025), end=PartialDate(year=2024))
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in TimeSpan
          $.end: must not be before the start (2025), got '2024' [invalid_value]
    """

    start: PartialDate | None = None
    end: PartialDate | None = None
    text: str | None = None

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, PartialDate):
                problems.append(
                    Problem(
                        loc=(name,),
                        code="invalid_type",
                        message="must be a PartialDate or None (an open end)",
                        input=value,
                    )
                )
        problems.extend(_text_problems(self.text))
        if self.start is None and self.end is None:
            problems.append(
                Problem(loc=(), code="missing", message="a span needs a start, an end, or both")
            )
        elif (
            not problems
            and self.start is not None
            and self.end is not None
            and self.end.latest < self.start.earliest
        ):
            problems.append(
                Problem(
                    loc=("end",),
                    code="invalid_value",
                    message=f"must not be before the start ({self.start.to_edtf()})",
                    input=self.end.to_edtf(),
                )
            )
        if problems:
            raise ValidationError(problems, title="TimeSpan")

    @property
    def earliest(self) -> datetime | None:
        """The first instant of the span, or ``None`` when the start is open.

        Examples:
            >>> parse_edtf("2022-12/2024").earliest.isoformat()
            '2022-12-01T00:00:00+00:00'
        """
        return None if self.start is None else self.start.earliest

    @property
    def latest(self) -> datetime | None:
        """The last microsecond of the span, or ``None`` when the end is open.

        Examples:
            >>> parse_edtf("2024-11-15/2024-11-18").latest.isoformat()
            '2024-11-18T23:59:59.999999+00:00'
        """
        return None if self.end is None else self.end.latest

    def _bounds(self) -> tuple[datetime, datetime]:
        low = _OPEN_START if self.start is None else self.start.earliest
        high = _OPEN_END if self.end is None else self.end.latest
        return low, high

    def _sort_key(self) -> tuple[datetime, datetime, int]:
        low, high = self._bounds()
        return low, high, 0

    def to_edtf(self) -> str:
        """Return the EDTF interval string, ``..`` for an open end.

        Examples:
            >>> TimeSpan(end=PartialDate(year=2024, month=11, day=15)).to_edtf()
            '../2024-11-15'
        """
        return self._edtf

    @functools.cached_property
    def _edtf(self) -> str:
        start = ".." if self.start is None else self.start.to_edtf()
        end = ".." if self.end is None else self.end.to_edtf()
        return f"{start}/{end}"

    def __str__(self) -> str:
        return self.to_edtf()

    @classmethod
    def from_edtf(cls, text: str) -> TimeSpan:
        """Read an EDTF interval such as ``2024-11-15/2024-11-18`` or ``2024-11-15/..``.

        Raises:
            ValidationError: the text is not a valid EDTF interval (code ``invalid_value``).

        Examples:
            >>> TimeSpan.from_edtf("../2024-11-15").start is None
            True
        """
        value = parse_edtf(text)
        if isinstance(value, TimeSpan):
            return value
        msg = "expected an EDTF interval such as 2024-11-15/2024-11-18 or 2024-11-15/.."
        raise _invalid(msg, text)


When: TypeAlias = PartialDate | TimeSpan
"""A point in time of some precision, or a span: what ``Event.when`` holds."""


def _invalid(message: str, value: object, *, title: str = "EDTF date") -> ValidationError:
    return ValidationError(
        [Problem(loc=(), code="invalid_value", message=message, input=value)], title=title
    )


def _partial(
    parts: Sequence[int],
    *,
    utc_offset: int | None = None,
    approximate: bool = False,
    uncertain: bool = False,
    text: str | None = None,
) -> PartialDate:
    """Build a PartialDate from its components, year first, as many as known."""
    month, day, hour, minute, second = (*parts[1:], None, None, None, None, None)[:5]
    return PartialDate(
        year=parts[0],
        month=month,
        day=day,
        hour=hour,
        minute=minute,
        second=second,
        utc_offset=utc_offset,
        approximate=approximate,
        uncertain=uncertain,
        text=text,
    )


def _rewrap(
    err: ValidationError, text: str, side: str = "", title: str = "EDTF date"
) -> ValidationError:
    """Restate construction problems as problems with the text that was parsed."""
    problems = []
    for problem in err.problems:
        field = " ".join(str(_FIELD_WORDS.get(str(step), step)) for step in problem.loc)
        subject = " ".join(part for part in (side, field) if part)
        message = f"in {text!r}: {subject + ' ' if subject else ''}{problem.message}"
        problems.append(
            Problem(
                loc=(),
                code="invalid_value",
                message=message,
                input=problem.input if problem.has_input else text,
            )
        )
    return ValidationError(problems, title=title)


_EDTF_DATE: Final = re.compile(
    r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})"
    r"(?:T([0-9]{2})(?::([0-9]{2})(?::([0-9]{2}))?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?([~?%])?"
)
# The pattern's two-digit groups as ints, and None for a group not matched.
_TWO_DIGITS: Final[dict[str | None, int]] = {f"{n:02d}": n for n in range(100)}
_FRACTION: Final = re.compile(r"T[0-9]{2}:[0-9]{2}:[0-9]{2}[.,][0-9]")


# Parsed values are built past attrs' __init__ (see `_edtf_date`) by setting
# every slot; the tests compare each field with what __init__ makes.
(
    _set_year,
    _set_month,
    _set_day,
    _set_hour,
    _set_minute,
    _set_second,
    _set_utc_offset,
    _set_approximate,
    _set_uncertain,
    _set_text,
) = (
    slot_setter(PartialDate, name)
    for name in (*_COMPONENTS, "utc_offset", "approximate", "uncertain", "text")
)
_set_start, _set_end, _set_span_text = (
    slot_setter(TimeSpan, name) for name in ("start", "end", "text")
)


def _unchecked_date(  # noqa: PLR0917 - the fields in order: one call per new date text
    year: int,
    month: int | None,
    day: int | None,
    hour: int | None,
    minute: int | None,
    second: int | None,
    utc_offset: int | None,
    approximate: bool,
    uncertain: bool,
) -> PartialDate:
    """A PartialDate of these fields (``text`` None), built past attrs' ``__init__``.

    Only for values already known valid: ``__init__``'s one piece of work is
    the validity check.
    """
    made = object.__new__(PartialDate)
    _set_year(made, year)
    _set_month(made, month)
    _set_day(made, day)
    _set_hour(made, hour)
    _set_minute(made, minute)
    _set_second(made, second)
    _set_utc_offset(made, utc_offset)
    _set_approximate(made, approximate)
    _set_uncertain(made, uncertain)
    _set_text(made, None)
    return made


def _plain_day(text: str) -> PartialDate | None:
    """The date of plain ``YYYY-MM-DD`` text, or None for any other text.

    Most dates in data are days, and loading builds one for every new date
    text: built here without the pattern and attrs' ``__init__`` (whose
    checks ``date.fromisoformat`` stands for: the same calendar, years 1 to
    9999), in a little over half the time. Anything else, valid or not,
    takes the pattern's way.
    """
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        return None
    # Not left to fromisoformat: the pure-Python datetime (PyPy's) reads the
    # numbers with int(), which allows signs, spaces and underscores.
    if not (text[:4].isdigit() and text[5:7].isdigit() and text[8:].isdigit()):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return _unchecked_date(day.year, day.month, day.day, None, None, None, None, False, False)


@functools.lru_cache(maxsize=256)
def _offset_minutes(tz: str) -> int | None:
    """Minutes east of UTC of ``Z`` or ``±hh:mm`` text; None when ``mm`` is over 59."""
    if tz == "Z":
        return 0
    hours, minutes = int(tz[1:3]), int(tz[4:])
    if minutes > 59:
        return None
    return -(hours * 60 + minutes) if tz[0] == "-" else hours * 60 + minutes


def _edtf_date(text: str, whole: str, side: str) -> PartialDate:
    plain = _plain_day(text)
    if plain is not None:
        return plain
    match = _EDTF_DATE.fullmatch(text)
    if match is None:
        if _FRACTION.search(text):
            msg = "fractional seconds are not supported; expected whole seconds"
            raise _invalid(msg, whole)
        msg = f"expected {_EDTF_EXAMPLES}"
        raise _invalid(msg, whole)
    year, month, day, hour, minute, second, tz, qualifier = match.groups()
    offset = None
    if tz is not None:
        offset = _offset_minutes(tz)
        if offset is None:
            msg = "expected offset minutes between 00 and 59"
            raise _invalid(msg, whole)
    # attrs' __init__ would only run the check below; what that quick check
    # doubts goes through __init__ for its errors.
    made = _unchecked_date(
        int(year),
        _TWO_DIGITS.get(month),
        _TWO_DIGITS.get(day),
        _TWO_DIGITS.get(hour),
        _TWO_DIGITS.get(minute),
        _TWO_DIGITS.get(second),
        offset,
        qualifier in ("~", "%"),
        qualifier in ("?", "%"),
    )
    if made._quick_valid():
        return made
    try:
        return attrs.evolve(made)  # the same fields through __init__: its errors, or the value
    except ValidationError as err:
        raise _rewrap(err, whole, side) from None


def _certainly_ordered(start: PartialDate, end: PartialDate) -> bool:
    """Whether ``end`` certainly does not end before ``start`` starts, without datetimes.

    Dates without a time of day have no offset (both read as UTC days), so
    their calendar parts order them; ``False`` means "ask the datetimes".
    """
    if start.hour is not None or end.hour is not None:
        return False
    start_key = (start.year, start.month or 1, start.day or 1)
    # 31 stands for the month's last day: no start day in that month is later.
    return (end.year, end.month or 12, end.day or 31) >= start_key


def edtf_shaped(text: str) -> bool:
    """Whether ``text`` is written as EDTF is, a date or an interval, whatever its values.

    Such text that `parse_edtf` refuses has values no calendar holds (a
    31 November, an offset of +19:00, a span that ends before it starts):
    no other reading of it would be right.

    Examples:
        >>> edtf_shaped("2024-11-31"), edtf_shaped("2024-11-18/.."), edtf_shaped("15/11/2024")
        (True, True, False)
        >>> edtf_shaped("../..")
        False
    """
    sides = text.split("/")
    if len(sides) > 2 or all(side == ".." for side in sides):
        return False
    return all(
        _EDTF_DATE.fullmatch(side) is not None or (side == ".." and len(sides) == 2)
        for side in sides
    )


# Sized for datasets: every distinct date string of ~90 years of days fits, at
# about 200 bytes an entry when full; a hit costs ~0.1 µs, a miss 1-8 µs.
@functools.lru_cache(maxsize=32768)
def parse_edtf_cached(text: str) -> When:
    if "/" not in text:
        return _edtf_date(text, text, "")
    start_text, _, end_text = text.partition("/")
    if start_text == ".." and end_text == "..":
        msg = "expected at least one end of the interval to be a date, not .."
        raise _invalid(msg, text)
    start = None if start_text == ".." else _edtf_date(start_text, text, "start")
    end = None if end_text == ".." else _edtf_date(end_text, text, "end")
    if start is None or end is None or _certainly_ordered(start, end):
        # Valid without the datetimes TimeSpan's __init__ would compute.
        span = object.__new__(TimeSpan)
        _set_start(span, start)
        _set_end(span, end)
        _set_span_text(span, None)
        return span
    try:
        return TimeSpan(start=start, end=end)
    except ValidationError as err:
        raise _rewrap(err, text) from None


def parse_edtf(text: str) -> When:
    """Read the EDTF wire form: a date or time, or an interval of them.

    Supported: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` with a qualifier ``~``,
    ``?`` or ``%``; ``YYYY-MM-DDThh``, ``…Thh:mm``, ``…Thh:mm:ss`` with an
    optional offset ``±hh:mm`` or ``Z`` (read as ``+00:00``); and
    ``start/end`` where either side may be ``..`` (open). Results are cached:
    values are immutable, and the same strings recur when loading a dataset.

    Raises:
        ValidationError: code ``invalid_value``, saying what was expected.

    Examples:
        >>> parse_edtf("2024-11-15/..")
        TimeSpan(start=PartialDate(year=2024, month=11, day=15, hour=None, minute=None, second=None, utc_offset=None, approximate=False, uncertain=False, text=None), end=None, text=None)
        >>> parse_edtf("15/11/2024")
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in EDTF date
          $: expected an EDTF date such as 2024-11-15, 2022-12, 2024~ or 2024-11-15/.., got '15/11/2024' [invalid_value]
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    if not isinstance(text, str):
        msg = f"expected a string with {_EDTF_EXAMPLES}"
        raise _invalid(msg, text)
    return parse_edtf_cached(text)
