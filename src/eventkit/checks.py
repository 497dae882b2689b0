"""Checks: the rules a field's values must follow, each a small object.

A field's *type* (from its annotation) says what kind of value it holds; a
check says which values of that type are valid: a non-empty text, an id, a
country code, a number in a range. Checks judge and never convert: a check
returns ``None`` for a valid value, or the list of `eventkit.Problem` with it.

Attach checks to a field in its annotation or with `eventkit.field`::

    country: Annotated[str | None, ek.checks.country] = None
    crew: int = ek.field(default=0, check=ek.checks.in_range(0, 10_000))

A check applies to each value the field holds: to the value of an optional
field when it is not ``None``, to each item of a tuple.

Every check has a **fast condition**: a Python expression that is true only
for values the check accepts. eventkit writes it into the code it generates
for loading and validating, so a valid value costs no call; the check itself
runs only when the condition is false, to say what is wrong (some valid
values are beyond the condition; the check still accepts them). A check made
from a plain function uses a call of that function as its condition. Fast
conditions may assume the value already has the field's type.

A check may also say how to generate valid values (``strategy``), which
`eventkit.testing` uses instead of filtering random values, and what it
says in JSON Schema (``schema``), which `eventkit.json_schema` writes into
the field's schema; a check without one is listed among the schema's limits.

Examples:
    >>> from eventkit import checks
    >>> checks.country("DEU") is None
    True
    >>> checks.country("Germany")
    [Problem(loc=(), code='invalid_value', message='expected an ISO 3166-1 alpha-3 country code such as DEU', input='Germany', record=None, file=None, line=None, hint=None)]
    >>> imo = checks.Check(lambda v: len(v) == 7 and v.isdigit(), code="maritime.bad_imo",
    ...                    message="expected a 7-digit IMO number")
    >>> [p.code for p in imo("123")]
    ['maritime.bad_imo']
"""  # noqa: E501 -- doctest output lines cannot be wrapped

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from eventkit.exceptions import Problem

__all__ = [
    "ID_MAX_LENGTH",
    "Check",
    "FastCondition",
    "country",
    "currency",
    "identifiers",
    "in_range",
    "language",
    "length",
    "matches",
    "one_of",
    "record_id",
    "text",
    "url",
]

ID_MAX_LENGTH = 200
"""The longest id, in characters."""

_CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Characters text must not hold: C0 controls but tab, newline and carriage
# return, DEL, the C1 controls, and lone surrogates (no encoder writes them).
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_SCHEME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_IDENTIFIER_SYNTAX = {
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "a Wikidata item id such as Q567"),
    "geonames": (re.compile(r"[1-9][0-9]*"), "a GeoNames id (digits)"),
    "isni": (re.compile(r"[0-9]{15}[0-9X]"), "a 16-character ISNI"),
    "lei": (re.compile(r"[A-Z0-9]{18}[0-9]{2}"), "a 20-character LEI"),
    "viaf": (re.compile(r"[1-9][0-9]*"), "a VIAF id (digits)"),
}
# The same rules as JSON Schema patterns, in the syntax both ECMA-262 (what
# JSON Schema names) and Python's re read. Text: some character that is not
# whitespace (str.isspace) and none of _BAD_TEXT's. Ids: no character that is
# whitespace or unprintable among the assigned characters of the Basic
# Multilingual Plane (str.isprintable; tests/test_json_schema.py checks both).
_TEXT_CHAR = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]"
_SOLID_CHAR = r"[^\x00-\x20\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ud800-\udfff]"
_TEXT_PATTERN = f"^{_TEXT_CHAR}*{_SOLID_CHAR}{_TEXT_CHAR}*$"
_ID_PATTERN = (
    r"^[^\x00-\x20\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u1680"
    r"\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ud800-\uf8ff\ufeff"
    r"\ufff9-\ufffb]+$"
)
# Exceptions a check's test may raise on a value it cannot judge: the value
# is then invalid. Anything else is a bug in the test and propagates.
_REJECTING = (ValueError, TypeError, ArithmeticError, LookupError)


