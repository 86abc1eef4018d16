"""The journal file's errors; each carries a message fit to show a user."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base class: `str(error)` is a complete sentence for the user."""


class JournalLocked(JournalError):
    """Another running mentorjournal holds the journal's lock."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            f"The journal {path} is open in another mentorjournal ({holder}). "
            "Close it there first, or open this one read-only."
        )


class JournalNotWritable(JournalError):
    """The journal's folder cannot be created or written (read-only disk, no permission)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = path
        self.cause = cause
        reason = cause.strerror or str(cause)
        super().__init__(
            f"The journal {path} cannot be opened for writing ({reason}). "
            "Open it read-only, or choose another place with --db."
        )


class JournalDamaged(JournalError):
    """The journal file exists but cannot be read; it has not been touched."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"The journal {path} cannot be read ({reason}). It has not been changed."
        )


class JournalFromFuture(JournalError):
    """The journal was written by a newer mentorjournal; we refuse to touch it."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"The journal {path} was written by a newer mentorjournal (format {found}; "
            f"this version reads up to {supported}). Upgrade mentorjournal to open it; "
            "the file has not been changed."
        )


class SaveFailed(JournalError):
    """A write did not reach the disk; the journal on disk is unchanged."""

    def __init__(self, path: Path | None, cause: BaseException) -> None:
        self.path = path
        self.cause = cause
        detail = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        super().__init__(f"Not saved: {detail}. The journal on disk is unchanged; try again.")


class ReadOnlyJournal(JournalError):
    """The journal was opened read-only; nothing can be saved."""

    def __init__(self) -> None:
        super().__init__("Not saved: this journal is open read-only.")
