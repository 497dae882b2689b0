"""External codings of an event: PLOVER type, mode and contexts, CAMEO, ACLED.

Every value is checked against the published vocabularies (see
`eventkit._plover`): a PLOVER type must be one of the 16 types of PLOVER
0.8, a mode one of that type's modes, a context one of the 37 contexts, a
CAMEO code one of the CAMEO event codes, the ACLED values ACLED's event,
sub-event and disorder types. Codings in older versions (PLOVER 0.5b1) are
mapped by `plover_from_v05`, which keeps what was given in ``original``.
"""

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Annotated, Any

import attrs

from eventkit._fields import Text
from eventkit._friendly import to_mapping, to_tuple
from eventkit._plover import (
    ACLED_DISORDER_TYPES,
    ACLED_EVENT_TYPES,
    PLOVER_CONTEXTS,
    PLOVER_EVENT_TYPES,
    PLOVER_MODES,
    PLOVER_V05_CONTEXTS,
    PLOVER_V05_MODES,
    PLOVER_V05_TYPES,
    cameo_descriptions,
    cameo_entry,
    goldstein_scale,
    quad_class,
)
from eventkit._validated import EMPTY_MAPPING, Validated
from eventkit.checks import Check
from eventkit.exceptions import Problem, ValidationError

__all__ = [
    "Codes",
    "builtin_codes",
    "cameo_description",
    "cameo_to_plover",
    "plover_from_v05",
]


def _one_of(
    allowed: Callable[[], Collection[str]], message: str | Callable[[Any], str], name: str
) -> Check:
    def test(value: Any) -> bool:
        return value in allowed()

    return Check(test, message=message, name=name, schema=lambda: {"enum": sorted(allowed())})


def _plover_type_message(value: Any) -> str:
    older = PLOVER_V05_TYPES.get(value) if isinstance(value, str) else None
    if older is not None:
        plover, mode = older
        named = plover if mode is None else f"{plover} with mode {mode!r}"
        return (
            f"{value} is a PLOVER 0.5b1 type; in 0.8 it is {named} "
            "(eventkit.codes.plover_from_v05 maps it and keeps the original)"
        )
    return f"unknown PLOVER event type; expected one of: {', '.join(PLOVER_EVENT_TYPES)}"


_plover_type = _one_of(lambda: PLOVER_EVENT_TYPES, _plover_type_message, "plover_event_type")
_context = _one_of(
    lambda: PLOVER_CONTEXTS,
    f"unknown PLOVER context; expected one of: {', '.join(PLOVER_CONTEXTS)}",
    "plover_context",
)
_cameo = _one_of(
    cameo_descriptions,
    "unknown CAMEO event code; expected a code of the CAMEO 1.1b3 event table, "
    "2 to 4 digits as a string, such as '041'",
    "cameo_code",
)
_ACLED_SUB_EVENTS = {sub: kind for kind, subs in ACLED_EVENT_TYPES.items() for sub in subs}
_acled = _one_of(
    lambda: ACLED_EVENT_TYPES,
    f"unknown ACLED event type; expected one of: {', '.join(ACLED_EVENT_TYPES)}",
    "acled_event_type",
)
_acled_sub_event = _one_of(
    lambda: _ACLED_SUB_EVENTS,
    "unknown ACLED sub-event type; expected one such as 'Air/drone strike' "
    "(see eventkit.codes.ACLED_EVENT_TYPES)",
    "acled_sub_event_type",
)
_acled_disorder = _one_of(
    lambda: ACLED_DISORDER_TYPES,
    f"unknown ACLED disorder type; expected one of: {', '.join(ACLED_DISORDER_TYPES)}",
    "acled_disorder_type",
)


