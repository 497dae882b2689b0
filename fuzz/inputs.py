"""Hostile inputs, drawn from a seeded `random.Random`: the same seed gives the same input.

Every generator takes the `random.Random` of one input and nothing else, so an
input is reproduced from its target, seed and index alone (see ``run.py
--replay``). Valid records come from `eventkit.examples.scholz_putin` and
`eventkit.testing.records`; everything else is made from them by mutation or
from scratch.
"""

from __future__ import annotations

import codecs
import datetime as dt
import decimal
import functools
import gzip
import json
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import orjson

import eventkit as ek

__all__ = [
    "Hostile",
    "Unprintable",
    "draw_pool",
    "edtf_text",
    "file_bytes",
    "hostile_python",
    "hostile_string",
    "json_text",
    "jsonl_bytes",
    "mutate_once",
    "mutated_record",
    "pool",
    "python_kwargs",
    "reference",
    "repeat",
    "table_bytes",
    "when_text",
    "write_corpus",
]

# --- scalars -------------------------------------------------------------------------

HOSTILE_STRINGS: tuple[str, ...] = (
    "",
    " ",
    "\x00",
    "\ud800",
    "\udfff",
    "a\ud83d",
    "\udcff\udcfe",
    "\ufeff",
    "\ufeffid",
    "\r",
    "\r\n",
    "\n",
    "a\nb",
    "\u2028",
    "\u2029",
    "\x1b[31mred",
    "\u202eevil",
    "\u200b",
    "\t",
    "\x7f",
    "\x85",
    "é",
    "e\u0301",
    "\U0001d4b3",
    "\U0001f1e9\U0001f1ea",
    "DEU",
    "deu",
    " DEU",
    "DEU ",
    "XXX",
    "EUR",
    "eur",
    "de",
    "en-GB",
    "EN_gb",
    "null",
    "true",
    "1e999",
    "NaN",
    "-0",
    "\u0663",
    "\uff11\uff12",
    "2024-11-15",
    "2024-02-30",
    "2024-11-15T14:30+01:00",
    "2024-11-15T14:30Z",
    "0000",
    "0001",
    "9999-12-31T23:59:59+14:00",
    "2024-11-15T25:00",
    "2024-11-15/2024-11-14",
    "../..",
    "..",
    "/",
    "2024/..",
    "2024~",
    "2024-13",
    "x" * 200,
    "x" * 201,
    "%s%n",
    "{}",
    "[]",
    "__proto__",
    "__class__",
    "__init__",
    "eventkit.dataset",
    "actor",
    "event",
    "phone_call",
    "acme.rally",
    "Acme.Rally",
    "acme.",
    ".rally",
    "os.system",
    "builtins.eval",
    "eventkit._registry",
    "type",
    "id",
    "https://example.org/a",
    "http://",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "olaf-scholz",
    "vladimir-putin",
    "call-2024-11-15",
    "person",
    "organisation",
    "participant",
    "1.50",
    "1e3",
    "-1",
    "0.1",
    "1_000",
    " 1",
)

HOSTILE_INTS: tuple[int, ...] = (
    0,
    -1,
    1,
    2,
    12,
    13,
    31,
    32,
    59,
    60,
    90,
    91,
    180,
    181,
    499,
    500,
    501,
    9999,
    10000,
    2**31,
    2**53 + 1,
    2**63 - 1,
    2**63,
    2**64 - 1,
    2**64,
    -(2**63),
    -(2**63) - 1,
    10**100,
    -(10**100),
)

HOSTILE_FLOATS: tuple[float, ...] = (
    0.0,
    -0.0,
    0.5,
    1.5,
    -90.0,
    90.0,
    90.000001,
    -180.0,
    180.0000001,
    1e308,
    -1e308,
    5e-324,
    1e16,
    float("nan"),
    float("inf"),
    float("-inf"),
)


