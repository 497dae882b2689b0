"""The one converter: records to plain data and JSON, and back.

Everything goes through a single cattrs converter built in `_converter`.
Its hooks for eventkit's validated classes are the functions `_codegen`
writes once per class; cattrs supplies the hooks for every other type.
Loading has two paths that share those hooks:

* the **fast path** — the generated, straight-line structuring functions,
  built the first time a class is met (so a class registered later works);
  it raises at the first problem;
* the **report path** — only when the fast path failed: `_diagnose`
  walks the same data field by field, using the same hooks for the leaves,
  and collects *every* problem with its path. Correct input never pays for it.

Records are written as dicts with ``"type"`` first, then fields in
declaration order with defaults left out, so output is deterministic.
"""

import contextlib
import enum
import functools
import gc
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar, Union, overload

import attrs
import orjson

from eventkit import _registry
from eventkit._checks import member
from eventkit._codegen import (
    converter_function,
    make_structure,
    make_unstructure,
    optional_of,
    tuple_item,
)
from eventkit._records import Record
from eventkit._time import PartialDate, TimeSpan, When, parse_edtf
from eventkit._validated import Validated
from eventkit._vocab import lookup
from eventkit.exceptions import Problem, UnknownTypeError, ValidationError

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "UnknownRecord",
    "from_dict",
    "from_dicts",
    "from_json",
    "from_jsonl",
    "gc_paused",
    "to_dict",
    "to_json",
    "to_jsonl",
]

T = TypeVar("T")
_NoneType = type(None)


@attrs.frozen(kw_only=True)
class UnknownRecord:
    """A record kept verbatim because this eventkit could not read it.

    Returned by ``from_dict(..., keep_unknown=True)`` for data with a type
    tag no installed class claims, or with fields the class does not have
    (data written by a newer eventkit or a plugin not installed here).
    `to_dict` gives the data back unchanged, so nothing is lost.

    Examples:
        >>> import eventkit as ek
        >>> r = ek.from_dict(ek.Record, {"type": "acme.rally", "id": "r1", "size": 3},
        ...                  keep_unknown=True)
        >>> r.tag, r.id, ek.to_json(r)
        ('acme.rally', 'r1', '{"type":"acme.rally","id":"r1","size":3}')
    """

    data: Mapping[str, Any]
    problems: tuple[Problem, ...] = ()

    @property
    def tag(self) -> Any:
        """The type tag in the data."""
        return self.data.get("type")

    @property
    def id(self) -> Any:
        """The id in the data, if any."""
        return self.data.get("id")


# --- leaf hooks ------------------------------------------------------------


def _fail(code: str, message: str, value: Any) -> NoReturn:
    raise ValidationError([Problem(code=code, message=message, input=value)])


def _structure_str(value: Any, _: type) -> str:
    if type(value) is str:
        return value
    _fail("invalid_type", f"expected a string, got {type(value).__name__}", value)


def _structure_int(value: Any, _: type) -> int:
    if type(value) is int:
        return value
    _fail("invalid_type", f"expected an integer, got {type(value).__name__}", value)


def _structure_float(value: Any, _: type) -> float:
    # Integers stay integers so that 10 casualties do not come back as 10.0.
    if type(value) is float or type(value) is int:
        return value
    _fail("invalid_type", f"expected a number, got {type(value).__name__}", value)


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is bool:
        return value
    _fail("invalid_type", f"expected true or false, got {type(value).__name__}", value)


def _structure_decimal(value: Any, _: type) -> Decimal:
    if type(value) is str or type(value) is int:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if amount.is_finite():
                return amount
    _fail(
        "invalid_value",
        'expected an exact decimal amount as a string ("7.5") or an integer',
        value,
    )


def _when_from_wire(value: Any) -> When:
    if type(value) is str:
        return parse_edtf(value)
    if type(value) is dict and value.keys() == {"edtf", "text"} and type(value["text"]) is str:
        return attrs.evolve(parse_edtf(value["edtf"]), text=value["text"])
    _fail(
        "invalid_type",
        'expected an EDTF string, or {"edtf": ..., "text": ...} to keep the original text',
        value,
    )


def _structure_when(value: Any, _: type) -> When:
    return _when_from_wire(value)


def _structure_partial_date(value: Any, _: type) -> PartialDate:
    when = _when_from_wire(value)
    if type(when) is not PartialDate:
        _fail("invalid_value", "expected a single date, not a span", value)
    return when


