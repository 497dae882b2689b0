"""Reading, writing and validating dataset files.

Formats, chosen by suffix: JSON Lines (``.jsonl``, one record per line,
streamed) and a single JSON document (``.json``, with a format header), each
optionally gzip-compressed (``.gz``). Writes are atomic.

What lives where: everything a program needs is in ``eventkit`` itself
(``ek.Dataset.load``, ``ek.validate_file``, ``ek.from_jsonl``, …).
``eventkit.io`` holds, besides those, the streaming building blocks they are
made of, for programs that read or write records one by one:
`write_records` and `read_dataset`.

Examples:
    >>> import eventkit as ek, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.jsonl"
    >>> ek.io.write_records(path, [ek.Actor(id="a", name="A", kind="person")])
    1
    >>> [r.id for r in ek.io.iter_records(path)], ek.io.validate_file(path).valid
    (['a'], True)
"""

from eventkit.io._jsonl import from_jsonl, to_jsonl
from eventkit.io._validate import Loaded, iter_records, read_dataset, validate_file, write_records

__all__ = [
    "Loaded",
    "from_jsonl",
    "iter_records",
    "read_dataset",
    "to_jsonl",
    "validate_file",
    "write_records",
]
