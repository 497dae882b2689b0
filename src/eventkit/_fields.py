"""The field spec: each field of each class described once.

What a field *is* — its type (as a `Shape`), its checks, its default, the
kind of record it refers to, its old names — is declared once, in the class:
in a plain annotation (``speaker: ek.ActorId``,
``country: Annotated[str | None, ek.checks.country] = None``) or with
`field` (``ek.field(check=..., ref=ek.RefKind.ACTOR)``), which keeps a
`FieldSpec` in the attrs field's metadata. `describe` resolves a class's
fields into `Field` descriptions, and everything else reads those: the
constructor's validation, the generated load path and the report path, the
reference checks, `eventkit.testing`.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Annotated, Any, TypeAlias

import attrs

from eventkit import checks
from eventkit._attrs_validators import AttrsValidator, read_validator
from eventkit._memo import memoize
from eventkit._shapes import Nested, RefKind, Shape, parts, shape_of, with_checks
from eventkit.checks import Check
from eventkit.exceptions import RegistrationError

__all__ = [
    "METADATA_KEY",
    "ActorId",
    "ClassInfo",
    "Country",
    "Currency",
    "EventId",
    "Field",
    "FieldSpec",
    "Language",
    "ProvenanceId",
    "RecordId",
    "SourceId",
    "StatementId",
    "Text",
    "Url",
    "describe",
    "field",
    "keeps_typed",
    "spec",
    "value_classes",
]

METADATA_KEY = "eventkit"
"""The key of a `FieldSpec` in an attrs field's metadata."""

# The kinds of value eventkit's own records hold, as annotations anyone can use.
Text: TypeAlias = Annotated[str, checks.text]
"""Non-empty text without control characters: ``title: ek.Text``."""
RecordId: TypeAlias = Annotated[str, checks.record_id]
"""A record's own id (1 to 200 characters, no whitespace, control or invisible characters)."""
ActorId: TypeAlias = Annotated[str, RefKind.ACTOR]
"""The id of an `eventkit.Actor`: ``seized_by: ek.ActorId | None = None``."""
SourceId: TypeAlias = Annotated[str, RefKind.SOURCE]
"""The id of an `eventkit.Source`."""
EventId: TypeAlias = Annotated[str, RefKind.EVENT]
"""The id of an `eventkit.Event` of any event type."""
StatementId: TypeAlias = Annotated[str, RefKind.STATEMENT]
"""The id of an `eventkit.Statement`."""
ProvenanceId: TypeAlias = Annotated[str, RefKind.PROVENANCE]
"""The id of an `eventkit.Provenance`: how a record was coded."""
Country: TypeAlias = Annotated[str, checks.country]
"""An ISO 3166-1 alpha-3 country code such as ``DEU``."""
Currency: TypeAlias = Annotated[str, checks.currency]
"""An ISO 4217 currency code such as ``EUR``."""
Language: TypeAlias = Annotated[str, checks.language]
"""A BCP 47 language tag such as ``de`` or ``en-GB``."""
Url: TypeAlias = Annotated[str, checks.url]
"""An absolute http(s) URL."""


@attrs.frozen(kw_only=True)
class FieldSpec:
    """What eventkit knows of a field beyond its type; kept in attrs metadata.

    Attributes:
        checks: checks each value must pass (see `eventkit.checks`).
        ref: the kinds of record the field's ids refer to.
        doc: what the field means, for schemas and generated docs.
        old_names: names the field had before; data using one still loads
            (and is written with the new name).
        strategy: a hypothesis strategy of valid values for the field (or a
            function returning one), used by `eventkit.testing`.

    Examples:
        >>> import attrs, eventkit as ek
        >>> @attrs.frozen(kw_only=True)
        ... class Vessel:
        ...     flag: str = ek.field(check=ek.checks.country, doc="the flag state")
        >>> attrs.fields(Vessel).flag.metadata["eventkit"].doc
        'the flag state'
    """

    checks: tuple[Check, ...] = ()
    ref: RefKind | None = None
    doc: str | None = None
    old_names: tuple[str, ...] = ()
    strategy: Any = None


