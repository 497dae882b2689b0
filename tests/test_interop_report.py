"""Tests for eventkit.interop._report: what an adapter records, row by row."""

from __future__ import annotations

from eventkit import Problem
from eventkit.interop._report import Outcome, Recorder


def outcomes(recorder: Recorder) -> list[tuple[str, str, Outcome]]:
    return [(f.row, f.field, f.outcome) for f in recorder.report().fields]


def test_overrule_takes_back_only_the_current_row_s_outcome_of_the_field() -> None:
    recorder = Recorder(format="demo", direction="import")
    recorder.start("a", 0)
    recorder.mapped("lat", "Place.lat")
    recorder.start("b", 1)
    recorder.mapped("lat", "Place.lat")
    recorder.changed("lon", "Place.lon", "1,5", 1.5, "decimal comma")
    recorder.dropped("lat", "kept elsewhere")
    recorder.overrule("lat", Problem(code="out_of_range", message="m", input=91))
    assert outcomes(recorder) == [
        ("a", "lat", Outcome.MAPPED),
        ("b", "lon", Outcome.CHANGED),
        ("b", "lat", Outcome.DROPPED),
        ("b", "lat", Outcome.REJECTED),
    ]


def test_reject_row_takes_back_what_the_current_row_carried_over_and_keeps_the_rest() -> None:
    recorder = Recorder(format="demo", direction="import")
    recorder.start("a", 0)
    recorder.mapped("name", "Actor.name")
    recorder.start("b", 1)
    recorder.mapped("name", "Actor.name")
    recorder.changed("kind", "Actor.kind", "PER", "person", "a code")
    recorder.dropped("notes", "no field for it")
    recorder.reject_row([Problem(loc=("id",), code="missing", message="m")])
    recorder.start("c", 2)
    recorder.mapped("name", "Actor.name")
    assert outcomes(recorder) == [
        ("a", "name", Outcome.MAPPED),
        ("b", "notes", Outcome.DROPPED),
        ("b", "$.id", Outcome.REJECTED),
        ("c", "name", Outcome.MAPPED),
    ]
