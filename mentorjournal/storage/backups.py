"""Backups of the journal and what is kept aside: daily copies, damaged files, restores.

Each is a copy of the journal's file as it is on disk: an encrypted journal's backups and
damaged files are age files encrypted to the same key (and named after it, `….age.…`).
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, datetime
from pathlib import Path

from mentorjournal.storage.errors import JournalEncrypted
from mentorjournal.storage.files import atomic_write, read_regular, regular_file
from mentorjournal.storage.sealed import JournalKey, is_encrypted
from mentorjournal.storage.store import JournalStore, parse_journal


def backups_of(path: Path) -> list[Path]:
    """The rolling daily backups of a journal, newest first."""
    return sorted(path.parent.glob(f"{path.name}.backup-*"), reverse=True)


def quarantine(path: Path, now: datetime | None = None) -> Path:
    """Move an unreadable journal aside (with the user's consent); returns where it went.

    Only a regular file is ever moved: a folder, a device or a FIFO (NotAJournalFile) never.
    """
    regular_file(path)
    target = _aside_name(path, now)
    os.replace(path, target)
    return target


def _aside_name(path: Path, now: datetime | None) -> Path:
    """A fresh `<journal>.damaged-<stamp>` name: never one that would replace an earlier one."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    return target


def restore_backup(path: Path, backup: Path, key: JournalKey | None = None) -> None:
    """Put a backup's content in place of the journal; a damaged journal is kept aside first.

    The damaged file is linked (or copied) aside and the backup then renamed over it, so a
    crash in between never leaves the journal path empty (which would open as a new journal).
    An encrypted journal's backup is checked with its `key` and copied as it is (encrypted).
    """
    payload = read_regular(backup, single_name=False) or b""
    if is_encrypted(path):
        if key is None:
            raise JournalEncrypted(path)
        parse_journal(backup, key.open(backup, payload))
    else:
        parse_journal(backup, payload)
    if regular_file(path) is not None:
        target = _aside_name(path, None)
        try:
            os.link(path, target)
        except OSError:  # no hard links here (some network or FAT file systems)
            atomic_write(target, read_regular(path, single_name=False) or b"")
    atomic_write(path, payload)


DEFAULT_BACKUP_DAYS = 7


def make_daily_backup(store: JournalStore, day: date) -> None:
    """Copy the journal as it was opened to today's backup, once a day; keep the last N.

    Call it only once the journal has been checked: a backup of a damaged file is none.
    """
    if store.path is None or store.on_file is None or store.readonly:
        return
    target = store.path.with_name(f"{store.path.name}.backup-{day.isoformat()}")
    if not target.exists():
        with contextlib.suppress(OSError):  # a backup must never stop the journal opening
            atomic_write(target, store.on_file)
    keep = store.setting("backup_days", DEFAULT_BACKUP_DAYS)
    for old in backups_of(store.path)[max(1, int(keep)) :]:
        with contextlib.suppress(OSError):
            old.unlink()
