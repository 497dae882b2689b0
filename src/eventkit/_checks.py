"""Field checks: small functions that say what is wrong with one value.

A check takes a value and returns ``None`` when it is fine, or a list of
`eventkit.exceptions.Problem` with locations relative to the value.
Records attach checks to fields (``metadata={"check": ...}``) and run all of
them at construction, so every problem is reported at once. Checks never
raise and never coerce: converting is the converter's job, judging is theirs.

A check may also carry a *fast condition* (:func:`fast_condition`): a Python
expression that is true only for values the check accepts. The validators
generated in ``_codegen`` inline it, so a valid value costs no call; the
check itself runs only when the condition is false, to say what is wrong.
Checks built from :func:`instance`, :func:`optional` and :func:`each` also
say which type they amount to (:func:`checked_type`), so generated loading
code can skip them where it built a value of that type itself, and
:func:`each` names its item check (:func:`item_check`) so the items can be
tested in a loop instead of a generator.
"""

import enum
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from eventkit._vocab import CUSTOM_VALUE, OPEN_VOCABULARIES
from eventkit.exceptions import Problem

__all__ = [
    "Check",
    "boolean",
    "checked_type",
    "country",
    "currency",
    "each",
    "fast_condition",
    "identifiers",
    "instance",
    "item_check",
    "language",
    "member",
    "number",
    "optional",
    "record_id",
    "text",
    "url",
    "with_fast_condition",
]

Check = Callable[[Any], list[Problem] | None]
FastCondition = tuple[str, dict[str, Any]]  # an expression over "{v}", and the names it uses
_FAST = "_eventkit_fast_"
_TYPE = "_eventkit_checked_type_"
_ITEM = "_eventkit_item_check_"

ID_MAX_LENGTH = 200
_ID = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]+")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_SCHEME = re.compile(r"[a-z][a-z0-9_]*")
_IDENTIFIER_SYNTAX = {
    "wikidata": (re.compile(r"Q[1-9][0-9]*"), "a Wikidata item id such as Q567"),
    "geonames": (re.compile(r"[1-9][0-9]*"), "a GeoNames id (digits)"),
    "isni": (re.compile(r"[0-9]{15}[0-9X]"), "a 16-character ISNI"),
    "lei": (re.compile(r"[A-Z0-9]{18}[0-9]{2}"), "a 20-character LEI"),
    "viaf": (re.compile(r"[1-9][0-9]*"), "a VIAF id (digits)"),
}


def fast_condition(check: Check) -> FastCondition | None:
    """The fast condition attached to ``check``, if any."""
    condition: FastCondition | None = getattr(check, _FAST, None)
    return condition


def checked_type(check: Check) -> Any:
    """The type ``check`` amounts to, if it checks nothing but a type, else None.

    Examples:
        >>> checked_type(optional(instance(int)))
        int | None
        >>> checked_type(text) is None
        True
    """
    return getattr(check, _TYPE, None)


def item_check(check: Check) -> Check | None:
    """The check of each item, if ``check`` was built by :func:`each`.

    Examples:
        >>> item_check(each(text)) is text, item_check(text)
        (True, None)
    """
    found: Check | None = getattr(check, _ITEM, None)
    return found


def with_fast_condition(
    check: Check, expression: str, inner: FastCondition | None = None, **names: Any
) -> Check:
    # Names are made unique per check so several conditions can share one namespace;
    # an inner condition's names are unique already.
    unique = {f"{name}_{id(check)}": value for name, value in names.items()}
    for name in names:
        expression = expression.replace("{" + name + "}", f"{name}_{id(check)}")
    if inner is not None:
        unique.update(inner[1])
    setattr(check, _FAST, (expression, unique))
    return check


def _bad(code: str, message: str, value: Any) -> list[Problem]:
    return [Problem(code=code, message=message, input=value)]


def _type_name(value: Any) -> str:
    return type(value).__name__


def text(value: Any) -> list[Problem] | None:
    """A non-empty string that is not only whitespace.

    Examples:
        >>> text("Olaf Scholz") is None
        True
        >>> [p.message for p in text("  ")]
        ['must be a non-empty string']
    """
    if type(value) is str and value.strip():
        return None
    if isinstance(value, str):
        return _bad("invalid_value", "must be a non-empty string", value)
    return _bad("invalid_type", f"expected a string, got {_type_name(value)}", value)


