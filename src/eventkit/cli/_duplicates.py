"""``eventkit duplicates``: the pairs of events that may be one, a line each.

A Parquet dataset directory is compared by DuckDB over its files
(`eventkit.columnar.duplicate_pairs`), so it may be larger than memory; any
other file is loaded and compared in memory. Both give the same pairs.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

import eventkit as ek
from eventkit._duplicates import duplicate_pairs
from eventkit.cli._common import error

__all__ = ["duplicates"]


def _pairs(path: Path, threshold: float, memory_limit: str) -> Iterator[ek.DuplicatePair]:
    if ek.columnar.is_parquet(path):
        yield from ek.columnar.duplicate_pairs(path, threshold, memory_limit=memory_limit)
        return
    dataset, _ = ek.Dataset.load(path, lenient=True)
    yield from duplicate_pairs(dataset.events, threshold)


def _lines(pairs: Iterable[ek.DuplicatePair], *, as_json: bool) -> Iterator[str]:
    if not as_json:
        yield "first\tsecond\tscore\tfeatures\n"
    for pair in pairs:
        if as_json:
            yield orjson.dumps(
                {
                    "first": pair.first,
                    "second": pair.second,
                    "score": pair.score,
                    "features": dict(pair.features),
                    "reasons": list(pair.reasons),
                },
                option=orjson.OPT_APPEND_NEWLINE,
            ).decode()
        else:
            features = " ".join(f"{name}={value}" for name, value in pair.features.items())
            yield f"{pair.first}\t{pair.second}\t{pair.score}\t{features}\n"


def duplicates(path: Path, *, threshold: float, memory_limit: str, as_json: bool) -> int:
    """Print each pair at or above ``threshold``: tab-separated, or JSON Lines with reasons.

    Returns:
        0, or 1 when ``path`` cannot be read (said on standard error).
    """
    pairs = _pairs(path, threshold, memory_limit)
    try:
        first = list(itertools.islice(pairs, 1))  # the file is read, or refused, before a line
        for line in _lines(itertools.chain(first, pairs), as_json=as_json):
            sys.stdout.write(line)
        sys.stdout.flush()
    except OSError as err:
        error(f"cannot read {path}: {err.strerror or err}")
        return 1
    except (ek.ValidationError, ek.MissingExtraError) as err:
        error(f"{path}: {err}")
        return 1
    return 0
