"""The converter: wire forms, exact round trips, and error reports with paths."""

import gc
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import eventkit as ek
import eventkit._serialize
from eventkit._codegen import structure_function
from eventkit._serialize import _record_problems, gc_paused
from eventkit.testing import records, values

ACTOR = {
    "type": "actor",
    "id": "olaf-scholz",
    "name": "Olaf Scholz",
    "kind": "person",
    "country": "DEU",
}
EVENT = {
    "type": "event",
    "id": "call-2024-11-15",
    "title": "Scholz–Putin phone call",
    "when": "2024-11-15",
    "participants": [
        {"actor": "olaf-scholz", "role": "initiator"},
        {"actor": "vladimir-putin", "role": "recipient"},
    ],
    "sources": [{"source": "reuters"}],
}
STATEMENT = {
    "type": "statement",
    "id": "s1",
    "speaker": "vladimir-putin",
    "text": "Agreements must reflect new territorial realities.",
    "quote": "new territorial realities",
    "event": "call-2024-11-15",
    "sources": [{"source": "kremlin-readout"}],
}


def problems_of(cls: type, data: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(cls, data)
    return [(p.path, p.code, p.message) for p in info.value.problems]


@pytest.mark.parametrize("data", [ACTOR, EVENT, STATEMENT])
def test_issue_wire_forms_load_and_write_back_unchanged(data: dict[str, Any]) -> None:
    record = ek.from_dict(ek.Record, data)
    assert data == ek.to_dict(record)
    assert data["type"] == ek.to_dict(record)["type"]


def test_loaded_event_has_typed_fields() -> None:
    event = ek.from_dict(ek.Event, EVENT)
    assert ek.PartialDate(year=2024, month=11, day=15) == event.when
    assert ("olaf-scholz",) == event.actors(ek.ParticipantRole.INITIATOR)
    assert ek.EventStatus.OCCURRED is event.status


def test_type_tag_is_written_first_and_keys_keep_declaration_order() -> None:
    event = ek.from_dict(ek.Event, {**EVENT, "summary": "s", "tags": ["diplomacy"]})
    assert ["type", "id", "title", "summary", "when", "participants", "sources", "tags"] == list(
        ek.to_dict(event)
    )


def test_json_is_compact_and_deterministic() -> None:
    actor = ek.from_dict(ek.Actor, ACTOR)
    expected = (
        '{"type":"actor","id":"olaf-scholz","name":"Olaf Scholz","kind":"person","country":"DEU"}'
    )
    assert expected == ek.to_json(actor)
    assert ek.to_json(actor) == ek.to_json(ek.from_json(ek.Actor, ek.to_json(actor)))


def test_tag_is_optional_when_the_class_is_named() -> None:
    data = {k: v for k, v in ACTOR.items() if k != "type"}
    assert "olaf-scholz" == ek.from_dict(ek.Actor, data).id


def test_from_record_base_picks_the_class_by_tag() -> None:
    assert ek.Statement is type(ek.from_dict(ek.Record, STATEMENT))
    assert ek.PhoneCall is type(ek.from_dict(ek.Event, {**EVENT, "type": "phone_call"}))


def test_original_date_text_survives_the_round_trip() -> None:
    event = ek.PhoneCall(
        id="call", title="Call", when=ek.parse_when("Friday 15.11.24", dayfirst=True)
    )
    data = ek.to_dict(event)
    assert {"edtf": "2024-11-15", "text": "Friday 15.11.24"} == data["when"]
    assert event == ek.from_dict(ek.Event, data)


@pytest.mark.parametrize("key", ["start_text", "end_text", "text"])
def test_a_bad_text_of_a_span_is_reported_at_its_own_key(key: str) -> None:
    # start_text and end_text were reported at $.when.text, a key not given
    data = {"type": "event", "id": "e", "title": "t", "when": {"edtf": "2024/2025", key: "F\ud800"}}
    with pytest.raises(ek.ValidationError) as error:
        ek.from_dict(ek.Event, data)
    assert [(f"$.when.{key}", "invalid_value")] == [(p.path, p.code) for p in error.value.problems]


@pytest.mark.parametrize("key", ["start_text", "end_text", "text"])
@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("", "must be a non-empty string"),
        ("  ", "must be a non-empty string"),
        ("Friday\x1b[2J", "must not contain a control character (U+001B)"),
    ],
)
def test_the_text_of_a_date_is_text_as_every_text_field_is(
    key: str, said: str, message: str
) -> None:
    # A date's words were the one text taking "", blanks and control characters.
    data = {"type": "event", "id": "e", "title": "t", "when": {"edtf": "2024/2025", key: said}}
    with pytest.raises(ek.ValidationError) as error:
        ek.from_dict(ek.Event, data)
    found = [(p.path, p.code, p.message) for p in error.value.problems]
    assert [(f"$.when.{key}", "invalid_value", message)] == found
    with pytest.raises(ek.ValidationError, match=re.escape(message)):
        ek.PartialDate(year=2024, text=said)
    # Line breaks and tabs are text, as in every text field.
    day = ek.PartialDate(year=2024, text="Friday,\n15 November")
    assert day == ek.from_dict(ek.PartialDate, ek.to_dict(day))


