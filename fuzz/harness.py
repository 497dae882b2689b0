"""The entry points under fuzzing, and the oracle that judges what each one does.

A *target* makes one input from a seeded `random.Random` and feeds it to one
entry point; its check raises `Defect` when eventkit breaks a promise:

* only `eventkit.ValidationError` escapes (a `TypeError` only where the
  entry point documents one, for an argument of the wrong type);
* ``str``, ``repr`` and pickling of every error, and ``str``, ``repr`` and
  `Problem.to_dict` of every problem, never raise, and the text is UTF-8;
* every problem from a file names the file, and the line (JSON Lines) or a
  ``$.records[i]`` path (JSON documents);
* one bad record never hides another: every line or item that fails on its
  own is reported when it is read with others;
* whatever loads, round-trips (``to_dict``/``from_dict``, ``to_json``/``from_json``,
  ``save``/``load``), and holds what the data said: no key ignored, no value
  changed on the way in (an integer stays an integer, a string is not
  trimmed or re-cased, ...);
* the ``eventkit validate`` command returns 0, 1 or 2 and prints no traceback;
* no input takes more than `SLOW` seconds.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import enum
import functools
import gzip
import io
import itertools
import json
import math
import os
import pickle
import random
import re
import shutil
import tempfile
import time
import traceback
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs
import orjson

import eventkit as ek
from eventkit import cli
from eventkit._fields import describe
from eventkit._wire import date_from_wire
from eventkit.examples import scholz_putin
from eventkit.interop import acled, gdelt, jsonld, plover

from . import inputs

__all__ = ["SLOW", "TARGETS", "Defect", "Target", "make_input", "run_one"]

SLOW = 5.0  # seconds; any input taking longer is a defect (a hang, something quadratic)

REFERENCE_CODES = frozenset({"dangling_reference", "wrong_reference_kind", "duplicate_id"})
HEADER_KEYS = frozenset({"type", "version", "name", "records"})


class Defect(Exception):
    """eventkit broke a promise on one input; ``kind`` names which, for grouping."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def fail(kind: str, detail: str, cause: BaseException | None = None) -> NoReturn:
    """Raise the `Defect` of ``kind``, caused by ``cause``."""
    raise Defect(kind, detail) from cause


@attrs.frozen
class Target:
    """One entry point: how to make an input for it, and how to feed and judge it."""

    name: str
    weight: float  # its share of the inputs, relative to the others
    make: Callable[[random.Random], Any]
    check: Callable[[Any], None]


# --- the oracle ----------------------------------------------------------------------------


def check_error(error: ek.ValidationError, *, pickles: bool = True) -> None:
    """Showing the error and each problem never raises and gives UTF-8 text."""
    try:
        text = str(error)
        repr(error)
        text.encode("utf-8")
        if not error.problems:
            fail("empty-error", "a ValidationError without problems")
        for problem in error.problems:
            str(problem).encode("utf-8")
            repr(problem).encode("utf-8")
            problem.where()
            orjson.dumps(problem.to_dict())
            if not isinstance(problem.code, str) or not problem.code:
                fail("bad-code", repr(problem.code))
    except Defect:
        raise
    except Exception as failure:
        fail("error-unprintable", f"{type(failure).__name__}: {failure}", cause=failure)
    if pickles:
        try:
            again = pickle.loads(pickle.dumps(error))
        except Exception as failure:
            fail("error-unpicklable", f"{type(failure).__name__}: {failure}", cause=failure)
        if str(again) != text:
            fail("pickle-changes-error", text[:200])


def guarded(call: Callable[[], Any], *, type_error: bool = False) -> Any:
    """Call; return the result or the `ValidationError` (checked); any other escape is a defect.

    With ``type_error``, a ``TypeError`` is what the caller expects (returned, not raised).
    """
    try:
        return call()
    except ek.ValidationError as error:
        check_error(error, pickles=False)
        return error
    except TypeError as error:
        if type_error:
            return error
        fail(f"escaped-{type(error).__name__}", str(error)[:300], cause=error)
    except Defect:
        raise
    except Exception as error:
        fail(f"escaped-{type(error).__name__}", str(error)[:300], cause=error)


def _same_json(data: Any, value: Any, path: str) -> None:
    """Plain JSON data equal in value *and* JSON type (1 is not 1.0, not True)."""
    if type(data) is not type(value) and not (
        isinstance(data, list | tuple) and isinstance(value, list | tuple)
    ):
        fail("coerced", f"{path}: {data!r:.80} came back as {value!r:.80}")
    if isinstance(data, dict):
        if data.keys() != value.keys():
            fail("dropped", f"{path}: keys {sorted(data)!r:.120} became {sorted(value)!r:.120}")
        for key in data:
            _same_json(data[key], value[key], f"{path}.{key}")
    elif isinstance(data, list | tuple):
        if len(data) != len(value):
            fail("dropped", f"{path}: {len(data)} items became {len(value)}")
        for index, (left, right) in enumerate(zip(data, value, strict=True)):
            _same_json(left, right, f"{path}[{index}]")
    elif data != value and not (isinstance(data, float) and math.isnan(data)):
        fail("coerced", f"{path}: {data!r:.80} came back as {value!r:.80}")


def faithful(data: Any, value: Any, path: str = "$", *, record: bool = True) -> None:  # noqa: PLR0911, PLR0912 - one exit per kind of value
    """Check that ``value`` holds exactly what ``data`` said: nothing dropped or coerced."""
    if isinstance(value, ek.UnknownRecord):
        _same_json(data, value.to_dict(), path)
        return
    if isinstance(value, ek.PartialDate | ek.TimeSpan) and not (
        type(data) is dict and "edtf" not in data  # its attributes, as from_dict(PartialDate) reads
    ):
        if type(data) not in (str, dict) or date_from_wire(data) != value:
            fail("coerced", f"{path}: date {data!r:.80} loaded as {value!r:.120}")
        return
    if isinstance(value, decimal.Decimal):
        if type(data) not in (str, int) or decimal.Decimal(data) != value:
            fail("coerced", f"{path}: {data!r:.80} loaded as Decimal {value}")
        return
    if isinstance(value, enum.Enum):
        if type(data) is not type(value.value) or data != value.value:
            fail("coerced", f"{path}: {data!r:.80} loaded as {value!r:.80}")
        return
    if attrs.has(type(value)):
        if type(data) is not dict:
            fail("coerced", f"{path}: {data!r:.80} loaded as {type(value).__name__}")
        fields = describe(type(value)).fields
        by_key = {f.key: f for f in fields}
        by_key.update({old: f for f in fields for old in f.spec.old_names})
        for key, item in data.items():
            if key == "type" and record:
                continue
            field = by_key.get(key)
            if field is None:
                fail("dropped", f"{path}: key {key!r:.60} was accepted and ignored")
            faithful(item, getattr(value, field.name), f"{path}.{key}", record=False)
        return
    if isinstance(value, Mapping):
        _same_json(dict(data) if isinstance(data, Mapping) else data, {**value}, path)
        for key in value:
            faithful(data[key], value[key], f"{path}.{key}", record=False)
        return
    if isinstance(value, tuple):
        if type(data) is not list or len(data) != len(value):
            fail("coerced", f"{path}: {data!r:.80} loaded as {value!r:.80}")
        for index, (left, right) in enumerate(zip(data, value, strict=True)):
            faithful(left, right, f"{path}[{index}]", record=False)
        return
    if type(value) is float and type(data) is int and float(data) == value:
        return  # JSON has one kind of number; 3 for a float field is 3.0
    _same_json(data, value, path)


