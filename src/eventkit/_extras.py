"""Optional dependencies, imported on first use: a missing one names its extra."""

from __future__ import annotations

import importlib
import sys
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
    loaded = sys.modules.get(module)  # columns call this per batch: the import system is slower
    spec = getattr(loaded, "__spec__", None)
    if loaded is not None and not getattr(spec, "_initializing", False):
        return loaded  # imported (an import under way in another thread waits below, as Python's)
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is None or not (module + ".").startswith(error.name + "."):
            raise
        raise MissingExtraError(module, extra) from None