def _unstructure_when(value: PartialDate | TimeSpan) -> str | dict[str, str]:
    if value.text is None:
        return value.to_edtf()
    return {"edtf": value.to_edtf(), "text": value.text}


_member_check = functools.cache(member)


def _structure_member(value: Any, vocabulary: type[enum.StrEnum]) -> enum.StrEnum:
    found = lookup(vocabulary, value)
    if found is None:
        raise ValidationError(_member_check(vocabulary)(value) or ())
    return found


def _unstructure_member(value: enum.StrEnum) -> str:
    return value.value


def _open_vocabulary(tp: Any) -> type[enum.StrEnum] | None:
    """The vocabulary of an open field typed ``Vocabulary | str``, else None."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (Union, types.UnionType) and len(args) == 2 and args[1] is str:
        vocabulary = args[0]
        if isinstance(vocabulary, type) and issubclass(vocabulary, enum.StrEnum):
            return vocabulary
    return None


def _open_member_hook(tp: Any) -> Callable[[Any, Any], str]:
    vocabulary = _open_vocabulary(tp)
    members = vocabulary._value2member_map_  # type: ignore[union-attr]

    def structure(value: Any, _: Any) -> str:
        # A custom value stays a plain string; the record's check judges its syntax.
        if type(value) is str:
            return members.get(value, value)  # type: ignore[return-value]
        return _structure_str(value, str)

    return structure


def _optional_hook(converter: "cattrs.Converter") -> Callable[[Any], Callable[[Any, Any], Any]]:
    # cattrs' own optional hook dispatches on every call; this one binds the inner hook once.
    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        inner_type = optional_of(tp)
        inner = converter.get_structure_hook(inner_type)

        def structure(value: Any, _: Any) -> Any:
            return None if value is None else inner(value, inner_type)

        return structure

    return factory


def _tuple_hook(converter: "cattrs.Converter") -> Callable[[Any], Callable[[Any, type], Any]]:
    def factory(tp: Any) -> Callable[[Any, type], Any]:
        item_type = tuple_item(tp)
        item_hook = converter.get_structure_hook(item_type)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                _fail("invalid_type", f"expected a list, got {type(value).__name__}", value)
            return tuple([item_hook(item, item_type) for item in value])

        return structure

    return factory


def _is_when(tp: Any) -> bool:
    return tp in (When, When | None)


def _is_partial_date(tp: Any) -> bool:
    return tp in (PartialDate, PartialDate | None)


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Record)


def _is_value_type(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Validated) and not issubclass(tp, Record)


def _is_plain_attrs(tp: Any) -> bool:
    # A user's own attrs class inside a custom event type: cattrs' generated code.
    return (
        isinstance(tp, type)
        and attrs.has(tp)
        and not issubclass(tp, Validated | PartialDate | TimeSpan)
    )


# --- record hooks ----------------------------------------------------------

_structurers: dict[type, Callable[[Any], Record]] = {}
_unstructurers: dict[type, Callable[[Any], dict[str, Any]]] = {}


_value_structurers: dict[type, Callable[[Any], Any]] = {}


def _structure_hook(tp: Any) -> Callable[[Any], Any]:
    """A one-argument hook for ``tp``: generated code for value types, else cattrs'."""
    if _is_value_type(tp):
        structure = _value_structurers.get(tp)
        if structure is None:
            structure = _value_structurers[tp] = make_structure(tp, _structure_hook)
        return structure
    if _is_when(tp):  # the commonest hook of all, without an adapter (null takes the report path)
        return _when_from_wire
    hook = _converter().get_structure_hook(tp)
    return lambda value: hook(value, tp)


_cached_structure_hook = functools.cache(_structure_hook)


def _value_type_structurer(cls: type) -> Callable[[Any, Any], Any]:
    structure = _structure_hook(cls)
    return lambda value, _: structure(value)


def _record_class(data: Mapping[str, Any], base: type[Record]) -> type[Record]:
    tag = data.get("type")
    if tag is None:
        # With no tag, the requested class itself is meant (it must be registered).
        tag = _registry.tag_of(base)
    return _registry.resolve(tag, base)


def _record_structurer(tag: Any, base: type[Record]) -> Callable[[Any], Record]:
    cls = _record_class({} if tag is None else {"type": tag}, base)
    structure = _structurers.get(cls)
    if structure is None:
        structure = make_structure(cls, _structure_hook, allowed_extra=frozenset({"type"}))
        _structurers[cls] = structure
    if isinstance(tag, str) or tag is None:
        # A tag, once resolved below a base, always names the same class: tags
        # are never re-registered, so the look-up is remembered.
        _by_tag.setdefault(base, {})[tag] = structure
    return structure