def round_trip(value: Any, cls: Any) -> None:
    """``to_dict``/``from_dict`` and ``to_json``/``from_json`` give the value back."""
    plain = guarded(lambda: ek.to_dict(value))
    text = guarded(lambda: ek.to_json(value))
    if isinstance(plain, BaseException) or isinstance(text, BaseException):
        fail("unwritable", f"a loaded {type(value).__name__} cannot be written: {plain}")
    keep = isinstance(value, ek.UnknownRecord)
    back = guarded(lambda: ek.from_dict(cls, plain, keep_unknown=keep))
    if back != value or type(back) is not type(value):
        fail("round-trip", f"from_dict(to_dict(x)) != x for {type(value).__name__}: {back}")
    again = guarded(lambda: ek.from_json(cls, text, keep_unknown=keep))
    if again != value:
        fail("round-trip", f"from_json(to_json(x)) != x for {type(value).__name__}")


def _duplicate_keys(text: bytes | str) -> bool:
    """Whether JSON text (valid for orjson) has an object with a key written twice."""
    found = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        keys = [key for key, _ in items]
        found = found or len(set(keys)) != len(keys)
        return dict(items)

    try:
        json.loads(text, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return False
    return found


def _is_json(data: Any) -> bool:
    """Whether ``data`` is plain JSON data: exactly dict, list, str, int, float, bool, None."""
    try:
        return _only_json_types(data) and bool(orjson.loads(orjson.dumps(data)) == data)
    except (TypeError, RecursionError, orjson.JSONEncodeError, orjson.JSONDecodeError):
        return False


def _only_json_types(data: Any) -> bool:
    if type(data) is dict:
        return all(type(k) is str and _only_json_types(v) for k, v in data.items())
    if type(data) is list:
        return all(_only_json_types(item) for item in data)
    return type(data) in (str, int, float, bool, type(None))


# --- in-memory entry points ------------------------------------------------------------------

RECORD_CLASSES: tuple[type, ...] = (ek.Record, ek.Record, ek.Event, ek.Actor, ek.Statement)


def _record_classes() -> tuple[type, ...]:
    return (*RECORD_CLASSES, ek.PhoneCall, ek.Source, ek.Meeting)


def make_from_json(rng: random.Random) -> tuple[type, bytes | str, bool]:
    """A record class, JSON text (bytes, or str that may hold lone surrogates), keep_unknown."""
    text: bytes | str = inputs.json_text(rng)
    if rng.random() < 0.4:
        text = text.decode("utf-8", "surrogateescape")  # type: ignore[union-attr]
    return rng.choice(_record_classes()), text, rng.random() < 0.3


def check_from_json(given: tuple[type, bytes | str, bool]) -> None:
    """`ek.from_json`: a record, or every problem."""
    cls, text, keep = given
    result = guarded(lambda: ek.from_json(cls, text, keep_unknown=keep))
    if isinstance(result, ek.ValidationError):
        with contextlib.suppress(orjson.JSONDecodeError):
            check_names_record(result.problems, orjson.loads(text))
        return
    if not isinstance(result, cls) and not (keep and isinstance(result, ek.UnknownRecord)):
        fail("wrong-class", f"from_json({cls.__name__}) gave {type(result).__name__}")
    if _duplicate_keys(text):
        fail("duplicate-key-accepted", "an object with a key written twice loaded")
    faithful(orjson.loads(text), result)
    round_trip(result, cls)


def make_from_dict(rng: random.Random) -> tuple[type, Any, bool]:
    """A record class and data: JSON, or (sometimes) any Python values in it."""
    python = rng.random() < 0.3
    data = (
        inputs.mutated_record(rng, python=python) if rng.random() < 0.9 else inputs.json_value(rng)
    )
    return rng.choice(_record_classes()), data, rng.random() < 0.3


def check_names_record(problems: Iterable[ek.Problem], data: Any) -> None:
    """Every problem of a record whose data has a plausible id names that record."""
    record = data.get("id") if type(data) is dict else None
    if type(record) is not str or not 0 < len(record) <= 200:
        return
    for problem in problems:
        if problem.record != record:
            detail = (
                f"{problem.message[:50]!r}, of record {record!r:.60}, names {problem.record!r:.60}"
            )
            fail("unnamed", detail)


def check_from_dict(given: tuple[type, Any, bool]) -> None:
    """`ek.from_dict` for records."""
    cls, data, keep = given
    result = guarded(lambda: ek.from_dict(cls, data, keep_unknown=keep))
    if isinstance(result, ek.ValidationError):
        check_error(result, pickles=_is_json(data))
        check_names_record(result.problems, data)
        return
    if not isinstance(result, cls) and not (keep and isinstance(result, ek.UnknownRecord)):
        fail("wrong-class", f"from_dict({cls.__name__}) gave {type(result).__name__}")
    if _is_json(data):
        faithful(data, result)
    round_trip(result, cls)


def _value_pairs() -> list[tuple[Any, Any]]:
    """(annotation, plain data) of every value inside the pool's records."""
    pairs: list[tuple[Any, Any]] = []

    def walk(value: Any) -> None:
        if attrs.has(type(value)):
            if not isinstance(value, ek.Record):
                pairs.append((type(value), ek.to_dict(value)))
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))
        elif isinstance(value, ek.PartialDate | ek.TimeSpan):
            pairs.append((type(value), ek.to_dict(value)))
            pairs.append((ek.When, ek.to_dict(value)))
        elif isinstance(value, tuple):
            if value and attrs.has(type(value[0])):
                pairs.append((tuple[type(value[0]), ...], ek.to_dict(value)))  # type: ignore[misc]
            for item in value:
                walk(item)

    for data in inputs.pool():
        walk(ek.from_dict(ek.Record, data))
    return pairs


