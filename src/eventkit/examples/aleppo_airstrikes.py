"""Airstrikes on Aleppo, Friday 23 September 2016, as a monitor reported them.

The Syrian Observatory for Human Rights (SOHR) published a short report on
the day: "Warplanes and helicopters continue their massacres against
civilians in Aleppo and its countryside" (http://www.syriahr.com/en/?p=51090).
It is reporting of another kind than the Scholz–Putin article: an attack,
tolls with breakdowns (children, women), attribution the report makes in one
place and leaves open in others ("warplanes"), a weekday for a date
("since the early hours of Friday morning"), and a headline toll (72) that
is not the sum of the tolls it breaks down (45 + 15 + 11 = 71).
`aleppo_airstrikes` models all of it; ``docs/modelling.md`` walks through
the patterns.

How the records follow the report:

- The report is one `eventkit.Source`; every statement is the Observatory's,
  made ``via`` it, and every citation points at it with a few words of the
  report as the excerpt (its body is one paragraph: ``para 1``). Nothing is
  added that the report does not say: no ids or places from elsewhere.
- Each toll the report gives is a figure statement (``kind="figure"``)
  holding its `eventkit.Casualties`, so the headline toll and the tolls of
  the parts stay side by side (`Dataset.figures`); each event's own
  ``casualties`` follows the statement about it (``casualties_from``).
- Attribution keeps the report's certainty: the eastern neighbourhoods'
  strikes are attributed by the report to regime helicopters and Russian
  warplanes (``alleged``: the monitor's account, not confirmed); the
  "warplanes" over Beshqatin and al-Bab are not identified, so Russia and
  the Syrian government are both ``suspected`` perpetrators there.
- "Friday" is read with `eventkit.parse_when` against the report's date.
- "Wounded tens of others" is a range, 20 to 99, and the statement's text
  keeps the words; the missing are not counted (the report gives no number).

Examples:
    >>> ds = aleppo_airstrikes()
    >>> [s.figure.killed.value for s in ds.figures("strikes-beshqatin")]
    [15]
    >>> [e.id for e in ds.events_of("russia", role="perpetrator", certainty="suspected")]
    ['strikes-beshqatin', 'strikes-al-bab']
"""

import eventkit as ek

__all__ = ["aleppo_airstrikes"]

#: The id of the report's Source record; every citation points at it.
REPORT = "sohr-2016-09-23"
#: The id of the Provenance record of every event and statement.
CODED_BY = "eventkit-examples"
#: The day the report was published, which is also the day it reports on.
REPORT_DAY = ek.PartialDate.from_edtf("2016-09-23")


def _cite(excerpt: str) -> ek.Citation:
    return ek.Citation(source=REPORT, excerpt=excerpt, locator="para 1")


def _friday() -> ek.When:
    """The report's "since the early hours of Friday morning", read against its date."""
    return ek.parse_when("Friday", reference=REPORT_DAY)


def _count(value: int, qualifier: str | None = None) -> ek.Quantity:
    return ek.Quantity(value=value, qualifier=qualifier)


def _group(group: str, killed: int) -> ek.GroupCasualties:
    return ek.GroupCasualties(group=group, killed=_count(killed))


def actors() -> list[ek.Actor]:
    """The Observatory and the two states the report names."""
    return [
        ek.Actor(
            id="sohr",
            name="Syrian Observatory for Human Rights",
            kind="organisation",
            aliases=["SOHR"],
        ),
        ek.Actor(id="syrian-government", name="Syrian government", kind="government"),
        ek.Actor(id="russia", name="Russia", kind="state", country="RUS"),
    ]


def sources() -> list[ek.Source]:
    """The report itself."""
    return [
        ek.Source(
            id=REPORT,
            name=(
                "Warplanes and helicopters continue their massacres against civilians "
                "in Aleppo and its countryside"
            ),
            kind="report",
            url="http://www.syriahr.com/en/?p=51090",
            publisher="sohr",
            published=REPORT_DAY,
            language="en",
        )
    ]


def provenance() -> list[ek.Provenance]:
    """Who turned the report into records."""
    return [
        ek.Provenance(
            id=CODED_BY,
            coder="eventkit maintainers",
            method="manual",
            codebook="eventkit",
            description="Modelled by hand for eventkit's modelling guide.",
        )
    ]


_AERIAL = ek.Codes(
    plover="ASSAULT",
    mode="aerial",
    acled="Explosions/Remote violence",
    acled_sub_event="Air/drone strike",
    acled_disorder=["Political violence"],
)