def test_money_is_an_exact_decimal_string_on_the_wire() -> None:
    money = ek.Money(amount=Decimal("7999999999.99"), currency="EUR", qualifier="nearly")
    assert {"amount": "7999999999.99", "currency": "EUR", "qualifier": "nearly"} == ek.to_dict(
        money
    )
    assert money == ek.from_json(ek.Money, ek.to_json(money))


def test_integer_counts_stay_integers() -> None:
    quantity = ek.from_json(ek.Quantity, '{"value": 10}')
    assert int is type(quantity.value)
    assert '{"value":10}' == ek.to_json(quantity)


def test_custom_kinds_are_plain_strings_on_the_wire() -> None:
    actor = ek.Actor(id="x", name="X", kind="acme.militia")
    assert "acme.militia" == ek.to_dict(actor)["kind"]
    assert str is type(ek.to_dict(ek.Actor(id="y", name="Y", kind="person"))["kind"])


# --- property tests ----------------------------------------------------------


@given(records())
def test_every_record_round_trips_through_dicts_and_json(record: ek.Record) -> None:
    assert record == ek.from_dict(type(record), ek.to_dict(record))
    assert record == ek.from_json(type(record), ek.to_json(record))
    assert record == ek.from_json(ek.Record, ek.to_json(record))


def _number_paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if type(value) in (int, float):
        yield path
    elif type(value) is dict:
        for key, item in value.items():
            yield from _number_paths(item, (*path, key))
    elif type(value) is list:
        for index, item in enumerate(value):
            yield from _number_paths(item, (*path, index))


_MARK = "@@a number written otherwise@@"


def _written_with(
    record: ek.Record, data: st.DataObject, literal: str
) -> tuple[bytes, tuple[str | int, ...]]:
    """``record``'s JSON text with one of its numbers, drawn, written as ``literal``; its path."""
    wire = ek.to_dict(record)
    paths = list(_number_paths(wire))
    assume(paths)
    *parents, last = data.draw(st.sampled_from(paths))
    holder: Any = wire
    for step in parents:
        holder = holder[step]
    holder[last] = _MARK
    text = orjson.dumps(wire)
    assume(text.count(_MARK.encode()) == 1)
    return text.replace(f'"{_MARK}"'.encode(), literal.encode()), (*parents, last)


def _problems_reading(text: bytes) -> Iterator[list[ek.Problem]]:
    """The problems of ``text`` read as JSON and as a line of JSON Lines."""
    for read in (
        lambda: ek.from_json(ek.Record, text),
        lambda: ek.from_jsonl(ek.Record, text + b"\n"),
    ):
        with pytest.raises(ek.ValidationError) as info:
            read()
        yield list(info.value.problems)


@given(records(), st.data(), st.sampled_from(["1e999", "-1E400", "9" * 309]))
def test_a_number_beyond_a_double_in_a_valid_record_is_its_only_problem(
    record: ek.Record, data: st.DataObject, beyond: str
) -> None:
    # orjson refuses the whole text; eventkit reads it with null in the
    # number's place: the number is reported where it is, and nothing the
    # null stand-in would cause (a bound missing, a union unmatched) is said.
    text, path = _written_with(record, data, beyond)
    for problems in _problems_reading(text):
        assert [("out_of_range", path, record.id, beyond)] == [
            (p.code, p.loc, p.record, p.input) for p in problems
        ]


@given(records(), st.data(), st.sampled_from(["1e-400", "-5E-999", "0." + "0" * 330 + "7"]))
def test_a_number_nearer_zero_than_a_double_in_a_valid_record_is_reported_where_it_is(
    record: ek.Record, data: st.DataObject, tiny: str
) -> None:
    # read as zero: reported at its path, besides what the field says of zero
    # there or in what holds it (an integer field, a bound), and nothing else
    text, path = _written_with(record, data, tiny)
    for problems in _problems_reading(text):
        assert [(path, record.id, tiny)] == [
            (p.loc, p.record, p.input)
            for p in problems
            if p.code == "out_of_range" and p.input == tiny
        ]
        assert all(path[: len(p.loc)] == p.loc for p in problems)


