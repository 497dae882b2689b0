"""Three stories eventkit has never seen, modelled as a user would, and sent down every path.

Each story is built in code with the public API only, as
``eventkit.examples`` builds the seed article:

- a drone strike on Kharkiv with a contested toll (two sources' figures),
  an official's denial, a time read from "early on Tuesday" against the
  report's date, a place with coordinates and casualties by group;
- a gas supply halt, a type of the user's own (``tests/stories_acme.py``):
  an aliased field, an attrs validator, an enum, a value class, a span open
  "until further notice", references to actors and a mapping;
- an aid pledge at a summit: amounts in two currencies, a pledge by several
  states, a later delivery related to it, statements answering statements.

Each must check valid, come back equal from JSON Lines, JSON, Parquet,
pandas, Polars and Arrow, match ``ek.json_schema()`` record by record, keep
through JSON-LD what JSON-LD holds (and report the rest), answer the query
API as DuckDB answers SQL over its Parquet, and go through the ``eventkit``
command in a subprocess.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import eventkit as ek
from eventkit.interop import jsonld
from stories_acme import HaltReason, Pipeline, SupplyHalt

ACME = Path(__file__).with_name("stories_acme.py")

# --- a drone strike with a contested toll --------------------------------------------

#: The day the wire report was published, which "early on Tuesday" is read against.
REPORTED = ek.PartialDate(year=2024, month=11, day=14)


def drone_strike() -> ek.Dataset:
    """A wire report: a drone strike on Kharkiv, two tolls, and Moscow's denial."""
    toll = ek.Casualties(
        killed=ek.Quantity(value=7),
        injured=ek.Quantity(low=20, high=30, qualifier="about"),
        groups=[
            ek.GroupCasualties(group="children", killed=ek.Quantity(value=2)),
            ek.GroupCasualties(group="acme.rescue_workers", injured=ek.Quantity(value=3)),
        ],
    )
    return ek.Dataset(
        [
            ek.Actor(
                id="russian-armed-forces",
                name="Armed Forces of Russia",
                kind="military",
                country="RUS",
            ),
            ek.Actor(id="kharkiv-residents", name="Residents of Kharkiv", kind="group"),
            ek.Actor(
                id="oleh-syniehubov",
                name="Oleh Syniehubov",
                kind="person",
                country="UKR",
                roles=[
                    ek.Role(title="Governor of Kharkiv Oblast", start=ek.PartialDate(year=2021))
                ],
            ),
            ek.Actor(
                id="emergency-service",
                name="State Emergency Service of Ukraine",
                kind="agency",
                country="UKR",
            ),
            ek.Actor(id="igor-konashenkov", name="Igor Konashenkov", kind="person", country="RUS"),
            ek.Actor(id="wire", name="Wire agency", kind="media"),
            ek.Source(
                id="wire-report",
                name="Drone strike kills seven in Kharkiv",
                kind="article",
                publisher="wire",
                published=REPORTED,
                url="https://example.org/kharkiv",
                language="en",
            ),
            ek.DroneStrike(
                id="kharkiv-strike",
                title="Drone strike on a residential district of Kharkiv",
                when=ek.parse_when("early on Tuesday", reference=REPORTED),
                place=ek.Place(
                    name="Kharkiv",
                    country="UKR",
                    admin1="Kharkiv Oblast",
                    lat=49.9935,
                    lon=36.2304,
                    precision="near",
                    geonames=706483,
                ),
                participants=[
                    ek.Participant(
                        actor="russian-armed-forces", role="perpetrator", certainty="alleged"
                    ),
                    ek.Participant(actor="kharkiv-residents", role="victim"),
                ],
                weapon="Shahed-136 drone",
                target_types=["residential building"],
                casualties=toll,
                casualties_from="toll-governor",
                sources=[
                    ek.Citation(
                        source="wire-report",
                        excerpt="early on Tuesday",
                        locator="para 1",
                        offsets=ek.Offsets(start=40, end=56),
                        confidence=0.9,
                    )
                ],
                tags=["drones"],
            ),
            ek.Statement(
                id="toll-governor",
                speaker="oleh-syniehubov",
                kind="figure",
                event="kharkiv-strike",
                text="Seven people were killed, two of them children; 20 to 30 were injured.",
                figure=toll,
                when=REPORTED,
                via="wire-report",
                sources=[ek.Citation(source="wire-report", excerpt="seven people were killed")],
            ),
            ek.Statement(
                id="toll-emergency-service",
                speaker="emergency-service",
                kind="figure",
                about=["kharkiv-strike"],
                text="At least nine people were killed.",
                figure=ek.Casualties(killed=ek.Quantity(value=9, qualifier="at_least")),
                disputes=["toll-governor"],
                when=ek.parse_when("Wednesday", reference=REPORTED),
                sources=[ek.Citation(source="wire-report", excerpt="at least nine")],
            ),
            ek.Statement(
                id="moscow-denies",
                speaker="igor-konashenkov",
                kind="denial",
                about=["kharkiv-strike", "russian-armed-forces"],
                text="The ministry denied striking residential areas.",
                quote="Russian forces do not strike civilian targets",
                disputes=["toll-governor", "toll-emergency-service"],
                via="wire-report",
                sources=[ek.Citation(source="wire-report", excerpt="do not strike civilian")],
            ),
        ],
        name="Kharkiv drone strike",
    )


