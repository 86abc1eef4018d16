"""Writing an export to a file, for the CLI and the app: checked first, written atomically."""

from __future__ import annotations

from pathlib import Path

from mentorjournal.storage.errors import JournalError
from mentorjournal.storage.store import atomic_write


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


def check_target(target: Path, *, force: bool = False, journal_path: Path | None = None) -> Path:
    """The absolute path an export may be written to; raises ExportFileError otherwise."""
    target = target.expanduser().absolute()
    if journal_path is not None and target.resolve() == journal_path.resolve():
        raise ExportFileError(f"{target} is the journal itself; choose another file.")
    if target.is_dir():
        raise ExportFileError(f"{target} is a folder; give a file name.")
    if not target.parent.is_dir():
        raise ExportFileError(f"Cannot write {target}: the folder {target.parent} "
                              "does not exist.")
    if target.exists() and not force:
        raise ExportFileExists(target)
    return target


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
