"""The Scholz–Putin phone call of 15 November 2024, modelled in full.

The article "The Long-Awaited Conversation Between Scholz and Putin" (Tanguy
Besson, compiled from dpa, AFP, AP and Reuters) is the story eventkit was
made for. `scholz_putin` turns *all* of it into records: every actor,
every event it reports or mentions, every statement, and every source. Read
this module top to bottom as a worked example; ``docs/tutorial.md`` walks
through the same story step by step.

How the records follow the article:

- Every event and statement cites the article with the verbatim words it
  rests on and a locator: ``para N`` counts the article's body paragraphs
  from "German Chancellor Olaf Scholz and Russian President…" (para 1) to
  "The coming winter worsens…" (para 20), leaving out section headings;
  ``headline``, ``standfirst``, ``byline``, ``credits`` ("(dpa, afp, AP,
  reuters)") and ``about the creator`` name the other parts.
- Where the article is vague, the records are vague in the same way. An
  undated thing the article reports as past or ongoing on the day of the
  call gets ``when = TimeSpan(end=2024-11-15)`` ("../2024-11-15": by then);
  something forthcoming gets ``TimeSpan(start=2024-11-15)`` ("2024-11-15/..").
  Both keep the article's wording ("Recently", "In advance of the call") as
  their ``text``. "December 2022" is a month, not 1 December.
- Figures keep their qualifiers: "nearly €8 billion" is
  ``Money(amount=8000000000, currency="EUR", qualifier="nearly")``.
- What each side said about the call is a `eventkit.Statement` whose
  ``via`` names the readout that carried it; the two readouts are sources.
- Actors and sources have no citation field; a comment above each one says
  where in the article it comes from. Dated roles and Wikidata ids are
  general knowledge added for identification, never article content.

Examples:
    >>> ds = scholz_putin()
    >>> call = ds["call-2024-11-15"]
    >>> call.when.to_edtf(), call.when.text, call.actors("recipient")
    ('2024-11-15', 'Friday 15.11.24', ('vladimir-putin',))
"""

from decimal import Decimal

import eventkit as ek

__all__ = ["scholz_putin"]

#: The id of the article's Source record; every citation points at it.
ARTICLE = "article"
#: The id of the phone call, the event the article is about.
CALL = "call-2024-11-15"

#: "today ( Friday 15.11.24)": the day of the call, which is also the day the
#: article was written. The call's own ``when`` is parsed from those words.
CALL_DAY = ek.PartialDate.from_edtf("2024-11-15")


def _cite(where: int | str, excerpt: str) -> ek.Citation:
    """Cite the article: a body paragraph number (``para N``) or a named part."""
    locator = f"para {where}" if isinstance(where, int) else where
    return ek.Citation(source=ARTICLE, excerpt=excerpt, locator=locator)


def _by_the_call(text: str) -> ek.TimeSpan:
    """Some time up to the day of the call, in the article's words."""
    return ek.TimeSpan(end=CALL_DAY, text=text)


def _after_the_call(text: str) -> ek.TimeSpan:
    """Some time from the day of the call on, in the article's words."""
    return ek.TimeSpan(start=CALL_DAY, text=text)


def _date(edtf: str) -> ek.PartialDate:
    return ek.PartialDate.from_edtf(edtf)


# --- actors ------------------------------------------------------------------


def people() -> list[ek.Actor]:
    """The people the article names, with the positions it gives them."""
    return [
        # para 1: "German Chancellor Olaf Scholz"
        ek.Actor(
            id="olaf-scholz",
            name="Olaf Scholz",
            kind="person",
            country="DEU",
            roles=[
                ek.Role(
                    title="Chancellor of Germany",
                    organisation="german-government",
                    start=_date("2021-12-08"),
                )
            ],
            identifiers={"wikidata": "Q61053"},
        ),
        # para 1: "Russian President Vladimir Putin"
        ek.Actor(
            id="vladimir-putin",
            name="Vladimir Putin",
            kind="person",
            country="RUS",
            roles=[
                ek.Role(
                    title="President of Russia", organisation="russia", start=_date("2012-05-07")
                )
            ],
            identifiers={"wikidata": "Q7747"},
        ),
        # para 13: "Ukrainian President Volodymyr Zelensky"
        ek.Actor(
            id="volodymyr-zelensky",
            name="Volodymyr Zelensky",
            kind="person",
            country="UKR",
            roles=[
                ek.Role(
                    title="President of Ukraine", organisation="ukraine", start=_date("2019-05-20")
                )
            ],
            identifiers={"wikidata": "Q3874799"},
        ),
        # para 6: "The Polish prime minister, Donald Tusk"
        ek.Actor(
            id="donald-tusk",
            name="Donald Tusk",
            kind="person",
            country="POL",
            roles=[
                ek.Role(
                    title="Prime Minister of Poland",
                    organisation="poland",
                    start=_date("2023-12-13"),
                )
            ],
            identifiers={"wikidata": "Q946"},
        ),
        # para 4: "its Foreign Minister Sergei Lavrov"
        ek.Actor(
            id="sergei-lavrov",
            name="Sergei Lavrov",
            kind="person",
            country="RUS",
            roles=[
                ek.Role(
                    title="Foreign Minister of Russia",
                    organisation="russia",
                    start=_date("2004-03-09"),
                )
            ],
            identifiers={"wikidata": "Q80510"},
        ),
        # para 9: "Matthias Schmale, UN head in Ukraine" (the article gives no dates)
        ek.Actor(
            id="matthias-schmale",
            name="Matthias Schmale",
            kind="person",
            roles=[ek.Role(title="UN head in Ukraine", organisation="united-nations")],
        ),
        # para 15: "the previous president, Donald Trump"
        ek.Actor(
            id="donald-trump",
            name="Donald Trump",
            kind="person",
            country="USA",
            roles=[
                ek.Role(
                    title="President of the United States",
                    organisation="united-states",
                    start=_date("2017-01-20"),
                    end=_date("2021-01-20"),
                )
            ],
            identifiers={"wikidata": "Q22686"},
        ),
        # byline: "By Tanguy Besson"; about the creator: "Tanguy Besson, Freelance Journalist."
        ek.Actor(
            id="tanguy-besson",
            name="Tanguy Besson",
            kind="person",
            roles=[ek.Role(title="Freelance Journalist")],
        ),
    ]


