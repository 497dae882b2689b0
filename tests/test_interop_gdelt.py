"""eventkit.interop.gdelt: GDELT 2.0 Events and Mentions rows in and out."""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit.examples import scholz_putin
from eventkit.interop import ConversionReport, gdelt
from interop_data import (
    absent,
    field_name,
    full_disk,  # noqa: F401 - a fixture: the tests ask for it by name
    hostile_rows,
    linked_datasets,
)

MENTIONS = Path(__file__).parent / "data" / "gdelt" / "mentions-sample.csv"

# An Events row made up for the test (the real one, REAL_EVENT below, is of another event),
# in GDELT's own form: the event the mentions sample mentions.
EVENT = dict.fromkeys(gdelt.EVENT_COLUMNS, "") | {
    "GLOBALEVENTID": "669644403",
    "SQLDATE": "20170701",
    "MonthYear": "201707",
    "Year": "2017",
    "FractionDate": "2017.4959",
    "Actor1Code": "UKRMIL",
    "Actor1Name": "UKRAINE",
    "Actor1CountryCode": "UKR",
    "Actor1Type1Code": "MIL",
    "Actor2Code": "ITA",
    "Actor2Name": "ITALY",
    "Actor2CountryCode": "ITA",
    "IsRootEvent": "1",
    "EventCode": "190",
    "EventBaseCode": "190",
    "EventRootCode": "19",
    "QuadClass": "4",
    "GoldsteinScale": "-10.0",
    "NumMentions": "5",
    "NumSources": "5",
    "NumArticles": "5",
    "AvgTone": "-6.73",
    "Actor1Geo_Type": "1",
    "Actor1Geo_FullName": "Ukraine",
    "Actor1Geo_CountryCode": "UP",
    "Actor1Geo_Lat": "49",
    "Actor1Geo_Long": "32",
    "Actor1Geo_FeatureID": "UP",
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Donetsk, Donets'ka Oblast', Ukraine",
    "ActionGeo_CountryCode": "UP",
    "ActionGeo_ADM1Code": "UP05",
    "ActionGeo_Lat": "48",
    "ActionGeo_Long": "37.8",
    "ActionGeo_FeatureID": "-1036213",
    "DATEADDED": "20170701193000",
    "SOURCEURL": "https://russian.rt.com/ussr/article/404965-italiya-ukraina-donbass-ubistvo",
}


def mention_rows() -> list[dict[str, str]]:
    lines = [line for line in MENTIONS.read_text().splitlines(keepends=True) if line[0] != "#"]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def test_the_mentions_are_citations_with_confidence_and_all_their_columns() -> None:
    rows = mention_rows()
    dataset, report = gdelt.read(mentions=rows)
    assert (5, True) == (report.rows, report.complete)
    assert dataset.check().valid
    [event] = dataset.events
    assert isinstance(event, gdelt.GdeltEvent)
    assert ("669644403", "2017-07-01") == (event.id, ek.to_dict(event)["when"])
    assert [int(row["confidence"]) / 100 for row in rows] == [c.confidence for c in event.sources]
    assert [f"sentence {row['sentenceid']}" for row in rows] == [c.locator for c in event.sources]
    first = event.mentions[0]
    assert (1437, 1451, 1469, 2315, False) == (
        first.actor1_offset,
        first.actor2_offset,
        first.action_offset,
        first.doc_len,
        first.in_raw_text,
    )
    assert -4.07608695652174 == first.doc_tone
    urls = {s.url for s in dataset.sources}
    assert {row["mentionidentifier"] for row in rows} == urls


def test_an_events_row_with_its_mentions_reads_and_writes_back_column_for_column() -> None:
    dataset, report = gdelt.read([EVENT], mention_rows())
    assert report.complete
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    # Five articles: the SOURCEURL's is the third mention, one citation (it was two).
    assert 5 == len(event.sources) == len(event.mentions)
    first = dataset[event.sources[0].source]
    assert isinstance(first, ek.Source)
    assert EVENT["SOURCEURL"] == first.url
    assert (0.4, "sentence 28") == (event.sources[0].confidence, event.sources[0].locator)
    assert event.place is not None
    assert ("UP", "exact") == (event.place.identifiers["fips"], event.place.precision)
    assert ["initiator", "recipient"] == [p.role for p in event.participants]
    actor = dataset[event.participants[0].actor]
    assert isinstance(actor, ek.Actor)
    assert ("UKR", "military", "UKRMIL") == (actor.country, actor.kind, actor.identifiers["cameo"])
    rows, _ = gdelt.write(dataset)
    assert [EVENT] == rows
    again, _ = gdelt.read(rows)
    assert rows == gdelt.write(again).rows


def test_an_actor_without_a_name_is_written_back_without_one() -> None:
    # Read into Actors named "UKRMIL" and "unnamed", which were written back as their names.
    actor2 = {"Actor2Code": "", "Actor2Name": "", "Actor2CountryCode": "", "Actor2Type1Code": "CVL"}
    row = EVENT | {"Actor1Name": ""} | actor2
    dataset, _ = gdelt.read([row])
    assert ["UKRMIL", "unnamed"] == sorted(actor.name for actor in dataset.actors)
    rows, report = gdelt.write(dataset)
    assert ([row], True) == (rows, report.complete)


def canonical(row: dict[str, str]) -> dict[str, str]:
    """A Mentions row under GDELT's own column names (gdeltPyR lower-cases them)."""
    names = {name.lower(): name for name in gdelt.MENTION_COLUMNS}
    return {names[key]: value for key, value in row.items()}


def test_events_and_mentions_round_trip_through_eventkit(tmp_path: Path) -> None:
    mentions = [canonical(row) for row in mention_rows()]
    dataset, report = gdelt.read([EVENT], mentions)
    assert report.complete
    saved = tmp_path / "gdelt.jsonl"
    dataset.save(saved)  # and through eventkit's own file
    again = ek.Dataset.load(saved)
    events, _ = gdelt.write(again)
    written, out = gdelt.write_mentions(again)
    assert ([EVENT], mentions) == (events, written)  # the SOURCEURL is a mention: no row of its own
    assert (True, 5) == (out.complete, sum(1 for f in out.fields if f.target == "a Mentions row"))
    gdelt.write_tsv(again, tmp_path / "events.tsv")
    gdelt.write_mentions_tsv(again, tmp_path / "mentions.tsv")
    from_files, _ = gdelt.read_tsv(tmp_path / "events.tsv", tmp_path / "mentions.tsv")
    assert (events, written) == (
        gdelt.write(from_files).rows,
        gdelt.write_mentions(from_files).rows,
    )


