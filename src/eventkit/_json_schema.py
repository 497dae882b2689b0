"""JSON Schema (draft 2020-12) of eventkit's records, derived from their field descriptions.

Nothing here is written per type: each record class is read through
`eventkit._fields.describe`, each field's shape becomes a schema, and each
check says its own JSON Schema keywords (`eventkit.checks.Check.json_schema`).
A check that cannot say them, a rule across fields (``cross_check``) and the
facts listed in `LIMITS` are what the schema leaves to eventkit.

How the schema is written (descriptions, defaults) is a `Style`; a more
compact profile is another `Style`, not another generator.
"""

from __future__ import annotations

import enum
import inspect
import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
import orjson

from eventkit import _registry, checks
from eventkit._attrs_validators import AttrsValidator
from eventkit._fields import Field, describe
from eventkit._records import Record
from eventkit._shapes import (
    JSON_LIMITS,
    Dates,
    MappingOf,
    Nested,
    Nullable,
    RefKind,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    non_null,
)
from eventkit._time import PartialDate, TimeSpan
from eventkit._vocab import CUSTOM_VALUE, DEFINITIONS
from eventkit._wire import _DECIMAL, date_to_wire
from eventkit.checks import Check
from eventkit.exceptions import RegistrationError
from eventkit.io._json import DOCUMENT_TYPE, FORMAT_VERSION

__all__ = [
    "COMPACT",
    "DIALECT",
    "FULL",
    "LIMITS",
    "Style",
    "ValidatorSchema",
    "expressed",
    "json_schema",
    "rules_across_fields",
    "validator_schemas",
    "written",
]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

LIMITS: Final = (
    (
        "references",
        "An id must name a record of the right kind in the same dataset (a participant an "
        "actor, a citation a source), and an id names one record only: checks across records "
        "(dangling_reference, wrong_reference_kind, duplicate_id).",
    ),
    (
        "calendar",
        "Dates must exist: a day of its month (no 2023-02-29, no 2024-11-31), and a span's "
        "start before its end. The schema checks the EDTF syntax with each part in its range "
        "(a month from 01 to 12, a day up to 31, an hour up to 23, an offset within ±18:00).",
    ),
    (
        "rules across fields",
        "Rules that join fields of one object (a quantity's bounds in order, a PLOVER mode of "
        "its type, a place with a name, a country or coordinates); `eventkit schema --format "
        "table` lists each type's.",
    ),
    (
        "checks without a schema",
        "Checks written as Python functions (a count is a whole number without a unit, a "
        "duration has a unit of time, and custom checks given no `schema=`), attrs validators "
        "other than `ge`, `gt`, `le`, `lt`, `in_`, `min_len`, `max_len` and `matches_re` (and "
        "`optional` or `and_` of them), and a `matches_re` pattern Python and ECMA-262 may read "
        "apart (`.`, `\\d`, `\\w`, `\\s`, `\\b`, named groups, lookarounds, flags).",
    ),
    (
        "registries",
        "Language tags are checked against the BCP 47 registry, URLs by Python's URL parser, "
        "and ids refuse unprintable characters outside the Basic Multilingual Plane and "
        "unassigned ones; the schema checks their syntax.",
    ),
    (
        "integers",
        "JSON Schema counts 1.0 as an integer; eventkit wants 1.",
    ),
    (
        "limits on input",
        "Nesting depth and string size limits (`ek.limits`) and a key given twice in one "
        "object (duplicate_key): a JSON parser has already dropped the repeat.",
    ),
    (
        "upgrades",
        "Data an older version wrote that a class's `__eventkit_upgrade__` upgrades on loading.",
    ),
    (
        "Python regular expressions",
        "Validators using Python's `re` (the jsonschema package) let `$` match before a final "
        "newline, so they accept an id or a code ending in one; ECMA-262 validators do not.",
    ),
)
"""What the schema cannot say and eventkit checks: ``(name, explanation)`` pairs."""


@attrs.frozen(kw_only=True)
class Style:
    """How a schema is written, beyond what it accepts.

    Attributes:
        docs: titles, descriptions and defaults, from docstrings and field docs.
        compact: sized for a prompt: descriptions cut to their first
            sentence, no titles or defaults, and a check whose keywords are
            long (every country code) said in words (its message) instead.
            Such a schema describes the format; it no longer refuses
            everything eventkit refuses.
    """

    docs: bool = True
    compact: bool = False


