"""``python -m eventkit``: the ``eventkit`` command, as ``python -m eventkit.cli`` is."""

import sys

from eventkit.cli import main

__all__: list[str] = []  # run, not imported from

if __name__ == "__main__":  # imported (by a tool walking the package), it does nothing
    sys.exit(main())
