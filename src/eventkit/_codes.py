"""External codings of an event: PLOVER type, mode and contexts, CAMEO, ACLED.

Every value is checked against the published vocabularies (see
`eventkit._plover`): a PLOVER type must be one of the 16 types, a mode
one of that type's modes, a context one of the 37 contexts, a CAMEO code one
of the CAMEO event codes, an ACLED value an ACLED event or sub-event type.
"""

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Annotated, Any

import attrs

from eventkit._fields import Text
from eventkit._plover import (
    ACLED_EVENT_TYPES,
    PLOVER_CONTEXTS,
    PLOVER_EVENT_TYPES,
    PLOVER_MODES,
    cameo_descriptions,
    cameo_entry,
)
from eventkit._validated import Validated, to_tuple
from eventkit.checks import Check
from eventkit.exceptions import Problem, ValidationError

__all__ = ["Codes", "builtin_codes", "cameo_description", "cameo_to_plover"]


def _one_of(allowed: Callable[[], Collection[str]], message: str, name: str) -> Check:
    def test(value: Any) -> bool:
        return value in allowed()

    return Check(test, message=message, name=name)


_plover_type = _one_of(
    lambda: PLOVER_EVENT_TYPES,
    f"unknown PLOVER event type; expected one of: {', '.join(PLOVER_EVENT_TYPES)}",
    "plover_event_type",
)
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
_ACLED_VALUES = frozenset(
    [*ACLED_EVENT_TYPES, *(sub for subs in ACLED_EVENT_TYPES.values() for sub in subs)]
)
_acled = _one_of(
    lambda: _ACLED_VALUES,
    "unknown ACLED type; expected an ACLED event type or sub-event type such as "
    "'Air/drone strike' (see eventkit.ACLED_EVENT_TYPES)",
    "acled_type",
)


@attrs.frozen(kw_only=True)
class Codes(Validated):
    """How other coding schemes classify an event, checked against their vocabularies.

    Attributes:
        plover: the PLOVER event type, upper case as in the manual: one of
            :data:`eventkit.PLOVER_EVENT_TYPES` (e.g. ``CONSULT``).
        mode: a mode of that type (:data:`eventkit.PLOVER_MODES`), e.g. ``phone``.
        context: PLOVER contexts (:data:`eventkit.PLOVER_CONTEXTS`), e.g.
            ``("diplomatic",)``; allowed without a type.
        cameo: the CAMEO event code as a string, e.g. ``"041"``.
        acled: an ACLED event type or sub-event type, e.g. ``"Air/drone strike"``.

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

    @classmethod
    def __eventkit_strategy__(cls, fields: Mapping[str, Any]) -> Any:
        """Valid codings for `eventkit.testing`: a mode of the type drawn, codes from the tables."""
        from hypothesis import strategies as st  # noqa: PLC0415 - only eventkit.testing asks

        # Made once, not per draw (the CAMEO table is sorted once).
        plovers = st.none() | st.sampled_from(PLOVER_EVENT_TYPES)
        modes = {p: st.none() | st.sampled_from(m) for p, m in PLOVER_MODES.items() if m}
        contexts = st.lists(st.sampled_from(PLOVER_CONTEXTS), max_size=2)
        cameos = st.none() | st.sampled_from(sorted(cameo_descriptions()))
        acleds = st.none() | st.sampled_from(sorted(_ACLED_VALUES))

        @st.composite
        def codes(draw: st.DrawFn) -> Codes:
            plover = draw(plovers)
            return Codes(
                plover=plover,
                mode=draw(modes[plover]) if plover in modes else None,
                context=draw(contexts),
                cameo=draw(cameos),
                acled=draw(acleds),
            )

        return codes()

    def cross_check(self) -> Iterable[Problem]:
        """A mode must be one of the modes of the PLOVER type."""
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
        value = values.pop(field.name, field.default)
        object.__setattr__(codes, field.name, to_tuple(value))
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
        Codes(plover='CONSULT', mode='phone', context=(), cameo='041', acled=None)
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
