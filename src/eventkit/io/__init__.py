"""Reading, writing and validating dataset files.

Formats, chosen by suffix: JSON Lines (``.jsonl``, one record per line,
streamed) and a single JSON document (``.json``, with a format header), each
optionally gzip-compressed (``.gz``). Writes are atomic.

Examples:
    >>> import eventkit as ek, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.jsonl"
    >>> ek.io.write_records(path, [ek.Actor(id="a", name="A", kind="person")])
    1
    >>> [r.id for r in ek.io.iter_records(path)], ek.io.validate_file(path).valid
    (['a'], True)
"""

from eventkit.io._atomic import atomic_write
from eventkit.io._json import DOCUMENT_TYPE, FORMAT_VERSION
from eventkit.io._jsonl import MAX_LINE_BYTES
from eventkit.io._validate import iter_records, validate_file, write_records

__all__ = [
    "DOCUMENT_TYPE",
    "FORMAT_VERSION",
    "MAX_LINE_BYTES",
    "atomic_write",
    "iter_records",
    "validate_file",
    "write_records",
]