def hostile_string(rng: random.Random) -> str:
    """A string meant to break things: listed, random code points, or long."""
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(HOSTILE_STRINGS)
    if roll < 0.85:
        length = rng.choice((1, 2, 3, 5, 8, 20))
        return "".join(_code_point(rng) for _ in range(length))
    if roll < 0.97:
        # A valid-looking string with one hostile character put into it.
        base = rng.choice(HOSTILE_STRINGS) or "abc"
        at = rng.randrange(len(base) + 1)
        return base[:at] + _code_point(rng) + base[at:]
    return _long_string(rng)


def _code_point(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return chr(rng.randrange(0x20))  # control characters
    if roll < 0.4:
        return chr(rng.randrange(0xD800, 0xE000))  # lone surrogates
    if roll < 0.6:
        return chr(rng.randrange(0x20, 0x7F))
    if roll < 0.7:
        return rng.choice("\ufeff\u200b\u200e\u202e\u2028\u2029\x85\xa0\u3000\ufffd\uffff")
    return chr(rng.randrange(0x110000))


LONGEST = 2_000_000  # characters: past a few million, a test of memory, not of eventkit


def repeat(text: str, times: int) -> str:
    """``text`` repeated ``times`` times, or as often as keeps it within `LONGEST`."""
    return text * min(times, max(1, LONGEST // max(len(text), 1)))


def _long_string(rng: random.Random) -> str:
    size = rng.choice((1_000, 10_000, 100_000, 1_000_000))
    unit = rng.choice(("x", "é", "\ud800", "a b ", "1", "\x00", "2024-11-15 "))
    return unit * (size // len(unit))


def hostile_int(rng: random.Random) -> int:
    """An integer at or beyond some limit; rarely one of more than 4,300 digits."""
    if rng.random() < 0.002:
        return 10**5000  # more digits than int() and str() convert by default
    if rng.random() < 0.2:
        return rng.randrange(-1000, 1000)
    return rng.choice(HOSTILE_INTS)


def hostile_scalar(rng: random.Random, *, json: bool = True) -> Any:
    """A JSON scalar (or, with ``json=False``, also floats JSON cannot hold)."""
    roll = rng.random()
    if roll < 0.45:
        return hostile_string(rng)
    if roll < 0.65:
        return hostile_int(rng)
    if roll < 0.8:
        value = rng.choice(HOSTILE_FLOATS)
        if json and not math.isfinite(value):
            return 1.5 if json else value
        return value
    if roll < 0.9:
        return rng.choice((True, False))
    return None


def json_value(rng: random.Random, depth: int = 0) -> Any:
    """Arbitrary JSON data, sometimes deep."""
    roll = rng.random()
    if depth > 4 or roll < 0.6:
        return hostile_scalar(rng)
    if roll < 0.75:
        return [json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if roll < 0.97:
        return {hostile_string(rng): json_value(rng, depth + 1) for _ in range(rng.randrange(4))}
    return deep(rng, hostile_scalar(rng))


def deep(rng: random.Random, inner: Any) -> Any:
    """``inner`` nested in lists or objects, from a few levels to far past any limit."""
    levels = rng.choice((50, 200, 500, 1000, 1100, 5000, 50_000))
    value = inner
    as_list = rng.random() < 0.5
    for _ in range(levels):
        value = [value] if as_list else {"a": value}
    return value


# --- Python values that JSON cannot hold (for constructors and from_dict) ----------------


class Unprintable:
    """An object whose ``repr`` and ``str`` raise: showing it must not."""

    def __repr__(self) -> str:
        msg = "no repr for you"
        raise RuntimeError(msg)

    __str__ = __repr__


class Hostile(str):
    """A str subclass that changes how it prints."""

    def __repr__(self) -> str:
        msg = "no repr for str subclass"
        raise RuntimeError(msg)


def hostile_python(rng: random.Random, depth: int = 0) -> Any:
    """Any Python value a careless program might pass: JSON data and much more."""
    roll = rng.random()
    if roll < 0.4:
        return hostile_scalar(rng, json=False)
    if roll < 0.5:
        return json_value(rng, depth)
    choices: list[Callable[[], Any]] = [
        lambda: b"bytes",
        lambda: bytearray(b"x"),
        object,
        Unprintable,
        lambda: Hostile("DEU"),
        lambda: {1, 2},
        frozenset,
        lambda: (1, 2),
        lambda: decimal.Decimal(rng.choice(("1.5", "NaN", "sNaN", "Infinity", "-0", "1e999999"))),
        lambda: complex(1, 2),
        lambda: dt.date(2024, 11, 15),
        lambda: dt.datetime(2024, 11, 15, 14, 30, tzinfo=dt.UTC),
        lambda: dt.datetime(2024, 11, 15, 14, 30),  # noqa: DTZ001 -- a naive one on purpose
        lambda: ek.PartialDate(year=2024),
        lambda: ek.Citation(source="dpa"),
        lambda: ek.Precision.DAY,
        lambda: ek.ActorKind.PERSON,
        lambda: range(3),
        lambda: iter([1, 2]),
        lambda: (x for x in "ab"),
        lambda: type,
        lambda: len,
        lambda: ek,
        lambda: ...,
        lambda: NotImplemented,
        lambda: memoryview(b"ab"),
        lambda: deep(rng, None),
        lambda: {object(): 1},
        lambda: {("tuple",): "key"},
        lambda: {1: "int key"},
        lambda: [Unprintable()],
        lambda: {"k": Unprintable()},
        lambda: ek.FrozenDict({"a": "b"}),
    ]
    if depth < 3:
        choices.append(lambda: [hostile_python(rng, depth + 1) for _ in range(rng.randrange(4))])
        choices.append(lambda: tuple(hostile_python(rng, depth + 1) for _ in range(3)))
    return rng.choice(choices)()


# --- valid records, and records made bad ---------------------------------------------------


CORPUS = Path(__file__).resolve().parent / "corpus" / "records.jsonl"


@functools.cache
def pool() -> tuple[dict[str, Any], ...]:
    """The valid records every input starts from, as plain data: the corpus file's lines.

    A file, not drawn afresh: hypothesis's draws depend on more than a seed (what was
    imported before), and a replay must see the same records as the campaign.
    """
    lines = CORPUS.read_bytes().splitlines()
    return tuple(orjson.loads(line) for line in lines if line.strip())


def draw_pool() -> list[dict[str, Any]]:
    """The seed article's records and 300 drawn by `eventkit.testing.records`, built-in types."""
    from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: PLC0415 - slow

    from eventkit.examples import scholz_putin  # noqa: PLC0415
    from eventkit.testing import records  # noqa: PLC0415

    found: list[Any] = list(scholz_putin())

    @seed(20241115)
    @settings(
        max_examples=300,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(records())
    def collect(record: Any) -> None:
        found.append(record)

    collect()
    # Tests and plugins may register types of their own; the pool holds eventkit's.
    builtin = [r for r in found if type(r).__module__.startswith("eventkit.")]
    return [ek.to_dict(r) for r in builtin]


def write_corpus() -> int:
    """Write a fresh `CORPUS`; return how many records it holds."""
    drawn = draw_pool()
    CORPUS.parent.mkdir(exist_ok=True)
    CORPUS.write_bytes(b"".join(orjson.dumps(data) + b"\n" for data in drawn))
    return len(drawn)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``data`` (object keys and list indexes), the root included."""
    found = [prefix]
    if len(prefix) > 20:  # deep data: its depths are not walked
        return found
    if type(data) is dict:  # not a FrozenDict or other mapping made by hostile_python
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif type(data) is list:
        for index, value in enumerate(data):
            found.extend(_paths(value, (*prefix, index)))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def mutate_once(rng: random.Random, data: Any, make: Callable[[random.Random], Any]) -> Any:
    """Change one place in ``data`` (in place where possible); return the new root."""
    path = rng.choice(_paths(data))
    target = _get(data, path)
    roll = rng.random()
    if not path:
        if type(target) is dict and roll < 0.5:
            key = rng.choice(("type", "id", hostile_string(rng), "records", "version"))
            target[key] = make(rng)
            return data
        return make(rng) if roll < 0.6 else [data] if roll < 0.8 else deep(rng, data)
    parent = _get(data, path[:-1])
    key = path[-1]
    if roll < 0.25 and isinstance(parent, dict):
        del parent[key]
    elif roll < 0.5:
        parent[key] = make(rng)
    elif roll < 0.6 and isinstance(parent, dict):
        parent[hostile_string(rng)] = make(rng)
    elif roll < 0.7 and isinstance(target, str):
        parent[key] = _string_edit(rng, target)
    elif roll < 0.75 and isinstance(parent, list):
        parent.insert(key, target)  # a repeat
    elif roll < 0.8:
        parent[key] = [target] if rng.random() < 0.5 else {"edtf": target, "text": target}
    elif roll < 0.85:
        parent[key] = deep(rng, target)
    elif roll < 0.9 and isinstance(target, int | float) and not isinstance(target, bool):
        text = str(target) if abs(target) < 10**4000 else "9" * 4000  # str() stops at 4,300
        parent[key] = rng.choice((text, -target, target * 10**20, _float(target), True))
    else:
        # A value from another valid record, in the wrong place.
        other = rng.choice(pool())
        parent[key] = orjson.loads(orjson.dumps(_get(other, rng.choice(_paths(other)))))
    return data


def _float(number: float) -> float:
    try:
        return float(number)
    except OverflowError:  # an integer past the largest float
        return float("inf")


def _string_edit(rng: random.Random, text: str) -> str:  # noqa: PLR0911 - one exit per kind of edit
    roll = rng.random()
    if roll < 0.2:
        return text.upper() if rng.random() < 0.5 else text.lower()
    if roll < 0.4:
        return rng.choice((" ", "\t", "\n", "\ufeff", "\u200b")) + text
    if roll < 0.5:
        return text + rng.choice((" ", "\n", "\x00", "\ud800", "~", "?", "%", "Z"))
    if roll < 0.7 and text:
        at = rng.randrange(len(text))
        return text[:at] + _code_point(rng) + text[at + 1 :]
    if roll < 0.8 and text:
        return text[: rng.randrange(len(text))]
    if roll < 0.9:
        return repeat(text, rng.choice((2, 50, 5000)))
    return hostile_string(rng)


def mutated_record(rng: random.Random, *, python: bool = False) -> Any:
    """A valid record's data with one to four hostile changes (sometimes none)."""
    data = orjson.loads(orjson.dumps(rng.choice(pool())))  # a fresh deep copy
    make: Callable[[random.Random], Any] = hostile_python if python else json_value
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3, 4))):
        data = mutate_once(rng, data, make)
    return data


# --- JSON text, JSON Lines and files ---------------------------------------------------------


def _dumps_duplicating(rng: random.Random, data: Any) -> bytes:
    """JSON text of ``data`` with a key of some object written twice, different values."""
    if not isinstance(data, dict) or not data:
        return _dump(data)
    pairs = [_dump(k) + b":" + _dump(v) for k, v in data.items()]
    key = rng.choice(list(data))
    other = _dump(key) + b":" + _dump(json_value(rng))
    pairs.insert(rng.randrange(len(pairs) + 1), other)
    return b"{" + b",".join(pairs) + b"}"


def _dump(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):  # a lone surrogate, a huge integer, deep data
        pass
    try:
        # The standard library writes lone surrogates as escapes, any integer in full.
        return json.dumps(value).encode()
    except (ValueError, RecursionError):
        return b'"\\ud800"'


BAD_BYTES: tuple[bytes, ...] = (
    b"\xff",
    b"\xc3",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x00",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    b"\r",
    b"\r\n",
    b"\n",
    b"\\ud800",
    b'"',
    b"\\",
    b"{",
    b"}",
    b"[",
    b",",
    b":",
    b"1e400",
    b"123456789012345678901234567890",
    b"-0",
    b"NaN",
    b"Infinity",
    b"\x1f\x8b",
)


def _text_edit(rng: random.Random, text: bytes) -> bytes:
    roll = rng.random()
    if roll < 0.25 and text:
        return text[: rng.randrange(len(text))]  # cut off
    if roll < 0.6:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(BAD_BYTES) + text[at:]
    if roll < 0.7 and text:
        at = rng.randrange(len(text))
        return text[:at] + bytes([rng.randrange(256)]) + text[at + 1 :]
    if roll < 0.8:
        levels = rng.choice((10, 500, 1023, 1024, 1025, 100_000))
        return b"[" * levels + text + b"]" * levels
    if roll < 0.9:
        return text.replace(b'"', b'"\\ud800', 1)  # a lone surrogate as a JSON escape
    return codecs.BOM_UTF8 + text


def json_text(rng: random.Random) -> bytes:
    """JSON text of one record: valid, mutated data, duplicated keys, or broken text."""
    roll = rng.random()
    if roll < 0.05:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
    data = mutated_record(rng) if roll < 0.85 else json_value(rng)
    text = _dumps_duplicating(rng, data) if rng.random() < 0.15 else _dump(data)
    if rng.random() < 0.3:
        text = _text_edit(rng, text)
    return text


def jsonl_bytes(rng: random.Random, *, max_lines: int = 6) -> bytes:
    """JSON Lines: good and bad lines, blank lines, CR, CRLF, a BOM, a cut-off end."""
    lines = [json_text(rng) for _ in range(rng.randrange(max_lines + 1))]
    if rng.random() < 0.1:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice((b"", b"   ", b"\t", b"\r")))
    if rng.random() < 0.01:
        lines.append(b'{"type":"actor","id":"' + b"x" * (16 * 1024 * 1024) + b'"}')
    end = rng.choice((b"\n", b"\n", b"\n", b"\r\n", b"\r"))
    text = end.join(lines)
    if rng.random() < 0.7:
        text += end
    if rng.random() < 0.05:
        text = codecs.BOM_UTF8 + text
    if rng.random() < 0.05:
        text = _text_edit(rng, text)
    return text


def _document(rng: random.Random) -> bytes:
    records = [mutated_record(rng) for _ in range(rng.randrange(6))]
    header: dict[str, Any] = {"type": "eventkit.dataset", "version": 1, "name": "fuzz"}
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        key = rng.choice(("type", "version", "name", "records", hostile_string(rng)))
        header[key] = rng.choice((json_value(rng), 1, 2, 0, -1, 1.0, "1", True, None, []))
        if rng.random() < 0.3:
            del header[key]
    lines = [_dump(r) for r in records]
    head = _dump({k: v for k, v in header.items() if k != "records"})
    if "records" in header and not isinstance(header["records"], list):
        text = _dump(header)
    else:
        text = head[:-1] + (b"," if len(head) > 2 else b"") + b'"records":[\n'
        text += b",\n".join(lines) + b"\n]}\n"
    if rng.random() < 0.2:
        text = _text_edit(rng, text)
    return text


def file_bytes(rng: random.Random, suffix: str) -> bytes:
    """The bytes of a dataset file with ``suffix``: gzip-compressed (or broken) for ``.gz``."""
    plain = (
        _document(rng)
        if suffix.startswith(".json") and ".jsonl" not in suffix
        else jsonl_bytes(rng)
    )
    if not suffix.endswith(".gz"):
        return plain
    roll = rng.random()
    packed = gzip.compress(plain, mtime=0)
    if roll < 0.6:
        return packed
    if roll < 0.75 and packed:
        return packed[: rng.randrange(len(packed))]  # cut off
    if roll < 0.85:
        return packed + rng.choice((packed, b"\x00" * 8, b"garbage", b"\x1f\x8b"))
    if roll < 0.93:
        return plain  # not compressed at all
    damaged = bytearray(packed)
    damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
    return bytes(damaged)


# --- table files (CSV, TSV) ------------------------------------------------------------------

TABLE_BYTES: tuple[bytes, ...] = (b",", b"\t", b'"', b'""', b"#", b"\r", b"\r\n", b"\n", b"\x00")
"""What separates, quotes and ends cells and lines of a table file, and a NUL."""

_TABLE_LINES: tuple[bytes, ...] = (b"\n", b"\r\n", b"\r", b" \n", b"\t\n", b",\n", b'""\n', b"#\n")


def table_bytes(rng: random.Random, text: bytes) -> bytes:
    """A table file's bytes edited: lines dropped, repeated, swapped, added, cut; bytes put in.

    Each line may lose or change its line break, get a separator, a quote, a
    byte that is not UTF-8 or a cell of over 131,072 characters (Python's csv
    limit) put in, or be edited as JSON text is (`_text_edit`: cut off, a
    byte changed, a BOM).
    """
    lines = text.splitlines(keepends=True) or [b""]
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        line = lines[at]
        roll = rng.random()
        if roll < 0.1 and len(lines) > 1:
            del lines[at]
        elif roll < 0.2:
            lines.insert(rng.randrange(len(lines) + 1), line)  # a repeat, elsewhere
        elif roll < 0.3:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], line
        elif roll < 0.4:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(_TABLE_LINES))
        elif roll < 0.5:
            lines[at] = line.rstrip(b"\r\n") + rng.choice((b"\n", b"\r\n", b"\r", b""))
        elif roll < 0.75:
            where = rng.randrange(len(line) + 1)
            lines[at] = line[:where] + rng.choice(TABLE_BYTES + BAD_BYTES) + line[where:]
        elif roll < 0.78:
            where = rng.randrange(len(line) + 1)
            long = rng.choice((b"x", "\u00e9".encode(), b"a,b")) * rng.choice((140_000, 1_100_000))
            lines[at] = line[:where] + long + line[where:]
        else:
            lines[at] = _text_edit(rng, line)
    return b"".join(lines)


