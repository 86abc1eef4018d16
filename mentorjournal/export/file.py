"""Writing an export to a file, for the CLI and the app: checked first, written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mentorjournal.storage.errors import JournalError
from mentorjournal.storage.files import atomic_write, kind_of
from mentorjournal.storage.sealed import key_file


class ExportFileError(JournalError):
    """The export cannot be written where asked; nothing was written."""


class ExportFileExists(ExportFileError):
    """The target exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} already exists; choose another file or allow replacing it "
                         "(--force).")


def beside_exports(name: str) -> Path:
    """A file named `name` in the folder the app offers to write exports to (the home
    folder, looked up when asked)."""
    return Path.home() / name


NOT_ENCRYPTED = ("The journal is encrypted, but this export is not: it holds what you chose "
                 "in plain text, as asked. Keep it somewhere safe, or delete it when done.")
"""What the shell and the app say after exporting an encrypted journal."""


def check_target(target: Path, *, force: bool = False, journal_path: Path | None = None) -> Path:
    """The path an export may be written to; raises ExportFileError otherwise.

    Only a regular file is ever replaced (and only with `force`): a folder, a device, a
    FIFO or a socket never, as the atomic write would put a file in its place. Symlinks
    are followed, so the file written, and its temp file, are where the link leads.
    """
    target = target.expanduser().absolute()
    try:
        target = target.resolve()
        info: os.stat_result | None = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        raise ExportFileError(f"Cannot write {target}: "
                              f"{getattr(error, 'strerror', None) or error}.") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise ExportFileError(f"{target} is a folder; give a file name.")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise ExportFileError(f"{target} is {kind_of(info.st_mode)}: an export is only written "
                              "to a regular file (or to standard output, -).")
    if info is not None and journal_path is not None:
        if _same_file(target, journal_path):
            raise ExportFileError(f"{target} is the journal itself; choose another file.")
        if _same_file(target, key_file(journal_path)):
            raise ExportFileError(f"{target} is the journal's key file; choose another file.")
    if not target.parent.is_dir():
        raise ExportFileError(f"Cannot write {target}: the folder {target.parent} "
                              "does not exist.")
    if info is not None and not force:
        raise ExportFileExists(target)
    return target


def _same_file(target: Path, journal: Path) -> bool:
    """True when `target` is the journal by any name (a symlink, a hard link)."""
    try:
        return os.path.samefile(target, journal)
    except OSError:
        return False


def write_export(target: Path, text: str | bytes, *, force: bool = False,
                 journal_path: Path | None = None) -> Path:
    """Write the export (text as UTF-8, or bytes as they are) atomically: a reader never
    sees half a file. Returns the path."""
    target = check_target(target, force=force, journal_path=journal_path)
    try:
        atomic_write(target, text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as error:
        raise ExportFileError(f"Cannot write {target}: "
                              f"{error.strerror or error}. Nothing was written.") from None
    return target
