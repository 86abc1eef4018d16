"""Turning a journal into an encrypted one and back, and changing its passphrase.

Each runs under the journal's lock, with the checks of any open (a damaged journal, one
from a newer version, a read-only one are refused, unchanged). The steps are ordered so
that a crash at any point loses nothing: the new files are written (atomically) before
an old one is removed, the journal itself last.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from mentorjournal.storage.errors import (
    AlreadyEncrypted,
    JournalError,
    KeyFileInTheWay,
    NotEncrypted,
    ReadOnlyJournal,
    SaveFailed,
)
from mentorjournal.storage.files import atomic_write, read_regular, sync_folder
from mentorjournal.storage.lock import COMMAND
from mentorjournal.storage.sealed import (
    JournalKey,
    encrypted_name,
    is_encrypted,
    journal_file,
    key_file,
    plain_name,
    seal_key,
)
from mentorjournal.storage.store import JournalStore

KEPT_BESIDE = ("backup-", "pre-v", "damaged-")
"""What is kept beside a journal, named `<journal>.<kind>…`: copies of it, in its form."""


@dataclass
class Converted:
    """What `encrypt_journal` or `decrypt_journal` did."""

    journal: Path
    """The journal's file now."""
    copies: list[Path] = field(default_factory=list)
    """Its backups and copies, converted along with it."""
    left: list[Path] = field(default_factory=list)
    """Copies that could not be converted (a damaged one), left as they were."""
    copies_from: list[Path] = field(default_factory=list)
    """The old copies, removed once all is written."""
    key: JournalKey | None = None
    """The new key, after `encrypt_journal`."""


def copies_of(journal: Path) -> list[Path]:
    """The backups, pre-migration copies and damaged files kept beside `journal`."""
    return sorted(p for kind in KEPT_BESIDE for p in journal.parent.glob(f"{journal.name}.{kind}*")
                  if p.is_file() and not p.is_symlink())


def encrypt_journal(path: Path, passphrase: str, now: datetime) -> Converted:
    """Encrypt the plain journal at `path`, and every copy kept beside it, to a new key
    kept in `<journal>.age.key` under `passphrase`. The plain files are then removed."""
    if is_encrypted(journal_file(path)):
        raise AlreadyEncrypted(journal_file(path))
    store = _open_for_change(path, None)
    try:
        plain = store.path
        assert plain is not None and store.on_file is not None
        if is_encrypted(plain):
            raise AlreadyEncrypted(plain)
        sealed, key_path = encrypted_name(plain), key_file(plain)
        if os.path.lexists(key_path) and copies_of(sealed):
            raise KeyFileInTheWay(plain, key_path)  # backups still need the key in it
        key = JournalKey.generate()
        with _all_or_nothing(plain) as written:
            _write(key_path, seal_key(key, passphrase, now), written)
            _write(sealed, key.seal(store.on_file), written)
            done = Converted(sealed, key=key)
            for copy in copies_of(plain):
                _convert(copy, plain, sealed, key.seal, done, written)
        _remove([*done.copies_from, plain])
        return done
    finally:
        store.close()


def decrypt_journal(path: Path, key: JournalKey) -> Converted:
    """Turn the encrypted journal at `path` back into plain JSON, byte for byte as it was
    encrypted, with the copies beside it; the key file goes once nothing needs it."""
    store = _open_for_change(path, key)
    try:
        sealed = store.path
        assert sealed is not None and store.on_disk is not None
        if not is_encrypted(sealed):
            raise NotEncrypted(sealed)
        plain = plain_name(sealed)
        with _all_or_nothing(sealed) as written:
            _write(plain, store.on_disk, written)
            done = Converted(plain)
            for copy in copies_of(sealed):
                _convert(copy, sealed, plain, partial(key.open, copy), done, written)
        _remove([*done.copies_from, sealed] + ([] if done.left else [key_file(sealed)]))
        return done
    finally:
        store.close()


def change_passphrase(path: Path, key: JournalKey, passphrase: str, now: datetime) -> Path:
    """Keep the journal's key under a new passphrase (the journal itself is unchanged: its
    key is the same). Returns the key file."""
    store = _open_for_change(path, key)
    try:
        assert store.path is not None
        if not is_encrypted(store.path):
            raise NotEncrypted(store.path)
        target = key_file(store.path)
        atomic_write(target, seal_key(key, passphrase, now))
        return target
    finally:
        store.close()


def _open_for_change(path: Path, key: JournalKey | None) -> JournalStore:
    store = JournalStore.open(path, role=COMMAND, key=key)
    if store.readonly:
        reason = store.readonly_reason
        store.close()
        raise ReadOnlyJournal(reason)
    return store


@contextlib.contextmanager
def _all_or_nothing(journal: Path) -> Iterator[list[Path]]:
    """The files written inside are removed again if any write fails (SaveFailed): the
    journal is then as it was."""
    written: list[Path] = []
    try:
        yield written
    except OSError as error:
        _remove(written)
        raise SaveFailed(journal, error) from error


def _write(path: Path, payload: bytes, written: list[Path]) -> None:
    atomic_write(path, payload)
    written.append(path)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    if paths:
        sync_folder(paths[0].parent)


def _convert(copy: Path, old: Path, new: Path, change: Callable[[bytes], bytes],
             done: Converted, written: list[Path]) -> None:
    """Write `copy` (of the journal `old`) in the journal's new form, named after `new`."""
    rest = copy.name[len(old.name):]  # ".backup-2026-11-25"
    target, number = new.with_name(new.name + rest), 1
    while os.path.lexists(target):
        number += 1
        target = new.with_name(f"{new.name}{rest}-{number}")
    try:
        converted = change(read_regular(copy, single_name=False) or b"")
    except JournalError:  # a damaged copy cannot be decrypted: it is left as it is
        done.left.append(copy)
        return
    _write(target, converted, written)
    done.copies.append(target)
    done.copies_from.append(copy)
