"""Code generated once per class from its field descriptions: the fast path.

For each attrs class eventkit meets, four functions are written from
`eventkit._fields.describe` — never from data — and compiled once:

* ``validate(obj)``: every field of a constructed object, each tested by its
  shape's *fast condition* written inline (the type, then each check's
  condition); only a value that fails it is handed to `eventkit._explain`,
  which says what is wrong. Then the class's ``cross_check``.
* ``structure(data)``: a dict from JSON to an object: unknown keys refused,
  each field read (under its key or an old name) or defaulted, converted
  where its shape needs it (lists to tuples, strings to members, dates,
  nested objects), tested inline, and set in the object's slots; then the
  attrs validators, the class's own ``__attrs_post_init__`` and its
  ``cross_check``. It raises at the first doubt: the report path
  (`eventkit._diagnose`) then says what is wrong.
* ``unstructure(obj)``: the fields that differ from their defaults, in
  declaration order, as plain data.
* ``references(obj)``: every id the object holds in a reference field, with
  its path and the kinds of record it may name, nested objects included.
* ``targets(adder)(obj)``: the same ids without their paths, each passed to
  the adder of its kinds, nested objects written inline: what a bulk
  reference check needs, at a fraction of the cost (`Dataset.load`).

The source of every function is registered with `linecache` under a name
such as ``<eventkit structure eventkit._records.Place>``, so tracebacks and
debuggers show the generated line. `Code` is how each is written; the
columnar readers write theirs with it too.
"""

from __future__ import annotations

import contextlib
import copy
import enum
import itertools
import linecache
import math
import sys
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from eventkit._explain import value_problems
from eventkit._fields import ClassInfo, Field, describe, value_classes
from eventkit._friendly import friendly, holds_mapping
from eventkit._memo import memoize
from eventkit._shapes import (
    JSON_LIMITS,
    Dates,
    FrozenDict,
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
    parts,
    vocabulary_member,
    vocabulary_members,
)
from eventkit._slots import loading_twin, slot_setter
from eventkit._time import parse_edtf_cached
from eventkit._vocab import CUSTOM_VALUE
from eventkit._wire import date_from_wire, date_to_wire, decimal_from_wire
from eventkit.checks import Check, country
from eventkit.exceptions import Problem

__all__ = [
    "REFUSALS",
    "Code",
    "SlowPath",
    "references_function",
    "shadowed_members",
    "shape_unstructurer",
    "structure_function",
    "targets_function",
    "told_apart",
    "unstructure_function",
    "validator",
    "written_default",
]

Reference = tuple[tuple[str | int, ...], str, int]  # (path, id, kinds as RefKind's int value)


class SlowPath(Exception):
    """Raised by generated code when a value is not plainly valid."""


REFUSALS: tuple[type[Exception], ...] = (
    SlowPath,
    ValueError,  # ValidationError among them: a bad date or amount
    TypeError,  # an unhashable value where a string belongs
    ArithmeticError,
    LookupError,
)
"""What generated code raises for data it refuses; anything else is a bug and propagates."""


_counter = itertools.count()
# What is being generated now, as (kind, class): a class that holds itself,
# directly or not, refers to its own function through a late look-up.
_generating: set[tuple[str, type]] = set()


def _late(make: Callable[[type], Callable[..., Any]], cls: type) -> Callable[..., Any]:
    """A function that calls ``make(cls)``'s function, made when first called, not now."""

    def call(*args: Any) -> Any:
        return make(cls)(*args)

    return call


@contextlib.contextmanager
def _generating_for(kind: str, cls: type) -> Iterator[None]:
    _generating.add((kind, cls))
    try:
        yield
    finally:
        _generating.discard((kind, cls))


def _compile(name: str, lines: list[str], namespace: dict[str, Any], label: str) -> Any:
    """Compile ``lines`` defining ``name``; register the source for tracebacks."""
    source = "\n".join(lines) + "\n"
    filename = f"<eventkit {label} #{next(_counter)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


def _label(what: str, cls: type) -> str:
    return f"{what} {cls.__module__}.{cls.__qualname__}"


