"""``python -m eventkit.cli``: the ``eventkit`` command."""

import sys

from eventkit.cli import main

if __name__ == "__main__":  # imported (by a tool walking the package), it does nothing
    sys.exit(main())