# --- a gas supply halt, with a type of the user's own --------------------------------


def gas_halt() -> ek.Dataset:
    """A company's press release: its supplier halts gas "until further notice"."""
    saturday = ek.PartialDate(
        year=2024, month=11, day=16, hour=6, utc_offset=60, text="from 6 a.m. on Saturday"
    )
    return ek.Dataset(
        [
            ek.Actor(id="gazprom", name="Gazprom", kind="company", country="RUS"),
            ek.Actor(id="omv", name="OMV", kind="company", country="AUT"),
            ek.Actor(id="austria", name="Austria", kind="state", country="AUT"),
            ek.Source(
                id="omv-release",
                name="OMV informs about halt of Gazprom deliveries",
                kind="press_release",
                publisher="omv",
                published=ek.PartialDate(year=2024, month=11, day=15),
                language="de",
            ),
            SupplyHalt(
                id="gazprom-halt",
                title="Gazprom halts gas deliveries to OMV",
                when=saturday,
                status="expected",
                supplier="gazprom",
                customers=("omv", "austria"),
                reason=HaltReason.PAYMENT_DISPUTE,
                pipeline=Pipeline(
                    name="Trans Austria Gas",
                    entry=ek.Place(name="Baumgarten an der March", lat=48.31, lon=16.87),
                    capacity=ek.Quantity(value=17, unit="bcm/year", qualifier="about"),
                    countries=("SVK", "AUT"),
                ),
                notice_days=1,
                contract="OMV-GAZ-2006",
                halted=ek.TimeSpan(
                    start=saturday, text="from 6 a.m. on Saturday until further notice"
                ),
                volumes={
                    "AUT": ek.Quantity(value=5.4, unit="bcm/year"),
                    "SVK": ek.Quantity(low=1, high=2, unit="bcm/year"),
                },
                participants=[
                    ek.Participant(actor="gazprom", role="initiator"),
                    ek.Participant(actor="omv", role="target"),
                ],
                sources=[ek.Citation(source="omv-release", excerpt="until further notice")],
            ),
            ek.Statement(
                id="omv-announces",
                speaker="omv",
                event="gazprom-halt",
                text="Gazprom told OMV it would halt deliveries from 6 a.m. on Saturday.",
                via="omv-release",
                when=ek.PartialDate(year=2024, month=11, day=15),
            ),
        ],
        name="Gazprom halt",
    )


# --- an aid pledge at a summit --------------------------------------------------------

CONFERENCE_DAY = ek.PartialDate(year=2024, month=6, day=11)
DONORS = ("germany", "france", "netherlands")