@given(values(ek.Place))
def test_value_types_round_trip(place: ek.Place) -> None:
    assert place == ek.from_json(ek.Place, ek.to_json(place))


# --- errors --------------------------------------------------------------------


def test_three_independent_mistakes_are_reported_together() -> None:
    data = {
        "type": "event",
        "id": "e1",
        "title": "Strike",
        "when": "2024-11-18/2024-11-15",
        "place": {"name": "Odesa", "lat": 123, "lon": 30.7},
        "participants": [{"actor": "russia", "role": "driver"}],
    }
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Event, data)
    error = info.value
    assert ["$.when", "$.place.lat", "$.participants[0].role"] == [p.path for p in error.problems]
    assert ["invalid_value", "out_of_range", "invalid_value"] == [p.code for p in error.problems]
    assert {"e1"} == {p.record for p in error.problems}
    lines = str(error).splitlines()
    assert "3 problems in Event 'e1'" == lines[0]
    assert (
        "  record 'e1': $.place.lat: must be between -90 and 90, got 123 [out_of_range]" == lines[2]
    )
    assert lines[3].startswith(
        "  record 'e1': $.participants[0].role: unknown participant role; expected one of: "
        "initiator, recipient, participant,"
    )
    assert lines[3].endswith(
        "or a namespaced custom value such as 'acme.custom', got 'driver' [invalid_value]"
    )


def test_validation_error_is_a_value_error_and_an_eventkit_error() -> None:
    with pytest.raises(ValueError, match="required field missing"):
        ek.from_dict(ek.Actor, {"type": "actor", "id": "a", "kind": "person"})
    assert issubclass(ek.ValidationError, ek.EventkitError)


def test_missing_and_unknown_fields() -> None:
    assert [
        ("$.colour", "unknown_field", "unknown field for Actor"),
        ("$.name", "missing", "required field missing"),
    ] == problems_of(ek.Actor, {"type": "actor", "id": "a", "kind": "person", "colour": "red"})


def test_unknown_type_names_the_tag_and_lists_known_ones() -> None:
    [(path, code, message)] = problems_of(ek.Record, {"type": "meting", "id": "m"})
    assert ("$.type", "unknown_type") == (path, code)
    assert message == "unknown type 'meting'"


def test_a_tag_of_another_kind_is_rejected() -> None:
    assert [("$.type", "wrong_type", "type 'actor' is an Actor, not an Event")] == problems_of(
        ek.Event, ACTOR
    )


def test_wrong_json_types_are_never_coerced() -> None:
    data = {"type": "actor", "id": 5, "name": ["Olaf"], "kind": "person", "aliases": "Olaf"}
    assert [
        ("$.id", "invalid_type", "expected a string, not an integer"),
        ("$.name", "invalid_type", "expected a string, not an array"),
        ("$.aliases", "invalid_type", "expected a list, not a string"),
    ] == problems_of(ek.Actor, data)


def test_constructor_reports_every_field_problem_at_once() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.Actor(
            id="bad id", name="", kind="person", country="Germany", identifiers={"wikidata": "x"}
        )
    assert [
        ("$.id", "invalid_value"),
        ("$.identifiers.wikidata", "invalid_value"),
        ("$.name", "invalid_value"),
        ("$.country", "invalid_value"),
    ] == [(p.path, p.code) for p in info.value.problems]


def test_problems_in_sibling_fields_are_reported_when_another_field_fails_to_load() -> None:
    data = {"type": "actor", "id": "bad id", "name": "Olaf", "kind": "person", "aliases": "x"}
    assert [
        (
            "$.id",
            "invalid_value",
            "must not contain whitespace, control or invisible characters",
        ),
        ("$.aliases", "invalid_type", "expected a list, not a string"),
    ] == problems_of(ek.Actor, data)


