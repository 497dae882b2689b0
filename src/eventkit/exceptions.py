"""Exceptions raised by eventkit.

Every error a user can cause is an `EventkitError` and also subclasses
the matching builtin, so ``except ValueError`` keeps working::

    EventkitError
    ├── ValidationError (ValueError)     bad input: every problem, with paths
    │   ├── UnknownTypeError             a type tag the registry does not know
    │   └── MergeConflictError           two datasets disagree about a record
    ├── RegistrationError (TypeError)    a tag registered twice, a bad class
    ├── MissingExtraError (ImportError)  an optional dependency is missing
    └── RecordNotFoundError (KeyError)   no record with that id in a dataset

Examples:
    >>> import eventkit as ek
    >>> try:
    ...     ek.Actor(id="scholz", name="", kind="person", country="DE")
    ... except ek.ValidationError as err:
    ...     print(err)
    2 problems in Actor 'scholz'
      $.name: must be a non-empty string, got '' [invalid_value]
      $.country: expected an ISO 3166-1 alpha-3 country code such as DEU, got 'DE' [invalid_value]
"""

from __future__ import annotations

import builtins
import enum
import json
import math
import re
import reprlib
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any, Final

import attrs
import orjson

__all__ = [
    "EventkitError",
    "MergeConflictError",
    "MissingExtraError",
    "Problem",
    "RecordNotFoundError",
    "RegistrationError",
    "UnknownTypeError",
    "ValidationError",
    "format_loc",
]

_INPUT_LIMIT = 60  # the longest repr of an input that is not a string
_INPUT_STRING_SHOWN = 50  # characters shown of a longer input string, then how many more
_NESTED_STRING_SHOWN = 30  # ... of one inside a container
_ID_SHOWN = 200  # the longest valid id, so a missing id is shown whole
_SHOWN_PROBLEMS = 20

Loc = tuple[str | int, ...]


_PLAIN_KEY: Final = re.compile(r"[^\s.\[\]\"'\\]+")
"""A key written after a dot in a path: anything but what would make two paths read alike."""


def format_loc(loc: Loc) -> str:
    """Render a location tuple as a JSON path.

    A key with a space, a dot, a bracket, a quote or a backslash in it, one
    that cannot be printed, and the empty key (a mapping's, say) is quoted
    as a JSON string in brackets, so no two locations read alike.

    Examples:
        >>> format_loc(("participants", 1, "actor"))
        '$.participants[1].actor'
        >>> format_loc(("by_region", "St. Petersburg", "a"))
        '$.by_region["St. Petersburg"].a'
        >>> format_loc(("counts", "", "0", 0))
        '$.counts[""].0[0]'
        >>> format_loc(())
        '$'
    """
    parts = ["$"]
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _PLAIN_KEY.fullmatch(step) and step.isprintable():
            parts.append(f".{step}")
        else:
            parts.append(f"[{_quoted(step)}]")
    return "".join(parts)


def _quoted(key: str) -> str:
    r"""``key`` as a JSON string, each character that cannot be printed as its escape.

    A bidirectional override (``\u202e``) would turn the path around on a
    terminal, and a lone surrogate cannot be written as UTF-8.

    Examples:
        >>> print(_quoted("\u202eabc"), _quoted("\x1b"), _quoted("\udcff"), _quoted("Köln"))
        "\u202eabc" "\u001b" "\udcff" "Köln"
    """
    return "".join(
        char if char.isprintable() else json.dumps(char)[1:-1]
        for char in json.dumps(key, ensure_ascii=False)
    )


def _where(file: str | None, line: int | None, record: Any, path: str) -> str:
    parts = []
    if file is not None:
        parts.append(file if line is None else f"{file}:{line}")
    elif line is not None:
        parts.append(f"line {line}")
    if record is not None:
        parts.append(f"record {_shown_text(record, _ID_SHOWN)}")
    parts.append(path)
    return ": ".join(parts)