_VALUE_PAIRS: list[tuple[Any, Any]] = []


def make_from_dict_value(rng: random.Random) -> tuple[Any, Any]:
    """A value type (or a tuple of one, or a date type) and data made bad."""
    if not _VALUE_PAIRS:
        _VALUE_PAIRS.extend(_value_pairs())
    cls, data = rng.choice(_VALUE_PAIRS)
    data = orjson.loads(orjson.dumps(data))
    roll = rng.random()
    if roll < 0.15:
        data = inputs.edtf_text(rng) if rng.random() < 0.7 else {"edtf": inputs.edtf_text(rng)}
    elif roll < 0.25:
        data = inputs.hostile_python(rng)
    elif roll < 0.9:
        wrapper = {"v": data}
        for _ in range(rng.choice((1, 1, 2, 3))):
            wrapper = inputs.mutate_once(rng, wrapper, inputs.json_value)
        data = wrapper.get("v") if isinstance(wrapper, dict) else wrapper
    return cls, data


def check_from_dict_value(given: tuple[Any, Any]) -> None:
    """`ek.from_dict` for value types and dates."""
    cls, data = given
    result = guarded(lambda: ek.from_dict(cls, data))
    if isinstance(result, ek.ValidationError):
        check_error(result, pickles=_is_json(data))
        return
    if _is_json(data):
        faithful(data, result, record=False)
    round_trip(result, cls)


def make_from_dicts(rng: random.Random) -> Any:
    """A list of record data, good and bad, or something that is not a list."""
    if rng.random() < 0.1:
        return inputs.hostile_python(rng)
    return [inputs.mutated_record(rng) for _ in range(rng.randrange(7))]


def check_from_dicts(items: Any) -> None:
    """`ek.from_dicts`: every item's problems under its index; none hidden."""
    result = guarded(lambda: ek.from_dicts(items))
    if not isinstance(items, list):
        return
    alone = {i for i, item in enumerate(items) if isinstance(_load_alone(item), Exception)}
    if isinstance(result, ek.ValidationError):
        check_error(result, pickles=_is_json(items))
        found = {p.loc[0] for p in result.problems if p.loc and type(p.loc[0]) is int}
        if any(not p.loc or type(p.loc[0]) is not int for p in result.problems):
            fail("unlocated", "a problem of from_dicts without an item index")
        if found != alone:
            fail("hidden", f"items failing alone {sorted(alone)}, reported {sorted(found)}")
        return
    if alone or len(result) != len(items):
        fail("dropped", f"{len(items)} items gave {len(result)} records; bad: {alone}")
    for data, record in zip(items, result, strict=True):
        faithful(data, record)


def _load_alone(data: Any) -> Any:
    try:
        return ek.from_dict(ek.Record, data)
    except ek.ValidationError as error:
        return error


def make_from_jsonl(rng: random.Random) -> bytes | str:
    """JSON Lines text, as bytes or as str."""
    text = inputs.jsonl_bytes(rng)
    return text.decode("utf-8", "surrogateescape") if rng.random() < 0.3 else text


def _lines(text: bytes) -> list[bytes]:
    r"""The lines as the reader splits them: at ``\\n`` only, each with its ``\\n``."""
    return text.splitlines(keepends=True) if b"\r" not in text else _split_lf(text)


def _split_lf(text: bytes) -> list[bytes]:
    parts = text.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _failing_lines(text: bytes) -> set[int] | None:
    """The lines that fail when each is read alone; None if that cannot tell."""
    lines = _split_lf(text)
    if lines and lines[0].startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16: nothing after the first line is read, by design
    failing = set()
    for number, line in enumerate(lines, 1):
        if number > 1 and line.startswith(b"\xef\xbb\xbf"):
            return None  # read alone, it would be a first line, and its BOM skipped
        try:
            ek.from_jsonl(ek.Record, line)
        except ek.ValidationError:
            failing.add(number)
    return failing


def _bom_and_long_first_line(raw: bytes) -> bool:
    first = raw.split(b"\n", 1)[0]
    return first.startswith(b"\xef\xbb\xbf") and len(first) > 16 * 1024 * 1024 - 3


def _beyond(raw: bytes) -> str:
    """The kind of defect of a problem at a line past the last."""
    return "bom-long-first-line" if _bom_and_long_first_line(raw) else "unlocated"


def _own_problem_lines(problems: Iterable[ek.Problem]) -> set[int]:
    return {p.line for p in problems if p.code not in REFERENCE_CODES and p.line is not None}


def check_from_jsonl(text: bytes | str) -> None:
    """`ek.from_jsonl`: every bad line reported with its number; good ones load faithfully."""
    result = guarded(lambda: ek.from_jsonl(ek.Record, text))
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    count = len(_split_lf(raw))
    if isinstance(result, ek.ValidationError):
        check_error(result)
        for problem in result.problems:
            if problem.line is None or not 1 <= problem.line <= count:
                fail(_beyond(raw), f"line {problem.line} of {count}: {problem}")
        if _bom_and_long_first_line(raw):
            return  # D11: the reader cuts that line in two, so lines are counted wrong
        failing = _failing_lines(raw)
        if failing is not None and failing != _own_problem_lines(result.problems):
            reported = sorted(_own_problem_lines(result.problems))
            fail("hidden", f"lines failing alone {sorted(failing)}, reported {reported}")
        return
    lines = [line for line in _split_lf(raw.removeprefix(b"\xef\xbb\xbf")) if line.strip()]
    if len(lines) != len(result):
        fail("dropped", f"{len(lines)} non-blank lines gave {len(result)} records")
    for line, record in zip(lines, result, strict=True):
        faithful(orjson.loads(line), record)
        if _duplicate_keys(line):
            fail("duplicate-key-accepted", "a JSON Lines record with a key written twice")
    back = guarded(lambda: ek.from_jsonl(ek.Record, ek.to_jsonl(result)))
    if back != result:
        fail("round-trip", "from_jsonl(to_jsonl(records)) != records")


# --- free text, EDTF, ids, constructors ------------------------------------------------------

_DAYFIRST: tuple[Any, ...] = (None, None, True, False, 1, "yes")
_YEARFIRST: tuple[Any, ...] = (False, False, True, None, 0)


def make_parse_when(rng: random.Random) -> tuple[Any, dict[str, Any]]:
    """Text (rarely not a string) and keyword arguments of any type."""
    text = inputs.when_text(rng) if rng.random() < 0.97 else inputs.hostile_python(rng)
    kwargs: dict[str, Any] = {}
    if rng.random() < 0.5:
        kwargs["reference"] = inputs.reference(rng)
    if rng.random() < 0.3:
        kwargs["dayfirst"] = rng.choice(_DAYFIRST)
    if rng.random() < 0.2:
        kwargs["yearfirst"] = rng.choice(_YEARFIRST)
    return text, kwargs


