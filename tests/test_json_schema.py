"""``ek.json_schema``: derived from the field descriptions, and agreeing with eventkit.

The agreement is checked with the ``jsonschema`` package: generated valid
records are all accepted, and mutations of them are rejected by both, or the
difference is one of the documented schema limits (`LIMITS`).
"""

import copy
import re
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit import _registry, checks
from eventkit._fields import describe
from eventkit._json_schema import COMPACT, FULL, LIMITS, Style, json_schema, written
from eventkit._shapes import (
    Dates,
    MappingOf,
    Nested,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    element,
)
from eventkit.testing import records

DOCS = Path(__file__).parent.parent / "docs"
SCHEMA = json_schema()
_validators: dict[int, jsonschema.Draft202012Validator] = {}


def validator() -> jsonschema.Draft202012Validator:
    """A validator of every type registered now (tests register types of their own)."""
    count = len(_registry.registered())
    if count not in _validators:
        _validators[count] = jsonschema.Draft202012Validator(json_schema())
    return _validators[count]


LIMIT_NAMES = {name for name, _ in LIMITS}


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert "https://json-schema.org/draft/2020-12/schema" == SCHEMA["$schema"]
    jsonschema.Draft202012Validator.check_schema(json_schema(document=True))
    bare = written(list(_registry.registered()), document=False, style=Style(docs=False))
    jsonschema.Draft202012Validator.check_schema(bare)
    assert "description" not in bare["$defs"]["actor"]["properties"]["name"]


def test_every_registered_type_is_a_branch_told_apart_by_its_tag() -> None:
    schema = json_schema()  # of what is registered now, test types too
    tags = [_registry.tag_of(cls) for cls in _registry.registered()]
    mapping = schema["discriminator"]["mapping"]
    assert tags == list(mapping)
    assert [{"$ref": f"#/$defs/{tag}"} for tag in tags] == schema["anyOf"]
    for tag in tags:
        assert {"const": tag} == schema["$defs"][tag]["properties"]["type"]


def test_a_type_stands_for_itself_and_its_subclasses_as_in_from_dict() -> None:
    assert ["meeting", "visit", "summit", "negotiation"] == list(
        json_schema(ek.Meeting)["discriminator"]["mapping"]
    )
    assert json_schema("meeting") == json_schema(ek.Meeting)
    with pytest.raises(ek.UnknownTypeError):
        json_schema("meting")
    with pytest.raises(TypeError, match="expected a record class or a type tag, not"):
        json_schema(ek.Place)  # type: ignore[arg-type]


def test_fields_say_their_checks_defaults_and_descriptions() -> None:
    place = SCHEMA["$defs"]["Place"]["properties"]
    assert {
        "anyOf": [{"type": "number", "minimum": -90, "maximum": 90}, {"type": "null"}],
        "description": "latitude in degrees, -90 to 90.",
        "default": None,
    } == place["lat"]
    status = SCHEMA["$defs"]["event"]["properties"]["status"]
    assert "occurred" == status["default"]
    assert "cancelled" in status["enum"]
    speaker = SCHEMA["$defs"]["statement"]["properties"]["speaker"]
    assert "#/$defs/record_id" == speaker["$ref"]
    assert ["type", "id", "speaker", "text"] == SCHEMA["$defs"]["statement"]["required"]
    assert "DEU" in SCHEMA["$defs"]["country"]["enum"]


def test_a_custom_type_with_old_names_and_its_own_checks() -> None:
    @ek.event_type("schema_test.boarding")
    @attrs.frozen(kw_only=True)
    class Boarding(ek.Event):
        crew: int = ek.field(check=ek.checks.in_range(1, 500), old_names=["men"], doc="people")
        flag: ek.Country | None = None
        hull: str = ek.field(default="steel", check=ek.checks.Check(str.isalpha))

    schema = json_schema(Boarding)
    boarding = schema["$defs"]["schema_test.boarding"]
    assert {"type": "integer", "minimum": 1, "maximum": 500, "description": "people"} == (
        boarding["properties"]["crew"]
    )
    assert boarding["properties"]["men"]["deprecated"] is True
    validator = jsonschema.Draft202012Validator(schema)
    base = {"type": "schema_test.boarding", "id": "b", "title": "Boarding"}
    for data, valid in (
        ({**base, "crew": 3}, True),
        ({**base, "men": 3}, True),
        ({**base, "crew": 3, "men": 3}, False),  # duplicate_field
        (base, False),
        ({**base, "crew": 900}, False),
        ({**base, "crew": 3, "flag": "XXX"}, False),
        ({**base, "crew": 3, "hull": "st33l"}, True),  # a check without a schema: a limit
    ):
        assert valid == validator.is_valid(data), data
        if valid and data.get("hull") != "st33l":
            ek.from_dict(ek.Event, data)