with_fast_condition(text, "({v}.__class__ is str and {v} != '' and not {v}.isspace())")


def record_id(value: Any) -> list[Problem] | None:
    """An id: 1 to 200 characters, no whitespace or control characters.

    Examples:
        >>> record_id("olaf-scholz") is None
        True
        >>> str(record_id("olaf scholz")[0])
        "$: must not contain whitespace or control characters, got 'olaf scholz' [invalid_value]"
    """
    if type(value) is not str:
        return _bad("invalid_type", f"expected a string id, got {_type_name(value)}", value)
    if not value:
        return _bad("invalid_value", "must be a non-empty id", value)
    if len(value) > ID_MAX_LENGTH:
        return _bad("invalid_value", f"must be at most {ID_MAX_LENGTH} characters", value)
    if _ID.fullmatch(value) is None:
        return _bad("invalid_value", "must not contain whitespace or control characters", value)
    return None


# Printable and without a space implies no whitespace and no control character
# (every other whitespace character is unprintable): a test that runs in C
# without the regex. Ids with unprintable but allowed characters (format
# characters such as U+200D) take the check itself.
with_fast_condition(
    record_id,
    "({v}.__class__ is str and 0 < len({v}) <= {LIMIT} and {v}.isprintable() and ' ' not in {v})",
    LIMIT=ID_MAX_LENGTH,
)


def boolean(value: Any) -> list[Problem] | None:
    """A real bool (not 0/1)."""
    if type(value) is bool:
        return None
    return _bad("invalid_type", f"expected true or false, got {_type_name(value)}", value)


with_fast_condition(boolean, "{v}.__class__ is bool")


def number(value: Any) -> list[Problem] | None:
    """An int, float or Decimal that is finite (bools are not numbers here)."""
    if type(value) is bool or not isinstance(value, int | float | Decimal):
        return _bad("invalid_type", f"expected a number, got {_type_name(value)}", value)
    finite = (
        True
        if isinstance(value, int)
        else math.isfinite(value)
        if isinstance(value, float)
        else value.is_finite()
    )
    if not finite:
        return _bad("invalid_value", "must be a finite number", value)
    return None


with_fast_condition(
    number,
    "({v}.__class__ is int or ({v}.__class__ is float and {ISFINITE}({v})))",
    ISFINITE=math.isfinite,
)


def instance(cls: Any, label: str | None = None) -> Check:
    """A value of class ``cls`` (records and value types, already validated)."""
    expected = label or cls.__name__

    def check(value: Any) -> list[Problem] | None:
        if isinstance(value, cls):
            return None
        return _bad("invalid_type", f"expected {expected}, got {_type_name(value)}", value)

    if isinstance(cls, type):  # a union of classes has no single exact class to compare
        with_fast_condition(check, "{v}.__class__ is {CLS}", CLS=cls)
    setattr(check, _TYPE, cls)
    return check


def member(vocabulary: type[enum.Enum]) -> Check:
    """A member of ``vocabulary``; open vocabularies also take ``"acme.custom"``."""
    is_open = vocabulary in OPEN_VOCABULARIES
    names = ", ".join(str(m.value) for m in vocabulary)
    custom = " or a namespaced custom value such as 'acme.custom'" if is_open else ""
    label = re.sub(r"(?<!^)(?=[A-Z])", " ", vocabulary.__name__).lower()

    def check(value: Any) -> list[Problem] | None:
        if type(value) is vocabulary:
            return None
        if is_open and type(value) is str and CUSTOM_VALUE.fullmatch(value):
            return None
        return _bad("invalid_value", f"unknown {label}; expected one of: {names}{custom}", value)

    return with_fast_condition(check, "{v}.__class__ is {VOCABULARY}", VOCABULARY=vocabulary)


def optional(check: Check) -> Check:
    """``None`` or a value that passes ``check``."""

    def wrapped(value: Any) -> list[Problem] | None:
        return None if value is None else check(value)

    if checked_type(check) is not None:
        setattr(wrapped, _TYPE, checked_type(check) | None)
    inner = fast_condition(check)
    expression = "{v} is None" if inner is None else f"({{v}} is None or {inner[0]})"
    return with_fast_condition(wrapped, expression, inner)