@pytest.mark.parametrize(
    ("cls", "data", "expected"),
    [
        (ek.Place, {"name": "X", "lat": 10}, ("$.lon", "missing", "lat and lon go together")),
        (
            ek.Place,
            {"name": "X", "lon": 200, "lat": 0},
            ("$.lon", "out_of_range", "must be between -180 and 180"),
        ),
        (
            ek.Place,
            {"name": "X", "country": "XYZ"},
            (
                "$.country",
                "invalid_value",
                "expected an ISO 3166-1 alpha-3 country code such as DEU",
            ),
        ),
        (
            ek.Place,
            {"name": "X", "lat": float("nan"), "lon": 0},
            ("$.lat", "invalid_value", "must be a finite number"),
        ),
        (
            ek.Quantity,
            {"low": 5, "high": 2},
            ("$.high", "out_of_range", "must not be less than low (5)"),
        ),
        (ek.Quantity, {}, ("$", "missing", "a quantity needs a value, a low or a high bound")),
        (
            ek.Money,
            {"amount": 1.5, "currency": "EUR"},
            (
                "$.amount",
                "invalid_value",
                'expected an exact decimal amount as a string ("7.5") or an integer',
            ),
        ),
        (
            ek.Money,
            {"amount": "5", "currency": "EURO"},
            ("$.currency", "invalid_value", "expected an ISO 4217 currency code such as EUR"),
        ),
        # a Money figure: the union said "expected Casualties or Quantity or
        # Money, not an object" of an object
        (
            ek.Statement,
            {"id": "s", "speaker": "a", "text": "t", "figure": {"amount": 1.5, "currency": "EUR"}},
            (
                "$.figure.amount",
                "invalid_value",
                'expected an exact decimal amount as a string ("7.5") or an integer',
            ),
        ),
        (
            ek.Statement,
            {"id": "s", "speaker": "a", "text": "t", "figure": {"amount": "5", "currency": "EURO"}},
            (
                "$.figure.currency",
                "invalid_value",
                "expected an ISO 4217 currency code such as EUR",
            ),
        ),
        (
            ek.Statement,
            {"id": "s", "speaker": "a", "text": "t", "figure": {"count": 5}},
            (
                "$.figure",
                "invalid_value",
                "expected Casualties or Quantity or Money, and no member fits: "
                "as Casualties, count: unknown field for Casualties; "
                "as Quantity, count: unknown field for Quantity",
            ),
        ),
        (
            ek.Source,
            {"id": "s", "name": "S", "kind": "article", "url": "ftp://x"},
            ("$.url", "invalid_value", "expected an http(s) URL"),
        ),
        (
            ek.Source,
            {"id": "s", "name": "S", "kind": "article", "language": "German"},
            ("$.language", "invalid_value", "expected a BCP 47 language tag such as de or en-GB"),
        ),
        (
            ek.Casualties,
            {"killed": {"value": -1}},
            ("$.killed.value", "out_of_range", "a count must be a non-negative whole number"),
        ),
        (
            ek.Event,
            {"id": "e", "title": "t", "duration": {"value": 1, "unit": "kg"}},
            (
                "$.duration.unit",
                "invalid_value",
                "a duration needs a unit of time: "
                "one of day, hour, minute, month, second, week, year",
            ),
        ),
        (
            ek.Statement,
            {"id": "s", "speaker": "a", "text": "t", "disputes": ["s"]},
            ("$.disputes", "invalid_value", "must not name the statement itself"),
        ),
        (
            ek.Role,
            {"title": "Chancellor", "start": "2024", "end": "2021-12-08"},
            ("$.end", "invalid_value", "must not be before start (2024)"),
        ),
    ],
)
def test_representative_error_messages(
    cls: type, data: dict[str, Any], expected: tuple[str, str, str]
) -> None:
    assert [expected] == problems_of(cls, data)


def test_error_text_caps_long_problem_lists() -> None:
    data = {"type": "event", "id": "e", "title": "t", "tags": [""] * 25}
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Event, data)
    lines = str(info.value).splitlines()
    assert "25 problems in Event 'e'" == lines[0]
    assert "  … and 5 more" == lines[-1]
    assert 22 == len(lines)


def test_invalid_json_is_a_validation_error() -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Actor, '{"id": ')
    [problem] = info.value.problems
    assert "invalid_json" == problem.code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            b'{"type":"actor","id":"a","name":"A\xff","kind":"person"}',
            "not valid UTF-8: byte 0xff at byte offset 34 in the text (invalid start byte)",
            id="a bad byte",
        ),
        pytest.param(
            b'{"type":"actor","id":"a","name":"A\xed\xb2\x80","kind":"person"}',
            "not valid UTF-8: the surrogate U+DC80 at byte offset 34 in the text "
            "(bytes 0xed 0xb2 0x80: UTF-8 cannot hold a surrogate)",
            id="an encoded surrogate",
        ),
        pytest.param(
            '{"type":"actor","id":"é","name":"A\udc80","kind":"person"}',
            "not valid UTF-8: the lone surrogate U+DC80 at character 34 in the text "
            "(UTF-8 cannot hold a surrogate)",
            id="a str with a lone surrogate",
        ),
    ],
)
def test_text_that_is_not_utf8_is_an_encoding_problem_that_says_where(
    text: str | bytes, message: str
) -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_json(ek.Record, text)
    assert [("invalid_encoding", message)] == [(p.code, p.message) for p in info.value.problems]