def states() -> list[ek.Actor]:
    """The countries the article names."""

    def state(id: str, name: str, country: str, wikidata: str, *aliases: str) -> ek.Actor:
        return ek.Actor(
            id=id,
            name=name,
            kind="state",
            country=country,
            aliases=aliases,
            identifiers={"wikidata": wikidata},
        )

    return [
        state("germany", "Germany", "DEU", "Q183"),  # para 5
        state("russia", "Russia", "RUS", "Q159"),  # para 2
        state("ukraine", "Ukraine", "UKR", "Q212"),  # para 1
        state("poland", "Poland", "POL", "Q36"),  # para 6
        state("united-states", "United States", "USA", "Q30", "U.S.", "US"),  # para 4, 15
        state("united-kingdom", "United Kingdom", "GBR", "Q145"),  # para 4
        state("france", "France", "FRA", "Q142"),  # para 4
        state("austria", "Austria", "AUT", "Q40"),  # para 12
        state("switzerland", "Switzerland", "CHE", "Q39"),  # para 16
        state("north-korea", "North Korea", "PRK", "Q423"),  # para 11
        state("brazil", "Brazil", "BRA", "Q155"),  # para 4
    ]


def institutions() -> list[ek.Actor]:
    """Governments, armed forces, organisations, companies and groups."""
    return [
        # para 2: "Initiated by Berlin"; para 4: "the German government";
        # para 14: "Germany's coalition government"
        ek.Actor(
            id="german-government",
            name="Government of Germany",
            kind="government",
            country="DEU",
            aliases=["Berlin", "the German government"],
        ),
        # para 5: "According to Scholz's office"
        ek.Actor(
            id="german-chancellery",
            name="German Chancellery",
            kind="government",
            country="DEU",
            aliases=["Scholz’s office", "Bundeskanzleramt"],
        ),
        # para 2: "by the Kremlin"; para 7: "Moscow intends"
        ek.Actor(
            id="kremlin",
            name="Kremlin",
            kind="government",
            country="RUS",
            aliases=["Moscow"],
            description="The Russian presidency, as the article names it.",
        ),
        # para 5: "commitment to Kyiv"; para 7: "Kyiv and its Western allies"
        ek.Actor(
            id="ukrainian-government",
            name="Government of Ukraine",
            kind="government",
            country="UKR",
            aliases=["Kyiv"],
        ),
        # para 5: "withdrawal of Russian forces"; para 9: "Russian airstrikes";
        # para 17: "Russian military aircraft"
        ek.Actor(
            id="russian-armed-forces",
            name="Armed Forces of Russia",
            kind="military",
            country="RUS",
            aliases=["Russian forces"],
        ),
        # para 11: "North Korean troops"
        ek.Actor(
            id="north-korean-troops",
            name="North Korean troops",
            kind="military",
            country="PRK",
        ),
        # para 17: "the British Ministry of Defence"
        ek.Actor(
            id="uk-ministry-of-defence",
            name="Ministry of Defence",
            kind="agency",
            country="GBR",
            aliases=["British Ministry of Defence"],
        ),
        # para 7: "NATO's expansion eastward"; para 17: "NATO airspace"
        ek.Actor(
            id="nato",
            name="NATO",
            kind="international_organisation",
            identifiers={"wikidata": "Q7184"},
        ),
        # para 5: "the European Union's firm commitment"
        ek.Actor(
            id="european-union",
            name="European Union",
            kind="international_organisation",
            identifiers={"wikidata": "Q458"},
        ),
        # para 9: "The UN has expressed its deep concern"
        ek.Actor(
            id="united-nations",
            name="United Nations",
            kind="international_organisation",
            aliases=["UN"],
            identifiers={"wikidata": "Q1065"},
        ),
        # para 4: "other G7 partners"
        ek.Actor(id="g7", name="G7", kind="international_organisation"),
        # para 4: "the forthcoming G20 summit"
        ek.Actor(id="g20", name="G20", kind="international_organisation"),
        # para 12: "a dispute between Gazprom and Austrian energy company OMV"
        ek.Actor(
            id="gazprom",
            name="Gazprom",
            kind="company",
            country="RUS",
            identifiers={"wikidata": "Q102673"},
        ),
        ek.Actor(
            id="omv",
            name="OMV",
            kind="company",
            country="AUT",
            description="Austrian energy company.",
        ),
        # para 9: "Humanitarian agencies scramble to put winter aid for millions out"
        ek.Actor(id="humanitarian-agencies", name="Humanitarian agencies", kind="group"),
        # para 13: "brief Zelensky and other European leaders"
        ek.Actor(id="european-leaders", name="European leaders", kind="group"),
        # para 7: "Kyiv and its Western allies flatly reject"
        ek.Actor(id="western-allies", name="Western allies of Ukraine", kind="group"),
    ]


def media() -> list[ek.Actor]:
    """Who wrote and published the reporting: the author is in people()."""
    return [
        # credits: "(dpa, afp, AP, reuters)"
        ek.Actor(id="deutsche-presse-agentur", name="Deutsche Presse-Agentur", kind="media",
                 country="DEU", aliases=["dpa"]),
        ek.Actor(id="agence-france-presse", name="Agence France-Presse", kind="media",
                 country="FRA", aliases=["AFP"], identifiers={"wikidata": "Q40464"}),
        ek.Actor(id="associated-press", name="Associated Press", kind="media",
                 country="USA", aliases=["AP"], identifiers={"wikidata": "Q40469"}),
        ek.Actor(id="reuters-news-agency", name="Reuters", kind="media",
                 country="GBR", identifiers={"wikidata": "Q130879"}),
        # footer: "© 2026 Creatd, Inc. All Rights Reserved."
        ek.Actor(id="creatd", name="Creatd, Inc.", kind="company", country="USA",
                 description="Publisher of the platform the article appeared on."),
    ]  # fmt: skip


