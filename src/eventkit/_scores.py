"""Scores from 0 to 1, and the one rule for a threshold on them.

How alike two actors or two events are is a score from 0 to 1, and a query
takes a threshold from which a pair is given. `Dataset.duplicate_events`,
`Dataset.similar_actors`, ``ek.columnar.duplicate_pairs`` and
``duplicate_events`` and ``eventkit duplicates --threshold`` refuse the
same values, in the same words.
"""

from typing import Final, TypeGuard

from eventkit.exceptions import Problem, ValidationError

__all__ = ["SCORE", "check_threshold", "is_score", "threshold_problem"]

SCORE: Final = "a score from 0 to 1"


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_score(value: object) -> bool:
    """Whether ``value`` is a number from 0 to 1: not a bool, not NaN.

    Examples:
        >>> is_score(0.7), is_score(1), is_score(1.5), is_score(float("nan")), is_score(True)
        (True, True, False, False, False)
    """
    return _number(value) and 0 <= value <= 1  # NaN compares false


def threshold_problem(value: object) -> Problem | None:
    """The problem with ``value`` as a ``threshold`` argument, or None for a score.

    Examples:
        >>> print(threshold_problem(1.5))
        $.threshold: expected a score from 0 to 1, got 1.5 [invalid_value]
        >>> threshold_problem("0.7").code
        'invalid_type'
    """
    if is_score(value):
        return None
    return Problem(
        loc=("threshold",),
        code="invalid_value" if _number(value) else "invalid_type",
        message=f"expected {SCORE}",
        input=value,
    )


def check_threshold(threshold: object, query: str) -> None:
    """Raise if ``threshold`` is no score: before any pair is scored, whatever the data.

    Raises:
        ValidationError: ``threshold`` is not a number from 0 to 1, titled ``query``.
    """
    problem = threshold_problem(threshold)
    if problem is not None:
        raise ValidationError([problem], title=query)