def _wrong_argument_types(kwargs: dict[str, Any]) -> bool:
    dayfirst = kwargs.get("dayfirst")
    reference = kwargs.get("reference")
    return (
        (dayfirst is not None and not isinstance(dayfirst, bool))
        or not isinstance(kwargs.get("yearfirst", False), bool)
        or (reference is not None and not isinstance(reference, dt.date | ek.PartialDate))
    )


def check_parse_when(given: tuple[Any, dict[str, Any]]) -> None:
    """`ek.parse_when`: a date or span keeping the text, a ValidationError, or a TypeError."""
    text, kwargs = given
    wrong = _wrong_argument_types(kwargs)
    result = guarded(lambda: ek.parse_when(text, **kwargs), type_error=wrong)
    if wrong:
        if not isinstance(result, TypeError):
            fail("no-type-error", f"wrong argument types gave {type(result).__name__}")
        return
    if isinstance(result, ek.ValidationError):
        return
    if not isinstance(result, ek.PartialDate | ek.TimeSpan) or result.text != text:
        fail("bad-result", f"{result!r:.200}")
    _edtf_round_trip(result)
    round_trip(result, type(result))


def _edtf_round_trip(value: ek.PartialDate | ek.TimeSpan) -> None:
    edtf = guarded(value.to_edtf)
    back = guarded(lambda: ek.parse_edtf(edtf))
    if back != attrs.evolve(value, text=None):
        fail("edtf-round-trip", f"{value!r:.200} wrote {edtf!r} which reads as {back!r:.200}")


def make_parse_edtf(rng: random.Random) -> Any:
    """EDTF-like text, or rarely anything at all."""
    return inputs.edtf_text(rng) if rng.random() < 0.97 else inputs.hostile_python(rng)


def check_parse_edtf(text: Any) -> None:
    """`ek.parse_edtf`: a value that writes back as EDTF, or a ValidationError."""
    result = guarded(lambda: ek.parse_edtf(text))
    if isinstance(result, ek.ValidationError):
        return
    _edtf_round_trip(result)


_LENGTHS: tuple[Any, ...] = (20, 20, 8, 40, 7, 41, 0, -1, True, 20.0, "20", None, 10**30)


def make_make_id(rng: random.Random) -> tuple[list[Any], dict[str, Any]]:
    """Parts of any type, a prefix and a length, mostly of the right types."""

    def part() -> Any:
        roll = rng.random()
        if roll < 0.5:
            return inputs.hostile_string(rng)
        return inputs.hostile_int(rng) if roll < 0.85 else inputs.hostile_python(rng)

    parts = [part() for _ in range(rng.choice((0, 1, 1, 2, 3, 5)))]
    kwargs: dict[str, Any] = {}
    if rng.random() < 0.5:
        roll = rng.random()
        kwargs["prefix"] = (
            inputs.hostile_string(rng)
            if roll < 0.8
            else rng.choice((None, "event", "x" * 179, "x" * 180, "x" * 192, "x" * 191))
            if roll < 0.95
            else inputs.hostile_python(rng)
        )
    if rng.random() < 0.3:
        kwargs["length"] = rng.choice(_LENGTHS)
    return parts, kwargs


def check_make_id(given: tuple[list[Any], dict[str, Any]]) -> None:
    """`ek.make_id`: an id validation accepts, the same every time; else the documented errors."""
    parts, kwargs = given
    prefix, length = kwargs.get("prefix"), kwargs.get("length", 20)
    wrong = (
        any(type(p) not in (str, int) for p in parts)
        or (prefix is not None and type(prefix) is not str)
        or type(length) is not int
    )
    result = guarded(lambda: ek.make_id(*parts, **kwargs), type_error=wrong)
    if wrong:
        if not isinstance(result, TypeError):
            fail("no-type-error", f"wrong argument types gave {type(result).__name__}")
        return
    if isinstance(result, ek.ValidationError):
        return
    if not isinstance(result, str) or ek.make_id(*parts, **kwargs) != result:
        fail("unstable-id", repr(result))
    made = guarded(lambda: ek.Actor(id=result, name="A", kind="person"))
    if isinstance(made, ek.ValidationError):
        fail("id-refused", f"make_id gave {result!r}, which an Actor refuses: {made}")
    expected = length + (0 if prefix is None else len(prefix) + 1)
    if len(result) != expected:
        fail("id-length", f"{result!r} is not {expected} characters long")


def make_constructor(rng: random.Random) -> tuple[type, dict[str, Any]]:
    """A record or value class and keyword arguments of any type."""
    return inputs.python_kwargs(rng)


def check_constructor(given: tuple[type, dict[str, Any]]) -> None:
    """``ek.Event(**kwargs)`` and kin: a valid value that writes and reads back, or its problems."""
    cls, kwargs = given
    result = guarded(lambda: cls(**kwargs), type_error=True)
    if isinstance(result, TypeError):
        # A keyword that is not a field is a mistake in the code, not in the data: the
        # value types (dates) say so as Python does; a record reports it as a problem.
        if "keyword" not in str(result) or issubclass(cls, ek.Record):
            fail("escaped-TypeError", str(result)[:300], cause=result)
        return
    if isinstance(result, ek.ValidationError):
        return
    round_trip(result, cls)


# --- files -------------------------------------------------------------------------------------

SUFFIXES = (".jsonl", ".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson")
_NAMES = ("d", "d", "d", "d", "[red]bold[x]", "line\nbreak", "\udcff\udcfe", "%s", "-")
_workdir: Path | None = None


@attrs.frozen
class FileInput:
    """A dataset file's name and bytes, and how it is to be read."""

    name: str
    data: bytes
    keep_unknown: bool
    cascade: bool

    def __repr__(self) -> str:
        return (
            f"FileInput(name={self.name!r}, keep_unknown={self.keep_unknown}, data={self.data!r})"
        )


def make_file(rng: random.Random) -> FileInput:
    """A file name with a supported suffix, and the file's bytes."""
    suffix = rng.choice(SUFFIXES)
    return FileInput(
        name=rng.choice(_NAMES) + suffix,
        data=inputs.file_bytes(rng, suffix),
        keep_unknown=rng.random() < 0.3,
        cascade=rng.random() < 0.5,
    )


def workdir() -> Path:
    """A temporary directory for this process's files, removed at exit."""
    global _workdir  # noqa: PLW0603 - one directory per process, made on first use
    if _workdir is None:
        holder = tempfile.TemporaryDirectory(prefix="eventkit-fuzz-")
        _workdir = Path(holder.name)
        _KEEP.append(holder)
    return _workdir