def _note_where(
    error: BaseException,
    data: Any,
    *,
    loc: Loc = (),
    file: str | None = None,
    line: int | None = None,
) -> None:
    """Note on ``error`` which record of a file or collection it met.

    For an exception that is no `ValidationError` and so propagates as it
    is — a bug in a user's validator or upgrade, say —: its traceback then
    ends with where the data that raised it is, the record's id included
    when ``data`` has one.

    Examples:
        >>> error = ZeroDivisionError("division by zero")
        >>> _note_where(error, {"id": "strike-7"}, file="data.jsonl", line=2)
        >>> error.__notes__
        ["while reading data.jsonl:2: record 'strike-7': $"]
        >>> _note_where(error := RuntimeError(), ["not a record"], loc=("events", 4))
        >>> error.__notes__
        ['while reading $.events[4]']
    """
    record = data.get("id") if type(data) is dict else None
    record = record if type(record) is str else None
    error.add_note(f"while reading {_where(file, line, record, format_loc(loc))}")


def _encodable(text: str) -> str:
    r"""Return ``text`` with any lone surrogate escaped (``\udcff``), so it encodes as UTF-8.

    A file name that is not UTF-8 reaches Python with lone surrogates, and
    text holding one cannot be printed to a UTF-8 stream or written as JSON.
    """
    try:
        text.encode()
    except UnicodeEncodeError:
        return text.encode(errors="backslashreplace").decode()
    return text


def _string_repr(text: str, shown: int) -> str:
    if len(text) <= shown:
        return repr(text)
    # Only the characters shown are copied and escaped, however long the text.
    return f"{text[:shown]!r}… ({len(text) - shown:,} more characters)"


def _shown_text(text: Any, shown: int) -> str:
    """Text that should be a ``str`` (an id), shown as `_shorten` shows input.

    A ``str`` subclass is shown as its text: its own ``__repr__`` may raise.
    """
    return _shorten(str.__str__(text) if isinstance(text, str) else text, shown=shown)


def _unprintable(value: Any, error: Exception) -> str:
    return f"<{type(value).__name__} object (repr() raised {type(error).__name__})>"


class _InputRepr(reprlib.Repr):
    """Short reprs of inputs: bounded depth, width and length; never raises.

    The standard library's `reprlib` walks containers only to ``maxlevel``, so
    an input nested 100,000 levels deep costs nothing; each kind of value
    below is shown as in a message rather than as reprlib would.
    """

    def __init__(self) -> None:
        super().__init__()
        # Set one by one: Repr takes them as arguments only from Python 3.12.
        self.maxlevel = 3
        self.maxstring = _NESTED_STRING_SHOWN
        self.maxother = _INPUT_LIMIT

    def repr_str(self, x: str, level: int) -> str:
        return _string_repr(x, self.maxstring)

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        # reprlib sorts the keys; an input is shown in its own order.
        if not x:
            return "{}"
        if level <= 0:
            return "{" + self.fillvalue + "}"
        pieces = [
            f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}"
            for key, value in islice(x.items(), self.maxdict)
        ]
        if len(x) > self.maxdict:
            pieces.append(self.fillvalue)
        return "{" + ", ".join(pieces) + "}"

    def repr_int(self, x: int, level: int) -> str:
        try:
            return super().repr_int(x, level)
        except ValueError:  # more digits than sys.get_int_max_str_digits() allows
            return f"<int of {x.bit_length():,} bits>"

    def repr_instance(self, x: Any, level: int) -> str:
        # reprlib's fallback shows the object's address, which differs per run.
        try:
            text = builtins.repr(x)
        except Exception as error:  # any error of any __repr__ is shown
            return _unprintable(x, error)
        return text if len(text) <= self.maxother else text[: self.maxother - 1] + "…"


_INPUT_REPR = _InputRepr()


def _shorten(value: Any, *, shown: int = _INPUT_STRING_SHOWN) -> str:
    """Show ``value`` in a message: a string up to ``shown`` characters, else 60 at most."""
    try:
        if type(value) is str:
            return _string_repr(value, shown)
        text = _INPUT_REPR.repr(value)
    except Exception as error:  # reprlib calls the value's own methods
        return _unprintable(value, error)
    return text if len(text) <= _INPUT_LIMIT else text[: _INPUT_LIMIT - 1] + "…"


