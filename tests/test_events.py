"""The built-in event taxonomy, PLOVER/CAMEO codes, and extension by subclass and plugin."""

import enum
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventkit as ek
from eventkit import _registry
from eventkit._plover import cameo_descriptions
from eventkit.testing import records

DATA = Path(__file__).parent / "data"

BUILTIN_TAGS: dict[str, type[ek.Event]] = {
    "communication": ek.Communication,
    "phone_call": ek.PhoneCall,
    "meeting": ek.Meeting,
    "visit": ek.Visit,
    "summit": ek.Summit,
    "negotiation": ek.Negotiation,
    "diplomatic_statement": ek.DiplomaticStatement,
    "attack": ek.Attack,
    "airstrike": ek.Airstrike,
    "drone_strike": ek.DroneStrike,
    "missile_strike": ek.MissileStrike,
    "aid": ek.Aid,
    "aid_pledge": ek.AidPledge,
    "aid_delivery": ek.AidDelivery,
    "mobilization": ek.Mobilization,
    "deployment": ek.Deployment,
    "show_of_force": ek.ShowOfForce,
    "supply_cut": ek.SupplyCut,
    "sanction": ek.Sanction,
    "protest": ek.Protest,
    "agreement": ek.Agreement,
    "political_crisis": ek.PoliticalCrisis,
}


# A small custom hierarchy whose tags no other test module uses, so that
# messages listing "known" tags are exact whatever else is registered.
@ek.event_type("test_events.rally")
@attrs.frozen(kw_only=True)
class Rally(ek.Event):
    crowd: int = attrs.field(default=0, validator=attrs.validators.ge(0))


@ek.event_type("test_events.torch_rally")
@attrs.frozen(kw_only=True)
class TorchRally(Rally):
    torches: int = attrs.field(default=0, validator=attrs.validators.ge(0))


@ek.event_type("test_events.sniper_attack")
@attrs.frozen(kw_only=True)
class SniperAttack(ek.Attack):
    range_m: float | None = attrs.field(default=None)


# --- the registry -------------------------------------------------------------


@pytest.mark.parametrize(("tag", "cls"), BUILTIN_TAGS.items())
def test_builtin_type_writes_its_tag_and_loads_back(tag: str, cls: type[ek.Event]) -> None:
    event = cls(id="e1", title="An event")
    data = ek.to_dict(event)
    assert data == {"type": tag, "id": "e1", "title": "An event"}
    assert type(ek.from_dict(ek.Event, data)) is cls
    assert tag in ek.known_tags()


def test_subclass_defined_after_data_was_loaded_round_trips_in_a_mixed_list() -> None:
    # Acceptance 1: serialise and load records of other types first ...
    earlier = [
        ek.Event(id="e0", title="Something"),
        ek.PhoneCall(id="call", title="Call", video=True),
    ]
    assert [ek.from_dict(ek.Event, d) for d in ek.to_dict(earlier)] == earlier

    # ... then define a new type, and round-trip base, built-in and new together.
    @ek.event_type("test_events.vigil")
    @attrs.frozen(kw_only=True)
    class Vigil(ek.Event):
        candles: int = attrs.field(default=0, validator=attrs.validators.ge(0))
        hymns: tuple[str, ...] = ()

    events: list[ek.Event] = [
        *earlier,
        ek.DroneStrike(
            id="odesa",
            title="Strike on Odesa",
            weapon="drone",
            casualties=ek.Casualties(killed=ek.Quantity(value=1), injured=ek.Quantity(value=10)),
            target_types=("residential building",),
        ),
        ek.AidPledge(
            id="pledge",
            title="Further funding",
            amount=ek.Money(amount=Decimal("3E+9"), currency="EUR"),
            aid_kind="military",
        ),
        Vigil(id="vigil", title="Vigil", candles=40, hymns=("Abide with me",)),
    ]
    text = ek.to_json(events)
    loaded = [ek.from_dict(ek.Event, d) for d in json.loads(text)]
    assert loaded == events
    assert [type(e) for e in loaded] == [type(e) for e in events]
    assert json.loads(text)[-1] == {
        "type": "test_events.vigil",
        "id": "vigil",
        "title": "Vigil",
        "candles": 40,
        "hymns": ["Abide with me"],
    }


def test_from_dict_on_a_base_returns_the_most_specific_registered_class() -> None:
    data = ek.to_dict(ek.DroneStrike(id="d", title="Drone strike"))
    assert type(ek.from_dict(ek.Event, data)) is ek.DroneStrike
    assert type(ek.from_dict(ek.Attack, data)) is ek.DroneStrike
    assert type(ek.from_dict(ek.Airstrike, data)) is ek.DroneStrike
    assert type(ek.from_dict(ek.Record, data)) is ek.DroneStrike
    sniper = ek.to_dict(SniperAttack(id="s", title="Sniper", range_m=800.0))
    assert ek.from_dict(ek.Attack, sniper) == SniperAttack(id="s", title="Sniper", range_m=800.0)