def actors() -> list[ek.Actor]:
    """Every actor in the article."""
    return [*people(), *states(), *institutions(), *media()]


# --- sources -----------------------------------------------------------------


def sources() -> list[ek.Source]:
    """The article, the agencies it credits, and the readouts they draw on."""
    # The two readouts came out after the call and before the article, both on
    # the day itself; the agencies report both (the article quotes both, and
    # credits only the agencies).
    readouts = ("kremlin-readout", "chancellery-readout")
    return [
        # headline, byline, standfirst, credits. The byline's "Published about
        # a year ago" is relative to when the page was saved; the text itself
        # says it was written "today ( Friday 15.11.24)" (para 1).
        ek.Source(
            id=ARTICLE,
            name="The Long-Awaited Conversation Between Scholz and Putin",
            kind="article",
            author="tanguy-besson",
            publisher="creatd",
            published=ek.parse_when("Friday 15.11.24", dayfirst=True),
            language="en",
            derived_from=["dpa", "afp", "ap", "reuters"],
        ),
        # credits: "(dpa, afp, AP, reuters)"
        ek.Source(id="dpa", name="dpa", kind="news_agency", publisher="deutsche-presse-agentur",
                  language="de", derived_from=readouts),
        ek.Source(id="afp", name="AFP", kind="news_agency", publisher="agence-france-presse",
                  derived_from=readouts),
        ek.Source(id="ap", name="AP", kind="news_agency", publisher="associated-press",
                  language="en", derived_from=readouts),
        ek.Source(id="reuters", name="Reuters", kind="news_agency",
                  publisher="reuters-news-agency", derived_from=readouts),
        # para 7: "The Kremlin readout of the conversation"
        ek.Source(id="kremlin-readout", name="Kremlin readout of the call with Olaf Scholz",
                  kind="readout", publisher="kremlin", published=CALL_DAY, language="ru"),
        # para 5: "According to Scholz's office"
        ek.Source(id="chancellery-readout",
                  name="German Chancellery's account of the call with Vladimir Putin",
                  kind="readout", publisher="german-chancellery", published=CALL_DAY,
                  language="de"),
    ]  # fmt: skip


# --- events ------------------------------------------------------------------


