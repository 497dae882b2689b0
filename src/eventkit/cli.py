"""The ``eventkit`` command.

Subcommands:

- ``eventkit demo [--out FILE]`` builds the Scholz–Putin dataset
  (`eventkit.examples.scholz_putin`), validates it, writes it as JSON
  Lines (default ``scholz-putin.jsonl``) and prints an account of it.
- ``eventkit validate [--types MODULE]... FILE...`` checks eventkit files
  and prints a report for each; the exit status is 1 if any file has a
  problem. ``--types`` imports a module (or a ``.py`` file) that registers
  event types first, so files using types that are not an installed plugin
  can be read; only modules named this way are ever imported, never anything
  named by data.

Examples:
    >>> from eventkit.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    eventkit ...
    0
"""

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

import eventkit as ek
from eventkit.examples import scholz_putin
from eventkit.io import validate_file
from eventkit.io._validate import MAX_PROBLEMS

__all__ = ["main"]

DEFAULT_DEMO_OUT = "scholz-putin.jsonl"
CALL = "call-2024-11-15"


def _version() -> str:
    try:
        return version("eventkit")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventkit",
        description="Typed, validated records for events, statements, actors and sources.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="build the Scholz–Putin example dataset, validate it, save it and show it",
        description=(
            "Build the dataset of the article on the Scholz–Putin phone call of 15 November "
            "2024, validate it, write it as JSON Lines and print a summary and timeline."
        ),
    )
    demo.add_argument(
        "--out",
        type=Path,
        default=Path(DEFAULT_DEMO_OUT),
        metavar="FILE",
        help=f"where to write the JSON Lines file (default: {DEFAULT_DEMO_OUT})",
    )

    validate = commands.add_parser(
        "validate",
        help="check eventkit JSON Lines files and report every problem",
        description="Check eventkit JSON Lines files; exit with status 1 if any has a problem.",
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _add_types_option(validate)
    validate.add_argument(
        "--max-errors",
        type=_positive,
        default=MAX_PROBLEMS,
        metavar="N",
        help=(
            f"show the first N problems of each file (default {MAX_PROBLEMS:,}); every line is "
            "still checked and the rest are counted"
        ),
    )
    validate.add_argument(
        "--keep-unknown",
        action="store_true",
        help=(
            "accept records of types this eventkit does not know (a plugin not installed) "
            "or with fields it does not know, as they are"
        ),
    )
    return parser


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"expected a positive whole number, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _add_types_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--types",
        action="append",
        default=[],
        metavar="MODULE",
        help=(
            "import MODULE (a module name, found from the current directory too, or a path "
            "to a .py file) before reading, so the event types it registers can be read; "
            "repeat for more modules"
        ),
    )


class _TypesError(Exception):
    """A module named by --types could not be imported."""


def _import_types(names: Sequence[str]) -> None:
    """Import the modules the user named, which register their event types."""
    if names and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # as `python -m` would: the user's own modules
    for name in names:
        try:
            if name.endswith(".py") or os.sep in name:
                _import_file(Path(name))
            else:
                importlib.import_module(name)
        except Exception as error:  # whatever the module raises, say which one failed
            msg = f"--types {name}: cannot import it: {type(error).__name__}: {error}"
            raise _TypesError(msg) from error


def _import_file(path: Path) -> None:
    name = f"eventkit_types_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        msg = f"not a Python file: {path}"
        raise ImportError(msg)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``eventkit`` command with ``argv`` (default: ``sys.argv[1:]``).

    Args:
        argv: the arguments after the program name.

    Returns:
        The exit status: 0 on success, 1 when data has problems or a file
        cannot be written, 2 for a usage error.

    Examples:
        >>> main([])  # doctest: +ELLIPSIS
        usage: eventkit [-h] [--version] COMMAND ...
        ...
        2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    console = Console()
    if args.command == "demo":
        return _demo(args.out, console)
    if args.command == "validate":
        try:
            _import_types(args.types)
        except _TypesError as error:
            _error(str(error))
            return 2
        return _validate(
            args.files, console, max_errors=args.max_errors, keep_unknown=args.keep_unknown
        )
    parser.print_usage(sys.stdout)
    console.print("Commands: demo, validate. Try: eventkit demo", highlight=False)
    return 2


def _error(message: str) -> None:
    Console(stderr=True).print(f"eventkit: error: {message}", markup=False, highlight=False,
                               soft_wrap=True)  # fmt: skip


# --- demo --------------------------------------------------------------------