_by_tag: dict[type, dict[Any, Callable[[Any], Record]]] = {}


def _structure_record(data: Any, base: type[Record]) -> Record:
    if type(data) is not dict:
        _fail("invalid_type", f"expected an object, got {type(data).__name__}", data)
    tag = data.get("type")
    structure = _by_tag.get(base, {}).get(tag) or _record_structurer(tag, base)
    return structure(data)


def _unstructure_record(record: Record) -> dict[str, Any]:
    cls = type(record)
    unstructure = _unstructurers.get(cls)
    if unstructure is None:
        unstructure = make_unstructure(
            cls, _converter().get_unstructure_hook, tag=_registry.tag_of(cls)
        )
        _unstructurers[cls] = unstructure
    return unstructure(record)


@functools.cache
def _converter() -> "cattrs.Converter":
    """The converter, built on first use (cattrs costs ~20 ms to import)."""
    import cattrs  # noqa: PLC0415 - see the docstring
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn  # noqa: PLC0415

    converter = cattrs.Converter(omit_if_default=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    # Registered on StrEnum itself: the vocabularies are str subclasses, and
    # cattrs' singledispatch would otherwise hand them to the str hooks.
    converter.register_structure_hook(enum.StrEnum, _structure_member)
    converter.register_unstructure_hook(enum.StrEnum, _unstructure_member)
    converter.register_structure_hook_factory(
        lambda tp: optional_of(tp) is not None and not _is_when(tp) and not _is_partial_date(tp),
        _optional_hook(converter),
    )
    converter.register_structure_hook_factory(
        lambda tp: _open_vocabulary(tp) is not None, _open_member_hook
    )
    converter.register_structure_hook_factory(
        lambda tp: tuple_item(tp) is not None, _tuple_hook(converter)
    )
    converter.register_unstructure_hook_factory(
        lambda tp: tuple_item(tp) is not None,
        lambda tp: _list_unstructurer(converter, tuple_item(tp)),
    )
    converter.register_unstructure_hook_func(
        lambda tp: isinstance(tp, type) and issubclass(tp, Mapping), dict
    )
    converter.register_structure_hook_func(_is_when, _structure_when)
    converter.register_structure_hook_func(_is_partial_date, _structure_partial_date)
    converter.register_unstructure_hook(PartialDate, _unstructure_when)
    converter.register_unstructure_hook(TimeSpan, _unstructure_when)
    converter.register_unstructure_hook_func(_is_when, _unstructure_when_or_none)
    converter.register_structure_hook_factory(
        _is_plain_attrs,
        lambda cls: make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True),
    )
    converter.register_unstructure_hook_factory(
        _is_plain_attrs,
        lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
    )
    converter.register_structure_hook_factory(_is_value_type, _value_type_structurer)
    converter.register_unstructure_hook_factory(
        _is_value_type, lambda cls: make_unstructure(cls, converter.get_unstructure_hook)
    )
    converter.register_structure_hook_func(_is_record, _structure_record)
    converter.register_unstructure_hook_func(_is_record, _unstructure_record)
    return converter


def _unstructure_when_or_none(value: PartialDate | TimeSpan | None) -> Any:
    return None if value is None else _unstructure_when(value)


def _list_unstructurer(converter: "cattrs.Converter", item_type: Any) -> Callable[[Any], list[Any]]:
    if item_type in (str, int, float, bool):
        return list
    item_hook = converter.get_unstructure_hook(item_type)

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    return unstructure


# --- the report path -------------------------------------------------------


@functools.cache
def _shape(tp: Any) -> tuple[str, Any, bool]:
    """How the report path walks ``tp``: a kind, its inner type, and whether None is allowed.

    Kinds: ``optional`` (one type or None), ``list`` (a homogeneous tuple),
    ``object`` (an attrs class), ``leaf`` (anything the converter's hooks take).
    Computed once per type: the report path runs for every bad record.
    """
    union = typing.get_origin(tp) in (Union, types.UnionType)
    if union and not _is_when(tp) and not _is_partial_date(tp):
        args = [arg for arg in typing.get_args(tp) if arg is not _NoneType]
        allows_none = len(args) < len(typing.get_args(tp))
        if len(args) == 1:
            return "optional", args[0], allows_none
        return "leaf", None, allows_none
    item_type = tuple_item(tp)
    if item_type is not None:
        return "list", item_type, False
    if isinstance(tp, type) and attrs.has(tp):
        return "object", tp, False
    return "leaf", None, False