_KEEP: list[Any] = []


def _write(given: FileInput, sub: str = "in") -> Path:
    folder = workdir() / sub
    folder.mkdir(exist_ok=True)
    path = folder / given.name
    path.write_bytes(given.data)
    return path


def _plain(given: FileInput) -> bytes | None:
    """The file's bytes decompressed; None if it is not valid gzip."""
    if not given.name.endswith(".gz"):
        return given.data
    try:
        return gzip.decompress(given.data)
    except (OSError, EOFError, ValueError, zlib.error):
        return None


def _is_jsonl(given: FileInput) -> bool:
    return ".jsonl" in given.name or ".ndjson" in given.name


def check_located(problems: Iterable[ek.Problem], given: FileInput, path: Path) -> None:
    """Every problem names the file, and the line or ``$.records[i]``."""
    plain = _plain(given)
    for problem in problems:
        if problem.file != os.fsdecode(path):
            fail("unlocated", f"problem without its file: {problem}")
        if _is_jsonl(given):
            lines = len(_split_lf(plain)) if plain is not None else None
            if problem.line is None or problem.line < 1:
                fail("unlocated", f"a JSON Lines problem without a line: {problem}")
            if lines is not None and problem.line > max(lines, 1):
                fail(_beyond(plain or b""), f"line {problem.line} of {lines}: {problem}")
            continue
        loc = problem.loc
        if loc[:1] == ("records",) and len(loc) > 1 and type(loc[1]) is int:
            continue
        if loc == () or (len(loc) == 1 and isinstance(loc[0], str)):
            continue  # the document's own problems: not JSON, its header
        fail("unlocated", f"a document problem outside $.records[i]: {problem}")


def _key(problem: ek.Problem) -> tuple[Any, ...]:
    return (problem.line, problem.loc, problem.code, problem.record)


def check_validate_file(given: FileInput) -> None:
    """`ek.validate_file`: a report, every problem located; JSON Lines agree with `from_jsonl`."""
    path = _write(given)
    report = guarded(lambda: ek.validate_file(path, keep_unknown=given.keep_unknown))
    if isinstance(report, ek.ValidationError):
        fail("validate-raised", str(report)[:300])
    try:
        report.summary().encode("utf-8")
        str(report).encode("utf-8")
        report.to_json()
        report.flatten()
    except Exception as error:
        fail("report-unprintable", f"{type(error).__name__}: {error}", cause=error)
    check_located(report.problems, given, path)
    plain = _plain(given)
    if _is_jsonl(given) and plain is not None:
        memory = guarded(lambda: ek.from_jsonl(ek.Record, plain, keep_unknown=given.keep_unknown))
        own = sorted(
            (p.line, p.loc, p.code) for p in report.problems if p.code not in REFERENCE_CODES
        )
        said = [] if not isinstance(memory, ek.ValidationError) else memory.problems
        if own != sorted((p.line, p.loc, p.code) for p in said):
            fail("disagree", f"validate_file {own[:5]} but from_jsonl {said[:5]}")


def check_iter_records(given: FileInput) -> None:
    """`ek.iter_records`: records that round-trip, then at most a located ValidationError."""
    path = _write(given)

    def read() -> list[Any]:
        return list(ek.iter_records(path, keep_unknown=given.keep_unknown))

    result = guarded(read)
    if isinstance(result, ek.ValidationError):
        check_error(result)
        check_located(result.problems, given, path)
        return
    for record in result:
        round_trip(record, ek.Record)


def check_load_strict(given: FileInput) -> None:
    """`Dataset.load`: a dataset exactly when `validate_file` finds nothing; save, load, equal."""
    path = _write(given)
    loaded = guarded(lambda: ek.Dataset.load(path, keep_unknown=given.keep_unknown))
    report = guarded(lambda: ek.validate_file(path, keep_unknown=given.keep_unknown))
    if isinstance(loaded, ek.ValidationError):
        check_error(loaded)
        check_located(loaded.problems, given, path)
        if not isinstance(report, ek.ValidationError) and report.valid:
            fail("disagree", f"load refused a file validate_file passes: {loaded}")
        return
    if not report.valid:
        fail("disagree", f"load accepted a file validate_file refuses: {report}")
    _save_and_reload(loaded, given)


def _records(dataset: Any) -> list[Any]:
    return [ek.to_dict(record) for record in dataset]


def _save_and_reload(dataset: Any, given: FileInput) -> None:
    for suffix in (".jsonl", ".json", ".jsonl.gz"):
        out = workdir() / f"saved{suffix}"
        saved = guarded(functools.partial(dataset.save, out))
        if isinstance(saved, ek.ValidationError):
            fail("unsavable", f"a loaded dataset cannot be saved as {suffix}: {saved}")
        load = functools.partial(ek.Dataset.load, out, keep_unknown=given.keep_unknown)
        again = guarded(load)
        if isinstance(again, ek.ValidationError):
            fail("save-load", f"a saved dataset does not load from {suffix}: {again}")
        if _records(again) != _records(dataset):
            fail("save-load", f"save/load as {suffix} changed the records")


def check_load_lenient(given: FileInput) -> None:
    """``Dataset.load(lenient=True)``: the good records, and the report `validate_file` gives."""
    path = _write(given)

    def load() -> Any:
        return ek.Dataset.load(
            path, lenient=True, keep_unknown=given.keep_unknown, cascade=given.cascade
        )

    result = guarded(load)
    if isinstance(result, ek.ValidationError):
        check_error(result)
        check_located(result.problems, given, path)
        fatal = {"invalid_gzip", "invalid_encoding", "truncated_line", "invalid_json"}
        fatal |= {"invalid_type", "invalid_value", "unsupported_version", "missing"}
        if any(p.code not in fatal for p in result.problems):
            fail("lenient-raised", f"lenient load raised for records: {result}")
        return
    dataset, report = result
    check_located(report.problems, given, path)
    checked = ek.validate_file(path, keep_unknown=given.keep_unknown)
    if not given.cascade and sorted(map(_key, report.problems)) != sorted(
        map(_key, checked.problems)
    ):
        fail("disagree", f"lenient report {report.counts()} vs validate {checked.counts()}")
    if given.cascade:
        check = dataset.check()
        if not check.valid:
            fail("cascade", f"a cascaded lenient load fails check(): {check}")