def test_keep_unknown_returns_the_data_verbatim() -> None:
    data = {"type": "acme.rally", "id": "r1", "size": 3}
    record = ek.from_dict(ek.Record, data, keep_unknown=True)
    assert isinstance(record, ek.UnknownRecord)
    assert data == ek.to_dict(record)
    newer_actor = {**ACTOR, "born": "1958-06-14"}
    kept = ek.from_dict(ek.Record, newer_actor, keep_unknown=True)
    assert isinstance(kept, ek.UnknownRecord)
    assert ["unknown_field"] == [p.code for p in kept.problems]


def test_unknown_data_nested_beyond_the_limit_is_refused_not_a_stack_overflow() -> None:
    data: dict[str, Any] = {"type": "acme.rally", "id": "r1"}
    inner = data
    for _ in range(5000):  # deeper than Python's stack would allow a recursive copy
        inner["more"] = {}
        inner = inner["more"]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Record, data, keep_unknown=True)
    deep = info.value.problems[-1]
    assert ("too_deep", "r1", 64) == (deep.code, deep.record, len(deep.loc))
    with pytest.raises(ek.ValidationError, match="too_deep"):
        ek.UnknownRecord(data=data)
    inner = data
    for _ in range(400):
        inner = inner["more"]
    inner.clear()  # now 400 levels deep: within a raised limit
    with ek.limits(max_depth=500):
        kept = ek.from_dict(ek.Record, data, keep_unknown=True)
    assert data == ek.to_dict(kept)


def test_keep_unknown_still_rejects_real_mistakes() -> None:
    with pytest.raises(ek.ValidationError):
        ek.from_dict(ek.Record, {**ACTOR, "country": "Germany"}, keep_unknown=True)


def test_problem_at_moves_the_location_and_keeps_every_other_field() -> None:
    # Problem.at lists the fields by hand: every field, a new one too, must survive it.
    values: dict[str, Any] = {f.name: f"{f.name} value" for f in attrs.fields(ek.Problem)}
    problem = ek.Problem(**{**values, "loc": ("lat",)})
    moved = problem.at("place", 0)
    assert ("place", 0, "lat") == moved.loc
    assert attrs.evolve(problem, loc=moved.loc) == moved


# --- the generated fast path agrees with the checked slow path -----------------


def _json_containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=3) | st.dictionaries(
        st.text(max_size=6), children, max_size=3
    )


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    _json_containers,
    max_leaves=6,
)


@given(records(), st.data())
def test_fast_path_accepts_exactly_what_the_report_path_accepts(
    record: ek.Record, data: st.DataObject
) -> None:
    wire = ek.to_dict(record)
    key = data.draw(st.sampled_from(sorted(wire)))
    if key == "type":
        return
    wire[key] = data.draw(JSON_VALUES)
    problems = _record_problems(wire, ek.Record)
    if problems:
        with pytest.raises(ek.ValidationError):
            ek.from_dict(ek.Record, wire)
    else:
        loaded = ek.from_dict(ek.Record, wire)
        assert loaded == ek.from_dict(type(loaded), ek.to_dict(loaded))


def test_attrs_validators_of_a_custom_type_run_when_loading() -> None:
    @ek.event_type("test_serialize.count")
    @attrs.frozen(kw_only=True)
    class Count(ek.Event):
        crowd: int = attrs.field(default=0, validator=attrs.validators.ge(0))

    loaded = ek.from_dict(
        ek.Event, {"type": "test_serialize.count", "id": "c", "title": "t", "crowd": 3}
    )
    assert isinstance(loaded, Count)
    assert 3 == loaded.crowd
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(
            ek.Event, {"type": "test_serialize.count", "id": "c", "title": "t", "crowd": -1}
        )
    assert [("$.crowd", "out_of_range", "must be at least 0")] == [
        (p.path, p.code, p.message) for p in info.value.problems
    ]


def test_a_custom_post_init_runs_when_loading() -> None:
    seen: list[str] = []

    @ek.event_type("test_serialize.noted")
    @attrs.frozen(kw_only=True)
    class Noted(ek.Event):
        def __attrs_post_init__(self) -> None:
            super().__attrs_post_init__()
            seen.append(self.id)

    ek.from_dict(ek.Event, {"type": "test_serialize.noted", "id": "n1", "title": "t"})
    assert ["n1"] == seen