class FastCondition(NamedTuple):
    """An expression over ``{v}`` that is true only for values a check accepts.

    ``names`` are the objects the expression refers to, under names unique
    to the check, so conditions of many checks can share one namespace.
    """

    expression: str
    names: Mapping[str, Any]

    def over(self, value: str) -> str:
        """The expression with ``value`` (a variable name) for ``{v}``, parenthesised."""
        return f"({self.expression.replace('{v}', value)})"


def _condition(owner: object, expression: str, names: Mapping[str, Any]) -> FastCondition:
    """Make names unique to ``owner`` and write them into ``expression``."""
    suffix = f"_{id(owner):x}"
    unique = {f"{name}{suffix}": value for name, value in names.items()}

    def rename(match: re.Match[str]) -> str:
        name = match[1]
        return "{v}" if name == "v" else f"{name}{suffix}"

    return FastCondition(_PLACEHOLDER.sub(rename, expression), unique)


class Check:
    """A rule a value must follow; calling it returns the problems, or ``None``.

    Make one from a function that says whether a value is valid, or subclass
    it and override ``__call__`` to give more than one message.

    Args:
        test: returns true for a valid value. It sees only values of the
            field's type. If it raises ``ValueError``, ``TypeError``,
            ``ArithmeticError`` or ``LookupError`` the value is invalid; any
            other exception is a bug and propagates.
        message: what a valid value looks like ("expected a 7-digit IMO
            number"), or a function of the value returning that text.
        code: the problem code: snake_case, namespaced for your own codes
            (``"maritime.bad_imo"``); eventkit's are ``invalid_value``,
            ``invalid_type``, ``out_of_range``, ``missing``…
        fast: the fast condition, an expression over ``{v}`` with other
            names in braces given in ``names``; default: a call of ``test``.
        names: the objects ``fast`` refers to.
        strategy: a function returning a hypothesis strategy of valid values
            (imports of hypothesis belong inside it), for `eventkit.testing`.
        name: how the check is shown (default: ``test``'s name).
        schema: the JSON Schema keywords that say what the check says (such
            as ``{"pattern": "^IMO [0-9]{7}$"}``), or a function returning
            them; leave it out when JSON Schema cannot say it.

    Raises:
        ValueError: ``code`` is not a snake_case (or namespaced) name.

    Examples:
        >>> def even(value):
        ...     return value % 2 == 0
        >>> check = Check(even, message="must be even", code="acme.odd")
        >>> check(3)
        [Problem(loc=(), code='acme.odd', message='must be even', input=3, record=None, file=None, line=None, hint=None)]
        >>> check(4) is None, check
        (True, Check(even))
    """  # noqa: E501 -- doctest output lines cannot be wrapped

    __slots__ = ("_schema", "_strategy", "code", "fast", "message", "name", "test")

    def __init__(
        self,
        test: Callable[[Any], object] | None = None,
        *,
        message: str | Callable[[Any], str] = "is not valid",
        code: str = "invalid_value",
        fast: str | None = None,
        names: Mapping[str, Any] | None = None,
        strategy: Callable[[], Any] | None = None,
        name: str | None = None,
        schema: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    ) -> None:
        if not isinstance(code, str) or _CODE.fullmatch(code) is None:
            msg = f"a problem code is a snake_case name such as 'acme.bad_imo', not {code!r}"
            raise ValueError(msg)
        self.test = test
        self.message = message
        self.code = code
        self._strategy = strategy
        self._schema = schema
        self.name = name or getattr(test, "__name__", type(self).__name__)
        if fast is None and test is not None:
            fast, names = "{TEST}({v})", {"TEST": test}
        self.fast: FastCondition | None = (
            None if fast is None else _condition(self, fast, names or {})
        )

    def __call__(self, value: Any) -> list[Problem] | None:
        """Return the problems with ``value``, or ``None`` when it is valid."""
        assert self.test is not None, "a Check subclass without a test overrides __call__"
        try:
            valid = self.test(value)
        except _REJECTING:
            valid = False
        if valid:
            return None
        return [self.problem(value)]

    def problem(self, value: Any, message: str | None = None) -> Problem:
        """The problem this check reports for ``value`` (its code, its message)."""
        if message is None:
            message = self.message if isinstance(self.message, str) else self.message(value)
        return Problem(code=self.code, message=message, input=value)

    def strategy(self, kind: type | None = None) -> Any:
        """A hypothesis strategy of valid values, or ``None`` if the check gives none.

        Args:
            kind: the type of value wanted, when the field's type says it (a
                number field's ``int``, ``float`` or ``Decimal``): a check
                that accepts values of several types gives values of this one.

        Examples:
            >>> from hypothesis import find
            >>> find(in_range(0, 1).strategy(float), lambda x: 0 < x < 1) < 1
            True
        """
        return None if self._strategy is None else self._strategy()

    def json_schema(self) -> dict[str, Any] | None:
        """The JSON Schema keywords saying what the check says, or ``None`` if it cannot.

        Examples:
            >>> in_range(0, 500).json_schema()
            {'minimum': 0, 'maximum': 500}
        """
        schema = self._schema() if callable(self._schema) else self._schema
        return None if schema is None else dict(schema)

    def __repr__(self) -> str:
        return f"Check({self.name})"