# --- the patterns agree with Python's rules ---------------------------------------------


def _bmp() -> Iterator[str]:
    for code in range(0x10000):
        char = chr(code)
        if unicodedata.category(char) != "Cn":  # unassigned: a documented limit
            yield char


def _search(check: checks.Check) -> Callable[[str], bool]:
    """What the schema's pattern of ``check`` accepts (``jsonschema`` uses ``re.search``)."""
    search = re.compile(SCHEMA["$defs"][check.name]["pattern"]).search
    return lambda value: search(value) is not None


def test_the_text_pattern_is_the_text_check() -> None:
    matches = _search(checks.text)
    wrong = [
        hex(ord(char))
        for char in _bmp()
        for value in (char, f"a{char}", f"{char}a")
        if matches(value) != (checks.text(value) is None)
    ]
    assert [] == wrong


def test_the_id_pattern_is_the_id_check_for_assigned_characters() -> None:
    matches = _search(checks.record_id)
    wrong = [
        hex(ord(char))
        for char in _bmp()
        if matches(f"a{char}b") != (checks.record_id(f"a{char}b") is None)
    ]
    assert [] == wrong
    assert SCHEMA["$defs"]["record_id"]["maxLength"] == checks.ID_MAX_LENGTH


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a",
        "HTTP://example.org",
        "https://user@host:8080/x?y#z",
        "http://[::1]/",
        "ftp://example.org",
        "https://",
        "https:// example.org",
        "https://example.org/a b",
        "example.org",
        "http://user@",
    ],
)
def test_the_url_pattern_agrees_with_the_url_check(url: str) -> None:
    pattern = jsonschema.Draft202012Validator({"$ref": "#/$defs/url", "$defs": SCHEMA["$defs"]})
    assert (checks.url(url) is None) == pattern.is_valid(url)


# --- generated records ---------------------------------------------------------------


def _accepted(record: ek.Record) -> None:
    data = ek.to_dict(record)
    errors = [f"{e.json_path}: {e.message}"[:300] for e in validator().iter_errors(data)]
    assert [] == errors, data


@given(records())
def test_generated_records_are_accepted(record: ek.Record) -> None:
    _accepted(record)


BUILTIN_TYPES = [cls for cls in _registry.registered() if cls.__module__.startswith("eventkit.")]


@pytest.mark.slow
@pytest.mark.parametrize("cls", BUILTIN_TYPES, ids=lambda cls: cls.__name__)
def test_500_generated_records_of_every_type_are_accepted(cls: type[ek.Record]) -> None:
    seen: list[type] = []

    # The type's own branch: what it accepts, the whole schema (anyOf) accepts,
    # and it is checked without trying every other type's branch first.
    schema = json_schema(cls)
    branch = jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{_registry.tag_of(cls)}", "$defs": schema["$defs"]}
    )

    @settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(records(cls, subclasses=False))
    def accepted(record: ek.Record) -> None:
        seen.append(type(record))
        data = ek.to_dict(record)
        assert [] == [f"{e.json_path}: {e.message}"[:300] for e in branch.iter_errors(data)]

    accepted()
    assert len(seen) >= 500
    assert {cls} == set(seen)


# --- mutations -----------------------------------------------------------------------

# Where a value sits in a record's data: the object or list holding it, its key
# or index, and the shape of what belongs there.
Slot = tuple[Any, Any, Shape]


