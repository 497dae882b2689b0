"""The compact table of ids a conversion keeps: a dict's answers, in arrays of words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventkit.io._id_table import IdTable

# any text, lone surrogates too; few enough characters that ids repeat
KEYS = st.text(st.characters(codec=None, max_codepoint=0xDFFF) | st.sampled_from("ab"), max_size=3)
NUMBERS = st.integers(min_value=0, max_value=2**128 - 1)
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["setdefault", "set", "get"]), KEYS, NUMBERS), max_size=60
)


def _replay(operations: list[tuple[str, str, int]]) -> tuple[list[int | None], list[int | None]]:
    """What the table and a dict answer to the same operations."""
    table, model = IdTable(), dict[str, int]()
    table_answers: list[int | None] = []
    model_answers: list[int | None] = []
    for name, key, number in operations:
        if name == "setdefault":
            table_answers.append(table.setdefault(key, number))
            model_answers.append(model.setdefault(key, number))
        elif name == "set":
            table[key] = number
            model[key] = number
        table_answers.append(table.get(key))
        model_answers.append(model.get(key))
    assert len(model) == len(table)
    return table_answers, model_answers


@given(OPERATIONS)
def test_the_table_answers_as_a_dict_does(operations: list[tuple[str, str, int]]) -> None:
    table_answers, model_answers = _replay(operations)
    assert model_answers == table_answers


def test_the_table_grows_and_keeps_every_id_and_number() -> None:
    # 5,000 ids: the table doubles from 1,024 slots three times, ids moved each time
    ids = [f"event-{index}" for index in range(5_000)]
    operations = [("setdefault", key, index * 2**100 + index) for index, key in enumerate(ids)]
    operations += [("set", key, index) for index, key in enumerate(ids[::7])]
    operations += [("setdefault", key, 1) for key in ids]
    operations += [("get", f"event-{index}", 0) for index in range(4_990, 5_010)]
    table_answers, model_answers = _replay(operations)
    assert model_answers == table_answers