def again(dataset: ek.Dataset) -> ek.Dataset:
    """The dataset written as GDELT's Events and Mentions rows and read back."""
    return gdelt.read(gdelt.write(dataset).rows, gdelt.write_mentions(dataset).rows).dataset


@pytest.mark.parametrize(
    "mentions",
    [
        [],  # an Events file alone: its SOURCEURL was cited twice, with a mention made up
        mention_rows(),  # the SOURCEURL's article among them: it was cited twice
        mention_rows()[:2],  # the SOURCEURL's article not among them
    ],
    ids=["no mentions", "all five", "two others"],
)
def test_a_dataset_read_from_gdelt_is_written_and_read_back_the_same(
    mentions: list[dict[str, str]],
) -> None:
    dataset = gdelt.read([EVENT], mentions).dataset
    assert sorted(map(ek.to_dict, dataset), key=str) == sorted(
        map(ek.to_dict, again(dataset)), key=str
    )


@given(
    st.lists(st.sampled_from(range(5)), unique=True),
    st.sampled_from(
        [row["mentionidentifier"] for row in mention_rows()] + ["", "https://example.org/other"]
    ),
    st.booleans(),
)
def test_gdelt_rows_read_are_written_and_read_back_the_same(
    chosen: list[int], source_url: str, with_event_row: bool
) -> None:
    # Any of the real mentions, in any order, of an event whose SOURCEURL is one of them,
    # another article or none, or of no Events row.
    events = [EVENT | {"SOURCEURL": source_url}] if with_event_row else []
    dataset = gdelt.read(events, [mention_rows()[i] for i in chosen]).dataset
    assert sorted(map(ek.to_dict, dataset), key=str) == sorted(
        map(ek.to_dict, again(dataset)), key=str
    )


def test_a_citation_and_mention_of_another_source_are_written_each_in_its_own_row() -> None:
    # Mentions were paired with the last citations by position, whatever their source.
    sources = [ek.Source(id=name, name=name, kind="article") for name in ("a", "b")]
    mention = gdelt.GdeltMention(source="a", sentence=4, confidence=70, doc_len=900)
    event = gdelt.GdeltEvent(
        id="1", title="E", sources=[ek.Citation(source="a"), ek.Citation(source="b")],
        mentions=[mention, gdelt.GdeltMention(source="c")],
    )  # fmt: skip
    rows, report = gdelt.write_mentions(ek.Dataset([*sources, event]))
    assert [("a", "4", "900"), ("b", "", "")] == [
        (row["MentionSourceName"], row["SentenceID"], row["MentionDocLen"]) for row in rows
    ]
    assert ["mentions[1] dropped (no citation of the event names its source)"] == [
        str(f).split(": ", 1)[1] for f in report.select("dropped")
    ]
    dataset = again(ek.Dataset([*sources, event]))
    [read] = dataset.events
    assert isinstance(read, gdelt.GdeltEvent)
    assert [(4, 70, 900)] == [(m.sentence, m.confidence, m.doc_len) for m in read.mentions]
    assert ["a", "b"] == [getattr(dataset[c.source], "name", None) for c in read.sources]


def test_a_mention_without_source_name_or_identifier_is_written_back_without_them() -> None:
    # Its source was read as one named "unnamed", written back as both name and identifier.
    mentions = [canonical(row) for row in mention_rows()]
    mentions[1] |= {"MentionSourceName": "", "MentionIdentifier": ""}
    dataset, _ = gdelt.read([EVENT], mentions)
    assert "unnamed" in {source.name for source in dataset.sources}
    written, report = gdelt.write_mentions(dataset)
    assert (mentions, True) == (written, report.complete)


def test_every_citation_of_an_event_is_a_mention() -> None:
    dataset = ek.Dataset(
        [
            ek.Source(id="rt", name="rt.com", kind="article", url="https://rt.com/a",
                      published=ek.parse_edtf("2024-11-15T14:30:00+00:00")),
            ek.Source(id="bbc", name="BBC Monitoring", kind="report",
                      published=ek.parse_edtf("2024-11")),
            ek.Statement(id="said", speaker="x", text="t", sources=[ek.Citation(source="rt")]),
            ek.Event(id="e", title="E", sources=[
                ek.Citation(source="rt", locator="sentence 4", confidence=0.555),
                ek.Citation(source="bbc", excerpt="the call", locator="para 2"),
            ]),
        ]
    )  # fmt: skip
    rows, report = gdelt.write_mentions(dataset)
    cells = ("MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
             "SentenceID", "Confidence")  # fmt: skip
    assert [
        ("20241115143000", "1", "rt.com", "https://rt.com/a", "4", "56"),
        ("", "2", "BBC Monitoring", "BBC Monitoring", "", ""),
    ] == [tuple(row[c] for c in cells) for row in rows]
    assert {
        ("said", "dropped", "Statement"),
        ("e", "changed", "sources[0].confidence"),
        ("e", "dropped", "sources[1].locator"),
        ("e", "dropped", "sources[1].excerpt"),
    } == {(f.row, f.outcome.value, f.field) for f in report.fields if f.outcome != "mapped"}
    again, _ = gdelt.read(mentions=rows)
    event = again["e"]
    assert [0.56, None] == [c.confidence for c in event.sources]  # type: ignore[union-attr]


