"""The journal file's errors; each carries a message fit to show a user."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base class: `str(error)` is a complete sentence for the user."""


class JournalLocked(JournalError):
    """Another running mentorjournal holds the journal's lock; `role` says which kind.

    `role` is "app" (the app, open for as long as someone works in it), "command" (a
    shell command such as `add`, done in a moment) or "" (an older mentorjournal, which
    did not say).
    """

    def __init__(self, path: Path, holder: str, role: str = "") -> None:
        self.path = path
        self.holder = holder
        self.role = role
        where = {"app": "open in the app",
                 "command": "in use by another mentorjournal command"}.get(
                     role, "open in another mentorjournal")
        super().__init__(
            f"The journal {path} is {where} ({holder}). "
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


class NotAJournalFile(JournalError):
    """The path names a folder, a device, a FIFO or a socket: it is never read nor touched."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        super().__init__(
            f"{path} is {kind}, not a journal file: choose a file (--db PATH). "
            "Nothing was changed."
        )


class JournalHasLinks(JournalError):
    """The journal file has more than one name (hard links), which a save would split."""

    def __init__(self, path: Path, links: int) -> None:
        self.path = path
        self.links = links
        super().__init__(
            f"The journal {path} has {links} names (hard links). A save writes a new file, "
            "so the other names would keep the old journal and the two would drift apart. "
            "Keep one name (delete the others), or make a copy instead of a link; "
            "it can still be opened read-only. Nothing was changed."
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
    """The journal was opened read-only; nothing can be saved. `reason` says why, when the
    file (not the user) made it read-only."""

    def __init__(self, reason: str | None = None) -> None:
        self.reason = reason
        super().__init__(f"Not saved: {reason}. Nothing was changed." if reason
                         else "Not saved: this journal is open read-only.")
