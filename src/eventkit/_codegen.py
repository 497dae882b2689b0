"""Code generated once per validated class: its validator, structuring and unstructuring.

``Validated`` runs the generated **validator** after ``__init__``: every
field check, with each check's fast condition inlined. The converter in
``_serialize`` registers the other two as its hooks for every
:class:`Validated` class, so loading and dumping a
record runs straight-line code written for that class, like cattrs' own
generated functions but with eventkit's checks inlined:

* **structure**: for each field, take the raw value (or the default), run the
  nested hook only where a value needs structuring (nested records, lists of
  them, dates), apply the field's attrs converter, and test the check's fast
  condition inline. Classes that only use eventkit's checks are then filled
  slot by slot, without going through ``__init__`` a second time; classes
  with attrs validators or their own ``__attrs_post_init__`` are built
  through ``__init__``. Anything wrong raises, and the caller switches to the
  report path, which says *what* is wrong: this path only has to be right
  about what is valid, never about explaining.
* **unstructure**: write the fields that differ from their defaults, in
  declaration order, converting dates, money and vocabularies to plain data.

The generated source is built from the classes' own fields, never from data.
"""

import enum
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from eventkit._checks import checked_type, fast_condition, item_check
from eventkit._validated import Validated, member_vocabulary, to_tuple
from eventkit.exceptions import Problem

__all__ = [
    "SlowPath",
    "converter_function",
    "make_structure",
    "make_unstructure",
    "make_validator",
    "optional_of",
    "tuple_item",
]

Hook = Callable[[Any], Any]
_NoneType = type(None)
_RAW_LEAVES = (str, int, float, bool, Decimal)


class SlowPath(Exception):
    """Raised by generated code when a value is not plainly valid."""


def optional_of(tp: Any) -> Any:
    """The ``X`` of ``X | None``, else None.

    Examples:
        >>> optional_of(int | None), optional_of(int | str | None)
        (<class 'int'>, None)
    """
    args = typing.get_args(tp)
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    return args[0] if union and len(args) == 2 and args[1] is _NoneType else None


def tuple_item(tp: Any) -> Any:
    """The ``X`` of ``tuple[X, ...]``, else None.

    Examples:
        >>> tuple_item(tuple[str, ...]), tuple_item(tuple[str, int])
        (<class 'str'>, None)
    """
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _is_raw(tp: Any) -> bool:
    """Whether values of ``tp`` come from JSON as they are (the check judges them)."""
    if tp in _RAW_LEAVES or tp is Any:
        return True
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return True
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return all(arg is _NoneType or _is_raw(arg) for arg in args)
    if origin is tuple:
        return tuple_item(tp) is not None and _is_raw(args[0])
    if origin in (Mapping, dict):
        return all(_is_raw(arg) for arg in args)
    return False


def _compile(name: str, lines: list[str], namespace: dict[str, Any], label: str) -> Any:
    exec(compile("\n".join(lines), f"<eventkit {label}>", "exec"), namespace)
    return namespace[name]


def _inline_condition(field_check: Any, namespace: dict[str, Any], over: str = "v") -> str | None:
    """The check's fast condition over ``over``, with its names added to ``namespace``."""
    condition = fast_condition(field_check)
    if condition is None:
        return None
    namespace.update(condition[1])
    return f"({condition[0].format(v=over)})"  # parenthesised: callers write "not <condition>"


def _collect(problems: list[Problem] | None, found: list[Problem], name: str) -> list[Problem]:
    problems = problems or []
    problems.extend(problem.at(name) for problem in found)
    return problems


def make_validator(cls: type) -> Callable[[Any], list[Problem] | None]:
    """Generate ``validate(obj)``: every field check of ``cls``, then its cross check.

    Each check with a fast condition is inlined as ``if not (condition):``
    so a valid value costs no call; the check runs only to say what is
    wrong. It returns the problems, or None when there are none.
    """
    namespace: dict[str, Any] = {"_collect": _collect}
    lines = ["def validate(self):", "    problems = None"]
    for index, field in enumerate(attrs.fields(cls)):
        field_check = field.metadata.get("check")
        if field_check is None:
            continue
        namespace[f"check_{index}"] = field_check
        lines.append(f"    v = self.{field.name}")
        condition = _inline_condition(field_check, namespace)
        indent = "    "
        if condition is not None:
            lines.append(f"    if not {condition}:")
            indent = "        "
        lines += [
            f"{indent}found = check_{index}(v)",
            f"{indent}if found:",
            f"{indent}    problems = _collect(problems, found, {field.name!r})",
        ]
    if cls.cross_check is not Validated.cross_check:  # type: ignore[attr-defined]
        lines += [
            "    if problems is None:",
            "        problems = list(self.cross_check()) or None",
        ]
    lines.append("    return problems")
    return _compile("validate", lines, namespace, f"validator {cls.__qualname__}")  # type: ignore[no-any-return]