def the_call() -> list[ek.Event]:
    """The call itself, the contact before it, and how it was prepared and followed up."""
    call = ek.PhoneCall(
        id=CALL,
        title="Phone call between Olaf Scholz and Vladimir Putin",
        summary=(
            "An hour-long call on the war in Ukraine, initiated by Berlin; the first direct "
            "contact between the two since December 2022."
        ),
        when=ek.parse_when("Friday 15.11.24", dayfirst=True),
        # "hour-long" is a round figure, not a measured one.
        duration=ek.Quantity(value=1, unit="hour", qualifier="about"),
        participants=[
            ek.Participant(actor="olaf-scholz", role="initiator"),
            ek.Participant(actor="german-government", role="initiator"),
            ek.Participant(actor="vladimir-putin", role="recipient"),
        ],
        related=[
            ek.Relation(kind="follows", event="contact-2022-12"),
            ek.Relation(kind="follows", event="us-elections-2024"),
            ek.Relation(kind="precedes", event="g20-summit-brazil"),
            ek.Relation(kind="part_of", event="war-in-ukraine"),
        ],
        sources=[
            _cite(1, "German Chancellor Olaf Scholz and Russian President Vladimir Putin have "
                     "had today ( Friday 15.11.24) a critical conversation on the ongoing war "
                     "in Ukraine."),
            _cite(2, "Initiated by Berlin, the hour-long discussion"),
            _cite("standfirst", "It was a highly-anticipated phone call, that ended almost two "
                                "years of diplomatic silence."),
        ],
        topics=("the war in Ukraine",),
        tags=["diplomacy"],
    )  # fmt: skip
    earlier_contact = ek.Communication(
        id="contact-2022-12",
        title="Last direct contact between Scholz and Putin before the call",
        summary="The article dates it only to the month and does not say what kind of contact.",
        when=ek.parse_when("December 2022"),
        participants=[
            ek.Participant(actor="olaf-scholz"),
            ek.Participant(actor="vladimir-putin"),
        ],
        related=[ek.Relation(kind="precedes", event=CALL)],
        sources=[
            _cite(3, "The phone call was the first direct contact between Scholz and Putin "
                     "since December 2022."),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    silence = ek.Event(
        id="diplomatic-silence",
        title="Almost two years without direct contact between Scholz and Putin",
        when=ek.TimeSpan(start=_date("2022-12"), end=CALL_DAY),
        duration=ek.Quantity(value=2, unit="year", qualifier="nearly"),
        participants=[
            ek.Participant(actor="olaf-scholz"),
            ek.Participant(actor="vladimir-putin"),
        ],
        related=[
            ek.Relation(kind="follows", event="contact-2022-12"),
            ek.Relation(kind="context_of", event=CALL),
        ],
        sources=[
            _cite("standfirst", "ended almost two years of diplomatic silence"),
            _cite(4, "Over the period of those two years"),
        ],
        tags=["diplomacy"],
    )
    consultations = ek.Communication(
        id="consultations-before-call",
        title="German government consults allies before the call",
        summary=(
            "Consultations with the United States, the United Kingdom, France and other G7 "
            "partners."
        ),
        when=_by_the_call("The call was carefully prepared for"),
        participants=[
            ek.Participant(actor="german-government", role="initiator"),
            ek.Participant(actor="united-states"),
            ek.Participant(actor="united-kingdom"),
            ek.Participant(actor="france"),
            ek.Participant(actor="g7"),
        ],
        related=[ek.Relation(kind="preparation_for", event=CALL)],
        topics=("the call with Putin",),
        sources=[
            _cite(4, "The call was carefully prepared for by the German government, including "
                     "consultations with the United States, the United Kingdom, France, and "
                     "other G7 partners."),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    zelensky_before = ek.Communication(
        id="scholz-zelensky-before-call",
        title="Scholz speaks with Zelensky before the call",
        summary="To align messaging with Kyiv.",
        when=_by_the_call("In advance of the call with Putin"),
        participants=[
            ek.Participant(actor="olaf-scholz"),
            ek.Participant(actor="volodymyr-zelensky"),
        ],
        related=[ek.Relation(kind="preparation_for", event=CALL)],
        sources=[
            _cite(13, "In advance of the call with Putin, Scholz had spoken with Ukrainian "
                      "President Volodymyr Zelensky to align messaging"),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    briefing = ek.Communication(
        id="briefing-after-call",
        title="Scholz to brief Zelensky and other European leaders on the call",
        when=_after_the_call("afterward"),
        status="planned",
        participants=[
            ek.Participant(actor="olaf-scholz", role="initiator"),
            ek.Participant(actor="volodymyr-zelensky", role="recipient"),
            ek.Participant(actor="european-leaders", role="recipient"),
        ],
        related=[ek.Relation(kind="follows", event=CALL)],
        topics=("the results of the call",),
        sources=[
            _cite(13, "And afterward, he was set to brief Zelensky and other European leaders "
                      "on the results of that call"),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    return [call, earlier_contact, silence, consultations, zelensky_before, briefing]


def diplomacy() -> list[ek.Event]:
    """The diplomatic calendar around the call, held and hoped for."""
    us_elections = ek.Event(
        id="us-elections-2024",
        title="U.S. elections",
        summary=(
            'The article calls them "the U.S. midterm elections"; the elections of November '
            "2024 were a presidential election."
        ),
        when=_by_the_call("after the U.S. midterm elections"),
        participants=[ek.Participant(actor="united-states", role="subject")],
        related=[ek.Relation(kind="context_of", event=CALL)],
        sources=[_cite(4, "It was a strategic timing-after the U.S. midterm elections")],
        codes=ek.Codes(context=["election"]),
        tags=["election"],
    )
    g20 = ek.Summit(
        id="g20-summit-brazil",
        title="G20 summit in Brazil",
        summary=(
            "Russia will be represented by its Foreign Minister Sergei Lavrov, not Putin "
            "himself."
        ),
        when=_after_the_call("the forthcoming G20 summit"),
        place=ek.Place(name="Brazil", country="BRA"),
        status="planned",
        participants=[
            ek.Participant(actor="g20"),
            ek.Participant(actor="brazil", role="host"),
            ek.Participant(actor="sergei-lavrov"),
        ],
        related=[ek.Relation(kind="follows", event=CALL)],
        sources=[
            _cite(4, "before the forthcoming G20 summit in Brazil, where Russia will be "
                     "represented by its Foreign Minister Sergei Lavrov, not Putin himself."),
        ],
        forum="G20",
        tags=["diplomacy"],
    )  # fmt: skip
    peace_settlement = ek.Agreement(
        id="peace-settlement",
        title="A negotiated peace settlement for Ukraine",
        summary=(
            "What both sides of the call spoke of on different terms: Scholz of a just and "
            "lasting peace, Putin of \"new territorial realities\"."
        ),
        when=_after_the_call("whatever peace process may eventually emerge"),
        status="proposed",
        participants=[
            ek.Participant(actor="russia"),
            ek.Participant(actor="ukraine"),
        ],
        related=[ek.Relation(kind="follows", event=CALL)],
        sources=[
            _cite(5, "underlined the need to continue pursuing a negotiated solution that would "
                     "guarantee a just and lasting peace"),
            _cite(6, "whatever peace process may eventually emerge"),
            _cite(7, "Russia’s preconditions for any prospective peace settlement"),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    trump_deal = ek.Agreement(
        id="us-deal-territorial-concessions",
        title="A US-sought \"deal\" involving territorial concessions by Ukraine",
        when=_after_the_call("a possible shift toward seeking a “deal”"),
        status="speculated",
        participants=[
            ek.Participant(actor="united-states", role="initiator"),
            ek.Participant(actor="russia"),
            ek.Participant(actor="ukraine"),
        ],
        sources=[
            _cite(15, "had signaled a possible shift toward seeking a “deal” that would have "
                      "involved territorial concessions by Ukraine"),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    russia_us_talks = ek.Negotiation(
        id="russia-us-talks",
        title="Possible Russia–US talks hosted by Switzerland or another neutral country",
        summary="Everything remains speculative for the time being.",
        when=_after_the_call("could host talks"),
        status="speculated",
        participants=[
            ek.Participant(actor="russia"),
            ek.Participant(actor="united-states"),
            ek.Participant(actor="switzerland", role="host"),
        ],
        sources=[
            _cite(16, "broader discussions about possible diplomatic overtures between Russia "
                      "and the United States"),
            _cite(16, "Speculation has emerged that Switzerland or other neutral countries "
                      "could host talks in a bid to dial down tensions. Yet everything remains "
                      "speculative for the time being"),
        ],
        tags=["diplomacy"],
    )  # fmt: skip
    relations_decline = ek.Event(
        id="russia-west-relations-decline",
        title="Deterioration of relations between Russia and the West",
        when=ek.TimeSpan(start=_date("2022-12"), end=CALL_DAY, text="those two years"),
        participants=[
            ek.Participant(actor="russia"),
            ek.Participant(actor="western-allies"),
        ],
        related=[ek.Relation(kind="context_of", event=CALL)],
        sources=[
            _cite(4, "an unprecedentedly hard deterioration of relations between Russia and the "
                     "West"),
        ],
        codes=ek.Codes(plover="SANCTION", cameo="160", context=["diplomatic"]),
        tags=["diplomacy"],
    )  # fmt: skip
    return [us_elections, g20, peace_settlement, trump_deal, russia_us_talks, relations_decline]


def war() -> list[ek.Event]:
    """The war, the strikes, the troops and the aircraft the article reports."""
    the_war = ek.Attack(
        id="war-in-ukraine",
        title="Russia's war in Ukraine",
        summary="Ukraine is preparing for its third winter of war.",
        when=_by_the_call("the ongoing war in Ukraine"),
        status="ongoing",
        place=ek.Place(name="Ukraine", country="UKR"),
        participants=[
            ek.Participant(actor="russia", role="perpetrator"),
            ek.Participant(actor="ukraine", role="target"),
        ],
        related=[ek.Relation(kind="context_of", event=CALL)],
        sources=[
            _cite(1, "the ongoing war in Ukraine"),
            _cite(2, "Russia’s invasion of Ukraine"),
            _cite(9, "its third winter of war"),
        ],
        codes=ek.Codes(context=["military"]),
        tags=["war"],
    )  # fmt: skip
    airstrikes = ek.Airstrike(
        id="strikes-on-energy-infrastructure",
        title="Russian airstrikes wreck Ukraine's energy infrastructure",
        summary="Damage to two-thirds of Ukraine's energy facilities, according to the UN.",
        when=_by_the_call("already having wrecked"),
        place=ek.Place(name="Ukraine", country="UKR"),
        participants=[
            ek.Participant(actor="russian-armed-forces", role="perpetrator"),
            ek.Participant(actor="ukraine", role="target"),
        ],
        related=[ek.Relation(kind="part_of", event="war-in-ukraine")],
        sources=[
            _cite(9, "Russian airstrikes already having wrecked essential infrastructure, "
                     "including energy systems"),
        ],
        target_types=("essential infrastructure", "energy systems"),
        tags=["war", "energy"],
    )  # fmt: skip
    escalation = ek.Attack(
        id="drone-missile-escalation",
        title="Russia escalates drone and missile attacks on Ukraine",
        when=_by_the_call("In recent weeks"),
        status="ongoing",
        place=ek.Place(name="Ukraine", country="UKR"),
        participants=[
            ek.Participant(actor="russian-armed-forces", role="perpetrator"),
            ek.Participant(actor="ukraine", role="target"),
        ],
        related=[ek.Relation(kind="part_of", event="war-in-ukraine")],
        sources=[
            _cite(10, "In recent weeks, Russia’s escalation of drone and missile attacks has "
                      "contributed to fraying Ukrainian resilience."),
        ],
        weapon="drones and missiles",
        tags=["war"],
    )  # fmt: skip
    odesa_strikes = ek.Attack(
        id="odesa-strikes",
        title="Strikes on Odessa",
        when=_by_the_call("In recent weeks"),
        place=ek.Place(name="Odessa", country="UKR"),
        participants=[
            ek.Participant(actor="russian-armed-forces", role="perpetrator"),
            ek.Participant(actor="ukraine", role="target"),
        ],
        related=[ek.Relation(kind="part_of", event="drone-missile-escalation")],
        sources=[_cite(10, "Cities such as Odessa have been subjected to strikes")],
        tags=["war"],
    )
    latest_odesa_strike = ek.Attack(
        id="odesa-latest-strike",
        title="Latest strike on Odessa kills one and injures ten",
        when=_by_the_call("the most recent of which"),
        place=ek.Place(name="Odessa", country="UKR"),
        participants=[
            ek.Participant(actor="russian-armed-forces", role="perpetrator"),
            ek.Participant(actor="ukraine", role="target"),
        ],
        related=[ek.Relation(kind="part_of", event="odesa-strikes")],
        sources=[
            _cite(10, "the most recent of which killed one person and injured ten"),
        ],
        casualties=ek.Casualties(killed=ek.Quantity(value=1), injured=ek.Quantity(value=10)),
        tags=["war"],
    )
    north_korean_troops = ek.Deployment(
        id="north-korean-troops-kursk",
        title="North Korean troops in combat alongside Russian forces in the Kursk region",
        summary="Known from reports that emerged in the week of the call.",
        when=ek.TimeSpan(start=_date("2024-11-11"), end=CALL_DAY, text="this week"),
        status="ongoing",
        place=ek.Place(name="Kursk region", country="RUS"),
        participants=[
            ek.Participant(actor="north-korean-troops"),
            ek.Participant(actor="russian-armed-forces"),
        ],
        related=[ek.Relation(kind="part_of", event="war-in-ukraine")],
        sources=[
            _cite(11, "Reports this week emerged about North Korean troops engaging in combat "
                      "duty jointly with Russian forces stationed in the Kursk region."),
        ],
        forces="North Korean troops",
        tags=["war", "reported"],
    )  # fmt: skip
    aircraft = ek.ShowOfForce(
        id="russian-aircraft-near-nato",
        title="Russian military aircraft near NATO airspace, including over the North Sea",
        when=_by_the_call("recent activity"),
        place=ek.Place(name="North Sea"),
        participants=[
            ek.Participant(actor="russian-armed-forces", role="initiator"),
            ek.Participant(actor="nato", role="target"),
        ],
        sources=[
            _cite(17, "incidents involving Russian military aircraft near the NATO "
                      "airspace-including recent activity over the North Sea"),
        ],
        forces="Russian military aircraft",
        tags=["military"],
    )  # fmt: skip
    uk_reaction = ek.Event(
        id="uk-mod-reaction",
        title="British Ministry of Defence reacts to the Russian aircraft incidents",
        when=_by_the_call("The reaction"),
        participants=[ek.Participant(actor="uk-ministry-of-defence", role="initiator")],
        related=[ek.Relation(kind="response_to", event="russian-aircraft-near-nato")],
        sources=[
            _cite(17, "The reaction of the British Ministry of Defence against such incidents"),
        ],
        tags=["military"],
    )
    return [
        the_war,
        airstrikes,
        escalation,
        odesa_strikes,
        latest_odesa_strike,
        north_korean_troops,
        aircraft,
        uk_reaction,
    ]


def energy_and_aid() -> list[ek.Event]:
    """Gas, winter, humanitarian aid, German money and German politics."""
    gas_dispute = ek.Event(
        id="gazprom-omv-dispute",
        title="Dispute between Gazprom and OMV",
        when=_by_the_call("a dispute between Gazprom and Austrian energy company OMV"),
        status="ongoing",
        participants=[
            ek.Participant(actor="gazprom"),
            ek.Participant(actor="omv"),
        ],
        sources=[_cite(12, "a dispute between Gazprom and Austrian energy company OMV")],
        codes=ek.Codes(plover="ACCUSE", cameo="110", context=["economic"]),
        tags=["energy"],
    )
    gas_cutoff = ek.SupplyCut(
        id="austria-gas-cutoff",
        title="Imminent cutoff of Russian gas supplies to Austria",
        when=_after_the_call("imminent"),
        status="expected",
        place=ek.Place(name="Austria", country="AUT"),
        participants=[
            ek.Participant(actor="gazprom", role="supplier"),
            ek.Participant(actor="omv", role="consumer"),
            ek.Participant(actor="austria", role="consumer"),
        ],
        related=[ek.Relation(kind="caused_by", event="gazprom-omv-dispute")],
        sources=[
            _cite(12, "Austria, dependent on Russian natural gas, is bracing for an imminent "
                      "cutoff of supplies due to a dispute between Gazprom and Austrian energy "
                      "company OMV."),
        ],
        commodity="natural gas",
        tags=["energy"],
    )  # fmt: skip
    winter = ek.Event(
        id="third-winter-of-war",
        title="Ukraine's third winter of war",
        summary="Conditions are expected to be far worse than last year.",
        when=_after_the_call("The coming winter"),
        status="expected",
        place=ek.Place(name="Ukraine", country="UKR"),
        participants=[ek.Participant(actor="ukraine", role="subject")],
        related=[ek.Relation(kind="part_of", event="war-in-ukraine")],
        sources=[
            _cite(9, "Ukraine is seriously preparing for its third winter of war"),
            _cite(20, "The coming winter worsens the humanitarian crisis"),
        ],
        tags=["humanitarian"],
    )  # fmt: skip
    winter_aid = ek.AidDelivery(
        id="winter-aid",
        title="Humanitarian agencies deliver winter aid for millions",
        summary="Against freezing temperatures coupled with power shortages.",
        when=_by_the_call("scramble"),
        status="ongoing",
        place=ek.Place(name="Ukraine", country="UKR"),
        participants=[
            ek.Participant(actor="humanitarian-agencies", role="donor"),
            ek.Participant(actor="ukraine", role="beneficiary"),
        ],
        related=[ek.Relation(kind="preparation_for", event="third-winter-of-war")],
        sources=[
            _cite(9, "Humanitarian agencies scramble to put winter aid for millions out against "
                     "freezing temperatures coupled with power shortages."),
        ],
        aid_kind="humanitarian",
        tags=["humanitarian"],
    )  # fmt: skip
    coalition_collapse = ek.PoliticalCrisis(
        id="german-coalition-collapse",
        title="Collapse of Germany's coalition government",
        when=_by_the_call("Recently"),
        place=ek.Place(name="Germany", country="DEU"),
        participants=[ek.Participant(actor="german-government", role="subject")],
        sources=[
            _cite(14, "Recently, the collapse of Germany’s coalition government put a question "
                      "mark behind ongoing military and financial aid to Ukraine."),
        ],
        tags=["politics"],
    )  # fmt: skip
    german_aid = ek.AidDelivery(
        id="german-aid-to-ukraine",
        title="Germany's military and financial aid to Ukraine",
        when=_by_the_call("ongoing military and financial aid to Ukraine"),
        status="ongoing",
        participants=[
            ek.Participant(actor="germany", role="donor"),
            ek.Participant(actor="ukraine", role="beneficiary"),
        ],
        related=[ek.Relation(kind="part_of", event="war-in-ukraine")],
        sources=[
            _cite(14, "ongoing military and financial aid to Ukraine"),
            _cite(14, "Germany’s stalwart support for Ukraine"),
        ],
        tags=["aid"],
    )
    aid_allocated = ek.Aid(
        id="german-aid-2024-allocated",
        title="Nearly €8 billion of German aid allocated to Ukraine this year",
        when=_by_the_call("already allocated"),
        amount=ek.Money(amount=Decimal("8000000000"), currency="EUR", qualifier="nearly"),
        # "this year", read against the day of the article: 2024.
        period=ek.parse_when("this year", reference=CALL_DAY),
        participants=[
            ek.Participant(actor="germany", role="donor"),
            ek.Participant(actor="ukraine", role="beneficiary"),
        ],
        related=[ek.Relation(kind="part_of", event="german-aid-to-ukraine")],
        sources=[_cite(14, "nearly €8 billion already allocated this year")],
        tags=["aid"],
    )
    aid_package = ek.AidPledge(
        id="german-aid-package-3bn",
        title="Proposed €3 billion German aid package for Ukraine",
        when=_by_the_call("Scholz promised further funding"),
        status="proposed",
        amount=ek.Money(amount=Decimal("3000000000"), currency="EUR"),
        period=ek.PartialDate(year=2024, text="for 2024"),
        participants=[
            ek.Participant(actor="germany", role="donor"),
            ek.Participant(actor="ukraine", role="beneficiary"),
        ],
        related=[ek.Relation(kind="part_of", event="german-aid-to-ukraine")],
        sources=[_cite(14, "a proposed €3 billion package for 2024")],
        tags=["aid"],
    )
    return [
        gas_dispute,
        gas_cutoff,
        winter,
        winter_aid,
        coalition_collapse,
        german_aid,
        aid_allocated,
        aid_package,
    ]


def events() -> list[ek.Event]:
    """Every event the article reports or mentions."""
    return [*the_call(), *diplomacy(), *war(), *energy_and_aid()]


# --- statements --------------------------------------------------------------


def kremlin_account() -> list[ek.Statement]:
    """What the Kremlin readout says about the call."""
    via = "kremlin-readout"
    return [
        ek.Statement(
            id="kremlin-frank",
            speaker="kremlin",
            text="The Kremlin described the conversation as frank.",
            quote="frank",
            kind="assessment",
            about=[CALL],
            when=CALL_DAY,
            via=via,
            sources=[_cite(2, "Described as “frank” by the Kremlin")],
        ),
        ek.Statement(
            id="putin-territorial-realities",
            speaker="vladimir-putin",
            text=(
                "Any peace agreement must account for the new territorial realities and take "
                "Russia's security concerns into consideration."
            ),
            quote="new territorial realities",
            kind="demand",
            event=CALL,
            about=["peace-settlement"],
            when=CALL_DAY,
            via=via,
            disputes=["scholz-withdrawal"],
            sources=[
                _cite(
                    7,
                    "He repeated Russia’s preconditions for any prospective peace "
                    "settlement, saying agreements must account for “new territorial "
                    "realities” and take into consideration Russia’s security concerns.",
                ),
            ],
        ),
        ek.Statement(
            id="putin-root-causes",
            speaker="vladimir-putin",
            text="Putin insisted on addressing the root causes of the war.",
            quote="root causes",
            kind="position",
            event=CALL,
            about=["war-in-ukraine", "nato"],
            when=CALL_DAY,
            via=via,
            sources=[
                _cite(
                    7,
                    "Putin’s insistence on the “root causes” of the war\u200a—\u200aframed very "
                    "often in terms of NATO’s expansion eastward",
                ),
            ],
        ),
        ek.Statement(
            id="kremlin-russian-terms",
            speaker="kremlin",
            text="Negotiations would have to be on Russian terms.",
            kind="position",
            about=[CALL, "peace-settlement"],
            when=CALL_DAY,
            via=via,
            sources=[
                _cite(
                    8,
                    "While the Kremlin sounded conciliatory, it made clear that "
                    "negotiations would have to be on Russian terms.",
                ),
            ],
        ),
        ek.Statement(
            id="putin-nato-aggressive",
            speaker="vladimir-putin",
            text="Putin characterised NATO as aggressive and anti-Russian.",
            quote="aggressive and anti-Russian",
            kind="condemnation",
            event=CALL,
            about=["nato"],
            when=CALL_DAY,
            via=via,
            sources=[
                _cite(
                    8,
                    "Putin’s rhetoric also tried to shift blame onto NATO, which he "
                    "characterized as “aggressive and anti-Russian.”",
                ),
            ],
        ),
    ]


def chancellery_account() -> list[ek.Statement]:
    """What Scholz's office says he told Putin."""
    via = "chancellery-readout"
    return [
        ek.Statement(
            id="scholz-condemns-aggression",
            speaker="olaf-scholz",
            text="Scholz condemned Russia's aggression unequivocally.",
            kind="condemnation",
            event=CALL,
            about=["war-in-ukraine", "russia"],
            when=CALL_DAY,
            via=via,
            sources=[
                _cite(
                    5,
                    "According to Scholz’s office, the German chancellor used the "
                    "opportunity to condemn Russia’s aggression unequivocally",
                ),
            ],
        ),
        ek.Statement(
            id="scholz-withdrawal",
            speaker="olaf-scholz",
            text="Scholz urged an immediate withdrawal of Russian forces from Ukraine.",
            kind="demand",
            event=CALL,
            about=["russian-armed-forces", "war-in-ukraine"],
            when=CALL_DAY,
            via=via,
            sources=[_cite(5, "urge an immediate withdrawal of Russian forces from Ukraine")],
        ),
        ek.Statement(
            id="scholz-negotiated-solution",
            speaker="olaf-scholz",
            text=(
                "Scholz emphasised Germany's steadfast support for Ukraine's sovereignty and the "
                "need to keep pursuing a negotiated solution that guarantees a just and lasting "
                "peace."
            ),
            kind="position",
            event=CALL,
            about=["peace-settlement", "ukraine"],
            when=CALL_DAY,
            via=via,
            disputes=["putin-territorial-realities"],
            sources=[
                _cite(
                    5,
                    "Scholz emphasized Germany’s steadfast support for Ukraine’s "
                    "sovereignty and underlined the need to continue pursuing a negotiated "
                    "solution that would guarantee a just and lasting peace.",
                ),
            ],
        ),
        ek.Statement(
            id="scholz-as-long-as-necessary",
            speaker="olaf-scholz",
            text=(
                "The European Union is firmly committed to Kyiv, and Germany is determined to "
                "stand by Ukraine as long as necessary."
            ),
            quote="as long as necessary",
            kind="promise",
            event=CALL,
            about=["ukraine", "european-union"],
            when=CALL_DAY,
            via=via,
            sources=[
                _cite(
                    5,
                    "The discussion underlined the European Union’s firm commitment to "
                    "Kyiv and Germany’s determination to stand by Ukraine “as long as "
                    "necessary.”",
                ),
            ],
        ),
    ]


def reactions() -> list[ek.Statement]:
    """What others said: Tusk, Kyiv and its allies, the UN, Trump, and Scholz at home."""
    return [
        ek.Statement(
            id="scholz-nothing-about-ukraine",
            speaker="olaf-scholz",
            text="Nothing about Ukraine would be decided without Ukraine.",
            # The article quotes two fragments; the ellipsis stands for its
            # unquoted "would be decided".
            quote="nothing about Ukraine … without Ukraine",
            kind="promise",
            about=["peace-settlement", "ukraine"],
            sources=[
                _cite(
                    6,
                    "applauded Scholz for underlining that “nothing about Ukraine” would "
                    "be decided “without Ukraine.”",
                ),
            ],
        ),
        ek.Statement(
            id="tusk-applauds-scholz",
            speaker="donald-tusk",
            text="Tusk applauded Scholz for underlining that nothing about Ukraine would be "
            "decided without Ukraine.",
            kind="praise",
            about=["olaf-scholz", CALL],
            # "immediately": right after the call, on the same day.
            when=CALL_DAY,
            responds_to=["scholz-nothing-about-ukraine"],
            sources=[
                _cite(
                    6,
                    "The Polish prime minister, Donald Tusk, immediately applauded Scholz "
                    "for underlining that “nothing about Ukraine” would be decided "
                    "“without Ukraine.”",
                ),
            ],
        ),
        ek.Statement(
            id="kyiv-rejects-annexation",
            speaker="ukrainian-government",
            text="Kyiv rejects Russia holding onto annexed Ukrainian territories.",
            kind="position",
            about=["russia", "peace-settlement"],
            disputes=["putin-territorial-realities"],
            sources=[
                _cite(
                    7,
                    "The wording suggests Moscow intends to hold onto annexed Ukrainian "
                    "territories, a proposition Kyiv and its Western allies flatly reject.",
                ),
            ],
        ),
        ek.Statement(
            id="western-allies-reject-annexation",
            speaker="western-allies",
            text=(
                "Ukraine's Western allies reject Russia holding onto annexed Ukrainian territories."
            ),
            kind="position",
            about=["russia", "peace-settlement"],
            disputes=["putin-territorial-realities"],
            sources=[
                _cite(7, "a proposition Kyiv and its Western allies flatly reject"),
            ],
        ),
        ek.Statement(
            id="un-deep-concern",
            speaker="united-nations",
            text=(
                "The UN is deeply concerned about the consequences of further attacks on "
                "Ukraine's civilian infrastructure."
            ),
            kind="warning",
            about=["strikes-on-energy-infrastructure", "third-winter-of-war"],
            sources=[
                _cite(
                    9,
                    "The UN has expressed its deep concern over the consequences of further "
                    "attacks on the civilian infrastructure of Ukraine.",
                ),
            ],
        ),
        ek.Statement(
            id="schmale-two-thirds-damaged",
            speaker="matthias-schmale",
            text="Two-thirds of Ukraine's energy facilities have been damaged.",
            kind="figure",
            figure=ek.Quantity(
                value=0.67, qualifier="about", unit="share of Ukraine's energy facilities damaged"
            ),
            about=["strikes-on-energy-infrastructure"],
            sources=[
                _cite(
                    9,
                    "According to Matthias Schmale, UN head in Ukraine, damage to "
                    "two-thirds of the country’s energy facilities has taken place",
                ),
            ],
        ),
        ek.Statement(
            id="schmale-far-worse",
            speaker="matthias-schmale",
            text="Conditions this winter are expected to be far worse than last year.",
            quote="far worse than last year",
            kind="assessment",
            about=["third-winter-of-war"],
            sources=[
                _cite(9, "conditions are expected to be “far worse than last year.”"),
            ],
        ),
        ek.Statement(
            id="scholz-promises-funding",
            speaker="olaf-scholz",
            text=(
                "Scholz promised further funding for Ukraine, including a proposed €3 billion "
                "package, on top of nearly €8 billion already allocated this year."
            ),
            kind="promise",
            about=["german-aid-package-3bn", "german-aid-2024-allocated"],
            sources=[
                _cite(
                    14,
                    "Scholz promised further funding, including a proposed €3 billion "
                    "package for 2024, added to nearly €8 billion already allocated this "
                    "year.",
                ),
            ],
        ),
        ek.Statement(
            id="trump-seeks-deal",
            speaker="donald-trump",
            text=(
                "Trump signalled a possible shift toward seeking a deal that would involve "
                "territorial concessions by Ukraine."
            ),
            quote="deal",
            kind="position",
            about=["us-deal-territorial-concessions"],
            sources=[
                _cite(
                    15,
                    "the previous president, Donald Trump, had signaled a possible shift "
                    "toward seeking a “deal” that would have involved territorial "
                    "concessions by Ukraine",
                ),
            ],
        ),
    ]


def analysis() -> list[ek.Statement]:
    """The author's own reading of the call, kept apart from what he reports."""
    return [
        ek.Statement(
            id="besson-annexation-reading",
            speaker="tanguy-besson",
            text=(
                "Putin's wording suggests Moscow intends to hold onto annexed Ukrainian "
                "territories."
            ),
            kind="assessment",
            about=["kremlin", "peace-settlement"],
            responds_to=["putin-territorial-realities"],
            when=CALL_DAY,
            via=ARTICLE,
            sources=[
                _cite(
                    7,
                    "The wording suggests Moscow intends to hold onto annexed Ukrainian "
                    "territories",
                ),
            ],
        ),
        ek.Statement(
            id="besson-no-breakthrough",
            speaker="tanguy-besson",
            text=(
                "The call was not likely to bring an immediate breakthrough, but it was a "
                "necessary step toward keeping channels open."
            ),
            kind="assessment",
            about=[CALL],
            when=CALL_DAY,
            via=ARTICLE,
            sources=[
                _cite(
                    18,
                    "The conversation was not likely to immediately achieve "
                    "breakthroughs, but it represented a necessary step toward keeping "
                    "open channels.",
                ),
            ],
        ),
    ]


def statements() -> list[ek.Statement]:
    """Every statement: both readouts, the reactions, and the author's analysis."""
    return [*kremlin_account(), *chancellery_account(), *reactions(), *analysis()]


# --- the dataset -------------------------------------------------------------


def scholz_putin() -> ek.Dataset:
    """Return the whole article as a dataset: actors, sources, events, statements.

    Returns:
        A new `eventkit.Dataset` named ``"scholz-putin"``; it passes
        ``validate()``.

    Examples:
        >>> ds = scholz_putin()
        >>> [s.speaker for s in ds.statements_about("call-2024-11-15")][:3]
        ['kremlin', 'vladimir-putin', 'vladimir-putin']
        >>> ds["contact-2022-12"].when.precision.name
        'MONTH'
    """
    return ek.Dataset([*actors(), *sources(), *events(), *statements()], name="scholz-putin")
