"""Type tags: which record class a ``"type"`` on the wire names.

Tags resolve only through this registry, never by importing a path found in
data. The registry is consulted when a record is loaded, not when the
converter is built, so a class registered later (a plugin's, or one defined
in a notebook after data was already loaded) works at once. Third-party
packages declare types under the entry-point group ``eventkit.types``; the
entry point's *name* is the tag and its value the class (``"pkg.mod:Cls"``),
loaded the first time data uses that tag.
"""

import contextlib
import difflib
import functools
import operator
import re
import types
import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Final, TypeVar, Union

import attrs

from eventkit._codegen import shadowed_members
from eventkit._diagnose import json_type
from eventkit._explain import value_problems
from eventkit._fields import describe, value_classes
from eventkit._hints import did_you_mean
from eventkit._records import Actor, Event, Provenance, Record, Source, Statement
from eventkit._shapes import Nested, RefKind, narrows
from eventkit._validated import is_validating
from eventkit.exceptions import Problem, RegistrationError, UnknownTypeError, ValidationError

__all__ = [
    "ENTRY_POINT_GROUP",
    "UPGRADE_HOOK",
    "event_type",
    "known_tags",
    "load_plugins",
    "register",
    "registered",
    "resolve",
    "tag_of",
    "watch",
]

ENTRY_POINT_GROUP = "eventkit.types"
_TAG = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_CUSTOM_TAG = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
_TAG_ATTRIBUTE = "_eventkit_tag_"

_classes: dict[str, type[Record]] = {}
_watchers: list[Callable[[type[Record]], None]] = []  # told of each class registered
_plugin_tags: dict[str, Any] | None = None  # tag -> entry point, read once on demand
_failed_plugins: dict[str, str] = {}  # tag -> why its plugin failed to load

R = TypeVar("R", bound=type[Record])


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


_builtins_loaded = False


def _load_builtin_types() -> None:
    # ``import eventkit`` does not import the built-in event taxonomy (22 attrs
    # classes, the largest part of its import time); they are registered here
    # the first time the registry is asked for anything beyond the four kinds.
    global _builtins_loaded  # noqa: PLW0603 - once per process
    if _builtins_loaded:
        return
    _builtins_loaded = True
    from eventkit._events import BUILTIN_TYPES  # noqa: PLC0415 - see above

    for tag, cls in BUILTIN_TYPES.items():
        register(tag, cls, builtin=True)


UPGRADE_HOOK: Final = "__eventkit_upgrade__"
"""The classmethod a record class may have to upgrade data older versions wrote."""


def register(tag: str, cls: type[Record], *, builtin: bool = False) -> None:
    """Register ``cls`` under ``tag`` (use `event_type` in your own code).

    Raises:
        RegistrationError: the tag is malformed or taken (registered, an
            installed plugin's for another class, or in the ``eventkit.``
            namespace), or ``cls`` is not an attrs subclass of a record class.
    """
    if not builtin:
        _load_builtin_types()  # built-in types first: registration order stays the same
    pattern = _TAG if builtin else _CUSTOM_TAG
    if not isinstance(tag, str) or pattern.fullmatch(tag) is None:
        expected = (
            "a lowercase name" if builtin else "a namespaced lowercase name like 'acme.protest'"
        )
        msg = f"type tag {tag!r} for {_qualname(cls)} must be {expected}"
        raise RegistrationError(msg)
    if not (isinstance(cls, type) and issubclass(cls, Record) and hasattr(cls, "__attrs_attrs__")):
        msg = f"{cls!r} must be an attrs class derived from eventkit.Record to be registered"
        raise RegistrationError(msg)
    if "__attrs_attrs__" not in cls.__dict__:
        msg = f"{_qualname(cls)} must itself be decorated with @attrs.frozen(kw_only=True)"
        raise RegistrationError(msg)
    existing = _classes.get(tag)
    if existing is not None and existing is not cls:
        msg = (
            f"type tag {tag!r} is already registered to {_qualname(existing)}; "
            f"cannot register it again for {_qualname(cls)}"
        )
        raise RegistrationError(msg)
    if not builtin:
        _refuse_others_tag(tag, cls)
    own_tag = cls.__dict__.get(_TAG_ATTRIBUTE)
    if own_tag is not None and own_tag != tag:
        msg = f"{_qualname(cls)} is already registered as {own_tag!r}; cannot also be {tag!r}"
        raise RegistrationError(msg)
    _check_class(cls)
    setattr(cls, _TAG_ATTRIBUTE, tag)
    _classes[tag] = cls
    for watcher in _watchers:
        watcher(cls)


_RESERVED: Final = "eventkit."  # the document header's "eventkit.dataset", and any to come


