"""Atomic file writes: a temporary file beside the target, fsynced, renamed into place.

A save in progress holds an exclusive ``flock`` on its temporary file (or
directory, for a Parquet dataset) until it is renamed into place, so a
temporary one that nobody holds belongs to a save that was killed. A
directory replaced is held the same way while it is set aside
(`replace_directory`). The next save to the same path removes both kinds
of leftover. The writer and the remover each check after locking that the
name still leads to what they locked, so neither acts on one that the
other removed between its ``open`` and its lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

if sys.platform != "win32":
    import fcntl

__all__ = ["atomic_write", "link_target", "replace_directory", "temporary_directory"]

_umask: int | None = None
_TOKEN = re.compile(r"[0-9a-f]{16}")  # the random part of a leftover's name
_KINDS = (".tmp", ".old")  # a save's temporary file or directory; a directory set aside


def _default_mode() -> int:
    # The temporary file is created readable by the owner only; a new file
    # should get the mode open() would give it. The umask can only be read by
    # setting it, so it is read once and put back at once.
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


def link_target(path: str | os.PathLike[str]) -> str:
    """What a save to ``path`` replaces: the end of its chain of symbolic links.

    Replacing the link itself would turn it into a regular file (or
    directory) and leave its target stale. A dangling link gives the path
    it names, to be created.

    Raises:
        OSError: ``ELOOP``, the links make a loop.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> (folder / "latest.jsonl").symlink_to("runs.jsonl")
        >>> link_target(folder / "latest.jsonl") == str(folder.resolve() / "runs.jsonl")
        True
    """
    path = os.fspath(path)
    # realpath resolves every link, those in the directories too
    target = os.path.realpath(path)
    if os.path.islink(target):
        # realpath stops at a link it cannot resolve: one in a loop.
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path)
    return target


def _names(fd: int, path: str) -> bool:
    """Whether ``path`` still names the file open as ``fd``."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _lock(fd: int, *, wait: bool) -> bool:
    """Take the exclusive lock on ``fd``'s file; False if another holds it or locks fail."""
    if sys.platform == "win32":
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held by a live writer, or a file system without locks
        return False
    return True


def _is_leftover(entry: str, name: str) -> bool:
    prefix = f".{name}."
    return (
        entry.startswith(prefix)
        and entry.endswith(_KINDS)
        and _TOKEN.fullmatch(entry, len(prefix), len(entry) - len(".tmp")) is not None
    )


def _remove_leftovers(directory: str, name: str) -> None:
    """Remove what earlier saves to ``name`` left, temporary or set aside, whose writer is gone."""
    if sys.platform == "win32":  # no flock: a writer's liveness cannot be told
        return
    try:
        with os.scandir(directory) as entries:
            found = [entry.name for entry in entries if _is_leftover(entry.name, name)]
    except OSError:
        return
    for entry in found:
        path = os.path.join(directory, entry)
        fd = _open_leftover(path)
        if fd is None:
            continue
        try:
            mode = os.fstat(fd).st_mode
            if (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and _lock(fd, wait=False):
                if not _names(fd, path):
                    continue
                if stat.S_ISDIR(mode):
                    shutil.rmtree(path)
                else:
                    os.unlink(path)
        except OSError:  # a cleanup that fails must not fail the save
            pass
        finally:
            os.close(fd)


def _open_leftover(path: str) -> int | None:
    """A descriptor of the temporary file or directory ``path``; None if gone, a link, …."""
    # O_RDWR: on NFS, flock is emulated by a POSIX lock, which needs it. A
    # directory opens read only (and is then not removed on NFS).
    for flags in (os.O_RDWR, os.O_RDONLY | os.O_DIRECTORY):
        try:
            return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)
        except IsADirectoryError:
            continue
        except OSError:  # gone already, someone else's, or a link
            return None
    return None


def _make_directory(directory: str) -> None:
    """Make ``directory`` and the folders on the way to it, for a save inside it."""
    try:
        os.makedirs(directory, exist_ok=True)
    except FileExistsError:  # the folder itself is a file: not what "File exists" says
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), directory) from None


