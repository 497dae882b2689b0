"""Validating what a model extracted: every mistake in one pass, with a hint it can act on."""

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest

import eventkit as ek

ACTORS = [
    {"type": "actor", "id": "olaf-scholz", "name": "Olaf Scholz", "kind": "person"},
    {"type": "actor", "id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person"},
]
SOURCE = {"type": "source", "id": "dpa", "name": "dpa", "kind": "news_agency"}
CALL: dict[str, Any] = {
    "type": "phone_call",
    "id": "call",
    "title": "Scholz and Putin speak by phone",
    "when": "2024-11-15",
    "participants": [
        {"actor": "olaf-scholz", "role": "initiator"},
        {"actor": "vladimir-putin", "role": "recipient"},
    ],
    "sources": [{"source": "dpa"}],
}


AFP = {"type": "source", "id": "afp", "name": "AFP"}
DPA_ACTOR = {"type": "actor", "name": "dpa", "kind": "agency"}


def _document(*changed: dict[str, Any]) -> list[dict[str, Any]]:
    return [*copy.deepcopy(ACTORS), copy.deepcopy(SOURCE), *copy.deepcopy(changed)]


def _call(**changes: Any) -> dict[str, Any]:
    call = copy.deepcopy(CALL)
    call.update(changes)
    return {key: value for key, value in call.items() if value is not ...}


# (what the model got wrong, its output, the corrected output, the problems expected
# as (path, code, JSON input, hint); the paths count the three records before it)
Case = tuple[str, list[dict[str, Any]], list[dict[str, Any]], list[tuple[str, str, Any, Any]]]
CASES: list[Case] = [
    (
        "a wrong field name",
        _document(_call(title=..., name="Scholz and Putin speak by phone")),
        _document(_call()),
        [
            ("$.records[3].name", "unknown_field", "Scholz and Putin speak by phone", None),
            ("$.records[3].title", "missing", ..., None),
        ],
    ),
    (
        "a misspelt field name",
        _document(_call(participants=..., participnts=CALL["participants"])),
        _document(_call()),
        [
            (
                "$.records[3].participnts",
                "unknown_field",
                CALL["participants"],
                'did you mean "participants"?',
            )
        ],
    ),
    (
        "vocabulary near-misses",
        [*_document(_call()), {**AFP, "kind": "News Agency"}],
        [*_document(_call()), {**AFP, "kind": "news_agency"}],
        [("$.records[4].kind", "invalid_value", "News Agency", 'did you mean "news_agency"?')],
    ),
    (
        "a free-text date",
        _document(_call(when="15 November 2024")),
        _document(_call(when={"edtf": "2024-11-15", "text": "15 November 2024"})),
        [
            (
                "$.records[3].when",
                "invalid_value",
                "15 November 2024",
                'write {"edtf":"2024-11-15","text":"15 November 2024"}: '
                "the date in EDTF, the words as text",
            )
        ],
    ),
    (
        "a bare int for a quantity",
        _document(_call(type="attack", title="Strike", casualties={"killed": 3})),
        _document(_call(type="attack", title="Strike", casualties={"killed": {"value": 3}})),
        [
            (
                "$.records[3].casualties.killed",
                "invalid_type",
                3,
                'write an object, e.g. {"value":3}',
            )
        ],
    ),
    (
        "string ids as participants",
        _document(_call(participants=["olaf-scholz", "vladimir-putin"])),
        _document(_call(participants=[{"actor": "olaf-scholz"}, {"actor": "vladimir-putin"}])),
        [
            (
                f"$.records[3].participants[{i}]",
                "invalid_type",
                actor,
                f'write an object, e.g. {{"actor":"{actor}"}}',
            )
            for i, actor in enumerate(["olaf-scholz", "vladimir-putin"])
        ],
    ),
    (
        "an undefined id",
        _document(_call(participants=[{"actor": "scholz"}, {"actor": "putin"}])),
        _document(_call()),
        [
            (
                "$.records[3].participants[0].actor",
                "dangling_reference",
                "scholz",
                'did you mean "olaf-scholz"?',
            ),
            (
                "$.records[3].participants[1].actor",
                "dangling_reference",
                "putin",
                'did you mean "vladimir-putin"?',
            ),
        ],
    ),
    (
        "a duplicate id",
        [*_document(_call()), {**DPA_ACTOR, "id": "dpa"}],
        [*_document(_call()), {**DPA_ACTOR, "id": "dpa-agency"}],
        [("$.records[4].id", "duplicate_id", "dpa", None)],
    ),
    (
        "null for an empty list",
        _document(_call(tags=None)),
        _document(_call()),
        [("$.records[3].tags", "invalid_type", None, "write [] or leave the field out")],
    ),
    (
        "an unknown tag and a missing type",
        [*_document(_call(type="PhoneCall")), {"id": "x", "name": "X", "kind": "person"}],
        [*_document(_call()), {"type": "actor", "id": "x", "name": "X", "kind": "person"}],
        [
            ("$.records[3].type", "unknown_type", "PhoneCall", 'did you mean "phone_call"?'),
            ("$.records[4].type", "missing", ..., None),
        ],
    ),
]