class Code:
    """The lines of one generated function and the objects they name.

    Examples:
        >>> code = Code()
        >>> code.add(0, "def twice(v):", f"    return {code.name(2, 'TWO')} * v")
        >>> code.compile("twice", "example")(21)
        42
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"SlowPath": SlowPath}
        self._names: dict[int, str] = {}
        self._loop = itertools.count()

    def name(self, value: Any, hint: str) -> str:
        """A name bound to ``value`` in the generated code (one per object)."""
        found = self._names.get(id(value))
        if found is None or self.namespace[found] is not value:
            found = f"{hint}_{len(self.namespace)}"
            self.namespace[found] = value
            self._names[id(value)] = found
        return found

    def loop_variable(self) -> str:
        """A fresh name for a loop or comprehension variable."""
        return f"x{next(self._loop)}"

    def add(self, indent: int, *lines: str) -> None:
        """Add lines at ``indent`` levels."""
        self.lines.extend("    " * indent + line for line in lines)

    def compile(self, name: str, label: str) -> Any:
        """Compile the lines, which define ``name``."""
        return _compile(name, self.lines, self.namespace, label)


# --- conditions over Python values -------------------------------------------------


def _check_condition(check: Check, var: str, code: Code) -> str:
    # The check runs only when its fast condition is false: some valid values
    # lie beyond the condition (text with a line break, an id with an accent).
    call = f"{code.name(check, 'check')}({var}) is None"
    if check.fast is None:
        return call
    code.namespace.update(check.fast.names)
    return f"({check.fast.over(var)} or {call})"


def _checks_condition(shape: Shape, var: str, code: Code) -> str:
    return "".join(f" and {_check_condition(check, var, code)}" for check in shape.checks)


def condition(shape: Shape, var: str, code: Code) -> str:
    """An expression true only when ``var`` is a valid value of ``shape``, checks included.

    Data parsed from JSON holds no lone surrogate and no integer beyond 64
    bits (orjson guarantees both), but the same code reads Python data
    (``from_dict``), which may: both are tested for (O(1) for ASCII text).
    """
    checks = _checks_condition(shape, var, code)
    if isinstance(shape, Nullable):
        return f"({var} is None or {condition(shape.inner, var, code)})"
    if isinstance(shape, TupleOf):
        x = code.loop_variable()
        item = condition(shape.item, x, code)
        return f"({var}.__class__ is tuple and all({item} for {x} in {var}){checks})"
    if isinstance(shape, MappingOf):
        x, key = code.loop_variable(), code.loop_variable()
        item = condition(shape.value, x, code)
        mapping = code.name(Mapping, "Mapping")
        return (
            f"(isinstance({var}, {mapping}) and all({_text_condition(key, code)} and {item} "
            f"for {key}, {x} in {var}.items()){checks})"
        )
    if isinstance(shape, UnionOf):
        members = " or ".join(condition(m, var, code) for m in shape.members)
        return f"(({members}){checks})"
    return f"({_type_condition(shape, var, code)}{checks})"


def _text_condition(var: str, code: Code) -> str:
    """An expression true only when ``var`` is a ``str`` JSON can hold (no lone surrogate)."""
    # Text with a lone surrogate cannot be written as UTF-8; isascii() is O(1).
    clean = code.name(JSON_LIMITS.surrogate.search, "surrogate")
    return f"({var}.__class__ is str and ({var}.isascii() or {clean}({var}) is None))"


def _type_condition(shape: Shape, var: str, code: Code) -> str:  # noqa: PLR0911 - one exit per kind of leaf
    """An expression true only when ``var`` is of the leaf shape's type (no checks)."""
    if isinstance(shape, Scalar):
        if shape.type is str:
            return _text_condition(var, code)
        low, high = JSON_LIMITS.integers  # what JSON writers (orjson) can write
        whole = f"({var}.__class__ is int and {low} <= {var} <= {high})"
        if shape.type is int:
            return whole
        if shape.type is float:
            isfinite = code.name(math.isfinite, "isfinite")
            return f"({whole} or ({var}.__class__ is float and {isfinite}({var})))"
        if shape.type is Decimal:
            return f"({var}.__class__ is {code.name(Decimal, 'Decimal')} and {var}.is_finite())"
        return f"{var}.__class__ is {shape.type.__name__}"
    if isinstance(shape, Vocabulary):
        exact = f"{var}.__class__ is {code.name(shape.enum, 'Vocabulary')}"
        if not issubclass(shape.enum, enum.Flag):
            return exact  # every other Enum's instances are its members
        # A Flag's combination of members (R|W) is a Flag too, but no member.
        members = code.name(vocabulary_members(shape.enum), "members")
        return f"({exact} and {var} in {members})"
    if isinstance(shape, Dates):
        return " or ".join(f"{var}.__class__ is {code.name(cls, 'Date')}" for cls in shape.classes)
    if isinstance(shape, Nested):
        exact = f"{var}.__class__ is {code.name(shape.cls, 'Class')}"
        if describe(shape.cls).self_validating:
            return exact
        return f"{exact} and {code.name(_validator_of(shape.cls), 'validate')}({var}) is None"
    msg = f"not a leaf shape: {shape!r}"  # pragma: no cover - callers pass leaves
    raise TypeError(msg)


# --- validate --------------------------------------------------------------------


def _collect(
    problems: list[Problem] | None, found: list[Problem], key: str
) -> list[Problem] | None:
    # A value the fast condition doubts may still be valid (a custom value of an
    # open vocabulary): then nothing is found, and problems stay None, so that
    # the cross check still runs.
    if not found:
        return problems
    problems = problems or []
    problems.extend(problem.at(key) for problem in found)
    return problems


@memoize
def validator(cls: type) -> Callable[[Any], list[Problem] | None]:
    """``validate(obj)``: the problems with every field of ``obj``, or None.

    Examples:
        >>> import eventkit as ek
        >>> validator(ek.Citation)(ek.Citation(source="dpa")) is None
        True
    """
    info = describe(cls)
    code = Code()
    code.namespace.update(_collect=_collect, explain=value_problems)
    code.add(0, "def validate(self):", "    problems = None")
    with _generating_for("validate", cls):
        _validator_lines(info, code)
    return code.compile("validate", _label("validate", cls))  # type: ignore[no-any-return]


def _validator_lines(info: ClassInfo, code: Code) -> None:
    for field in info.fields:
        shape = code.name(field.shape, "shape")
        code.add(
            1,
            f"v = self.{field.name}",
            f"if not {condition(field.shape, 'v', code)}:",
            f"    problems = _collect(problems, explain({shape}, v), {field.key!r})",
        )
    if info.cross_check:
        code.add(1, "if problems is None:", "    problems = list(self.cross_check()) or None")
    code.add(1, "return problems")


def _validator_of(cls: type) -> Callable[[Any], list[Problem] | None]:
    # A class that holds itself (directly or not) calls its own validator late.
    if ("validate", cls) in _generating:
        return _late(validator, cls)
    return validator(cls)


# --- structure: data from JSON to objects ------------------------------------------


def _is_plain(shape: Shape) -> bool:
    """Whether JSON gives values of ``shape`` as they are (only tests are needed)."""
    if isinstance(shape, Scalar):
        return shape.type is not Decimal
    if isinstance(shape, Nullable):
        return _is_plain(shape.inner)
    return False