def aid_pledge() -> ek.Dataset:
    """A conference report: pledges in euros and dollars, a delivery, and replies."""
    states = [
        ek.Actor(id=id, name=name, kind="state", country=country)
        for id, name, country in [
            ("germany", "Germany", "DEU"),
            ("france", "France", "FRA"),
            ("netherlands", "Netherlands", "NLD"),
            ("united-states", "United States", "USA"),
            ("ukraine", "Ukraine", "UKR"),
        ]
    ]
    people = [
        ek.Actor(id="olaf-scholz", name="Olaf Scholz", kind="person", country="DEU"),
        ek.Actor(id="volodymyr-zelensky", name="Volodymyr Zelensky", kind="person", country="UKR"),
        ek.Actor(id="dmitry-peskov", name="Dmitry Peskov", kind="person", country="RUS"),
    ]
    sources = [
        ek.Source(
            id="report",
            name="Allies pledge billions at Berlin conference",
            kind="article",
            published=CONFERENCE_DAY,
        ),
        ek.Source(
            id="follow-up",
            name="First systems arrive",
            kind="article",
            published=ek.parse_when("August 2024"),
            derived_from=["report"],
        ),
    ]
    beneficiary = ek.Participant(actor="ukraine", role="beneficiary")
    conference = ek.Relation(kind="part_of", event="recovery-conference")
    events = [
        ek.Summit(
            id="recovery-conference",
            title="Ukraine Recovery Conference in Berlin",
            when=ek.TimeSpan(start=CONFERENCE_DAY, end=ek.PartialDate(year=2024, month=6, day=12)),
            place=ek.Place(name="Berlin", country="DEU", lat=52.52, lon=13.405),
            forum="Ukraine Recovery Conference",
            participants=[
                ek.Participant(actor="germany", role="host"),
                *(ek.Participant(actor=s) for s in (*DONORS[1:], "united-states", "ukraine")),
            ],
            sources=[ek.Citation(source="report", locator="para 1")],
        ),
        ek.AidPledge(
            id="joint-pledge",
            title="Joint pledge for Ukraine's air defence",
            when=CONFERENCE_DAY,
            amount=ek.Money(amount=Decimal("1400000000.50"), currency="EUR", qualifier="about"),
            aid_kind="military",
            period=ek.parse_when("2025"),
            participants=[*(ek.Participant(actor=s, role="donor") for s in DONORS), beneficiary],
            related=[conference],
            sources=[ek.Citation(source="report", locator="para 2", excerpt="€1.4 billion")],
        ),
        ek.AidPledge(
            id="us-pledge",
            title="US pledge for Ukraine's energy grid",
            when=CONFERENCE_DAY,
            amount=ek.Money(amount=Decimal("824000000"), currency="USD"),
            aid_kind="humanitarian",
            participants=[ek.Participant(actor="united-states", role="donor"), beneficiary],
            related=[conference],
            sources=[ek.Citation(source="report", locator="para 3")],
        ),
        ek.AidDelivery(
            id="first-delivery",
            title="First air defence systems delivered",
            when=ek.parse_when("August 2024"),
            amount=ek.Money(amount=Decimal("3E+8"), currency="EUR", qualifier="at_least"),
            participants=[ek.Participant(actor="germany", role="donor"), beneficiary],
            related=[
                ek.Relation(kind="follows", event="joint-pledge"),
                ek.Relation(kind="caused_by", event="joint-pledge"),
            ],
            sources=[ek.Citation(source="follow-up", locator="para 1")],
        ),
    ]
    statements = [
        ek.Statement(
            id="scholz-promises",
            speaker="olaf-scholz",
            kind="promise",
            event="recovery-conference",
            about=["joint-pledge", "ukraine"],
            text="Germany and its partners will pay for air defence.",
            quote="We will not let up",
            figure=ek.Money(amount=Decimal("1500000000"), currency="USD", qualifier="about"),
            when=CONFERENCE_DAY,
            sources=[ek.Citation(source="report", locator="para 4", excerpt="We will not let up")],
        ),
        ek.Statement(
            id="zelensky-thanks",
            speaker="volodymyr-zelensky",
            kind="praise",
            responds_to=["scholz-promises"],
            about=["germany"],
            text="Zelensky thanked Germany.",
            when=CONFERENCE_DAY,
            sources=[ek.Citation(source="report", locator="para 5")],
        ),
        ek.Statement(
            id="peskov-condemns",
            speaker="dmitry-peskov",
            kind="condemnation",
            responds_to=["scholz-promises", "zelensky-thanks"],
            disputes=["scholz-promises"],
            about=["joint-pledge"],
            text="Aid only prolongs the war.",
            when=ek.PartialDate(year=2024, month=6, day=12),
            via="report",
            sources=[ek.Citation(source="report", locator="para 6")],
        ),
        ek.Statement(
            id="zelensky-replies",
            speaker="volodymyr-zelensky",
            kind="position",
            responds_to=["peskov-condemns"],
            text="Russia could end the war today.",
            sources=[ek.Citation(source="follow-up")],
        ),
    ]
    return ek.Dataset(
        [*states, *people, *sources, *events, *statements], name="Ukraine Recovery Conference"
    )


STORIES: dict[str, Callable[[], ek.Dataset]] = {
    "drone-strike": drone_strike,
    "gas-halt": gas_halt,
    "aid-pledge": aid_pledge,
}


