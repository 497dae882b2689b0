"""The report path: every problem with bad input, each with its path.

The generated code (`eventkit._codegen`) only has to be right about what is
valid; when it refuses something, this module walks the same input field by
field and says *what* is wrong, all of it at once: for data from JSON
(`diagnose_shape`, `diagnose_object`) and for the keyword arguments of a
constructor that failed (`construction_problems`). It asks the same shapes,
checks and attrs validators the fast path uses, and tries the fast code
first on each nested part, walking only the parts it refuses.

Only the failures bad input causes become problems: a check's verdict, an
attrs validator's ``ValueError`` or ``TypeError``, a converter's ``ValueError``
or ``TypeError``, a ``ValueError`` from a class's own ``__attrs_post_init__``.
Any other exception is a bug and propagates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from eventkit._attrs_validators import AttrsValidator
from eventkit._codegen import REFUSALS, shape_function, structure_function
from eventkit._explain import (
    conversion_hint,
    member_problems,
    object_problems,
    run_checks,
    type_name,
    value_problems,
)
from eventkit._fields import ClassInfo, Field, describe
from eventkit._hints import date_hint, field_hint, shape_hint, vocabulary_hint
from eventkit._memo import memoize
from eventkit._shapes import (
    Dates,
    FrozenDict,
    MappingOf,
    Nested,
    Nullable,
    Scalar,
    Shape,
    TupleOf,
    UnionOf,
    Vocabulary,
    key_problem,
    non_null,
    vocabulary_member,
)
from eventkit._vocab import CUSTOM_VALUE, vocabulary_message
from eventkit._wire import date_from_wire, decimal_from_wire
from eventkit.checks import length
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "construction_problems",
    "diagnose_object",
    "diagnose_shape",
    "json_type",
    "validator_problem",
]

Loc = tuple[str | int, ...]
_JSON_TYPES: Final = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    list: "an array",
    dict: "an object",
}


def json_type(value: Any) -> str:
    """The JSON type of a value parsed from JSON, in words: ``"null"``, ``"an array"``.

    Examples:
        >>> json_type(None), json_type([1]), json_type("x")
        ('null', 'an array', 'a string')
    """
    return _JSON_TYPES.get(type(value)) or type_name(value)


def _at(problems: list[Problem], loc: Loc) -> list[Problem]:
    return [problem.at(*loc) for problem in problems] if loc else problems


def _wrong(shape: Shape, value: Any, loc: Loc) -> list[Problem]:
    message = f"expected {shape.label()}, not {json_type(value)}{conversion_hint(shape, value)}"
    hint = shape_hint(shape, value)
    return [Problem(loc=loc, code="invalid_type", message=message, input=value, hint=hint)]


# --- data from JSON -------------------------------------------------------------


def diagnose_shape(shape: Shape, value: Any, loc: Loc = ()) -> tuple[Any, list[Problem]]:  # noqa: PLR0911, PLR0912 - one branch per shape
    """Turn ``value`` (parsed from JSON) into a value of ``shape``, or say why not.

    Returns:
        The value (``None`` when there are problems) and every problem,
        located under ``loc``.
    """
    if isinstance(shape, Nullable):
        return (None, []) if value is None else diagnose_shape(shape.inner, value, loc)
    if isinstance(shape, Nested):
        return diagnose_object(shape.cls, value, loc)
    if isinstance(shape, TupleOf | MappingOf | UnionOf):
        try:  # most parts of a bad record are fine: the fast code says so at once
            return shape_function(shape)(value), []
        except REFUSALS:  # the walk below says what is wrong
            pass
    if isinstance(shape, TupleOf):
        if type(value) is not list:
            return None, _wrong(shape, value, loc)
        items, problems = [], []
        for index, item in enumerate(value):
            structured, found = diagnose_shape(shape.item, item, (*loc, index))
            items.append(structured)
            problems.extend(found)
        if problems:
            return None, problems
        result: Any = tuple(items)
    elif isinstance(shape, MappingOf):
        result, problems = _diagnose_mapping(shape, value, loc)
        if problems:
            return None, problems
    elif isinstance(shape, UnionOf):
        return _diagnose_union(shape, value, loc)
    elif isinstance(shape, Dates):
        try:
            result = date_from_wire(value)
        except ValidationError as error:
            problems = list(error.problems)
            if isinstance(value, str) and len(problems) == 1 and problems[0].hint is None:
                problems = [attrs.evolve(problems[0], hint=date_hint(value))]
            return None, _at(problems, loc)
        if type(result) not in shape.classes:
            message = f"expected {shape.label()}, got a {type(result).__name__}"
            return None, [Problem(loc=loc, code="invalid_value", message=message, input=value)]
    elif isinstance(shape, Vocabulary):
        result = _member(shape, value)
        if result is None:
            return None, [
                Problem(
                    loc=loc,
                    code="invalid_value",
                    message=vocabulary_message(shape.enum, shape.open),
                    input=value,
                    hint=vocabulary_hint(shape.enum, value),
                )
            ]
    elif isinstance(shape, Scalar):
        if shape.type.__name__ == "Decimal":
            try:
                result = decimal_from_wire(value)
            except ValidationError as error:
                hint = shape_hint(shape, value)
                return None, _at([attrs.evolve(p, hint=hint) for p in error.problems], loc)
        else:
            found = value_problems(attrs.evolve(shape, checks=()), value)
            if found:
                if found[0].code == "invalid_type":
                    return None, _wrong(shape, value, loc)
                return None, _at(found, loc)
            result = value
    else:  # pragma: no cover - every shape is handled above
        msg = f"unknown shape {shape!r}"
        raise TypeError(msg)
    return result, _at(run_checks(shape.checks, result), loc)


def _diagnose_mapping(shape: MappingOf, value: Any, loc: Loc) -> tuple[Any, list[Problem]]:
    if type(value) is not dict:
        return None, _wrong(shape, value, loc)
    pairs, problems = {}, []
    for key, item in value.items():
        wrong = key_problem(key)  # the keys of Python data may be anything
        if wrong is not None:
            problems.append(Problem(loc=loc, code=wrong[0], message=wrong[1], input=key))
            continue
        pairs[key], found = diagnose_shape(shape.value, item, (*loc, key))
        problems.extend(found)
    return (None, problems) if problems else (FrozenDict(pairs), [])


def _member(shape: Vocabulary, value: Any) -> Any:
    found = vocabulary_member(shape.enum, value)
    if found is not None:
        return found
    if shape.open and type(value) is str and CUSTOM_VALUE.fullmatch(value):
        return value
    return None


def _diagnose_union(shape: UnionOf, value: Any, loc: Loc) -> tuple[Any, list[Problem]]:
    attempts = [diagnose_shape(member, value, loc) for member in shape.members]
    for result, problems in attempts:
        if not problems:
            return result, _at(run_checks(shape.checks, result), loc)
    said = member_problems(shape, [problems for _, problems in attempts], value, loc)
    return None, _wrong(shape, value, loc) if said is None else said


def diagnose_object(
    cls: type, data: Any, loc: Loc = (), *, record: bool = False, fast_first: bool = True
) -> tuple[Any, list[Problem]]:
    """Build an object of ``cls`` from JSON data, or say everything that is wrong.

    Args:
        cls: an attrs class.
        data: the data.
        loc: where the data is, for the problems' paths.
        record: whether the data may carry a ``"type"`` tag.
        fast_first: try the generated code first (not when the caller just did).
    """
    if fast_first:
        try:
            return structure_function(cls, record=record)(data), []
        except REFUSALS:  # the walk below says what is wrong
            pass
    if type(data) is not dict:
        return None, _wrong(Nested(cls=cls), data, loc)
    info = describe(cls)
    allowed = info.keys | {"type"} if record else info.keys
    problems = [
        Problem(
            loc=(*loc, key),
            code="unknown_field",
            message=f"unknown field for {cls.__name__}",
            input=data[key],
            hint=field_hint(cls, key),
        )
        for key in data
        if key not in allowed
    ]
    given, renamed = _given(info, data, loc, problems)
    fast = _field_functions(cls)

    def read(field: Field, value: Any, where: Loc) -> tuple[Any, list[Problem]]:
        if field.load_converter is None:
            function = fast.get(field.key)
            if function is not None:
                try:  # most fields of a bad record are fine: the fast code says so at once
                    return function(value), []
                except REFUSALS:  # the walk says what is wrong
                    pass
            return diagnose_shape(field.shape, value, where)
        # Read the type only; the checks judge the value the converter makes.
        return diagnose_shape(_unchecked(field.shape), value, where)

    return _judge(info, given, loc, problems, read, loading=True, renamed=renamed)


def _parses_once(shape: Shape) -> bool:
    """Whether the walk reads a value of ``shape`` as fast as its generated function."""
    inner = non_null(shape)
    return isinstance(inner, Dates)  # one parse either way: a bad date is parsed once, not twice


@memoize
def _field_functions(cls: type) -> dict[str, Callable[[Any], Any]]:
    """The generated function of each field to try first, by key.

    Every field loading reads without a converter, but those the walk reads
    as fast.
    """
    return {
        field.key: shape_function(field.shape)
        for field in describe(cls).fields
        if field.load_converter is None and not _parses_once(field.shape)
    }


def _given(
    info: ClassInfo, data: Mapping[str, Any], loc: Loc, problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The value data gives for each field, and the old names it gives them under."""
    given: dict[str, Any] = {}
    renamed: dict[str, str] = {}
    olds = info.old_names()
    for key, value in data.items():
        field = olds.get(key)
        if field is None:
            given[key] = value
        elif field.key in data:
            message = f"{key!r} is the old name of {field.key!r}, which is given too"
            problems.append(
                Problem(loc=(*loc, key), code="duplicate_field", message=message, input=value)
            )
        elif field.key in renamed:
            message = (
                f"{key!r} and {renamed[field.key]!r} are both old names of {field.key!r}; "
                "only one value could be kept, so none is"
            )
            problems.append(
                Problem(loc=(*loc, key), code="duplicate_field", message=message, input=value)
            )
        else:
            given[field.key] = value
            renamed[field.key] = key
    return given, renamed


