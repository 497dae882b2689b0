"""What the terminal shows of a dataset: counts, time range, actors, sources, timeline.

``eventkit show`` prints a summary of any file; ``eventkit demo`` prints
the seed dataset with the same tables and its statements about the call.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

import eventkit as ek
from eventkit import _registry
from eventkit.cli._common import printable

__all__ = ["counts", "name_of", "said_about", "show", "timeline_table", "when_words"]


def name_of(dataset: ek.Dataset, actor_id: str) -> str:
    """The actor's name, or its id when the dataset does not hold it."""
    record = dataset.get(actor_id)
    return record.name if isinstance(record, ek.Actor) else actor_id


def _participants(dataset: ek.Dataset, event: ek.Event) -> str:
    return ", ".join(
        name_of(dataset, p.actor)
        if p.role == "participant"
        else f"{name_of(dataset, p.actor)} ({p.role})"
        for p in event.participants
    )


def when_words(value: ek.When | None) -> str:
    """A date or span in words a reader follows at a glance."""
    if value is None:
        return "undated"
    if isinstance(value, ek.PartialDate):
        return value.to_edtf()
    if value.start is None:
        return f"by {value.end}"
    if value.end is None:
        return f"from {value.start}"
    return f"{value.start} to {value.end}"


def counts(dataset: ek.Dataset) -> Table:
    """Records by kind, with the total."""
    table = Table(title="Records by kind", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Kind")
    table.add_column("Count", justify="right")
    for label, records in (
        ("actors", dataset.actors),
        ("sources", dataset.sources),
        ("events", dataset.events),
        ("statements", dataset.statements),
    ):
        table.add_row(label, str(len(records)))
    if dataset.unknown:
        table.add_row("of unknown types", str(len(dataset.unknown)))
    table.add_section()
    table.add_row("total", str(len(dataset)), style="bold")
    return table


def timeline_table(dataset: ek.Dataset, *, caption: str | None = None) -> Table:
    """The events in time order, with their status and participants."""
    table = Table(
        title="Timeline of events",
        title_justify="left",
        caption=caption,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("When", max_width=13)
    table.add_column("Status")
    table.add_column("Event and participants", ratio=1)
    for event in dataset.timeline():
        table.add_row(
            when_words(event.when),
            str(event.status),
            Text.assemble(event.title, "\n", (_participants(dataset, event), "dim")),
        )
    return table


def said_about(dataset: ek.Dataset, event_id: str) -> Table:
    """The statements about an event: who, through which source, what."""
    table = Table(title="What was said about the call", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Speaker", max_width=16)
    table.add_column("Via", max_width=20)
    table.add_column("Kind: what was said", ratio=1)
    for statement in dataset.statements_about(event_id):
        said = Text.assemble((str(statement.kind), "bold"), ": ")
        if statement.quote:
            said.append(f"“{statement.quote}”", style="italic")
            said.append(" — ")
        said.append(statement.text)
        table.add_row(name_of(dataset, statement.speaker), statement.via or "—", said)
    return table


def _types(dataset: ek.Dataset) -> Table:
    table = Table(title="Events by type", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Type")
    table.add_column("Count", justify="right")
    found = Counter(_registry.tag_of(type(event)) for event in dataset.events)
    for tag, count in found.most_common():
        table.add_row(tag, str(count))
    return table


def _time_range(dataset: ek.Dataset) -> str:
    dated = [event.when for event in dataset.events if event.when is not None]
    starts = [when.earliest for when in dated if when.earliest is not None]
    ends = [when.latest for when in dated if when.latest is not None]
    undated = len(dataset.events) - len(dated)
    if not starts and not ends:
        return f"Events: {len(dataset.events)}, none dated"
    first = _day(min(starts)) if starts else "…"
    last = _day(max(ends)) if ends else "…"
    note = f" ({undated} undated)" if undated else ""
    return f"Events from {first} to {last}{note}"


def _day(moment: datetime) -> str:
    return moment.date().isoformat()


def _actors(dataset: ek.Dataset, top: int) -> Table:
    events = Counter(p.actor for event in dataset.events for p in {*event.participants})
    statements = Counter(statement.speaker for statement in dataset.statements)
    table = Table(title=f"Top actors (of {len(dataset.actors)})", title_justify="left",
                  box=box.SIMPLE_HEAD)  # fmt: skip
    table.add_column("Actor")
    table.add_column("Kind")
    table.add_column("Events", justify="right")
    table.add_column("Statements", justify="right")
    ranked = sorted(
        dataset.actors, key=lambda a: (-(events[a.id] + statements[a.id]), a.name.casefold())
    )
    for actor in ranked[:top]:
        table.add_row(actor.name, str(actor.kind), str(events[actor.id]), str(statements[actor.id]))
    return table


def _sources(dataset: ek.Dataset, top: int) -> Table:
    cited = Counter(citation.source for event in dataset.events for citation in event.sources)
    cited.update(citation.source for said in dataset.statements for citation in said.sources)
    cited.update(statement.via for statement in dataset.statements if statement.via)
    table = Table(title=f"Sources (of {len(dataset.sources)})", title_justify="left",
                  box=box.SIMPLE_HEAD)  # fmt: skip
    table.add_column("Source")
    table.add_column("Kind")
    table.add_column("Cited", justify="right")
    ranked = sorted(dataset.sources, key=lambda s: (-cited[s.id], s.name.casefold()))
    for source in ranked[:top]:
        table.add_row(source.name, str(source.kind), str(cited[source.id]))
    return table


def show(dataset: ek.Dataset, report: ek.Report, console: Console, *, top: int) -> None:
    """Print the summary of a dataset loaded leniently, with its problems counted."""
    title = printable(dataset.name or "dataset")
    console.print(Text(f"{title}: {len(dataset):,} records", style="bold"), soft_wrap=True)
    console.print(_time_range(dataset), highlight=False, soft_wrap=True)
    console.print(counts(dataset))
    if dataset.events:
        console.print(_types(dataset))
    if dataset.actors:
        console.print(_actors(dataset, top))
    if dataset.sources:
        console.print(_sources(dataset, top))
    if report.valid:
        console.print("Problems: none", highlight=False)
        return
    console.print(
        f"Problems: {report.total:,} (records that are themselves invalid are left out above)",
        highlight=False,
        soft_wrap=True,
    )
    for code, number in report.counts().items():
        console.print(f"  {code}  {number:,}", highlight=False)
    console.print("Run `eventkit validate` for each problem.", highlight=False)