@pytest.fixture(scope="module", params=list(STORIES))
def story(request: pytest.FixtureRequest) -> ek.Dataset:
    dataset: ek.Dataset = STORIES[request.param]()
    return dataset


@pytest.fixture(scope="module")
def saved(story: ek.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the story as ``story.jsonl``, ``story.json`` and ``story.parquet``."""
    directory = tmp_path_factory.mktemp("story")
    story.save(directory / "story.jsonl")
    story.save(directory / "story.json")
    story.save(directory / "story.parquet", format="parquet")
    return directory


# --- each story is valid and says what the report says ---------------------------------


def test_each_story_is_valid_without_warnings(story: ek.Dataset) -> None:
    report = story.check()
    assert ((), ()) == (report.problems, report.warnings)


def test_the_contested_toll_is_kept_side_by_side() -> None:
    ds = drone_strike()
    strike = ds["kharkiv-strike"]
    assert isinstance(strike, ek.DroneStrike)
    tolls = [(s.speaker, s.figure) for s in ds.figures("kharkiv-strike")]
    assert [
        ("oleh-syniehubov", strike.casualties),
        ("emergency-service", ek.Casualties(killed=ek.Quantity(value=9, qualifier="at_least"))),
    ] == tolls
    denial = ds["moscow-denies"]
    assert isinstance(denial, ek.Statement)
    assert (denial.kind, denial.disputes) == ("denial", ("toll-governor", "toll-emergency-service"))
    assert ["moscow-denies"] == [s.id for s in ds.statements_about("russian-armed-forces")]


def test_early_on_tuesday_is_the_tuesday_before_the_report_with_its_words() -> None:
    strike = drone_strike()["kharkiv-strike"]
    assert isinstance(strike, ek.DroneStrike)
    assert isinstance(strike.when, ek.PartialDate)
    assert ("2024-11-12", "early on Tuesday") == (strike.when.to_edtf(), strike.when.text)
    assert strike.casualties is not None
    assert [("children", 2, None), ("acme.rescue_workers", None, 3)] == [
        (g.group, g.killed and g.killed.value, g.injured and g.injured.value)
        for g in strike.casualties.groups
    ]


def test_the_pledge_is_by_three_states_in_euros_and_followed_by_a_delivery() -> None:
    ds = aid_pledge()
    pledge = ds["joint-pledge"]
    assert isinstance(pledge, ek.AidPledge)
    assert DONORS == pledge.actors("donor")
    amounts = sorted(
        (e.amount.currency, e.amount.amount) for e in ds.events_of_type(ek.Aid) if e.amount
    )
    assert [
        ("EUR", Decimal("300000000")),
        ("EUR", Decimal("1400000000.50")),
        ("USD", Decimal("824000000")),
    ] == amounts
    delivered = [
        e.id for e in ds.events if ek.Relation(kind="follows", event="joint-pledge") in e.related
    ]
    assert ["first-delivery"] == delivered
    replies = {s.id: s.responds_to for s in ds.statements if s.responds_to}
    assert {
        "zelensky-thanks": ("scholz-promises",),
        "peskov-condemns": ("scholz-promises", "zelensky-thanks"),
        "zelensky-replies": ("peskov-condemns",),
    } == replies


# --- every path gives the story back ----------------------------------------------------

PATHS: dict[str, Callable[[ek.Dataset, Path], ek.Dataset]] = {
    "jsonl": lambda _, saved: ek.Dataset.load(saved / "story.jsonl"),
    "json": lambda _, saved: ek.Dataset.load(saved / "story.json"),
    "parquet": lambda _, saved: ek.Dataset.load(saved / "story.parquet"),
    "pandas": lambda ds, _: ek.Dataset.from_frames(ds.to_pandas()),
    "polars": lambda ds, _: ek.Dataset.from_frames(ds.to_polars()),
    "arrow": lambda ds, _: ek.Dataset.from_arrow(ds.to_arrow()),
}


@pytest.mark.parametrize("path", list(PATHS))
def test_every_path_gives_back_an_equal_story(story: ek.Dataset, saved: Path, path: str) -> None:
    again = PATHS[path](story, saved)
    assert sorted(story, key=_id) == sorted(again, key=_id)
    assert () == again.check().problems


@pytest.mark.parametrize("path", list(PATHS))
def test_the_users_type_keeps_every_field_on_every_path(path: str, tmp_path: Path) -> None:
    ds = gas_halt()
    ds.save(tmp_path / "story.jsonl")
    ds.save(tmp_path / "story.json")
    ds.save(tmp_path / "story.parquet", format="parquet")
    halt = PATHS[path](ds, tmp_path)["gazprom-halt"]
    assert type(halt) is SupplyHalt
    assert isinstance(halt.halted, ek.TimeSpan)
    assert isinstance(halt.pipeline, Pipeline)
    assert (
        "gazprom",
        ("omv", "austria"),
        HaltReason.PAYMENT_DISPUTE,
        "OMV-GAZ-2006",
        1,
        ("SVK", "AUT"),
        "2024-11-16T06+01:00/..",
        None,
        "from 6 a.m. on Saturday until further notice",
        ek.FrozenDict(
            AUT=ek.Quantity(value=5.4, unit="bcm/year"),
            SVK=ek.Quantity(low=1, high=2, unit="bcm/year"),
        ),
    ) == (
        halt._supplier,
        halt.customers,
        halt.reason,
        halt.contract_ref,
        halt.notice_days,
        halt.pipeline.countries,
        halt.halted.to_edtf(),
        halt.halted.end,
        halt.halted.text,
        halt.volumes,
    )


def test_a_process_without_the_users_type_keeps_its_records_for_one_with_it(
    tmp_path: Path,
) -> None:
    ds = gas_halt()
    ds.save(tmp_path / "story.parquet", format="parquet")
    keep = (
        "import eventkit as ek; "
        "kept = ek.Dataset.load('story.parquet', keep_unknown=True); "
        "assert [r.id for r in kept.unknown] == ['gazprom-halt']; "
        "kept.save('kept.jsonl'); kept.save('kept.parquet', format='parquet')"
    )
    subprocess.run([sys.executable, "-c", keep], cwd=tmp_path, check=True)
    for kept in ("kept.jsonl", "kept.parquet"):
        assert sorted(ds, key=_id) == sorted(ek.Dataset.load(tmp_path / kept), key=_id)


def _id(record: ek.Record | ek.UnknownRecord) -> str:
    return record.id


# --- the JSON Schema and JSON-LD --------------------------------------------------------


def test_every_record_and_the_document_match_the_json_schema(
    story: ek.Dataset, saved: Path
) -> None:
    validator = jsonschema.Draft202012Validator(ek.json_schema())
    errors = {r.id: [e.message for e in validator.iter_errors(ek.to_dict(r))] for r in story}
    assert {r.id: [] for r in story} == errors
    document = json.loads((saved / "story.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(ek.json_schema(document=True))
    assert [] == [e.message for e in validator.iter_errors(document)]


def test_the_users_references_are_edges_of_the_graph_as_participants_are() -> None:
    graph = gas_halt().to_networkx()
    edges = sorted((key, actor) for _, actor, key in graph.out_edges("gazprom-halt", keys=True))
    assert [
        ("cites", "omv-release"),
        ("customers", "austria"),
        ("customers", "omv"),
        ("initiator", "gazprom"),
        ("supplier", "gazprom"),
        ("target", "omv"),
    ] == edges


def test_json_ld_keeps_what_it_holds_and_reports_the_rest(story: ek.Dataset) -> None:
    document, written = jsonld.write(story)
    again, read = jsonld.read(document)
    assert () == read.select("rejected")
    assert document == jsonld.write(again).document
    reported = {(f.row, f.field) for f in written.fields if f.outcome.value != "mapped"}
    silently_lost = []
    for record in story:
        back = again[record.id]
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if value == field.default or value == getattr(back, field.name, field.default):
                continue
            said = field.alias
            if not any(
                row == record.id and (name == said or name.startswith((f"{said}.", f"{said}[")))
                for row, name in reported
            ):
                silently_lost.append((record.id, said))
    assert [] == silently_lost


# --- the query API and DuckDB agree ---------------------------------------------------

WINDOWS: list[tuple[str | None, str | None]] = [
    ("2024-11-12", "2024-11-12"),
    ("2024-11", "2024-11"),
    ("2024-11-16T07:00Z", "2024-11-16T08:00Z"),
    ("2024-11-16", None),
    (None, "2024-11-15"),
    ("2024-06-12", "2024-06-12"),
    ("2024-06-13", None),
    ("2024-08", "2024-08"),
]


def test_queries_agree_with_duckdb_over_the_parquet(story: ek.Dataset, saved: Path) -> None:
    con = ek.columnar.connect(saved / "story.parquet")

    def sql(query: str, *args: Any) -> list[str]:
        return sorted(row[0] for row in con.execute(query, list(args)).fetchall())

    def ids(records: list[ek.Event] | list[ek.Statement]) -> list[str]:
        return sorted(r.id for r in records)

    roles = {str(p.role) for e in story.events for p in e.participants}
    answers: list[tuple[object, list[str], list[str]]] = []
    for actor in (a.id for a in story.actors):
        answers.append(
            (
                ("events_of", actor),
                ids(story.events_of(actor)),
                sql("SELECT DISTINCT event FROM participants WHERE actor = ?", actor),
            )
        )
        answers.extend(
            (
                ("events_of", actor, role),
                ids(story.events_of(actor, role=role)),
                sql(
                    "SELECT DISTINCT event FROM participants WHERE actor = ? AND role = ?",
                    actor,
                    role,
                ),
            )
            for role in roles
        )
        answers.append(
            (
                ("statements_by", actor),
                ids(story.statements_by(actor)),
                sql("SELECT id FROM statements WHERE speaker = ?", actor),
            )
        )
    answers.extend(
        (
            ("statements_about", record.id),
            ids(story.statements_about(record.id)),
            sql(
                "SELECT id FROM statements WHERE event = ? UNION SELECT statement "
                "FROM statement_links WHERE link = 'about' AND target = ?",
                record.id,
                record.id,
            ),
        )
        for record in story
    )
    for start, end in WINDOWS:
        query = "SELECT id FROM events WHERE (when_earliest IS NOT NULL OR when_latest IS NOT NULL)"
        bounds: list[datetime] = []
        if end is not None:
            query += " AND (when_earliest IS NULL OR when_earliest <= ?)"
            bounds.append(_bound(end, "latest"))
        if start is not None:
            query += " AND (when_latest IS NULL OR when_latest >= ?)"
            bounds.append(_bound(start, "earliest"))
        answers.append(
            (
                ("events_between", start, end),
                ids(story.events_between(start, end)),
                sql(query, *bounds),
            )
        )
    assert [] == [(question, py, db) for question, py, db in answers if py != db]
    # Not a comparison of empty answers: every event and statement is found by some question.
    found = {id for _, py, _ in answers for id in py}
    assert {r.id for r in (*story.events, *story.statements)} <= found | {
        s.id for s in story.statements if not s.about and s.event is None
    }


def _bound(edtf: str, side: str) -> datetime:
    when = ek.parse_edtf(edtf)
    instant: datetime | None = getattr(when, side)
    assert instant is not None
    return instant


# --- the eventkit command, in a subprocess ------------------------------------------------


def eventkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed ``eventkit`` script with the user's types, as a user's shell would."""
    script = Path(sys.executable).with_name("eventkit")
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONWARNINGS": "error"}
    command, *rest = args
    done = subprocess.run(
        [str(script), command, "--types", str(ACME), *rest],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_command_validates_shows_draws_and_converts_the_story(
    story: ek.Dataset, saved: Path, tmp_path: Path
) -> None:
    jsonl = saved / "story.jsonl"
    done = eventkit("validate", str(jsonl), cwd=tmp_path)
    assert (0, f"{jsonl}: valid, {len(story)} records\n") == (done.returncode, done.stdout)
    done = eventkit("show", str(jsonl), cwd=tmp_path)
    assert (0, f"story: {len(story)} records") == (done.returncode, done.stdout.splitlines()[0])
    assert "Problems: none" in done.stdout
    done = eventkit("timeline", str(jsonl), "-o", "story.svg", cwd=tmp_path)
    assert 0 == done.returncode, done.stderr
    svg = (tmp_path / "story.svg").read_text(encoding="utf-8")
    # Each event is labelled with its title, long ones shortened.
    assert [] == [
        e.title for e in story.events if html.escape(e.title[:40], quote=False) not in svg
    ]
    assert 0 == eventkit("convert", str(jsonl), "story.parquet", cwd=tmp_path).returncode
    done = eventkit("validate", "story.parquet", cwd=tmp_path)
    assert (0, f"story.parquet: valid, {len(story)} records\n") == (done.returncode, done.stdout)
    assert 0 == eventkit("convert", "story.parquet", "back.jsonl", cwd=tmp_path).returncode
    back = ek.Dataset.load(tmp_path / "back.jsonl")
    assert sorted(story, key=_id) == sorted(back, key=_id)
