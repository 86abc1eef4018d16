"""The file under a journal: only a regular file is read, never blocking; writes are atomic.

A journal path may name anything: a folder, a device, a named pipe (FIFO), a socket, a
file with a second name (a hard link), a file or folder made read-only. Each is found
here from the file's metadata before anything is read, locked, renamed or written:

- anything but a regular file is refused (`NotAJournalFile`) before it is opened, and it
  is then opened with O_NONBLOCK and checked again (`fstat`), so a FIFO swapped in
  between is refused too instead of blocking the process forever;
- a file whose owner may not write it (its mode bits, which even root respects here),
  or that the system says we may not write, or in such a folder, is opened read-only;
- a file with more than one name cannot be saved: the atomic rename gives the journal a
  new file and leaves the other name on the old one (`JournalHasLinks`).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

from mentorjournal.storage.errors import JournalDamaged, JournalHasLinks, NotAJournalFile

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)
_NEVER_BLOCK = (getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                | getattr(os, "O_CLOEXEC", 0))
"""Opening a FIFO or a terminal returns at once (and a terminal never becomes ours)."""
_READ_FLAGS = os.O_RDONLY | _NEVER_BLOCK | getattr(os, "O_BINARY", 0)
_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NEVER_BLOCK | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_BINARY", 0))
"""A temp name someone made a FIFO or a symlink fails the save instead of blocking it or
writing through the link."""


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words: "a regular file", "a folder", "a socket"..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def regular_file(path: Path) -> os.stat_result | None:
    """The metadata of the regular file at `path`, or None when nothing is there yet.

    Raises NotAJournalFile for anything else, JournalDamaged when it cannot be looked at.
    """
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:  # a folder on the way we may not enter, a symlink loop
        raise JournalDamaged(path, error.strerror or str(error)) from None
    if not stat.S_ISREG(info.st_mode):
        raise NotAJournalFile(path, kind_of(info.st_mode))
    return info


def read_regular(path: Path, *, single_name: bool) -> bytes | None:
    """The bytes of the regular file at `path` (None if there is none), read without blocking.

    With `single_name`, a file with more than one hard link is refused (JournalHasLinks).
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalDamaged(path, error.strerror or str(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAJournalFile(path, kind_of(info.st_mode))
        if single_name and info.st_nlink > 1:
            raise JournalHasLinks(path, info.st_nlink)
        with io.FileIO(fd, "rb", closefd=False) as handle:
            return handle.readall()
    except OSError as error:
        raise JournalDamaged(path, error.strerror or str(error)) from None
    finally:
        os.close(fd)


def read_only_reason(path: Path, info: os.stat_result) -> str | None:
    """Why the existing journal at `path` must not be written, or None if it may be.

    The owner's write bit decides first: `chmod a-w` (or 0400) means "do not change this"
    even to root, whom the system itself would let write. A save writes a new file in
    the folder and renames it over the journal, so the folder must be writable too.
    """
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        return f"the journal {path} is read-only (its permissions do not allow writing)"
    folder = path.parent
    try:
        folder_mode = os.stat(folder).st_mode
    except OSError:
        return None  # the lock, created in the same folder, reports what is wrong
    if not folder_mode & stat.S_IWUSR or not os.access(folder, os.W_OK | os.X_OK):
        return (f"its folder {folder} is read-only (a save writes a new file there, "
                "so nothing can be saved)")
    return None


Writer = Callable[[io.BufferedWriter], object]
"""Writes a file's content to the handle it is given (an encryption streaming into it)."""


def atomic_write(path: Path, payload: bytes | Writer) -> None:
    """Write `path` so a reader sees the old file or the new one, never a mix.

    `payload` is the content, or what writes it. The temp file is beside `path` (a
    rename never crosses file systems) and private.
    """
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, _TEMP_FLAGS, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(payload, bytes):
                handle.write(payload)
            else:
                payload(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # The new content is in place (and fsynced) once renamed: a failure to also fsync the
    # folder must not report "not saved" for a journal that now holds the edit.
    with contextlib.suppress(OSError):
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open folders
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make the names in `folder` durable (after a file was removed); failures are ignored."""
    with contextlib.suppress(OSError):
        _fsync_dir(folder)