def test_unknown_tag_names_the_tag_and_lists_the_known_ones_below_the_base() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(Rally, {"type": "test_events.ralyy", "id": "r", "title": "Rally"})
    assert [(p.path, p.code, p.message, p.hint) for p in caught.value.problems] == [
        (
            "$.type",
            "unknown_type",
            "unknown type 'test_events.ralyy'",
            'did you mean "test_events.rally"?',
        )
    ]


def _listed_below(message: str, base: type[ek.Record]) -> list[str]:
    """The registered tags an unknown-type message lists (plugins not yet loaded are listed
    for every base, so which ones appear depends on what other tests imported)."""
    listed = message.rsplit("known: ", 1)[1].split(", ")
    registered = {_registry.tag_of(cls): cls for cls in _registry.registered()}
    assert all(issubclass(registered[tag], base) for tag in listed if tag in registered)
    return [tag for tag in listed if tag in registered]


def test_a_type_registered_after_an_unknown_tag_error_is_listed_in_the_next_one() -> None:
    @ek.event_type("test_events.parade")
    @attrs.frozen(kw_only=True)
    class Parade(ek.Event):
        pass

    data = {"type": "test_events.walk", "id": "p", "title": "Parade"}
    with pytest.raises(ek.ValidationError) as before:
        ek.from_dict(Parade, data)
    assert ["test_events.parade"] == _listed_below(before.value.problems[0].message, Parade)

    @ek.event_type("test_events.parade_march")
    @attrs.frozen(kw_only=True)
    class ParadeMarch(Parade):
        pass

    with pytest.raises(ek.ValidationError) as after:
        ek.from_dict(Parade, data)
    assert ["test_events.parade", "test_events.parade_march"] == _listed_below(
        after.value.problems[0].message, Parade
    )
    with pytest.raises(ek.ValidationError) as close:
        ek.from_dict(Parade, {**data, "type": "test_events.parade_marsh"})
    assert 'did you mean "test_events.parade_march"?' == close.value.problems[0].hint


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("meting", "unknown type 'meting' (did you mean \"meeting\"?)"),
        ("PhoneCall", "unknown type 'PhoneCall' (did you mean \"phone_call\"?)"),
        ("actr", "unknown type 'actr'; not one of the "),
        ("acme.rally", "unknown type 'acme.rally': no registered type or installed plugin has"),
    ],
)
def test_an_unknown_tag_says_what_was_likely_meant_or_the_likely_cause(
    tag: str, message: str
) -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, {"type": tag, "id": "m", "title": "Meeting"})
    (problem,) = caught.value.problems
    assert ("unknown_type", tag) == (problem.code, problem.input)
    hint = f" ({problem.hint})" if problem.hint else ""
    assert f"{problem.message}{hint}".startswith(message)
    assert len(problem.message) < 100  # a file may repeat it on every line


def test_duplicate_tag_is_an_error_naming_both_classes() -> None:
    class_module = Rally.__module__
    with pytest.raises(ek.RegistrationError) as caught:

        @ek.event_type("test_events.rally")
        @attrs.frozen(kw_only=True)
        class OtherRally(ek.Event):
            pass

    assert str(caught.value) == (
        f"type tag 'test_events.rally' is already registered to {class_module}.Rally; "
        f"cannot register it again for {class_module}."
        "test_duplicate_tag_is_an_error_naming_both_classes.<locals>.OtherRally"
    )
    assert isinstance(caught.value, TypeError)


def test_custom_tags_need_a_namespace_so_builtin_tags_cannot_be_taken() -> None:
    with pytest.raises(ek.RegistrationError) as caught:

        @ek.event_type("phone_call")
        @attrs.frozen(kw_only=True)
        class MyCall(ek.Event):
            pass

    assert str(caught.value) == (
        f"type tag 'phone_call' for {Rally.__module__}."
        "test_custom_tags_need_a_namespace_so_builtin_tags_cannot_be_taken.<locals>.MyCall "
        "must be a namespaced lowercase name like 'acme.protest'"
    )


def test_a_tag_that_is_not_below_the_requested_base_is_rejected() -> None:
    data = ek.to_dict(ek.PhoneCall(id="call", title="Call"))
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Attack, data)
    assert [(p.path, p.code, p.message) for p in caught.value.problems] == [
        ("$.type", "wrong_type", "type 'phone_call' is a PhoneCall, not an Attack")
    ]
    missile = ek.to_dict(ek.MissileStrike(id="m", title="Missile strike"))
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Airstrike, missile)
    assert [(p.code, p.message) for p in caught.value.problems] == [
        ("wrong_type", "type 'missile_strike' is a MissileStrike, not an Airstrike")
    ]


def test_keep_unknown_keeps_a_record_of_unknown_type_verbatim() -> None:
    data = {"type": "acme.parade", "id": "p1", "title": "Parade", "floats": 12}
    kept = ek.from_dict(ek.Event, data, keep_unknown=True)
    assert isinstance(kept, ek.UnknownRecord)
    assert (kept.tag, kept.id, ek.to_dict(kept)) == ("acme.parade", "p1", data)