def spec(
    *,
    check: Check | Sequence[Check] | None = None,
    ref: RefKind | None = None,
    doc: str | None = None,
    old_names: Iterable[str] = (),
    strategy: Any = None,
) -> dict[str, FieldSpec]:
    """The metadata of an attrs field that carries a `FieldSpec`.

    For ``attrs.field(metadata=spec(...))``, when a converter must stay
    visible to type checkers (see `field`).

    Examples:
        >>> from eventkit import checks
        >>> spec(check=checks.country)["eventkit"].checks
        (Check(country),)
    """
    checks = () if check is None else (check,) if isinstance(check, Check) else tuple(check)
    for item in checks:
        if not isinstance(item, Check):
            msg = f"check must be an eventkit.checks.Check (or a list of them), not {item!r}"
            raise TypeError(msg)
    if ref is not None and not isinstance(ref, RefKind):
        msg = f"ref must be an eventkit.RefKind such as ek.RefKind.ACTOR, not {ref!r}"
        raise TypeError(msg)
    names = tuple(old_names)
    if isinstance(old_names, str) or not all(isinstance(name, str) for name in names):
        msg = f"old_names must be a list of field names, not {old_names!r}"
        raise TypeError(msg)
    return {
        METADATA_KEY: FieldSpec(checks=checks, ref=ref, doc=doc, old_names=names, strategy=strategy)
    }


def field(
    *,
    default: Any = attrs.NOTHING,
    factory: Callable[[], Any] | None = None,
    check: Check | Sequence[Check] | None = None,
    ref: RefKind | None = None,
    doc: str | None = None,
    old_names: Iterable[str] = (),
    strategy: Any = None,
    converter: Any = None,
    validator: Any = None,
    alias: str | None = None,
    repr: bool = True,
    eq: bool | None = None,
    hash: bool | None = None,
    metadata: dict[str, Any] | None = None,
) -> Any:
    """Declare a field of a record or value type: an ``attrs.field`` with eventkit's spec.

    Everything ``attrs.field`` takes works as there; eventkit adds:

    Args:
        default: the value when data leaves the field out.
        factory: makes the default (``factory=tuple``).
        check: a check, or a list of checks, each value must pass.
        ref: the field holds ids of records of these kinds
            (``ek.RefKind.ACTOR``); ``Dataset.check`` and ``validate_file``
            report ids that name no such record.
        doc: what the field means.
        old_names: the field's former names: data written with one still
            loads, and is written back under the new name.
        strategy: valid values for ``eventkit.testing``: a hypothesis
            strategy, or a function returning one.
        converter: as in attrs; it runs on loading too.
        validator: as in attrs; a failure becomes a located problem.
        alias: the keyword and the key on the wire (attrs' alias).
        repr: as in attrs.
        eq: as in attrs.
        hash: as in attrs.
        metadata: as in attrs.

    Type checkers treat ``ek.field(...)`` as a default value (they know only
    attrs' own field functions): a required field declared with it is not
    reported as missing by mypy, and a converter does not widen what the
    constructor accepts. Use a plain annotation, or
    ``attrs.field(metadata=ek.spec(...))``, where that matters.

    Examples:
        >>> import attrs, eventkit as ek
        >>> @ek.event_type("doctest.boarding")
        ... @attrs.frozen(kw_only=True)
        ... class Boarding(ek.Event):
        ...     boarders: int = ek.field(default=0, check=ek.checks.in_range(0, 500),
        ...                              old_names=["crew"])
        ...     vessel_owner: str | None = ek.field(default=None, ref=ek.RefKind.ACTOR)
        >>> Boarding(id="b", title="Boarding", boarders=900)
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in Boarding 'b'
          $.boarders: must be between 0 and 500, got 900 [out_of_range]
        >>> ek.from_dict(ek.Event, {"type": "doctest.boarding", "id": "b", "title": "B",
        ...                         "crew": 12}).boarders
        12
    """
    return attrs.field(
        default=default,
        factory=factory,
        converter=converter,
        validator=validator,
        alias=alias,
        repr=repr,
        eq=eq,
        hash=hash,
        metadata={
            **(metadata or {}),
            **spec(check=check, ref=ref, doc=doc, old_names=old_names, strategy=strategy),
        },
    )