def test_a_mention_cited_in_words_keeps_its_citation() -> None:
    row = canonical(mention_rows()[0]) | {
        "MentionType": "2",
        "MentionSourceName": "BBC Monitoring",
        "MentionIdentifier": "BBC Monitoring, 2 July 2017",
    }
    dataset, _ = gdelt.read(mentions=[row])
    [source] = dataset.sources
    assert ("BBC Monitoring", None, {"gdelt": "BBC Monitoring, 2 July 2017"}) == (
        source.name,
        source.url,
        dict(source.identifiers),
    )
    assert [row] == gdelt.write_mentions(dataset).rows


def test_a_derived_column_gdelt_wrote_otherwise_is_kept() -> None:
    odd = EVENT | {"FractionDate": "2017.4958", "Actor1Geo_Lat": "49.0"}
    dataset, report = gdelt.read([odd])
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    assert {"FractionDate": "2017.4958", "Actor1Geo_Lat": "49.0"} == dict(event.extra)
    assert [odd] == gdelt.write(dataset).rows
    assert report.complete


# SQLDATE and FractionDate of real rows, as gdeltPyR saved them (linwoodc3/gdeltPyR): GDELT 2.0
# from data/events2samps.csv (commit 3f0edb2), 1.0 (the last three) from data/events1samp.gz
# (8762db7). All 6,140 rows of the two give ((month - 1) * 30 + day) / 365; none gives the
# codebook's (month * 30 + day) / 365, and no day-of-the-year formula fits all of these.
REAL_FRACTION_DATES = [
    ("20070704", "2007.5041"),
    ("20160601", "2016.4137"),
    ("20160701", "2016.4959"),
    ("20170531", "2017.4137"),
    ("20170601", "2017.4137"),  # 31 May and 1 June: GDELT's months have 30 days
    ("20160312", "2016.1973"),
    ("20170210", "2017.1096"),
    ("20170305", "2017.1781"),
]

# A real GDELT 2.0 Events row (the same file, line 11), with the column gdeltPyR adds.
REAL_EVENT = (
    "669666359,20160701,201607,2016,2016.4959,EGY,CAIRO,EGY,,,,,,,,SAUGOV,SAUDI,SAU,,,,,GOV,,,"
    "1,043, Host a visit,043,04,1,2.8,3,1,3,-0.30090270812438,"
    '4,"Cairo, Al Qahirah, Egypt",EG,EG11,65350,30.05,31.25,-290692,'
    '4,"Riyadh, Ar Riya?, Saudi Arabia",SA,SA10,25316,24.6408,46.7728,-3093009,'
    '4,"Cairo, Al Qahirah, Egypt",EG,EG11,65350,30.05,31.25,-290692,20170701234500,'
    "http://www.thearabweekly.com/article/8771/"
    "Closer%20Saudi-Egypt%20ties%20seen%20after%20Sisi%20ratifies%20islands%20deal"
)


def real_event() -> dict[str, str]:
    names = list(gdelt.EVENT_COLUMNS)
    names.insert(names.index("EventCode") + 1, "CAMEOCodeDescription")
    [row] = csv.DictReader(io.StringIO(REAL_EVENT), fieldnames=names)
    return row


@pytest.mark.parametrize(("day", "fraction"), REAL_FRACTION_DATES)
def test_the_fraction_date_of_gdelts_files_is_derived_not_kept(day: str, fraction: str) -> None:
    row = EVENT | {"SQLDATE": day, "MonthYear": day[:6], "Year": day[:4], "FractionDate": fraction}
    dataset, report = gdelt.read([row])
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    assert {} == dict(event.extra)
    assert [("mapped", "derived")] == [
        (f.outcome.value, f.target) for f in report.fields if f.field == "FractionDate"
    ]
    assert [row] == gdelt.write(dataset).rows


def test_a_fraction_date_by_the_codebooks_formula_agrees_and_is_written_as_gdelt_writes_it() -> (
    None
):
    dataset, report = gdelt.read([EVENT | {"FractionDate": "2017.5781"}])  # (7 * 30 + 1) / 365
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    assert {} == dict(event.extra)
    [field] = [f for f in report.fields if f.field == "FractionDate"]
    assert ("changed", "2017.5781", "2017.4959") == (field.outcome.value, field.before, field.after)
    assert [EVENT] == gdelt.write(dataset).rows


def test_a_real_events_row_reads_and_writes_back_column_for_column() -> None:
    row = real_event()
    dataset, report = gdelt.read([row])
    assert report.complete
    event = dataset["669666359"]
    assert isinstance(event, gdelt.GdeltEvent)
    assert {"CAMEOCodeDescription": " Host a visit"} == dict(event.extra)
    assert [row] == gdelt.write(dataset).rows


def test_a_file_reports_each_kept_cell_its_columns_cannot_hold(tmp_path: Path) -> None:
    row = EVENT | {"actor1code": "RUS", "note": "checked", "empty": ""}
    dataset, _ = gdelt.read([row])
    assert [row] == gdelt.write(dataset).rows
    path = tmp_path / "events.tsv"
    report = gdelt.write_tsv(dataset, path)
    why = "a GDELT Events file has GDELT's columns only"
    assert [
        ("669644403", "extra.actor1code", why),
        ("669644403", "extra.note", why),
        ("669644403", "extra.empty", why),
    ] == [(f.row, f.field, f.reason) for f in report.select("dropped")]
    assert "\t".join(EVENT.values()) + "\n" == path.read_text()  # Actor1Code as given


def test_a_real_row_written_to_a_file_reports_the_column_gdeltpyr_added(tmp_path: Path) -> None:
    row = real_event()
    dataset, _ = gdelt.read([row])
    report = gdelt.write_tsv(dataset, tmp_path / "events.tsv")
    assert ["extra.CAMEOCodeDescription"] == [f.field for f in report.select("dropped")]
    from_file, again = gdelt.read_tsv(tmp_path / "events.tsv")
    assert again.complete
    assert [{k: v for k, v in row.items() if k != "CAMEOCodeDescription"}] == (
        gdelt.write(from_file).rows
    )