# --- text and ids ------------------------------------------------------------


def _texts() -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

    # Drawn without the characters the check refuses, not filtered for them: many
    # texts would hold one, and a record holds many texts (hypothesis gives up).
    letters = st.characters(exclude_categories=["Cc", "Cs"], include_characters="\t\n\r")
    return st.text(letters, min_size=1, max_size=40).filter(lambda value: text(value) is None)


class _Text(Check):
    __slots__ = ()

    def __call__(self, value: Any) -> list[Problem] | None:
        if type(value) is not str:
            return [self.problem(value, f"expected a string, not {type(value).__name__}")]
        if not value.strip():
            return [self.problem(value, "must be a non-empty string")]
        bad = _BAD_TEXT.search(value)
        if bad is not None:
            found = f"U+{ord(bad[0]):04X}"
            kind = "a lone surrogate" if "\ud800" <= bad[0] <= "\udfff" else "a control character"
            return [self.problem(value, f"must not contain {kind} ({found})")]
        return None

    def __repr__(self) -> str:
        return "checks.text"


text: Check = _Text(
    # Printable text is free of every character the check refuses; text with
    # line breaks or tabs is not printable and takes the check itself.
    fast="{v} != '' and not {v}.isspace() and {v}.isprintable()",
    strategy=_texts,
    name="text",
    schema={"pattern": _TEXT_PATTERN},
)
"""A non-empty string, not only whitespace, without control characters
(tab, newline and carriage return allowed) or lone surrogates.

Examples:
    >>> text("Olaf Scholz") is None
    True
    >>> [p.message for p in text("  ")]
    ['must be a non-empty string']
    >>> [p.message for p in text("a\\x00b")]
    ['must not contain a control character (U+0000)']
"""


def _ids() -> Any:
    import string  # noqa: PLC0415

    from hypothesis import strategies as st  # noqa: PLC0415

    return st.text(
        alphabet=string.ascii_letters + string.digits + "-_.:/é", min_size=1, max_size=40
    )


class _RecordId(Check):
    __slots__ = ()

    def __call__(self, value: Any) -> list[Problem] | None:
        if type(value) is not str:
            message = f"expected a string id, not {type(value).__name__}"
            return [Problem(code="invalid_type", message=message, input=value)]
        if not value:
            return [self.problem(value, "must be a non-empty id")]
        if len(value) > ID_MAX_LENGTH:
            return [self.problem(value, f"must be at most {ID_MAX_LENGTH} characters")]
        if not value.isprintable() or " " in value:
            return [
                self.problem(value, "must not contain whitespace, control or invisible characters")
            ]
        return None

    def __repr__(self) -> str:
        return "checks.record_id"


# A printable string without a space has no whitespace, control, format
# (zero-width, bidi override), surrogate, private-use or unassigned character:
# Python counts all of those unprintable. The condition is the whole rule.
record_id: Check = _RecordId(
    fast="0 < len({v}) <= {LIMIT} and {v}.isprintable() and ' ' not in {v}",
    names={"LIMIT": ID_MAX_LENGTH},
    strategy=_ids,
    name="record_id",
    schema={"minLength": 1, "maxLength": ID_MAX_LENGTH, "pattern": _ID_PATTERN},
)
"""An id: 1 to 200 characters, none of them whitespace, control or invisible
(zero-width, bidi override, unassigned) characters.

Examples:
    >>> record_id("olaf-scholz") is None
    True
    >>> str(record_id("olaf scholz")[0])
    "$: must not contain whitespace, control or invisible characters, got 'olaf scholz' [invalid_value]"
"""  # noqa: E501 -- doctest output lines cannot be wrapped