@attrs.frozen(kw_only=True)
class Field:
    """One field of one class, resolved: everything that reads fields reads this.

    Attributes:
        name: the attribute's name.
        key: the constructor keyword and the key on the wire (attrs' alias:
            ``n`` for a field ``_n``).
        shape: what its values look like, with their checks and reference kind.
        default: the default value, or ``attrs.NOTHING`` when required.
        factory: the default's factory, when it has one.
        converter: the attrs converter as a one-argument function.
        load_converter: the converter loading must run on a value it read:
            None when the converter keeps values of the field's type as
            they are (`keeps_typed`).
        validator: the attrs validator.
        spec: the `FieldSpec` (empty when the field has none).
        attribute: the attrs attribute.
    """

    name: str
    key: str
    shape: Shape
    default: Any
    factory: Callable[[], Any] | None
    converter: Callable[[Any], Any] | None
    validator: Callable[[Any, Any, Any], Any] | None
    spec: FieldSpec
    attribute: attrs.Attribute[Any] = attrs.field(repr=False)

    @property
    def load_converter(self) -> Callable[[Any], Any] | None:
        """The converter loading runs on a value it read (see the attributes)."""
        if self.converter is None or getattr(self.converter, _KEEPS_TYPED, False):
            return None
        return self.converter

    @property
    def required(self) -> bool:
        """Whether data must give the field (it has no default)."""
        return self.default is attrs.NOTHING and self.factory is None

    @functools.cached_property
    def validators(self) -> tuple[AttrsValidator, ...]:
        """The validators ``validator`` runs, in order, each with what it says; read once."""
        return read_validator(self.validator)


@attrs.frozen(kw_only=True)
class ClassInfo:
    """A class's fields and the hooks that validating and loading it must run.

    Attributes:
        cls: the class.
        fields: its fields, as the constructor takes them (``init=False`` ones
            are derived by the class itself: never written, read or checked).
        keys: every key data may give: the fields' keys and old names.
        self_validating: whether constructing it validates it (an eventkit
            class); plain attrs classes are validated by whatever holds them.
        cross_check: whether it has rules spanning fields (``cross_check``).
        post_init: whether it runs its own ``__attrs_post_init__``.
        direct: whether loading may fill its slots directly rather than
            call ``__init__`` (an attrs ``__init__`` without hooks eventkit
            cannot reproduce).
    """

    cls: type
    fields: tuple[Field, ...]
    keys: frozenset[str]
    self_validating: bool
    cross_check: bool
    post_init: bool
    direct: bool

    def field(self, key: str) -> Field:
        """The field whose key in data is ``key`` (`KeyError` if none is).

        Examples:
            >>> import eventkit as ek
            >>> describe(ek.Statement).field("speaker").name
            'speaker'
        """
        found = next((f for f in self.fields if f.key == key), None)
        if found is None:
            raise KeyError(key)
        return found

    def old_names(self) -> dict[str, Field]:
        """Each old name, with the field it now is."""
        return {old: f for f in self.fields for old in f.spec.old_names}


_KEEPS_TYPED = "__eventkit_keeps_typed__"


def keeps_typed(converter: Callable[[Any], Any]) -> None:
    """Mark ``converter`` as returning a value of the field's own type unchanged.

    Such converters make friendly input (a list for a tuple, a string for a
    member) into the field's type; loading, which makes values of that type
    itself, then need not call them. (Not a decorator: the attrs mypy plugin
    reads a converter's signature only from a plain function.)
    """
    setattr(converter, _KEEPS_TYPED, True)


SELF_VALIDATING = "__eventkit_self_validating__"
"""Class attribute set by eventkit's base classes whose constructor validates."""
NO_CROSS_CHECK = "__eventkit_no_cross_check__"
"""Attribute of the do-nothing ``cross_check`` of eventkit's base class."""
NO_POST_INIT = "__eventkit_no_post_init__"
"""Attribute of the do-nothing ``__attrs_post_init__`` of eventkit's base class."""


def _plain_converter(attribute: attrs.Attribute[Any]) -> tuple[Callable[[Any], Any] | None, bool]:
    """The converter as a one-argument function, and whether loading can call it so."""
    converter: Any = attribute.converter
    if converter is None:
        return None, True
    if isinstance(converter, attrs.Converter):
        plain = not (converter.takes_self or converter.takes_field)  # type: ignore[attr-defined]
        return converter.converter, plain  # type: ignore[attr-defined]
    return converter, True


def _generated_init(cls: type) -> bool:
    init: Any = cls.__init__  # type: ignore[misc]
    init = getattr(init, "__wrapped__", init)  # eventkit wraps attrs' __init__
    code = getattr(init, "__code__", None)
    return code is not None and code.co_filename.startswith("<attrs generated")


def _has_slot(cls: type, name: str) -> bool:
    return any(name in getattr(klass, "__slots__", ()) for klass in cls.__mro__)


