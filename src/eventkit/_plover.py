"""PLOVER and CAMEO reference data: event types, modes, contexts, and the CAMEO mapping.

The PLOVER tables below are transcribed from the PLOVER manual (draft 0.8,
17 September 2021, Open Event Data Alliance): the 16 event types of the
chapter "Event Categories", each type's mode table, and the 37 general
contexts. ``tests/test_events.py`` parses the manual's LaTeX source and checks
these tables against it, so they cannot drift.

The CAMEO code table and the CAMEO-to-PLOVER conversion table are package
data (``eventkit/data/``, origins in its README), read the first time a CAMEO
code is checked or converted, never at import.

Examples:
    >>> import eventkit as ek
    >>> len(ek.codes.PLOVER_EVENT_TYPES), ek.codes.PLOVER_EVENT_TYPES[:3]
    (16, ('AGREE', 'CONSULT', 'SUPPORT'))
    >>> ek.codes.PLOVER_MODES["CONSULT"]
    ('visit', 'third-party', 'multilateral', 'phone')
    >>> len(ek.codes.PLOVER_CONTEXTS), "diplomatic" in ek.codes.PLOVER_CONTEXTS
    (37, True)
    >>> ek.codes.ACLED_EVENT_TYPES["Riots"]
    ('Violent demonstration', 'Mob violence')
"""

import functools
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "ACLED_DISORDER_TYPES",
    "ACLED_EVENT_TYPES",
    "PLOVER_CONTEXTS",
    "PLOVER_EVENT_TYPES",
    "PLOVER_MODES",
    "PLOVER_V05_CONTEXTS",
    "PLOVER_V05_MODES",
    "PLOVER_V05_TYPES",
    "CameoEntry",
    "cameo_descriptions",
    "cameo_entries",
    "cameo_entry",
    "goldstein_scale",
    "quad_class",
]

PLOVER_MODES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "AGREE": (),
        "CONSULT": ("visit", "third-party", "multilateral", "phone"),
        "SUPPORT": (),
        "CONCEDE": (),
        "COOPERATE": (),
        "AID": (),
        "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
        "REQUEST": ("assist", "change", "yield", "meet"),
        "ACCUSE": ("disapprove", "investigate", "allege"),
        "REJECT": ("assist", "change", "yield", "meet"),
        "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
        "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
        "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
        "MOBILIZE": ("troops", "weapons", "police", "militia"),
        "COERCE": (
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        ),
        "ASSAULT": (
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ),
    }
)
"""Each PLOVER event type's modes, in the manual's order (empty: the type has none)."""

PLOVER_EVENT_TYPES: tuple[str, ...] = tuple(PLOVER_MODES)
"""The 16 PLOVER event types, in the manual's order."""

PLOVER_CONTEXTS: tuple[str, ...] = (
    "military",
    "intelligence",
    "executive",
    "legislative",
    "election",
    "political_institutions",
    "pro_democracy",
    "pro_autocracy",
    "economic",
    "legal",
    "reparations",
    "human_rights",
    "rights_freedoms",
    "repression",
    "human_security",
    "gender",
    "lgbt",
    "religion_ethnicity",
    "inequality",
    "diplomatic",
    "territory",
    "peacekeeping",
    "health",
    "asylum",
    "migration",
    "disasters",
    "natural_resource",
    "environment",
    "technology",
    "terrorism",
    "cbrn",
    "cyber",
    "misinformation",
    "crime",
    "corruption",
    "illegal_drugs",
    "trafficking",
)
"""The 37 PLOVER general contexts, usable with any event type."""

ACLED_EVENT_TYPES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "Battles": (
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Armed clash",
        ),
        "Protests": (
            "Excessive force against protesters",
            "Protest with intervention",
            "Peaceful protest",
        ),
        "Riots": ("Violent demonstration", "Mob violence"),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": (
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)
"""ACLED's current event types and their sub-event types (ACLED codebook)."""

ACLED_DISORDER_TYPES: tuple[str, ...] = (
    "Political violence",
    "Demonstrations",
    "Strategic developments",
)
"""ACLED's disorder types; an event may have two ("Political violence; Demonstrations")."""

# PLOVER 0.5b1 (the 2016 gold-standard records) named some types after CAMEO's
# cue categories; 0.8 folded them into others (the manual's CAMEO-to-PLOVER
# table). A type that became a mode of another maps to that mode.
PLOVER_V05_TYPES: MappingProxyType[str, tuple[str, str | None]] = MappingProxyType(
    {
        "DEMAND": ("REQUEST", None),
        "FIGHT": ("ASSAULT", None),
        "DISAPPROVE": ("ACCUSE", "disapprove"),
        "INVESTIGATE": ("ACCUSE", "investigate"),
    }
)
"""PLOVER 0.5b1 event types not in 0.8, with their 0.8 type and mode."""