def _diagnose(  # noqa: PLR0911 - one exit per shape
    value: Any, tp: Any, loc: tuple[str | int, ...]
) -> tuple[Any, list[Problem]]:
    """Structure ``value`` as ``tp`` without stopping at the first problem."""
    kind, inner, allows_none = _shape(tp)
    if value is None and allows_none:
        return None, []
    if kind == "optional":
        return _diagnose(value, inner, loc)
    if kind == "list" or (kind == "object" and not issubclass(inner, Record)):
        # Most parts of a bad record are fine: try the fast code first and walk
        # only the parts it rejects (it accepts exactly what the walk accepts).
        try:
            return _cached_structure_hook(tp)(value), []
        except Exception:  # the walk below says what is wrong
            pass
    if kind == "list":
        return _diagnose_list(value, inner, loc)
    if kind == "object":
        return _diagnose_object(value, inner, loc)
    try:
        return _cached_structure_hook(tp)(value), []
    except ValidationError as error:
        return None, [problem.at(*loc) for problem in error.problems]
    except Exception as error:
        return None, [Problem(loc=loc, code="invalid_value", message=str(error), input=value)]


def _diagnose_list(
    value: Any, item_type: Any, loc: tuple[str | int, ...]
) -> tuple[Any, list[Problem]]:
    if type(value) is not list and type(value) is not tuple:
        message = f"expected a list, got {type(value).__name__}"
        return None, [Problem(loc=loc, code="invalid_type", message=message, input=value)]
    items, problems = [], []
    for index, item in enumerate(value):
        structured, found = _diagnose(item, item_type, (*loc, index))
        items.append(structured)
        problems.extend(found)
    return tuple(items), problems


@functools.cache
def _init_fields(cls: type) -> tuple[tuple["attrs.Attribute[Any]", ...], frozenset[str]]:
    """The fields ``__init__`` takes, and the keys data may carry (``type`` for records)."""
    fields = tuple(field for field in attrs.fields(cls) if field.init)
    extra = {"type"} if issubclass(cls, Record) else set()
    return fields, frozenset({*(field.name for field in fields), *extra})


def _diagnose_object(
    value: Any, cls: type, loc: tuple[str | int, ...]
) -> tuple[Any, list[Problem]]:
    if type(value) is not dict:
        message = f"expected an object, got {type(value).__name__}"
        return None, [Problem(loc=loc, code="invalid_type", message=message, input=value)]
    if issubclass(cls, Record):
        try:
            cls = _record_class(value, cls)
        except ValidationError as error:
            return None, [problem.at(*loc) for problem in error.problems]
    fields, allowed = _init_fields(cls)
    problems = [
        Problem(
            loc=(*loc, key),
            code="unknown_field",
            message=f"unknown field for {cls.__name__}",
            input=value[key],
        )
        for key in value
        if key not in allowed
    ]
    values: dict[str, Any] = {}
    for field in fields:
        if field.name in value:
            structured, found = _diagnose(value[field.name], field.type, (*loc, field.name))
            if found:
                problems.extend(found)
            else:
                values[field.name] = structured
        elif field.default is attrs.NOTHING:
            problems.append(
                Problem(loc=(*loc, field.name), code="missing", message="required field missing")
            )
    if not problems:
        try:
            return cls(**values), []
        except ValidationError as error:
            problems.extend(problem.at(*loc) for problem in error.problems)
    else:
        problems.extend(_field_problems(cls, values, loc))
    return None, problems


def _field_problems(
    cls: type, values: Mapping[str, Any], loc: tuple[str | int, ...]
) -> list[Problem]:
    """Run the checks of the fields that did structure, when others did not."""
    problems: list[Problem] = []
    for field in attrs.fields(cls):
        field_check = field.metadata.get("check")
        if field_check is None or field.name not in values:
            continue
        value = values[field.name]
        convert = converter_function(field)
        if convert is not None:
            value = convert(value)
        problems.extend(problem.at(*loc, field.name) for problem in field_check(value) or ())
    return problems