# --- JSON Lines in memory ---------------------------------------------------------


def test_jsonl_round_trip_keeps_order_and_skips_blank_lines() -> None:
    records = [
        ek.from_dict(ek.Record, ACTOR),
        ek.from_dict(ek.Record, EVENT),
        ek.from_dict(ek.Record, STATEMENT),
    ]
    text = ek.to_jsonl(records)
    assert 3 == text.count("\n")
    assert records == ek.from_jsonl(ek.Record, text.replace("\n", "\n\n", 1))


def test_from_jsonl_takes_the_class_first_like_from_json() -> None:
    text = ek.to_jsonl([ek.from_dict(ek.Record, ACTOR), ek.from_dict(ek.Record, EVENT)])
    assert isinstance(text, str)  # as to_json's
    assert [ek.Actor, ek.Event] == [type(r) for r in ek.from_jsonl(ek.Record, text)]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Event, text)
    assert [(1, "$.type", "wrong_type")] == [(p.line, p.path, p.code) for p in info.value.problems]
    with pytest.raises(TypeError, match=r"pass a record class such as ek\.Record first, not 3"):
        ek.from_jsonl(3, text)  # type: ignore[call-overload]
    with pytest.warns(DeprecationWarning, match=r"from_jsonl\(ek.Record, text\)"):
        old = ek.from_jsonl(text)  # type: ignore[call-overload]
    assert ek.from_jsonl(ek.Record, text) == old


@pytest.mark.parametrize("given", [5, None, ACTOR, [ACTOR], 2.5])
def test_from_json_refuses_what_is_not_text_as_from_jsonl_does(given: Any) -> None:
    # A programming error, not bad data: a dict goes to from_dict.
    name = type(given).__name__
    with pytest.raises(TypeError, match=f"from_json reads str or bytes, not {name}"):
        ek.from_json(ek.Record, given)
    with pytest.raises(TypeError, match=f"from_jsonl reads str or bytes, not {name}"):
        ek.from_jsonl(ek.Record, given)


def test_from_json_reads_bytes_in_every_buffer_orjson_reads() -> None:
    text = orjson.dumps(ACTOR, option=orjson.OPT_INDENT_2)  # not as eventkit writes it
    expected = ek.from_json(ek.Record, text)
    assert expected == ek.from_json(ek.Record, bytearray(text))
    assert expected == ek.from_json(ek.Record, memoryview(text))
    assert expected == ek.from_json(ek.Record, text.decode())


def test_from_jsonl_reports_every_bad_line_with_its_number() -> None:
    text = "\n".join(
        [
            ek.to_json(ek.from_dict(ek.Record, ACTOR)),
            '{"type": "actor"',
            '{"type": "meting", "id": "m"}',
        ]
    )
    with pytest.raises(ek.ValidationError) as info:
        ek.from_jsonl(ek.Record, text)
    assert [(2, "invalid_json"), (3, "unknown_type")] == [
        (p.line, p.code) for p in info.value.problems
    ]


def test_from_dicts_loads_every_type_in_order() -> None:
    records = ek.from_dicts([ACTOR, EVENT, STATEMENT])
    assert [ek.Actor, ek.Event, ek.Statement] == [type(r) for r in records]
    assert [ACTOR, EVENT, STATEMENT] == ek.to_dict(records)
    assert gc.isenabled()


def test_from_dicts_reports_every_bad_item_at_its_index() -> None:
    bad_place = {**EVENT, "place": {"lat": 123, "lon": 0}}
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dicts([ACTOR, {"type": "meting", "id": "m"}, bad_place, "an actor"])
    assert [
        ((1, "type"), "unknown_type", "m"),
        ((2, "place", "lat"), "out_of_range", EVENT["id"]),
        ((3,), "invalid_type", None),
    ] == [(p.loc, p.code, p.record) for p in info.value.problems]
    assert gc.isenabled()


@pytest.mark.parametrize("items", [ACTOR, "[]", b"[]"])
def test_from_dicts_rejects_one_record_or_text_where_a_list_belongs(items: Any) -> None:
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dicts(items)
    assert [((), "invalid_type")] == [(p.loc, p.code) for p in info.value.problems]


def test_from_dicts_keeps_unknown_records_when_asked() -> None:
    unknown = {"type": "acme.rally", "id": "r1", "size": 3}
    records = ek.from_dicts([ACTOR, unknown], keep_unknown=True)
    assert isinstance(records[1], ek.UnknownRecord)
    assert [ACTOR, unknown] == ek.to_dict(records)