FULL: Final = Style()
"""The style of `json_schema`: everything a reader of the schema may use."""

COMPACT: Final = Style(compact=True)
"""The style of ``json_schema(..., compact=True)``: the format, sized for a prompt."""

# The EDTF syntax eventkit reads, tighter than the parser's own pattern
# (`_time._EDTF_DATE`), which matches more so that its errors can say what
# is wrong: each part in its range, a qualifier only on a date without a
# time, offsets within ±18:00. Whether a day is in its month is left to
# eventkit (LIMITS). No lookarounds: not every validator's dialect has them.
_YEAR: Final = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_MONTH: Final = "(?:0[1-9]|1[0-2])"
_DAY: Final = "(?:0[1-9]|[12][0-9]|3[01])"
_SIXTY: Final = "[0-5][0-9]"
_OFFSET: Final = f"(?:Z|[+-](?:(?:0[0-9]|1[0-7]):{_SIXTY}|18:00))"
_TIME: Final = f"T(?:[01][0-9]|2[0-3])(?::{_SIXTY}(?::{_SIXTY})?)?{_OFFSET}?"
_EDTF: Final = f"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?[~?%]?|{_YEAR}-{_MONTH}-{_DAY}{_TIME}"
_DATE_PATTERNS: Final = {
    PartialDate: f"^(?:{_EDTF})$",
    TimeSpan: rf"^(?:(?:{_EDTF})/(?:{_EDTF}|\.\.)|\.\./(?:{_EDTF}))$",
}
# The texts a date object may keep besides its edtf: a span's ends have their own.
_DATE_TEXTS: Final = {PartialDate: ("text",), TimeSpan: ("text", "start_text", "end_text")}
_INLINE: Final = 100  # longer keywords of a check go into $defs, named after it
_SCALAR_TYPES: Final = {str: "string", int: "integer", float: "number", bool: "boolean"}


def expressed(check: Check) -> bool:
    """Whether the schema says what ``check`` says.

    Examples:
        >>> from eventkit import checks
        >>> expressed(checks.country), expressed(checks.Check(lambda value: True))
        (True, False)
    """
    return check.json_schema() is not None


def rules_across_fields(cls: type) -> str | None:
    """What ``cls.cross_check`` checks, from its docstring, or None without one.

    Examples:
        >>> import eventkit as ek
        >>> rules_across_fields(ek.Role)
        'A role cannot end before it starts.'
    """
    if not describe(cls).cross_check:
        return None
    doc = inspect.getdoc(cls.cross_check)  # type: ignore[attr-defined]
    return _prose(doc.split("\n\n")[0]) if doc else "rules across its fields"


@attrs.frozen(kw_only=True)
class ValidatorSchema:
    """One attrs validator of a field, and what the schema says of it.

    Attributes:
        name: how a reader knows it: ``ge(0)``, ``in_('calm', 'angry')``.
        keywords: its JSON Schema keywords, or None when the schema cannot say it.
    """

    name: str
    keywords: dict[str, Any] | None


_COMPARISONS: Final = {
    "ge": "minimum",
    "gt": "exclusiveMinimum",
    "le": "maximum",
    "lt": "exclusiveMaximum",
}
_LENGTHS: Final = {  # per JSON type: attrs' len() of a string, a list or an object
    "string": {"min_len": "minLength", "max_len": "maxLength"},
    "array": {"min_len": "minItems", "max_len": "maxItems"},
    "object": {"min_len": "minProperties", "max_len": "maxProperties"},
}
# What a Python pattern and an ECMA-262 one read alike: literals, escaped
# punctuation, classes of them, groups, alternation and quantifiers. Not
# ``.`` (Python's matches "\r", ECMA's not), ``\d``/``\w``/``\s``/``\b``
# (Python's are Unicode's), named groups, lookarounds or inline flags.
_PORTABLE_PATTERN: Final = re.compile(r"(?:[^\\.(]|\\[][^$\\.*+?(){}|/-]|\\[nt]|\(\?:|\((?!\?))*")
_MATCHES: Final = {"fullmatch": "^(?:{})$", "match": "^(?:{})", "search": "{}"}


