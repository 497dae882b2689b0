"""Test configuration shared by tests/, the docstrings in src/ and docs/*.md.

Every ``>>>`` example in a docstring or a docs page runs as a test (Sybil),
so documentation cannot drift from behaviour.
"""

import os
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

# Both are bug hunts, not timings: a draw slowed by the other worker is no failure.
settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_OPTIONS = ELLIPSIS | NORMALIZE_WHITESPACE

_markdown = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=_OPTIONS), SkipParser()],
    patterns=["docs/*.md", "README.md"],
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=_OPTIONS)],
    patterns=["src/eventkit/*.py", "src/eventkit/**/*.py"],
)

pytest_collect_file = (_markdown + _docstrings).pytest()