def test_the_seed_dataset_exports_and_pandas_reads_the_file(tmp_path: Path) -> None:
    seed = scholz_putin()
    path = tmp_path / "events.tsv"
    report = gdelt.write_tsv(seed, path)
    frame = pd.read_csv(path, sep="\t", header=None, names=list(gdelt.EVENT_COLUMNS), dtype=str)
    assert len(seed.events) == len(frame)
    call = frame[frame["GLOBALEVENTID"] == "call-2024-11-15"].iloc[0]
    assert ("20241115", "041", "1") == (call["SQLDATE"], call["EventCode"], call["QuadClass"])
    dropped = {f.field for f in report.select("dropped")}
    assert "Statement" in dropped


# --- GDELT's files: a line a row, its cells separated by tabs, nothing quoted ------------

GDELT1_COLUMNS = [column for column in gdelt.EVENT_COLUMNS if not column.endswith("_ADM2Code")]
UNWRITABLE = "GDELT's files quote nothing: a cell cannot hold a tab or a line break"


def line(cells: Iterable[str]) -> str:
    return "\t".join(cells) + "\n"


def written(path: Path) -> str:
    return path.read_bytes().decode()  # read_text() would turn a carriage return into "\n"


def test_a_quote_in_a_cell_is_written_and_read_as_it_is(tmp_path: Path) -> None:
    url = 'https://www.example.com/search?q="donbass"'  # GDELT's files hold such URLs unquoted
    event, cited = EVENT | {"SOURCEURL": url}, mention() | {"MentionIdentifier": url}
    dataset, _ = gdelt.read([event], [cited])
    gdelt.write_tsv(dataset, tmp_path / "events.tsv")
    gdelt.write_mentions_tsv(dataset, tmp_path / "mentions.tsv")
    assert (line(event.values()), line(cited.values())) == (
        written(tmp_path / "events.tsv"),
        written(tmp_path / "mentions.tsv"),
    )
    again, report = gdelt.read_tsv(tmp_path / "events.tsv", tmp_path / "mentions.tsv")
    assert report.complete
    assert ([event], [cited]) == (gdelt.write(again).rows, gdelt.write_mentions(again).rows)


@pytest.mark.parametrize("brk", ["\t", "\n", "\r", "\r\n"])
def test_a_cell_a_gdelt_file_cannot_hold_is_left_empty_reported_and_the_rest_written(
    tmp_path: Path, brk: str
) -> None:
    names = {"Actor1Name": f"UKRAINE{brk}ARMY", "ActionGeo_FullName": f"Donetsk{brk}Ukraine"}
    other = EVENT | {"GLOBALEVENTID": "669644404"}
    translated = mention() | {"MentionDocTranslationInfo": f"srclc:rus;{brk}eng:GT-RUS 1.0"}
    dataset, _ = gdelt.read([EVENT | names, other])
    events = gdelt.write_tsv(dataset, tmp_path / "events.tsv")
    cited, _ = gdelt.read(mentions=[translated])
    mentions = gdelt.write_mentions_tsv(cited, tmp_path / "mentions.tsv")
    assert [
        ("669644403", "Actor1Name", UNWRITABLE),
        ("669644403", "ActionGeo_FullName", UNWRITABLE),
    ] == [(f.row, f.field, f.reason) for f in events.select("dropped")]
    assert [("669644403", "sources[0].MentionDocTranslationInfo", UNWRITABLE)] == [
        (f.row, f.field, f.reason) for f in mentions.select("dropped")
    ]
    emptied = EVENT | dict.fromkeys(names, "")
    assert line(emptied.values()) + line(other.values()) == written(tmp_path / "events.tsv")
    assert line((translated | {"MentionDocTranslationInfo": ""}).values()) == written(
        tmp_path / "mentions.tsv"
    )


@pytest.mark.usefixtures("full_disk")
@pytest.mark.parametrize("write", [gdelt.write_tsv, gdelt.write_mentions_tsv])
def test_a_write_that_fails_leaves_the_file_as_it_was(
    tmp_path: Path, write: Callable[[ek.Dataset, Path], ConversionReport]
) -> None:
    dataset, _ = gdelt.read([EVENT], [mention()])
    path = tmp_path / "gdelt.tsv"
    path.write_text("as it was\n")
    with pytest.raises(OSError, match=os.strerror(errno.ENOSPC)):
        write(dataset, path)
    assert ("as it was\n", ["gdelt.tsv"]) == (
        path.read_text(),
        [p.name for p in tmp_path.iterdir()],
    )


def test_a_row_of_no_known_layout_is_rejected_at_its_line_and_the_others_read(
    tmp_path: Path,
) -> None:
    def row(number: int) -> dict[str, str]:
        return EVENT | {"GLOBALEVENTID": str(number)}

    path = tmp_path / "events.tsv"
    path.write_text(
        line(row(1).values())  # GDELT 2.0
        + line(list(row(2).values())[:-1])  # a cell short: every cell under another column
        + "\n"
        + line([*row(4).values(), "x"])  # a cell more
        + line(row(5)[column] for column in GDELT1_COLUMNS)  # GDELT 1.0, from April 2013 on
        + line(row(6)[column] for column in GDELT1_COLUMNS[:-1])  # before: no SOURCEURL
    )
    dataset, report = gdelt.read_tsv(path)
    expected = "an Events row has 61 cells (GDELT 2.0), or 58 or 57 (GDELT 1.0)"
    assert [
        ("2", 1, "$", f"{path}:2: $: {expected}, got 60 [invalid_value]"),
        ("4", 2, "$", f"{path}:4: $: {expected}, got 62 [invalid_value]"),
    ] == [(f.row, f.index, f.field, str(f.problem)) for f in report.select("rejected")]
    assert [row(1), row(5), row(6) | {"SOURCEURL": ""}] == gdelt.write(dataset).rows


def test_a_mentions_row_of_another_length_is_rejected_at_its_line(tmp_path: Path) -> None:
    cells = list(mention().values())
    path = tmp_path / "mentions.tsv"
    path.write_text(line(cells[:-1]) + line(cells) + line([*cells, ""]))
    dataset, report = gdelt.read_tsv(mentions=path)
    assert [
        (
            "mention:669644403",
            0,
            f"{path}:1: $: a Mentions row has 16 cells, got 15 [invalid_value]",
        ),
        (
            "mention:669644403",
            2,
            f"{path}:3: $: a Mentions row has 16 cells, got 17 [invalid_value]",
        ),
    ] == [(f.row, f.index, str(f.problem)) for f in report.select("rejected")]
    assert [mention()] == gdelt.write_mentions(dataset).rows