def events() -> list[ek.Event]:
    """The day of strikes and its three parts, each with the toll it follows."""
    unidentified = [
        ek.Participant(actor="russia", role="perpetrator", certainty="suspected"),
        ek.Participant(actor="syrian-government", role="perpetrator", certainty="suspected"),
    ]
    return [
        ek.Event(
            id="strikes-2016-09-23",
            title="Airstrikes on Aleppo city and its countryside",
            when=_friday(),
            place=ek.Place(name="Aleppo", country="SYR", admin1="Aleppo Governorate"),
            participants=[
                ek.Participant(actor="syrian-government", role="perpetrator", certainty="alleged"),
                ek.Participant(actor="russia", role="perpetrator", certainty="alleged"),
            ],
            casualties=ek.Casualties(killed=_count(72, "at_least")),
            casualties_from="sohr-toll-day",
            sources=[_cite("the death of at least 72 people")],
            comment="The report's headline toll (72) is one more than its parts (45 + 15 + 11).",
            codes=_AERIAL,
            provenance=CODED_BY,
        ),
        ek.Airstrike(
            id="strikes-eastern-aleppo",
            title="Helicopter and warplane strikes on eastern Aleppo",
            when=_friday(),
            place=ek.Place(
                name="eastern neighbourhoods of Aleppo", country="SYR", admin1="Aleppo Governorate"
            ),
            participants=[
                ek.Participant(actor="syrian-government", role="perpetrator", certainty="alleged"),
                ek.Participant(actor="russia", role="perpetrator", certainty="alleged"),
            ],
            casualties=ek.Casualties(
                killed=_count(45), groups=[_group("children", 6), _group("women", 5)]
            ),
            casualties_from="sohr-toll-eastern-aleppo",
            related=[ek.Relation(kind="part_of", event="strikes-2016-09-23")],
            sources=[_cite("raids of Russian warplanes")],
            codes=_AERIAL,
            provenance=CODED_BY,
        ),
        ek.Airstrike(
            id="strikes-beshqatin",
            title="Warplane strike on Beshqatin",
            when=_friday(),
            place=ek.Place(name="Beshqatin", country="SYR", admin1="Aleppo Governorate"),
            participants=unidentified,
            casualties=ek.Casualties(
                killed=_count(15),
                groups=[_group("civilians", 15), _group("children", 11), _group("women", 3)],
            ),
            casualties_from="sohr-toll-beshqatin",
            related=[ek.Relation(kind="part_of", event="strikes-2016-09-23")],
            sources=[_cite("a massacre carried out by warplanes")],
            codes=_AERIAL,
            provenance=CODED_BY,
        ),
        ek.Airstrike(
            id="strikes-al-bab",
            title="Warplane raids on al-Bab",
            when=_friday(),
            place=ek.Place(name="al-Bab", country="SYR", admin1="Aleppo Governorate"),
            participants=unidentified,
            casualties=ek.Casualties(killed=_count(11)),
            casualties_from="sohr-toll-al-bab",
            related=[ek.Relation(kind="part_of", event="strikes-2016-09-23")],
            sources=[_cite("controlled by the “Islamic state”")],
            comment="The report adds that the city is held by Islamic State.",
            codes=_AERIAL,
            provenance=CODED_BY,
        ),
    ]


def _figure(
    id: str, event: str, text: str, casualties: ek.Casualties, excerpt: str
) -> ek.Statement:
    return ek.Statement(
        id=id,
        speaker="sohr",
        text=text,
        kind="figure",
        event=event,
        figure=casualties,
        when=REPORT_DAY,
        via=REPORT,
        sources=[_cite(excerpt)],
        provenance=CODED_BY,
    )


def statements() -> list[ek.Statement]:
    """The Observatory's tolls, one per event, and its expectation that they will rise."""
    return [
        _figure(
            "sohr-toll-day",
            "strikes-2016-09-23",
            "At least 72 people were killed, among them 24 children and women; "
            "tens of others were wounded and others went missing.",
            ek.Casualties(
                killed=_count(72, "at_least"),
                injured=ek.Quantity(low=20, high=99),
                groups=[
                    ek.GroupCasualties(
                        group="sohr.children_and_women", killed=_count(24, "at_least")
                    )
                ],
            ),
            "at least 72 people, including 24 children",
        ),
        _figure(
            "sohr-toll-eastern-aleppo",
            "strikes-eastern-aleppo",
            "45 people were killed in eastern Aleppo, among them 6 children and 5 women.",
            ek.Casualties(killed=_count(45), groups=[_group("children", 6), _group("women", 5)]),
            "rose to 45 including 6 children",
        ),
        _figure(
            "sohr-toll-beshqatin",
            "strikes-beshqatin",
            "15 civilians were killed in Beshqatin: three women, a man and eleven children.",
            ek.Casualties(
                killed=_count(15),
                groups=[_group("civilians", 15), _group("children", 11), _group("women", 3)],
            ),
            "15 civilians",
        ),
        _figure(
            "sohr-toll-al-bab",
            "strikes-al-bab",
            "11 people were killed in al-Bab.",
            ek.Casualties(killed=_count(11)),
            "the death of 11 people",
        ),
        ek.Statement(
            id="sohr-toll-will-rise",
            speaker="sohr",
            text="The toll is expected to rise: some of the wounded are in a critical condition.",
            kind="assessment",
            about=["strikes-2016-09-23"],
            when=REPORT_DAY,
            via=REPORT,
            sources=[_cite("the death toll is expected to rise")],
            provenance=CODED_BY,
        ),
    ]


def aleppo_airstrikes() -> ek.Dataset:
    """The SOHR report of 23 September 2016 on airstrikes in Aleppo, as a dataset.

    Examples:
        >>> ds = aleppo_airstrikes()
        >>> ds.check().valid, len(ds)
        (True, 14)
    """
    return ek.Dataset(
        [*actors(), *sources(), *provenance(), *events(), *statements()],
        name="Aleppo airstrikes, 23 September 2016",
    )