def _resolve_types(cls: type) -> None:
    """Resolve the annotations of ``cls``'s fields, each in the module of the class declaring it.

    `attrs.resolve_types` evaluates every annotation with the class's own
    namespace as the globals (so that module names come before class names),
    which gives a lambda written in an annotation under ``from __future__
    import annotations`` (``Annotated[int, Check(lambda v: v < LIMIT)]``) the
    class, not its module, to look ``LIMIT`` up in: a `NameError` when it is
    first called. Here each class's own annotations are evaluated with its
    module as the globals, and its module then itself as the locals: the
    same names in the same order, and a lambda sees its module.
    """
    fields = attrs.fields(cls)
    for owner in reversed(cls.__mro__):  # a subclass's annotation replaces its base's
        own = inspect.get_annotations(owner)
        named = [f for f in fields if f.name in own]
        if not named:
            continue
        module = vars(sys.modules[owner.__module__]) if owner.__module__ in sys.modules else {}
        alone = type(owner.__name__, (), {"__annotations__": own, "__module__": owner.__module__})
        names = {**vars(owner), **module}  # module names first, as `typing.get_type_hints` has them
        attrs.resolve_types(alone, globalns=module, localns=names, attribs=named)


@memoize
def describe(cls: type) -> ClassInfo:
    """Return the resolved description of an attrs class's fields and hooks.

    Computed once per class.

    Raises:
        RegistrationError: a field's type is one eventkit cannot check, read
            or write, its annotation cannot be resolved, two fields share a
            key, or a default is not a valid value of the field.

    Examples:
        >>> import eventkit as ek
        >>> [(f.key, f.shape.ref) for f in describe(ek.Participant).fields]
        [('actor', <RefKind.ACTOR: 1>), ('role', None), ('certainty', None)]
    """
    if not (isinstance(cls, type) and attrs.has(cls)):
        msg = f"{cls!r} is not an attrs class"
        raise RegistrationError(msg)
    try:
        _resolve_types(cls)
    except NameError as error:
        msg = (
            f"{cls.__qualname__}: an annotation could not be resolved ({error}); "
            "define the names it uses at module level"
        )
        raise RegistrationError(msg) from None
    fields: list[Field] = []
    direct = _generated_init(cls) and "__attrs_pre_init__" not in dir(cls)
    direct = direct and not getattr(cls, "__attrs_cached_hash__", False)
    for attribute in attrs.fields(cls):
        if not attribute.init:
            direct = False  # the class computes it in __init__
            continue
        where = f"{cls.__qualname__}.{attribute.name}"
        meta: FieldSpec = attribute.metadata.get(METADATA_KEY) or FieldSpec()
        shape = with_checks(
            shape_of(attribute.type, where=where),
            meta.checks,
            meta.ref,
            where=where,
            strategy=meta.strategy,
        )
        converter, plain = _plain_converter(attribute)
        default = attribute.default
        factory = None
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                direct = False
            factory, default = default.factory, attrs.NOTHING
        direct = direct and plain and _has_slot(cls, attribute.name)
        fields.append(
            Field(
                name=attribute.name,
                key=attribute.alias or attribute.name,
                shape=shape,
                default=default,
                factory=factory,
                converter=converter,
                validator=attribute.validator,
                spec=meta,
                attribute=attribute,
            )
        )
    keys: dict[str, str] = {}
    for f in fields:
        for key in (f.key, *f.spec.old_names):
            if key in keys:
                msg = f"{cls.__qualname__}: the key {key!r} of {f.name} is also {keys[key]}'s"
                raise RegistrationError(msg)
            keys[key] = f.name
    cross_check = getattr(cls, "cross_check", None)
    post_init = getattr(cls, "__attrs_post_init__", None)
    return ClassInfo(
        cls=cls,
        fields=tuple(fields),
        keys=frozenset(keys),
        self_validating=bool(getattr(cls, SELF_VALIDATING, False)),
        cross_check=cross_check is not None and not getattr(cross_check, NO_CROSS_CHECK, False),
        post_init=post_init is not None and not getattr(post_init, NO_POST_INIT, False),
        direct=direct,
    )


def value_classes(shape: Shape) -> Iterator[type]:
    """Every value class in ``shape`` and, in turn, in their fields, each once.

    Examples:
        >>> import eventkit as ek
        >>> from eventkit._shapes import shape_of
        >>> [cls.__name__ for cls in value_classes(shape_of(ek.Casualties | None))]
        ['Casualties', 'GroupCasualties', 'Quantity']
    """
    seen: set[type] = set()
    work = [shape]
    while work:  # not recursive: value classes may hold themselves
        for item in parts(work.pop()):
            if isinstance(item, Nested) and item.cls not in seen:
                seen.add(item.cls)
                yield item.cls
                work.extend(f.shape for f in describe(item.cls).fields)