def test_each_problem_of_a_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    path.write_text(
        line(EVENT.values()) + line((EVENT | {"GLOBALEVENTID": "2", "AvgTone": "loud"}).values())
    )
    _, report = gdelt.read_tsv(path)
    assert [f"{path}:2: $.AvgTone: expected a number, got 'loud' [invalid_value]"] == [
        str(f.problem) for f in report.select("rejected")
    ]


def test_a_cell_reads_as_it_is_however_long_and_whatever_it_holds(tmp_path: Path) -> None:
    # GDELT's files are no CSV: no cell is too long for a CSV reader, and a carriage return
    # inside a line is a character of its cell (at the end of one, it ends a \r\n line).
    row = EVENT | {"Actor1Name": "X" * 200_000, "ActionGeo_FullName": 'Donetsk "DNR"\rUkraine'}
    path = tmp_path / "events.tsv"
    path.write_bytes(line(row.values()).replace("\n", "\r\n").encode())
    dataset, report = gdelt.read_tsv(path)
    assert report.complete
    assert [row] == gdelt.write(dataset).rows


def test_an_event_type_gdelt_cannot_hold_is_reported_dropped() -> None:
    # It was reported "type mapped to type", and read back as a gdelt.event.
    rows, report = gdelt.write(ek.Dataset([ek.PhoneCall(id="e", title="E")]))
    assert [("dropped", "GDELT has no event types: a phone_call reads back as a gdelt.event")] == [
        (f.outcome, f.reason) for f in report.of("e") if f.field == "type"
    ]
    assert type(gdelt.read(rows).dataset["e"]) is gdelt.GdeltEvent
    for event in (ek.Event(id="e", title="E"), gdelt.GdeltEvent(id="e", title="E")):
        assert ["mapped"] == [
            f.outcome for f in gdelt.write(ek.Dataset([event])).report.fields if f.field == "type"
        ]


def test_a_span_is_reported_dropped_once_for_what_gdelt_lacks() -> None:
    # The span was reported dropped twice: once as a span, once as a field with no column.
    when = ek.parse_edtf("2024-11-15/2024-11-20")
    report = gdelt.write(ek.Dataset([ek.Event(id="e1", title="Talks", when=when)])).report
    assert ["when dropped (GDELT keeps a single day per event, not a span)"] == [
        str(f).split(": ", 1)[1] for f in report.of("e1") if f.field == "when"
    ]


def test_the_text_a_date_was_read_from_is_reported_dropped() -> None:
    # GDELT holds the day, not the words: "Friday 15.11.24" was lost without a word.
    when = ek.parse_when("Friday 15.11.24", dayfirst=True)
    report = gdelt.write(ek.Dataset([ek.Event(id="e1", title="Call", when=when)])).report
    assert ["when.text dropped (GDELT holds the date, not the text it was read from)"] == [
        str(f).split(": ", 1)[1] for f in report.of("e1") if f.field.endswith(".text")
    ]


def test_a_title_gdelt_cannot_hold_is_reported_dropped_and_a_made_up_one_not() -> None:
    # GDELT rows have no title: the export reported an event's title as mapped "to title",
    # and reading the row back made up "GDELT event e1" in its place, without a word.
    dataset = ek.Dataset([ek.Event(id="e1", title="Scholz calls Putin")])
    report = gdelt.write(dataset).report
    assert ["title dropped (GDELT rows have no title; one is made of the event code and id)"] == [
        str(f).split(": ", 1)[1] for f in report.of("e1") if f.field == "title"
    ]
    # A title made up by reading GDELT is made again from the row written: nothing is lost.
    again, _ = gdelt.read([EVENT], mention_rows())
    assert [] == [
        str(f)
        for f in gdelt.write(again).report.of(EVENT["GLOBALEVENTID"])
        if f.field == "title" and f.outcome != "mapped"
    ]