def _shared_text(shape: Shape) -> bool:
    """Whether values of ``shape`` are strings that recur: references and country codes.

    Only references that may name an actor, a source or a provenance: a
    few such records are named by many. Events and statements are as many
    as the records naming them, so an id of one seldom recurs, and interning
    it costs more time than it saves memory.
    """
    inner = non_null(shape)
    if not (isinstance(inner, Scalar) and inner.type is str):
        return False
    ref = shape.ref if shape.ref is not None else inner.ref
    if ref is not None:
        return bool(ref & ~(RefKind.EVENT | RefKind.STATEMENT))
    return country in inner.checks


def _intern_lines(shape: Shape, var: str, code: Code, indent: int) -> None:
    """Lines that intern ``var`` if it is text that recurs (`_shared_text`).

    Ids of actors and sources and country codes recur on record after
    record: one string each, not one per mention (a fifth less memory for
    the benchmark's events). An interned string is an equal str; only its
    identity is shared.
    """
    if not _shared_text(shape):
        return
    intern = code.name(sys.intern, "intern")
    if isinstance(shape, Nullable):
        code.add(indent, f"if {var} is not None:", f"    {var} = {intern}({var})")
    else:
        code.add(indent, f"{var} = {intern}({var})")


def _plain_items_lines(
    item: Shape, var: str, x: str, code: Code, indent: int, *, checks: bool
) -> None:
    """Lines that test the items of the list ``var`` and make it a tuple."""
    test = condition(item, x, code) if checks else _plain_type(item, x, code)
    code.add(indent, f"for {x} in {var}:", f"    if not {test}:", "        raise SlowPath")
    if _shared_text(item):
        _made_items_lines(code.name(sys.intern, "intern"), var, x, code, indent)
    else:
        code.add(indent, f"{var} = tuple({var})")


_UNROLLED = (2, 1, 3)  # the commonest lengths first: two participants, one to three citations


def _made_items_lines(item: str, var: str, x: str, code: Code, indent: int) -> None:
    """Lines that make the list ``var`` the tuple of ``item`` of each of its items.

    A short list's tuple is made in one expression: a comprehension is a
    function called (in Python 3.11) and a list made, per list.
    """
    length = code.loop_variable()
    code.add(indent, f"{length} = len({var})")
    for n, count in enumerate(_UNROLLED):
        items = "".join(f"{item}({var}[{i}]), " for i in range(count))
        code.add(indent, f"{'if' if n == 0 else 'elif'} {length} == {count}:")
        code.add(indent + 1, f"{var} = ({items.rstrip(' ')})")
    code.add(indent, "else:", f"    {var} = tuple([{item}({x}) for {x} in {var}])")


def _structure_lines(shape: Shape, var: str, code: Code, indent: int, *, checks: bool) -> None:  # noqa: PLR0912 - one branch per shape
    """Lines that turn ``var``, as parsed from JSON, into a value of ``shape``, or raise."""
    if _is_plain(shape):
        test = condition(shape, var, code) if checks else _plain_type(shape, var, code)
        code.add(indent, f"if not {test}:", "    raise SlowPath")
        _intern_lines(shape, var, code, indent)
        return
    if isinstance(shape, Nullable):
        code.add(indent, f"if {var} is not None:")
        _structure_lines(shape.inner, var, code, indent + 1, checks=checks)
        return
    if isinstance(shape, TupleOf):
        code.add(indent, f"if {var}.__class__ is not list:", "    raise SlowPath")
        x = code.loop_variable()
        if _is_plain(shape.item):
            _plain_items_lines(shape.item, var, x, code, indent, checks=checks)
        else:
            item = code.name(_item_function(shape.item, checks=checks), "item")
            _made_items_lines(item, var, x, code, indent)
    elif isinstance(shape, MappingOf):
        x, key = code.loop_variable(), code.loop_variable()
        item = code.name(shape_function(shape.value, checks=checks), "item")
        frozen = code.name(FrozenDict, "FrozenDict")
        code.add(
            indent,
            f"if {var}.__class__ is not dict or not all({_text_condition(key, code)} "
            f"for {key} in {var}):",
            "    raise SlowPath",
            f"{var} = {frozen}({{{key}: {item}({x}) for {key}, {x} in {var}.items()}})",
        )
    elif isinstance(shape, UnionOf):
        members = code.name(
            tuple(shape_function(m, checks=checks) for m in shape.members), "members"
        )
        result = code.loop_variable()
        code.add(
            indent,
            f"for {result} in {members}:",
            "    try:",
            f"        {var} = {result}({var})",
            "        break",
            f"    except {code.name(REFUSALS, 'REFUSALS')}:",
            "        pass",
            "else:",
            "    raise SlowPath",
        )
    elif isinstance(shape, Scalar):  # Decimal
        code.add(indent, f"{var} = {code.name(decimal_from_wire, 'decimal')}({var})")
    elif isinstance(shape, Vocabulary):
        _member_lines(shape, var, code, indent)
    elif isinstance(shape, Dates):
        # The EDTF string, the common wire form, goes straight to the parse cache.
        edtf, date = code.name(parse_edtf_cached, "edtf"), code.name(date_from_wire, "date")
        code.add(indent, f"{var} = {edtf}({var}) if {var}.__class__ is str else {date}({var})")
        if len(shape.classes) == 1:
            code.add(indent, f"if {var}.__class__ is not {code.name(shape.classes[0], 'Date')}:")
            code.add(indent, "    raise SlowPath")
    elif isinstance(shape, Nested):
        code.add(indent, f"{var} = {code.name(_structure_of(shape.cls), 'structure')}({var})")
    if checks and shape.checks:
        test = _checks_condition(shape, var, code)[len(" and ") :]
        code.add(indent, f"if not ({test}):", "    raise SlowPath")