def _seen(problem: ek.Problem) -> tuple[str, str, Any, Any]:
    data = problem.to_dict()
    return (data["loc"], data["code"], data.get("input", ...), data.get("hint"))


@pytest.mark.parametrize(
    ("output", "corrected", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_every_mistake_is_reported_in_one_pass_with_a_hint(
    output: list[dict[str, Any]],
    corrected: list[dict[str, Any]],
    expected: list[tuple[str, str, Any, Any]],
) -> None:
    _, report = ek.validate(output)
    assert expected == [_seen(problem) for problem in report.problems]
    fixed, clean = ek.validate(corrected)
    assert clean.valid, clean.summary()
    assert len(corrected) == len(fixed)


def test_a_document_may_be_a_list_records_or_the_dataset_document() -> None:
    records = _document(_call())
    verdicts = [
        ek.validate(document)[1].valid
        for document in (
            records,
            {"records": records},
            {"type": "eventkit.dataset", "version": 1, "records": records},
        )
    ]
    assert [True, True, True] == verdicts


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_validate_and_validate_file_agree_on_every_problem(case: Case, tmp_path: Path) -> None:
    output = case[1]
    path = tmp_path / "extracted.json"
    path.write_bytes(orjson.dumps({"type": "eventkit.dataset", "version": 1, "records": output}))
    _, in_memory = ek.validate(output)
    from_file = ek.validate_file(path)

    def key(problem: ek.Problem) -> tuple[Any, ...]:
        return (problem.record, problem.loc, problem.code, problem.message, problem.hint)

    assert [key(p) for p in in_memory.problems] == [key(p) for p in from_file.problems]
    assert in_memory.valid == from_file.valid


def test_the_prompt_groups_problems_by_record_and_shows_json_inputs() -> None:
    _, report = ek.validate(_document(_call(tags=None, participants=["olaf-scholz"])))
    prompt = report.as_prompt()
    assert prompt.splitlines() == [
        "2 problems to correct; then send the whole document again.",
        'record "call":',
        "- $.records[3].participants[0]: expected Participant, not a string; "
        'you gave "olaf-scholz"; write an object, e.g. {"actor":"olaf-scholz"}',
        "- $.records[3].tags: expected a list, not null; you gave null; "
        "write [] or leave the field out",
    ]


def test_a_count_given_as_a_float_is_a_type_problem_with_the_whole_number_as_hint() -> None:
    _, report = ek.validate(
        _document(_call(type="attack", title="Strike", casualties={"killed": {"value": 12.0}}))
    )
    assert [("$.records[3].casualties.killed.value", "invalid_type", 12.0, "write 12")] == [
        _seen(p) for p in report.problems
    ]


@pytest.mark.parametrize(
    ("field", "given", "hint"),
    [
        ("casualties", {"killed": "3"}, 'write an object, e.g. {"value":3}'),
        ("casualties", "3 killed", None),  # not {"killed":{"unit":"3 killed"}}
        ("casualties", {"killed": "about 3"}, None),
        ("amount", "3000000", 'write an object, e.g. {"amount":3000000,"currency":"..."}'),
        ("amount", "€3bn", 'write an object, e.g. {"amount":"0","currency":"..."}'),
        ("place", "Kyiv", 'write an object, e.g. {"name":"Kyiv"}'),
        ("casualties", "9" * 400, None),  # an int no float holds: OverflowError escaped
        ("amount", "1e400", 'write an object, e.g. {"amount":"0","currency":"..."}'),
    ],
)
def test_a_hint_carries_a_value_only_where_it_means_what_was_given(
    field: str, given: Any, hint: str | None
) -> None:
    # "3" went to a quantity's unit, and "3000000" to a sum's currency, which the
    # hinted object then refused
    data = {"type": "aid", "id": "p", "title": "T", field: given}
    with pytest.raises(ek.ValidationError) as caught:
        ek.from_dict(ek.Event, data)
    assert [hint] == [p.hint for p in caught.value.problems]


def test_a_hint_is_kept_when_a_problem_is_moved_pickled_and_shown() -> None:
    _, report = ek.validate(_document(_call(participnts=[])))
    problem = report.problems[0]
    assert 'did you mean "participants"?' == problem.hint
    assert problem.hint == problem.at("x").hint
    assert problem.hint in str(problem)
    assert problem.hint == problem.to_dict()["hint"]
