"""Properties of every valid dataset, drawn by `eventkit.testing.datasets`.

Each dataset holds records of every registered type (a custom one defined
here, whose references sit in a nested value class, in a field naming
either of two kinds and in a field with a default, included), and every
reference names another record of a kind its field accepts.
"""

from __future__ import annotations

import pathlib
import tempfile
from typing import Annotated

import attrs
from hypothesis import given, settings

import eventkit as ek

# the adapters' types register when imported: they are eventkit's types too
import eventkit.interop.acled
import eventkit.interop.gdelt
from eventkit._references import kind_of, references
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