def _member_lines(shape: Vocabulary, var: str, code: Code, indent: int) -> None:
    """Lines that make ``var`` the member of ``shape`` it names, or raise."""
    found = code.loop_variable()
    if all(type(m.value) is str for m in shape.enum):  # one look-up, for the usual case
        members = code.name(shape.enum._value2member_map_, "members")
        lookup = f"{members}.get({var}) if {var}.__class__ is str else None"
    else:  # only values of the members' own types: JSON true must not find member 1
        member = code.name(vocabulary_member, "member")
        lookup = f"{member}({code.name(shape.enum, 'Vocabulary')}, {var})"
    code.add(indent, f"{found} = {lookup}", f"if {found} is not None:", f"    {var} = {found}")
    custom = code.name(CUSTOM_VALUE.fullmatch, "custom")
    if shape.open:
        code.add(indent, f"elif {var}.__class__ is not str or {custom}({var}) is None:")
    else:
        code.add(indent, "else:")
    code.add(indent, "    raise SlowPath")


def _plain_type(shape: Shape, var: str, code: Code) -> str:
    if isinstance(shape, Nullable):
        return f"({var} is None or {_plain_type(shape.inner, var, code)})"
    return f"({_type_condition(shape, var, code)})"


def _item_function(shape: Shape, *, checks: bool) -> Callable[[Any], Any]:
    """The function for each item: a nested class's own one when nothing else is needed."""
    if isinstance(shape, Nested) and not shape.checks:
        return _structure_of(shape.cls)  # one call less per item than a wrapper
    return shape_function(shape, checks=checks)


@memoize
def shape_function(shape: Shape, *, checks: bool = True) -> Callable[[Any], Any]:
    """A function turning a JSON value into a value of ``shape``, or raising."""
    code = Code()
    code.add(0, "def structure(v):")
    _structure_lines(shape, "v", code, 1, checks=checks)
    code.add(1, "return v")
    return code.compile("structure", f"structure {shape.label()}")  # type: ignore[no-any-return]


def _structure_of(cls: type) -> Callable[[Any], Any]:
    if ("structure", cls) in _generating:
        return _late(structure_function, cls)
    return structure_function(cls)


@memoize
def structure_function(cls: type, *, record: bool = False) -> Callable[[Any], Any]:
    """``structure(data)``: an object of ``cls`` from JSON data, or raise `SlowPath`.

    Args:
        cls: an attrs class.
        record: whether data may carry the ``"type"`` tag besides the fields.

    Examples:
        >>> import eventkit as ek
        >>> structure_function(ek.Citation)({"source": "dpa"})
        Citation(source='dpa', excerpt=None, locator=None, offsets=None, confidence=None)
    """
    info = describe(cls)
    code = Code()
    allowed = info.keys | ({"type"} if record else set())
    # The frozenset asked about the dict, not the dict's key view asked about
    # the frozenset: the same answer, one object fewer made per object read.
    known = f"{code.name(allowed, 'ALLOWED')}.issuperset(o)"
    code.add(0, "def structure(o):")
    shared = _shares(info) and allowed == {f.key for f in info.fields}
    if shared:
        # Equal data found shared proves its keys known (see the lookup):
        # the keys are asked about only for data met for the first time.
        code.add(1, "if o.__class__ is not dict:", "    raise SlowPath")
        _shared_lookup_lines(info, code)
        code.add(1, f"if not {known}:", "    raise SlowPath")
    else:
        code.add(1, f"if o.__class__ is not dict or not {known}:", "    raise SlowPath")
    twin = loading_twin(cls) if info.direct else None
    if info.direct:
        made = code.name(twin or cls, "TWIN" if twin else "CLS")
        code.add(1, f"self = {code.name(object.__new__, 'new')}({made})")
    else:
        code.add(1, "kwargs = {}")
    with _generating_for("structure", cls):
        for field in info.fields:
            _field_lines(info, field, code, twin=twin is not None)
    if twin is not None:
        code.add(1, f"self.__class__ = {code.name(cls, 'CLS')}")
    if info.direct:
        _finish_direct(info, code)
        if shared:
            code.add(
                1,
                "if key is not None:",
                f"    if len(SHARED) >= {_SHARED_MAX}:",
                "        SHARED.clear()",
                "    SHARED[key] = self",
            )
    else:
        code.add(1, f"self = {code.name(cls, 'CLS')}(**kwargs)")
        if not info.self_validating:
            code.add(
                1,
                f"if {code.name(_validator_of(cls), 'validate')}(self) is not None:",
                "    raise SlowPath",
            )
    code.add(1, "return self")
    return code.compile("structure", _label("structure", cls))  # type: ignore[no-any-return]


def _store(info: ClassInfo, field: Field, value: str, code: Code, *, twin: bool) -> str:
    """The statement that puts ``value`` in ``field``'s slot of ``self``."""
    if twin:
        return f"self.{field.name} = {value}"
    return f"{code.name(slot_setter(info.cls, field.name), 'set')}(self, {value})"


