"""eventkit's columnar form: Arrow tables and Parquet datasets, for the engines people run.

eventkit runs no query engine of its own. It writes, losslessly, the
tables engines people already run read: one table per kind of record
(``actors``, ``sources``, ``events``, ``statements``, ``provenances``, and
``unknown`` for records kept verbatim) plus link tables derived from them
(``participants``, ``relations``, ``citations``, ``statement_links``).
Every column comes from the field spec, custom event types' fields
included; dates are held as UTC ``earliest``/``latest`` instants with
their precision, EDTF and original text, so engines sort and filter them
correctly. See the "Scaling out" page of the documentation.

Everything here needs the ``parquet`` extra (pyarrow); `connect` the
``duckdb`` extra and `validate_files` the ``dask`` extra. A missing one
raises `eventkit.MissingExtraError` naming it.

What lives where: ``Dataset.to_arrow``, ``Dataset.from_arrow``,
``Dataset.save(path, format="parquet")``, ``Dataset.load``,
``Dataset.to_pandas`` and ``Dataset.to_polars`` (and back) are on
`eventkit.Dataset`; this module holds the streaming writer (and `jsonl_to_parquet`, which
makes a JSON Lines file's tables on several processes), the reader, the
schemas and the engines' entry points, among them `duplicate_pairs` and
`duplicate_events`: the duplicate events of a dataset too large for Python
objects, found by DuckDB with the scores `Dataset.duplicate_events` gives.

Examples:
    >>> import eventkit as ek, eventkit.examples, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
    >>> seed = ek.examples.scholz_putin()
    >>> seed.save(path, format="parquet")
    >>> ek.Dataset.load(path) == seed
    True
    >>> ek.columnar.schemas()["events"].field("when_earliest").type
    TimestampType(timestamp[us, tz=UTC])
"""

from eventkit.columnar._arrow import schemas
from eventkit.columnar._convert import jsonl_to_parquet
from eventkit.columnar._duplicates import duplicate_events, duplicate_pairs
from eventkit.columnar._engines import connect, validate_files
from eventkit.columnar._parquet import (
    ParquetWriter,
    batch_tables,
    is_parquet,
    partitioning,
    read_parquet,
    write_parquet,
)

__all__ = [
    "ParquetWriter",
    "batch_tables",
    "connect",
    "duplicate_events",
    "duplicate_pairs",
    "is_parquet",
    "jsonl_to_parquet",
    "partitioning",
    "read_parquet",
    "schemas",
    "validate_files",
    "write_parquet",
]