def _create_temporary(directory: str, name: str) -> tuple[int, str]:
    """Create and lock a new temporary file for ``name``; return its descriptor and path."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = os.path.join(directory, f".{name}.{os.urandom(8).hex()}.tmp")
        try:
            fd = os.open(temp, flags, 0o600)
        except FileExistsError:
            continue
        locked = _lock(fd, wait=True)
        # Between the open and the lock, another save may have taken the new,
        # unlocked file for a leftover and removed it: then start again.
        if not locked or _names(fd, temp):
            return fd, temp
        os.close(fd)


def temporary_directory(path: str | os.PathLike[str]) -> tuple[int, Path]:
    """Make a new, locked temporary directory beside ``path``: its lock's descriptor and path.

    A save writes a directory there (a Parquet dataset) and renames it to
    ``path``, keeping the descriptor open, and so the lock, until then.
    Leftovers of killed saves to ``path`` are removed first, and missing
    folders on the way to it made, as `atomic_write` does.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.parquet"
        >>> fd, temp = temporary_directory(path)
        >>> temp.name.startswith(".seed.parquet.") and temp.is_dir()
        True
        >>> os.close(fd)
    """
    directory, name = os.path.split(os.path.abspath(path))
    _make_directory(directory)
    _remove_leftovers(directory, name)
    while True:
        temp = os.path.join(directory, f".{name}.{os.urandom(8).hex()}.tmp")
        try:
            os.mkdir(temp)
        except FileExistsError:
            continue
        fd = os.open(temp, os.O_RDONLY | os.O_DIRECTORY)
        # As for files: another save may have taken it for a leftover, and removed it.
        if not _lock(fd, wait=True) or _names(fd, temp):
            return fd, Path(temp)
        os.close(fd)


def replace_directory(temp: Path, target: Path) -> None:
    """Rename the directory ``temp`` to ``target``, replacing the directory there if any.

    POSIX renames a directory over another only if that one is empty, and
    Python has no call that swaps two (Linux's ``renameat2`` with
    ``RENAME_EXCHANGE`` is not in the standard library). So the directory
    at ``target`` is first renamed aside, to a hidden
    ``.NAME.<16 hex digits>.old``, then ``temp`` is renamed to ``target``,
    then the old one is removed. A process killed between the two renames
    leaves nothing at ``target``, and the previous directory aside; the next
    save to ``target`` removes it. It is locked from before it is renamed
    until it is removed, so that no other save removes it meanwhile, and two
    saves to ``target`` swap one after the other.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> (folder / "new").mkdir(), (folder / "target").mkdir()
        (None, None)
        >>> (folder / "target" / "old.txt").write_text("old")
        3
        >>> replace_directory(folder / "new", folder / "target")
        >>> sorted(p.name for p in folder.iterdir()), list((folder / "target").iterdir())
        (['target'], [])
    """
    while True:
        try:
            fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            break
        try:
            if _lock(fd, wait=True) and not _names(fd, os.fspath(target)):
                continue  # another save replaced it while this one waited for the lock
            old = target.parent / f".{target.name}.{os.urandom(8).hex()}.old"
            target.rename(old)
            temp.rename(target)
            shutil.rmtree(old)
            return
        finally:
            os.close(fd)
    temp.rename(target)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    r"""Open a binary file that replaces ``path`` only when the block finishes.

    The data goes to a temporary file in the same directory, which is
    flushed, ``fsync``-ed and renamed over ``path`` (an atomic step on POSIX
    and Windows), and then the directory is ``fsync``-ed. If the block
    raises, the temporary file is removed and ``path`` is untouched. An
    existing file's permissions are kept.

    If the process is killed, ``path`` is untouched and a hidden
    ``.NAME.<16 hex digits>.tmp`` file is left behind; the next save to the
    same file removes it. A save holds a lock (``flock``) on its temporary
    file until it is renamed, and only files that no live save holds are
    removed, so saves in progress in other processes are never disturbed.
    On Windows, which has no ``flock``, leftovers are not removed.

    If ``path`` is a symbolic link, the file at the end of its chain of
    links is replaced (the temporary file goes in that file's directory), so
    the link stays a link and shows the new data. A dangling link gets the
    file it names created. A loop of links raises ``OSError`` (``ELOOP``).
    Missing directories on the way to the file are created, as a Parquet
    dataset's are.

    Examples:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> with atomic_write(path) as stream:
        ...     _ = stream.write(b"all or nothing\n")
        >>> path.read_text()
        'all or nothing\n'
    """
    target = link_target(path)
    directory, name = os.path.split(target)
    _make_directory(directory)
    _remove_leftovers(directory, name)
    fd, temp = _create_temporary(directory, name)
    try:
        # The descriptor stays open, and so locked, until the rename: a
        # temporary file closed before it would look like a leftover.
        with os.fdopen(fd, "wb", closefd=False) as stream:
            yield stream
            stream.flush()
            os.fsync(fd)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(temp, mode)
        if sys.platform == "win32":  # Windows cannot rename an open file
            os.close(fd)
            fd = -1
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    finally:
        if fd >= 0:
            os.close(fd)
    _fsync_directory(directory)
