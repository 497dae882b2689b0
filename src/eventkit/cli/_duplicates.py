"""``eventkit duplicates``: the pairs of events that may be one, a line each.

A Parquet dataset directory is compared by DuckDB over its files
(`eventkit.columnar.duplicate_pairs`), so it may be larger than memory; its
records are compared as stored, unchecked (eventkit writes only valid ones,
and checking them would load them all: ``eventkit validate`` does). Any
other file is loaded leniently and compared in memory: the records left out
are said on standard error, as ``show`` and ``timeline`` say them, and make
the exit status 1. Both give the same pairs.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

import eventkit as ek
from eventkit._duplicates import duplicate_pairs
from eventkit.cli._common import error, load_leniently, make_console, say_report

__all__ = ["duplicates"]


def _pairs(path: Path, threshold: float) -> tuple[Iterator[ek.DuplicatePair], bool] | None:
    """A file's pairs among its valid records, and whether it is valid; None: it is unread.

    Its problems are said on standard error, before any pair.
    """
    loaded = load_leniently(path)
    if loaded is None:
        return None
    dataset, report = loaded
    if not report.valid:
        say_report(report, make_console(stderr=True))
    return iter(duplicate_pairs(dataset.events, threshold)), report.valid


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
        0, or 1 when ``path`` cannot be read or has problems (said on standard error).
    """
    if ek.columnar.is_parquet(path):
        pairs, valid = ek.columnar.duplicate_pairs(path, threshold, memory_limit=memory_limit), True
    else:
        found = _pairs(path, threshold)
        if found is None:
            return 1
        pairs, valid = found
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
    return 0 if valid else 1