_ROLES_GDELT = ["initiator", "recipient", "victim", "mediator"]
# Half of the draws are GDELT's own type: among every registered type it is seldom drawn.
_ANY_OR_GDELT_EVENTS = st.one_of(
    linked_datasets(_ROLES_GDELT), linked_datasets(_ROLES_GDELT, gdelt.GdeltEvent)
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(_ANY_OR_GDELT_EVENTS)
def test_eventkit_to_gdelt_to_eventkit_keeps_what_gdelt_holds(dataset: ek.Dataset) -> None:
    rows, _ = gdelt.write(dataset)
    again, report = gdelt.read(rows)
    kept = {key for event in dataset.events for key in getattr(event, "extra", {})}
    assert set() == {f.field for f in report.select("rejected")} - kept
    assert rows == gdelt.write(again).rows


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(linked_datasets(["initiator", "recipient", "victim"]))
def test_an_events_file_written_reads_back_and_writes_again_byte_for_byte(
    dataset: ek.Dataset,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.tsv", Path(folder) / "second.tsv"
        gdelt.write_tsv(dataset, first)
        again, report = gdelt.read_tsv(first)
        assert [] == [str(f) for f in report.select("rejected") if f.field == "$"]
        gdelt.write_tsv(again, second)
        assert first.read_bytes() == second.read_bytes()


# --- hostile rows: a clear report, nothing lost, only ValidationError escapes ------------


def rejected(report: ConversionReport) -> dict[str, str]:
    return {f.field: f.problem.code for f in report.select("rejected") if f.problem}


def dropped(report: ConversionReport) -> dict[str, str | None]:
    return {f.field: f.reason for f in report.select("dropped")}


def mention() -> dict[str, str]:
    return {gdelt.MENTION_COLUMNS[i]: v for i, v in enumerate(mention_rows()[0].values())}


def test_mentions_of_one_event_are_not_duplicates_and_of_one_article_are() -> None:
    # Each mention of the real sample was reported a duplicate of the others: they share the
    # event's GLOBALEVENTID, as every mention of one event does.
    assert {} == gdelt.read(mentions=mention_rows()).report.duplicates
    _, report = gdelt.read(mentions=[mention(), mention(), mention_rows()[1]])
    assert {f"mention:669644403 {mention()['MentionIdentifier']}": (0, 1)} == report.duplicates
    assert ["mention:669644403"] * 3 == [f.row for f in report.fields if f.field == "Confidence"]


def test_pandas_na_is_an_empty_cell() -> None:
    dataset, report = gdelt.read(
        [EVENT | {"Actor2Religion1Code": pd.NA}], [mention() | {"Extras": pd.NA}]
    )
    assert report.complete
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    assert (None, 1) == (event.mentions[0].extras, len(event.mentions))


def test_cells_no_table_holds_are_rejected_and_the_rest_of_the_row_read() -> None:
    row: dict[Any, Any] = EVENT | {"AvgTone": [1], "Actor2Name": "ITA\ud800LY", None: ["x"]}
    dataset, report = gdelt.read([row])
    assert {"AvgTone": "invalid_type", "Actor2Name": "invalid_value", "None": "invalid_type"} == (
        rejected(report)
    )
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    assert (None, 5, "190") == (
        event.avg_tone,
        event.num_mentions,
        event.codes and event.codes.cameo,
    )


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("ActionGeo_Type", "-1", "out_of_range"),  # GdeltGeo holds 0 to 5
        ("Actor1Geo_Long", "2024", "out_of_range"),
        ("ActionGeo_FeatureID", " ", "invalid_value"),
        ("NumMentions", "-1", "out_of_range"),  # GdeltEvent holds counts from 0
        ("Actor1Name", "UKRAINE\x00", "invalid_value"),  # no actor can have this name
        ("SOURCEURL", "https://rt.com/\x00", "invalid_value"),  # no source this name
        ("GLOBALEVENTID", "669644403 ", "invalid_value"),  # no record can have this id
    ],
)
def test_a_value_eventkit_refuses_rejects_its_cell_only(column: str, value: str, code: str) -> None:
    dataset, report = gdelt.read([EVENT | {column: value}])
    assert {column: code} == rejected(report)
    [event] = dataset.events
    assert isinstance(event, gdelt.GdeltEvent)
    assert value == event.extra[column]  # kept, so the row writes back as it was
    assert value == gdelt.write(dataset).rows[0][column]
    assert event.codes is not None
    assert "190" == event.codes.cameo


@pytest.mark.parametrize("spelling", ["actor1code", "ACTOR1CODE"])
def test_a_column_given_again_in_another_case_is_rejected_and_both_cells_kept(
    spelling: str,
) -> None:
    row = EVENT | {spelling: "RUS"}
    dataset, report = gdelt.read([row])
    [field] = report.select("rejected")
    assert (
        "Actor1Code",
        "$.Actor1Code: the column 'Actor1Code' is given 2 times in one row (names that differ "
        "only in case are one column); only one value could be read, so none is, "
        f"got ['Actor1Code', '{spelling}'] [duplicate_key]",
    ) == (field.field, str(field.problem))
    event = dataset["669644403"]
    assert isinstance(event, gdelt.GdeltEvent)
    kept = {"Actor1Code": "UKRMIL", spelling: "RUS"}
    assert kept == dict(event.extra)
    actor = dataset[event.participants[0].actor]
    assert isinstance(actor, ek.Actor)
    assert ("UKRAINE", None) == (actor.name, actor.identifiers.get("cameo"))  # neither is read
    assert [row] == gdelt.write(dataset).rows  # both written back as they were


def test_an_event_id_given_twice_gives_an_id_made_from_the_row() -> None:
    row = EVENT | {"globaleventid": "1"}
    dataset, report = gdelt.read([row])
    assert {"GLOBALEVENTID": "duplicate_key"} == rejected(report)
    [event] = dataset.events
    assert isinstance(event, gdelt.GdeltEvent)
    assert event.id.startswith("gdelt-")
    kept = {"GLOBALEVENTID": "669644403", "globaleventid": "1"}
    assert kept == dict(event.extra)
    assert [row] == gdelt.write(dataset).rows


def test_a_mention_column_given_twice_keeps_both_cells_and_one_without_its_event_is_left_out() -> (
    None
):
    twice = mention() | {"CONFIDENCE": "50"}
    dataset, report = gdelt.read(mentions=[twice, mention() | {"globaleventid": "1"}])
    assert {"Confidence": "duplicate_key", "GLOBALEVENTID": "duplicate_key"} == rejected(report)
    [event] = dataset.events
    assert isinstance(event, gdelt.GdeltEvent)
    assert [(None, "Confidence=40 CONFIDENCE=50")] == [
        (citation.confidence, read.extras)
        for citation, read in zip(event.sources, event.mentions, strict=True)
    ]
    others = {column for column, cell in mention().items() if cell and column != "GLOBALEVENTID"}
    assert others == {f.field for f in report.select("dropped") if f.index == 1}


def test_an_empty_cell_under_another_spelling_of_a_column_gives_no_value() -> None:
    dataset, report = gdelt.read([EVENT | {"actor1code": ""}, {"actor1code": "", **EVENT}])
    assert report.complete
    for event in dataset.events:
        actor = dataset[event.participants[0].actor]
        assert isinstance(actor, ek.Actor)
        assert "UKRMIL" == actor.identifiers["cameo"]


def test_a_column_the_events_table_lacks_is_kept_even_empty() -> None:
    row = EVENT | {"note": "", "": ""}  # as GdeltEvent(extra={"": ""}) writes it
    dataset, report = gdelt.read([row])
    assert report.complete
    assert [row] == gdelt.write(dataset).rows


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("EventTimeDate", "00000000000000"),
        ("EventTimeDate", "20171301193000"),  # month 13: the event lost its date without a word
        ("MentionTimeDate", "2017"),
        ("MentionTimeDate", "20170701246000"),
    ],
)
def test_a_time_that_is_no_time_is_rejected_and_kept_in_the_mention(column: str, cell: str) -> None:
    row = mention() | {column: cell}
    dataset, report = gdelt.read(mentions=[row])
    assert {column: "invalid_value"} == rejected(report)
    [event] = dataset.events
    assert 1 == len(event.sources)  # the mention is read; only the cell is not
    assert column != "EventTimeDate" or event.when is None
    assert isinstance(event, gdelt.GdeltEvent)
    [read] = event.mentions
    assert f"{column}={cell}" in (read.extras or "")  # kept, as every rejected cell of a mention