PLOVER_V05_MODES: MappingProxyType[str, str] = MappingProxyType(
    {
        "strike-hun": "hunger",
        "strike-gen": "strike",
        "demo-org": "demo",
        "demo-spon": "demo",
        "riot-spon": "riot",
        "assassinate": "targeted",
        "confiscate": "seize",
        "detain": "arrest",
        "ban": "restrict",
        "host": "visit",
    }
)
"""PLOVER 0.5b1 modes renamed in 0.8 (the others kept their names or have no equivalent)."""

PLOVER_V05_CONTEXTS: MappingProxyType[str, str] = MappingProxyType(
    {
        "political": "political_institutions",
        "politics": "political_institutions",
        "government": "executive",
        "refugee": "asylum",
        "refugees": "asylum",
        "resource": "natural_resource",
        "resources": "natural_resource",
        "rights": "human_rights",
        "discrimination": "inequality",
        "religion": "religion_ethnicity",
        "assets": "economic",
        "foreign": "diplomatic",
    }
)
"""PLOVER 0.5b1 contexts renamed in 0.8 (the others kept their names or have no equivalent)."""


class CameoEntry(NamedTuple):
    """One line of the CAMEO-to-PLOVER conversion table, as written there."""

    cameo: str
    plover: str
    mode: str | None
    context: tuple[str, ...]
    description: str


def _data_text(name: str) -> str:
    from importlib.resources import files  # noqa: PLC0415 - costly (tempfile, shutil…); rarely used

    return files("eventkit").joinpath("data", name).read_text(encoding="utf-8")


def _parse_entry(line: str) -> CameoEntry | None:
    body, _, comment = line.partition("#")
    code, colon, coding = body.partition(":")
    code = code.strip()
    if not colon or not code.isdigit():
        return None
    parts = [part.strip() for part in coding.split(",")]
    if len(parts) == 1:  # a cue-category heading such as "04: CONSULT"
        parts += ["", ""]
    plover, mode, context = parts[0], parts[1], ",".join(parts[2:])
    contexts = tuple(c.strip() for c in context.split(";") if c.strip())
    return CameoEntry(code, plover, mode or None, contexts, comment.strip())


@functools.cache
def cameo_entries() -> MappingProxyType[str, CameoEntry]:
    """Return the CAMEO-to-PLOVER conversion table (2021), keyed by CAMEO code.

    Entries are as the table writes them; some use modes or contexts the
    0.8 manual no longer lists (see `eventkit.cameo_to_plover`). Where a
    code appears twice, the first line wins.
    """
    entries: dict[str, CameoEntry] = {}
    for line in _data_text("CAMEO2PLOVER-2021.txt").splitlines():
        entry = _parse_entry(line)
        if entry is not None:
            entries.setdefault(entry.cameo, entry)
    return MappingProxyType(entries)


@functools.cache
def cameo_descriptions() -> MappingProxyType[str, str]:
    """Return every known CAMEO event code with its description.

    The codes are those of CAMEO 1.1b3 as the conversion table lists them,
    plus the statement and appeal codes (``01``, ``02``) PLOVER dropped, which
    only the code table lists. The code table follows an older CAMEO
    numbering in places (e.g. its 163 is "Halt negotiations"; in 1.1b3 that
    is 164), so it is used for nothing else but the cue-category names.
    """
    table: dict[str, str] = {}
    for line in _data_text("cameoCodeTable.tsv").splitlines()[1:]:
        code, description, *_ = line.split("\t")
        table[code.strip()] = " ".join(description.split())
    descriptions = {
        code: " ".join(entry.description.split()) or table.get(code, entry.plover)
        for code, entry in cameo_entries().items()
    }
    descriptions.update(
        (code, text) for code, text in table.items() if code.startswith(("01", "02"))
    )
    return MappingProxyType(dict(sorted(descriptions.items())))


def cameo_entry(code: str) -> CameoEntry | None:
    """Return the conversion entry for ``code`` (None for CAMEO 01 and 02, which PLOVER dropped)."""
    return cameo_entries().get(code)


@functools.cache
def _goldstein() -> MappingProxyType[str, float]:
    table = {}
    for line in _data_text("cameoCodeTable.tsv").splitlines()[1:]:
        code, _, score, *_ = line.split("\t")
        table[code.strip()] = float(score)
    return MappingProxyType(table)


def goldstein_scale(code: str) -> float | None:
    """The Goldstein conflict-cooperation score GDELT gives a CAMEO code (-10 to 10).

    From GDELT's CAMEO code table; None for a code it does not score.

    Examples:
        >>> goldstein_scale("041"), goldstein_scale("190")
        (1.0, -10.0)
    """
    return _goldstein().get(code)


def quad_class(code: str) -> int | None:
    """GDELT's QuadClass of a CAMEO code: its cue category's quadrant, or None.

    1 verbal cooperation (01-05), 2 material cooperation (06-08), 3 verbal
    conflict (09-13), 4 material conflict (14-20).

    Examples:
        >>> quad_class("041"), quad_class("0874"), quad_class("112"), quad_class("190")
        (1, 2, 3, 4)
    """
    if len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if not 1 <= root <= 20:
        return None
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