def _builds_directly(cls: type) -> bool:
    """Whether ``cls`` may be filled slot by slot (it adds no behaviour to ``__init__``)."""
    return (
        cls.__attrs_post_init__ is Validated.__attrs_post_init__  # type: ignore[attr-defined]
        and "__attrs_pre_init__" not in dir(cls)
        and "_eventkit_wrapped_init_" not in cls.__dict__
        and all(a.init and a.validator is None for a in attrs.fields(cls))
    )


def make_structure(
    cls: type, structure_hook: Callable[[Any], Hook], *, allowed_extra: frozenset[str] = frozenset()
) -> Callable[[Any], Any]:
    """Generate ``structure(data) -> cls`` for a validated attrs class.

    Args:
        cls: the class.
        structure_hook: gives the converter's hook for a field type that needs
            structuring (called once per field, when the code is generated).
        allowed_extra: keys allowed besides the fields (``"type"`` for records).
    """
    fields = [a for a in attrs.fields(cls) if a.init]
    direct = _builds_directly(cls)
    namespace: dict[str, Any] = {
        "CLS": cls,
        "SlowPath": SlowPath,
        "ALLOWED": frozenset(a.name for a in fields) | allowed_extra,
        "NEW": object.__new__,
    }
    lines = [
        "def structure(o):",
        "    if o.__class__ is not dict or not o.keys() <= ALLOWED:",
        "        raise SlowPath",
    ]
    lines.append("    self = NEW(CLS)" if direct else "    kwargs = {}")
    for index, field in enumerate(fields):
        lines += _field_lines(cls, field, index, namespace, structure_hook, direct=direct)
    if direct:
        if cls.cross_check is not Validated.cross_check:  # type: ignore[attr-defined]
            lines += ["    if self.cross_check():", "        raise SlowPath"]
        lines.append("    return self")
    else:
        lines.append("    return CLS(**kwargs)")
    return _compile("structure", lines, namespace, f"structure {cls.__qualname__}")  # type: ignore[no-any-return]