def validator_schemas(field: Field) -> list[ValidatorSchema]:
    """The attrs validators of ``field`` (``and_`` and lists taken apart), each with its keywords.

    The standard validators (``ge``, ``le``, ``gt``, ``lt``, ``in_``,
    ``min_len``, ``max_len``, ``matches_re`` and ``optional`` of them) say
    their keywords where the field's JSON type and a portable pattern allow;
    any other callable has none.

    Examples:
        >>> import attrs
        >>> def even(instance, attribute, value):
        ...     if value % 2:
        ...         raise ValueError("must be even")
        >>> @attrs.frozen
        ... class Crew:
        ...     size: int = attrs.field(validator=[attrs.validators.ge(2), even])
        >>> [(v.name, v.keywords) for v in validator_schemas(describe(Crew).fields[0])]
        [('ge(2)', {'minimum': 2}), ('even', None)]
    """
    shape = non_null(field.shape)
    json_type = _json_type(shape)
    schemas = []
    for validator in field.validators:
        name, keywords = _validator_keywords(validator, json_type)
        if keywords is not None and validator.optional:  # null passes whatever the inner one says
            keywords = {"anyOf": [{"type": "null"}, keywords]}
        schemas.append(ValidatorSchema(name=name, keywords=keywords))
    return schemas


def _validator_keywords(  # noqa: PLR0911 - one exit per kind of attrs validator
    validator: AttrsValidator, json_type: str | None
) -> tuple[str, dict[str, Any] | None]:
    """The name of one attrs validator, and its keywords for values of ``json_type``, if any."""
    kind = validator.kind
    if kind in _COMPARISONS:
        bound = validator.bound
        number = type(bound) in {int, float} and json_type in {"integer", "number"}
        return f"{kind}({bound!r})", {_COMPARISONS[kind]: bound} if number else None
    if kind in {"min_len", "max_len"}:
        name = f"{kind}({validator.bound})"
        if json_type not in _LENGTHS:
            return name, None
        return name, {_LENGTHS[json_type][kind]: validator.bound}
    if kind == "in":
        options = validator.options
        name = f"in_({', '.join(map(repr, options))})"
        if isinstance(options, str):  # a substring test, no set of values
            return name, None
        values = [_wire(option) for option in options]
        scalars = all(
            value is None
            or type(value) in {str, int, bool}
            or (type(value) is float and math.isfinite(value))  # JSON has no NaN
            for value in values
        )
        return name, {"enum": values} if scalars else None
    if kind == "matches_re":
        pattern = validator.pattern
        assert pattern is not None  # every matches_re has one
        name = f"matches_re({pattern.pattern!r})"
        form = _MATCHES.get(validator.match)
        portable = (
            isinstance(pattern.pattern, str)
            and pattern.flags == re.UNICODE
            and _PORTABLE_PATTERN.fullmatch(pattern.pattern) is not None
        )
        if form is None or not portable or json_type != "string":
            return name, None
        return name, {"pattern": form.format(pattern.pattern)}
    function = validator.function
    return getattr(function, "__name__", type(function).__name__.strip("_")), None


def _json_type(shape: Shape) -> str | None:
    """The one JSON type of values of ``shape``, when it has one that lengths and bounds read."""
    if isinstance(shape, Scalar) and shape.type in _SCALAR_TYPES:
        return str(_SCALAR_TYPES[shape.type])
    if isinstance(shape, TupleOf):
        return "array"
    if isinstance(shape, MappingOf):
        return "object"
    return None


_UNWRITTEN: Final = object()


def _wire(value: Any) -> Any:  # noqa: PLR0911 - one exit per kind of value
    """A default value as JSON writes it (`_UNWRITTEN` for a nested object)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_wire(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _wire(item) for key, item in value.items()}
    if isinstance(value, PartialDate | TimeSpan):
        return date_to_wire(value)
    if isinstance(value, Decimal):
        return str(value)
    if attrs.has(type(value)):
        return _UNWRITTEN  # a nested default: not worth writing out
    return value


def _prose(text: str) -> str:
    """A docstring paragraph as one line of plain text (reST ``literals`` as `literals`)."""
    return " ".join(text.split()).replace("``", "`")


def _summary(cls: type) -> str | None:
    doc = inspect.getdoc(cls)
    if not doc or cls.__doc__ is None:
        return None
    return _prose(doc.split("\n\n")[0])


_ATTRIBUTE: Final = re.compile(r"^    (\w+): (.*)$")


def _attribute_docs(cls: type) -> dict[str, str]:
    """Each field's description from the "Attributes:" sections of ``cls`` and its bases."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = klass.__dict__.get("__doc__")
        if not doc:
            continue
        lines = inspect.cleandoc(doc).splitlines()
        try:
            start = lines.index("Attributes:")
        except ValueError:
            continue
        name = None
        for line in lines[start + 1 :]:
            match = _ATTRIBUTE.match(line)
            if match:
                name = match[1]
                docs[name] = match[2].strip()
            elif line.startswith("        ") and name is not None:
                docs[name] += " " + line.strip()
            else:
                break
    return {name: _prose(text) for name, text in docs.items()}