def _refuse_others_tag(tag: str, cls: type[Record]) -> None:
    """Refuse a tag eventkit keeps, or a plugin's for a class its entry point does not name.

    Refused here, where the clash is made: else data of the plugin's tag
    would load as ``cls``, and importing the plugin would fail later.

    Raises:
        RegistrationError: the tag is in eventkit's namespace or another's.
    """
    if tag.startswith(_RESERVED):
        msg = (
            f"type tag {tag!r} for {_qualname(cls)} is in the namespace {_RESERVED!r}, "
            "which eventkit keeps for its own tags"
        )
        raise RegistrationError(msg)
    entry_point = _plugins().get(tag)
    if entry_point is not None and not _names(entry_point, cls):
        msg = (
            f"type tag {tag!r} belongs to the installed plugin entry point "
            f"{entry_point.value!r}; cannot register it for {_qualname(cls)}"
        )
        raise RegistrationError(msg)


def _names(entry_point: Any, cls: type) -> bool:
    """Whether ``entry_point`` names ``cls``: in the module that defines it, or its package."""
    module = cls.__module__
    return entry_point.attr == cls.__qualname__ and (
        module == entry_point.module or module.startswith(f"{entry_point.module}.")
    )


def watch(watcher: Callable[[type[Record]], None]) -> None:
    """Call ``watcher`` with every class registered from now on."""
    _watchers.append(watcher)


def _check_class(cls: type[Record]) -> None:
    """Refuse a class eventkit could not validate, read or write as a record.

    Raises:
        RegistrationError: a field of a type eventkit cannot handle, a field
            whose key is ``type`` (the tag's), a default that is not a valid
            value of its field, a union with a value class whose data an
            earlier member would read (`shadowed_members`), a field that
            redefines a base class's with values the base's does not hold
            (`narrows`), in the class or a value class it holds, or a class
            whose constructor is not eventkit's.
    """
    name = _qualname(cls)
    if not is_validating(cls):
        msg = (
            f"{name} must be a slotted attrs class (@attrs.frozen(kw_only=True)) "
            "so that its constructor validates it"
        )
        raise RegistrationError(msg)
    upgrade = getattr(cls, UPGRADE_HOOK, None)
    if upgrade is not None and not callable(upgrade):
        msg = f"{name}.{UPGRADE_HOOK} must be a classmethod: (cls, data) -> upgraded data"
        raise RegistrationError(msg)
    info = describe(cls)  # raises for field types eventkit cannot handle
    if "type" in info.keys:
        msg = f"{name}: 'type' is the key of the record's type tag; name the field otherwise"
        raise RegistrationError(msg)
    for message in _widened(cls):
        raise RegistrationError(message)
    for field in info.fields:
        for member, earlier, union in shadowed_members(field.shape)[:1]:
            msg = (
                f"{name}.{field.name}: in the union {union}, every key {member} has, "
                f"{earlier} reads too, so {member}'s data would be read back as {earlier}: "
                f"put {member} first, or give it a field {earlier} has not"
            )
            raise RegistrationError(msg)
        if field.required or field.factory is not None:
            continue
        default = field.default if field.converter is None else field.converter(field.default)
        problems = value_problems(field.shape, default)
        if problems:
            msg = (
                f"{name}.{field.name}: the default {default!r} is not valid: {problems[0].message}"
            )
            raise RegistrationError(msg)


def _widened(cls: type) -> Iterator[str]:
    """A message for each field of ``cls``, or of a value class in it, wider than its base's.

    Code reading a base class's field (eventkit's queries, checks and
    writers read ``Event.size`` of every event) must get what the base says.
    """
    for owner in value_classes(Nested(cls=cls)):
        fields = describe(owner).fields
        for base in owner.__mro__[1:]:
            given = {f.name: f for f in describe(base).fields} if attrs.has(base) else {}
            for field in fields:
                was = given.get(field.name)
                if was is not None and not narrows(field.shape, was.shape):
                    yield (
                        f"{_qualname(owner)}.{field.name} is {_written(field.attribute.type)}, "
                        f"where {base.__name__}.{field.name} is {_written(was.attribute.type)}: "
                        f"code reading any {base.__name__}'s {field.name} would get another "
                        "kind of value; keep the base's type or narrow it (a subclass of its "
                        "class, fewer members of its union, not None), or name the field otherwise"
                    )