def converter_function(field: "attrs.Attribute[Any]") -> Callable[[Any], Any] | None:
    """The field's attrs converter as a plain function (attrs may wrap it)."""
    converter: Any = field.converter
    return getattr(converter, "converter", converter)  # type: ignore[no-any-return]


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Set slot ``name`` of a ``cls`` instance, bypassing a frozen class's ``__setattr__``.

    The slot's own descriptor, bound once, is about 40% faster than
    ``object.__setattr__`` (which looks the descriptor up on every call).
    """
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get(name)
        if isinstance(descriptor, types.MemberDescriptorType):
            return descriptor.__set__
    return lambda obj, value: object.__setattr__(obj, name, value)  # a class without slots


def _field_lines(
    cls: type,
    field: "attrs.Attribute[Any]",
    index: int,
    namespace: dict[str, Any],
    structure_hook: Callable[[Any], Hook],
    *,
    direct: bool,
) -> list[str]:
    """Lines that read one field from ``o`` and set it on ``self`` (or in ``kwargs``)."""
    name = field.name
    field_check = field.metadata.get("check")
    converter = converter_function(field)
    if converter is not None:
        namespace[f"convert_{index}"] = converter
    lines = [f"    if {name!r} in o:", f"        v = o[{name!r}]"]
    built_tuple = structured = False
    if field_check is None or not _is_raw(field.type):
        prepared, built_tuple = _structure_lines(field.type, index, namespace, structure_hook)
        lines += ["        " + line for line in prepared]
        structured = True
    if not direct:
        lines.append(f"        kwargs[{name!r}] = v")
    else:
        namespace[f"set_{index}"] = _slot_setter(cls, name)
        if converter is to_tuple and not built_tuple:
            lines.append(f"        v = tuple(v) if v.__class__ is list else convert_{index}(v)")
        elif member_vocabulary(converter) is not None and not built_tuple:
            namespace[f"members_{index}"] = member_vocabulary(converter)._value2member_map_
            lookup = f"members_{index}.get(v, v)"
            lines.append(f"        v = {lookup} if v.__class__ is str else convert_{index}(v)")
        elif converter is not None and not built_tuple:
            lines.append(f"        v = convert_{index}(v)")
        # A structure hook returns a value of the field's type: unless a converter
        # changed it since, a check of only that type is redundant.
        typed = structured and (converter is None or built_tuple)
        if field_check is not None and not (typed and checked_type(field_check) == field.type):
            lines += ["        " + line for line in _check_lines(field_check, index, namespace)]
        lines.append(f"        set_{index}(self, v)")
    lines.append("    else:")
    if field.default is attrs.NOTHING:
        lines.append("        raise SlowPath")
    elif not direct:
        lines.append("        pass")
    elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        # attrs converts defaults too; so does this code.
        namespace[f"factory_{index}"] = field.default.factory  # type: ignore[union-attr]
        made = f"factory_{index}()"
        made = f"convert_{index}({made})" if converter else made
        lines.append(f"        set_{index}(self, {made})")
    else:
        namespace[f"default_{index}"] = (
            field.default if converter is None else converter(field.default)
        )
        lines.append(f"        set_{index}(self, default_{index})")
    return lines


def _check_lines(field_check: Any, index: int, namespace: dict[str, Any]) -> list[str]:
    """Lines that raise `SlowPath` unless the check accepts ``v``.

    The fast condition is tested inline; the check itself runs only when the
    condition fails (some valid values, such as custom vocabulary values, are
    beyond the condition). A list's items are tested in a loop: a generator
    per list costs more than the test of its items.
    """
    namespace[f"check_{index}"] = field_check
    items = item_check(field_check)
    condition = _inline_condition(items, namespace, "x") if items is not None else None
    if condition is not None:
        return [
            "if v.__class__ is not tuple:",
            "    raise SlowPath",
            "for x in v:",
            f"    if not {condition}:",
            f"        if check_{index}(v):",
            "            raise SlowPath",
            "        break",
        ]
    condition = _inline_condition(field_check, namespace)
    test = f"check_{index}(v)" if condition is None else f"not {condition} and check_{index}(v)"
    return [f"if {test}:", "    raise SlowPath"]


def _structure_lines(
    tp: Any, index: int, namespace: dict[str, Any], structure_hook: Callable[[Any], Hook]
) -> tuple[list[str], bool]:
    """Lines that structure ``v`` as ``tp``; and whether they build a tuple."""
    inner_type = optional_of(tp)
    if inner_type is not None:
        inner, built_tuple = _structure_lines(inner_type, index, namespace, structure_hook)
        return ["if v is not None:", *("    " + line for line in inner)], built_tuple
    item_type = tuple_item(tp)
    if item_type is not None:
        namespace[f"item_{index}"] = structure_hook(item_type)
        return [
            "if v.__class__ is not list:",
            "    raise SlowPath",
            f"v = tuple([item_{index}(x) for x in v])",
        ], True
    namespace[f"hook_{index}"] = structure_hook(tp)
    return [f"v = hook_{index}(v)"], False


def make_unstructure(
    cls: type, unstructure_hook: Callable[[Any], Hook], *, tag: str | None = None
) -> Callable[[Any], dict[str, Any]]:
    """Generate ``unstructure(obj) -> dict`` writing non-default fields in order.

    Args:
        cls: the class.
        unstructure_hook: gives the converter's hook for a field type that is
            not plain data (called once per field, when the code is generated).
        tag: written first as ``"type"`` (records only).
    """
    namespace: dict[str, Any] = {}
    lines = ["def unstructure(obj):", f"    d = {{'type': {tag!r}}}" if tag else "    d = {}"]
    for index, field in enumerate(attrs.fields(cls)):
        name = field.name
        value = _unstructure_expression(field.type, index, namespace, unstructure_hook)
        lines.append(f"    v = obj.{name}")
        default = field.default
        if default is attrs.NOTHING:
            lines.append(f"    d[{name!r}] = {value}")
            continue
        if default is None:
            lines.append("    if v is not None:")
        elif isinstance(default, attrs.Factory) or default == ():  # type: ignore[arg-type]
            lines.append("    if v:")  # empty collections are the defaults
        else:
            namespace[f"default_{index}"] = default
            lines.append(f"    if v != default_{index}:")
        lines.append(f"        d[{name!r}] = {value}")
    lines.append("    return d")
    return _compile("unstructure", lines, namespace, f"unstructure {cls.__qualname__}")  # type: ignore[no-any-return]


def _unstructure_expression(  # noqa: PLR0911 - one exit per kind of field type
    tp: Any, index: int, namespace: dict[str, Any], unstructure_hook: Callable[[Any], Hook]
) -> str:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        non_none = [arg for arg in args if arg is not _NoneType]
        if all(
            arg is str or (isinstance(arg, type) and issubclass(arg, enum.Enum)) for arg in non_none
        ):
            return "str(v)"  # a StrEnum member's str() is its plain value
        if len(non_none) == 1:
            return _unstructure_expression(non_none[0], index, namespace, unstructure_hook)
    if tp in (str, int, float, bool):
        return "v"
    if isinstance(tp, type) and issubclass(tp, enum.StrEnum):
        return "str(v)"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "v.value"
    item_type = tuple_item(tp)
    if item_type is not None:
        if item_type in (str, int, float, bool):
            return "list(v)"
        namespace[f"item_{index}"] = unstructure_hook(item_type)
        return f"[item_{index}(x) for x in v]"
    namespace[f"hook_{index}"] = unstructure_hook(tp)
    return f"hook_{index}(v)"