def test_gc_paused_restores_the_collector_even_on_error() -> None:
    states = []

    def fail_inside() -> None:
        with gc_paused():
            states.append(gc.isenabled())
            raise RuntimeError

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        fail_inside()
    assert [False] == states
    assert gc.isenabled()


def _many_events() -> bytes:
    # each event is three new objects the collector tracks: itself and two tuples
    return b"".join(orjson.dumps({**EVENT, "id": f"e{i}"}) + b"\n" for i in range(50_000))


def test_a_bulk_load_leaves_its_records_in_the_oldest_generation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Turned back on, the collector walked every record made during the pause as a
    # young object, only to keep it: about 3 s at a million events.
    monkeypatch.setattr(eventkit._serialize, "_frozen_by_program", False)
    text = _many_events()
    gc.collect()  # the counts at zero: the walk after the load would be of the young alone
    records = ek.from_jsonl(ek.Event, text)
    _ = [object()]  # the caller's next allocation: it runs the young collection, if one is owed
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(r) in oldest for r in (records[0], records[-1], records[0].participants))
    assert gc.isenabled()


def test_a_bulk_load_leaves_the_objects_a_program_froze_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(eventkit._serialize, "_frozen_by_program", False)
    text = _many_events()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        records = ek.from_jsonl(ek.Record, text)
        assert frozen == gc.get_freeze_count()
        assert id(records[0]) not in {id(o) for o in gc.get_objects(generation=2)}
        # asked once: asking walks every frozen object, on every load
        assert eventkit._serialize._frozen_by_program
    finally:
        gc.unfreeze()


def test_loading_shares_equal_participants_and_citations_but_never_bad_data() -> None:
    # Equal participants and citations made of strings are one object each:
    # fewer objects to hold and for the collector to walk. Data of other values
    # (a bool, a dict) is neither looked up nor remembered: it is judged on its own.
    event = {"type": "event", "title": "T", "participants": [{"actor": "a", "role": "host"}]}
    cited = {"source": "dpa", "excerpt": "41 people"}
    first, second = ek.from_dicts(
        [
            {**event, "id": "e1", "sources": [cited]},
            {**event, "id": "e2", "sources": [cited, {**cited, "confidence": 1}]},
        ]
    )
    assert first.participants[0] is second.participants[0]
    assert first.sources[0] is second.sources[0]
    assert 1 == second.sources[1].confidence
    assert '"confidence":1}' in ek.to_json(second)  # not a 1.0 met before
    bad_role = [{"actor": "a", "role": None}]
    with pytest.raises(ek.ValidationError, match=r"participants\[0\]\.role"):
        ek.from_dict(ek.Event, {**event, "id": "e3", "participants": bad_role})
    with pytest.raises(ek.ValidationError, match="confidence"):
        ek.from_dict(ek.Event, {**event, "id": "e4", "sources": [{**cited, "confidence": True}]})


def test_the_keys_that_share_participants_and_citations_are_not_walked_by_the_collector() -> None:
    # The look-up keys of shared values hold text, numbers and a mark for a key
    # left out: made only of untracked objects, each key is untracked by the
    # first collection it survives instead of walked by every full one.
    event = {"type": "event", "id": "e1", "title": "T"}
    participant = {"actor": "a"}  # role and certainty left out: the mark in the key
    ek.from_dict(ek.Event, {**event, "participants": [participant], "sources": [{"source": "s"}]})
    gc.collect()
    for cls in (ek.Participant, ek.Citation):
        keys = list(structure_function(cls).__globals__["SHARED"])
        assert keys
        assert not [key for key in keys if gc.is_tracked(key)]


@pytest.mark.parametrize(
    ("confidences", "shared"),
    [
        pytest.param([0.5, 0.5], True, id="equal-floats"),
        pytest.param([1.0, 1], False, id="a-float-then-an-equal-int"),
        pytest.param([1, 1.0], False, id="an-int-then-an-equal-float"),
        pytest.param([0.0, -0.0], False, id="zero-then-minus-zero"),
        pytest.param([-0.0, 0.0], False, id="minus-zero-then-zero"),
    ],
)
def test_loading_shares_equal_citations_and_keeps_each_number_as_given(
    confidences: list[float], shared: bool
) -> None:
    # A citation with a confidence is shared too; a number equal to another
    # but written otherwise (1 and 1.0, 0.0 and -0.0) is not the other's
    # citation: each is written back as it was given.
    cited = {"source": "dpa", "excerpt": "41 people"}
    rows = [
        {"type": "event", "id": f"e{n}", "title": "T", "sources": [{**cited, "confidence": c}]}
        for n, c in enumerate(confidences)
    ]
    first, second = ek.from_dicts(rows)
    assert (first.sources[0] is second.sources[0]) == shared
    for event, number in zip((first, second), confidences, strict=True):
        written = ek.to_dict(event)["sources"][0]["confidence"]
        assert type(written) is type(number)
        assert math.copysign(1, written) == math.copysign(1, number)


