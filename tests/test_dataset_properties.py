"""Properties of every valid dataset, drawn by `eventkit.testing.datasets`.

Each dataset holds records of every registered type (a custom one defined
here, whose references sit in a nested value class, in a field naming
either of two kinds and in a field with a default, included), and every
reference names another record of a kind its field accepts.
"""

from __future__ import annotations

import pathlib
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Annotated, Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import eventkit as ek

# the adapters' types register when imported: they are eventkit's types too
import eventkit.interop.acled
import eventkit.interop.gdelt
from eventkit._references import kind_of, references
from eventkit._resolve import MERGED_SCHEME, _stated_defaults
from eventkit.testing import datasets


@attrs.frozen(kw_only=True)
class Escort:
    """A value class of a plugin's own, holding a reference, in a list."""

    vessel: ek.ActorId
    flag: ek.Country | None = None


@ek.event_type("test_dataset_properties.convoy")
@attrs.frozen(kw_only=True)
class Convoy(ek.Event):
    """A custom event type whose references only its field descriptions tell."""

    escorts: tuple[Escort, ...] = ()
    reported_in: Annotated[str, ek.RefKind.SOURCE | ek.RefKind.STATEMENT] | None = None
    harbour_master: ek.ActorId = "harbour-master"


BASES = (ek.Actor, ek.Source, ek.Event, ek.Statement, ek.Provenance)


@given(datasets())
def test_every_reference_names_another_record_of_a_kind_it_accepts(ds: ek.Dataset) -> None:
    assert () == ds.check().problems
    assert len(ds) == len(set(ds.ids))
    for record in ds:
        for loc, target, kinds in references(record):
            assert target != record.id, (record.id, loc)
            assert kind_of(ds[target]) & kinds, (record.id, loc, target)


@settings(max_examples=20)
@given(datasets([Convoy], min_size=1, max_size=4))
def test_types_restrict_the_records_drawn_to_them_and_what_their_references_need(
    ds: ek.Dataset,
) -> None:
    assert () == ds.check().problems
    assert any(type(record) is Convoy for record in ds)
    # a reference to another kind names a record of that kind's base class
    assert {type(record) for record in ds} <= {Convoy, *BASES} - {ek.Event}
    for record in ds:
        if isinstance(record, Convoy):
            assert type(ds[record.harbour_master]) is ek.Actor
            assert all(type(ds[escort.vessel]) is ek.Actor for escort in record.escorts)


