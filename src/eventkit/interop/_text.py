"""The text of a file an adapter reads: UTF-8, or a `ValidationError` saying where it is not.

ACLED exports opened and saved by a spreadsheet are often in another
encoding; a `UnicodeDecodeError` is no error a user of eventkit is told to
expect, so it is reported as eventkit reports a JSON Lines file that is not
UTF-8 (code ``invalid_encoding``, with the byte and its offset).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from eventkit.exceptions import Problem, ValidationError
from eventkit.io._files import undecodable_utf8

__all__ = ["read_text"]


def read_text(path: str | os.PathLike[str]) -> str:
    r"""The file's text, read as UTF-8 (a byte-order mark left out).

    Raises:
        ValidationError: the file is not UTF-8 (code ``invalid_encoding``).
        OSError: it cannot be read.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "latin.csv"
        >>> _ = path.write_bytes("C\xf4te d'Ivoire".encode("latin-1"))
        >>> try:
        ...     read_text(path)
        ... except ValidationError as error:
        ...     print(error.problems[0].code, "-", error.problems[0].message)
        invalid_encoding - not valid UTF-8: byte 0xf4 at byte offset 1 in the file (invalid continuation byte)
    """  # noqa: E501 - the doctest output is one line
    raw = Path(path).read_bytes()
    message = undecodable_utf8(raw, 0, compressed=False)
    if message is not None:
        file = os.fsdecode(path)
        raise ValidationError(
            [Problem(code="invalid_encoding", message=message, file=file)], title=file
        )
    return raw.decode("utf-8").removeprefix(codecs.BOM_UTF8.decode("utf-8"))
