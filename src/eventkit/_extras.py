"""Optional dependencies, imported on first use: a missing one names its extra."""

from __future__ import annotations

import importlib
from typing import Any

from eventkit.exceptions import MissingExtraError

__all__ = ["need"]


def need(module: str, extra: str) -> Any:
    """Import ``module``, or raise `MissingExtraError` naming ``extra`` if it is not installed.

    Only a missing ``module`` (or a package above it) is a missing extra: an
    installed module that fails to import (a dependency of its own missing,
    a build for another Python) raises its own error, which says what to mend.

    Examples:
        >>> need("json", "none").dumps([1])
        '[1]'
        >>> need("eventkit_no_such_engine", "spark")
        Traceback (most recent call last):
        eventkit.exceptions.MissingExtraError: this needs eventkit_no_such_engine: pip install ...
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is None or not (module + ".").startswith(error.name + "."):
            raise
        raise MissingExtraError(module, extra) from None
