"""Code tables the adapters map through: CAMEO actor types, FIPS 10-4 countries, ACLED's names.

Each table is a file of package data (``eventkit/data/``, origins and
licences in its README), read the first time it is needed, never at
import. ISO 3166 codes and names come from pycountry. Every adapter asks
these functions, so a code means the same thing in every format and a
kind derived on import is the kind an export knows it can derive again.

Examples:
    >>> cameo_actor_types()["GOV"].label, actor_kind("RUS", ["GOV"]), actor_kind("RUS", [])
    ('Government', 'government', 'state')
    >>> country_of_fips("GM"), fips_of_country("DEU")
    ('DEU', 'GM')
    >>> acled_actor_type("Rebel group"), acled_actor_type("Rebel Groups"), acled_actor_type("2")
    (2, 2, 2)
    >>> country_of_name("Cote d'Ivoire"), country_of_name("Democratic Republic of Congo")
    ('CIV', 'COD')
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from collections.abc import Iterable, Mapping
from importlib.resources import files
from types import MappingProxyType
from typing import NamedTuple

import pycountry

__all__ = [
    "AcledActorType",
    "CameoActorType",
    "acled_actor_type",
    "acled_actor_types",
    "actor_kind",
    "cameo_actor_types",
    "cameo_country",
    "country_of_fips",
    "country_of_name",
    "fips_of_country",
    "folded",
]


class CameoActorType(NamedTuple):
    """A CAMEO actor type code (``GOV``, ``IGO``…) and the `ActorKind` it gives, if any."""

    code: str
    label: str
    place: str
    """Where it goes in an actor code: a primary, secondary or tertiary role,
    ``party``, an ``international`` code, or a ``known group``."""
    kind: str | None


class AcledActorType(NamedTuple):
    """One of ACLED's actor types (``inter1``, ``inter2``): its code, names and `ActorKind`."""

    code: int
    label: str
    """The name ACLED's current exports write (``"Rebel group"``)."""
    codebook_label: str
    """The name in ACLED's codebook (``"Rebel Groups"``)."""
    kind: str


def _rows(name: str) -> list[dict[str, str]]:
    text = files("eventkit").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


@functools.cache
def cameo_actor_types() -> Mapping[str, CameoActorType]:
    """The CAMEO actor type codes by code (``data/cameo-actor-types.tsv``).

    Examples:
        >>> cameo_actor_types()["IGO"]
        CameoActorType(code='IGO', label='Inter-governmental organization', place='international', kind='international_organisation')
    """  # noqa: E501 - the doctest output is one line
    return MappingProxyType(
        {
            row["code"]: CameoActorType(
                row["code"], row["label"], row["place"], row["kind"] or None
            )
            for row in _rows("cameo-actor-types.tsv")
        }
    )


@functools.cache
def acled_actor_types() -> Mapping[int, AcledActorType]:
    """ACLED's actor types by code (``data/acled-actor-types.tsv``).

    Examples:
        >>> acled_actor_types()[1].label, acled_actor_types()[1].kind
        ('State forces', 'military')
    """
    return MappingProxyType(
        {
            int(row["code"]): AcledActorType(
                int(row["code"]), row["label"], row["codebook_label"], row["kind"]
            )
            for row in _rows("acled-actor-types.tsv")
        }
    )


@functools.cache
def _acled_names() -> Mapping[str, int]:
    names: dict[str, int] = {}
    for kind in acled_actor_types().values():
        names[str(kind.code)] = kind.code
        names[kind.label.casefold()] = kind.code
        names[kind.codebook_label.casefold()] = kind.code
    return names


def acled_actor_type(text: str) -> int | None:
    """The code of an ACLED actor type given as a code (``"2"``) or a name, or None.

    Names are matched as ACLED's current exports write them (``"Rebel group"``)
    or as its codebook does (``"Rebel Groups"``), in any case.

    Examples:
        >>> acled_actor_type("state forces"), acled_actor_type("02"), acled_actor_type("Army")
        (1, 2, None)
    """
    text = text.strip()
    if text.isascii() and text.isdigit():
        text = str(int(text))
    return _acled_names().get(text.casefold())