def _written(annotation: Any) -> str:
    """``annotation`` as it is written, without its checks: ``tuple[Participant, ...]``."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        kinds = [meta for meta in args[1:] if isinstance(meta, RefKind)]
        ref = functools.reduce(operator.or_, kinds) if kinds else None
        return _written(args[0]) + ("" if ref is None else f" (the id of {ref.words()})")
    if origin in (Union, types.UnionType):
        return " | ".join(_written(arg) for arg in args)
    if origin is not None:
        inner = ", ".join("..." if arg is Ellipsis else _written(arg) for arg in args)
        return f"{getattr(origin, '__name__', origin)}[{inner}]"
    if annotation is type(None):
        return "None"
    return getattr(annotation, "__name__", None) or repr(annotation)


def event_type(tag: str) -> Callable[[R], R]:
    """Register an attrs subclass of `Event` under a namespaced type tag.

    The class then serialises with ``"type": tag``, loads back through
    ``ek.from_dict(ek.Event, data)`` and validates like any built-in type.
    Custom tags must carry a namespace (``"acme.protest"``) so they can
    never collide with a type eventkit adds later.

    Raises:
        RegistrationError: the tag is malformed, already registered, an
            installed plugin's (unless its entry point names this class) or
            in the ``eventkit.`` namespace, or the class is not an attrs
            subclass of Event.

    Examples:
        >>> import attrs, eventkit as ek
        >>> @ek.event_type("doctest.vigil")
        ... @attrs.frozen(kw_only=True)
        ... class Vigil(ek.Event):
        ...     candles: int = 0
        >>> ek.to_dict(Vigil(id="v1", title="Vigil", candles=40))
        {'type': 'doctest.vigil', 'id': 'v1', 'title': 'Vigil', 'candles': 40}
    """

    def decorate(cls: R) -> R:
        if not (isinstance(cls, type) and issubclass(cls, Event)):
            msg = f"@event_type({tag!r}) needs a subclass of eventkit.Event, got {cls!r}"
            raise RegistrationError(msg)
        register(tag, cls)
        return cls

    return decorate


def registered() -> tuple[type[Record], ...]:
    """Return every registered record class, in registration order."""
    _load_builtin_types()
    return tuple(_classes.values())


def tag_of(cls: type[Record]) -> str:
    """Return the tag ``cls`` was registered under.

    Raises:
        RegistrationError: ``cls`` itself was never registered (a subclass
            does not inherit its parent's tag: that would lose its fields).
    """
    tag: str | None = cls.__dict__.get(_TAG_ATTRIBUTE)
    if tag is None and not _builtins_loaded:  # a built-in event type, used before any look-up
        _load_builtin_types()
        tag = cls.__dict__.get(_TAG_ATTRIBUTE)
    if tag is None:
        msg = (
            f"{_qualname(cls)} is not a registered record type; "
            "decorate it with @eventkit.event_type('namespace.name')"
        )
        raise RegistrationError(msg)
    return tag


def _plugins() -> dict[str, Any]:
    global _plugin_tags  # noqa: PLW0603 - the entry points are read once per process
    if _plugin_tags is None:
        from importlib.metadata import entry_points  # noqa: PLC0415 - costly; only on a miss

        _plugin_tags = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return _plugin_tags


def known_tags() -> list[str]:
    """Return every tag that can be loaded: registered ones and installed plugins'.

    Examples:
        >>> import eventkit as ek
        >>> {"actor", "event", "phone_call", "statement"} <= set(ek.known_tags())
        True
    """
    _load_builtin_types()
    return sorted(set(_classes) | set(_plugins()))


def load_plugins() -> None:
    """Load every installed plugin's type not loaded yet, in the order installed.

    A writer of tables calls this first, so a plugin's type cannot appear half
    way through and change a table's columns. A plugin that fails to load is
    left as it is: a record naming its tag reports the failure (``plugin_failed``).
    """
    for tag in _plugins():
        if tag not in _classes:
            with contextlib.suppress(UnknownTypeError):
                _load_plugin(tag)


def _load_plugin(tag: str) -> type[Record] | None:
    """The class an installed plugin registers under ``tag``; None if no plugin has the tag.

    Raises:
        UnknownTypeError: the plugin failed to load (code ``plugin_failed``).
            It is tried once: a file naming its tag on every line would
            otherwise import it again for every record.
    """
    entry_point = _plugins().get(tag)
    if entry_point is None:
        return None
    if tag not in _failed_plugins:
        failure = _plugin_failure(tag, entry_point)
        if failure is None:
            return _classes[tag]
        _failed_plugins[tag] = failure
    problem = Problem(loc=("type",), code="plugin_failed", message=_failed_plugins[tag], input=tag)
    raise UnknownTypeError([problem])


def _plugin_failure(tag: str, entry_point: Any) -> str | None:
    """Why loading ``tag``'s plugin registered no class under it; None when it did."""
    try:
        loaded = entry_point.load()
    except Exception as exc:  # any error in third-party code is the plugin's failure
        return f"plugin entry point {entry_point.value!r} for type {tag!r} failed to load: {exc}"
    if tag in _classes:
        return None
    return (
        f"plugin entry point {entry_point.value!r} was loaded for type {tag!r} "
        f"but registers no class under that tag (it gave {loaded!r})"
    )


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'AEIOU' else 'a'} {noun}"