def _slots(data: Any, shape: Shape) -> Iterator[Slot]:
    """Every place in ``data`` (a value of ``shape``) a mutation may change."""
    if isinstance(shape, Nullable):
        if data is not None:
            yield from _slots(data, shape.inner)
    elif isinstance(shape, TupleOf):
        for index, item in enumerate(data):
            yield data, index, shape.item
            yield from _slots(item, shape.item)
    elif isinstance(shape, MappingOf):
        for value in data.values():
            yield from _slots(value, shape.value)
    elif isinstance(shape, Nested):
        for field in describe(shape.cls).fields:
            if field.key in data:
                yield data, field.key, field.shape
                yield from _slots(data[field.key], field.shape)


_JSON_VALUES = {
    "string": "x",
    "integer": 7,
    "number": 2.5,
    "boolean": True,
    "null": None,
    "array": [],
    "object": {},
}


def _json_types(shape: Shape) -> set[str]:  # noqa: PLR0911 - one exit per kind of shape
    """The JSON types a value of ``shape`` may have."""
    if isinstance(shape, Scalar):
        return {
            str: {"string"},
            int: {"integer"},
            float: {"integer", "number"},
            bool: {"boolean"},
        }.get(shape.type, {"string", "integer"})
    if isinstance(shape, Vocabulary):
        return {"string"}
    if isinstance(shape, Dates):
        return {"string", "object"}
    if isinstance(shape, Nested | MappingOf):
        return {"object"}
    if isinstance(shape, TupleOf):
        return {"array"}
    if isinstance(shape, Nullable):
        return {"null"} | _json_types(shape.inner)
    if isinstance(shape, UnionOf):
        return set().union(*(_json_types(member) for member in shape.members))
    raise AssertionError(shape)


def _element_is(test: Callable[[Shape], bool]) -> Callable[[Shape], bool]:
    return lambda shape: test(element(shape))


def _has_check(check: checks.Check) -> Callable[[Shape], bool]:
    return lambda shape: check in element(shape).checks and not isinstance(shape, TupleOf)


def _scalar(kind: type) -> Callable[[Shape], bool]:
    def test(shape: Shape) -> bool:
        inner = element(shape)
        return (
            isinstance(shape, Scalar | Nullable)
            and isinstance(inner, Scalar)
            and (inner.type is kind)
        )

    return test


def _has_check_named(prefix: str) -> Callable[[Shape], bool]:
    return lambda shape: any(str(check.name).startswith(prefix) for check in element(shape).checks)


def _wrong_type(shape: Shape) -> Any:
    accepted = _json_types(shape)
    return next(value for name, value in _JSON_VALUES.items() if name not in accepted)


def _out_of_range(shape: Shape) -> Any:
    """Just below the least value allowed, or else just above the greatest."""
    bounds: dict[str, Any] = {}
    for check in element(shape).checks:
        if str(check.name).startswith("in_range"):
            bounds.update(check.json_schema() or {})
    return bounds["minimum"] - 1 if "minimum" in bounds else bounds["maximum"] + 1


_VOCABULARY = _element_is(lambda shape: isinstance(shape, Vocabulary))
_DATES = _element_is(lambda shape: isinstance(shape, Dates))
_SPANS = _element_is(lambda shape: isinstance(shape, Dates) and ek.TimeSpan in shape.classes)