def _field_lines(info: ClassInfo, field: Field, code: Code, *, twin: bool) -> None:
    key = field.key
    olds = field.spec.old_names
    if olds:
        code.add(1, f"if {key!r} in o:")
        for old in olds:
            code.add(2, f"if {old!r} in o:", "    raise SlowPath")  # both names: report it
        code.add(2, f"v = o[{key!r}]")
        for n, old in enumerate(olds):
            code.add(1, f"elif {old!r} in o:")
            for other in olds[n + 1 :]:
                code.add(2, f"if {other!r} in o:", "    raise SlowPath")  # two old names: too
            code.add(2, f"v = o[{old!r}]")
        code.add(1, "else:", f"    v = {code.name(attrs.NOTHING, 'NOTHING')}")
        code.add(1, f"if v is not {code.name(attrs.NOTHING, 'NOTHING')}:")
    else:
        code.add(1, f"if {key!r} in o:", f"    v = o[{key!r}]")
    converter = field.load_converter if info.direct else None
    _structure_lines(field.shape, "v", code, 2, checks=info.direct and converter is None)
    if converter is not None:
        code.add(2, f"v = {code.name(converter, 'convert')}(v)")
        code.add(2, f"if not {condition(field.shape, 'v', code)}:", "    raise SlowPath")
    if info.direct:
        code.add(2, _store(info, field, "v", code, twin=twin))
    else:
        code.add(2, f"kwargs[{key!r}] = v")
    code.add(1, "else:")
    _default_lines(info, field, code, twin=twin)


def _default_lines(info: ClassInfo, field: Field, code: Code, *, twin: bool) -> None:
    """Lines for a field the data leaves out: its default, or a doubt if it has none."""
    if field.required:
        code.add(2, "raise SlowPath")
    elif not info.direct:
        code.add(2, "pass")
    elif field.factory is not None:
        made = f"{code.name(field.factory, 'factory')}()"
        if field.converter is not None:
            made = f"{code.name(field.converter, 'convert')}({made})"
        elif holds_mapping(field.shape):  # a dict made afresh, frozen as the constructor does
            freeze = friendly(field.shape)
            made = f"{code.name(freeze, 'freeze')}({made})"
        code.add(2, _store(info, field, made, code, twin=twin))
    else:
        default = field.default if field.converter is None else field.converter(field.default)
        code.add(2, _store(info, field, code.name(default, "default"), code, twin=twin))


SHARED_FLAG = "__eventkit_shared__"
"""A class attribute: True on a value class whose equal instances loading may share."""
_SHARED_MAX = 1 << 16  # how many a class keeps to share; then they are forgotten


_ABSENT = ...
"""What a shared value's lookup key holds for a key the data leaves out.

``Ellipsis``, which no JSON value is. A built-in constant the collector
does not track: a key of text, numbers and it is untracked by the first
collection it survives, where an instance of a class of ours kept every
key (one per shared participant and citation) walked by every full
collection. Not ``attrs.NOTHING``: an enum member hashes in Python, and
the key is hashed once per participant and citation loaded.
"""


def _shares(info: ClassInfo) -> bool:
    return bool(info.cls.__dict__.get(SHARED_FLAG)) and info.direct and not info.old_names()


def _shared_lookup_lines(info: ClassInfo, code: Code) -> None:
    """Lines returning the object already made from equal data, if there is one.

    Only data whose every value is left out or `_key_value` is looked up
    and remembered: such a value equals only values loaded alike, so data
    that would be refused never meets an accepted key. Equal participants
    and citations recur on record after record; sharing them means fewer
    objects made, held and walked by the collector.

    The key ends with the number of keys the data gives. An object is
    remembered only once its data passed every check, unknown keys
    included, so a key found means the data gives the same known keys with
    equal strings and, being as many, no other key: the caller asks about
    unknown keys only when nothing is found.
    """
    missing = code.name(_ABSENT, "ABSENT")
    code.namespace["SHARED"] = {}
    names = []
    for n, field in enumerate(info.fields):
        name = f"k{n}"
        names.append(name)
        # Not o.get(key, ABSENT): a test and a subscript cost less than a call.
        code.add(1, f"{name} = o[{field.key!r}] if {field.key!r} in o else {missing}")
    plain = " and ".join(
        f"({k} is {missing} or {_key_value(k, field.shape)})"
        for k, field in zip(names, info.fields, strict=True)
    )
    code.add(
        1,
        f"if {plain}:",
        f"    key = ({', '.join(names)}, len(o))",
        "    found = SHARED.get(key)",
        "    if found is not None:",
        "        return found",
        "else:",
        "    key = None",
    )


def _key_value(name: str, shape: Shape) -> str:
    """A test that ``name`` holds a value a shared object's key may hold.

    Text or null, whatever the field; an ``int`` in an int field, a
    ``float`` but zero in a float field. Equal values of these classes are
    loaded alike: not ``1`` and ``1.0`` (equal, yet written back each as
    given), so a float field keys no int; not ``0.0`` and ``-0.0`` (equal,
    and written back differently), so zero keys nothing.
    """
    inner = non_null(shape)
    tests = [f"{name}.__class__ is str", f"{name} is None"]
    if isinstance(inner, Scalar) and inner.type is int:
        tests.append(f"{name}.__class__ is int")
    elif isinstance(inner, Scalar) and inner.type is float:
        tests.append(f"({name}.__class__ is float and {name} != 0.0)")
    return " or ".join(tests)


def _finish_direct(info: ClassInfo, code: Code) -> None:
    """Run what attrs' ``__init__`` runs after setting the fields, then the cross check."""
    for field in info.fields:
        if field.validator is not None:
            validate = code.name(field.validator, "validator")
            attribute = code.name(field.attribute, "attribute")
            code.add(1, f"{validate}(self, {attribute}, self.{field.name})")
    if info.post_init:
        code.add(1, "self.__attrs_post_init__()")
    if info.cross_check:
        code.add(1, "for _ in self.cross_check():", "    raise SlowPath")


# --- unstructure: objects to plain data ---------------------------------------------