# --- free-text dates -------------------------------------------------------------------------

_WORDS = (
    "Friday",
    "fri.",
    "Thursday",
    "last",
    "this",
    "next",
    "week",
    "weeks",
    "month",
    "year",
    "day",
    "days",
    "ago",
    "in",
    "on",
    "about",
    "around",
    "circa",
    "ca.",
    "c.",
    "possibly",
    "probably",
    "some",
    "nearly",
    "today",
    "yesterday",
    "tomorrow",
    "the day before",
    "the day after tomorrow",
    "earlier this",
    "early",
    "mid-",
    "late",
    "the end of",
    "beginning of",
    "Q3",
    "H1",
    "the first half of",
    "1990s",
    "1900s",
    "more than a",
    "less than a",
    "from",
    "to",
    "between",
    "and",
    "until",
    "-",
    "–",
    "—",
    "/",
    ".",
    ",",
    ":",
    "?",
    "~",
    "'",
    "November",
    "Nov",
    "Nov.",
    "Sept.",
    "March",
    "May",
    "December",
    "février",
    "GMT",
    "UTC",
    "Z",
    "CET",
    "EST",
    "MSK+3",
    "GMT+3",
    "UTC+05:30",
    "UTC-99:99",
    "GMT+14",
    "GMT-12",
    "+01:00",
    "+99:99",
    "-00:00",
    "+0530",
    "am",
    "pm",
    "noon",
    "midnight",
    "morning",
    "afternoon",
    "evening",
    "early",
    "late",
    "T",
    "one",
    "two",
    "twelve",
    "a",
    "an",
    "st",
    "th",
    "of",
)