# (name, which slots it applies to, the new value, the documented limit that
# explains eventkit refusing what the schema accepts, or None: both must agree)
Mutation = tuple[str, Callable[[Shape], bool], Callable[[Shape], Any], str | None]
MUTATIONS: list[Mutation] = [
    ("wrong JSON type", lambda shape: True, _wrong_type, None),
    ("blank text", _has_check(checks.text), lambda _: " \n", None),
    ("id with a space", _has_check(checks.record_id), lambda _: "a b", None),
    ("id with a zero-width space", _has_check(checks.record_id), lambda _: "a\u200bb", None),
    ("overlong id", _has_check(checks.record_id), lambda _: "a" * 201, None),
    (
        "id ending in a newline",
        _has_check(checks.record_id),
        lambda _: "a\n",
        "Python regular expressions",
    ),
    ("unknown vocabulary value", _VOCABULARY, lambda _: "No", None),
    ("malformed date", _DATES, lambda _: "15.11.2024", None),
    ("impossible date", _DATES, lambda _: "2023-02-30", "calendar"),
    ("backward span", _SPANS, lambda _: "2024/2023", "calendar"),
    ("qualifier on a time", _DATES, lambda _: "2024-11-15T10:00~", None),
    ("offset beyond 18 hours", _DATES, lambda _: "2024-11-15T10:00+19:00", None),
    ("end texts on a single date", _DATES, lambda _: {"edtf": "2024", "end_text": "x"}, None),
    ("blank date text", _DATES, lambda _: {"edtf": "2024", "text": " \n"}, None),
    ("date text with an escape", _DATES, lambda _: {"edtf": "2024", "text": "\x1b[2J"}, None),
    ("unknown country", _has_check(checks.country), lambda _: "XXX", None),
    ("unknown currency", _has_check(checks.currency), lambda _: "XXX", None),
    ("integral float", _scalar(int), lambda _: 1.0, "integers"),
    ("integer JSON writers cannot write", _scalar(int), lambda _: 2**64, None),
    ("out of range", _has_check_named("in_range"), _out_of_range, None),
]  # fmt: skip


def _mutate(data: dict[str, Any], cls: type, mutation: Mutation, draw: Any) -> bool:
    _, applies, value, _ = mutation
    slots = [slot for slot in _slots(data, Nested(cls=cls)) if applies(slot[2])]
    if not slots:
        return False
    container, key, shape = draw(st.sampled_from(slots))
    container[key] = value(shape)
    return True


def _verdicts(data: dict[str, Any]) -> tuple[bool, bool]:
    """Whether eventkit and the schema accept ``data``."""
    try:
        ek.from_dict(ek.Record, data)
    except ek.ValidationError:
        loads = False
    else:
        loads = True
    return loads, validator().is_valid(data)


def _agree(data: dict[str, Any], name: str, limit: str | None) -> None:
    loads, valid = _verdicts(data)
    if loads == valid:
        return
    assert limit in LIMIT_NAMES, f"{name}: eventkit {loads}, schema {valid}: {data}"
    assert (False, True) == (loads, valid), f"{name}: the schema refuses valid data: {data}"


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(records(), st.sampled_from(MUTATIONS), st.data())
def test_mutated_records_are_refused_by_both_or_the_difference_is_a_limit(
    record: ek.Record, mutation: Mutation, data: st.DataObject
) -> None:
    mutated = copy.deepcopy(ek.to_dict(record))
    assume(_mutate(mutated, type(record), mutation, data.draw))
    _agree(mutated, mutation[0], mutation[3])


@given(records(), st.sampled_from(["unknown field", "unknown type", "missing field"]), st.data())
def test_records_with_keys_changed_are_refused_by_both(
    record: ek.Record, change: str, data: st.DataObject
) -> None:
    mutated = ek.to_dict(record)
    if change == "unknown field":
        mutated["not_a_field"] = 1
    elif change == "unknown type":
        mutated["type"] = "no_such.type"
    else:
        required = [f.key for f in describe(type(record)).fields if f.required]
        del mutated[data.draw(st.sampled_from(["type", *required]))]
    assert (False, False) == _verdicts(mutated)


@pytest.mark.parametrize(
    ("limit", "data"),
    [
        ("rules across fields", {"type": "event", "id": "e", "title": "T", "place": {}}),
        (
            "rules across fields",
            {"type": "event", "id": "e", "title": "T", "duration": {"low": 3, "high": 1,
                                                                      "unit": "day"}},
        ),
        (
            "checks without a schema",
            {"type": "protest", "id": "p", "title": "T", "size": {"value": 2.5}},
        ),
        ("calendar", {"type": "actor", "id": "a", "name": "A", "kind": "person",
                      "roles": [{"title": "Chancellor", "start": "2021-02-29"}]}),
    ],
)  # fmt: skip
def test_documented_limits_are_real(limit: str, data: dict[str, Any]) -> None:
    assert limit in LIMIT_NAMES
    assert (False, True) == _verdicts(data)