def check_dataset_save(given: FileInput) -> None:
    """``Dataset.save`` after a lenient, cascaded load: save and load give the same records."""
    path = _write(given)

    def load() -> Any:
        return ek.Dataset.load(path, lenient=True, keep_unknown=given.keep_unknown, cascade=True)

    result = guarded(load)
    if isinstance(result, ek.ValidationError):
        return
    dataset, _ = result
    _save_and_reload(dataset, given)


def check_cli(given: FileInput) -> None:
    """``eventkit validate FILE``: status 0, 1 or 2, no traceback, UTF-8 output."""
    path = _write(given)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(["validate", os.fsdecode(path)])
    except BaseException as error:
        fail(f"cli-{type(error).__name__}", str(error)[:300], cause=error)
    text = out.getvalue() + err.getvalue()
    if status not in (0, 1, 2) or "Traceback" in text:
        fail("cli-status", f"status {status}: {text[:300]}")
    try:
        # Standard error escapes what it cannot encode (backslashreplace); standard output does not.
        out.getvalue().encode("utf-8")
    except UnicodeEncodeError as error:
        fail("cli-unprintable", f"output is not UTF-8: {error}", cause=error)
    report = guarded(lambda: ek.validate_file(path))
    if isinstance(report, ek.ValidationError):
        fail("validate-raised", str(report)[:300])
    if (status == 0) != report.valid:
        fail("cli-status", f"status {status} for a report valid={report.valid}")


# --- tables and Parquet datasets --------------------------------------------------------------
#
# Both start from the seed article's dataset, as Arrow tables and as a Parquet dataset written
# once per process, and change it as another program might: a cell of a table given another
# value (any JSON or Python value, or the cell's own value edited), bytes of a file flipped, the
# header's JSON edited.


@functools.cache
def _seed() -> ek.Dataset:
    return scholz_putin()


@functools.cache
def _seed_tables() -> dict[str, Any]:
    return _seed().to_arrow()


@attrs.frozen
class CellInput:
    """The seed's Arrow tables, one cell given another value (column -1: a column added)."""

    table: str
    column: int
    row: int
    value: Any


def make_cell(rng: random.Random) -> CellInput:
    tables = _seed_tables()
    name = rng.choice(sorted(name for name, table in tables.items() if table.num_rows))
    table = tables[name]
    column, row = rng.randrange(table.num_columns), rng.randrange(table.num_rows)
    if rng.random() < 0.1:  # a column eventkit does not write, of any Arrow type
        column = -1
    roll = rng.random()
    if roll < 0.5:  # the cell's own value, edited where it nests
        value = inputs.mutate_once(rng, {"v": table.column(column)[row].as_py()}, inputs.json_value)
        value = value.get("v") if isinstance(value, dict) else value
    elif roll < 0.8:
        value = inputs.json_value(rng)
    else:
        value = inputs.hostile_python(rng)
    return CellInput(name, column, row, value)


def _changed_tables(given: CellInput) -> dict[str, Any] | None:
    """The tables with the cell changed; None if no Arrow column can hold the new value."""
    import pyarrow as pa  # noqa: PLC0415 - the parquet extra, installed with the tests

    if _depth(given.value) > _ARROW_DEPTH:
        return None  # pyarrow's own conversion overflows the C stack (a crash) far below this
    tables = dict(_seed_tables())
    table = tables[given.table]
    if given.column < 0:  # added: its type chosen by the value (an int any time or duration)
        name, values = "fuzz_added", [None] * table.num_rows
        kinds = [pa.timestamp("us"), pa.date32(), pa.duration("s"), pa.time64("us"), None]
    else:
        field = table.schema.field(given.column)
        name, values, kinds = field.name, table.column(given.column).to_pylist(), [field.type, None]
    values[given.row] = given.value
    for kind in kinds:
        try:
            array = pa.array(values, type=kind)
        except (pa.ArrowException, TypeError, ValueError, OverflowError, RecursionError):
            continue
        if given.column < 0:
            tables[given.table] = table.append_column(name, array)
        else:
            tables[given.table] = table.set_column(given.column, name, array)
        return tables
    return None


_WRITTEN_DEPTH = 250
"""Header data nested deeper is not written (``json.dumps`` recurses)."""

_ARROW_DEPTH = 100
"""Values nested deeper are not made into Arrow columns: ``pa.array`` of 50,000 levels crashes."""


def _depth(value: Any) -> int:
    """How deep lists, tuples and dicts nest in ``value`` (without recursing)."""
    deepest, work = 0, [(value, 0)]
    while work:
        item, level = work.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            work.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list | tuple):
            work.extend((child, level + 1) for child in item)
    return deepest


def check_from_arrow(given: CellInput) -> None:
    """``Dataset.from_arrow``: the other rows load; what loads round-trips; strict agrees."""
    tables = _changed_tables(given)
    if tables is None:
        return
    result = guarded(lambda: ek.Dataset.from_arrow(tables, lenient=True))
    if isinstance(result, ek.ValidationError):
        fail("lenient-raised", f"a lenient from_arrow raised: {result}"[:300])
    dataset, report = result
    changed = (
        _seed_tables()[given.table].column("id")[given.row].as_py()
        if given.table in ("actors", "sources", "events", "statements", "provenances", "unknown")
        else None
    )
    hidden = set(_seed().ids) - {changed} - set(dataset.ids)
    if hidden:
        fail("hidden", f"records of rows not changed are not loaded: {sorted(hidden)[:5]}")
    _columnar_agrees(dataset, report, lambda: ek.Dataset.from_arrow(tables))


def _columnar_agrees(dataset: ek.Dataset, report: ek.Report, strict: Callable[[], Any]) -> None:
    """What loaded leniently round-trips through Arrow, and a strict load agrees with the report."""
    for problem in report.problems:
        str(problem).encode("utf-8")
        orjson.dumps(problem.to_dict())
    back = guarded(lambda: ek.Dataset.from_arrow(dataset.to_arrow(), lenient=True))
    if isinstance(back, ek.ValidationError) or back[0] != dataset:
        fail("round-trip", f"from_arrow(to_arrow()) differs: {back!r}"[:300])
    loaded = guarded(strict)
    if report.valid != (not isinstance(loaded, ek.ValidationError)):
        fail("strict-disagrees", f"report valid={report.valid}, strict gave {loaded!r}"[:300])
    if report.valid and loaded != dataset:
        fail("strict-differs", "a strict load of a valid dataset differs from the lenient one")


@attrs.frozen
class ParquetInput:
    """The seed's Parquet dataset, bytes of its files flipped or its header edited."""

    flips: tuple[tuple[int, float, int], ...]  # (file number, where in it, from 0 to 1, byte)
    header: Any  # the header's data edited, or None to keep the header as written


def _template() -> Path:
    path = workdir() / "seed.parquet"
    if not path.exists():
        _seed().save(path, format="parquet")
    return path