def _number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return str(rng.randrange(0, 32))
    if roll < 0.7:
        return rng.choice(("00", "0", "1", "12", "13", "24", "29", "30", "31", "32", "60", "99"))
    if roll < 0.85:
        return str(rng.choice((1, 100, 999, 1000, 1582, 1900, 1975, 2000, 2024, 9999, 10000)))
    if roll < 0.95:
        return str(rng.randrange(10 ** rng.randrange(1, 16)))
    return "9" * rng.choice((14, 15, 20, 1000, 100_000))


def when_text(rng: random.Random) -> str:
    """Text that looks like a date, a time, a span or a relative phrase, or almost does."""
    roll = rng.random()
    if roll < 0.1:
        return hostile_string(rng)
    if roll < 0.2:
        return edtf_text(rng)
    pieces = []
    for _ in range(rng.randrange(1, 8)):
        pieces.append(_number(rng) if rng.random() < 0.45 else rng.choice(_WORDS))
    seps = (" ", " ", " ", ".", "/", "-", ", ", ":", "", "\t", "\n", "\u00a0")
    text = "".join(piece + rng.choice(seps) for piece in pieces).strip()
    if rng.random() < 0.1:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + _code_point(rng) + text[at:]
    if rng.random() < 0.05:
        text = repeat(text + " ", rng.choice((2, 100, 10_000))).strip()
    return text