def test_references_between_records_are_a_limit() -> None:
    speech = {"type": "statement", "id": "s", "speaker": "nobody", "text": "Hello."}
    assert (True, True) == _verdicts(speech)
    problems = ek.Dataset([ek.from_dict(ek.Statement, speech)]).check().problems
    assert ["dangling_reference"] == [p.code for p in problems]
    assert "references" in LIMIT_NAMES


def test_the_docs_list_every_limit() -> None:
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert [] == [name for name, _ in LIMITS if f"**{name}**" not in page]


# --- the compact profile, for a prompt ---------------------------------------------------

_PROMPT_TYPES = ("phone_call", "actor", "source", "statement")
# These four alone: other tests register subclasses of them, which json_schema(tag) includes.
_PROMPT_CLASSES = [ek.PhoneCall, ek.Actor, ek.Source, ek.Statement]


def _compact() -> jsonschema.Draft202012Validator:
    schema = written(_PROMPT_CLASSES, document=False, style=COMPACT)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


_COMPACT = _compact()


@given(st.one_of(*(records(cls, subclasses=False) for cls in _PROMPT_CLASSES)))
def test_the_compact_profile_accepts_every_valid_record_of_its_types(record: ek.Record) -> None:
    errors = [error.message for error in _COMPACT.iter_errors(ek.to_dict(record))]
    assert [] == errors


def test_the_compact_profile_is_smaller_and_keeps_every_vocabulary() -> None:
    full = orjson.dumps(written(_PROMPT_CLASSES, document=False, style=FULL))
    compact = orjson.dumps(written(_PROMPT_CLASSES, document=False, style=COMPACT))
    assert len(compact) < 0.75 * len(full)
    for vocabulary in (ek.ParticipantRole, ek.ActorKind, ek.SourceKind, ek.StatementKind):
        assert all(f'"{member.value}"'.encode() in compact for member in vocabulary)
    assert str(checks.country.message).encode() in compact  # said in words, not 250 codes
    assert b'"DEU"' not in compact


def test_the_command_prints_the_compact_profile(capsys: pytest.CaptureFixture[str]) -> None:
    from eventkit.cli import main

    assert 0 == main(["schema", "--compact", *_PROMPT_TYPES])
    assert json_schema(*_PROMPT_TYPES, compact=True) == orjson.loads(capsys.readouterr().out)


def test_every_member_of_a_defined_vocabulary_has_its_meaning_in_the_schema() -> None:
    from eventkit._vocab import DEFINITIONS

    compact = orjson.dumps(json_schema(*_PROMPT_TYPES, compact=True)).decode()
    for vocabulary, meanings in DEFINITIONS.items():
        assert [member.value for member in vocabulary] == list(meanings)
    for value in ("victim", "target", "alleged", "speculated", "paraphrase"):
        meaning = next(m[value] for m in DEFINITIONS.values() if value in m)
        assert f"{value}: {meaning}" in compact


# --- the dataset document ------------------------------------------------------------


def test_the_document_schema_accepts_a_null_name_as_loading_does(tmp_path: Path) -> None:
    document = {"type": "eventkit.dataset", "version": 1, "name": None,
                "records": [{"type": "event", "id": "e", "title": "T"}]}  # fmt: skip
    path = tmp_path / "named.json"
    path.write_bytes(orjson.dumps(document))
    assert 1 == len(ek.Dataset.load(path))
    documents = jsonschema.Draft202012Validator(json_schema(document=True))
    assert documents.is_valid(document)
    assert not documents.is_valid({**document, "name": 3})


# --- integers: what JSON writers can write -------------------------------------------

LOWEST, HIGHEST = -(2**63), 2**64 - 1


@ek.event_type("schema_test.tally")
@attrs.frozen(kw_only=True)
class Tally(ek.Event):
    n: int | None = None
    amount: Decimal | None = None