@attrs.frozen(kw_only=True, repr=False)
class Codes(Validated):
    """How other coding schemes classify an event, checked against their vocabularies.

    Attributes:
        plover: the PLOVER event type, upper case as in the manual: one of
            :data:`eventkit.PLOVER_EVENT_TYPES` (e.g. ``CONSULT``).
        mode: a mode of that type (:data:`eventkit.PLOVER_MODES`), e.g. ``phone``.
        context: PLOVER contexts (:data:`eventkit.PLOVER_CONTEXTS`), e.g.
            ``("diplomatic",)``; allowed without a type.
        cameo: the CAMEO event code as a string, e.g. ``"041"``.
        acled: the ACLED event type, e.g. ``"Explosions/Remote violence"``.
        acled_sub_event: the ACLED sub-event type, e.g. ``"Air/drone strike"``
            (one of ``acled``'s, when both are given).
        acled_disorder: the ACLED disorder types, e.g. ``("Political violence",)``.
        original: the coding as the source gave it, where it differs from
            what is here: the names of an older version, values with no
            equivalent (``{"plover_version": "0.5b1", "event": "DEMAND"}``).

    GDELT's QuadClass and Goldstein score follow from the CAMEO code:
    `quad_class` and `goldstein`.

    Examples:
        >>> Codes(plover="CONSULT", mode="phone", cameo="041").cameo
        '041'
        >>> Codes(plover="CONSULT", mode="drone")
        Traceback (most recent call last):
        ...
        eventkit.exceptions.ValidationError: 1 problem in Codes
          $.mode: not a mode of CONSULT; expected one of: visit, third-party, multilateral, phone, got 'drone' [invalid_value]
    """  # noqa: E501 - the doctest output is one line

    plover: Annotated[str, _plover_type] | None = None
    mode: Text | None = None
    context: tuple[Annotated[str, _context], ...] = attrs.field(default=(), converter=to_tuple)
    cameo: Annotated[str, _cameo] | None = None
    acled: Annotated[str, _acled] | None = None
    acled_sub_event: Annotated[str, _acled_sub_event] | None = None
    acled_disorder: tuple[Annotated[str, _acled_disorder], ...] = attrs.field(
        default=(), converter=to_tuple
    )
    original: Mapping[str, Text] = attrs.field(default=EMPTY_MAPPING, converter=to_mapping)

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        """Valid codings for `eventkit.testing`: a mode of the type drawn, codes from the tables."""
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        # Made once, not per draw (the CAMEO table is sorted once).
        plovers = st.none() | st.sampled_from(PLOVER_EVENT_TYPES)
        modes = {p: st.none() | st.sampled_from(m) for p, m in PLOVER_MODES.items() if m}
        contexts = st.lists(st.sampled_from(PLOVER_CONTEXTS), max_size=2)
        cameos = st.none() | st.sampled_from(sorted(cameo_descriptions()))
        acleds = st.none() | st.sampled_from(sorted(ACLED_EVENT_TYPES))
        subs: dict[str | None, st.SearchStrategy[str | None]] = {
            acled: st.none() | st.sampled_from(ACLED_EVENT_TYPES[acled])
            for acled in ACLED_EVENT_TYPES
        }
        subs[None] = st.none() | st.sampled_from(sorted(_ACLED_SUB_EVENTS))
        disorders = st.lists(st.sampled_from(ACLED_DISORDER_TYPES), max_size=2, unique=True)

        @st.composite
        def codes(draw: st.DrawFn) -> Codes:
            plover = draw(plovers)
            acled = draw(acleds)
            return Codes(
                plover=plover,
                mode=draw(modes[plover]) if plover in modes else None,
                context=draw(contexts),
                cameo=draw(cameos),
                acled=acled,
                acled_sub_event=draw(subs[acled]),
                acled_disorder=draw(disorders),
                original=draw(fields["original"]),
            )

        return codes()

    def __repr__(self) -> str:
        """The fields that are set (the rest are at their defaults)."""
        shown = [
            f"{field.name}={getattr(self, field.name)!r}"
            for field in attrs.fields(type(self))
            if getattr(self, field.name) not in (None, (), {})
        ]
        return f"Codes({', '.join(shown)})"

    def quad_class(self) -> int | None:
        """GDELT's QuadClass of the CAMEO code (1 to 4), or None without one.

        Examples:
            >>> Codes(cameo="190").quad_class(), Codes(cameo="190").goldstein()
            (4, -10.0)
        """
        return None if self.cameo is None else quad_class(self.cameo)

    def goldstein(self) -> float | None:
        """GDELT's Goldstein score of the CAMEO code (-10 to 10), or None without one."""
        return None if self.cameo is None else goldstein_scale(self.cameo)

    def cross_check(self) -> Iterable[Problem]:
        """A mode must be a mode of the PLOVER type; a sub-event type, one of the event type's."""
        found = list(self._mode_problems())
        sub = self.acled_sub_event
        if self.acled is not None and sub is not None and _ACLED_SUB_EVENTS[sub] != self.acled:
            message = (
                f"not a sub-event type of {self.acled!r}; it is one of {_ACLED_SUB_EVENTS[sub]!r}"
            )
            found.append(
                Problem(loc=("acled_sub_event",), code="invalid_value", message=message, input=sub)
            )
        return found

    def _mode_problems(self) -> Iterable[Problem]:
        if self.mode is None:
            return ()
        if self.plover is None:
            message = "a mode needs a PLOVER event type (plover)"
            return [Problem(loc=("mode",), code="invalid_value", message=message, input=self.mode)]
        modes = PLOVER_MODES[self.plover]
        if self.mode in modes:
            return ()
        if modes:
            message = f"not a mode of {self.plover}; expected one of: {', '.join(modes)}"
        else:
            message = f"{self.plover} has no modes"
        return [Problem(loc=("mode",), code="invalid_value", message=message, input=self.mode)]


def builtin_codes(**values: Any) -> Codes:
    """Make a `Codes` without checking it, for eventkit's own built-in types.

    Checking a CAMEO code reads the code table; the built-in types are
    defined at import, which must not read it. Their codes are checked by
    the test suite instead (``tests/test_events.py``).
    """
    codes = object.__new__(Codes)
    for field in attrs.fields(Codes):
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        value = values.pop(field.name, default)
        convert: Any = field.converter
        object.__setattr__(codes, field.name, value if convert is None else convert(value))
    if values:
        msg = f"unknown Codes fields: {sorted(values)}"
        raise TypeError(msg)
    return codes