def edtf_text(rng: random.Random) -> str:
    """EDTF-like text: a date, time or interval with edits."""
    roll = rng.random()
    if roll < 0.1:
        return hostile_string(rng)
    year = rng.choice(("2024", "0000", "0001", "9999", "1582", "24", "20245", "-2024", "Y2024"))
    parts = [year]
    for sep in ("-", "-", "T", ":", ":"):
        if rng.random() < 0.6:
            break
        parts.append(sep + rng.choice(("00", "01", "02", "12", "13", "29", "30", "31", "59", "60")))
    text = "".join(parts)
    if rng.random() < 0.3:
        text += rng.choice(("Z", "+01:00", "-00:00", "+14:00", "+23:59", "+24:00", "+01:60", "z"))
    if rng.random() < 0.2:
        text += rng.choice(("~", "?", "%", "~?", ".5", ",5"))
    if rng.random() < 0.3:
        other = rng.choice(("..", "2024", "2024-11-15", "2023", "", "../..", text))
        text = f"{text}/{other}" if rng.random() < 0.5 else f"{other}/{text}"
    if rng.random() < 0.15:
        text = _string_edit(rng, text)
    return text


def reference(rng: random.Random) -> Any:
    """A ``reference=`` of any type: the right ones at their limits, and wrong ones."""
    choices: list[Callable[[], Any]] = [
        lambda: None,
        lambda: dt.date(2024, 11, 15),
        lambda: dt.date.min,
        lambda: dt.date.max,
        lambda: dt.date(1, 1, 7),
        lambda: dt.date(9999, 12, 25),
        lambda: dt.datetime(2024, 11, 15, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        lambda: dt.datetime(2024, 11, 15, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
        lambda: dt.datetime.max.replace(tzinfo=dt.UTC),
        lambda: dt.datetime.min.replace(tzinfo=dt.UTC),
        lambda: ek.PartialDate(year=2024),
        lambda: ek.PartialDate(year=2024, month=11),
        lambda: ek.PartialDate(year=2024, month=11, day=15),
        lambda: ek.PartialDate(year=1, month=1, day=1),
        lambda: ek.PartialDate(year=9999, month=12, day=31, hour=23),
        lambda: ek.PartialDate(year=2024, month=2, day=29, approximate=True),
        lambda: ek.TimeSpan(start=ek.PartialDate(year=2024), end=None),
        lambda: "2024-11-15",
        lambda: 2024,
        lambda: 1.5,
        lambda: True,
        lambda: [2024, 11, 15],
        lambda: {"year": 2024},
        lambda: dt.time(12),
        lambda: dt.timedelta(days=1),
        Unprintable,
        lambda: hostile_python(rng),
    ]
    return rng.choice(choices)()


# --- constructor arguments -------------------------------------------------------------------


def python_kwargs(rng: random.Random) -> tuple[type, dict[str, Any]]:
    """A record class (or value type) and keyword arguments for it, some hostile."""
    data = rng.choice(pool())
    record = ek.from_dict(ek.Record, data)
    values: list[Any] = [record]
    for field in attrs.fields(type(record)):  # nested values: value types to build too
        value = getattr(record, field.name)
        if attrs.has(type(value)):
            values.append(value)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            values.append(value[0])
    chosen = rng.choice(values)
    cls = type(chosen)
    kwargs: dict[str, Any] = {
        field.alias: getattr(chosen, field.name)
        for field in attrs.fields(cls)
        if field.init and rng.random() < 0.9
    }
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        roll = rng.random()
        if roll < 0.7 and kwargs:
            kwargs[rng.choice(list(kwargs))] = hostile_python(rng)
        elif roll < 0.85:
            kwargs[rng.choice(("foo", "type", "_private", hostile_string(rng)))] = 1
        elif kwargs:
            del kwargs[rng.choice(list(kwargs))]
    return cls, kwargs