def test_attrs_validator_on_a_custom_field_lands_on_its_path() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(
            TorchRally,
            {
                "type": "test_events.torch_rally",
                "id": "t",
                "title": "T",
                "crowd": -1,
                "torches": -2,
            },
        )
    assert [(p.path, p.code, p.message) for p in caught.value.problems] == [
        ("$.crowd", "out_of_range", "must be at least 0"),
        ("$.torches", "out_of_range", "must be at least 0"),
    ]


# --- plugins -----------------------------------------------------------------------

PLUGIN_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "acme-events"
version = "0.1"
dependencies = ["eventkit"]

[project.entry-points."eventkit.types"]
"acme.rally" = "acme_events:Rally"

[tool.hatch.build.targets.wheel]
packages = ["acme_events"]
"""

PLUGIN_MODULE = """\
import attrs
import eventkit as ek
from eventkit import _registry


@ek.event_type("acme.rally")
@attrs.frozen(kw_only=True)
class Rally(ek.Event):
    crowd: int = attrs.field(default=0, validator=attrs.validators.ge(0))
"""

PLUGIN_USER = """\
import json, sys
import eventkit as ek
from eventkit import _registry

assert "acme_events" not in sys.modules
assert "acme.rally" in ek.known_tags()
data = {"type": "acme.rally", "id": "r1", "title": "Rally", "crowd": 300}
rally = ek.from_dict(ek.Event, data)
result = [type(rally).__module__, type(rally).__name__, rally.crowd, ek.to_dict(rally) == data]
print(json.dumps(result))
"""


def test_a_pip_installed_plugin_type_loads_without_importing_the_plugin(tmp_path: Path) -> None:
    # Acceptance 2: build and install a plugin into a private directory, then
    # load its data in a fresh interpreter that never imports the plugin itself.
    project = tmp_path / "acme-events"
    (project / "acme_events").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PLUGIN_PYPROJECT)
    (project / "acme_events" / "__init__.py").write_text(PLUGIN_MODULE)
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "--target",
            str(site),
            str(project),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", PLUGIN_USER], env=env, check=True, capture_output=True, text=True
    )
    assert json.loads(done.stdout) == ["acme_events", "Rally", 300, True]


# --- codes ---------------------------------------------------------------------------


def test_codes_report_every_bad_value_and_list_what_is_allowed() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Codes(plover="consult", context=["war", "military"], cameo="999", acled="Battle")
    assert [(p.path, p.message, p.input) for p in caught.value.problems] == [
        (
            "$.plover",
            "unknown PLOVER event type; expected one of: AGREE, CONSULT, SUPPORT, CONCEDE, "
            "COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, "
            "MOBILIZE, COERCE, ASSAULT",
            "consult",
        ),
        (
            "$.context[0]",
            "unknown PLOVER context; expected one of: " + ", ".join(ek.codes.PLOVER_CONTEXTS),
            "war",
        ),
        (
            "$.cameo",
            "unknown CAMEO event code; expected a code of the CAMEO 1.1b3 event table, "
            "2 to 4 digits as a string, such as '041'",
            "999",
        ),
        (
            "$.acled",
            "unknown ACLED event type; expected one of: Battles, Protests, Riots, "
            "Explosions/Remote violence, Violence against civilians, Strategic developments",
            "Battle",
        ),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"plover": "CONSULT", "mode": "drone"},
            "not a mode of CONSULT; expected one of: visit, third-party, multilateral, phone",
        ),
        ({"plover": "AGREE", "mode": "phone"}, "AGREE has no modes"),
        ({"mode": "phone"}, "a mode needs a PLOVER event type (plover)"),
    ],
)
def test_a_mode_must_belong_to_the_plover_type(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Codes(**fields)
    assert [(p.path, p.code, p.message) for p in caught.value.problems] == [
        ("$.mode", "invalid_value", message)
    ]


def test_codes_load_from_data_with_their_checks() -> None:
    data = {
        "type": "event",
        "id": "e",
        "title": "T",
        "codes": {"plover": "ASSAULT", "mode": "phone"},
    }
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "$.codes.mode",
            "not a mode of ASSAULT; expected one of: "
            + ", ".join(ek.codes.PLOVER_MODES["ASSAULT"]),
        )
    ]


def test_every_plover_type_mode_and_context_is_usable_as_codes() -> None:
    for plover, modes in ek.codes.PLOVER_MODES.items():
        assert ek.Codes(plover=plover).plover == plover
        for mode in modes:
            assert ek.Codes(plover=plover, mode=mode).mode == mode
    assert ek.Codes(context=ek.codes.PLOVER_CONTEXTS).context == ek.codes.PLOVER_CONTEXTS
    for event_type, subs in ek.codes.ACLED_EVENT_TYPES.items():
        for sub in subs:
            coded = ek.Codes(acled=event_type, acled_sub_event=sub)
            assert (event_type, sub) == (coded.acled, coded.acled_sub_event)
    disorder = ek.codes.ACLED_DISORDER_TYPES
    assert disorder == ek.Codes(acled_disorder=disorder).acled_disorder


def test_cameo_to_plover_follows_the_conversion_table() -> None:
    assert ek.codes.cameo_to_plover("041") == ek.Codes(plover="CONSULT", mode="phone", cameo="041")
    # RETREAT "ease" is no longer a mode in the 0.8 manual: it is left out.
    assert ek.codes.cameo_to_plover("085") == ek.Codes(
        plover="RETREAT", context=["economic"], cameo="085"
    )
    # "democracy" is not a 0.8 context: left out.
    assert ek.codes.cameo_to_plover("082") == ek.Codes(plover="CONCEDE", cameo="082")
    # CAMEO's statements and appeals (01, 02) have no PLOVER type.
    assert ek.codes.cameo_to_plover("010") == ek.Codes(cameo="010")
    assert ek.codes.cameo_to_plover("04") == ek.Codes(plover="CONSULT", cameo="04")
    # CAMEO 1.1b3 numbering: 164 is "Halt negotiations" (the code table's older 163).
    assert ek.codes.cameo_description("164") == "Halt negotiations"
    assert ek.codes.cameo_description("010") == "Make statement, not specified below"
    # 1641 exists only in the older numbering of the code table.
    for bad in ("41", "1641"):
        with pytest.raises(ek.ValidationError) as caught:
            ek.codes.cameo_to_plover(bad)
        assert [(p.path, p.input) for p in caught.value.problems] == [("$.cameo", bad)]


def test_every_conversion_table_code_converts_to_its_plover_type() -> None:
    for code, (plover, _) in _conversion_table().items():
        assert ek.codes.cameo_to_plover(code).plover == plover


def _manual() -> str:
    return (DATA / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")


def _uncomment(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith("%")
    ]


def test_plover_event_types_and_modes_match_the_manual() -> None:
    manual = _manual()
    chapter = manual.split(r"\chapter{Event Categories}")[1].split(r"\chapter")[0]
    types = re.findall(r"^\\section\{([A-Z]+)\}", chapter, flags=re.MULTILINE)
    assert tuple(types) == ek.codes.PLOVER_EVENT_TYPES
    modes: dict[str, tuple[str, ...]] = dict.fromkeys(types, ())
    for caption, body in re.findall(
        r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}? modes.*?\}(.*?)\\end\{tabular\}",
        chapter,
        flags=re.DOTALL,
    ):
        rows = _uncomment(body.split("Name & Content")[1])
        names = [row.split("&")[0].strip() for row in rows if "&" in row]
        modes[caption] = tuple(name for name in names if name)
    assert modes == dict(ek.codes.PLOVER_MODES)


def test_plover_contexts_match_the_manual() -> None:
    table = _manual().split("START CONTEXTS TABLE")[1].split("END CONTEXTS TABLE")[0]
    body = table.split(r"\endlastfoot")[1]
    names = []
    for row in _uncomment(body):
        cell = row.split("&")[0].strip()
        if cell.startswith(r"\end"):
            continue
        name = re.sub(r"\\hyperref\[[^]]*\]\{(.*)\}", r"\1", cell)
        names.append(name.replace(r"\_", "_"))
    assert tuple(names) == ek.codes.PLOVER_CONTEXTS


def _conversion_table() -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    for line in (DATA / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        match = re.match(r"(\d+):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if match:
            table.setdefault(match[1], (match[2], match[3].strip() or None))
    return table


# Where a built-in type departs from the 2021 conversion table, and why (the
# 0.8 manual is more specific than the table for these CAMEO codes).
DEVIATIONS = {
    ek.Airstrike: "manual: ASSAULT mode 'aerial' for manned aircraft; table: heavy-weapons",
    ek.DroneStrike: "manual: ASSAULT mode 'drone' for UAVs; table: heavy-weapons",
    ek.Sanction: "manual: international sanctions are SANCTION 'discontinue'; table: COERCE",
}


@pytest.mark.parametrize("cls", BUILTIN_TAGS.values(), ids=BUILTIN_TAGS.keys())
def test_builtin_codes_are_valid_and_agree_with_the_conversion_table(cls: type[Any]) -> None:
    codes: ek.Codes = cls.plover_codes
    assert "plover_codes" not in attrs.fields_dict(cls)  # class metadata, not a field
    # The class-level codes skip checks at import; they must pass them all.
    assert codes.problems() == []
    assert ek.Codes(**attrs.asdict(codes)) == codes
    if codes.cameo is None:
        assert cls is ek.PoliticalCrisis
        return
    table = _conversion_table()
    if codes.cameo.startswith(("01", "02")):
        assert codes.plover is None  # PLOVER dropped CAMEO's statements and appeals
        return
    plover, mode = table[codes.cameo]
    agrees = codes.plover == plover and mode in (None, codes.mode)
    if cls is ek.AidPledge:
        assert (plover, codes.plover) == ("AGREE", "AGREE")
    assert agrees != (cls in DEVIATIONS), (cls, plover, mode)


def test_codes_of_merges_record_codes_over_class_codes() -> None:
    call = ek.PhoneCall(id="c", title="Call")
    assert ek.codes.codes_of(call) == ek.PhoneCall.plover_codes
    assert ek.codes.codes_of(ek.Event(id="e", title="E")) is None
    custom = ek.Event(id="e", title="E", codes=ek.Codes(plover="AGREE"))
    assert ek.codes.codes_of(custom) == ek.Codes(plover="AGREE")
    retyped = ek.PhoneCall(id="c", title="Call", codes=ek.Codes(plover="AGREE", cameo="036"))
    assert ek.codes.codes_of(retyped) == ek.Codes(plover="AGREE", cameo="036")
    strike = ek.DroneStrike(id="d", title="D", codes=ek.Codes(context=["military"]))
    assert ek.codes.codes_of(strike) == ek.Codes(
        plover="ASSAULT",
        mode="drone",
        context=["military"],
        cameo="195",
        acled="Explosions/Remote violence",
        acled_sub_event="Air/drone strike",
    )
    # The ACLED event and sub-event types go together, as the PLOVER type and mode do.
    abduction = ek.DroneStrike(
        id="d", title="D", codes=ek.Codes(acled_sub_event="Abduction/forced disappearance")
    )
    merged = ek.codes.codes_of(abduction)
    assert merged is not None
    assert (None, "Abduction/forced disappearance") == (merged.acled, merged.acled_sub_event)


# --- fields of the built-in types ------------------------------------------------------


def test_builtin_fields_are_checked_and_every_problem_is_reported() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Attack(id="a", title="A", weapon=" ", casualties=3, target_types=[""])  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.casualties", "expected Casualties, not int"),
        ("$.weapon", "must be a non-empty string"),
        ("$.target_types[0]", "must be a non-empty string"),
    ]
    with pytest.raises(ek.ValidationError) as caught:
        ek.Aid(id="a", title="A", amount="3 billion", aid_kind="cultural", period="2024")  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.amount", "expected Money, not str"),
        (
            "$.aid_kind",
            "unknown aid kind; expected one of: "
            "economic, military, humanitarian, peacekeeping, asylum",
        ),
        ("$.period", "expected PartialDate or TimeSpan, not str"),
    ]


def test_sizes_are_counts() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Deployment(id="d", title="D", size=ek.Quantity(value=10.5, unit="troops"))
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.size.value", "a count must be a non-negative whole number"),
        ("$.size.unit", "a count has no unit"),
    ]
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(
            ek.Protest, {"type": "protest", "id": "p", "title": "P", "size": {"value": -5}}
        )
    assert [(p.path, p.code) for p in caught.value.problems] == [("$.size.value", "out_of_range")]


@pytest.mark.parametrize(
    ("given", "code", "hint"),
    [
        (12.0, "invalid_type", "write 12"),
        (12.5, "invalid_type", None),
        # no count is negative or beyond what JSON writes as an integer, whatever its type
        (-3.0, "out_of_range", None),
        (1.2345678901234568e21, "out_of_range", None),
        (1e300, "out_of_range", None),
        # a float this large holds no integer surely: 12345678901234567 reads as ...568
        (1.2345678901234568e16, "invalid_type", None),
    ],
)
def test_a_count_given_as_a_float_is_hinted_only_the_whole_number_it_surely_is(
    given: float, code: str, hint: str | None
) -> None:
    data = {"type": "protest", "id": "p", "title": "P", "size": {"value": given}}
    attempts: list[Callable[[], object]] = [
        lambda: ek.Protest(id="p", title="P", size=ek.Quantity(value=given)),
        lambda: ek.from_json(ek.Event, json.dumps(data)),
    ]
    for attempt in attempts:
        with pytest.raises(ek.ValidationError) as caught:
            attempt()
        assert [("$.size.value", code, "a count must be a non-negative whole number", hint)] == [
            (p.path, p.code, p.message, p.hint) for p in caught.value.problems
        ]


def test_an_integer_field_given_a_float_is_hinted_no_integer_it_refuses() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Offsets(start=-3.0, end=1e300)  # type: ignore[arg-type]
    assert [
        ("$.start", "expected an integer, not float, got -3.0", None),
        ("$.end", "expected an integer, not float, got 1e+300", None),
    ] == [(p.path, f"{p.message}, got {p.input!r}", p.hint) for p in caught.value.problems]
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Offsets, {"start": 3.0, "end": 4})
    assert ["write 3"] == [p.hint for p in caught.value.problems]


class _Mood(enum.Enum):
    CALM = "calm"
    SEVEN = 7
    YES = True


class _Round(enum.IntEnum):
    FIRST = 1
    RUNOFF = 2


@ek.event_type("test_events.vote")
@attrs.frozen(kw_only=True)
class _Vote(ek.Event):
    round: _Round = _Round.FIRST
    mood: _Mood | None = None


@pytest.mark.parametrize(
    ("field", "given", "hint"),
    [
        ("round", "2", "write 2 without quotes"),  # was: did you mean "2"?, the input again
        ("round", "3", None),  # no member
        ("round", "2.0", None),  # a float names no int member
        ("mood", "7", "write 7 without quotes"),
        ("mood", "true", "write true without quotes"),
        ("mood", "Calm", 'did you mean "calm"?'),
    ],
)
def test_a_member_that_is_no_text_given_in_quotes_is_hinted_without_them(
    field: str, given: str, hint: str | None
) -> None:
    data = {"type": "test_events.vote", "id": "v", "title": "V", field: given}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [(f"$.{field}", hint)] == [(p.path, p.hint) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("1_000", "write 1000"),
        (" 1", "write 1"),
        ("+2.50", 'write "2.50"'),
        (".5", 'write "0.5"'),
        ("1_" + "0" * 20, 'write "1' + "0" * 20 + '"'),  # beyond what JSON writes as an integer
        ("NaN", None),
    ],
)
def test_an_amount_is_a_plain_decimal_in_code_as_in_data(given: str, hint: str | None) -> None:
    # Decimal() takes underscores and spaces, which data is refused for
    with pytest.raises(ek.ValidationError) as caught:
        ek.Money(amount=given, currency="EUR")
    assert [("$.amount", "invalid_type", "expected an exact decimal number, not str", hint)] == [
        (p.path, p.code, p.message, p.hint) for p in caught.value.problems
    ]
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Money, {"amount": given, "currency": "EUR"})
    message = 'expected an exact decimal amount as a string ("7.5") or an integer'
    assert [("$.amount", "invalid_value", message, hint)] == [
        (p.path, p.code, p.message, p.hint) for p in caught.value.problems
    ]
    assert Decimal("8E+9") == ek.Money(amount="8E+9", currency="EUR").amount


def test_a_duration_is_never_negative_in_code_or_in_data() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.PhoneCall(id="c", title="C", duration=ek.Quantity(value=-3, unit="hour"))
    assert [(p.path, p.code, p.message) for p in caught.value.problems] == [
        ("$.duration.value", "out_of_range", "a duration must not be negative")
    ]
    data = {"type": "phone_call", "id": "c", "title": "C", "duration": {"low": -1, "unit": "day"}}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [(p.path, p.code) for p in caught.value.problems] == [("$.duration.low", "out_of_range")]
    instant = ek.Quantity(value=0, unit="hour")
    assert instant == ek.PhoneCall(id="c", title="C", duration=instant).duration


def test_builtin_fields_load_from_data_with_their_paths() -> None:
    data = {
        "type": "phone_call",
        "id": "call",
        "title": "Call",
        "video": "yes",
        "topics": ["war in Ukraine", 3],
    }
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [(p.path, p.code, p.message) for p in caught.value.problems] == [
        ("$.topics[1]", "invalid_type", "expected a string, not an integer"),
        ("$.video", "invalid_type", "expected true or false, not a string"),
    ]


def test_the_seed_article_is_expressible_with_builtin_types() -> None:
    def who(*pairs: tuple[str, str]) -> tuple[ek.Participant, ...]:
        return tuple(ek.Participant(actor=actor, role=role) for actor, role in pairs)

    day = ek.parse_edtf("2024-11-15")
    events: list[ek.Event] = [
        ek.PhoneCall(
            id="call",
            title="Scholz–Putin phone call",
            when=day,
            duration=ek.Quantity(value=1, unit="hour", qualifier=ek.Qualifier.ABOUT),
            participants=who(("olaf-scholz", "initiator"), ("vladimir-putin", "recipient")),
            topics=("war in Ukraine",),
            codes=ek.Codes(context=("diplomatic", "military")),
        ),
        ek.Communication(
            id="g7-consultations",
            title="Consultations with G7 partners",
            participants=who(("german-government", "initiator"), ("usa", "recipient")),
            related=(ek.Relation(kind="preparation_for", event="call"),),
        ),
        ek.PhoneCall(
            id="zelensky-before",
            title="Scholz speaks with Zelensky",
            participants=who(("olaf-scholz", "initiator"), ("volodymyr-zelensky", "recipient")),
        ),
        ek.Communication(
            id="briefing",
            title="Scholz to brief Zelensky and European leaders",
            status="planned",
            related=(ek.Relation(kind="follows", event="call"),),
        ),
        ek.Summit(
            id="g20",
            title="G20 summit in Brazil",
            forum="G20",
            status="planned",
            place=ek.Place(country="BRA"),
            participants=who(("sergei-lavrov", "participant")),
        ),
        ek.Negotiation(
            id="swiss-talks",
            title="Possible Russia–US talks",
            status="speculated",
            place=ek.Place(country="CHE"),
            participants=who(("russia", "participant"), ("usa", "participant")),
        ),
        ek.DroneStrike(
            id="odesa",
            title="Strike on Odesa",
            place=ek.Place(name="Odesa", country="UKR"),
            casualties=ek.Casualties(killed=ek.Quantity(value=1), injured=ek.Quantity(value=10)),
            participants=who(("russia", "perpetrator")),
        ),
        ek.Airstrike(
            id="energy-strikes",
            title="Russian airstrikes on energy infrastructure",
            status="ongoing",
            target_types=("energy systems",),
        ),
        ek.Deployment(
            id="dprk-kursk",
            title="North Korean troops in Kursk",
            forces="North Korean troops",
            place=ek.Place(name="Kursk", country="RUS"),
            participants=who(("north-korea", "initiator")),
        ),
        ek.SupplyCut(
            id="gas-cutoff",
            title="Gazprom gas cutoff to OMV",
            status="expected",
            commodity="natural gas",
            participants=who(("gazprom", "supplier"), ("omv", "consumer")),
            codes=ek.Codes(context=("natural_resource", "economic")),
        ),
        ek.PoliticalCrisis(
            id="coalition-collapse",
            title="Collapse of Germany's coalition government",
            participants=who(("german-government", "subject")),
        ),
        ek.Aid(
            id="aid-2024",
            title="German aid allocated this year",
            aid_kind="military",
            amount=ek.Money(amount=Decimal("8E+9"), currency="EUR", qualifier=ek.Qualifier.NEARLY),
            period=ek.parse_edtf("2024"),
        ),
        ek.AidPledge(
            id="aid-proposed",
            title="Proposed €3 billion package",
            status="proposed",
            amount=ek.Money(amount=Decimal("3E+9"), currency="EUR"),
            period=ek.parse_edtf("2024"),
            participants=who(("olaf-scholz", "donor"), ("ukraine", "beneficiary")),
        ),
        ek.AidDelivery(
            id="winter-aid",
            title="Winter aid for millions",
            aid_kind="humanitarian",
            status="ongoing",
        ),
        ek.ShowOfForce(
            id="north-sea",
            title="Russian military aircraft over the North Sea",
            forces="military aircraft",
            place=ek.Place(name="North Sea"),
        ),
    ]
    for event in events:
        assert ek.from_json(ek.Event, ek.to_json(event)) == event
    assert ek.to_dict(events[6])["casualties"] == {"killed": {"value": 1}, "injured": {"value": 10}}
    assert ek.to_dict(events[11])["amount"] == {
        "amount": "8E+9",
        "currency": "EUR",
        "qualifier": "nearly",
    }


# --- hypothesis ---------------------------------------------------------------------------


@pytest.mark.parametrize("cls", BUILTIN_TAGS.values(), ids=BUILTIN_TAGS.keys())
def test_every_builtin_type_round_trips(cls: type[ek.Event]) -> None:
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
    @given(st.data())
    def round_trip(data: st.DataObject) -> None:
        event = data.draw(records(cls))
        assert ek.from_json(ek.Event, ek.to_json(event)) == event

    round_trip()


def test_acled_sub_event_types_belong_to_their_event_type() -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Codes(acled="Battles", acled_sub_event="Air/drone strike", acled_disorder=["Riots"])
    assert [
        ("$.acled_disorder[0]", "invalid_value"),
    ] == [(p.path, p.code) for p in caught.value.problems]
    with pytest.raises(ek.ValidationError, match="not a sub-event type of 'Battles'"):
        ek.Codes(acled="Battles", acled_sub_event="Air/drone strike")


@pytest.mark.parametrize(
    ("given", "plover", "mode", "context", "original"),
    [
        (("DEMAND", "", "refugees"), "REQUEST", None, ("asylum",), {"event": "DEMAND"}),
        (("FIGHT", "heavy-weapons", "military"), "ASSAULT", "heavy-weapons", ("military",), {}),
        (("DISAPPROVE", None, "diplomatic"), "ACCUSE", "disapprove", ("diplomatic",), {}),
        (("INVESTIGATE", None, None), "ACCUSE", "investigate", (), {}),
        (("PROTEST", "strike-hun", ""), "PROTEST", "hunger", (), {"mode": "strike-hun"}),
        (
            ("COERCE", "confiscate", "legal, government"),
            "COERCE",
            "seize",
            ("legal", "executive"),
            {},
        ),
        (("DOCUMENT", None, None), None, None, (), {"event": "DOCUMENT"}),
        (("AGREE", "other", "historical, unknown"), "AGREE", None, (), {"mode": "other"}),
    ],
)
def test_plover_05_codings_map_to_08_and_keep_the_original(
    given: tuple[str, str | None, str | None],
    plover: str | None,
    mode: str | None,
    context: tuple[str, ...],
    original: dict[str, str],
) -> None:
    codes = ek.codes.plover_from_v05(*given)
    assert (plover, mode, context) == (codes.plover, codes.mode, codes.context)
    assert "0.5b1" == codes.original["plover_version"]
    assert original.items() <= codes.original.items()
    assert given[0] == codes.original["event"]
    assert codes == ek.from_json(ek.Codes, ek.to_json(codes))


def test_an_older_plover_name_is_refused_naming_its_08_equivalent() -> None:
    with pytest.raises(
        ek.ValidationError, match=r"FIGHT is a PLOVER 0.5b1 type; in 0.8 it is ASSAULT"
    ):
        ek.Codes(plover="FIGHT")


def test_gdelt_quad_class_and_goldstein_follow_from_the_cameo_code() -> None:
    assert (1, 1.0) == (ek.Codes(cameo="041").quad_class(), ek.Codes(cameo="041").goldstein())
    assert (None, None) == (ek.Codes().quad_class(), ek.Codes().goldstein())
    every = cameo_descriptions()
    assert {1, 2, 3, 4} == {ek.codes.quad_class(code) for code in every}
    scored = [code for code in every if ek.codes.goldstein_scale(code) is not None]
    assert len(scored) > 250
    assert all(-10 <= (ek.codes.goldstein_scale(code) or 0) <= 10 for code in scored)


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ({"when": "2024-11-15"}, "pass ek.parse_edtf('2024-11-15')"),
        ({"when": "mid-November 2024"}, "pass ek.parse_when('mid-November 2024')"),
        ({"when": "2024-11-31"}, None),
        ({"participants": ["olaf"]}, "pass ek.Participant(actor='olaf')"),
        ({"casualties": 3}, "pass ek.Casualties(killed=ek.Quantity(value=3))"),
        ({"place": {"name": "Odesa"}}, "pass ek.Place(**value) for the object given as a dict"),
        ({"tags": None}, "write [] or leave the field out"),
    ],
)
def test_a_constructor_given_a_json_form_hints_the_python_value(
    given: dict[str, Any], hint: str | None
) -> None:
    with pytest.raises(ek.ValidationError) as caught:
        ek.Event(id="e", title="Event", **given)

    (problem,) = caught.value.problems
    assert ("invalid_type", hint) == (problem.code, problem.hint)


@pytest.mark.parametrize(
    ("figure", "hint"),
    [
        ({"amount": "5", "currency": "EUR"}, "pass ek.Money(**value)"),
        ({"killed": ek.Quantity(value=3)}, "pass ek.Casualties(**value)"),
        ({"colour": "red"}, None),  # no member has such a field: no class to name
    ],
)
def test_a_constructor_given_a_dict_for_a_union_of_classes_names_the_class_it_fits(
    figure: dict[str, Any], hint: str | None
) -> None:
    # A dict for Statement.figure got "not dict" and no hint, where a single class got one.
    with pytest.raises(ek.ValidationError) as caught:
        ek.Statement(id="s", speaker="a", text="T", figure=figure)  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    expected = None if hint is None else f"{hint} for the object given as a dict"
    assert ("$.figure", "invalid_type", expected) == (problem.path, problem.code, problem.hint)


def test_a_constructor_given_a_python_date_or_the_wrong_kind_of_date_says_what_to_pass() -> None:
    # date(...) got "write a date as a string", which the constructor then refused;
    # a span where one date belongs got an example of a span
    span: Any = ek.parse_edtf("2024-11-15/2024-11-18")
    day = ek.PartialDate(year=2024, month=11, day=15)
    cases: list[tuple[Callable[[], Any], str]] = [
        (lambda: ek.Event(id="e", title="E", when=date(2024, 11, 15)),  # type: ignore[arg-type]
         "pass ek.PartialDate.from_datetime(value)"),
        (lambda: ek.Role(title="Chief", start=span),
         "this field holds one date, not a span: pass value.start or value.end"),
    ]  # fmt: skip
    for call, hint in cases:
        with pytest.raises(ek.ValidationError) as caught:
            call()
        assert [hint] == [p.hint for p in caught.value.problems]
    with pytest.raises(ek.ValidationError) as caught:
        ek.Role(title="Chief", start=2024)  # type: ignore[arg-type]
    assert ['write a date as a string, e.g. "2024-11-15" or "2024-11"'] == [
        p.hint for p in caught.value.problems
    ]
    assert day == ek.Role(title="Chief", start=day).start


def test_a_custom_class_in_a_hint_is_named_as_the_user_wrote_it() -> None:
    @attrs.frozen(kw_only=True)
    class Vessel:
        name: ek.Text

    @ek.event_type("test_events.boarding")
    @attrs.frozen(kw_only=True)
    class Boarding(ek.Event):
        vessel: Vessel | None = None

    with pytest.raises(ek.ValidationError) as caught:
        Boarding(id="b", title="Boarding", vessel="Eagle S")  # type: ignore[arg-type]

    assert ["pass Vessel(name='Eagle S')"] == [p.hint for p in caught.value.problems]


def test_a_misspelt_tag_asked_again_after_its_type_is_registered_is_hinted() -> None:
    # what is close to a misspelt tag is remembered; a registration changes it
    data = {"type": "test_events.procesion", "id": "p", "title": "Procession"}
    with pytest.raises(ek.ValidationError) as before:
        ek.from_dict(ek.Event, data)
    assert before.value.problems[0].hint is None

    @ek.event_type("test_events.procession")
    @attrs.frozen(kw_only=True)
    class Procession(ek.Event):
        pass

    with pytest.raises(ek.ValidationError) as after:
        ek.from_dict(ek.Event, data)
    assert 'did you mean "test_events.procession"?' == after.value.problems[0].hint
    long = {**data, "type": "test_events." + "procession" * 10_000}
    with pytest.raises(ek.ValidationError) as too_long:
        ek.from_dict(ek.Event, long)
    assert too_long.value.problems[0].hint is None