def _unchecked(shape: Shape) -> Shape:
    if isinstance(shape, Nullable):
        return attrs.evolve(shape, inner=_unchecked(shape.inner))
    if isinstance(shape, TupleOf):
        return attrs.evolve(shape, item=_unchecked(shape.item), checks=())
    if isinstance(shape, MappingOf):
        return attrs.evolve(shape, value=_unchecked(shape.value), checks=())
    return attrs.evolve(shape, checks=())


Reader = Callable[[Field, Any, Loc], tuple[Any, list[Problem]]]


def _judge(
    info: ClassInfo,
    given: Mapping[str, Any],
    loc: Loc,
    problems: list[Problem],
    read: Reader,
    *,
    loading: bool,
    renamed: Mapping[str, str] | None = None,
) -> tuple[Any, list[Problem]]:
    """Read, convert and check every field, then run the validators.

    ``renamed`` maps a field's key to the old name the data gave it under,
    where its problems are located.

    ``loading`` (data from JSON): convert what the load path converts, then
    make the object (its own ``__attrs_post_init__`` runs) and return it.
    Else (a constructor's arguments): convert as the constructor does, then
    run the cross check on the values (the constructor already failed).
    """
    kwargs: dict[str, Any] = {}
    converted: dict[str, Any] = {}
    for field in info.fields:
        where = (*loc, renamed.get(field.key, field.key) if renamed else field.key)
        if field.key not in given:
            if field.required:
                problems.append(
                    Problem(loc=where, code="missing", message="required field missing")
                )
            continue
        value, found = read(field, given[field.key], where)
        if found:
            problems.extend(found)
            continue
        kwargs[field.key] = value
        converter = field.load_converter if loading else field.converter
        if converter is not None:
            try:
                value = converter(value)
            except (ValueError, TypeError) as error:
                problems.append(_failure(where, "invalid_value", error, value))
                continue
            problems.extend(_at(value_problems(field.shape, value), where))
        converted[field.name] = value
    # Validators judge the fields whose values are fine, even when others are
    # not (every problem at once); those may then see a sibling's default.
    problems.extend(_validator_problems(info, converted, loc, speculative=bool(problems)))
    if problems:
        return None, problems
    if not loading:
        return None, list(_filled(info, converted).cross_check()) if info.cross_check else []
    try:
        obj = info.cls(**kwargs)
    except ValidationError as error:
        return None, _at(list(error.problems), loc)
    except ValueError as error:  # the class's own __attrs_post_init__ refused it
        return None, [_failure(loc, "invalid_value", error, dict(given))]
    if not info.self_validating:
        problems = _at(object_problems(obj), loc)
    return (None, problems) if problems else (obj, [])