@functools.cache
def _fips() -> tuple[Mapping[str, str], Mapping[str, str]]:
    to_iso: dict[str, str] = {}
    for row in _rows("fips-10-4.tsv"):
        country = pycountry.countries.get(alpha_2=row["iso_alpha2"])
        if country is not None:
            to_iso[row["fips"]] = str(country.alpha_3)
    from_iso = {iso: fips for fips, iso in to_iso.items()}
    return MappingProxyType(to_iso), MappingProxyType(from_iso)


def country_of_fips(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a FIPS 10-4 country code (GDELT's geography), or None.

    Examples:
        >>> country_of_fips("UP"), country_of_fips("RS"), country_of_fips("ZZ")
        ('UKR', 'RUS', None)
    """
    return _fips()[0].get(code)


def fips_of_country(alpha3: str) -> str | None:
    """The FIPS 10-4 code of an ISO 3166-1 alpha-3 country, or None.

    Examples:
        >>> fips_of_country("GBR"), fips_of_country("ATA")
        ('UK', 'AY')
    """
    return _fips()[1].get(alpha3)


def folded(name: str) -> str:
    """``name`` as names are compared: without accents, case, spaces and punctuation.

    Examples:
        >>> folded("Côte d'Ivoire"), folded("COTE D’IVOIRE"), folded("Saint-Barthélemy")
        ('cotedivoire', 'cotedivoire', 'saintbarthelemy')
    """
    # NFKD parts an accented letter into the letter and its accent, which is no letter.
    return "".join(
        char for char in unicodedata.normalize("NFKD", name).casefold() if char.isalnum()
    )


@functools.cache
def _country_names() -> Mapping[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names[folded(name)] = str(country.alpha_3)
    for row in _rows("acled-country-names.tsv"):
        names[folded(row["name"])] = row["iso_alpha3"]
    return MappingProxyType(names)


def country_of_name(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the country ``name`` names, or None if none does.

    A name is one of pycountry's (a country's name, official name or common
    name) or one of ACLED's that pycountry lacks (``data/acled-country-names.tsv``:
    "Democratic Republic of Congo", "Vatican City", "Macedonia", …), compared
    without accents, case, spaces and punctuation (`folded`). A code is no
    name, and a name matched in part is no match: what a name does not say is
    not guessed.

    Examples:
        >>> country_of_name("cote d'ivoire"), country_of_name("Vatican City")
        ('CIV', 'VAT')
        >>> country_of_name("Kosovo"), country_of_name("US"), country_of_name("Congo, Democratic")
        (None, None, None)
    """
    return _country_names().get(folded(name))


def cameo_country(code: str | None) -> str | None:
    """The ISO alpha-3 country a CAMEO actor code begins with (``"UKRMIL"``: UKR), or None.

    A domestic actor's CAMEO code starts with its country's ISO 3166-1
    alpha-3 code; international codes (``IGO``…) and regions start otherwise.

    Examples:
        >>> cameo_country("UKRMIL"), cameo_country("DEU"), cameo_country("IGOUNO")
        ('UKR', 'DEU', None)
    """
    if not code or len(code) < 3:
        return None
    country = pycountry.countries.get(alpha_3=code[:3].upper())
    return None if country is None else str(country.alpha_3)


def actor_kind(code: str | None, types: Iterable[str | None]) -> str:
    """The `ActorKind` of an actor with CAMEO code ``code`` and type codes ``types``.

    The first of the type codes, then of the code's own three-letter groups
    after its country (``UKRMIL``: ``MIL``), that has a kind gives it (a
    sector such as PLOVER's ``CVLalb`` is read by its first three letters);
    a CAMEO type with no kind of its own (``CVL``) makes a ``group``. A bare
    country code is a ``state``; anything else is a ``group``.

    Examples:
        >>> actor_kind("UKRMIL", []), actor_kind("PSE", ["CVL"]), actor_kind("IGOUNO", [])
        ('military', 'group', 'international_organisation')
    """
    table = cameo_actor_types()
    text = code or ""
    groups = [text[start : start + 3] for start in range(0, len(text), 3)]
    country = cameo_country(code) is not None
    if country:
        groups = groups[1:]
    parts = [*(type_code[:3] for type_code in types if type_code), *groups]
    for part in parts:
        found = table.get(part)
        if found is not None and found.kind is not None:
            return found.kind
    if country and not any(part in table for part in parts) and not groups:
        return "state"
    return "group"