def _demo(out: Path, console: Console) -> int:
    if not out.name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        _error(
            f"--out {out}: the demo writes JSON Lines; give a file name ending in .jsonl "
            "(or .jsonl.gz)"
        )
        return 2
    dataset = scholz_putin()
    report = dataset.check()
    if not report.valid:
        console.print(report.summary(), markup=False, highlight=False)
        return 1
    try:
        dataset.save(out)
    except OSError as err:
        _error(f"cannot write {out}: {err.strerror or err}")
        return 1
    console.print(
        Text.assemble(
            ("The Scholz–Putin phone call of 15 November 2024", "bold"),
            f", as an eventkit dataset: {len(dataset)} records, valid, written to {out}",
        ),
        soft_wrap=True,
    )
    console.print(_counts(dataset))
    console.print(_timeline(dataset))
    console.print(_said_about(dataset, CALL))
    return 0


def _counts(dataset: ek.Dataset) -> Table:
    table = Table(title="Records by kind", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Kind")
    table.add_column("Count", justify="right")
    for label, records in (
        ("actors", dataset.actors),
        ("sources", dataset.sources),
        ("events", dataset.events),
        ("statements", dataset.statements),
    ):
        table.add_row(label, str(len(records)))
    table.add_section()
    table.add_row("total", str(len(dataset)), style="bold")
    return table


def _name(dataset: ek.Dataset, actor_id: str) -> str:
    record = dataset.get(actor_id)
    return record.name if isinstance(record, ek.Actor) else actor_id


def _participants(dataset: ek.Dataset, event: ek.Event) -> str:
    return ", ".join(
        _name(dataset, p.actor)
        if p.role == "participant"
        else f"{_name(dataset, p.actor)} ({p.role})"
        for p in event.participants
    )


def _when(value: ek.When | None) -> str:
    """Show a date or span in words a reader follows at a glance."""
    if value is None:
        return "undated"
    if isinstance(value, ek.PartialDate):
        return value.to_edtf()
    if value.start is None:
        return f"by {value.end}"
    if value.end is None:
        return f"from {value.start}"
    return f"{value.start} to {value.end}"


def _timeline(dataset: ek.Dataset) -> Table:
    table = Table(
        title="Timeline of events",
        title_justify="left",
        caption="by/from 2024-11-15: the article says only “before” or “after” the call",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("When", max_width=13)
    table.add_column("Status")
    table.add_column("Event and participants", ratio=1)
    for event in dataset.timeline():
        table.add_row(
            _when(event.when),
            str(event.status),
            Text.assemble(event.title, "\n", (_participants(dataset, event), "dim")),
        )
    return table


def _said_about(dataset: ek.Dataset, event_id: str) -> Table:
    table = Table(title="What was said about the call", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Speaker", max_width=16)
    table.add_column("Via", max_width=20)
    table.add_column("Kind: what was said", ratio=1)
    for statement in dataset.statements_about(event_id):
        said = Text.assemble((str(statement.kind), "bold"), ": ")
        if statement.quote:
            said.append(f"“{statement.quote}”", style="italic")
            said.append(" — ")
        said.append(statement.text)
        table.add_row(_name(dataset, statement.speaker), statement.via or "—", said)
    return table


# --- validate ----------------------------------------------------------------


def _validate(
    files: Sequence[Path], console: Console, *, max_errors: int, keep_unknown: bool
) -> int:
    status = 0
    for path in files:
        try:
            report = validate_file(path, max_errors=max_errors, keep_unknown=keep_unknown)
        except OSError as err:
            _error(f"cannot read {path}: {err.strerror or err}")
            status = 1
            continue
        except ek.ValidationError as err:  # a file name eventkit cannot read (its suffix)
            _error(f"{path}: {'; '.join(p.message for p in err.problems)}")
            status = 1
            continue
        summary = report.summary(limit=None)  # every one kept: --max-errors
        console.print(summary, markup=False, highlight=False, soft_wrap=True)
        unknown = report.counts().get("unknown_type", 0)
        if unknown and not keep_unknown:  # kept ones are no problem; the rest have a bad id
            console.print(_UNKNOWN_TYPES.format(count=unknown), highlight=False, soft_wrap=True)
        if not report.valid:
            status = 1
    return status


_UNKNOWN_TYPES = (
    "{count} record(s) have a type this eventkit does not know. If a plugin defines it, "
    "install the plugin, or import the module that registers it with --types MODULE; "
    "to check the rest and keep such records as they are, use --keep-unknown. "
    "eventkit.known_tags() lists the types known here."
)


if __name__ == "__main__":
    sys.exit(main())