def _expression(shape: Shape, var: str, code: Code) -> str:  # noqa: PLR0911 - one exit per shape
    """An expression giving the plain data of ``var``, a valid value of ``shape``."""
    if isinstance(shape, Nullable):
        inner = _expression(shape.inner, var, code)
        return var if inner == var else f"(None if {var} is None else {inner})"
    if isinstance(shape, TupleOf):
        x = code.loop_variable()
        item = _expression(shape.item, x, code)
        return f"list({var})" if item == x else _made_list(shape.item, var, x, item, code)
    if isinstance(shape, MappingOf):
        x, key = code.loop_variable(), code.loop_variable()
        item = _expression(shape.value, x, code)
        return f"dict({var})" if item == x else f"{{{key}: {item} for {key}, {x} in {var}.items()}}"
    if isinstance(shape, UnionOf):
        return f"{code.name(_union_unstructurer(shape), 'union')}({var})"
    if isinstance(shape, Scalar):
        return f"str({var})" if shape.type is Decimal else var
    if isinstance(shape, Vocabulary):
        # Not str(member): a (str, Enum) member or a StrEnum with its own __str__
        # shows itself as "Hue.RED". _value_ is also quicker than .value, a property.
        if shape.open:  # a custom value is a str already
            return f"({var} if {var}.__class__ is str else {var}._value_)"
        return f"{var}._value_"
    if isinstance(shape, Dates):
        return f"{code.name(date_to_wire, 'date')}({var})"
    if isinstance(shape, Nested):
        return f"{code.name(_unstructure_of(shape.cls), 'unstructure')}({var})"
    msg = f"unknown shape {shape!r}"  # pragma: no cover - every shape is handled above
    raise TypeError(msg)


def _made_list(shape: Shape, var: str, x: str, item: str, code: Code) -> str:
    """An expression giving the list of ``item`` (of ``x``) for each item of the tuple ``var``.

    As in `_made_items_lines`, a short tuple's list is made in one
    expression, not by a comprehension (a function called per list).
    """
    length = code.loop_variable()
    branches = []
    for n, count in enumerate(_UNROLLED):
        items = ", ".join(_expression(shape, f"{var}[{i}]", code) for i in range(count))
        test = f"({length} := len({var}))" if n == 0 else length
        branches.append(f"[{items}] if {test} == {count} else ")
    return f"({''.join(branches)}[{item} for {x} in {var}])"


@memoize
def _union_unstructurer(shape: UnionOf) -> Callable[[Any], Any]:
    """Write a union's value as the first member whose condition it meets (see `told_apart`)."""
    code = Code()
    code.add(0, "def unstructure(v):")
    for index, member in enumerate(shape.members):
        code.add(1, f"if {condition(member, 'v', code)}:")
        apart = told_apart(member, shape.members[:index])
        if not apart:
            code.add(2, f"return {_expression(member, 'v', code)}")
            continue
        code.add(2, f"d = {_expression(member, 'v', code)}")
        copied = code.name(copy.deepcopy, "copy")
        for keys, key, written in apart:
            code.add(2, f"if d.keys() <= {code.name(keys, 'KEYS')}:")
            code.add(3, f"d[{key!r}] = {copied}({code.name(written, 'written')})")
        code.add(2, "return d")
    code.add(1, "raise TypeError(v)")
    return code.compile("unstructure", f"unstructure {shape.label()}")  # type: ignore[no-any-return]


@memoize
def told_apart(
    member: Shape, earlier: tuple[Shape, ...]
) -> tuple[tuple[frozenset[str], str, Any], ...]:
    """How the data of a union's ``member`` is kept from reading as an ``earlier`` member.

    Loading takes the first member that reads a value. A value class's
    fields left at their defaults are not written, so its data may give only
    keys an earlier value class has too, and would be read as that class
    (``BySea(name="x")`` as ``ByRoad``). For each such earlier class: its
    keys, and one of ``member``'s optional fields that class has not, with
    its default as written. Data giving only keys of the earlier class is
    written with that field too (``"knots": null``), which the earlier class
    refuses as unknown.

    A member with a required field the earlier class has not is told apart
    by that field. One whose every key the earlier class has cannot be:
    registering a type with such a union is refused (`shadowed_members`).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class ByRoad:
        ...     name: str
        >>> @attrs.frozen
        ... class BySea:
        ...     name: str
        ...     knots: float | None = None
        >>> from eventkit._shapes import shape_of
        >>> told_apart(shape_of(BySea), (shape_of(ByRoad),))
        ((frozenset({'name'}), 'knots', None),)
    """
    if not isinstance(member, Nested):
        return ()
    fields = describe(member.cls).fields
    apart = []
    for other in earlier:
        if not isinstance(other, Nested):
            continue
        keys = describe(other.cls).keys
        own = [f for f in fields if f.key not in keys]
        if any(f.required for f in own):
            continue
        written = ((f.key, written_default(f)) for f in own)
        found = next(((key, w) for key, w in written if w is not attrs.NOTHING), None)
        if found is not None:
            apart.append((keys, *found))
    return tuple(apart)


def shadowed_members(shape: Shape) -> list[tuple[str, str, str]]:
    """Unions anywhere in ``shape`` with a value class whose data an earlier member reads.

    Such a member has no key the earlier one has not (`told_apart`), so its
    data could be read back as the other class. Each as (the member, the
    earlier member, the union). Registering a type whose fields hold one is
    refused.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Town:
        ...     name: str
        ...     river: str | None = None
        >>> @attrs.frozen
        ... class City:
        ...     name: str
        >>> from eventkit._shapes import shape_of
        >>> shadowed_members(shape_of(Town | City | None))
        [('City', 'Town', 'Town or City')]
        >>> shadowed_members(shape_of(City | Town | None))
        []
    """
    held = [f.shape for cls in value_classes(shape) for f in describe(cls).fields]
    return [
        (later.label(), earlier.label(), item.label())
        for whole in (shape, *held)
        for item in parts(whole)
        if isinstance(item, UnionOf)
        for index, later in enumerate(item.members)
        for earlier in item.members[:index]
        if _shadows(earlier, later)
    ]