def _template_files() -> list[Path]:
    return sorted(p for p in _template().rglob("*") if p.is_file())


def make_parquet(rng: random.Random) -> ParquetInput:
    if rng.random() < 0.3:
        header = json.loads((_template() / "_eventkit.json").read_text(encoding="utf-8"))
        return ParquetInput((), inputs.mutate_once(rng, header, inputs.json_value))
    files = len(_template_files())
    flips = tuple(
        (rng.randrange(files), rng.random(), rng.randrange(256)) for _ in range(rng.randint(1, 3))
    )
    return ParquetInput(flips, None)


def check_load_parquet(given: ParquetInput) -> None:
    """``Dataset.load`` of a Parquet dataset changed on disk: a report, never another error."""
    path = workdir() / "changed.parquet"
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(_template(), path)
    files = [path / p.relative_to(_template()) for p in _template_files()]
    for number, where, byte in given.flips:
        raw = bytearray(files[number].read_bytes())
        if raw:
            raw[min(int(where * len(raw)), len(raw) - 1)] = byte
            files[number].write_bytes(bytes(raw))
    if given.header is not None:
        if _depth(given.header) > _WRITTEN_DEPTH:
            return  # too deep to write here; the JSON Lines targets feed deep text
        text = json.dumps(given.header, ensure_ascii=False)  # any int; NaN; lone surrogates
        (path / "_eventkit.json").write_bytes(text.encode("utf-8", "surrogatepass"))
    result = guarded(lambda: ek.Dataset.load(path, lenient=True))
    if isinstance(result, ek.ValidationError):  # only a header it cannot rely on
        if any(p.file is None for p in result.problems):
            fail("unlocated", f"a problem of a Parquet dataset without its file: {result}"[:300])
        return
    dataset, report = result
    guarded(dataset.check)
    _columnar_agrees(dataset, report, lambda: ek.Dataset.load(path))


# --- importers of other formats -------------------------------------------------------------
#
# Each starts from the seed article written in that format by eventkit itself (rows of ACLED
# and GDELT as a CSV reader gives them, PLOVER records, a JSON-LD document), then edited as
# records are: values swapped for any JSON or Python value, keys deleted and added, nesting.

_IMPORTERS: dict[str, Callable[[Any], Any]] = {
    "acled": acled.read,
    "gdelt": lambda rows: gdelt.read(events=rows),
    "gdelt_mentions": lambda rows: gdelt.read(mentions=rows),
    "plover": plover.read,
    "jsonld": jsonld.read,
}


@functools.cache
def _exported(kind: str) -> bytes:
    """The seed article in the format ``kind`` reads, as JSON text (each read, a fresh copy)."""
    seed = _seed()
    writers: dict[str, Callable[[], Any]] = {
        "acled": lambda: acled.write(seed).rows,
        "gdelt": lambda: gdelt.write(seed).rows,
        "gdelt_mentions": lambda: gdelt.write_mentions(seed).rows,
        "plover": lambda: plover.write(seed).rows,
        "jsonld": lambda: jsonld.write(seed).document,
    }
    return orjson.dumps(writers[kind]())


@attrs.frozen
class ImportInput:
    """Data of another format, for its importer."""

    kind: str
    data: Any


def make_import(rng: random.Random) -> ImportInput:
    kind = rng.choice(sorted(_IMPORTERS))
    data = orjson.loads(_exported(kind))
    if isinstance(data, list):
        data = rng.sample(data, min(len(data), rng.randint(1, 5)))
    make = inputs.hostile_python if rng.random() < 0.3 else inputs.json_value
    for _ in range(rng.randint(1, 4)):
        data = inputs.mutate_once(rng, data, make)
    return ImportInput(kind, data)


def check_import(given: ImportInput) -> None:
    """An importer: a dataset and report, or a `ValidationError`; what it made saves and loads."""
    # Rows that are not a list are the program's mistake: a TypeError saying so is right.
    rows = given.kind != "jsonld"
    result = guarded(
        lambda: _IMPORTERS[given.kind](given.data),
        type_error=rows and not isinstance(given.data, list),
    )
    if isinstance(result, ek.ValidationError | TypeError):
        return
    _saves_and_loads(result.dataset)


def _saves_and_loads(dataset: ek.Dataset) -> None:
    """An imported dataset passes `check` (or says why), and saves and loads the same."""
    guarded(dataset.check)
    out = workdir() / "imported.jsonl"
    saved = guarded(lambda: dataset.save(out))
    if isinstance(saved, ek.ValidationError):
        fail("unsavable", f"an imported dataset cannot be saved: {saved}"[:300])
    again = guarded(lambda: ek.Dataset.load(out, lenient=True))
    if isinstance(again, ek.ValidationError) or _records(again[0]) != _records(dataset):
        fail("save-load", "an imported dataset saved and loaded is not the same")


# --- files of other formats ---------------------------------------------------------------------
#
# Each starts from the seed article as eventkit writes it to that format's file (ACLED CSV, GDELT
# Events and Mentions TSV), then edited as a file is: lines dropped, repeated, swapped and cut,
# line breaks changed, separators, quotes, NULs, bytes that are not UTF-8 and long cells put in.
# Python's csv module reads the CSV too, to tell which cells each row has.

_FILE_READERS: dict[str, tuple[Callable[[ek.Dataset, Path], Any], Callable[[Path], Any]]] = {
    "acled.csv": (acled.write_csv, acled.read_csv),
    "events.tsv": (gdelt.write_tsv, gdelt.read_tsv),
    "mentions.tsv": (gdelt.write_mentions_tsv, lambda path: gdelt.read_tsv(mentions=path)),
}


@functools.cache
def _written(name: str) -> bytes:
    path = workdir() / f"seed-{name}"
    _FILE_READERS[name][0](_seed(), path)
    return path.read_bytes()


@attrs.frozen
class TableInput:
    """A file of another format (named by its reader in `_FILE_READERS`) and its bytes."""

    name: str
    data: bytes


def make_table(rng: random.Random) -> TableInput:
    name = rng.choice(sorted(_FILE_READERS))
    return TableInput(name, inputs.table_bytes(rng, _written(name)))


def _table_rows(given: TableInput) -> list[list[str]] | None:
    """The header (CSV) and rows of the file as another reader splits them; None if it cannot.

    CSV as Python's csv module reads it (which stops at a cell over its limit), leading ``#``
    lines and blank lines left out; TSV as lines split at tabs, blank lines left out.
    """
    text = given.data.decode("utf-8", "surrogateescape")
    if given.name.endswith(".tsv"):
        lines = (line.removesuffix("\r") for line in text.split("\n"))
        return [line.split("\t") for line in lines if line]
    csv_lines = io.StringIO(text.removeprefix("\ufeff"), newline="")
    try:
        return [row for row in csv.reader(itertools.dropwhile(_is_comment, csv_lines)) if row]
    except csv.Error:
        return None


