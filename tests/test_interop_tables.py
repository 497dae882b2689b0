"""eventkit.interop._tables: the CAMEO, FIPS 10-4 and ACLED tables the adapters map through."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pycountry
import pytest

import eventkit as ek
from eventkit.interop import _tables, acled, gdelt, plover


def test_every_kind_the_tables_give_is_an_actor_kind() -> None:
    kinds = {t.kind for t in _tables.cameo_actor_types().values() if t.kind is not None}
    kinds |= {t.kind for t in _tables.acled_actor_types().values()}
    assert set() == kinds - {kind.value for kind in ek.ActorKind}
    assert 40 == len(_tables.cameo_actor_types())
    assert list(range(9)) == list(_tables.acled_actor_types())


def test_fips_codes_map_to_iso_and_back() -> None:
    rows = (files("eventkit") / "data" / "fips-10-4.tsv").read_text().splitlines()[1:]
    codes = [row.split("\t")[0] for row in rows]
    assert len(codes) == len(set(codes))
    mapped = {code: _tables.country_of_fips(code) for code in codes}
    assert {"GM": "DEU", "UP": "UKR", "RS": "RUS", "UK": "GBR", "WE": "PSE"} == {
        code: mapped[code] for code in ("GM", "UP", "RS", "UK", "WE")
    }
    # Kosovo has no ISO code; the Netherlands Antilles and Serbia and Montenegro have none now
    assert ["KV", "NT", "YI"] == [code for code, iso in mapped.items() if iso is None]
    for code, iso in mapped.items():
        if iso is not None:
            assert pycountry.countries.get(alpha_3=iso) is not None
            assert code == _tables.fips_of_country(iso)


@pytest.mark.parametrize(
    ("code", "types", "kind"),
    [
        ("USA", [], "state"),
        ("USA", ["GOV"], "government"),
        ("UKRMIL", ["MIL"], "military"),
        ("SRB", ["CVLalb"], "group"),  # a sector of no kind of its own: not the state
        ("ISR", ["***"], "state"),  # not a CAMEO type code
        ("IGO", [], "international_organisation"),
        ("IGO", ["MIL"], "military"),
        ("NGO", [None, ""], "organisation"),
        ("HAMAS", [], "group"),
        (None, [], "group"),
    ],
)
def test_an_actor_s_kind_comes_from_its_type_codes_then_its_code(
    code: str | None, types: list[str | None], kind: str
) -> None:
    assert kind == _tables.actor_kind(code, types)


def test_acled_inter_codes_are_the_table() -> None:
    assert {code: (t.label, t.kind) for code, t in _tables.acled_actor_types().items()} == dict(
        acled.INTER_CODES
    )
    assert ("External/Other forces", "other") == acled.INTER_CODES[8]
    assert 9 == len(acled.INTER_CODES)
    with pytest.raises(KeyError):
        acled.INTER_CODES[9]


def test_gdelt_geography_countries_are_fips_and_eventkit_s_are_iso() -> None:
    ds, report = gdelt.read(
        [{"GLOBALEVENTID": "1", "ActionGeo_Type": "1", "ActionGeo_FullName": "Germany",
          "ActionGeo_CountryCode": "GM", "ActionGeo_Lat": "51", "ActionGeo_Long": "9"}]
    )  # fmt: skip
    place = ds["1"].place  # type: ignore[union-attr]
    assert place is not None
    assert ("DEU", {"fips": "GM"}) == (place.country, dict(place.identifiers))
    [country] = [f for f in report.fields if f.field == "ActionGeo_CountryCode"]
    assert "Event.place.country" in (country.target or "")
    made = ek.Dataset(
        [
            ek.Event(id="e", title="E", place=ek.Place(name="Kyiv", country="UKR")),
            ek.Event(id="f", title="F", place=ek.Place(name="Mariehamn", country="ALA")),
        ]
    )
    rows, out = gdelt.write(made)
    assert ["UP", ""] == [row["ActionGeo_CountryCode"] for row in rows]
    assert [("e", "changed", "UKR", "UP"), ("f", "dropped", None, None)] == [
        (f.row, f.outcome.value, f.before, f.after)
        for f in out.fields
        if f.field == "place.country"
    ]


def test_plover_and_gdelt_give_an_actor_code_the_same_kind_and_country() -> None:
    from_plover, _ = plover.read(
        [{"id": "p", "event": "CONSULT", "actor": [{"code": "UKRMIL", "entity_text": "Army"}]}]
    )
    from_gdelt, _ = gdelt.read(
        [{"GLOBALEVENTID": "g", "Actor1Code": "UKRMIL", "Actor1Name": "Army",
          "Actor1CountryCode": "UKR", "Actor1Type1Code": "MIL"}]
    )  # fmt: skip
    [one] = from_plover.actors
    [other] = from_gdelt.actors
    assert ("military", "UKR") == (one.kind, one.country) == (other.kind, other.country)


def test_the_docs_table_of_cameo_kinds_is_the_data_file() -> None:
    page = (Path(__file__).parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")
    table = page.split("| CAMEO type codes | actor kind |", 1)[1].split("\n\n", 1)[0]
    documented = {}
    for line in table.splitlines()[2:]:
        codes, kind = line.strip("|").split("|")
        for code in re.findall(r"`([A-Z]{3})`", codes):
            documented[code] = kind.strip()
    kinds = {code: t.kind or "group" for code, t in _tables.cameo_actor_types().items()}
    shown = {code: kinds[code] for code in documented if code in kinds}
    assert ({k: v for k, v in documented.items() if k != "DEU"}, "state") == (
        shown,
        documented["DEU"],
    )
    unlisted = {code for code, kind in kinds.items() if kind != "group"} - set(documented)
    assert set() == unlisted  # every code with a kind of its own is in the docs table


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Kenya", "KEN"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),  # ACLED's spelling, without the accent
        ("COTE D’IVOIRE", "CIV"),  # another apostrophe, another case
        ("Ivory Coast", "CIV"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Vatican City", "VAT"),
        ("Macedonia", "MKD"),
        ("North Macedonia", "MKD"),
        ("Saint-Barthelemy", "BLM"),
        ("Curacao", "CUW"),
        ("Turkey", "TUR"),
        ("Czech Republic", "CZE"),  # pycountry's official name
        ("Kosovo", None),  # no ISO 3166-1 code
        ("Narnia", None),
        ("US", None),  # a code, not a name
        ("", None),
    ],
)
def test_a_country_is_found_by_its_name_whatever_its_accents_case_and_punctuation(
    name: str, country: str | None
) -> None:
    assert country == _tables.country_of_name(name)


def test_the_acled_country_names_are_names_pycountry_lacks_of_iso_countries() -> None:
    text = (files("eventkit") / "data" / "acled-country-names.tsv").read_text(encoding="utf-8")
    header, *rows = [line.split("\t") for line in text.splitlines()]
    assert ["name", "iso_alpha3"] == header
    pycountry_names = {
        _tables.folded(getattr(country, attribute, None) or "")
        for country in pycountry.countries
        for attribute in ("name", "official_name", "common_name")
    }
    for name, code in rows:
        assert pycountry.countries.get(alpha_3=code) is not None, name
        assert _tables.folded(name) not in pycountry_names, name  # said once
    names = [_tables.folded(name) for name, _ in rows]
    assert len(names) == len(set(names))


def test_no_two_countries_share_a_folded_name() -> None:
    seen: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                seen.setdefault(_tables.folded(name), set()).add(country.alpha_3)
    assert {} == {name: codes for name, codes in seen.items() if len(codes) > 1}
