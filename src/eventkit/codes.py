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
    >>> codes.ACLED_DISORDER_TYPES
    ('Political violence', 'Demonstrations', 'Strategic developments')

Older PLOVER names map to 0.8 through `plover_from_v05`, with the tables
``codes.PLOVER_V05_TYPES``, ``codes.PLOVER_V05_MODES`` and
``codes.PLOVER_V05_CONTEXTS``:

    >>> codes.PLOVER_V05_TYPES["DISAPPROVE"], codes.PLOVER_V05_CONTEXTS["refugees"]
    (('ACCUSE', 'disapprove'), 'asylum')

GDELT's QuadClass and Goldstein score follow from a CAMEO code:

    >>> codes.quad_class("190"), codes.goldstein_scale("190")
    (4, -10.0)
"""

from eventkit._codes import cameo_description, cameo_to_plover, plover_from_v05
from eventkit._events import codes_of
from eventkit._plover import (
    ACLED_DISORDER_TYPES,
    ACLED_EVENT_TYPES,
    PLOVER_CONTEXTS,
    PLOVER_EVENT_TYPES,
    PLOVER_MODES,
    PLOVER_V05_CONTEXTS,
    PLOVER_V05_MODES,
    PLOVER_V05_TYPES,
    goldstein_scale,
    quad_class,
)

__all__ = [
    "ACLED_DISORDER_TYPES",
    "ACLED_EVENT_TYPES",
    "PLOVER_CONTEXTS",
    "PLOVER_EVENT_TYPES",
    "PLOVER_MODES",
    "PLOVER_V05_CONTEXTS",
    "PLOVER_V05_MODES",
    "PLOVER_V05_TYPES",
    "cameo_description",
    "cameo_to_plover",
    "codes_of",
    "goldstein_scale",
    "plover_from_v05",
    "quad_class",
]