def _with_record_id(problems: list[Problem], data: Any) -> list[Problem]:
    record_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(record_id, str):
        return problems
    return [p if p.record is not None else attrs.evolve(p, record=record_id) for p in problems]


# --- the public vocabulary -------------------------------------------------


@overload
def from_dict(cls: type[T], data: Any, *, keep_unknown: Literal[False] = ...) -> T: ...
@overload
def from_dict(cls: type[T], data: Any, *, keep_unknown: bool) -> T | UnknownRecord: ...
def from_dict(cls: Any, data: Any, *, keep_unknown: bool = False) -> Any:
    """Build a validated ``cls`` from plain data (as parsed from JSON).

    For record classes the ``type`` tag picks the class:
    ``from_dict(ek.Event, d)`` returns a `PhoneCall` when ``d`` says
    ``"type": "phone_call"``, and ``from_dict(ek.Record, d)`` loads any record.

    Args:
        cls: the class wanted (or a base of it).
        data: the plain data.
        keep_unknown: return an `UnknownRecord` instead of raising when
            the only problems are an unknown type tag or unknown fields.

    Raises:
        ValidationError: every problem in ``data``, each with its path.

    Examples:
        >>> import eventkit as ek
        >>> ek.from_dict(ek.Actor, {"type": "actor", "id": "olaf-scholz",
        ...                         "name": "Olaf Scholz", "kind": "person", "country": "DEU"}).name
        'Olaf Scholz'
    """
    try:
        if isinstance(cls, type) and issubclass(cls, Record):
            return _structure_record(data, cls)
        return _converter().structure(data, cls)
    except Exception:
        _, problems = _diagnose(data, cls, ())
        if not problems:  # the two paths disagree: a bug in eventkit, not bad data
            raise
        problems = _with_record_id(problems, data)
        if keep_unknown and all(p.code in ("unknown_type", "unknown_field") for p in problems):
            return UnknownRecord(data=data, problems=tuple(problems))
        title = cls.__name__ if isinstance(cls, type) else str(cls)
        record_id = data.get("id") if isinstance(data, dict) else None
        if isinstance(record_id, str):
            title = f"{title} {record_id!r}"
        error = (
            UnknownTypeError if all(p.code == "unknown_type" for p in problems) else ValidationError
        )
        raise error(problems, title=title) from None  # the fast path's signal is noise to users


def to_dict(value: Any) -> Any:
    """Return ``value`` (a record, value type, or list of them) as plain data.

    Records start with their ``"type"`` tag; defaults are left out; dates are
    EDTF strings; money amounts are decimal strings. For a list, the
    collector is paused while the dicts are built (the bulk counterpart of
    :func:`from_dicts`).

    Examples:
        >>> import eventkit as ek
        >>> ek.to_dict(ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person"))
        {'type': 'actor', 'id': 'olaf-scholz', 'name': 'Olaf Scholz', 'kind': 'person'}
    """
    if isinstance(value, UnknownRecord):
        return dict(value.data)
    if isinstance(value, list | tuple):
        with gc_paused():  # many new dicts at once, as in from_dicts
            return [to_dict(item) for item in value]
    if isinstance(value, Record):
        return _unstructure_record(value)
    return _converter().unstructure(value)


def to_json(value: Any) -> str:
    """Return ``value`` as compact JSON text (see `to_dict`).

    Examples:
        >>> import eventkit as ek
        >>> ek.to_json(ek.Citation(source="reuters"))
        '{"source":"reuters"}'
    """
    return orjson.dumps(to_dict(value)).decode()


