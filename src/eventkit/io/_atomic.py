"""Atomic file writes: a temporary file beside the target, fsynced, renamed into place."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

__all__ = ["atomic_write"]

_umask: int | None = None


def _default_mode() -> int:
    # mkstemp creates files readable by the owner only; a new file should get
    # the mode open() would give it. The umask can only be read by setting it,
    # so it is read once and put back at once.
    global _umask  # noqa: PLW0603 - read once per process
    if _umask is None:
        _umask = os.umask(0o022)
        os.umask(_umask)
    return 0o666 & ~_umask


def _fsync_directory(directory: str) -> None:
    # The rename is durable only once the directory entry is on disk. Windows
    # cannot open a directory; there the rename is as durable as it gets.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _resolve(path: str) -> str:
    # The file to replace is the end of the symlink chain: replacing the link
    # itself would turn it into a regular file and leave its target stale.
    # realpath resolves every link, those in the directories too.
    target = os.path.realpath(path)
    if os.path.islink(target):
        # realpath stops at a link it cannot resolve: one in a loop.
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)
    return target


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    r"""Open a binary file that replaces ``path`` only when the block finishes.

    The data goes to a temporary file in the same directory, which is
    flushed, ``fsync``-ed and renamed over ``path`` (an atomic step on POSIX
    and Windows), and then the directory is ``fsync``-ed. If the block
    raises, the temporary file is removed and ``path`` is untouched. If the
    process is killed, ``path`` is untouched and a hidden ``.NAME.*.tmp``
    file may be left behind. An existing file's permissions are kept.

    If ``path`` is a symbolic link, the file at the end of its chain of
    links is replaced (the temporary file goes in that file's directory), so
    the link stays a link and shows the new data. A dangling link gets the
    file it names created, if that file's directory exists. A loop of links
    raises ``OSError`` (``ELOOP``).

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> with atomic_write(path) as stream:
        ...     _ = stream.write(b"all or nothing\n")
        >>> path.read_text()
        'all or nothing\n'
    """
    import tempfile  # noqa: PLC0415 - costly (shutil, random); only writes need it

    target = _resolve(os.fspath(path))
    directory, name = os.path.split(target)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)