@pytest.mark.parametrize(
    ("extra", "loads"),
    [
        ({"n": HIGHEST}, True),
        ({"n": LOWEST}, True),
        ({"n": HIGHEST + 1}, False),
        ({"n": LOWEST - 1}, False),
        ({"place": {"name": "Kyiv", "geonames": HIGHEST}}, True),
        ({"place": {"name": "Kyiv", "geonames": HIGHEST + 1}}, False),
        ({"place": {"name": "Kyiv", "geonames": 0}}, False),
        ({"amount": HIGHEST + 1}, True),  # a Decimal is exact at any size
    ],
)
def test_integers_are_bounded_by_what_json_writers_can_write(
    extra: dict[str, Any], loads: bool
) -> None:
    data = {"type": "schema_test.tally", "id": "t", "title": "T", **extra}
    assert (loads, loads) == _verdicts(data)


def test_an_integer_field_with_a_range_keeps_the_tighter_bounds() -> None:
    geonames = SCHEMA["$defs"]["Place"]["properties"]["geonames"]["anyOf"][0]
    assert {"type": "integer", "minimum": 1, "maximum": HIGHEST} == geonames


# --- dates: what the EDTF syntax can say, the schema says -----------------------------


@pytest.mark.parametrize(
    ("when", "loads"),
    [
        ("2024-11-15~", True),
        ("2024?", True),
        ("2024-11-15T10:00~", False),  # a qualifier qualifies a date, not a time
        ("2024-11-15T10?", False),
        ("2024-11-15T10:00:00Z%", False),
        ("2024-11-15T10:00+18:00", True),
        ("2024-11-15T10:00-17:59", True),
        ("2024-11-15T10:00+18:01", False),
        ("2024-11-15T10:00+19:00", False),
        ("2024-11-15T10:00-23:59", False),
        ("2024-11-15T10:00+05:60", False),
        ("0001", True),
        ("2024-13", False),
        ("2024-11-32", False),
        ("2024-11-15T24:00", False),
        ("2024-11-15T23:60", False),
        ("2024-11-15T23:59:60", False),  # leap seconds: not supported
        ("0000", False),
        ("2024-11-15T10:00~/..", False),
        ({"edtf": "2024-11-15", "text": "15 November"}, True),
        ({"edtf": "2024-11-15", "start_text": "mid-November"}, False),
        ({"edtf": "2024", "end_text": "that year"}, False),
        ({"edtf": "2023/2024", "start_text": "2023", "end_text": "2024"}, True),
        ({"edtf": "2023/..", "start_text": "2023"}, True),
        ({"edtf": "2023/..", "end_text": "now"}, False),  # an open end has no text
        ({"edtf": "../2024", "end_text": "2024"}, True),
        ({"edtf": "../2024", "start_text": "ever"}, False),
    ],
)
def test_the_date_syntax_eventkit_refuses_the_schema_refuses(
    when: str | dict[str, str], loads: bool
) -> None:
    assert (loads, loads) == _verdicts({"type": "event", "id": "e", "title": "T", "when": when})


def test_the_date_schema_refuses_a_span_where_only_dates_go() -> None:
    data = {"type": "actor", "id": "a", "name": "A", "kind": "person",
            "roles": [{"title": "Chancellor", "start": {"edtf": "2021/2022"}}]}  # fmt: skip
    assert (False, False) == _verdicts(data)


# --- attrs validators ----------------------------------------------------------------


def _shouting(instance: Any, attribute: Any, value: str) -> None:
    if value != value.upper():
        msg = "must be in capitals"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class SeaPosition(ek.Validated):
    lat: float = attrs.field(validator=[attrs.validators.ge(-90), attrs.validators.le(90)])
    lon: float = attrs.field(
        validator=attrs.validators.and_(attrs.validators.gt(-180), attrs.validators.lt(180))
    )


@ek.event_type("schema_test.sit_in")
@attrs.frozen(kw_only=True)
class SitIn(ek.Event):
    occupiers: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    mood: str = attrs.field(default="calm", validator=attrs.validators.in_(["calm", "angry"]))
    banner: str = attrs.field(
        default="NO", validator=[attrs.validators.max_len(8), attrs.validators.min_len(2)]
    )
    demands: tuple[str, ...] = attrs.field(default=(), validator=attrs.validators.max_len(2))
    room: str = attrs.field(default="A1", validator=attrs.validators.matches_re("[A-Z][0-9]+"))
    floor: str = attrs.field(
        default="f1", validator=attrs.validators.matches_re("f[0-9]", func=re.match)
    )
    badge: str = attrs.field(default="7", validator=attrs.validators.matches_re(r"\d+"))
    slogan: str = attrs.field(default="NO", validator=_shouting)
    hours: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.le(72))
    )
    position: SeaPosition | None = None


