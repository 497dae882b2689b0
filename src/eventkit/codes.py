"""Reference tables of the coding schemes events are coded in: PLOVER, CAMEO, ACLED.

`eventkit.Codes` (on any event, checked against these tables) holds a
record's coding; the built-in event types carry theirs as ``plover_codes``,
and `codes_of` merges the two.

Examples:
    >>> from eventkit import codes
    >>> len(codes.PLOVER_EVENT_TYPES), codes.PLOVER_MODES["CONSULT"]
    (16, ('visit', 'third-party', 'multilateral', 'phone'))
    >>> len(codes.PLOVER_CONTEXTS), codes.ACLED_EVENT_TYPES["Riots"]
    (37, ('Violent demonstration', 'Mob violence'))
    >>> codes.cameo_description("041")
    'Discuss by telephone'
"""

from eventkit._codes import cameo_description, cameo_to_plover
from eventkit._events import codes_of
from eventkit._plover import (
    ACLED_EVENT_TYPES,
    PLOVER_CONTEXTS,
    PLOVER_EVENT_TYPES,
    PLOVER_MODES,
)

__all__ = [
    "ACLED_EVENT_TYPES",
    "PLOVER_CONTEXTS",
    "PLOVER_EVENT_TYPES",
    "PLOVER_MODES",
    "cameo_description",
    "cameo_to_plover",
    "codes_of",
]
