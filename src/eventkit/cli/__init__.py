"""The ``eventkit`` command.

=============================  ==================================================
``eventkit validate FILE…``    check files (``-``: standard input), together
``eventkit convert IN OUT``    the same records in another format
``eventkit schema [TYPE…]``    the JSON Schema, or the fields as a table
``eventkit show FILE``         what a file holds: counts, time range, actors
``eventkit timeline FILE -o``  a picture of the events over time
``eventkit duplicates FILE``   the pairs of events that may be one, a line each
``eventkit demo``              the seed article as a dataset, written and shown
=============================  ==================================================

Exit status: 0 on success, 1 when data has problems or a file (standard
output too: a closed pipe, a full disk) cannot be read or written, 2 for a
usage error, 130 when interrupted (Ctrl-C), 143
when ended by SIGTERM (with the work undone, as for Ctrl-C). ``--types MODULE`` imports a module
that registers event types before reading; only modules named so are ever
imported, never anything named by data.

Examples:
    >>> from eventkit.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    eventkit ...
    0
"""

import argparse
import contextlib
import math
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.text import Text

import eventkit as ek
from eventkit._duplicates import DEFAULT_THRESHOLD
from eventkit._scores import SCORE, is_score
from eventkit.cli._common import (
    HelpFormatter,
    UsageError,
    add_types_option,
    check_format_known,
    error,
    guarded_output,
    import_types,
    load_leniently,
    make_console,
    positive,
    printable,
    say_report,
    why_not_written,
)
from eventkit.cli._convert import convert
from eventkit.cli._duplicates import duplicates
from eventkit.cli._formats import INTEROP
from eventkit.cli._schema import schema
from eventkit.cli._show import counts, said_about, show, timeline_table
from eventkit.cli._timeline import FORMATS, check_format, draw, save
from eventkit.cli._validate import STDIN, validate
from eventkit.columnar._duplicates import MEMORY_LIMIT, memory_limit_problem
from eventkit.examples import scholz_putin
from eventkit.io._validate import MAX_PROBLEMS

__all__ = ["main"]

DEFAULT_DEMO_OUT = "scholz-putin.jsonl"
CALL = "call-2024-11-15"
COMMANDS = ("validate", "convert", "schema", "show", "timeline", "duplicates", "demo")


def _score(text: str) -> float:
    """A score from 0 to 1, for argparse."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not is_score(value):
        msg = f"{SCORE}, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _memory_limit(text: str) -> str:
    """A size for DuckDB's memory limit, for argparse."""
    if memory_limit_problem(text) is not None:
        msg = f"{MEMORY_LIMIT}, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return text


