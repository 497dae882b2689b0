"""What every command shares: the error line, usage errors, ``--types``, the help layout."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import io
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

from rich.console import Console
from rich.text import Text

from eventkit._dataset import Dataset
from eventkit._report import Report
from eventkit.columnar._parquet import is_parquet
from eventkit.exceptions import ValidationError
from eventkit.io._files import file_format

__all__ = [
    "HelpFormatter",
    "Output",
    "UsageError",
    "add_types_option",
    "check_format_known",
    "error",
    "guarded_output",
    "import_types",
    "load_leniently",
    "make_console",
    "note",
    "positive",
    "printable",
    "say_report",
    "why_not_written",
]


class UsageError(Exception):
    """The command was asked for something it cannot do as asked: exit status 2."""


def check_format_known(path: Path) -> None:
    """Refuse a file whose format its name does not tell, before anything is read.

    Such a name is a mistake in the command line, not in the data: the exit
    status is 2, for every command, not the 1 of a file with problems.

    Raises:
        UsageError: ``path`` names no Parquet dataset and has no suffix eventkit reads.
    """
    if is_parquet(path):
        return
    try:
        file_format(path)
    except ValidationError as err:
        msg = f"{os.fsdecode(path)}: {err.problems[0].message}"
        raise UsageError(msg) from None


_ESCAPED: Final = {
    code: repr(chr(code))[1:-1]
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if chr(code) not in "\n\t"
}


def printable(text: str) -> str:
    r"""``text`` with its control characters written as Python writes them: ``\x1b``, ``\r``.

    A file or a document may be named with them; raw, they would recolour
    or rewrite the terminal (rich passes ``\x1b`` on and drops ``\r``).

    Examples:
        >>> print(printable("odd\x1b[31m\r.jsonl"))
        odd\x1b[31m\r.jsonl
    """
    return text.translate(_ESCAPED)


class _Console(Console):
    """rich's console, with every string it is given escaped by `printable`.

    `Console.render_str` makes each string printed, and each string cell
    of a table, into text; a `Text` made by a command is escaped where it is made.
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(printable(text), **kwargs)


def make_console(*, stderr: bool = False) -> Console:
    """A console that prints text as given, for every command: it quotes data and file names.

    rich would read ``[...]`` in a name as markup (``[/]`` is an error, a
    ``[link=...]`` tag reaches the terminal) and ``:warning:`` as an emoji;
    control characters are escaped (`printable`).
    """
    return _Console(stderr=stderr, markup=False, emoji=False)


_PIECE: Final = io.DEFAULT_BUFFER_SIZE // 4  # characters, at most 4 bytes each


class Output(io.TextIOBase):
    """Standard output that keeps the first error writing it, and then writes nowhere.

    A reader that closed the pipe early (``| head -1``) or a full device
    fails a write; the command still ends as it would, and says so once
    (`guarded_output`), not in a traceback. The file descriptor is pointed
    at the null device, so what Python flushes at exit cannot fail again.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.failed: OSError | None = None

    @property
    def encoding(self) -> str:  # type: ignore[override] # the stream's, read-only
        return self.stream.encoding

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        # In pieces that fit the stream's buffer: a larger write goes to the pipe at
        # once, and when the reader closes it midway, CPython drops the rest unsaid.
        for start in range(0, len(text), _PIECE):
            if self.failed is not None:
                break
            try:
                self.stream.write(text[start : start + _PIECE])
            except OSError as err:
                self._fail(err)
        return len(text)

    def flush(self) -> None:
        if self.failed is None:
            try:
                self.stream.flush()
            except OSError as err:
                self._fail(err)

    def _fail(self, err: OSError) -> None:
        self.failed = err
        with contextlib.suppress(OSError, ValueError):  # no descriptor: a test's capture
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self.stream.fileno())
            os.close(null)


@contextlib.contextmanager
def guarded_output() -> Iterator[Output]:
    """Standard output as `Output` while a command runs; flushed at its end."""
    output = Output(sys.stdout)
    with contextlib.redirect_stdout(output):
        yield output
        output.flush()


def error(message: str) -> None:
    """Print ``eventkit: error: message`` on standard error."""
    note(f"error: {message}")


def note(message: str) -> None:
    """Print ``eventkit: message`` on standard error: what the user should know, no error."""
    make_console(stderr=True).print(f"eventkit: {message}", highlight=False, soft_wrap=True)


def why_not_written(err: OSError, *paths: Path) -> str:
    """Why ``paths`` could not be written: a folder on their way that is a file, or ``err``.

    A file where a folder should be is told by the call that meets it as
    "Not a directory" or, making the folders, "File exists": neither names it.
    """
    for path in paths:
        for folder in reversed(path.parents):
            if os.path.lexists(folder) and not os.path.isdir(folder):
                return f"{os.fsdecode(folder)} is not a directory"
    return err.strerror or str(err)


def load_leniently(path: Path) -> tuple[Dataset, Report] | None:
    """The dataset of a file's valid records and its report, or None (said) if unreadable.

    As ``Dataset.load(path, lenient=True)`` reads it: what `show`, `timeline`
    and `duplicates` work on, each saying the report with `say_report`.
    """
    try:
        return Dataset.load(path, lenient=True)
    except OSError as err:
        error(f"cannot read {os.fsdecode(path)}: {err.strerror or err}")
    except ValidationError as err:
        error(f"{os.fsdecode(path)}: {'; '.join(p.message for p in err.problems)}")
    return None


def say_report(report: Report, console: Console) -> None:
    """Print the summary of a file's problems: counts, then each, with its line and path."""
    console.print(report.summary(), highlight=False, soft_wrap=True)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with examples kept as written and one layout on every Python.

    Paragraphs are wrapped, lines indented (examples) are kept as they are.
    Options are shown as ``-o, --out FILE`` (as Python 3.13 does), so the
    help printed in the docs is the same whatever Python runs it.
    """

    def __init__(self, prog: str, **kwargs: Any) -> None:
        kwargs.setdefault("max_help_position", 30)
        kwargs.setdefault("width", min(100, _columns()))
        super().__init__(prog, **kwargs)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if paragraph.startswith(" ") or "\n " in paragraph:
                paragraphs.append(paragraph)
            else:
                paragraphs.append(
                    textwrap.fill(paragraph, width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(paragraphs)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        metavar = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {metavar}"


def _columns() -> int:
    try:
        return int(os.environ.get("COLUMNS", "")) - 2
    except ValueError:
        return 78


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"expected a positive whole number, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def add_types_option(command: argparse.ArgumentParser) -> None:
    """Add ``--types MODULE``, which imports modules registering event types."""
    command.add_argument(
        "--types",
        action="append",
        default=[],
        metavar="MODULE",
        help=(
            "import MODULE (a module name, found from the current directory too, or a path "
            "to a .py file) first, so the event types it registers can be read; repeat for "
            "more modules"
        ),
    )


def import_types(names: Sequence[str]) -> None:
    """Import the modules the user named, which register their event types.

    Only modules named this way are ever imported, never anything named by data.

    Raises:
        UsageError: a module cannot be imported (whatever it raised).
    """
    if names and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # as `python -m` would: the user's own modules
    for name in names:
        try:
            if name.endswith(".py") or os.sep in name:
                _import_file(Path(name))
            else:
                importlib.import_module(name)
        except Exception as exc:  # whatever the module raises, say which one failed
            msg = f"--types {name}: cannot import it: {type(exc).__name__}: {exc}"
            raise UsageError(msg) from exc


def _import_file(path: Path) -> None:
    folder = str(path.resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)  # as `python FILE` would: its imports find its neighbours
    name = f"eventkit_types_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        msg = f"not a Python file: {path}"
        raise ImportError(msg)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
