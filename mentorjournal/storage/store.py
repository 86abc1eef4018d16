"""JournalStore: the one TinyDB of a journal file, on a storage that never loses an edit.

The storage underneath is `atomic.AtomicStorage` (parsed once, written atomically); the
store adds the lock, opening either form of the journal (plain or encrypted), migrations
and the few raw reads that come before decoding.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from mentorjournal.storage import editor
from mentorjournal.storage.atomic import SCHEMA_VERSION, AtomicStorage, new_data, parse_journal
from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalEncrypted,
    JournalHasLinks,
    JournalNotWritable,
    NewEncryptedJournal,
    ReadOnlyJournal,
    SaveFailed,
)
from mentorjournal.storage.files import (
    atomic_write,
    read_only_reason,
    read_regular,
    regular_file,
)
from mentorjournal.storage.lock import APP, JournalLock
from mentorjournal.storage.sealed import JournalKey, is_encrypted, journal_file, plain_name

__all__ = ["SCHEMA_VERSION", "JournalStore", "atomic_write", "parse_journal"]

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""MIGRATIONS[n] turns a format-n journal into format n+1."""


class JournalStore:
    """The journal file as tables of documents; the only module that knows TinyDB."""

    def __init__(self, storage: AtomicStorage, lock: JournalLock | None = None) -> None:
        self.lock = threading.RLock()
        self._storage = storage
        self._file_lock = lock
        self._db = TinyDB(storage=lambda: storage)
        self.parse_count = 0
        if storage.key is not None:  # its text must not reach the disk through an editor
            editor.keep_off_disk(self)

    @property
    def path(self) -> Path | None:
        return self._storage.path

    @property
    def readonly(self) -> bool:
        return self._storage.readonly

    @property
    def readonly_reason(self) -> str | None:
        """Why the file or its folder made the journal read-only; None if that was asked for."""
        return self._storage.readonly_reason

    @property
    def writes(self) -> int:
        """How many times the file was written since open (for tests and benchmarks)."""
        return self._storage.writes

    @classmethod
    def in_memory(cls) -> JournalStore:
        """A store with no file, for tests."""
        return cls(AtomicStorage(None, new_data(), None))

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, role: str = APP,
             key: JournalKey | None = None) -> JournalStore:
        """Open (or prepare to create) the journal at `path`; raises a JournalError.

        Only a regular file, or a path with nothing there yet, is opened. A journal its
        permissions make read-only opens read-only (`readonly_reason` says why). `role`
        ("app" or "command") is what the lock tells whoever else tries to open it.
        `path` may name either form of the journal (`journal.json`, `journal.json.age`);
        an encrypted one needs its unlocked `key` (else JournalEncrypted, nothing touched).
        A new journal is started at a `.age` name only with a key: after the damaged one
        was moved aside, under the same key and passphrase.
        """
        try:  # symlinks followed on purpose: one lock per file
            path = journal_file(path.expanduser()).resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            raise JournalDamaged(path, str(error)) from None
        info = regular_file(path)  # before anything is locked, read or moved
        key = _key_for(path, info is not None, key)
        reason = None if readonly or info is None else read_only_reason(path, info)
        readonly = readonly or reason is not None
        if info is not None and info.st_nlink > 1 and not readonly:
            raise JournalHasLinks(path, info.st_nlink)
        lock = None
        if not readonly:
            lock = JournalLock(plain_name(path))  # one lock, whichever form the journal is in
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                lock.acquire(role)
            except OSError as error:
                raise JournalNotWritable(path, error) from None
        try:
            store = cls._load(path, lock, readonly, key)
        except BaseException:
            if lock:
                lock.release()
            raise
        store._storage.readonly_reason = reason
        return store

    @classmethod
    def _load(cls, path: Path, lock: JournalLock | None, readonly: bool,
              key: JournalKey | None) -> JournalStore:
        if lock:  # temp files of the journal (either form), its backups and copies
            for orphan in path.parent.glob(f".{plain_name(path).name}*.tmp-*"):
                with contextlib.suppress(OSError):
                    os.unlink(orphan)
        on_file = read_regular(path, single_name=not readonly)
        if on_file is not None and is_encrypted(path) and key is None:
            raise JournalEncrypted(path)  # encrypted since it was looked at
        payload = on_file if key is None or on_file is None else key.open(path, on_file)
        data = new_data() if payload is None else parse_journal(path, payload)
        store = cls(AtomicStorage(path, data, payload, key, on_file), lock)
        store.parse_count = 0 if payload is None else 1
        store._storage.readonly = readonly
        if payload is not None and not readonly:
            store._migrate()
        return store

    def _migrate(self) -> None:
        assert self.path is not None and self._storage.on_file is not None
        data = self._storage.read()
        version: int = data["meta"]["1"]["schema_version"]
        if version == SCHEMA_VERSION:
            return
        atomic_write(self.path.with_name(f"{self.path.name}.pre-v{version + 1}"),
                     self._storage.on_file)  # as it was on disk: encrypted if the journal is
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
            data["meta"]["1"]["schema_version"] = version
        self._storage.write(data)

    def check_savable(self) -> None:
        """Refuse (JournalDamaged) a journal that no save could write back: orjson reads JSON
        nested 1,024 levels deep but writes only 254, so every save of it would fail, again
        and again. A full serialisation (~7 ms for ten years): `Journal.verify` runs it."""
        if self.path is None or self.readonly:
            return
        try:
            orjson.dumps(self._storage.read())
        except orjson.JSONEncodeError as error:
            raise JournalDamaged(self.path, "it holds data nested too deeply to be saved "
                                            f"again ({error})") from None

    @property
    def on_disk(self) -> bytes | None:
        """The journal's JSON as last read or written (None for a journal not yet on disk);
        decrypted, for an encrypted journal."""
        return self._storage._on_disk

    @property
    def on_file(self) -> bytes | None:
        """The file's bytes as last read or written: what a backup copies (encrypted, for
        an encrypted journal)."""
        return self._storage.on_file

    @property
    def key(self) -> JournalKey | None:
        """The unlocked key of an encrypted journal; None for a plain one."""
        return self._storage.key

    @property
    def journal_id(self) -> str | None:
        """The journal's own identity (`meta.journal_id`), or None in a journal made before
        it had one."""
        value = self._storage.read().get("meta", {}).get("1", {}).get("journal_id")
        return value if isinstance(value, str) and value else None

    def adopt_journal_id(self, journal_id: str) -> None:
        """Give a journal without an identity this one. Nothing is written now: it goes to
        disk with the next save (a save that fails leaves it to the next open)."""
        with self.lock:
            meta = self._storage.read().setdefault("meta", {}).setdefault("1", {})
            if self.journal_id is None:
                meta["journal_id"] = journal_id

    def setting(self, name: str, default: Any) -> Any:
        """A raw value from the settings table (the store needs a few before decoding)."""
        return self._storage.read().get("settings", {}).get("1", {}).get(name, default)

    def docs(self, table: str) -> dict[int, dict[str, Any]]:
        """Every document of a table, by id: copies taken under the lock, so a save in
        another thread (which changes stored documents in place) cannot change them."""
        with self.lock:
            return {int(key): dict(doc)
                    for key, doc in self._storage.read().get(table, {}).items()}

    def insert(self, table: str, doc: dict[str, Any], doc_id: int | None = None) -> int:
        """Add a document and save; returns its id."""
        with self.lock, self._saving():
            if doc_id is not None:
                return int(self._db.table(table).insert(Document(doc, doc_id=doc_id)))
            return int(self._db.table(table).insert(doc))

    def replace(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Replace a whole document (inserting it under that id if missing) and save."""
        def swap(stored: MutableMapping[str, Any]) -> None:
            stored.clear()
            stored.update(doc)

        with self.lock, self._saving():
            found = self._db.table(table).update(swap, doc_ids=[doc_id])
            if not found:
                self._db.table(table).insert(Document(doc, doc_id=doc_id))

    def remove(self, table: str, doc_id: int) -> None:
        """Delete a document and save."""
        with self.lock, self._saving():
            self._db.table(table).remove(doc_ids=[doc_id])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several changes into one write: all of them reach the disk, or none."""
        with self.lock:
            self._storage._deferred += 1
            try:
                yield
            except BaseException:
                self._storage._deferred -= 1
                if self._storage._deferred == 0:
                    self._storage._rollback()
                    self._clear_caches()
                raise
            self._storage._deferred -= 1
            if self._storage._deferred == 0 and self._storage._dirty:
                with self._saving():
                    self._storage.flush()

    @contextlib.contextmanager
    def _saving(self) -> Iterator[None]:
        try:
            yield
        except (SaveFailed, ReadOnlyJournal):
            self._clear_caches()
            raise

    def _clear_caches(self) -> None:
        for table in self._db.tables():
            self._db.table(table).clear_cache()

    def close(self) -> None:
        """Release the lock; the journal was saved at every change."""
        with self.lock:
            self._db.close()
            editor.release(self)
            if self._file_lock:
                self._file_lock.release()
                self._file_lock = None


def _key_for(path: Path, exists: bool, key: JournalKey | None) -> JournalKey | None:
    """The key an open uses: None for a plain journal; for an encrypted one the key given,
    else JournalEncrypted (or NewEncryptedJournal), before anything is touched."""
    if not is_encrypted(path):
        return None
    if key is None:
        raise JournalEncrypted(path) if exists else NewEncryptedJournal(path, plain_name(path))
    return key