def _failure(loc: Loc, code: str, error: BaseException, value: Any) -> Problem:
    message = str(error.args[0]) if error.args else type(error).__name__
    return Problem(loc=loc, code=code, message=message, input=value)


# --- attrs validators ------------------------------------------------------------


def _filled(info: ClassInfo, values: Mapping[str, Any]) -> Any:
    """An object of the class holding ``values`` and defaults, for validators to look at."""
    obj: Any = object.__new__(info.cls)
    for field in info.fields:
        if field.name in values:
            value = values[field.name]
        elif field.factory is not None:
            value = field.factory()
        else:
            value = None if field.required else field.default
        if field.converter is not None and field.name not in values:
            value = field.converter(value)
        object.__setattr__(obj, field.name, value)
    return obj


def _validator_problems(
    info: ClassInfo, values: Mapping[str, Any], loc: Loc, *, speculative: bool
) -> list[Problem]:
    """Run the validators of the fields in ``values``; their failures as problems.

    ``speculative``: other fields are missing or bad, so a validator that
    reads them may fail in any way; only its ``ValueError``/``TypeError``
    is reported then, and anything else is ignored, not raised.
    """
    fields = [f for f in info.fields if f.validator is not None and f.name in values]
    if not fields:
        return []
    obj = _filled(info, values)
    problems = []
    for field in fields:
        try:
            problem = validator_problem(field, obj, values[field.name])
        except Exception:
            if not speculative:
                raise
            continue
        if problem is not None:
            problems.append(problem.at(*loc))
    return problems