# --- codes from standards ------------------------------------------------------


@functools.cache
def _countries() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - loading the ISO tables costs ~60 ms; only when needed

    return frozenset(c.alpha_3 for c in pycountry.countries)


@functools.cache
def _currencies() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - see _countries

    return frozenset(c.alpha_3 for c in pycountry.currencies)


@functools.cache
def _language_is_valid(tag: str) -> bool:
    import langcodes  # noqa: PLC0415 - the language registry is only loaded when needed

    return bool(langcodes.tag_is_valid(tag))


def _sampled(values: Callable[[], Iterable[Any]]) -> Callable[[], Any]:
    def strategy() -> Any:
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        return st.sampled_from(sorted(values()))

    return strategy


def _member_of(codes: Callable[[], Collection[str]]) -> Callable[[Any], bool]:
    def test(value: Any) -> bool:
        return type(value) is str and value in codes()

    return test


country: Check = Check(
    _member_of(_countries),
    message="expected an ISO 3166-1 alpha-3 country code such as DEU",
    fast="{v} in {CODES}()",
    names={"CODES": _countries},
    strategy=_sampled(_countries),
    name="country",
    schema=lambda: {"enum": sorted(_countries())},
)
"""An ISO 3166-1 alpha-3 country code such as ``DEU``.

Examples:
    >>> country("DEU") is None
    True
    >>> country("DE")[0].message
    'expected an ISO 3166-1 alpha-3 country code such as DEU'
"""

currency: Check = Check(
    _member_of(_currencies),
    message="expected an ISO 4217 currency code such as EUR",
    fast="{v} in {CODES}()",
    names={"CODES": _currencies},
    strategy=_sampled(_currencies),
    name="currency",
    schema=lambda: {"enum": sorted(_currencies())},
)
"""An ISO 4217 currency code such as ``EUR``.

Examples:
    >>> currency("EUR") is None, currency("euro")[0].code
    (True, 'invalid_value')
"""


def _is_language(value: Any) -> bool:
    return (
        type(value) is str and _LANGUAGE.fullmatch(value) is not None and _language_is_valid(value)
    )


language: Check = Check(
    _is_language,
    message="expected a BCP 47 language tag such as de or en-GB",
    strategy=_sampled(lambda: ("de", "en", "en-GB", "fr", "ru", "uk", "pl", "zh-Hant-TW")),
    name="language",
    schema={"pattern": f"^{_LANGUAGE.pattern}$"},  # the syntax; the registry is a schema limit
)
"""A BCP 47 language tag such as ``de`` or ``en-GB``.

Examples:
    >>> language("en-GB") is None
    True
    >>> language("english")[0].code
    'invalid_value'
"""


def _is_url(value: Any) -> bool:
    if type(value) is not str or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _urls() -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

    paths = st.from_regex(r"[a-z0-9/]{0,20}", fullmatch=True)
    return st.builds(lambda path: f"https://example.org/{path}", paths)


_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # isspace
_URL_PATTERN = (
    rf"^[Hh][Tt][Tt][Pp][Ss]?://(?:[^{_SPACE}/?#]*@)?"  # the scheme, any user
    rf"(?:\[[^{_SPACE}/?#\[\]]+\]|[^{_SPACE}/?#@:\[\]]+)"  # a host: an [IPv6] or a name
    rf"(?:[:/?#][^{_SPACE}]*)?$"  # a port, a path, a query, a fragment
)

url: Check = Check(
    _is_url,
    message="expected an http(s) URL",
    strategy=_urls,
    name="url",
    schema={"pattern": _URL_PATTERN},
)
"""An absolute http(s) URL with a host.

Examples:
    >>> url("https://example.org/a") is None
    True
    >>> url("ftp://example.org")[0].message
    'expected an http(s) URL'
"""


