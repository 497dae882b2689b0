"""Functions computed once per argument: the code and descriptions made per class."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["memoize"]

P = ParamSpec("P")
R = TypeVar("R")


def memoize(make: Callable[P, R]) -> Callable[P, R]:
    """``functools.cache``, keeping ``make``'s signature for type checkers.

    (typeshed types a cached function's arguments as ``Hashable``, which a
    class whose instances define ``__hash__`` is not to mypy.)

    Examples:
        >>> @memoize
        ... def square(n: int) -> int:
        ...     return n * n
        >>> square(3), square.cache_info().hits if hasattr(square, "cache_info") else None
        (9, 0)
    """
    return functools.cache(make)  # type: ignore[return-value]