def test_a_shared_participant_or_citation_is_no_pass_for_an_unknown_key() -> None:
    # A shared object is found before the keys are checked: the number of keys
    # is part of what is compared, so one more key (known or not) finds nothing.
    event = {"type": "event", "title": "T", "participants": [{"actor": "a", "role": "host"}]}
    cited = {"source": "dpa", "excerpt": "41 people"}
    ek.from_dict(ek.Event, {**event, "id": "e1", "sources": [cited]})
    sneaky = {**event, "id": "e2", "sources": [{**cited, "page": "4"}]}
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dict(ek.Event, sneaky)
    assert [(("sources", 0, "page"), "unknown_field")] == [
        (p.loc, p.code) for p in info.value.problems
    ]
    extra = [{"actor": "a", "role": "host", "rank": "1"}]
    with pytest.raises(ek.ValidationError) as info:
        ek.from_dicts([{**event, "id": "e3", "participants": extra}])
    assert [((0, "participants", 0, "rank"), "unknown_field")] == [
        (p.loc, p.code) for p in info.value.problems
    ]


def test_loading_keeps_one_string_for_the_ids_of_actors_and_sources_many_records_name() -> None:
    # Two texts, so two str objects for each id as parsed; loading keeps one.
    made = [
        {"id": f"s{n}", "speaker": "olaf-scholz", "text": "T", "via": "dpa", "event": f"ev-{n}"}
        for n in (1, 2)
    ]
    first, second = (ek.from_json(ek.Statement, orjson.dumps(data)) for data in made)
    assert first.speaker is second.speaker
    assert first.via is second.via
    assert ("ev-1", "ev-2") == (first.event, second.event)


# --- 2,000 records of every type ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Position:
    """A plugin's own value class, checked by attrs validators."""

    lat: float = attrs.field(validator=[attrs.validators.ge(-90), attrs.validators.le(90)])
    lon: float = attrs.field(validator=[attrs.validators.ge(-180), attrs.validators.le(180)])


@ek.event_type("test_serialize.boarding")
@attrs.frozen(kw_only=True)
class _Boarding(ek.Event):
    """A custom type with an alias, a renamed field, a check, a reference and a nested class."""

    boarders: int | None = ek.field(
        default=None, alias="n", old_names=["count"], check=ek.checks.in_range(0, 500)
    )
    by: ek.ActorId | None = None
    position: _Position | None = None


_KINDS = [ek.Actor, ek.Source, ek.Statement, ek.Provenance, ek.Event, _Boarding]


@pytest.mark.slow
@pytest.mark.parametrize("cls", _KINDS, ids=lambda cls: cls.__name__)
def test_2000_records_of_each_kind_round_trip_with_shrinking(cls: type[ek.Record]) -> None:
    """2,000 of each kind of record and of a custom type, through hypothesis.

    Every registered type also makes 2,000 round trips through dicts, JSON Lines
    and Parquet in tests/test_columnar.py, drawn once for all three; this test
    adds what ``@given`` gives: a failure shrunk to its smallest record.
    """

    @settings(max_examples=2_000, suppress_health_check=list(HealthCheck), database=None)
    @given(records(cls, subclasses=False))
    def round_trip(record: ek.Record) -> None:
        assert type(record) is cls
        assert record == ek.from_dict(cls, ek.to_dict(record))
        assert record == ek.from_json(ek.Record, ek.to_json(record))
        assert [record] == ek.from_jsonl(ek.Record, ek.to_jsonl([record]))

    round_trip()


@pytest.mark.parametrize("count", range(6))
def test_lists_of_every_length_load_and_dump_item_for_item(count: int) -> None:
    # the lists of one to three items are made in one expression each way, the others in a loop
    data = {
        **EVENT,
        "participants": [{"actor": f"a{i}", "role": "observer"} for i in range(count)],
        "sources": [{"source": f"s{i}", "locator": f"p. {i}"} for i in range(count)],
        "tags": [f"t{i}" for i in range(count)],
    }
    expected = {k: v for k, v in data.items() if v != []}
    event = ek.from_dict(ek.Event, data)
    assert count == len(event.participants) == len(event.sources)
    assert expected == ek.to_dict(event)
    assert [expected] == [orjson.loads(line) for line in ek.to_jsonl([event]).splitlines()]