class _Identifiers(Check):
    __slots__ = ()

    def __call__(self, value: Any) -> list[Problem] | None:
        if not isinstance(value, Mapping):
            return [self.problem(value, f"expected an object, not {type(value).__name__}")]
        problems: list[Problem] = []
        for scheme, ident in value.items():
            if type(scheme) is not str or _SCHEME.fullmatch(scheme) is None:
                message = "scheme must be a lowercase name such as wikidata, or acme.db"
                problems.append(self.problem(scheme, message))
                continue
            syntax = _IDENTIFIER_SYNTAX.get(scheme)
            found = text(ident)
            if found:
                problems.extend(p.at(scheme) for p in found)
            elif syntax is not None and syntax[0].fullmatch(ident) is None:
                problems.append(self.problem(ident, f"expected {syntax[1]}").at(scheme))
        return problems or None

    def __repr__(self) -> str:
        return "checks.identifiers"


def _identifier_maps() -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

    return st.dictionaries(
        st.sampled_from(["wikidata", "acme_db", "acme.db"]),
        st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True),
        max_size=2,
    )


def _identifiers_schema() -> dict[str, Any]:
    return {
        "propertyNames": {"pattern": f"^{_SCHEME.pattern}$"},
        "properties": {
            scheme: {"pattern": f"^{syntax.pattern}$"}
            for scheme, (syntax, _) in _IDENTIFIER_SYNTAX.items()
        },
        "additionalProperties": {"pattern": _TEXT_PATTERN},
    }


identifiers: Check = _Identifiers(
    strategy=_identifier_maps, name="identifiers", schema=_identifiers_schema
)
"""A mapping of scheme to id; known schemes (wikidata, geonames, …) are checked.

A scheme is a lowercase name (``acled``, ``gdelt``, ``plover``) or, for
your own, a namespaced one (``acme.db``).

Examples:
    >>> identifiers({"wikidata": "Q567"}) is None
    True
    >>> str(identifiers({"wikidata": "567"})[0])
    "$.wikidata: expected a Wikidata item id such as Q567, got '567' [invalid_value]"
"""


# --- made to measure ---------------------------------------------------------


def _number(value: Any) -> bool:
    if type(value) is bool or not isinstance(value, int | float | Decimal):
        return False
    return not isinstance(value, float) or math.isfinite(value)


def _json_number(number: float | Decimal) -> int | float:
    return int(number) if float(number).is_integer() else float(number)


def _float_within(bound: float | Decimal, toward: float) -> float:
    """The float nearest ``bound`` on the side of ``toward``: ``float(bound)`` may round past it."""
    nearest = float(bound)
    past = nearest < bound if toward > nearest else nearest > bound
    return math.nextafter(nearest, toward) if past else nearest


class _InRange(Check):
    __slots__ = ("high", "low")

    def __init__(
        self, low: float | Decimal | None, high: float | Decimal | None, *, code: str
    ) -> None:
        if low is not None and high is not None:
            message = f"must be between {low} and {high}"
            fast = "{LOW} <= {v} <= {HIGH}"
        elif low is not None:
            message = f"must be at least {low}"
            fast = "{LOW} <= {v}"
        elif high is not None:
            message = f"must be at most {high}"
            fast = "{v} <= {HIGH}"
        else:
            msg = "in_range needs a low or a high bound"
            raise ValueError(msg)
        self.low = low
        self.high = high
        super().__init__(
            self._test,
            message=message,
            code=code,
            fast=fast,
            names={"LOW": low, "HIGH": high},
            name=f"in_range({low}, {high})",
            schema={
                key: _json_number(bound)
                for key, bound in (("minimum", low), ("maximum", high))
                if bound is not None
            },
        )

    def _test(self, value: Any) -> bool:
        low, high = self.low, self.high
        return _number(value) and (low is None or low <= value) and (high is None or value <= high)

    def strategy(self, kind: type | None = None) -> Any:
        """Numbers in the range: of ``kind`` (int, float or Decimal) when given.

        A float field holds integers too, and fractions whatever its bounds.
        """
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        low, high = self.low, self.high
        if kind is Decimal:
            return st.decimals(low, high, allow_nan=False, allow_infinity=False)
        first = -(2**63) if low is None else math.ceil(low)  # within the 64 bits JSON
        last = 2**64 - 1 if high is None else math.floor(high)  # writers (orjson) can write
        whole = st.integers(first, last) if first <= last else st.nothing()
        if kind is int:
            return whole
        lowest = None if low is None else _float_within(low, math.inf)
        highest = None if high is None else _float_within(high, -math.inf)
        if lowest is not None and highest is not None and lowest > highest:
            return whole  # no float lies between the bounds
        fractions = st.floats(lowest, highest, allow_nan=False, allow_infinity=False)
        return whole | fractions