def cameo_to_plover(code: str) -> Codes:
    """Return the PLOVER coding of a CAMEO event code, per the 2021 conversion table.

    Modes and contexts the table gives but the 0.8
    manual no longer lists (e.g. RETREAT ``ease``, context ``democracy``)
    are left out, so the result always validates. CAMEO ``01`` and ``02``
    (statements and appeals) have no PLOVER type: the result holds only the
    CAMEO code.

    Raises:
        ValidationError: ``code`` is not a CAMEO event code.

    Examples:
        >>> import eventkit as ek
        >>> ek.codes.cameo_to_plover("041")
        Codes(plover='CONSULT', mode='phone', cameo='041')
        >>> ek.codes.cameo_to_plover("0874").mode, ek.codes.cameo_to_plover("0874").context
        ('disarm', ('military',))
    """
    found = _cameo(code)
    if found:
        raise ValidationError([p.at("cameo") for p in found], title="CAMEO code")
    entry = cameo_entry(code)
    if entry is None:
        return Codes(cameo=code)
    mode = entry.mode if entry.mode in PLOVER_MODES[entry.plover] else None
    context = tuple(c for c in entry.context if c in PLOVER_CONTEXTS)
    return Codes(plover=entry.plover, mode=mode, context=context, cameo=code)


def cameo_description(code: str) -> str:
    """Return the description of a CAMEO event code.

    Raises:
        ValidationError: ``code`` is not a CAMEO event code.

    Examples:
        >>> import eventkit as ek
        >>> ek.codes.cameo_description("041")
        'Discuss by telephone'
    """
    found = _cameo(code)
    if found:
        raise ValidationError([p.at("cameo") for p in found], title="CAMEO code")
    return cameo_descriptions()[code]


def plover_from_v05(
    event: str | None, mode: str | None = None, context: str | Iterable[str] | None = None
) -> Codes:
    """The PLOVER 0.8 coding of one written in PLOVER 0.5b1, what was given kept in ``original``.

    0.5b1 names are mapped to 0.8's: ``DEMAND`` is ``REQUEST``, ``FIGHT``
    is ``ASSAULT``, ``DISAPPROVE`` and ``INVESTIGATE`` are modes of
    ``ACCUSE``; renamed modes (``strike-gen`` → ``strike``) and contexts
    (``refugees`` → ``asylum``) too. Values with no 0.8 equivalent (the
    type ``DOCUMENT``, the mode ``other``, the context ``historical``) are
    left out of the coding and kept in ``original``, as is everything given
    (with ``plover_version``), so nothing is lost. Empty strings are absent,
    as the 0.5b1 records use them; contexts may be one comma-separated string.

    Raises:
        ValidationError: a value that is not a name at all (not text; for
            ``context``, neither text nor an iterable of texts).

    Examples:
        >>> codes = plover_from_v05("DEMAND", "", "diplomatic, refugees")
        >>> codes.plover, codes.mode, codes.context
        ('REQUEST', None, ('diplomatic', 'asylum'))
        >>> dict(codes.original)
        {'plover_version': '0.5b1', 'event': 'DEMAND', 'context': 'diplomatic, refugees'}
        >>> plover_from_v05("DISAPPROVE").mode
        'disapprove'
    """
    given: dict[str, Any] = {"event": event, "mode": mode, "context": context}
    wrong = [
        Problem(loc=(name,), code="invalid_type", message="expected text", input=value)
        for name, value in given.items()
        if value is not None and not isinstance(value, str) and name != "context"
    ]
    parts: list[Any] = []
    if isinstance(context, str):
        parts = context.split(",")
    elif isinstance(context, Iterable) and not isinstance(context, Mapping | bytes | bytearray):
        parts = list(context)
    elif context is not None:
        message = "expected text or an iterable of texts"
        wrong.append(Problem(loc=("context",), code="invalid_type", message=message, input=context))
    wrong += [
        Problem(loc=("context", index), code="invalid_type", message="expected text", input=part)
        for index, part in enumerate(parts)
        if not isinstance(part, str)
    ]
    if wrong:
        raise ValidationError(wrong, title="PLOVER 0.5b1 coding")
    contexts = [part.strip() for part in parts]
    if not isinstance(context, str):
        given["context"] = ", ".join(contexts) or None
    plover, implied = PLOVER_V05_TYPES.get(event or "", (event or None, None))
    if plover not in PLOVER_MODES:
        plover = None
    mode = PLOVER_V05_MODES.get(mode or "", mode or None) if implied is None else implied
    modes = PLOVER_MODES[plover] if plover is not None else ()
    mapped = [PLOVER_V05_CONTEXTS.get(part, part) for part in contexts if part]
    original = {"plover_version": "0.5b1"}
    original.update((name, value) for name, value in given.items() if value)
    return Codes(
        plover=plover,
        mode=mode if mode in modes else None,
        context=tuple(dict.fromkeys(c for c in mapped if c in PLOVER_CONTEXTS)),
        original=original,
    )