def test_attrs_validators_become_schema_keywords() -> None:
    schema = json_schema(SitIn)
    sit_in = schema["$defs"]["schema_test.sit_in"]["properties"]
    assert {"type": "integer", "minimum": 0, "maximum": HIGHEST, "default": 0} == (
        sit_in["occupiers"]
    )
    assert {"type": "string", "enum": ["calm", "angry"], "default": "calm"} == sit_in["mood"]
    assert {"type": "string", "maxLength": 8, "minLength": 2, "default": "NO"} == sit_in["banner"]
    assert "^(?:[A-Z][0-9]+)$" == sit_in["room"]["pattern"]
    assert "^(?:f[0-9])" == sit_in["floor"]["pattern"]
    # Python's \d is any Unicode digit, ECMA-262's 0-9 only: no pattern, a limit
    assert {"type": "string", "default": "7"} == sit_in["badge"]
    position = schema["$defs"]["SeaPosition"]["properties"]
    assert {"type": "number", "minimum": -90, "maximum": 90} == position["lat"]
    assert {"type": "number", "exclusiveMinimum": -180, "exclusiveMaximum": 180} == (
        position["lon"]
    )


@pytest.mark.parametrize(
    ("extra", "loads"),
    [
        ({"occupiers": 0}, True),
        ({"occupiers": -5}, False),
        ({"mood": "angry"}, True),
        ({"mood": "sleepy"}, False),
        ({"banner": "STRIKE!!"}, True),
        ({"banner": "STRIKE!!!"}, False),
        ({"banner": "N"}, False),
        ({"demands": ["pay", "hours"]}, True),
        ({"demands": ["pay", "hours", "rest"]}, False),
        ({"room": "B12"}, True),
        ({"room": "B12x"}, False),
        ({"room": "xB12"}, False),
        ({"floor": "f2 east"}, True),
        ({"floor": "east f2"}, False),
        ({"hours": None}, True),
        ({"hours": 72}, True),
        ({"hours": 73}, False),
        ({"position": {"lat": 90, "lon": 179.5}}, True),
        ({"position": {"lat": 200, "lon": 0}}, False),
        ({"position": {"lat": 0, "lon": -180}}, False),
    ],
)
def test_attrs_validators_refuse_in_the_schema_what_they_refuse_in_eventkit(
    extra: dict[str, Any], loads: bool
) -> None:
    data = {"type": "schema_test.sit_in", "id": "s", "title": "T", **extra}
    assert (loads, loads) == _verdicts(data)


@pytest.mark.parametrize("extra", [{"slogan": "no"}, {"badge": "٣"}])
def test_attrs_validators_the_schema_cannot_say_are_a_limit(extra: dict[str, Any]) -> None:
    data = {"type": "schema_test.sit_in", "id": "s", "title": "T", **extra}
    assert "checks without a schema" in LIMIT_NAMES
    assert (extra == {"badge": "٣"}, True) == _verdicts(data)


def test_the_table_names_attrs_validators_and_marks_those_the_schema_lacks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventkit.cli import main

    monkeypatch.setenv("COLUMNS", "200")  # one line a row
    assert 0 == main(["schema", "--format", "table", "schema_test.sit_in"])
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    fields = {"occupiers", "mood", "slogan", "badge"}
    rows = {words[0]: words[3:] for words in lines if words and words[0] in fields}
    assert "* checked by eventkit only: not in the JSON Schema" in [" ".join(w) for w in lines]
    assert {
        "occupiers": ["ge(0)"],
        "mood": ["in_('calm',", "'angry')"],
        "slogan": ["_shouting*"],
        "badge": ["matches_re('\\\\d+')*"],
    } == rows