def in_range(
    low: float | Decimal | None = None,
    high: float | Decimal | None = None,
    *,
    code: str = "out_of_range",
) -> Check:
    """A number from ``low`` to ``high``, both included; either may be open.

    Examples:
        >>> latitude = in_range(-90, 90)
        >>> latitude(45.5) is None, latitude(91)[0].message
        (True, 'must be between -90 and 90')
        >>> in_range(0)(-1)[0].message, in_range(high=10)(11)[0].code
        ('must be at least 0', 'out_of_range')
    """
    return _InRange(low, high, code=code)


def _amount(count: int, value: Any) -> str:
    """``count`` of what ``len(value)`` counts: a string's characters, else items."""
    noun = "character" if isinstance(value, str) else "item"
    return f"{count} {noun}{'' if count == 1 else 's'}"


def length(min: int = 0, max: int | None = None, *, code: str = "out_of_range") -> Check:
    """A string or tuple of ``min`` to ``max`` items (characters for a string).

    Examples:
        >>> length(max=3)("abcd")[0].message, length(1)(())[0].message
        ('must have at most 3 characters', 'must have at least 1 item')
        >>> length(2, 3)(("a", "b", "c", "d"))[0].message
        'must have 2 to 3 items'
    """
    fast = "{MIN} <= len({v})" if max is None else "{MIN} <= len({v}) <= {MAX}"

    def message(value: Any) -> str:
        if max is None:
            return f"must have at least {_amount(min, value)}"
        if min:
            return f"must have {min} to {_amount(max, value)}"
        return f"must have at most {_amount(max, value)}"

    def test(value: Any) -> bool:
        return min <= len(value) and (max is None or len(value) <= max)

    return Check(
        test,
        message=message,
        code=code,
        fast=fast,
        names={"MIN": min, "MAX": max},
        name=f"length({min}, {max})",
        schema={  # a string's length or a list's: JSON Schema applies each to its own type
            key: bound
            for key, bound in (
                ("minLength", min),
                ("maxLength", max),
                ("minItems", min),
                ("maxItems", max),
            )
            if bound is not None
        },
    )


def matches(pattern: str | re.Pattern[str], *, message: str | None = None) -> Check:
    """A string that matches ``pattern`` as a whole.

    Examples:
        >>> imo = matches(r"IMO [0-9]{7}", message="expected an IMO number such as IMO 9074729")
        >>> imo("IMO 9074729") is None, imo("9074729")[0].message
        (True, 'expected an IMO number such as IMO 9074729')
    """
    compiled = re.compile(pattern)

    def test(value: Any) -> bool:
        return type(value) is str and compiled.fullmatch(value) is not None

    def strategy() -> Any:
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        return st.from_regex(compiled, fullmatch=True)

    return Check(
        test,
        message=message or f"must match {compiled.pattern!r}",
        fast="{PATTERN}({v}) is not None",
        names={"PATTERN": compiled.fullmatch},
        strategy=strategy,
        name=f"matches({compiled.pattern!r})",
        schema={"pattern": f"^(?:{compiled.pattern})$"},
    )


def one_of(values: Iterable[Any], *, message: str | None = None) -> Check:
    """One of the given values.

    Examples:
        >>> side = one_of(["port", "starboard"])
        >>> side("port") is None, side("left")[0].message
        (True, "expected one of: 'port', 'starboard'")
    """
    allowed = tuple(values)
    members = frozenset(allowed)

    def test(value: Any) -> bool:
        return value in members

    def strategy() -> Any:
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        return st.sampled_from(allowed)

    return Check(
        test,
        message=message or f"expected one of: {', '.join(map(repr, allowed))}",
        fast="{v} in {MEMBERS}",
        names={"MEMBERS": members},
        strategy=strategy,
        name=f"one_of({list(allowed)!r})",
        schema={"enum": list(allowed)},
    )