_known_below_base: dict[type[Record], tuple[int, tuple[str, ...]]] = {}
_LISTED: Final = 5  # a message lists the known tags when there are at most this many


def _known_below(base: type[Record]) -> tuple[str, ...]:
    """The tags of ``base`` and the classes below it (and of plugins not yet loaded).

    Kept per base with the number of registered classes it was made for
    (tags are only ever added, so a new count means a new list): a file with
    many bad tags would otherwise sort and filter them all for every record.
    Plugins not yet loaded are listed for every base: loading them only to
    filter an error message would import third-party code needlessly.
    """
    registered = len(_classes)
    kept = _known_below_base.get(base)
    if kept is None or kept[0] != registered:
        tags = tuple(t for t in known_tags() if t not in _classes or issubclass(_classes[t], base))
        kept = _known_below_base[base] = (registered, tags)
    return kept[1]


def _close_tag(tag: str, known: tuple[str, ...]) -> str | None:
    """The known tag ``tag`` most likely misspells, if one is close (same namespace).

    A tag over three times as long as the longest known one is close to none
    (difflib's ratio stays below the cutoff); the answers for the others are
    remembered, as a file may repeat one misspelt tag on every line.
    """
    if len(tag) > 3 * max(map(len, known), default=0):
        return None
    return _closest(tag, known)


@functools.lru_cache(maxsize=1024)
def _closest(tag: str, known: tuple[str, ...]) -> str | None:
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", tag).lower()  # PhoneCall -> phone_call
    namespace, _, name = snake.rpartition(".")
    names = {t.rpartition(".")[2]: t for t in known if t.rpartition(".")[0] == namespace}
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


def _unknown_message(tag: str, known: tuple[str, ...], close: str | None) -> str:
    """What an unknown tag's problem says: the likely cause, unless a tag was likely meant.

    Short, since a file may repeat it on every line; `eventkit.known_tags`
    lists every tag.
    """
    shown = _shown(tag)
    if close is not None:
        return f"unknown type {shown}"  # the problem's hint names the tag meant
    if len(known) <= _LISTED:
        return f"unknown type {shown}; known: {', '.join(known)}"
    if "." in tag:
        return f"unknown type {shown}: no registered type or installed plugin has this tag"
    return f"unknown type {shown}; not one of the {len(known)} types known here"


def _shown(tag: str) -> str:
    """The tag for a message, shortened: data may hold a megabyte where a tag belongs."""
    text = repr(tag)
    return text if len(text) <= 60 else f"{text[:50]}… ({len(text)} characters)"


def resolve(tag: Any, base: type[Record] = Record) -> type[Record]:
    """Return the class registered for ``tag``, which must be ``base`` or below it.

    Raises:
        UnknownTypeError: no class is registered for the tag (code ``unknown_type``),
            or the installed plugin that has it failed to load (``plugin_failed``).
        ValidationError: the class is not ``base`` or a subclass (code
            ``wrong_type``), or the tag is not a string (``invalid_type``).
    """
    if not isinstance(tag, str):
        # Not a tag at all: no eventkit wrote it, so it is no record to keep unread.
        message = f"expected a type tag (a string), not {json_type(tag)}"
        problem = Problem(loc=("type",), code="invalid_type", message=message, input=tag)
        raise ValidationError([problem])
    # A str subclass (Python data) names the class its text names; its own
    # methods (a __repr__ that raises) are not called on the way.
    tag = str.__str__(tag)
    cls = _classes.get(tag)
    if cls is None:
        _load_builtin_types()
        cls = _classes.get(tag) or _load_plugin(tag)
    if cls is None:
        known = _known_below(base)
        close = _close_tag(tag, known)
        problem = Problem(
            loc=("type",),
            code="unknown_type",
            message=_unknown_message(tag, known, close),
            input=tag,
            hint=None if close is None else did_you_mean(close),
        )
        raise UnknownTypeError([problem])
    if not issubclass(cls, base):
        problem = Problem(
            loc=("type",),
            code="wrong_type",
            message=f"type {_shown(tag)} is {_a(cls.__name__)}, not {_a(base.__name__)}",
            input=tag,
        )
        raise ValidationError([problem])
    return cls


for _builtin in (Actor, Source, Event, Statement, Provenance):
    register(_builtin.kind_name, _builtin, builtin=True)
