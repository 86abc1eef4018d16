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


class TwoJournals(JournalError):
    """Both forms of one journal are there (`journal.json` and `journal.json.age`)."""

    def __init__(self, plain: Path, sealed: Path) -> None:
        self.path = plain
        self.sealed = sealed
        super().__init__(
            f"Both {plain} and {sealed} exist (an `encrypt` or `decrypt` that was "
            "interrupted?), so it is not clear which is the journal. Open each with --db to "
            "see which holds your latest work, then move the other one away. Nothing was "
            "changed."
        )


class EncryptionError(JournalError):
    """An encrypted journal that cannot be opened: no passphrase, a wrong one, its key
    missing or not its own. Never a damaged journal: nothing is offered to repair."""


class JournalEncrypted(EncryptionError):
    """The journal is encrypted and no key was given: ask for the passphrase, then retry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The journal {path} is encrypted: give its passphrase on a terminal, or in the "
            "MENTORJOURNAL_PASSPHRASE variable. Nothing was changed."
        )


class WrongPassphrase(EncryptionError):
    """The passphrase does not open the journal's key file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"Wrong passphrase for the journal {path}. Nothing was changed.")


class KeyFileMissing(EncryptionError):
    """An encrypted journal whose key file is not beside it."""

    def __init__(self, path: Path, key: Path) -> None:
        self.path = path
        self.key = key
        super().__init__(
            f"The journal {path} is encrypted, but its key file {key.name} is not beside "
            "it, and without it the journal cannot be opened: put your copy of the key "
            "file back there. Nothing was changed."
        )


class KeyFileDamaged(EncryptionError):
    """The key file is there but is not a passphrase-encrypted age key."""

    def __init__(self, key: Path, reason: str) -> None:
        self.path = key
        self.reason = reason
        super().__init__(
            f"The key file {key} cannot be read ({reason}): put your copy of the key file "
            "in its place. Nothing was changed."
        )


class NotThisJournalsKey(EncryptionError):
    """The file is encrypted to another key than the one in the key file beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is encrypted to another key than the one in its key file (a key file "
            "of another journal?): put this journal's own key file beside it. Nothing was "
            "changed."
        )


class NewEncryptedJournal(JournalError):
    """A journal path ending in .age where there is no journal yet: none is made there."""

    def __init__(self, path: Path, plain: Path) -> None:
        self.path = path
        super().__init__(
            f"There is no journal at {path}. A journal is encrypted once it exists: start it "
            f"at {plain}, then run `mentorjournal encrypt --db {plain}`."
        )


class AlreadyEncrypted(JournalError):
    """`encrypt` on a journal that is encrypted already."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"The journal {path} is encrypted already (to change its "
                         "passphrase: mentorjournal passphrase). Nothing was changed.")


class NotEncrypted(JournalError):
    """`decrypt` or `passphrase` on a plain journal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"The journal {path} is not encrypted (to encrypt it: mentorjournal "
                         "encrypt). Nothing was changed.")


class KeyFileInTheWay(JournalError):
    """`encrypt` would replace a key file that encrypted copies beside it still need."""

    def __init__(self, path: Path, key: Path) -> None:
        self.path = path
        super().__init__(
            f"{key} already exists, and encrypted backups of {path.name} beside it need it: "
            "move them and the key file away first. Nothing was changed.")
