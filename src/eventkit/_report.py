"""The validation report: every problem found in a dataset or a file, counted.

A `Report` is what `Dataset.check() <eventkit.Dataset.check>` and
`eventkit.validate_file` return. It never raises; it holds *all* the
problems (up to an optional limit), each with its code, record id, JSON path,
and the file and line it came from, and it answers the questions people ask of
a validation run: is it valid, how many of each kind of problem, which lines,
and what does it look like as JSON or as text for a human.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import orjson

from eventkit.exceptions import Problem, ValidationError, _encodable

__all__ = ["Report"]

_PROBLEM_KEYS = ("file", "line", "record", "loc", "code", "message", "input", "hint")


_PROMPT_MESSAGE = 300  # characters of a message a prompt line keeps
_PROMPT_INPUT = 80  # characters of an input


def _quoted(text: str) -> str:
    return orjson.dumps(text).decode()


def _prompt_line(problem: Problem) -> str:
    data = problem.to_dict()
    parts = [f"{data['loc']}: {_cut(data['message'], _PROMPT_MESSAGE)}"]
    if "input" in data:
        parts.append(f"you gave {_cut(orjson.dumps(data['input']).decode(), _PROMPT_INPUT)}")
    elif "input_repr" in data:
        parts.append(f"you gave {_cut(data['input_repr'], _PROMPT_INPUT)}")
    if problem.hint is not None:
        parts.append(problem.hint)
    return "; ".join(parts)


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else f"{text[: most - 1]}…"


def _to_tuple(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(problems)


@attrs.frozen(kw_only=True)
class Report:
    """The outcome of validating a dataset or a file: all problems, counted.

    Attributes:
        problems: the problems found, in the order found (file order for
            files); at most as many as the limit the check was given.
        records: how many records (non-blank lines, for a file) were examined;
            where a file cannot be read on (not gzip, UTF-16), only the lines
            read before.
        not_kept: how many more problems were found beyond the limit (they are
            counted in `counts`, but not kept, so memory stays bounded).
        code_counts: the number of problems of each code, kept or not (None:
            count the kept ones).
        source: what was checked: a file name, or a dataset's name.
        warnings: what looks wrong but may be right (an event related to
            itself, a statement of kind ``quote`` without its quote); they
            do not make the report invalid.

    A report is a result, not a collection: it is always true and has no
    length, so neither can be mistaken for the verdict. Ask `valid` for the
    verdict and ``len(report.problems)`` for a count.

    Examples:
        >>> import eventkit as ek
        >>> report = ek.Report(records=3, source="d.jsonl", problems=[
        ...     ek.Problem(loc=("speaker",), code="dangling_reference", record="s1",
        ...                message="no record has this id", input="nobody",
        ...                file="d.jsonl", line=3),
        ... ])
        >>> report.valid, report.counts()
        (False, {'dangling_reference': 1})
        >>> print(report.summary())
        d.jsonl: 1 problem in 3 records
          dangling_reference  1
        d.jsonl:3: record 's1': $.speaker: no record has this id, got 'nobody' [dangling_reference]
    """

    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_to_tuple)
    records: int = 0
    not_kept: int = 0
    code_counts: Mapping[str, int] | None = attrs.field(default=None, eq=False, repr=False)
    source: str | None = None
    warnings: tuple[Problem, ...] = attrs.field(default=(), converter=_to_tuple)

    @property
    def valid(self) -> bool:
        """Whether no problem was found.

        Examples:
            >>> Report(records=10).valid
            True
        """
        return not self.problems and not self.not_kept

    @property
    def truncated(self) -> bool:
        """Whether problems were found beyond the limit and not kept (see `not_kept`).

        Examples:
            >>> Report(problems=[Problem(code="missing", message="m")], not_kept=3).truncated
            True
        """
        return self.not_kept > 0

    @property
    def total(self) -> int:
        """How many problems were found, kept or not.

        Examples:
            >>> Report(problems=[Problem(code="missing", message="m")], not_kept=3).total
            4
        """
        return len(self.problems) + self.not_kept

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems (the name frictionless and JSON Schema tools use)."""
        return self.problems

    def counts(self) -> dict[str, int]:
        """Return how many problems there are of each code, most frequent first.

        Problems found beyond the limit and not kept are counted too.

        Examples:
            >>> p = Problem(code="missing", message="required")
            >>> Report(problems=[p, p, Problem(code="invalid_json", message="m")]).counts()
            {'missing': 2, 'invalid_json': 1}
        """
        counted = self.code_counts or Counter(problem.code for problem in self.problems)
        return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))

    def by_code(self, code: str) -> list[Problem]:
        """Return the problems with ``code``, in order.

        Examples:
            >>> report = Report(problems=[Problem(code="missing", message="required")])
            >>> [str(p) for p in report.by_code("missing")]
            ['$: required [missing]']
        """
        return [problem for problem in self.problems if problem.code == code]

    def by_record(self, record_id: str) -> list[Problem]:
        """Return the problems of the record with id ``record_id``, in order.

        Examples:
            >>> report = Report(problems=[Problem(code="missing", message="m", record="e1")])
            >>> len(report.by_record("e1")), len(report.by_record("e2"))
            (1, 0)
        """
        return [problem for problem in self.problems if problem.record == record_id]

    def lines(self) -> list[int]:
        """Return the line numbers that have problems, ascending, each once.

        Examples:
            >>> Report(problems=[Problem(code="x", message="m", line=7),
            ...                  Problem(code="y", message="m", line=3),
            ...                  Problem(code="z", message="m", line=7)]).lines()
            [3, 7]
        """
        return sorted({problem.line for problem in self.problems if problem.line is not None})

    def flatten(self, keys: Sequence[str] = ("line", "record", "loc", "code")) -> list[list[Any]]:
        """Return one row per problem with the chosen keys (as frictionless's ``flatten``).

        Keys are any of ``file``, ``line``, ``record``, ``loc``, ``code``,
        ``message``, ``input`` and ``hint``; a value a problem lacks is ``None``.

        Raises:
            ValueError: an unknown key.

        Examples:
            >>> Report(problems=[Problem(loc=("id",), code="missing", message="m", line=2)]
            ...        ).flatten(["line", "loc", "code"])
            [[2, '$.id', 'missing']]
        """
        unknown = [key for key in keys if key not in _PROBLEM_KEYS]
        if unknown:
            msg = f"unknown key {unknown[0]!r}; choose from {', '.join(_PROBLEM_KEYS)}"
            raise ValueError(msg)
        rows = []
        for problem in self.problems:
            data = problem.to_dict()
            data.setdefault("input", data.get("input_repr"))  # an input JSON cannot hold
            rows.append([data.get(key) for key in keys])
        return rows

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-compatible data.

        Examples:
            >>> Report(records=2, source="d.jsonl").to_dict()
            {'valid': True, 'source': 'd.jsonl', 'records': 2, 'not_kept': 0, 'counts': {}, 'problems': [], 'warnings': []}
        """  # noqa: E501 -- doctest output lines cannot be wrapped
        return {
            "valid": self.valid,
            "source": None if self.source is None else _encodable(self.source),
            "records": self.records,
            "not_kept": self.not_kept,
            "counts": {_encodable(code): count for code, count in self.counts().items()},
            "problems": [problem.to_dict() for problem in self.problems],
            "warnings": [warning.to_dict() for warning in self.warnings],
        }

    def to_json(self, *, indent: bool = False) -> str:
        """Return the report as JSON text (see `to_dict`).

        Examples:
            >>> Report(records=1).to_json()
            '{"valid":true,"source":null,"records":1,"not_kept":0,"counts":{},"problems":[],"warnings":[]}'
        """
        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(self.to_dict(), option=option).decode()

    def summary(self, *, limit: int | None = 20) -> str:
        """Return a human summary: counts by code, the first ``limit`` problems, then warnings.

        ``limit`` applies to the problems and to the warnings; ``None`` shows all.

        Examples:
            >>> print(Report(records=5, source="d.jsonl").summary())
            d.jsonl: valid, 5 records
            >>> print(Report(records=1, warnings=[Problem(code="self_relation", message="m")]))
            valid, 1 record; 1 warning
              warning: $: m [self_relation]
        """
        where = f"{self.source}: " if self.source else ""
        records = f"{self.records:,} record{'' if self.records == 1 else 's'}"
        warned = len(self.warnings)
        warnings = f"; {warned:,} warning{'' if warned == 1 else 's'}" if warned else ""
        lines = []
        if self.valid:
            lines.append(f"{where}valid, {records}{warnings}")
        else:
            count = len(self.problems)
            total = self.total
            head = f"{where}{total:,} problem{'' if total == 1 else 's'} in {records}"
            if self.not_kept:
                head += f" (the first {count:,} kept; {self.not_kept:,} more counted, not kept)"
            counts = self.counts()
            width = max(len(code) for code in counts) if counts else 0
            lines.append(head + warnings)
            lines.extend(f"  {code:<{width}}  {number:,}" for code, number in counts.items())
            lines.extend(str(problem) for problem in self.problems[:limit])
            if limit is not None and count > limit:
                lines.append(f"… and {count - limit} more")
        lines.extend(f"  warning: {warning}" for warning in self.warnings[:limit])
        if limit is not None and warned > limit:
            lines.append(f"… and {warned - limit} more warnings")
        return _encodable("\n".join(lines))

    def as_prompt(self, *, limit: int = 50) -> str:
        """Return the problems as a short text for the model that wrote the data to act on.

        Problems are grouped by record, one line each: the path, what was
        expected, the input as JSON and, where eventkit can tell, how to put
        it right. At most ``limit`` problems are listed (the rest are
        counted); warnings are left out.

        Examples:
            >>> import eventkit as ek
            >>> _, report = ek.validate([
            ...     {"type": "actor", "id": "scholz", "nme": "Olaf", "kind": "person"}])
            >>> print(report.as_prompt())
            2 problems to correct; then send the whole document again.
            record "scholz":
            - $.records[0].nme: unknown field for Actor; you gave "Olaf"; did you mean "name"?
            - $.records[0].name: required field missing
        """
        if self.valid:
            return "valid"
        total = self.total
        noun = "problem" if total == 1 else "problems"
        lines = [f"{total} {noun} to correct; then send the whole document again."]
        groups: dict[str | None, list[Problem]] = {}
        for problem in self.problems[:limit]:
            groups.setdefault(problem.record, []).append(problem)
        for record, problems in groups.items():
            lines.append("not in a record:" if record is None else f"record {_quoted(record)}:")
            lines.extend(f"- {_prompt_line(problem)}" for problem in problems)
        if total > limit:
            lines.append(f"… and {total - limit} more")
        return _encodable("\n".join(lines))

    def __str__(self) -> str:
        return self.summary()

    def raise_if_invalid(self, *, title: str | None = None) -> None:
        """Raise a `eventkit.ValidationError` holding the problems, if any.

        Raises:
            ValidationError: the report has problems.

        Examples:
            >>> Report(records=1).raise_if_invalid()
            >>> Report(problems=[Problem(code="missing", message="required")]).raise_if_invalid(
            ...     title="d.jsonl")
            Traceback (most recent call last):
            ...
            eventkit.exceptions.ValidationError: 1 problem in d.jsonl
              $: required [missing]
        """
        if self.problems:
            raise ValidationError(self.problems, title=title or self.source)

    @classmethod
    def combine(cls, reports: Iterable[Report], *, source: str | None = None) -> Report:
        """Return one report holding the problems and record counts of ``reports``.

        Examples:
            >>> both = Report.combine([Report(records=2), Report(records=3)])
            >>> both.records, both.valid
            (5, True)
        """
        reports = list(reports)
        counted: Counter[str] = Counter()
        for report in reports:
            counted.update(report.counts())
        return cls(
            problems=tuple(problem for report in reports for problem in report.problems),
            records=sum(report.records for report in reports),
            not_kept=sum(report.not_kept for report in reports),
            code_counts=dict(counted),
            source=source,
            warnings=tuple(warning for report in reports for warning in report.warnings),
        )