def test_a_day_added_is_a_time_or_gdelt_1_s_day() -> None:
    # The year 999 as a number has 13 digits: written so, as strftime writes it, it is a time.
    for cell in ("20170701", "20170701234500", "9991231000000"):
        dataset, report = gdelt.read([EVENT | {"DATEADDED": cell}])
        assert report.complete
        [event] = dataset.events
        assert isinstance(event, gdelt.GdeltEvent)
        assert int(cell) == event.date_added
    _, report = gdelt.read([EVENT | {"DATEADDED": "2017070"}])
    assert {"DATEADDED": "invalid_value"} == rejected(report)


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        (gdelt.GdeltEvent, "date_added", 0),  # written as DATEADDED "0", read back refused
        (gdelt.GdeltEvent, "date_added", 20171301),
        (gdelt.GdeltMention, "event_time", 20170701),  # a day, where a time goes
        (gdelt.GdeltMention, "mention_time", 20170701246000),
    ],
)
def test_a_time_gdelt_cannot_read_back_is_refused_by_the_model(
    kind: Callable[..., Any], field: str, value: int
) -> None:
    # The model accepted any whole number, which the reader then rejected: a written
    # dataset did not read back as written.
    required = {"id": "e", "title": "T"} if kind is gdelt.GdeltEvent else {"source": "s"}
    with pytest.raises(ek.ValidationError) as error:
        kind(**required, **{field: value})
    assert [((field,), "invalid_value")] == [(p.loc, p.code) for p in error.value.problems]


def test_a_mention_whose_event_is_not_known_is_left_out_and_each_cell_reported() -> None:
    row = mention() | {"GLOBALEVENTID": " 5"}  # no event has this id
    dataset, report = gdelt.read(mentions=[row, mention()])
    assert {"GLOBALEVENTID": "invalid_value"} == rejected(report)
    others = [column for column, cell in row.items() if cell and column != "GLOBALEVENTID"]
    left_out = "the mention is left out: which event it mentions is not known"
    assert dict.fromkeys(others, left_out) == dropped(report)
    assert [1] == [len(event.sources) for event in dataset.events]


@pytest.mark.parametrize("column", ["MentionSourceName", "MentionIdentifier", "Extras", "note"])
def test_a_cell_the_mention_cannot_hold_is_rejected_and_the_rest_read(column: str) -> None:
    # A control character: no source can be named so, no Extras can hold it.
    row = mention() | {column: "x\x00"}
    dataset, report = gdelt.read(mentions=[row])
    assert {column: "invalid_value"} == rejected(report)
    assert {name for name, cell in row.items() if cell} == {f.field for f in report.fields}
    [source] = dataset.sources
    [event] = dataset.events
    assert isinstance(event, gdelt.GdeltEvent)
    url = mention()["MentionIdentifier"]
    named = {
        "MentionSourceName": (url, url),  # the article is named by its URL
        "MentionIdentifier": ("news.online.ua", None),  # by its name, without a URL
    }.get(column, ("news.online.ua", url))
    assert (*named, None) == (source.name, source.url, event.mentions[0].extras)


def test_items_that_are_no_rows_are_rejected_and_the_rows_read() -> None:
    events: list[Any] = [5]
    mentions: list[Any] = [mention(), "a row?"]
    dataset, report = gdelt.read(events, mentions)
    assert [(0, "$"), (2, "$")] == [(f.index, f.field) for f in report.select("rejected")]
    assert [1] == [len(event.sources) for event in dataset.events]
    with pytest.raises(TypeError, match="mentions must be an iterable of rows"):
        gdelt.read(mentions=mention())  # type: ignore[arg-type]  # the mistake under test


def test_cells_kept_together_longer_than_loading_allows_leave_the_mention_out() -> None:
    # Each cell is short enough; the mention's extras text holding them all would not load.
    row = mention() | {"a": "x" * 120, "b": "y" * 120}
    with ek.limits(max_string=200):
        dataset, report = gdelt.read(mentions=[row])
    assert ([], {"$.extras": "too_long"}) == (
        [len(event.sources) for event in dataset.events],
        rejected(report),
    )
    left_out = "the mention is left out: it cannot be made"
    assert {column: left_out for column, cell in row.items() if cell} == dropped(report)


def test_a_mention_keeps_what_it_cannot_read_and_columns_it_does_not_know() -> None:
    dataset, report = gdelt.read(mentions=[mention() | {"InRawText": "2", "note": "checked"}])
    assert {"InRawText": "invalid_value"} == rejected(report)
    [event] = dataset.events
    assert isinstance(event, gdelt.GdeltEvent)
    assert "InRawText=2 note=checked" == event.mentions[0].extras


def test_an_empty_cell_of_a_column_the_mentions_table_lacks_adds_nothing_to_extras(
    tmp_path: Path,
) -> None:
    # A mention's other columns are written back in its Extras cell, never as columns of their
    # own: an empty one kept there ("note=") would restore no column, only fill a GDELT cell.
    row = mention()
    dataset, report = gdelt.read(mentions=[row | {"note": ""}])
    assert report.complete
    assert [row] == gdelt.write_mentions(dataset).rows
    written = gdelt.write_mentions_tsv(dataset, tmp_path / "mentions.tsv")
    assert written.complete
    assert "\t".join(row.values()) + "\n" == (tmp_path / "mentions.tsv").read_text()


_EVENT_ROWS = [EVENT, *gdelt.write(scholz_putin()).rows]
_MENTION_ROWS = [*mention_rows(), *gdelt.write_mentions(scholz_putin()).rows]