def _shadows(earlier: Shape, later: Shape) -> bool:
    """Whether data of ``later``, a value class, may give only keys ``earlier`` reads."""
    if not (isinstance(earlier, Nested) and isinstance(later, Nested)):
        return False
    reads, gives = describe(earlier.cls), describe(later.cls)
    needed = {f.key for f in reads.fields if f.required}
    return {f.key for f in gives.fields} <= reads.keys and needed <= gives.keys


def written_default(field: Field) -> Any:
    """``field``'s default as written; `attrs.NOTHING` if its factory makes a new one each time."""
    if field.factory is not None:
        default = _made_default(field)
        if default is attrs.NOTHING:
            return default
    else:
        default = field.default if field.converter is None else field.converter(field.default)
    return shape_unstructurer(field.shape)(default)


@memoize
def shape_unstructurer(shape: Shape) -> Callable[[Any], Any]:
    """A function writing a valid value of ``shape`` as plain data, as the field holding it is.

    Unlike ``to_dict`` of the value alone, a union's member is written as
    the union writes it (`told_apart`).

    Examples:
        >>> import eventkit as ek
        >>> from eventkit._shapes import shape_of
        >>> shape_unstructurer(shape_of(tuple[ek.Participant, ...]))((ek.Participant(actor="a"),))
        [{'actor': 'a'}]
    """
    code = Code()
    code.add(0, "def unstructure(v):", f"    return {_expression(shape, 'v', code)}")
    return code.compile("unstructure", f"unstructure {shape.label()}")  # type: ignore[no-any-return]


def _unstructure_of(cls: type) -> Callable[[Any], Any]:
    if ("unstructure", cls) in _generating:
        return _late(unstructure_function, cls)
    return unstructure_function(cls)


def _made_default(field: Field) -> Any:
    """The default a field's factory makes, if it makes the same one each time."""
    assert field.factory is not None
    made = [field.factory() for _ in range(2)]
    if field.converter is not None:
        made = [field.converter(value) for value in made]
    return made[0] if made[0] == made[1] else attrs.NOTHING


@memoize
def unstructure_function(cls: type, tag: str | None = None) -> Callable[[Any], dict[str, Any]]:
    """``unstructure(obj)``: the fields that differ from their defaults, as plain data.

    Args:
        cls: an attrs class.
        tag: written first as ``"type"`` (records).

    Examples:
        >>> import eventkit as ek
        >>> unstructure_function(ek.Participant)(ek.Participant(actor="a", role="host"))
        {'actor': 'a', 'role': 'host'}
    """
    info = describe(cls)
    code = Code()
    code.add(0, "def unstructure(obj):", f"    d = {{'type': {tag!r}}}" if tag else "    d = {}")
    with _generating_for("unstructure", cls):
        _unstructure_lines(info, code)
    code.add(1, "return d")
    return code.compile("unstructure", _label("unstructure", cls))  # type: ignore[no-any-return]


def _unstructure_lines(info: ClassInfo, code: Code) -> None:
    for field in info.fields:
        shape = field.shape
        if isinstance(shape, Nullable) and field.default is None:
            shape = shape.inner  # written only when not None: the default is left out
        value = _expression(shape, "v", code)
        code.add(1, f"v = obj.{field.name}")
        key = field.key
        if field.required:
            code.add(1, f"d[{key!r}] = {value}")
            continue
        if field.factory is not None:
            made = _made_default(field)
            if made is attrs.NOTHING:
                code.add(1, f"d[{key!r}] = {value}")  # its default may differ each time
                continue
            empty = made in ((), {})
            code.add(1, "if v:" if empty else f"if v != {code.name(made, 'default')}:")
        elif field.default is None:
            code.add(1, "if v is not None:")
        elif field.default == ():
            code.add(1, "if v:")
        else:
            default = field.default if field.converter is None else field.converter(field.default)
            code.add(1, f"if v != {code.name(default, 'default')}:")
        code.add(2, f"d[{key!r}] = {value}")


# --- references: the ids an object holds -------------------------------------------


def _has_references(shape: Shape, seen: frozenset[type] = frozenset()) -> bool:  # noqa: PLR0911 - one exit per shape
    if shape.ref is not None:
        return True
    if isinstance(shape, Nullable):
        return _has_references(shape.inner, seen)
    if isinstance(shape, TupleOf):
        return _has_references(shape.item, seen)
    if isinstance(shape, MappingOf):
        return _has_references(shape.value, seen)
    if isinstance(shape, UnionOf):
        return any(_has_references(member, seen) for member in shape.members)
    if isinstance(shape, Nested) and shape.cls not in seen:
        fields = describe(shape.cls).fields
        return any(_has_references(f.shape, seen | {shape.cls}) for f in fields)
    return False


def _reference_lines(shape: Shape, var: str, loc: str, code: Code, indent: int) -> None:
    """Lines appending ``(loc, id, kinds)`` to ``found`` for each id in ``var``."""
    if not _has_references(shape):
        return
    if isinstance(shape, Nullable):
        code.add(indent, f"if {var} is not None:")
        _reference_lines(shape.inner, var, loc, code, indent + 1)
    elif isinstance(shape, TupleOf | MappingOf):
        index, x = code.loop_variable(), code.loop_variable()
        items = f"enumerate({var})" if isinstance(shape, TupleOf) else f"{var}.items()"
        inner = shape.item if isinstance(shape, TupleOf) else shape.value
        code.add(indent, f"for {index}, {x} in {items}:")
        _reference_lines(inner, x, f"(*{loc}, {index})", code, indent + 1)
    elif shape.ref is not None:
        code.add(indent, f"found.append(({loc}, {var}, {shape.ref.value}))")
    elif isinstance(shape, Nested):
        walk = code.name(_references_of(shape.cls), "references")
        code.add(indent, f"found.extend({walk}({var}, {loc}))")
    else:  # a union holding ids: walked by the general walker, rare enough
        walk = code.name(_union_references(shape), "references")
        code.add(indent, f"found.extend({walk}({var}, {loc}))")