def _is_comment(line: str) -> bool:
    return line.startswith("#")


def check_table(given: TableInput) -> None:
    """A file reader: every line read or rejected at its line; every cell of a row read reported.

    A `ValidationError` may say that the file cannot be read at all (a CSV header that cannot
    be read); each of its problems names the file and the line.
    """
    path = workdir() / "in" / given.name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(given.data)
    result = guarded(lambda: _FILE_READERS[given.name][1](path))
    problems = (
        result.problems
        if isinstance(result, ek.ValidationError)
        else [f.problem for f in result.report.fields if f.problem is not None]
    )
    count = len(re.split(rb"\r\n|\n|\r" if given.name.endswith(".csv") else rb"\n", given.data))
    for problem in problems:
        if problem.file != os.fsdecode(path) or problem.line is None or problem.line > count:
            fail("unlocated", f"a problem of a file of {count} lines without its line: {problem}")
    if isinstance(result, ek.ValidationError):
        check_error(result)
        return
    dataset, report = result
    rows = _table_rows(given)
    if rows is not None:
        _every_row_reported(given, rows, report, dataset)
    _saves_and_loads(dataset)


def _every_row_reported(
    given: TableInput, rows: list[list[str]], report: Any, dataset: ek.Dataset
) -> None:
    """Each row is read or rejected at ``$``; each cell of a row read is reported.

    An ACLED row read writes back as it was, but for the cells reported changed or rejected.
    """
    columns = {"events.tsv": gdelt.EVENT_COLUMNS, "mentions.tsv": gdelt.MENTION_COLUMNS}.get(
        given.name
    ) or rows.pop(0)
    if report.rows != len(rows):
        fail("hidden", f"{len(rows)} rows in the file, {report.rows} in the report")
    outcomes: dict[int, dict[str, str]] = {}
    for f in report.fields:
        outcomes.setdefault(f.index, {}).setdefault(f.field, f.outcome.value)
    read = [index for index in range(len(rows)) if "$" not in outcomes.get(index, {})]
    for index in read:
        if len(rows[index]) != len(columns):
            if given.name.endswith(".csv"):
                fail("misread", f"row {index} of {len(rows[index])} cells read, not rejected")
            continue  # a GDELT 1.0 row, under columns of its own
        for column, cell in zip(columns, rows[index], strict=True):
            if cell and column not in outcomes.get(index, {}):
                where = f"{given.name} row {index}"
                fail("unreported", f"{where}: the cell {column}={cell!r:.60} is not reported")
    if given.name == "acled.csv":
        _written_back(columns, [rows[index] for index in read], read, outcomes, dataset)


def _written_back(
    columns: Sequence[str],
    rows: list[list[str]],
    read: list[int],
    outcomes: dict[int, dict[str, str]],
    dataset: ek.Dataset,
) -> None:
    """ACLED rows read write back as they were, but for cells reported changed or rejected."""
    written = acled.write(dataset).rows
    if len(written) != len(rows):
        fail("dropped", f"{len(rows)} rows read, {len(written)} events made")
    for index, given, row in zip(read, rows, written, strict=True):
        for column, cell in zip(columns, given, strict=True):
            if cell and outcomes[index][column] == "mapped" and row.get(column) != cell:
                detail = f"row {index}: {column}={cell!r:.60} reported mapped, written back as"
                fail("dropped", f"{detail} {row.get(column)!r:.60}")


# --- the table -------------------------------------------------------------------------------

TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("from_json", 12, make_from_json, check_from_json),
        Target("from_dict", 12, make_from_dict, check_from_dict),
        Target("from_dict_value", 10, make_from_dict_value, check_from_dict_value),
        Target("from_dicts", 4, make_from_dicts, check_from_dicts),
        Target("from_jsonl", 5, make_from_jsonl, check_from_jsonl),
        Target("parse_when", 12, make_parse_when, check_parse_when),
        Target("parse_edtf", 10, make_parse_edtf, check_parse_edtf),
        Target("make_id", 8, make_make_id, check_make_id),
        Target("constructor", 10, make_constructor, check_constructor),
        Target("iter_records", 2, make_file, check_iter_records),
        Target("validate_file", 2, make_file, check_validate_file),
        Target("load_strict", 1.5, make_file, check_load_strict),
        Target("load_lenient", 1.5, make_file, check_load_lenient),
        Target("dataset_save", 0.7, make_file, check_dataset_save),
        Target("cli_validate", 0.5, make_file, check_cli),
        Target("from_arrow", 1, make_cell, check_from_arrow),
        Target("load_parquet", 0.5, make_parquet, check_load_parquet),
        Target("import", 2, make_import, check_import),
        Target("import_files", 1, make_table, check_table),
    )
}


# --- defects known today ---------------------------------------------------------------------
#
# Each is pinned by a strict xfail test in tests/test_fuzz.py; when one is fixed, that
# test fails, and its entry here goes.

KNOWN: dict[str, str] = {}


def known(name: str, defect: Defect) -> str | None:
    """The id of the known defect (in `KNOWN`) that ``defect`` is, or None if it is new.

    None is known today: every defect the campaigns found is fixed. One
    found and left gets an entry in `KNOWN`, a rule here telling it by its
    target (``name``), kind and text, and a strict xfail test.
    """
    return None


def make_input(name: str, seed: int, index: int) -> Any:
    """The input number ``index`` of target ``name`` for ``seed``: the same every time."""
    return TARGETS[name].make(random.Random(f"{seed}:{name}:{index}"))


def run_one(name: str, seed: int, index: int) -> tuple[float, Defect | None]:
    """Make and check one input; return the seconds it took and the defect, if any."""
    start = time.perf_counter()
    defect = None
    try:
        given = make_input(name, seed, index)
        start = time.perf_counter()
        TARGETS[name].check(given)
    except Defect as found:
        defect = found
    except RecursionError:
        # eventkit's own RecursionErrors are caught by `guarded`; this one is the
        # oracle's walk of data deeper than Python recurses: it cannot judge that input.
        defect = None
    except Exception as error:  # a bug in the harness: shown, never taken for eventkit's
        where = traceback.extract_tb(error.__traceback__)[-1]
        defect = Defect("harness-error", f"{type(error).__name__}: {error} at {where.name}")
    took = time.perf_counter() - start
    if defect is None and took > SLOW:
        defect = Defect("slow", f"{took:.1f} s for one input")
    return took, defect
