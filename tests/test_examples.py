"""The example datasets: the articles' facts, one by one, through the query API.

``ARTICLE_PARTS`` is the article's text, split the way the dataset's citation
locators count it (``para N`` for the body paragraphs, headings left out), so
every excerpt can be checked as verbatim and in the right place.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import eventkit as ek
from eventkit.examples import aleppo_airstrikes, scholz_putin

CALL = "call-2024-11-15"

ARTICLE_PARTS = {
    "headline": ("The Long-Awaited Conversation Between Scholz and Putin"),
    "standfirst": (
        "It was a highly-anticipated phone call, that ended almost two years of diplomatic silence."
    ),
    "byline": ("By Tanguy BessonPublished about a year ago 5 min read"),
    "para 1": (
        "German Chancellor Olaf Scholz and Russian President Vladimir Putin have had today ( "
        "Friday 15.11.24) a critical conversation on the ongoing war in Ukraine."
    ),
    "para 2": (
        "Initiated by Berlin, the hour-long discussion had sharp differences in tone and "
        "approach between Scholz, pressing Putin for peace, and the Russian leader, insistent"
        " that his position on territorial realities and geopolitical interests would not "
        "budge. Described as “frank” by the Kremlin, the exchange came in a moment "
        "underscoring the wider complexities of the global response to Russia’s invasion of "
        "Ukraine and attendant humanitarian and geopolitical crises."
    ),
    "para 3": (
        "The phone call was the first direct contact between Scholz and Putin since December 2022."
    ),
    "para 4": (
        "Over the period of those two years, the war in Ukraine dramatically spiraled-with a "
        "serious reshaping of Europe’s security architecture-together with an unprecedentedly"
        " hard deterioration of relations between Russia and the West. The call was carefully"
        " prepared for by the German government, including consultations with the United "
        "States, the United Kingdom, France, and other G7 partners. It was a strategic "
        "timing-after the U.S. midterm elections but before the forthcoming G20 summit in "
        "Brazil, where Russia will be represented by its Foreign Minister Sergei Lavrov, not "
        "Putin himself."
    ),
    "para 5": (
        "According to Scholz’s office, the German chancellor used the opportunity to condemn "
        "Russia’s aggression unequivocally and urge an immediate withdrawal of Russian forces"
        " from Ukraine. Scholz emphasized Germany’s steadfast support for Ukraine’s "
        "sovereignty and underlined the need to continue pursuing a negotiated solution that "
        "would guarantee a just and lasting peace. The discussion underlined the European "
        "Union’s firm commitment to Kyiv and Germany’s determination to stand by Ukraine “as "
        "long as necessary.”"
    ),
    "para 6": (
        "That was the message that allies like Poland wanted to hear from Scholz. The Polish "
        "prime minister, Donald Tusk, immediately applauded Scholz for underlining that "
        "“nothing about Ukraine” would be decided “without Ukraine.” It is a promise that "
        "underlines one of the most significant elements of Western diplomacy, specifically "
        "that Ukraine’s centrality must be preserved in whatever peace process may eventually"
        " emerge."
    ),
    "para 7": (
        "The Kremlin readout of the conversation offered another tone altogether. He repeated"
        " Russia’s preconditions for any prospective peace settlement, saying agreements must"
        " account for “new territorial realities” and take into consideration Russia’s "
        "security concerns. The wording suggests Moscow intends to hold onto annexed "
        "Ukrainian territories, a proposition Kyiv and its Western allies flatly reject. "
        "Also, Putin’s insistence on the “root causes” of the war\u200a—\u200aframed very often in "
        "terms of NATO’s expansion eastward and the threat this constitutes to Russian "
        "sovereignty\u200a—\u200aoffers little room for compromise."
    ),
    "para 8": (
        "While the Kremlin sounded conciliatory, it made clear that negotiations would have "
        "to be on Russian terms. Putin’s rhetoric also tried to shift blame onto NATO, which "
        "he characterized as “aggressive and anti-Russian.” This kind of rhetoric forms part "
        "of a wider narrative emanating from Moscow, where its military actions are being "
        "framed as a form of defense against Western incursion."
    ),
    "para 9": (
        "Timing is everything: the call comes at a time when Ukraine is seriously preparing "
        "for its third winter of war, with Russian airstrikes already having wrecked "
        "essential infrastructure, including energy systems, thereby worsening the "
        "humanitarian situation. The UN has expressed its deep concern over the consequences "
        "of further attacks on the civilian infrastructure of Ukraine. According to Matthias "
        "Schmale, UN head in Ukraine, damage to two-thirds of the country’s energy facilities"
        " has taken place, and conditions are expected to be “far worse than last year.” "
        "Humanitarian agencies scramble to put winter aid for millions out against freezing "
        "temperatures coupled with power shortages."
    ),
    "para 10": (
        "In recent weeks, Russia’s escalation of drone and missile attacks has contributed to"
        " fraying Ukrainian resilience. Cities such as Odessa have been subjected to strikes,"
        " the most recent of which killed one person and injured ten. The increasing reliance"
        " on a low-cost but greatly destructive form of warfare-on the part of "
        "combatants-drone warfare-has increased fears of a protracted conflict with "
        "heightening civilian casualties."
    ),
    "para 11": (
        "Beyond its borders, the reverberations of this conflict continue to resound on the "
        "world stage. Reports this week emerged about North Korean troops engaging in combat "
        "duty jointly with Russian forces stationed in the Kursk region. This is a grave "
        "development that underlines the growing extent of the military alliances Russia is "
        "entering into, and the potential for further destabilization in the region."
    ),
    "para 12": (
        "Larger contexts are similarly fraught with energy politics. Austria, dependent on "
        "Russian natural gas, is bracing for an imminent cutoff of supplies due to a dispute "
        "between Gazprom and Austrian energy company OMV. This latest energy shock underlines"
        " the vulnerabilities of European nations still dependent on Russian hydrocarbons "
        "despite efforts since the start of the war to diversify energy sources."
    ),
    "para 13": (
        "It was a call that mirrored the precarious balancing act that Scholz has had to "
        "perform between diplomacy and principled opposition to Russian aggression. In "
        "advance of the call with Putin, Scholz had spoken with Ukrainian President Volodymyr"
        " Zelensky to align messaging and make sure his efforts were harnessed in concert "
        "with those of Kyiv. And afterward, he was set to brief Zelensky and other European "
        "leaders on the results of that call-a unified approach of Western allies if ever "
        "there was one."
    ),
    "para 14": (
        "Domestically, Scholz is under pressure to sustain Germany’s stalwart support for "
        "Ukraine amid increasingly entrenched economic and political headwinds within "
        "Germany. Recently, the collapse of Germany’s coalition government put a question "
        "mark behind ongoing military and financial aid to Ukraine. Be that as it may, Scholz"
        " promised further funding, including a proposed €3 billion package for 2024, added "
        "to nearly €8 billion already allocated this year."
    ),
    "para 15": (
        "Yet at the same time, uncertainty about US policy weighs heavily. Given that the "
        "previous president, Donald Trump, had signaled a possible shift toward seeking a "
        "“deal” that would have involved territorial concessions by Ukraine, European leaders"
        " like Scholz must be acutely aware of the need to prepare for shifting dynamics in "
        "transatlantic relations."
    ),
    "para 16": (
        "The conversation between Scholz and Putin comes amidst broader discussions about "
        "possible diplomatic overtures between Russia and the United States. Speculation has "
        "emerged that Switzerland or other neutral countries could host talks in a bid to "
        "dial down tensions. Yet everything remains speculative for the time being, "
        "considering how entrenched the positions of Russia are, and how polarized the "
        "international environment has become."
    ),
    "para 17": (
        "Meanwhile, incidents involving Russian military aircraft near the NATO "
        "airspace-including recent activity over the North Sea-point to continued risks of "
        "miscalculation and accidental escalation. The reaction of the British Ministry of "
        "Defence against such incidents underscores NATO preparedness for the defense of "
        "sovereignty on behalf of its members."
    ),
    "para 18": (
        "The conversation was not likely to immediately achieve breakthroughs, but it "
        "represented a necessary step toward keeping open channels. The discussion underlined"
        " that divisions are deep between Russia and the West and also spotlighted the "
        "critical importance of diplomacy in addressing one of the most dangerous conflicts "
        "of the 21st century."
    ),
    "para 19": (
        "The challenge for Scholz: how to lead Germany as the first among European equals "
        "while embracing complexity on every domestic and international front. The question "
        "for Putin: does his hardline approach bring long-term gains in influence for Russia,"
        " or does it leave the country increasingly isolated on the world stage?."
    ),
    "para 20": (
        "The coming winter worsens the humanitarian crisis, and a solution to the conflict "
        "becomes more urgent. But in conditions whereby the parties do not want to compromise"
        " on core issues, peace is going to be hard to get. Every diplomatic exchange, "
        "however incremental, has the potential to shape the future of the war\u200a—\u200aand the "
        "broader international order\u200a—\u200ain this delicate and volatile context."
    ),
    "credits": ("(dpa, afp, AP, reuters)"),
    "about the creator": ("Tanguy Besson, Freelance Journalist."),
}


@pytest.fixture(scope="module")
def ds() -> ek.Dataset:
    return scholz_putin()


def event(ds: ek.Dataset, id: str) -> ek.Event:
    record = ds[id]
    assert isinstance(record, ek.Event)
    return record


def actor(ds: ek.Dataset, id: str) -> ek.Actor:
    record = ds[id]
    assert isinstance(record, ek.Actor)
    return record


def statement(ds: ek.Dataset, id: str) -> ek.Statement:
    record = ds[id]
    assert isinstance(record, ek.Statement)
    return record


# --- the dataset as a whole -------------------------------------------------------


def test_dataset_is_valid_and_counted(ds: ek.Dataset) -> None:
    assert ds.check().valid
    ds.validate()
    assert ds.name == "scholz-putin"
    assert (len(ds.actors), len(ds.sources), len(ds.events), len(ds.statements)) == (41, 7, 28, 20)
    assert len(ds) == 96


def test_each_call_builds_an_equal_new_dataset(ds: ek.Dataset) -> None:
    again = scholz_putin()
    assert again is not ds
    assert again == ds


def test_jsonl_round_trip_is_exact(ds: ek.Dataset, tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "scholz-putin.jsonl"  # type: ignore[operator]
    ds.save(path)
    assert ek.Dataset.load(path) == ds
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 96
    assert [ek.from_json(ek.Record, line) for line in lines] == list(ds)


def test_every_event_and_statement_cites_the_article_verbatim(ds: ek.Dataset) -> None:
    cited: list[ek.Citation] = []
    records: list[ek.Event | ek.Statement] = [*ds.events, *ds.statements]
    for record in records:
        assert record.sources, record.id
        assert all(c.source == "article" for c in record.sources), record.id
        cited.extend(record.sources)
    for citation in cited:
        assert citation.locator in ARTICLE_PARTS, citation.locator
        assert citation.excerpt is not None
        assert citation.excerpt in ARTICLE_PARTS[citation.locator], citation.excerpt


def test_every_quote_is_verbatim_in_the_cited_excerpt(ds: ek.Dataset) -> None:
    for s in ds.statements:
        if s.quote is None:
            continue
        excerpts = " ".join(c.excerpt or "" for c in s.sources)
        for fragment in s.quote.split(" … "):
            assert f"“{fragment}" in excerpts, (s.id, fragment)


def test_every_body_paragraph_is_used(ds: ek.Dataset) -> None:
    records: list[ek.Event | ek.Statement] = [*ds.events, *ds.statements]
    locators = {c.locator for r in records for c in r.sources}
    # para 19 is the author's two rhetorical questions; nothing in it is a fact or a claim.
    expected = {f"para {n}" for n in range(1, 21)} - {"para 19"} | {"standfirst"}
    assert locators == expected


# --- the call ----------------------------------------------------------------------


def test_the_call_is_a_phone_call_initiated_by_berlin(ds: ek.Dataset) -> None:
    call = event(ds, CALL)
    assert type(call) is ek.PhoneCall
    assert call.status == "occurred"
    assert call.actors("initiator") == ("olaf-scholz", "german-government")
    assert call.actors("recipient") == ("vladimir-putin",)
    assert "Berlin" in actor(ds, "german-government").aliases
    assert [e.id for e in ds.events_of("vladimir-putin", role="recipient")] == [CALL]


def test_the_call_lasted_about_an_hour(ds: ek.Dataset) -> None:
    assert event(ds, CALL).duration == ek.Quantity(value=1, unit="hour", qualifier="about")


def test_the_call_is_dated_to_the_day_with_the_articles_words(ds: ek.Dataset) -> None:
    when = event(ds, CALL).when
    assert isinstance(when, ek.PartialDate)
    assert (when.to_edtf(), when.precision, when.text) == (
        "2024-11-15",
        ek.Precision.DAY,
        "Friday 15.11.24",
    )
    assert when == ek.parse_when("Friday 15.11.24", dayfirst=True)


def test_the_earlier_contact_is_known_only_to_the_month(ds: ek.Dataset) -> None:
    contact = event(ds, "contact-2022-12")
    assert isinstance(contact.when, ek.PartialDate)
    assert (contact.when.to_edtf(), contact.when.precision) == ("2022-12", ek.Precision.MONTH)
    assert ek.Relation(kind="follows", event="contact-2022-12") in event(ds, CALL).related
    # The article says "direct contact", not which kind: a Communication, not a PhoneCall.
    assert type(contact) is ek.Communication
    in_december = ds.events_between("2022-12-01", "2022-12-31")
    # Events dated only "by the call" (../2024-11-15) may have happened then too.
    dated = [e.id for e in in_december if e.when is not None and e.when.earliest is not None]
    assert dated == ["contact-2022-12", "diplomatic-silence", "russia-west-relations-decline"]
    assert "consultations-before-call" in [e.id for e in in_december]


def test_almost_two_years_of_silence(ds: ek.Dataset) -> None:
    silence = event(ds, "diplomatic-silence")
    assert silence.duration == ek.Quantity(value=2, unit="year", qualifier="nearly")
    assert silence.when == ek.parse_edtf("2022-12/2024-11-15")


def test_the_call_was_prepared_and_followed_up(ds: ek.Dataset) -> None:
    preparations = {
        e.id for e in ds.events if ek.Relation(kind="preparation_for", event=CALL) in e.related
    }
    assert preparations == {"consultations-before-call", "scholz-zelensky-before-call"}
    consultations = event(ds, "consultations-before-call")
    assert consultations.actors() == (
        "german-government", "united-states", "united-kingdom", "france", "g7",
    )  # fmt: skip
    assert consultations.when is not None
    assert consultations.when.to_edtf() == "../2024-11-15"
    assert consultations.when.text == "The call was carefully prepared for"
    briefing = event(ds, "briefing-after-call")
    assert briefing.status == "planned"
    assert briefing.actors("recipient") == ("volodymyr-zelensky", "european-leaders")
    assert briefing.when is not None
    assert briefing.when.to_edtf() == "2024-11-15/.."


# --- what each side said -----------------------------------------------------------


QUOTES = {
    # quoted words: (speaker, the readout or source that carried them, paragraph)
    "frank": ("kremlin", "kremlin-readout", "para 2"),
    "new territorial realities": ("vladimir-putin", "kremlin-readout", "para 7"),
    "root causes": ("vladimir-putin", "kremlin-readout", "para 7"),
    "aggressive and anti-Russian": ("vladimir-putin", "kremlin-readout", "para 8"),
    "as long as necessary": ("olaf-scholz", "chancellery-readout", "para 5"),
    "nothing about Ukraine … without Ukraine": ("olaf-scholz", None, "para 6"),
    "far worse than last year": ("matthias-schmale", None, "para 9"),
    "deal": ("donald-trump", None, "para 15"),
}


def test_who_said_which_quoted_words(ds: ek.Dataset) -> None:
    found = {s.quote: (s.speaker, s.via, s.sources[0].locator) for s in ds.statements if s.quote}
    assert found == QUOTES


def test_the_two_readouts_are_two_accounts_of_one_call(ds: ek.Dataset) -> None:
    about_call = ds.statements_about(CALL)
    by_readout = {
        via: sorted(s.id for s in about_call if s.via == via)
        for via in ("kremlin-readout", "chancellery-readout")
    }
    assert by_readout == {
        "kremlin-readout": [
            "kremlin-frank",
            "kremlin-russian-terms",
            "putin-nato-aggressive",
            "putin-root-causes",
            "putin-territorial-realities",
        ],
        "chancellery-readout": [
            "scholz-as-long-as-necessary",
            "scholz-condemns-aggression",
            "scholz-negotiated-solution",
            "scholz-withdrawal",
        ],
    }
    for readout, publisher in (("kremlin-readout", "kremlin"),
                               ("chancellery-readout", "german-chancellery")):  # fmt: skip
        source = ds[readout]
        assert isinstance(source, ek.Source)
        assert (source.kind, source.publisher) == ("readout", publisher)


def test_the_accounts_contest_each_other(ds: ek.Dataset) -> None:
    assert statement(ds, "putin-territorial-realities").disputes == ("scholz-withdrawal",)
    assert statement(ds, "scholz-negotiated-solution").disputes == ("putin-territorial-realities",)
    rejecting = sorted(
        s.speaker for s in ds.statements if "putin-territorial-realities" in s.disputes
    )
    assert rejecting == ["olaf-scholz", "ukrainian-government", "western-allies"]


def test_scholz_condemned_and_demanded_withdrawal_per_his_office(ds: ek.Dataset) -> None:
    kinds = {s.id: s.kind for s in ds.statements_by("olaf-scholz") if s.event == CALL}
    assert kinds == {
        "scholz-condemns-aggression": "condemnation",
        "scholz-withdrawal": "demand",
        "scholz-negotiated-solution": "position",
        "scholz-as-long-as-necessary": "promise",
    }


def test_tusk_applauded_scholz_immediately(ds: ek.Dataset) -> None:
    tusk = statement(ds, "tusk-applauds-scholz")
    assert (tusk.speaker, tusk.kind) == ("donald-tusk", "praise")
    assert tusk.responds_to == ("scholz-nothing-about-ukraine",)
    assert tusk.when == ek.PartialDate(year=2024, month=11, day=15)
    assert ds.actors_where(kind="person", country="POL") == [ds["donald-tusk"]]
    role = actor(ds, "donald-tusk").roles[0]
    assert (role.title, role.organisation) == ("Prime Minister of Poland", "poland")


def test_the_un_figures(ds: ek.Dataset) -> None:
    damage = statement(ds, "schmale-two-thirds-damaged")
    assert (damage.speaker, damage.kind, damage.quote) == ("matthias-schmale", "figure", None)
    assert damage.text == "Two-thirds of Ukraine's energy facilities have been damaged."
    schmale = ds["matthias-schmale"]
    assert isinstance(schmale, ek.Actor)
    assert schmale.roles == (ek.Role(title="UN head in Ukraine", organisation="united-nations"),)
    concern = statement(ds, "un-deep-concern")
    assert (concern.speaker, concern.kind) == ("united-nations", "warning")


def test_the_authors_reading_is_kept_apart(ds: ek.Dataset) -> None:
    assert [s.id for s in ds.statements_by("tanguy-besson")] == [
        "besson-annexation-reading",
        "besson-no-breakthrough",
    ]
    assert {s.via for s in ds.statements_by("tanguy-besson")} == {"article"}


# --- the war -------------------------------------------------------------------------


def test_the_latest_strike_on_odessa_killed_one_and_injured_ten(ds: ek.Dataset) -> None:
    strike = event(ds, "odesa-latest-strike")
    assert isinstance(strike, ek.Attack)
    assert strike.casualties == ek.Casualties(
        killed=ek.Quantity(value=1), injured=ek.Quantity(value=10)
    )
    assert strike.place == ek.Place(name="Odessa", country="UKR")
    assert strike.actors("perpetrator") == ("russian-armed-forces",)
    assert ek.Relation(kind="part_of", event="odesa-strikes") in strike.related


def test_attacks_and_force(ds: ek.Dataset) -> None:
    assert [e.id for e in ds.events_of_type(ek.Attack)] == [
        "war-in-ukraine",
        "strikes-on-energy-infrastructure",
        "drone-missile-escalation",
        "odesa-strikes",
        "odesa-latest-strike",
    ]
    assert event(ds, "war-in-ukraine").status == "ongoing"
    airstrikes = event(ds, "strikes-on-energy-infrastructure")
    assert type(airstrikes) is ek.Airstrike
    assert airstrikes.target_types == ("essential infrastructure", "energy systems")
    troops = event(ds, "north-korean-troops-kursk")
    assert type(troops) is ek.Deployment
    assert troops.place == ek.Place(name="Kursk region", country="RUS")
    assert troops.when is not None
    assert troops.when.text == "this week"
    assert troops.when.to_edtf() == "2024-11-11/2024-11-15"
    aircraft = event(ds, "russian-aircraft-near-nato")
    assert type(aircraft) is ek.ShowOfForce
    assert aircraft.place == ek.Place(name="North Sea")
    reaction = event(ds, "uk-mod-reaction")
    assert reaction.related == (ek.Relation(kind="response_to", event=aircraft.id),)


# --- money, energy and politics ----------------------------------------------------


def test_aid_amounts_keep_their_qualifiers(ds: ek.Dataset) -> None:
    allocated = event(ds, "german-aid-2024-allocated")
    assert isinstance(allocated, ek.Aid)
    assert allocated.amount == ek.Money(
        amount=Decimal("8000000000"), currency="EUR", qualifier="nearly"
    )
    assert allocated.period == ek.parse_when("this year", reference=date(2024, 11, 15))
    package = event(ds, "german-aid-package-3bn")
    assert type(package) is ek.AidPledge
    assert package.amount == ek.Money(amount=Decimal("3000000000"), currency="EUR")
    assert package.status == "proposed"
    assert package.period is not None
    assert package.period.to_edtf() == "2024"
    promise = statement(ds, "scholz-promises-funding")
    assert (promise.speaker, promise.kind) == ("olaf-scholz", "promise")
    assert promise.about == ("german-aid-package-3bn", "german-aid-2024-allocated")


def test_statuses_say_what_happened_and_what_may(ds: ek.Dataset) -> None:
    statuses = {e.id: e.status.value for e in ds.events if e.status != "occurred"}
    assert statuses == {
        "briefing-after-call": "planned",
        "g20-summit-brazil": "planned",
        "peace-settlement": "proposed",
        "us-deal-territorial-concessions": "speculated",
        "russia-us-talks": "speculated",
        "war-in-ukraine": "ongoing",
        "drone-missile-escalation": "ongoing",
        "north-korean-troops-kursk": "ongoing",
        "gazprom-omv-dispute": "ongoing",
        "austria-gas-cutoff": "expected",
        "third-winter-of-war": "expected",
        "winter-aid": "ongoing",
        "german-aid-to-ukraine": "ongoing",
        "german-aid-package-3bn": "proposed",
    }


def test_the_expected_gas_cutoff(ds: ek.Dataset) -> None:
    cutoff = event(ds, "austria-gas-cutoff")
    assert type(cutoff) is ek.SupplyCut
    assert cutoff.commodity == "natural gas"
    assert cutoff.actors("supplier") == ("gazprom",)
    assert cutoff.actors("consumer") == ("omv", "austria")
    assert cutoff.related == (ek.Relation(kind="caused_by", event="gazprom-omv-dispute"),)


def test_the_g20_summit_and_the_speculated_talks(ds: ek.Dataset) -> None:
    g20 = event(ds, "g20-summit-brazil")
    assert type(g20) is ek.Summit
    assert (g20.forum, g20.place) == ("G20", ek.Place(name="Brazil", country="BRA"))
    assert "sergei-lavrov" in g20.actors()
    assert "vladimir-putin" not in g20.actors()
    talks = event(ds, "russia-us-talks")
    assert type(talks) is ek.Negotiation
    assert talks.actors("host") == ("switzerland",)
    assert talks.place is None  # "Switzerland or other neutral countries"


def test_the_coalition_collapse_is_dated_only_recently(ds: ek.Dataset) -> None:
    crisis = event(ds, "german-coalition-collapse")
    assert type(crisis) is ek.PoliticalCrisis
    assert crisis.when == ek.TimeSpan(
        end=ek.PartialDate(year=2024, month=11, day=15), text="Recently"
    )


# --- sources -------------------------------------------------------------------------


def test_the_article_and_its_provenance(ds: ek.Dataset) -> None:
    article = ds["article"]
    assert isinstance(article, ek.Source)
    assert (article.kind, article.author, article.language) == ("article", "tanguy-besson", "en")
    assert article.name == "The Long-Awaited Conversation Between Scholz and Putin"
    assert article.published == ek.parse_when("Friday 15.11.24", dayfirst=True)
    assert article.derived_from == ("dpa", "afp", "ap", "reuters")
    for agency in article.derived_from:
        source = ds[agency]
        assert isinstance(source, ek.Source)
        assert source.kind == "news_agency"
        assert source.derived_from == ("kremlin-readout", "chancellery-readout")
    assert actor(ds, "tanguy-besson").roles == (ek.Role(title="Freelance Journalist"),)


def test_actors_by_kind(ds: ek.Dataset) -> None:
    counts: dict[str, int] = {}
    for actor in ds.actors:
        counts[actor.kind] = counts.get(actor.kind, 0) + 1
    assert counts == {
        "person": 8,
        "state": 11,
        "government": 4,
        "military": 2,
        "agency": 1,
        "international_organisation": 5,
        "company": 3,
        "group": 3,
        "media": 4,
    }
    trump = ds["donald-trump"]
    assert isinstance(trump, ek.Actor)
    assert trump.roles[0].end == ek.PartialDate(year=2021, month=1, day=20)


# --- the second example: a monitor's report of airstrikes ---------------------------------


def test_the_aleppo_report_validates_without_warnings_and_round_trips(tmp_path: Path) -> None:
    ds = aleppo_airstrikes()
    report = ds.check()
    assert (True, (), ()) == (report.valid, report.problems, report.warnings)
    for name in ("aleppo.jsonl", "aleppo.json.gz"):
        ds.save(tmp_path / name)
        assert list(ds) == list(ek.Dataset.load(tmp_path / name))
        assert ek.validate_file(tmp_path / name).valid


def test_the_aleppo_report_keeps_every_toll_it_gives_side_by_side() -> None:
    ds = aleppo_airstrikes()
    parts = [e for e in ds.events if any(r.event == "strikes-2016-09-23" for r in e.related)]
    by_part = [ds.figures(event.id)[0].figure for event in parts]
    assert [45, 15, 11] == [
        toll.killed.value for toll in by_part if isinstance(toll, ek.Casualties) and toll.killed
    ]
    [headline] = ds.figures("strikes-2016-09-23")
    assert isinstance(headline.figure, ek.Casualties)
    assert headline.figure.killed is not None
    assert 72 == headline.figure.killed.value  # one more than the parts: kept as said
    for event in ds.events:
        assert event.casualties_from in [s.id for s in ds.figures(event.id)]


def test_the_aleppo_report_attributes_as_surely_as_it_says() -> None:
    ds = aleppo_airstrikes()
    alleged = [e.id for e in ds.events_of("russia", role="perpetrator", certainty="alleged")]
    suspected = [e.id for e in ds.events_of("russia", role="perpetrator", certainty="suspected")]
    assert ["strikes-2016-09-23", "strikes-eastern-aleppo"] == alleged
    assert ["strikes-beshqatin", "strikes-al-bab"] == suspected
    assert 4 == len(ds.events_of("russia", role="perpetrator"))
    friday = ds["strikes-al-bab"]
    assert isinstance(friday, ek.Event)
    assert friday.when is not None
    assert ("2016-09-23", "Friday") == (friday.when.to_edtf(), friday.when.text)
    assert [e.id for e in ds.events] == [
        e.id for e in ds.events_between("2016-09-23", "2016-09-23")
    ]