def check_hostile_rows_read(events: list[dict[Any, Any]], mentions: list[dict[Any, Any]]) -> None:
    try:
        dataset, report = gdelt.read(events, mentions)
    except ek.ValidationError:  # the contract allows it; no row of this kind raises now
        return
    assert len(events) + len(mentions) == report.rows
    assert dataset.check().valid
    for index, row in enumerate([*events, *mentions]):  # every cell is reported, or its row
        outcomes = [f for f in report.fields if f.index == index]
        fields = {f.field.lower() for f in outcomes}
        if any(f.field.startswith("$") for f in outcomes):
            continue  # the row is rejected at $, or no record could be made of it
        given = {field_name(k).lower() for k, v in row.items() if not absent(v)}
        assert set() == given - fields


_HOSTILE_READ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@_HOSTILE_READ
@given(
    st.lists(hostile_rows(_EVENT_ROWS), max_size=3),
    st.lists(hostile_rows(_MENTION_ROWS), max_size=3),
)
def test_hostile_rows_give_a_dataset_and_a_report(
    events: list[dict[Any, Any]], mentions: list[dict[Any, Any]]
) -> None:
    check_hostile_rows_read(events, mentions)


@pytest.mark.slow
@settings(_HOSTILE_READ, max_examples=500)
@given(
    st.lists(hostile_rows(_EVENT_ROWS), max_size=3),
    st.lists(hostile_rows(_MENTION_ROWS), max_size=3),
)
def test_hostile_rows_give_a_dataset_and_a_report_thoroughly(
    events: list[dict[Any, Any]], mentions: list[dict[Any, Any]]
) -> None:
    check_hostile_rows_read(events, mentions)


_URL = "https://example.org/a"


@pytest.mark.parametrize(
    ("name", "identifier", "source", "target"),
    [
        pytest.param(
            _URL, "", (_URL, None, {}), "Source.name", id="a name that is a URL (was its URL)"
        ),
        pytest.param(
            "bbc.co.uk",
            "",
            ("bbc.co.uk", None, {}),
            "Source.name",
            id="a name alone (was written back as its identifier too)",
        ),
        pytest.param(
            "",
            _URL,
            (_URL, _URL, {}),
            "Source.url (GDELT gives no name: named by its URL)",
            id="a URL alone (was written back as its name too)",
        ),
        pytest.param(
            "",
            "BBC Monitoring",
            ("BBC Monitoring", None, {}),
            "Source.name (GDELT gives no name: named by its identifier)",
            id="a citation alone (was written back as its name too)",
        ),
    ],
)
def test_a_mention_with_a_source_name_or_identifier_alone_is_read_and_written_as_it_was(
    name: str, identifier: str, source: tuple[Any, ...], target: str
) -> None:
    row = mention() | {"MentionSourceName": name, "MentionIdentifier": identifier}
    dataset, report = gdelt.read(mentions=[row])
    [read] = dataset.sources
    assert source == (read.name, read.url, dict(read.identifiers))
    column = "MentionSourceName" if name else "MentionIdentifier"
    assert ([target], True) == (
        [f.target for f in report.fields if f.field == column],
        report.complete,
    )
    assert [row] == gdelt.write_mentions(dataset).rows


def test_a_name_that_is_a_url_and_that_url_alone_are_two_sources() -> None:
    # They were one source: the name was taken for the URL.
    rows = [
        mention() | {"MentionSourceName": _URL, "MentionIdentifier": ""},
        mention() | {"MentionSourceName": "", "MentionIdentifier": _URL},
        mention() | {"MentionSourceName": "BBC Monitoring", "MentionIdentifier": ""},
        mention() | {"MentionSourceName": "", "MentionIdentifier": "BBC Monitoring"},
    ]
    dataset, _ = gdelt.read(mentions=rows)
    assert 4 == len(dataset.sources)
    assert rows == gdelt.write_mentions(dataset).rows


@pytest.mark.parametrize("identifier", [_URL, "BBC Monitoring"])
def test_a_source_name_that_is_its_identifier_is_reported_written_back_without_it(
    identifier: str,
) -> None:
    # Read as the article a row with the identifier alone names: the two rows make one source.
    row = mention() | {"MentionSourceName": identifier, "MentionIdentifier": identifier}
    dataset, report = gdelt.read(mentions=[row])
    assert [
        "row 'mention:669644403' (#0): MentionSourceName changed to Source.name:"
        f" '{identifier}' -> '' (its identifier as its name, read as the identifier alone:"
        " written back so)"
    ] == [str(f) for f in report.select("changed")]
    assert [row | {"MentionSourceName": ""}] == gdelt.write_mentions(dataset).rows


@pytest.mark.parametrize("name", ["", "BBC"], ids=["no name", "a name"])
@pytest.mark.parametrize("cited", [_URL, "BBC Monitoring, 2 July 2017"], ids=["URL", "in words"])
def test_an_article_a_source_url_and_a_mention_name_is_one_source(name: str, cited: str) -> None:
    # A citation in words alone was a source apart from the one SOURCEURL names, written as a
    # mention of its own; with a name, the mention was written back with SOURCEURL's text as name.
    event, cited_row = (
        EVENT | {"SOURCEURL": cited},
        mention()
        | {
            "MentionSourceName": name,
            "MentionIdentifier": cited,
        },
    )
    dataset, _ = gdelt.read([event], [cited_row])
    assert 1 == len(dataset.sources)
    assert ([event], [cited_row]) == (gdelt.write(dataset).rows, gdelt.write_mentions(dataset).rows)


def test_mentions_of_one_event_in_two_outlets_named_alone_are_not_duplicates() -> None:
    # Without MentionIdentifier they were told apart by that empty cell: all duplicates.
    rows = [
        mention() | {"MentionSourceName": "a.com", "MentionIdentifier": ""},
        mention() | {"MentionSourceName": "b.com", "MentionIdentifier": ""},
        mention() | {"MentionSourceName": "b.com", "MentionIdentifier": ""},
        mention() | {"MentionSourceName": "", "MentionIdentifier": "b.com"},
    ]
    assert {"mention:669644403 MentionSourceName=b.com": (1, 2)} == gdelt.read(
        mentions=rows
    ).report.duplicates