# Keywords that two schemas both saying them join into the tighter one.
_TIGHTER: Final = {
    "minimum": max,
    "exclusiveMinimum": max,
    "maximum": min,
    "exclusiveMaximum": min,
    "minLength": max,
    "maxLength": min,
}


def _merge(schema: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` with more keywords: a bound both say, the tighter; others both say, ``allOf``."""
    if not extra:
        return schema
    shared = schema.keys() & extra.keys()
    if not shared <= _TIGHTER.keys():
        return {"allOf": [schema, dict(extra)]}
    tighter = {key: _TIGHTER[key](schema[key], extra[key]) for key in shared}
    return {**schema, **extra, **tighter}


class _Builder:
    """Writes the schemas of classes and shapes, collecting what they share in ``defs``."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.defs: dict[str, dict[str, Any]] = {}
        self._names: dict[type, str] = {}

    def ref(self, cls: type, name: str | None = None) -> dict[str, Any]:
        """A reference to the schema of ``cls``, written into ``defs`` the first time."""
        if cls not in self._names:
            name = name or cls.__name__
            if name in self.defs:  # two classes of one name: the second is qualified
                name = f"{cls.__module__}.{cls.__qualname__}"
            self._names[cls] = name
            self.defs[name] = {}  # taken now: a class may hold itself
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{self._names[cls]}"}

    def record(self, cls: type[Record]) -> dict[str, Any]:
        """A reference to the schema of a record class, named by its tag."""
        return self.ref(cls, _registry.tag_of(cls))

    def object(self, cls: type) -> dict[str, Any]:
        """The schema of an attrs class: its fields under their keys, and the tag of a record."""
        info = describe(cls)
        docs = _attribute_docs(cls) if self.style.docs else {}
        properties: dict[str, Any] = {}
        required: list[str] = []
        rules: list[dict[str, Any]] = []
        if issubclass(cls, Record):
            properties["type"] = {"const": _registry.tag_of(cls)}
            required.append("type")
        for field in info.fields:
            schema = self.field(field, docs.get(field.name))
            properties[field.key] = schema
            for old in field.spec.old_names:
                properties[old] = {**schema, "deprecated": True}
                rules.append({"not": {"required": [field.key, old]}})
            if field.required and field.spec.old_names:
                keys = (field.key, *field.spec.old_names)
                rules.append({"anyOf": [{"required": [key]} for key in keys]})
            elif field.required:
                required.append(field.key)
        out: dict[str, Any] = {"type": "object"}
        if self.style.docs:
            if not self.style.compact:
                out["title"] = cls.__name__
            summary = _summary(cls)
            if summary:
                out["description"] = self._cut(summary)
        out["properties"] = properties
        out["required"] = required
        out["additionalProperties"] = False
        if rules:
            out["allOf"] = rules
        return out

    def field(self, field: Field, doc: str | None) -> dict[str, Any]:
        """The schema of one field, with its description and default."""
        schema = self.shape(field.shape)
        for validator in validator_schemas(field):
            schema = _merge(schema, validator.keywords or {})
        if not self.style.docs:
            return schema
        extra: dict[str, Any] = {}
        description = field.spec.doc or doc or _ref_words(field.shape)
        if description:
            extra["description"] = self._cut(description)
            if "description" in schema:  # a vocabulary's meanings follow the field's own words
                extra["description"] += f" {schema['description']}"
        if not field.required and not self.style.compact:
            default = field.factory() if field.factory is not None else field.default
            if field.converter is not None:
                default = field.converter(default)
            wire = _wire(default)
            if wire is not _UNWRITTEN:
                extra["default"] = wire
        return {**schema, **extra}

    def shape(self, shape: Shape) -> dict[str, Any]:
        """The schema of values of ``shape``, with its checks."""
        schema = self._bare(shape)
        for check in shape.checks:
            schema = _merge(schema, self.check(check))
        return schema

    def check(self, check: Check) -> dict[str, Any]:
        """The keywords of ``check``; long ones (a list of countries) once, in ``defs``."""
        keywords = check.json_schema()
        if keywords is None:
            return {}
        if len(orjson.dumps(keywords)) <= _INLINE:
            return keywords
        if self.style.compact:  # the message says it in words: "an ISO 3166-1 … code such as DEU"
            message = check.message if isinstance(check.message, str) else str(check.name)
            return {"description": message}
        name = str(check.name)
        while name in self.defs and self.defs[name] != keywords:
            name += "_"
        self.defs[name] = keywords
        return {"$ref": f"#/$defs/{name}"}

    def _bare(self, shape: Shape) -> dict[str, Any]:  # noqa: PLR0911 - one exit per kind of shape
        if isinstance(shape, Scalar):
            if shape.type is Decimal:
                return {
                    "anyOf": [
                        {"type": "string", "pattern": f"^{_DECIMAL.pattern}$"},
                        {"type": "integer"},
                    ]
                }
            if shape.type is int:  # eventkit refuses what JSON writers cannot write
                low, high = JSON_LIMITS.integers
                return {"type": "integer", "minimum": low, "maximum": high}
            return {"type": _SCALAR_TYPES[shape.type]}
        if isinstance(shape, Vocabulary):
            members = [member.value for member in shape.enum]
            schema: dict[str, Any] = {"enum": members}
            if shape.open:  # a str enum: its members or a namespaced custom value
                schema = {
                    "type": "string",
                    "anyOf": [schema, {"pattern": f"^{CUSTOM_VALUE.pattern}$"}],
                }
            meanings = DEFINITIONS.get(shape.enum)
            if meanings and self.style.docs:
                schema["description"] = "; ".join(f"{k}: {v}" for k, v in meanings.items())
            return schema
        if isinstance(shape, Dates):
            return self._dates(shape.classes)
        if isinstance(shape, Nested):
            return self.ref(shape.cls)
        if isinstance(shape, Nullable):
            return {"anyOf": [self.shape(shape.inner), {"type": "null"}]}
        if isinstance(shape, TupleOf):
            return {"type": "array", "items": self.shape(shape.item)}
        if isinstance(shape, MappingOf):
            return {"type": "object", "additionalProperties": self.shape(shape.value)}
        if isinstance(shape, UnionOf):
            return {"anyOf": [self.shape(member) for member in shape.members]}
        msg = f"no JSON Schema for {shape!r}"  # a new kind of shape must be taught here
        raise RegistrationError(msg)

    def _dates(self, classes: tuple[type, ...]) -> dict[str, Any]:
        name = "When" if len(classes) > 1 else classes[0].__name__
        if name not in self.defs:
            branches: list[dict[str, Any]] = []
            for branch in (*map(self._edtf, classes), *map(self._date_object, classes)):
                if branch not in branches:  # compact: one string for dates and spans
                    branches.append(branch)
            schema: dict[str, Any] = {"anyOf": branches}
            if self.style.docs or self.style.compact:
                schema = {
                    "title": name,
                    "description": (
                        'An EDTF date such as "2024-11-15", "2022-12" or "2024~"'
                        + (', or a span such as "2022-12/.."' if TimeSpan in classes else "")
                        + '; or {"edtf": ..., "text": ...} keeping the words it was read from.'
                    ),
                    **schema,
                }
            self.defs[name] = schema
        return {"$ref": f"#/$defs/{name}"}

    def _edtf(self, cls: type) -> dict[str, Any]:
        """The EDTF text of a ``cls``; in the compact style, any string."""
        if self.style.compact:
            return {"type": "string"}
        return {"type": "string", "pattern": _DATE_PATTERNS[cls]}

    def _date_object(self, cls: type) -> dict[str, Any]:
        """A ``cls`` with the texts it was read from: a single date has no ends' texts."""
        # A date's words are text as every text field's (eventkit.checks.text).
        text = {"type": "string", **self.check(checks.text)}
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {"edtf": self._edtf(cls)} | dict.fromkeys(_DATE_TEXTS[cls], text),
            "required": ["edtf"],
            "additionalProperties": False,
        }
        if cls is TimeSpan and not self.style.compact:  # an open end ("..") has no text
            schema["dependentSchemas"] = {
                "start_text": {"properties": {"edtf": {"pattern": "^[^.]"}}},
                "end_text": {"properties": {"edtf": {"pattern": "[^.]$"}}},
            }
        return schema

    def _cut(self, text: str) -> str:
        """``text``, or in the compact style its first sentence."""
        if not self.style.compact:
            return text
        end = text.find(". ")
        return text if end < 0 else text[: end + 1]


def _ref_words(shape: Shape) -> str | None:
    """``"The id of an actor."`` for a reference, else None."""
    ref: RefKind | None = None
    while ref is None:
        ref = shape.ref
        if isinstance(shape, Nullable):
            shape = shape.inner
        elif isinstance(shape, TupleOf):
            shape = shape.item
        else:
            break
    return None if ref is None else f"The id of {ref.words()}."


def _classes(types: Iterable[type[Record] | str]) -> list[type[Record]]:
    """The registered classes ``types`` name, each with its registered subclasses.

    The installed plugins' types are loaded first, so the schema does not
    depend on what this process read before; a plugin that fails to load is
    left out, as its records are refused (``plugin_failed``).
    """
    _registry.load_plugins()
    registered = _registry.registered()
    bases: list[type[Record]] = []
    for item in types:
        cls = _registry.resolve(item) if isinstance(item, str) else item
        if not (isinstance(cls, type) and issubclass(cls, Record)):
            msg = f"expected a record class or a type tag, not {item!r}"
            raise TypeError(msg)
        bases.append(cls)
    if not bases:
        return list(registered)
    return [cls for cls in registered if issubclass(cls, tuple(bases))]


def json_schema(
    *types: type[Record] | str, document: bool = False, compact: bool = False
) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of eventkit records.

    The schema is derived from the same field descriptions that validate
    records, so it accepts what `from_dict` accepts, but for what only
    eventkit can check (see "Schema limits" in the docs): references
    between records, calendar validity, rules across fields and checks
    written as Python functions.

    A record is one of the types (``anyOf``), told apart by its ``type``,
    the OpenAPI ``discriminator``; shared value types and dates are in
    ``$defs``.

    Args:
        types: record classes or type tags; each stands for itself and its
            registered subclasses, as in ``from_dict(cls, data)``. None: every
            registered type, custom ones and installed plugins' included (a
            plugin that fails to load is left out).
        document: the schema of a dataset document instead (a ``.json``
            file, ``{"type": "eventkit.dataset", "version": 1, "records": [...]}``).
        compact: a profile sized for a language model's prompt: the fields
            with the first sentence of their descriptions and every
            vocabulary, but long lists of codes (countries, CAMEO) and the
            date patterns said in words. It describes the format and no
            longer refuses everything eventkit refuses; validate what the
            model writes with `eventkit.validate`.

    Raises:
        UnknownTypeError: a tag no registered type has.

    Examples:
        >>> import eventkit as ek
        >>> schema = ek.json_schema(ek.Actor)
        >>> schema["discriminator"]["mapping"]
        {'actor': '#/$defs/actor'}
        >>> schema["$defs"]["actor"]["required"]
        ['type', 'id', 'name', 'kind']
        >>> schema["$defs"]["Role"]["properties"]["start"]["anyOf"][0]
        {'$ref': '#/$defs/PartialDate'}
    """
    return written(_classes(types), document=document, style=COMPACT if compact else FULL)


def written(classes: list[type[Record]], *, document: bool, style: Style) -> dict[str, Any]:
    """The schema of ``classes`` (and no others), written in ``style``."""
    builder = _Builder(style)
    refs = {_registry.tag_of(cls): builder.record(cls) for cls in classes}
    record: dict[str, Any] = {
        "anyOf": list(refs.values()),
        "discriminator": {
            "propertyName": "type",
            "mapping": {tag: ref["$ref"] for tag, ref in refs.items()},
        },
    }
    if style.docs:
        record = {
            "title": "eventkit record",
            "description": "An eventkit record of one of the types below; `type` tells which.",
            **record,
        }
    if not document:
        return {"$schema": DIALECT, **record, "$defs": builder.defs}
    builder.defs["record"] = record
    return {
        "$schema": DIALECT,
        **({"title": "eventkit dataset document"} if style.docs else {}),
        "type": "object",
        "properties": {
            "type": {"const": DOCUMENT_TYPE},
            "version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "name": {"type": ["string", "null"]},  # as the header is read: null names nothing
            "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "required": ["type", "version", "records"],
        "additionalProperties": False,
        "$defs": builder.defs,
    }
