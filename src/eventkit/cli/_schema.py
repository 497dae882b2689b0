"""``eventkit schema``: the JSON Schema, or each type's fields as a table.

Both are read from the field descriptions (`eventkit.json_schema`,
`eventkit._fields.describe`); the table also says what the JSON Schema
leaves to eventkit: checks and attrs validators without a schema, and rules
across fields.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import attrs
import orjson
from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

import eventkit as ek
from eventkit import _registry
from eventkit._fields import Field, describe
from eventkit._json_schema import (
    expressed,
    json_schema,
    rules_across_fields,
    validator_schemas,
)
from eventkit._records import Record
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
from eventkit.cli._common import UsageError

__all__ = ["schema"]


def _classes(tags: Sequence[str]) -> list[type[Record]]:
    try:
        return [_registry.resolve(tag) for tag in tags]
    except ek.UnknownTypeError as err:
        problem = err.problems[0]
        hint = f"; {problem.hint}" if problem.hint else ""
        msg = f"{problem.message}{hint}"
        raise UsageError(msg) from None


def schema(
    tags: Sequence[str], console: Console, *, table: bool, document: bool, compact: bool = False
) -> int:
    """Print the schema of ``tags`` (every registered type when empty).

    Raises:
        UsageError: ``table`` with ``document`` or ``compact``, which shape a JSON Schema.
    """
    given = [option for option, on in (("--document", document), ("--compact", compact)) if on]
    if table and given:
        options = " and ".join(given)
        msg = f"--format table lists each type's fields; {options} shape the JSON Schema"
        raise UsageError(msg)
    _registry.load_plugins()  # the installed plugins' types, as json_schema lists them
    classes = _classes(tags)
    if not table:
        made = json_schema(*classes, document=document, compact=compact)
        sys.stdout.write(orjson.dumps(made, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    shown = classes or list(_registry.registered())
    for cls in shown:
        console.print(_table(cls))
    return 0


def _words(shape: Shape) -> str:  # noqa: PLR0911 - one exit per kind of shape
    """A shape in a few words: ``list of Participant``, ``id of an actor or null``."""
    if shape.ref is not None:
        return f"id of {shape.ref.words()}"
    if isinstance(shape, Nullable):
        return f"{_words(shape.inner)} or null"
    if isinstance(shape, TupleOf):
        return f"list of {_words(shape.item)}"
    if isinstance(shape, MappingOf):
        return f"object of {_words(shape.value)}"
    if isinstance(shape, UnionOf):
        return " or ".join(_words(member) for member in shape.members)
    if isinstance(shape, Nested):
        return shape.cls.__name__
    if isinstance(shape, Dates):
        return " or ".join(cls.__name__ for cls in shape.classes) + " (EDTF)"
    if isinstance(shape, Vocabulary):
        return f"{shape.enum.__name__}{' (open)' if shape.open else ''}"
    assert isinstance(shape, Scalar)
    return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(
        shape.type, shape.type.__name__
    )


def _checks(field: Field) -> list[tuple[str, bool]]:
    """Each check and attrs validator of ``field`` by name, and whether the schema says it."""
    found = [*field.shape.checks, *element(field.shape).checks]
    return [(str(check.name), expressed(check)) for check in dict.fromkeys(found)] + [
        (validator.name, validator.keywords is not None) for validator in validator_schemas(field)
    ]


def _checks_text(field: Field) -> Text:
    text = Text()
    for name, said in _checks(field):
        if text:
            text.append(", ")
        text.append(name)
        if not said:
            text.append("*", style="bold")
    return text


def _default(field: Field) -> str:
    if field.required:
        return "required"
    value = field.factory() if field.factory is not None else field.default
    if field.converter is not None:
        value = field.converter(value)
    value = getattr(value, "value", value)  # a vocabulary member
    if value is None or value in ((), {}):
        return "—"
    return repr(value)


def _declared_in(cls: type, field: Field) -> type:
    """The class, ``cls`` or a base, that first has ``field``."""
    owner = cls
    for base in cls.__mro__[1:]:
        if attrs.has(base) and field.name in attrs.fields_dict(base):
            owner = base
    return owner


def _table(cls: type[Record]) -> Group:
    tag = _registry.tag_of(cls)
    table = Table(
        title=f"{cls.__name__} ({tag})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        caption=None if cls.__mro__[1] is Record else f"a kind of {cls.__mro__[1].__name__}",
        caption_justify="left",
    )
    table.add_column("Field")
    table.add_column("Type")
    table.add_column("Default")
    table.add_column("Checks")
    table.add_column("From")
    for field in describe(cls).fields:
        owner = _declared_in(cls, field)
        name = Text(field.key)
        for old in field.spec.old_names:
            name.append(f" (was {old})", style="dim")
        table.add_row(
            name,
            _words(field.shape),
            _default(field),
            _checks_text(field),
            "" if owner is cls else owner.__name__,
        )
    notes = []
    if any(not said for field in describe(cls).fields for _, said in _checks(field)):
        notes.append(Text("* checked by eventkit only: not in the JSON Schema", style="dim"))
    for nested in _nested(cls):
        rules = rules_across_fields(nested)
        if rules:
            label = "" if nested is cls else f"{nested.__name__}: "
            notes.append(Text(f"rule across fields (eventkit only): {label}{rules}", style="dim"))
    return Group(table, *notes, Text(""))


def _nested(cls: type) -> list[type]:
    """``cls`` and the classes of its nested values, each once."""
    found: dict[type, None] = {}

    def walk(klass: type) -> None:
        if klass in found:
            return
        found[klass] = None
        for field in describe(klass).fields:
            for shape in _shapes(field.shape):
                if isinstance(shape, Nested):
                    walk(shape.cls)

    walk(cls)
    return list(found)


def _shapes(shape: Shape) -> list[Shape]:
    if isinstance(shape, Nullable):
        return [shape, *_shapes(shape.inner)]
    if isinstance(shape, TupleOf):
        return [shape, *_shapes(shape.item)]
    if isinstance(shape, MappingOf):
        return [shape, *_shapes(shape.value)]
    if isinstance(shape, UnionOf):
        return [shape, *(s for member in shape.members for s in _shapes(member))]
    return [shape]
