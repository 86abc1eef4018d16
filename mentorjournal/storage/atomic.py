"""AtomicStorage: a journal's JSON parsed once, held in memory, written atomically.

TinyDB's stock JSONStorage re-reads and re-parses the file for every query and
rewrites it in place. `AtomicStorage` instead parses the file once per open, keeps
it in memory (safe: the lock makes this process the only writer), and writes each
change with orjson to a temp file that is fsynced and renamed over the journal (and,
for an encrypted journal, encrypted before it leaves memory). A failed write puts the
in-memory state back to what is on disk and raises `SaveFailed`, so nobody is told
"saved" for data that is not on disk.
"""

from __future__ import annotations

import contextlib
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalError,
    JournalFromFuture,
    ReadOnlyJournal,
    SaveFailed,
)
from mentorjournal.storage.files import atomic_write, read_regular
from mentorjournal.storage.sealed import AGE_HEADER, JournalKey

SCHEMA_VERSION = 1
"""The file format this version writes; see docs/file-format.md."""

Data = dict[str, dict[str, dict[str, Any]]]


def parse_journal(path: Path, payload: bytes) -> Data:
    """Parse and shape-check a journal file's bytes; raises JournalDamaged or JournalFromFuture."""
    if not payload.strip():
        raise JournalDamaged(path, "the file is empty")
    if payload.startswith(AGE_HEADER):
        raise JournalDamaged(path, f"it is age-encrypted but not named {path.name}.age: "
                                   "rename it so, its key file beside it")
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
    """TinyDB storage: parsed once, held in memory, written atomically with orjson.

    With a `key` (an encrypted journal) every write is encrypted to it before it leaves
    memory: the temp file, the journal and its backups only ever hold the age file.
    """

    def __init__(self, path: Path | None, data: Data, payload: bytes | None,
                 key: JournalKey | None = None, on_file: bytes | None = None) -> None:
        self.path = path
        self.readonly = False
        self.readonly_reason: str | None = None
        """Why the file made this journal read-only (None: it was asked for, or it is not)."""
        self.key = key
        self._data = data
        self._on_disk = payload
        self._on_file = payload if key is None else on_file
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
            if self.key is None:
                atomic_write(self.path, payload)
            else:
                atomic_write(self.path, partial(self.key.seal_into, payload))
        except (OSError, TypeError) as error:  # orjson.JSONEncodeError is a TypeError
            self._rollback()
            raise SaveFailed(self.path, error) from error
        self._on_disk = payload
        self._on_file = payload if self.key is None else None  # encrypted: on disk only
        self.writes += 1

    def _rollback(self) -> None:
        self._dirty = False
        if self._on_disk is not None:
            self._data = orjson.loads(self._on_disk)
        elif self.path is not None:
            self._data = new_data()

    @property
    def on_file(self) -> bytes | None:
        """The file's bytes as last read or written (the age file, when encrypted; read
        again from the file after a save, which does not keep it in memory)."""
        if self._on_file is None and self._on_disk is not None and self.path is not None:
            with contextlib.suppress(JournalError):  # unreadable now: no backup, no copy
                self._on_file = read_regular(self.path, single_name=False)
        return self._on_file

    def close(self) -> None:
        pass


def new_data() -> Data:
    """A new journal: the format's version, and an identity of its own (docs/file-format.md)."""
    return {"meta": {"1": {"schema_version": SCHEMA_VERSION, "journal_id": uuid.uuid4().hex}}}