def _union_references(shape: Shape) -> Callable[[Any, tuple[Any, ...]], list[Reference]]:
    assert isinstance(shape, UnionOf)

    def walk(value: Any, loc: tuple[Any, ...]) -> list[Reference]:
        for member in shape.members:
            if not value_problems(member, value):
                code = Code()
                code.add(0, "def references(v, loc):", "    found = []")
                _reference_lines(member, "v", "loc", code, 1)
                code.add(1, "return found")
                return code.compile("references", f"references {member.label()}")(value, loc)  # type: ignore[no-any-return]
        return []

    return walk


def _references_of(cls: type) -> Callable[[Any, tuple[Any, ...]], list[Reference]]:
    if ("references", cls) in _generating:
        return _late(references_function, cls)
    return references_function(cls)


@memoize
def references_function(cls: type) -> Callable[..., list[Reference]]:
    """``references(obj, loc=())``: ``(path, id, kinds)`` for every id ``obj`` holds.

    ``kinds`` is the int value of the field's `eventkit.RefKind`.

    Examples:
        >>> import eventkit as ek
        >>> references_function(ek.Participant)(ek.Participant(actor="olaf-scholz"))
        [(('actor',), 'olaf-scholz', 1)]
    """
    code = Code()
    code.add(0, "def references(obj, loc=()):", "    found = []")
    with _generating_for("references", cls):
        for field in describe(cls).fields:
            if _has_references(field.shape):
                code.add(1, f"v = obj.{field.name}")
                _reference_lines(field.shape, "v", f"(*loc, {field.key!r})", code, 1)
    code.add(1, "return found")
    return code.compile("references", _label("references", cls))  # type: ignore[no-any-return]


# --- targets: the ids an object holds, without their paths ----------------------------


def _target_lines(
    shape: Shape, var: str, code: Code, indent: int, seen: frozenset[type], *, kinds: set[int]
) -> None:
    """Lines passing each id in ``var`` to ``add_K``, the adder of its kinds ``K``.

    The same walk as `_reference_lines`, in the same order; nested classes
    are written inline (unless they hold themselves), so no call is made
    per participant or citation. ``kinds`` collects the ``K`` used.
    """
    if not _has_references(shape):
        return
    if isinstance(shape, Nullable):
        code.add(indent, f"if {var} is not None:")
        _target_lines(shape.inner, var, code, indent + 1, seen, kinds=kinds)
    elif isinstance(shape, TupleOf | MappingOf):
        x = code.loop_variable()
        items = var if isinstance(shape, TupleOf) else f"{var}.values()"
        inner = shape.item if isinstance(shape, TupleOf) else shape.value
        code.add(indent, f"for {x} in {items}:")
        _target_lines(inner, x, code, indent + 1, seen, kinds=kinds)
    elif shape.ref is not None:
        kinds.add(shape.ref.value)
        code.add(indent, f"add_{shape.ref.value}({var})")
    elif isinstance(shape, Nested) and shape.cls not in seen:
        for field in describe(shape.cls).fields:
            if _has_references(field.shape):
                y = code.loop_variable()
                code.add(indent, f"{y} = {var}.{field.name}")
                _target_lines(field.shape, y, code, indent, seen | {shape.cls}, kinds=kinds)
    elif isinstance(shape, Nested):  # a class that holds itself: bound when met, made late
        walk = code.name(_late(targets_function, shape.cls), "targets")
        code.add(indent, f"{walk}(adder)({var})")
    else:  # a union holding ids: walked by the general walker, rare enough
        walk = code.name(_union_references(shape), "references")
        code.add(indent, f"for _, t, k in {walk}({var}, ()):", "    adder(k)(t)")


Adder = Callable[[int], Callable[[str], Any]]


@memoize
def targets_function(cls: type) -> Callable[[Adder], Callable[[Any], None]]:
    """``targets(adder)(obj)``: pass every id ``obj`` holds to ``adder(kinds)``.

    The ids and kinds of `references_function`, in its order, without paths.
    ``adder(kinds)`` is called once per kinds when the walker is bound, and
    returns what takes each id of those kinds: a set's ``add`` for a bulk
    check (no tuple is made per id), or a list's ``append``.

    Examples:
        >>> import eventkit as ek
        >>> found = []
        >>> walk = targets_function(ek.Event)(lambda kinds: lambda i: found.append((i, kinds)))
        >>> walk(ek.Event(id="e", title="E", participants=[
        ...     ek.Participant(actor="a")], sources=[ek.Citation(source="dpa")]))
        >>> found
        [('a', 1), ('dpa', 2)]
    """
    code = Code()
    kinds: set[int] = set()
    for field in describe(cls).fields:
        if _has_references(field.shape):
            code.add(2, f"v = obj.{field.name}")
            _target_lines(field.shape, "v", code, 2, frozenset({cls}), kinds=kinds)
    code.add(2, "return None")
    code.lines[0:0] = [
        "def targets(adder):",
        *(f"    add_{k} = adder({k})" for k in sorted(kinds)),
        "    def walk(obj):",
    ]
    code.add(1, "return walk")
    return code.compile("targets", _label("targets", cls))  # type: ignore[no-any-return]
