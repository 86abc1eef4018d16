"""JournalStore: the one TinyDB of a journal file, on a storage that never loses an edit.

TinyDB's stock JSONStorage re-reads and re-parses the file for every query and
rewrites it in place. `AtomicStorage` instead parses the file once per open, keeps
it in memory (safe: the lock makes this process the only writer), and writes each
change with orjson to a temp file that is fsynced and renamed over the journal.
A failed write puts the in-memory state back to what is on disk and raises
`SaveFailed`, so nobody is told "saved" for data that is not on disk.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalFromFuture,
    JournalHasLinks,
    JournalNotWritable,
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

__all__ = ["SCHEMA_VERSION", "JournalStore", "atomic_write", "parse_journal"]

SCHEMA_VERSION = 1
"""The file format this version writes; see docs/file-format.md."""

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""MIGRATIONS[n] turns a format-n journal into format n+1."""

Data = dict[str, dict[str, dict[str, Any]]]


def parse_journal(path: Path, payload: bytes) -> Data:
    """Parse and shape-check a journal file's bytes; raises JournalDamaged or JournalFromFuture."""
    if not payload.strip():
        raise JournalDamaged(path, "the file is empty")
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise JournalDamaged(path, f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise JournalDamaged(path, "the file does not hold a journal object")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(
            _is_doc_id(key) and isinstance(doc, dict) for key, doc in table.items()
        ):
            raise JournalDamaged(path, f"the table {name!r} has the wrong shape")
    version = data.get("meta", {}).get("1", {}).get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise JournalDamaged(path, "it has no valid schema_version")
    if version > SCHEMA_VERSION:
        raise JournalFromFuture(path, version, SCHEMA_VERSION)
    return data


def _is_doc_id(key: str) -> bool:
    """A canonical decimal id: "²" or "٣" would crash TinyDB, "07" would collide with "7"."""
    return key.isascii() and key.isdigit() and str(int(key)) == key


class AtomicStorage(Storage):
    """TinyDB storage: parsed once, held in memory, written atomically with orjson."""

    def __init__(self, path: Path | None, data: Data, payload: bytes | None) -> None:
        self.path = path
        self.readonly = False
        self.readonly_reason: str | None = None
        """Why the file made this journal read-only (None: it was asked for, or it is not)."""
        self._data = data
        self._on_disk = payload
        self._deferred = 0
        self._dirty = False
        self.writes = 0

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        if self.readonly:
            self._rollback()
            raise ReadOnlyJournal(self.readonly_reason)
        self._data = data
        if self._deferred:
            self._dirty = True
        else:
            self.flush()

    def flush(self) -> None:
        """Write the in-memory journal to disk, or roll back and raise SaveFailed."""
        self._dirty = False
        if self.path is None:
            return
        try:
            payload = orjson.dumps(self._data)
            atomic_write(self.path, payload)
        except (OSError, TypeError) as error:  # orjson.JSONEncodeError is a TypeError
            self._rollback()
            raise SaveFailed(self.path, error) from error
        self._on_disk = payload
        self.writes += 1

    def _rollback(self) -> None:
        self._dirty = False
        if self._on_disk is not None:
            self._data = orjson.loads(self._on_disk)
        elif self.path is not None:
            self._data = _new_data()

    def close(self) -> None:
        pass


def _new_data() -> Data:
    """A new journal: the format's version, and an identity of its own (docs/file-format.md)."""
    return {"meta": {"1": {"schema_version": SCHEMA_VERSION, "journal_id": uuid.uuid4().hex}}}


class JournalStore:
    """The journal file as tables of documents; the only module that knows TinyDB."""

    def __init__(self, storage: AtomicStorage, lock: JournalLock | None = None) -> None:
        self.lock = threading.RLock()
        self._storage = storage
        self._file_lock = lock
        self._db = TinyDB(storage=lambda: storage)
        self.parse_count = 0

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
        return cls(AtomicStorage(None, _new_data(), None))

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, role: str = APP) -> JournalStore:
        """Open (or prepare to create) the journal at `path`; raises a JournalError.

        Only a regular file, or a path with nothing there yet, is opened. A journal its
        permissions make read-only opens read-only (`readonly_reason` says why). `role`
        ("app" or "command") is what the lock tells whoever else tries to open it.
        """
        try:
            path = path.expanduser().resolve()  # followed on purpose: one lock per file
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            raise JournalDamaged(path, str(error)) from None
        info = regular_file(path)  # before anything is locked, read or moved
        reason = None if readonly or info is None else read_only_reason(path, info)
        readonly = readonly or reason is not None
        if info is not None and info.st_nlink > 1 and not readonly:
            raise JournalHasLinks(path, info.st_nlink)
        lock = None
        if not readonly:
            lock = JournalLock(path)
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                lock.acquire(role)
            except OSError as error:
                raise JournalNotWritable(path, error) from None
        try:
            store = cls._load(path, lock, readonly)
        except BaseException:
            if lock:
                lock.release()
            raise
        store._storage.readonly_reason = reason
        return store

    @classmethod
    def _load(cls, path: Path, lock: JournalLock | None, readonly: bool) -> JournalStore:
        if lock:  # temp files of the journal, its backups and pre-migration copies
            for orphan in path.parent.glob(f".{path.name}*.tmp-*"):
                with contextlib.suppress(OSError):
                    os.unlink(orphan)
        payload = read_regular(path, single_name=not readonly)
        data = _new_data() if payload is None else parse_journal(path, payload)
        store = cls(AtomicStorage(path, data, payload), lock)
        store.parse_count = 0 if payload is None else 1
        store._storage.readonly = readonly
        if payload is not None and not readonly:
            store._migrate(payload)
        return store

    def _migrate(self, payload: bytes) -> None:
        assert self.path is not None
        data = self._storage.read()
        version: int = data["meta"]["1"]["schema_version"]
        if version == SCHEMA_VERSION:
            return
        atomic_write(self.path.with_name(f"{self.path.name}.pre-v{version + 1}"), payload)
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
        """The file's bytes as last read or written (None for a journal not yet on disk)."""
        return self._storage._on_disk

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
            if self._file_lock:
                self._file_lock.release()
                self._file_lock = None