def _version() -> str:
    try:
        return version("eventkit")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _command(
    commands: "argparse._SubParsersAction[argparse.ArgumentParser]",
    name: str,
    summary: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog="examples:\n" + examples,
        formatter_class=HelpFormatter,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventkit",
        description="Typed, validated records for events, statements, actors and sources.",
        epilog=(
            "examples:\n"
            "  eventkit demo\n"
            "  eventkit validate scholz-putin.jsonl\n"
            "  eventkit timeline scholz-putin.jsonl -o timeline.svg\n"
            "\n"
            "`eventkit COMMAND --help` says more of each command."
        ),
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = _command(
        commands,
        "validate",
        "check files and report every problem",
        "Check eventkit files (.jsonl, .json, either .gz, or a .parquet dataset directory; "
        "- reads standard input) and report every problem with its file, line (or table "
        "and row), path and code. Files given together are one dataset: a reference may "
        "name a record in another of them.\n\n"
        "Exit status: 0 when every file is valid, 1 when one is not (with --lenient: when "
        "one cannot be read at all), 2 for a usage error.",
        "  eventkit validate actors.jsonl events.jsonl\n"
        "  eventkit validate events.parquet actors.jsonl\n"
        "  eventkit validate --json --max-errors 100 big.jsonl.gz > report.json\n"
        "  curl -s https://example.org/d.jsonl | eventkit validate -",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a file to check; - for stdin")
    add_types_option(check)
    check.add_argument(
        "--max-errors",
        type=positive,
        default=MAX_PROBLEMS,
        metavar="N",
        help=(
            f"keep the first N problems of each file (default {MAX_PROBLEMS:,}); every line is "
            "still checked and the rest are counted"
        ),
    )
    check.add_argument(
        "--keep-unknown",
        action="store_true",
        help=(
            "accept records of types this eventkit does not know (a plugin not installed) "
            "or with fields it does not know, as they are"
        ),
    )
    check.add_argument(
        "--lenient",
        action="store_true",
        help=(
            "read each file as Dataset.load(path, lenient=True) does: report every problem "
            "and how many records would load; fail only on a file that cannot be read"
        ),
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print one JSON document: every file, the counts by code, the problems and "
        "the warnings",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    check.add_argument(
        "--stdin-format",
        choices=("jsonl", "json"),
        default="jsonl",
        help="the format of standard input (default jsonl; gzip is recognised)",
    )

    conv = _command(
        commands,
        "convert",
        "write the records of a file in another format",
        "Write the records of IN to OUT in the format OUT's name says (.jsonl, .json, "
        "either .gz, or .parquet: a directory of Parquet tables, written in batches), or "
        "--to FORMAT says; read IN in the format its name says, or --from FORMAT says. "
        "JSON Lines is read streaming (into Parquet, on several processes: --jobs); the "
        "first invalid record stops the conversion and OUT is left as it was (references "
        "are not checked: use validate). "
        "Says what OUT's format cannot hold.\n\n"
        "Other formats, named by --from and --to:\n"
        + "\n".join(
            f"  {name:<13} " + text.replace("\n", "\n" + " " * 16) for name, text in INTEROP.items()
        )
        + "\n\nA .csv or .tsv file needs --from or --to, and so does a .json file that is not "
        "an eventkit document. What such a conversion changed, dropped or rejected is "
        "summarised on standard error (--report FILE: all of it, as JSON); rejected values "
        "make the exit status 1, OUT holding the rest.",
        "  eventkit convert seed.jsonl seed.json.gz\n  eventkit convert --force new.json old.jsonl"
        "\n  eventkit convert events.jsonl events.parquet"
        "\n  eventkit convert --from acled kenya.csv kenya.jsonl --report report.json"
        "\n  eventkit convert day.export.CSV --mentions day.mentions.CSV day.jsonl"
        "\n  eventkit convert seed.jsonl --to plover seed.plover.jsonl",
    )
    conv.add_argument("source", type=Path, metavar="IN", help="the file to read")
    conv.add_argument("target", type=Path, metavar="OUT", help="the file to write")
    conv.add_argument(
        "--from",
        dest="from_",
        choices=tuple(INTEROP),
        metavar="FORMAT",
        help="IN is in this other format: " + ", ".join(INTEROP),
    )
    conv.add_argument(
        "--to",
        choices=tuple(INTEROP),
        metavar="FORMAT",
        help="write OUT in this other format: " + ", ".join(INTEROP),
    )
    conv.add_argument(
        "--mentions",
        type=Path,
        metavar="FILE",
        help="GDELT's Mentions file, read with IN (--from gdelt) or written with OUT (--to gdelt)",
    )
    conv.add_argument(
        "--coding-method",
        metavar="METHOD",
        help=(
            "how the PLOVER records of IN were coded (model for POLECAT, manual for hand-coded"
            " ones), given to every coding read: PLOVER files do not say"
        ),
    )
    conv.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="write the conversion report in full, as JSON (other formats only)",
    )
    add_types_option(conv)
    conv.add_argument("--force", action="store_true", help="replace OUT if it exists")
    conv.add_argument(
        "--jobs",
        type=positive,
        metavar="N",
        help=(
            "JSON Lines to Parquet: make the records and their tables on N worker processes, "
            "about 0.5 GB of memory each (default: one per core, at most 4; 1: in this "
            "process alone, in the least memory)"
        ),
    )
    conv.add_argument(
        "--keep-unknown",
        action="store_true",
        help="carry records of types or with fields this eventkit does not know, as they are",
    )

    schema_ = _command(
        commands,
        "schema",
        "print the JSON Schema of record types, or their fields as a table",
        "Print the JSON Schema (draft 2020-12) of every registered type, or of the types "
        "named (each with its subtypes), told apart by `type`. The table lists each type's "
        "fields, types, defaults and checks, the fields it inherits, and what only eventkit "
        "checks.",
        "  eventkit schema > eventkit.schema.json\n"
        "  eventkit schema --format table phone_call\n"
        "  eventkit schema --compact phone_call actor source statement\n"
        "  eventkit schema --types acme_types acme.protest",
    )
    schema_.add_argument("types_", nargs="*", metavar="TYPE", help="a type tag, such as event")
    add_types_option(schema_)
    schema_.add_argument(
        "--format", choices=("json", "table"), default="json", help="default: json"
    )
    schema_.add_argument(
        "--document",
        action="store_true",
        help='the schema of a dataset document ({"type": "eventkit.dataset", "records": [...]})',
    )
    schema_.add_argument(
        "--compact",
        action="store_true",
        help="a profile sized for a language model's prompt (long code lists said in words)",
    )

    show_ = _command(
        commands,
        "show",
        "summarise what a file holds",
        "Print what a dataset file holds: records by kind, events by type, the time range, "
        "the top actors and sources, and a count of its problems. Exit status 1 when it has "
        "problems.",
        "  eventkit show scholz-putin.jsonl",
    )
    show_.add_argument("file", type=Path, metavar="FILE", help="a dataset file")
    add_types_option(show_)
    show_.add_argument("--top", type=positive, default=10, metavar="N", help="default: 10")

    time_ = _command(
        commands,
        "timeline",
        "draw the events of a file over time",
        "Draw the events of FILE over time: one lane per actor (or per type), a dot for a "
        "day, a bar for a month, a year or a span, colours and fills for statuses. Records "
        "that are themselves invalid are left out and their problems printed: exit status 1. "
        "Needs matplotlib: pip install 'eventkit[plot]'.",
        "  eventkit timeline scholz-putin.jsonl -o timeline.svg\n"
        "  eventkit timeline --by type scholz-putin.jsonl -o timeline.png",
    )
    time_.add_argument("file", type=Path, metavar="FILE", help="a dataset file")
    time_.add_argument(
        "-o",
        "--out",
        type=Path,
        required=True,
        metavar="OUT",
        help=f"the picture: {', '.join('.' + kind for kind in FORMATS)}",
    )
    add_types_option(time_)
    time_.add_argument("--by", choices=("actor", "type"), default="actor", help="default: actor")
    time_.add_argument("--title", help="default: the dataset's name")

    dup = _command(
        commands,
        "duplicates",
        "list the pairs of events that may be one event reported many times",
        "Print each pair of events that may be one, as ds.duplicate_events() scores them "
        "(see the Duplicates docs page): a tab-separated line each (first, second, score, "
        "features), or JSON Lines with the reasons. A Parquet dataset is compared by DuckDB "
        "over its files, within --memory-limit, so it may be larger than memory; any other "
        "file is loaded and compared in memory, leaving out records that are themselves "
        "invalid: their problems are printed on standard error, and the exit status is 1. "
        "Both give the same pairs.",
        "  eventkit duplicates reports.jsonl\n"
        "  eventkit duplicates --threshold 0.8 --json reports.parquet > pairs.jsonl",
    )
    dup.add_argument("file", type=Path, metavar="FILE", help="a dataset file or Parquet dataset")
    add_types_option(dup)
    dup.add_argument(
        "--threshold",
        type=_score,
        default=DEFAULT_THRESHOLD,
        metavar="SCORE",
        help=f"the score from which a pair is listed (default {DEFAULT_THRESHOLD})",
    )
    dup.add_argument(
        "--memory-limit",
        type=_memory_limit,
        default="2GB",
        metavar="SIZE",
        help="DuckDB's memory limit for a Parquet dataset (default 2GB)",
    )
    dup.add_argument("--json", action="store_true", help="JSON Lines, with each pair's reasons")

    demo = _command(
        commands,
        "demo",
        "build the Scholz–Putin example dataset, validate it, save it and show it",
        "Build the dataset of the article on the Scholz–Putin phone call of 15 November "
        "2024, validate it, write it as JSON Lines and print a summary and timeline.",
        "  eventkit demo --out call.jsonl",
    )
    demo.add_argument(
        "--out",
        type=Path,
        default=Path(DEFAULT_DEMO_OUT),
        metavar="FILE",
        help=f"where to write the JSON Lines file (default: {DEFAULT_DEMO_OUT})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``eventkit`` command with ``argv`` (default: ``sys.argv[1:]``).

    Args:
        argv: the arguments after the program name.

    Returns:
        The exit status: 0 on success, 1 when data has problems or a file
        (standard output too) cannot be read or written, 2 for a usage error.

    Examples:
        >>> main([])  # doctest: +ELLIPSIS
        usage: eventkit [-h] [--version] COMMAND ...
        ...
        2
    """
    with guarded_output() as output:
        status = _main(argv)
    if output.failed is not None:  # a closed pipe, a full device: the command's status, or 1
        error(f"cannot write the output: {output.failed.strerror or output.failed}")
        return status or 1
    return status


def _say_files_read_as_options(argv: Sequence[str]) -> None:
    """After a usage error: name each argument that is a file but reads as an option.

    ``eventkit validate -notes.jsonl`` said only that FILE was required.
    """
    for arg in argv:
        if arg.startswith("-") and arg not in {"-", "--"} and os.path.exists(arg):
            error(f"{arg} is read as an option; for the file, write ./{arg} or put -- before it")


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        if exit_.code:
            _say_files_read_as_options(sys.argv[1:] if argv is None else argv)
        return exit_.code if isinstance(exit_.code, int) else 2
    console = make_console()
    if args.command is None:
        parser.print_usage(sys.stdout)
        console.print(
            f"Commands: {', '.join(COMMANDS)}. Try: eventkit demo", highlight=False, soft_wrap=True
        )
        return 2
    try:
        with _terminated_as_interrupted():
            import_types(getattr(args, "types", []))
            for path in _inputs(args):
                check_format_known(path)
            return _run(args, console)
    except UsageError as err:
        error(str(err))
        return 2
    except ek.MissingExtraError as err:  # a format or engine whose extra is not installed
        error(str(err))
        return 1
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM
        terminated = isinstance(stop, _Terminated)
        error("terminated" if terminated else "interrupted")
        return 128 + (signal.SIGTERM if terminated else signal.SIGINT)


class _Terminated(KeyboardInterrupt):
    """SIGTERM arrived: unwinds as Ctrl-C does, through the same handlers."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _terminated_as_interrupted() -> Iterator[None]:
    """SIGTERM (``kill``, ``timeout``, ``docker stop``) ends the command as Ctrl-C does.

    Python's default for it ends the process at once: no ``finally`` runs,
    so ``convert``'s worker processes were left running, and a half-written
    target's temporary directory was left behind. Only the main thread can
    take a signal; elsewhere (a caller's thread) the default stays.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _inputs(args: argparse.Namespace) -> list[Path]:
    """The eventkit files a command reads; convert's IN may be another format (--from).

    Raises:
        UsageError: standard input (``-``) given to a command other than validate.
    """
    if args.command == "validate":
        return [Path(given) for given in args.files if given != STDIN]
    if args.command in ("show", "timeline", "duplicates"):
        if str(args.file) == STDIN:  # else "cannot tell the format from the file name"
            msg = (
                f"{args.command} reads a file, not standard input (-): save it to a .jsonl "
                "file first, or check it with `eventkit validate -`"
            )
            raise UsageError(msg)
        return [args.file]
    return []


def _run(args: argparse.Namespace, console: Console) -> int:  # noqa: PLR0911 - one per command
    if args.command == "validate":
        if args.files.count(STDIN) > 1:
            msg = "standard input (-) can be read once"
            raise UsageError(msg)
        return validate(
            args.files,
            console,
            max_errors=args.max_errors,
            keep_unknown=args.keep_unknown,
            lenient=args.lenient,
            as_json=args.json,
            quiet=args.quiet,
            stdin_format=args.stdin_format,
        )
    if args.command == "convert":
        return convert(
            args.source,
            args.target,
            console,
            force=args.force,
            keep_unknown=args.keep_unknown,
            from_=args.from_,
            to=args.to,
            mentions=args.mentions,
            report=args.report,
            coding_method=args.coding_method,
            jobs=args.jobs,
            types=args.types,
        )
    if args.command == "schema":
        table = args.format == "table"
        return schema(
            args.types_, console, table=table, document=args.document, compact=args.compact
        )
    if args.command == "demo":
        return _demo(args.out, console)
    if args.command == "duplicates":
        return duplicates(
            args.file, threshold=args.threshold, memory_limit=args.memory_limit, as_json=args.json
        )
    if args.command == "timeline":
        check_format(args.out)
    loaded = load_leniently(args.file)
    if loaded is None:
        return 1
    dataset, report = loaded
    if args.command == "show":
        show(dataset, report, console, top=args.top)
        return 0 if report.valid else 1
    return _timeline(dataset, report, args, console)


def _timeline(
    dataset: ek.Dataset, report: ek.Report, args: argparse.Namespace, console: Console
) -> int:
    """Draw the valid events, as show summarises the valid records; a problem makes it 1.

    Nothing dated to draw is the data's fault, not the command line's: 1, not 2.
    """
    if not report.valid:  # said first: they may be why nothing is left to draw
        say_report(report, console)
    if all(event.when is None for event in dataset.events):
        found = len(dataset.events)
        kind = "event" if report.valid else "valid event"
        events = f"{found:,} {kind}{'' if found == 1 else 's'}"
        error(f"no dated events to draw: {events}, none with a date")
        return 1
    figure = draw(dataset, by=args.by, title=args.title)
    try:
        save(figure, args.out)
    except OSError as err:
        error(f"cannot write {args.out}: {why_not_written(err, args.out)}")
        return 1
    left_out = "" if report.valid else "; records that are themselves invalid are left out"
    drawn = len(dataset.events)
    console.print(
        f"{args.out}: the timeline of {drawn:,} event{'' if drawn == 1 else 's'}{left_out}",
        highlight=False,
        soft_wrap=True,
    )
    return 0 if report.valid else 1


# --- demo --------------------------------------------------------------------


def _demo(out: Path, console: Console) -> int:
    if not out.name.lower().endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        msg = (
            f"--out {out}: the demo writes JSON Lines; give a file name ending in .jsonl "
            "(or .jsonl.gz)"
        )
        raise UsageError(msg)
    dataset = scholz_putin()
    report = dataset.check()
    if not report.valid:
        console.print(report.summary(), highlight=False)
        return 1
    try:
        dataset.save(out)
    except OSError as err:
        error(f"cannot write {out}: {why_not_written(err, out)}")
        return 1
    console.print(
        Text.assemble(
            ("The Scholz–Putin phone call of 15 November 2024", "bold"),
            f", as an eventkit dataset: {len(dataset)} records, valid, written to "
            + printable(str(out)),
        ),
        soft_wrap=True,
    )
    console.print(counts(dataset))
    caption = "by/from 2024-11-15: the article says only “before” or “after” the call"
    console.print(timeline_table(dataset, caption=caption))
    console.print(said_about(dataset, CALL))
    return 0