@overload
def from_json(cls: type[T], text: str | bytes, *, keep_unknown: Literal[False] = ...) -> T: ...
@overload
def from_json(cls: type[T], text: str | bytes, *, keep_unknown: bool) -> T | UnknownRecord: ...
def from_json(cls: Any, text: str | bytes, *, keep_unknown: bool = False) -> Any:
    """Parse JSON text and build a validated ``cls`` (see `from_dict`).

    Raises:
        ValidationError: the text is not JSON (code ``invalid_json``), or the
            data is not a valid ``cls``.

    Examples:
        >>> import eventkit as ek
        >>> ek.from_json(ek.Citation, '{"source": "reuters"}')
        Citation(source='reuters', excerpt=None, locator=None)
    """
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        problem = Problem(
            code="invalid_json", message=f"not valid JSON: {error.msg} at character {error.pos}"
        )
        raise ValidationError([problem], title=cls.__name__) from None
    return from_dict(cls, data, keep_unknown=keep_unknown)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk load.

    Records hold no reference cycles, so the collector has nothing to free
    while they are built; left on, it walks every new object again and again
    (profiles show it costing a fifth of load time). Its previous state is
    restored afterwards, even on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_all(
    items: Iterable[tuple[int, Any]],
    fast: Callable[[Any], Any],
    slow: Callable[[Any], Any],
    place: Callable[[Problem, int], Problem],
    title: str,
) -> list[Any]:
    """Load every item with the collector paused: ``fast`` first, ``slow`` to report.

    ``items`` are ``(position, item)`` pairs; ``place`` puts a problem at its
    item's position (a line number, an index). Every bad item is reported,
    none hides another, and no records are returned then.
    """
    records: list[Any] = []
    problems: list[Problem] = []
    with gc_paused():
        for position, item in items:
            try:
                records.append(fast(item))
            except Exception:
                try:
                    records.append(slow(item))
                except ValidationError as error:
                    problems.extend(place(problem, position) for problem in error.problems)
    if problems:
        raise ValidationError(problems, title=title)
    return records


def from_dicts(items: Iterable[Any], *, keep_unknown: bool = False) -> list[Any]:
    """Load every record of a sequence of plain dicts, in order.

    The bulk counterpart of :func:`from_dict` for records of any type (each
    dict's ``type`` tag picks its class): the collector is paused while the
    records are built (1.6× the speed of ``from_dict`` in a loop for the
    benchmark's 200,000 records).

    Raises:
        ValidationError: every problem of every bad item, its path starting
            with the item's index; the good items are not returned then. A
            single dict (or a string) instead of a list is ``invalid_type``.

    Examples:
        >>> import eventkit as ek
        >>> [r.id for r in ek.from_dicts([{"type": "actor", "id": "a", "name": "A",
        ...                                "kind": "person"}])]
        ['a']
        >>> ek.from_dicts([{"type": "actor", "id": "a", "name": "A", "kind": "person"},
        ...                {"type": "actor", "id": "b", "kind": "person"}])
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in records
          record 'b': $[1].name: required field missing [missing]
    """
    if isinstance(items, Mapping | str | bytes):  # one record, or text, where a list belongs
        message = f"expected a list of objects, got {type(items).__name__}"
        problem = Problem(code="invalid_type", message=message, input=items)
        raise ValidationError([problem], title="records")
    return _load_all(
        enumerate(items),
        lambda data: _structure_record(data, Record),
        lambda data: from_dict(Record, data, keep_unknown=keep_unknown),
        lambda problem, index: problem.at(index),
        "records",
    )


def from_jsonl(text: str | bytes, *, keep_unknown: bool = False) -> list[Any]:
    r"""Load every record of a JSON Lines text, in order (blank lines are skipped).

    The bulk counterpart of :func:`from_json`: the collector is paused while
    the records are built. For files, use ``ek.iter_records`` or
    ``ek.Dataset.load``, which stream and report the file name too.

    Raises:
        ValidationError: every problem of every bad line, each with its line
            number; the good lines are not returned then.

    Examples:
        >>> import eventkit as ek
        >>> text = '{"type":"actor","id":"a","name":"A","kind":"person"}\n\n'
        >>> [r.id for r in ek.from_jsonl(text)]
        ['a']
    """
    lines = (text.encode() if isinstance(text, str) else text).splitlines()
    return _load_all(
        ((number, line) for number, line in enumerate(lines, start=1) if line.strip()),
        lambda line: _structure_record(orjson.loads(line), Record),
        lambda line: from_json(Record, line, keep_unknown=keep_unknown),
        lambda problem, number: attrs.evolve(problem, line=number),
        "JSON Lines",
    )


def to_jsonl(records: Iterable[Any]) -> bytes:
    r"""Return records as JSON Lines: one compact record per line, UTF-8.

    Examples:
        >>> import eventkit as ek
        >>> ek.to_jsonl([ek.Actor(id="a", name="A", kind="person")])
        b'{"type":"actor","id":"a","name":"A","kind":"person"}\n'
    """
    dumps = orjson.dumps
    # Appending to one bytearray measured faster than joining a list of lines.
    out = bytearray()
    for record in records:
        # The class's generated function once it exists (to_dict makes it on first use).
        unstructure = _unstructurers.get(record.__class__)
        out += dumps(to_dict(record) if unstructure is None else unstructure(record))
        out += b"\n"
    return bytes(out)
