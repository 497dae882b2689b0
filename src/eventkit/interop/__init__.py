"""Other event-data formats in and out of eventkit, with a report of every field.

Each format has its adapter module: `eventkit.interop.plover` (PLOVER and
POLECAT JSON), `eventkit.interop.acled` (ACLED CSV),
`eventkit.interop.gdelt` (GDELT 1.0 and 2.0 Events, 2.0 Mentions) and
`eventkit.interop.jsonld` (schema.org JSON-LD). An import returns
the dataset and a `ConversionReport` (``ds, report = plover.read(rows)``)
saying, row by row and field by field, what was mapped, changed (before and
after), dropped (and why) or rejected (and what is wrong); an export returns
the rows and the report of what the format cannot carry. Rows that share an
id in the source are listed in ``report.duplicates`` and never merged.
``ek.Dataset.to_networkx`` makes a graph of a dataset.

Examples:
    >>> from eventkit.interop import plover
    >>> ds, report = plover.read([{"id": "e1", "date": "2024-11-15", "event": "CONSULT"},
    ...                           {"id": "e1", "date": "2024-11-16", "event": "CONSULT"}])
    >>> sorted(e.id for e in ds.events), dict(report.duplicates)
    (['e1', 'e1-2'], {'e1': (0, 1)})
"""

from eventkit.interop._report import (
    ConversionReport,
    Exported,
    FieldOutcome,
    Imported,
    Outcome,
)

__all__ = [
    "ConversionReport",
    "Exported",
    "FieldOutcome",
    "Imported",
    "Outcome",
]