_JSON_INPUT_BYTES = 1000
_NOT_PLAIN_JSON = (
    orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


# orjson writes at most 254 levels; a report puts an input 3 levels down. Counting
# brackets (in strings too) is a bound on the depth that costs nothing to take.
_JSON_INPUT_NESTING = 200


def _json_input(value: Any) -> tuple[str, Any]:
    """How `Problem.to_dict` gives an input: as JSON data, or as its short repr.

    JSON data (null, booleans, numbers, strings, arrays, objects with string
    keys) of at most 1,000 bytes as JSON is given as it is, under
    ``"input"``; anything else (a Python object, a number JSON cannot hold,
    longer data) as the short text messages show, under ``"input_repr"``.
    """
    if type(value) is float and not math.isfinite(value):
        return "input_repr", _shorten(value)
    try:
        text = orjson.dumps(value, option=_NOT_PLAIN_JSON)
    except (TypeError, orjson.JSONEncodeError):
        return "input_repr", _shorten(value)
    if len(text) > _JSON_INPUT_BYTES:
        return "input_repr", _shorten(value)
    if text.count(b"[") + text.count(b"{") > _JSON_INPUT_NESTING:  # a report nests it deeper
        return "input_repr", _shorten(value)
    return "input", value


class _NoInput(enum.Enum):
    # An enum member, so a problem without input stays one through pickle and
    # copy.deepcopy (both keep a member's identity), unlike a plain instance.
    NO_INPUT = "no input"

    def __repr__(self) -> str:
        return "<no input>"


_NO_INPUT: Any = _NoInput.NO_INPUT


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with some input.

    Attributes:
        loc: where, as a path of field names and list indexes.
        code: a stable snake_case code, e.g. ``missing`` or ``out_of_range``.
        message: what was expected, in words.
        input: the offending value (omitted when there is none).
        record: the id of the record the problem is in, when known.
        file: the file the record came from, when it came from one.
        line: the line number in that file (1-based).
        hint: how to put it right, when eventkit can tell: the nearest field
            name, vocabulary value, type tag or existing id, or the shape
            expected (``{"actor": "olaf-scholz"}``), as JSON.

    Showing a problem (``str``, ``repr``, `to_dict`) never raises and never
    echoes a huge input: the input is shown as a short repr, cut at 60
    characters (via `reprlib`, so an input nested 100,000 levels deep costs
    nothing); a longer string shows its first 50 characters and how many
    more there are; an input whose ``__repr__`` raises is shown by its type.

    Examples:
        >>> p = Problem(loc=("place", "lat"), code="out_of_range",
        ...             message="must be between -90 and 90", input=123)
        >>> str(p)
        '$.place.lat: must be between -90 and 90, got 123 [out_of_range]'
        >>> print(Problem(code="too_long", message="m", input="x" * 1000).to_dict()["input_repr"])
        'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'… (950 more characters)
    """

    loc: Loc = ()
    code: str
    message: str
    input: Any = attrs.field(default=_NO_INPUT, repr=_shorten)
    record: str | None = attrs.field(
        default=None, repr=lambda record: _shown_text(record, _ID_SHOWN)
    )
    file: str | None = None
    line: int | None = None
    hint: str | None = None

    @property
    def path(self) -> str:
        """The location as a JSON path string, e.g. ``$.place.lat``."""
        return format_loc(self.loc)

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle recurses once per level: input nested deeper than the stack
        # allows crosses as a flat table of its parts, rebuilt without recursion.
        fields = (self.loc, self.code, self.message, self.record, self.file, self.line, self.hint)
        return (_rebuild_problem, (*fields, _FlatInput.of(self.input)))

    @property
    def has_input(self) -> bool:
        """Whether the problem carries an offending input value."""
        return self.input is not _NO_INPUT

    def at(self, *prefix: str | int) -> Problem:
        """Return this problem moved under ``prefix``.

        Examples:
            >>> Problem(loc=("lat",), code="out_of_range", message="m").at("place").path
            '$.place.lat'
        """
        # Built directly: attrs.evolve looks the fields up on every call, and
        # each bad record moves its problems once per level of nesting.
        return Problem(
            loc=(*prefix, *self.loc),
            code=self.code,
            message=self.message,
            input=self.input,
            record=self.record,
            file=self.file,
            line=self.line,
            hint=self.hint,
        )

    def where(self) -> str:
        """Where the problem is: file, line, record and path, as one string."""
        return _where(self.file, self.line, self.record, self.path)

    def to_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-compatible dict.

        The input is given as JSON data under ``"input"`` when it is JSON
        data of at most 1,000 bytes (so ``null`` is ``None``, not ``'None'``),
        and otherwise as the short text messages show, under ``"input_repr"``.

        Examples:
            >>> Problem(loc=("id",), code="missing", message="required").to_dict()
            {'loc': '$.id', 'code': 'missing', 'message': 'required'}
            >>> Problem(loc=("kind",), code="invalid_value", message="m", input=None).to_dict()
            {'loc': '$.kind', 'code': 'invalid_value', 'message': 'm', 'input': None}
        """
        out: dict[str, Any] = {
            "loc": _encodable(self.path),
            "code": _encodable(self.code),
            "message": _encodable(self.message),
        }
        if self.has_input:
            key, value = _json_input(self.input)
            out[key] = _encodable(value) if key == "input_repr" else value
        if self.record is not None:
            record = self.record
            out["record"] = _encodable(
                str.__str__(record) if isinstance(record, str) else _shorten(record)
            )
        if self.file is not None:
            out["file"] = _encodable(self.file)
        if self.line is not None:
            out["line"] = self.line
        if self.hint is not None:
            out["hint"] = _encodable(self.hint)
        return out

    def __str__(self) -> str:
        got = f", got {_shorten(self.input)}" if self.has_input else ""
        hint = f" ({self.hint})" if self.hint is not None else ""
        return _encodable(f"{self.where()}: {self.message}{got} [{self.code}]{hint}")


class EventkitError(Exception):
    """Base class of every error eventkit raises on purpose.

    Examples:
        >>> import eventkit as ek
        >>> issubclass(ek.ValidationError, ek.EventkitError)
        True
    """


class ValidationError(EventkitError, ValueError):
    """Input that does not make a valid record; holds *every* problem found.

    Args:
        problems: the problems, at least one.
        title: what was being validated, e.g. ``"Event 'call-1'"``.

    Examples:
        >>> err = ValidationError([Problem(loc=("id",), code="missing", message="required")],
        ...                       title="Actor")
        >>> [p.code for p in err.problems]
        ['missing']
        >>> print(err)
        1 problem in Actor
          $.id: required [missing]
    """

    def __init__(self, problems: Iterable[Problem], *, title: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            msg = "a ValidationError needs at least one problem"
            raise ValueError(msg)
        self.title = title
        # The message is rendered when asked for: the report path creates and
        # discards many of these while it collects problems.
        super().__init__()

    def _render(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}"
        if self.title:
            head += f" in {self.title}"
        lines = [head]
        lines.extend(f"  {problem}" for problem in self.problems[:_SHOWN_PROBLEMS])
        if count > _SHOWN_PROBLEMS:
            lines.append(f"  … and {count - _SHOWN_PROBLEMS} more")
        return _encodable("\n".join(lines))

    def __str__(self) -> str:
        return self._render()

    def __reduce__(self) -> tuple[Any, ...]:
        # The state (``__dict__``) carries notes and any attribute a caller set.
        rebuild = (type(self), self.problems, self.title)
        return (_rebuild_validation_error, rebuild, self.__dict__)

    def at(self, *prefix: str | int) -> Sequence[Problem]:
        """Return the problems moved under ``prefix`` (for nesting errors)."""
        return [problem.at(*prefix) for problem in self.problems]


class _FlatInput:
    """Nested lists and dicts as a table of their parts, children after parents."""

    __slots__ = ("parts",)
    _DEEP = 100  # inputs nested no deeper than this are pickled as they are

    def __init__(self, parts: list[tuple[Any, ...]]) -> None:
        self.parts = parts

    def __reduce__(self) -> tuple[Any, ...]:
        return (_FlatInput, (self.parts,))

    @classmethod
    def of(cls, value: Any) -> Any:
        """``value`` itself, or its table if it is nested deeper than `_DEEP`."""
        order, depths, deep = [value], [0], False
        for item, depth in zip(order, depths, strict=False):  # grows as it is walked
            children = item if type(item) is list else item.values() if type(item) is dict else ()
            order.extend(children)
            depths.extend([depth + 1] * len(children))
            deep = deep or depth > cls._DEEP
        if not deep:
            return value
        parts: list[tuple[Any, ...]] = []
        following = 1
        for item in order:
            if type(item) is list or type(item) is dict:
                ids = tuple(range(following, following + len(item)))
                following += len(item)
                keys = tuple(item) if type(item) is dict else None
                parts.append(("dict", keys, ids) if keys is not None else ("list", ids))
            else:
                parts.append(("value", item))
        return cls(parts)

    def rebuilt(self) -> Any:
        """The nested value again (children come after parents, so build from the end)."""
        built: list[Any] = [None] * len(self.parts)
        for index in range(len(self.parts) - 1, -1, -1):
            part = self.parts[index]
            if part[0] == "list":
                built[index] = [built[i] for i in part[1]]
            elif part[0] == "dict":
                built[index] = dict(zip(part[1], (built[i] for i in part[2]), strict=True))
            else:
                built[index] = part[1]
        return built[0]


def _rebuild_problem(*fields: Any) -> Problem:
    loc, code, message, record, file, line, hint, value = fields
    value = value.rebuilt() if isinstance(value, _FlatInput) else value
    return Problem(
        loc=loc,
        code=code,
        message=message,
        input=value,
        record=record,
        file=file,
        line=line,
        hint=hint,
    )


def _rebuild_validation_error(
    cls: type[ValidationError], problems: tuple[Problem, ...], title: str | None
) -> ValidationError:
    return cls(problems, title=title)


class UnknownTypeError(ValidationError):
    """A ``type`` tag that no registered record class claims.

    Examples:
        >>> import eventkit as ek
        >>> try:
        ...     ek.from_dict(ek.Record, {"type": "meting", "id": "m1"})
        ... except ek.UnknownTypeError as err:
        ...     print(err.problems[0].code)
        unknown_type
    """


class RegistrationError(EventkitError, TypeError):
    """A record type could not be registered (duplicate tag, bad class).

    Examples:
        >>> import attrs, eventkit as ek
        >>> try:
        ...     @ek.event_type("no_namespace")
        ...     @attrs.frozen(kw_only=True)
        ...     class Bad(ek.Event):
        ...         pass
        ... except ek.RegistrationError as err:
        ...     print(err.args[0].split(" must ")[1])
        be a namespaced lowercase name like 'acme.protest'
    """


class MergeConflictError(ValidationError):
    """Two datasets hold different records under the same id.

    Examples:
        >>> import eventkit as ek
        >>> issubclass(ek.MergeConflictError, ek.ValidationError)
        True
    """


class RecordNotFoundError(EventkitError, KeyError):
    """No record in the dataset has the id asked for.

    Examples:
        >>> import eventkit as ek
        >>> str(ek.RecordNotFoundError("olaf"))
        "no record with id 'olaf' in the dataset"
    """

    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.id = record_id

    def __str__(self) -> str:
        # KeyError would show the repr of its argument; the message reads better.
        return _encodable(f"no record with id {_shorten(self.id, shown=_ID_SHOWN)} in the dataset")

    def __repr__(self) -> str:
        # The key may be any object a caller looked up, deep or unprintable.
        return _encodable(f"{type(self).__name__}({_shorten(self.id, shown=_ID_SHOWN)})")


class MissingExtraError(EventkitError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Examples:
        >>> import eventkit as ek
        >>> str(ek.MissingExtraError("pyarrow", "parquet"))
        "this needs pyarrow: pip install 'eventkit[parquet]'"
    """

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(f"this needs {module}: pip install 'eventkit[{extra}]'")
        self.module = module
        self.extra = extra
