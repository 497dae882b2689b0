"""Events the duplicates tests of both paths share (in memory and on DuckDB)."""

import eventkit as ek
from eventkit._duplicates import UNDATED_REACH


def _call(id: str, when: str | None, actor: str) -> ek.Event:
    return ek.PhoneCall(
        id=id,
        title="Scholz and Putin speak by phone",
        when=None if when is None else ek.parse_edtf(when),
        participants=[ek.Participant(actor=actor)],
    )


def boundary_events() -> list[ek.Event]:
    """An undated call of each of two actors: one in `UNDATED_REACH` dated calls, one in more."""
    dated = [
        _call(f"{actor}-{n}", f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}", actor)
        for actor, count in (("rare", UNDATED_REACH), ("busy", UNDATED_REACH + 1))
        for n in range(count)
    ]
    undated = [_call(f"{actor}-undated", None, actor) for actor in ("rare", "busy")]
    return [*dated, *undated]