def validator_problem(field: Field, obj: Any, value: Any) -> Problem | None:
    """Run ``field``'s attrs validator; its failure as a problem at the field, or None."""
    for validator in field.validators:  # the first that fails says what is wrong
        try:
            validator(obj, field.attribute, value)
        except (ValueError, TypeError) as error:
            code, message = _describe_failure(validator, value, error)
            return Problem(loc=(field.key,), code=code, message=message, input=value)
    return None


_COMPARISONS: Final = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}


def _describe_failure(validator: AttrsValidator, value: Any, error: Exception) -> tuple[str, str]:
    """The code and message for an attrs validator's failure, in eventkit's words."""
    if validator.kind in _COMPARISONS:
        return "out_of_range", f"must be {_COMPARISONS[validator.kind]} {validator.bound}"
    if validator.kind == "min_len":
        return "out_of_range", length(validator.bound).problem(value).message
    if validator.kind == "max_len":
        return "out_of_range", length(max=validator.bound).problem(value).message
    if validator.kind == "instance_of":
        expected = getattr(validator.type, "__name__", repr(validator.type))
        return "invalid_type", f"expected {expected}, not {type_name(value)}"
    if validator.kind == "in":
        return "invalid_value", f"expected one of: {', '.join(map(repr, validator.options))}"
    message = str(error.args[0]) if error.args else type(error).__name__
    return ("invalid_type" if isinstance(error, TypeError) else "invalid_value"), message


# --- constructors ----------------------------------------------------------------


def construction_problems(
    cls: type, args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> list[Problem]:
    """Every problem with a constructor call that failed, each at its field's path.

    Returns an empty list when the fields are fine (the failure lies elsewhere:
    positional arguments, the class's own ``__attrs_post_init__``).
    """
    if args:
        return []
    info = describe(cls)
    problems = [
        Problem(
            loc=(key,),
            code="unknown_field",
            message=f"unknown field for {cls.__name__}",
            input=value,
            hint=field_hint(cls, key),
        )
        for key, value in kwargs.items()
        if key not in {field.key for field in info.fields}
    ]

    def read(field: Field, value: Any, where: Loc) -> tuple[Any, list[Problem]]:
        if field.converter is not None:
            return value, []  # judged once converted, as the constructor converts
        return value, _at(value_problems(field.shape, value), where)

    _, found = _judge(info, kwargs, (), problems, read, loading=False)
    return found