def each(check: Check) -> Check:
    """A tuple whose every item passes ``check``; problems carry the index."""

    def wrapped(value: Any) -> list[Problem] | None:
        if type(value) is not tuple:
            return _bad("invalid_type", f"expected a list, got {_type_name(value)}", value)
        problems: list[Problem] | None = None
        for index, item in enumerate(value):
            found = check(item)
            if found:
                problems = problems or []
                problems.extend(problem.at(index) for problem in found)
        return problems

    setattr(wrapped, _ITEM, check)
    if checked_type(check) is not None:
        setattr(wrapped, _TYPE, tuple[checked_type(check), ...])  # type: ignore[misc]
    inner = fast_condition(check)
    if inner is None:
        return with_fast_condition(wrapped, "({v}.__class__ is tuple and not {v})")
    item = inner[0].replace("{v}", "x")
    return with_fast_condition(
        wrapped, f"({{v}}.__class__ is tuple and all({item} for x in {{v}}))", inner
    )


@cache
def _countries() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - loading the ISO tables costs ~60 ms; only when needed

    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _currencies() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - see _countries

    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def _language_is_valid(tag: str) -> bool:
    import langcodes  # noqa: PLC0415 - the language registry is only loaded when needed

    return bool(langcodes.tag_is_valid(tag))


def country(value: Any) -> list[Problem] | None:
    """An ISO 3166-1 alpha-3 country code such as ``DEU``.

    Examples:
        >>> country("DEU") is None
        True
        >>> country("DE")[0].message
        'expected an ISO 3166-1 alpha-3 country code such as DEU'
    """
    if type(value) is str and value in _countries():
        return None
    return _bad("invalid_value", "expected an ISO 3166-1 alpha-3 country code such as DEU", value)


with_fast_condition(country, "{v}.__class__ is str and {v} in {CODES}()", CODES=_countries)


def currency(value: Any) -> list[Problem] | None:
    """An ISO 4217 currency code such as ``EUR``."""
    if type(value) is str and value in _currencies():
        return None
    return _bad("invalid_value", "expected an ISO 4217 currency code such as EUR", value)


with_fast_condition(currency, "{v}.__class__ is str and {v} in {CODES}()", CODES=_currencies)


def language(value: Any) -> list[Problem] | None:
    """A BCP 47 language tag such as ``de`` or ``en-GB``.

    Examples:
        >>> language("en-GB") is None
        True
        >>> language("english")[0].code
        'invalid_value'
    """
    if type(value) is str and _LANGUAGE.fullmatch(value) and _language_is_valid(value):
        return None
    return _bad("invalid_value", "expected a BCP 47 language tag such as de or en-GB", value)


def url(value: Any) -> list[Problem] | None:
    """An absolute http(s) URL with a host.

    Examples:
        >>> url("https://example.org/a") is None
        True
        >>> url("ftp://example.org")[0].message
        'expected an http(s) URL'
    """
    if type(value) is str and not any(ch.isspace() for ch in value):
        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if parts is not None and parts.scheme in ("http", "https") and parts.hostname:
            return None
    return _bad("invalid_value", "expected an http(s) URL", value)


def identifiers(value: Any) -> list[Problem] | None:
    """A mapping of scheme to id; known schemes (wikidata, geonames, …) are checked.

    Examples:
        >>> identifiers({"wikidata": "Q567"}) is None
        True
        >>> str(identifiers({"wikidata": "567"})[0])
        "$.wikidata: expected a Wikidata item id such as Q567, got '567' [invalid_value]"
    """
    if not isinstance(value, Mapping):
        return _bad("invalid_type", f"expected an object, got {_type_name(value)}", value)
    problems: list[Problem] = []
    for scheme, ident in value.items():
        if type(scheme) is not str or _SCHEME.fullmatch(scheme) is None:
            problems.append(
                Problem(
                    code="invalid_value",
                    message="scheme must be a lowercase name such as wikidata",
                    input=scheme,
                )
            )
            continue
        syntax = _IDENTIFIER_SYNTAX.get(scheme)
        found = text(ident)
        if found:
            problems.extend(p.at(scheme) for p in found)
        elif syntax is not None and syntax[0].fullmatch(ident) is None:
            problems.append(
                Problem(
                    loc=(scheme,),
                    code="invalid_value",
                    message=f"expected {syntax[1]}",
                    input=ident,
                )
            )
    return problems or None