@settings(max_examples=25)
@given(datasets())
def test_a_dataset_comes_back_equal_from_each_file_format(ds: ek.Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name in ("ds.jsonl", "ds.json", "ds.jsonl.gz"):
            ds.save(pathlib.Path(folder, name))
            assert ds == ek.Dataset.load(pathlib.Path(folder, name)), name
        ds.save(pathlib.Path(folder, "tables"), format="parquet")
        assert ds == ek.Dataset.load(pathlib.Path(folder, "tables"))


@settings(max_examples=25)
@given(datasets())
def test_a_dataset_comes_back_equal_from_arrow_and_from_frames(ds: ek.Dataset) -> None:
    assert ds == ek.Dataset.from_arrow(ds.to_arrow())
    assert ds == ek.Dataset.from_frames(ds.to_pandas())
    assert ds == ek.Dataset.from_frames(ds.to_polars())


@st.composite
def merges(draw: st.DrawFn) -> tuple[ek.Dataset, dict[str, str]]:
    """A dataset, and ids of its records each mapped to a kept id of a record of its kind."""
    ds = draw(datasets())
    by_kind: dict[int, list[str]] = {}
    for record in ds:
        by_kind.setdefault(kind_of(record), []).append(record.id)
    ids = {}
    for members in by_kind.values():
        order = draw(st.permutations(members))
        kept = draw(st.integers(1, len(order)))
        for old in order[kept:]:
            ids[old] = draw(st.sampled_from(order[:kept]))
    return ds, ids


def _leaves(value: Any) -> Iterator[Any]:
    """The texts, numbers and booleans in a record's data (not its keys: field names)."""
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _only_custom_rules_refuse(ds: ek.Dataset, error: ek.ValidationError) -> None:
    """Assert that each record ``error`` refuses to merge is of a custom type.

    Only a custom type's own rule across fields may refuse the values a merge joins.
    """
    refused = {type(ds[str(problem.record)]) for problem in error.problems}
    assert not [cls for cls in refused if cls.__module__.startswith("eventkit.")]


def _lost(
    ds: ek.Dataset,
    merged: ek.Dataset,
    ids: Mapping[str, str],
    changes: Iterable[ek.MergeChange],
    settled: Collection[str] = (),
) -> dict[str, list[Any]]:
    """The leaves of each merged-away record neither its kept record nor a change holds.

    ``settled``: the keys of the fields the merge settles by a rule of its own.
    """
    reported = {leaf for change in changes for leaf in _leaves([change.old, change.new])}
    lost = {}
    for old, new in ids.items():
        # the data of the kept record, with the defaults that state something ("occurred")
        cls: type = type(merged[new])
        kept = {**_stated_defaults(cls), **ek.to_dict(merged[new])}
        held = {*_leaves(kept), *kept.get("identifiers", {}).get(MERGED_SCHEME, "").split()}
        given = {k: v for k, v in ek.to_dict(ds[old]).items() if k not in settled}
        lost[old] = [leaf for leaf in _leaves(given) if leaf not in held | reported]
    return {old: leaves for old, leaves in lost.items() if leaves}


def _assert_merged(
    ds: ek.Dataset,
    merged: ek.Dataset,
    ids: Mapping[str, str],
    changes: Iterable[ek.MergeChange],
    settled: Collection[str] = (),
) -> None:
    """Assert that the ``ids`` merged away are gone, named nowhere, and lost nothing."""
    assert set(ds.ids) - ids.keys() == set(merged.ids)
    for record in merged:
        assert not [loc for loc, target, _ in references(record) if target in ids], record.id
    assert {} == _lost(ds, merged, ids, changes, settled)


@given(merges())
def test_merging_ids_leaves_no_reference_to_them_and_loses_nothing(
    given: tuple[ek.Dataset, dict[str, str]],
) -> None:
    ds, ids = given
    try:
        merged, changes = ds.merge_ids(ids)
    except ek.ValidationError as error:
        _only_custom_rules_refuse(ds, error)
        return
    _assert_merged(ds, merged, ids, changes)


@st.composite
def clusters(draw: st.DrawFn) -> tuple[ek.Dataset, list[list[str]]]:
    """A dataset, and disjoint clusters of two or more of its events."""
    ds = draw(datasets())
    order = draw(st.permutations([event.id for event in ds.events]))
    found: list[list[str]] = []
    while len(order) >= 2 and draw(st.booleans()):
        size = draw(st.integers(2, len(order)))
        found.append(order[:size])
        order = order[size:]
    return ds, found


@given(clusters())
def test_merging_events_loses_nothing_and_is_undone(
    given: tuple[ek.Dataset, list[list[str]]],
) -> None:
    ds, events = given
    try:
        merged, report = ds.merge_events(events)
    except ek.ValidationError as error:
        _only_custom_rules_refuse(ds, error)
        return
    assert {old: cluster[0] for cluster in events for old in cluster[1:]} == report.kept
    # the finest of compatible dates is kept (the others are in `before`, for undoing)
    _assert_merged(ds, merged, report.kept, report.changes, settled=("when",))
    assert ds == merged.undo_merge_events(report)


_DATED_IN_YEAR = """
    SELECT id FROM events
    WHERE (when_earliest IS NOT NULL OR when_latest IS NOT NULL)
      AND (when_earliest IS NULL OR when_earliest <= CAST(? AS TIMESTAMPTZ))
      AND (when_latest IS NULL OR when_latest >= CAST(? AS TIMESTAMPTZ))
"""


@settings(max_examples=15)
@given(datasets(), st.integers(1, 9999))
def test_the_queries_agree_with_duckdb_over_the_parquet_files(ds: ek.Dataset, year: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder, "tables")
        ds.save(path, format="parquet")
        con = ek.columnar.connect(path)

        def ids(sql: str, *parameters: Any) -> list[str]:
            return sorted(row[0] for row in con.execute(sql, list(parameters)).fetchall())

        for actor in ds.actors:
            found = ids("SELECT DISTINCT event FROM participants WHERE actor = ?", actor.id)
            assert sorted(e.id for e in ds.events_of(actor.id)) == found
            found = ids("SELECT id FROM statements WHERE speaker = ?", actor.id)
            assert sorted(s.id for s in ds.statements_by(actor.id)) == found
        # a year some event is in, when one is dated: windows anywhere else find nothing
        dated = [e.when.earliest.year for e in ds.events if e.when and e.when.earliest]
        year = dated[year % len(dated)] if dated else year
        bounds = f"{year:04}-12-31 23:59:59.999999+00", f"{year:04}-01-01 00:00:00+00"
        in_year = sorted(e.id for e in ds.events_between(f"{year:04}", f"{year:04}"))
        assert in_year == ids(_DATED_IN_YEAR, *bounds)
