"""The registry of type tags: installed plugins, their failures and their tags."""

from importlib.metadata import EntryPoint
from pathlib import Path

import attrs
import pytest
from hypothesis import Phase, find, settings
from hypothesis.errors import NoSuchExample

import eventkit as ek
from eventkit import _registry
from eventkit.testing import records

BROKEN = "test.broken_plugin"
FAILED = (
    "plugin entry point 'eventkit_test_no_such_module:Broken' for type 'test.broken_plugin' "
    "failed to load: No module named 'eventkit_test_no_such_module'"
)


@pytest.fixture
def broken_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed entry point whose module cannot be imported."""
    entry_point = EntryPoint(
        name=BROKEN, value="eventkit_test_no_such_module:Broken", group=_registry.ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(_registry, "_plugin_tags", {**_registry._plugins(), BROKEN: entry_point})
    monkeypatch.setattr(_registry, "_failed_plugins", {})


# --- a plugin that fails to load --------------------------------------------------------


@pytest.mark.usefixtures("broken_plugin")
def test_a_record_of_a_broken_plugin_reports_the_failure_at_its_tag() -> None:
    with pytest.raises(ek.UnknownTypeError) as caught:
        ek.from_dict(ek.Event, {"type": BROKEN, "id": "b1", "title": "t"})
    assert [("b1", "$.type", "plugin_failed", FAILED, BROKEN)] == [
        (p.record, p.path, p.code, p.message, p.input) for p in caught.value.problems
    ]


@pytest.mark.usefixtures("broken_plugin")
def test_a_record_of_a_broken_plugin_is_kept_as_it_is_when_asked() -> None:
    data = {"type": BROKEN, "id": "b1", "title": "t"}
    kept = ek.from_dict(ek.Record, data, keep_unknown=True)
    assert isinstance(kept, ek.UnknownRecord)
    assert (data, ["plugin_failed"]) == (kept.to_dict(), [p.code for p in kept.problems])


@pytest.mark.usefixtures("broken_plugin")
def test_lenient_loading_keeps_the_other_records_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        '{"type": "event", "id": "ok1", "title": "fine"}\n'
        f'{{"type": "{BROKEN}", "id": "b1", "title": "t"}}\n',
        encoding="utf-8",
    )
    dataset, report = ek.Dataset.load(path, lenient=True)
    assert ["ok1"] == [event.id for event in dataset.events]
    assert [(2, "b1", "$.type", "plugin_failed", FAILED)] == [
        (p.line, p.record, p.path, p.code, p.message) for p in report.problems
    ]
    kept, _ = ek.Dataset.load(path, lenient=True, keep_unknown=True)
    assert ["b1"] == [record.id for record in kept.unknown]


@pytest.mark.usefixtures("broken_plugin")
def test_load_plugins_leaves_a_broken_plugin_to_its_records() -> None:
    _registry.load_plugins()
    with pytest.raises(ek.UnknownTypeError) as caught:
        ek.from_dict(ek.Record, {"type": BROKEN, "id": "b1"})
    assert ["plugin_failed"] == [p.code for p in caught.value.problems]


# --- tags that belong to others ---------------------------------------------------------


def _installed(monkeypatch: pytest.MonkeyPatch, tag: str, value: str) -> None:
    entry_point = EntryPoint(name=tag, value=value, group=_registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(_registry, "_plugin_tags", {**_registry._plugins(), tag: entry_point})


def test_an_installed_plugins_tag_is_refused_for_another_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _installed(monkeypatch, "test.claimed", "eventkit_test_claimed:Claimed")
    with pytest.raises(ek.RegistrationError) as caught:

        @ek.event_type("test.claimed")
        @attrs.frozen(kw_only=True)
        class Mine(ek.Event):
            pass

    assert (
        "type tag 'test.claimed' belongs to the installed plugin entry point "
        "'eventkit_test_claimed:Claimed'; cannot register it for "
        f"{__name__}.test_an_installed_plugins_tag_is_refused_for_another_class.<locals>.Mine"
    ) == str(caught.value)
    assert "test.claimed" not in _registry._classes


@attrs.frozen(kw_only=True)
class Claimed(ek.Event):
    """The class of an installed plugin's entry point, registered by its own module."""


def test_the_class_an_entry_point_names_registers_under_its_tag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _installed(monkeypatch, "test.own_plugin", f"{__name__}:Claimed")
    _registry.register("test.own_plugin", Claimed)
    data = {"type": "test.own_plugin", "id": "c", "title": "t"}
    assert Claimed is type(ek.from_dict(ek.Event, data))


def test_the_eventkit_namespace_is_eventkits_own() -> None:
    with pytest.raises(ek.RegistrationError) as caught:

        @ek.event_type("eventkit.dataset")
        @attrs.frozen(kw_only=True)
        class Header(ek.Event):
            pass

    assert (
        "type tag 'eventkit.dataset' for "
        f"{__name__}.test_the_eventkit_namespace_is_eventkits_own.<locals>.Header "
        "is in the namespace 'eventkit.', which eventkit keeps for its own tags"
    ) == str(caught.value)


# --- every registered type includes the installed plugins' --------------------------------


@attrs.frozen(kw_only=True)
class Unloaded(ek.Event):
    """The base of a plugin's type (`_unloaded_plugin`): of no other, and never registered."""


def _unloaded_plugin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> str:
    """The tag of an installed plugin's type (an `Unloaded`), its module not imported yet."""
    module, tag = f"eventkit_test_{name}", f"test.{name}"
    (tmp_path / f"{module}.py").write_text(
        f"import attrs\nimport eventkit as ek\nfrom {__name__} import Unloaded\n\n\n"
        f"@ek.event_type({tag!r})\n@attrs.frozen(kw_only=True)\n"
        "class Listed(Unloaded):\n    crowd: int = 0\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(tmp_path)
    _installed(monkeypatch, tag, f"{module}:Listed")
    return tag


def test_the_json_schema_has_the_types_of_plugins_not_loaded_yet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tag = _unloaded_plugin(monkeypatch, tmp_path, "schema_listed")
    assert tag in ek.json_schema()["discriminator"]["mapping"]


def test_records_generates_the_types_of_plugins_not_loaded_yet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tag = _unloaded_plugin(monkeypatch, tmp_path, "records_listed")
    # only plugins' types are Unloaded ones (the schema test's stays registered):
    # records of one type in two or three, where Event gave it one in thirty
    first = settings(database=None, phases=[Phase.generate])  # no need to shrink what is found
    found = find(
        records(Unloaded), lambda event: _registry.tag_of(type(event)) == tag, settings=first
    )
    assert tag == _registry.tag_of(type(found))


@pytest.mark.usefixtures("broken_plugin")
def test_a_broken_plugin_is_left_out_of_the_schema_and_the_records() -> None:
    assert BROKEN not in ek.json_schema()["discriminator"]["mapping"]
    every = settings(max_examples=300, database=None, phases=[Phase.generate])
    with pytest.raises(NoSuchExample):  # none of 300 events drawn is of the broken type
        find(
            records(ek.Event), lambda event: _registry.tag_of(type(event)) == BROKEN, settings=every
        )
