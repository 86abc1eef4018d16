"""Records: the repository under the section services. Typed records over the one store.

Records are decoded once per table and cached; every change goes through the store (one
atomic write) and refreshes that table's cache. Thread-safe: saves run in a worker
thread while the UI reads. Only the section services in core/ write through it: the
app and the shell reach records through `Journal`'s services, which check them first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import RECORD_TYPES, TABLE_OF
from mentorjournal.core.text import check_text
from mentorjournal.storage.codec import DocumentError, from_doc, to_doc
from mentorjournal.storage.errors import JournalDamaged, JournalError
from mentorjournal.storage.store import JournalStore

R = TypeVar("R")
SINGLETON_ID = 1
"""The id of the one record of the pair and settings tables."""


class Records:
    """Typed access to a journal's tables, for the section services."""

    def __init__(self, store: JournalStore, today: Callable[[], date]) -> None:
        self.store = store
        self.today = today
        self._cache: dict[str, dict[int, Any]] = {}
        self._versions: dict[str, int] = {}

    def now(self) -> datetime:
        """The current time, consistent with `today` (fixed dates in tests give fixed times)."""
        real = datetime.now()
        day = self.today()
        return real if day == real.date() else datetime.combine(day, datetime.min.time())

    def all(self, cls: type[R]) -> list[R]:
        """Every record of a type, in id order."""
        return list(self._table(TABLE_OF[cls]).values())

    def get(self, cls: type[R], record_id: int) -> R | None:
        return self._table(TABLE_OF[cls]).get(record_id)

    def count(self, cls: type[Any]) -> int:
        """How many records of a type there are, without decoding them."""
        return len(self.store.docs(TABLE_OF[cls]))

    def add(self, record: R) -> R:
        """Save a new record; returns it with its id."""
        name = TABLE_OF[type(record)]
        check_record(record)
        with self.store.lock, self._refreshing(name):
            new_id = self.store.insert(name, to_doc(record))
        return dataclasses.replace(record, id=new_id)  # type: ignore[type-var]

    def update(self, record: R) -> R:
        """Save a changed record (matched by id); returns it."""
        record_id: int = record.id  # type: ignore[attr-defined]
        if not record_id:
            raise ValueError("update() needs a saved record; use add()")
        name = TABLE_OF[type(record)]
        check_record(record)
        with self.store.lock, self._refreshing(name):
            self.store.replace(name, record_id, to_doc(record))
        return record

    def put(self, record: R) -> R:
        """Save a record under its own id, new or not (the singletons, an undone delete)."""
        name = TABLE_OF[type(record)]
        check_record(record)
        with self.store.lock, self._refreshing(name):
            self.store.replace(name, record.id, to_doc(record))  # type: ignore[attr-defined]
        return record

    def delete(self, record: Any) -> None:
        name = TABLE_OF[type(record)]
        with self.store.lock, self._refreshing(name):
            self.store.remove(name, record.id)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes saved as one write: all reach the disk, or none does."""
        try:
            with self.store.transaction():
                yield
        except JournalError:
            self._cache.clear()
            for name in RECORD_TYPES:  # a decode racing the failed batch must not be cached
                self._versions[name] = self._versions.get(name, 0) + 1
            raise

    def check(self, names: Iterable[str] = RECORD_TYPES) -> None:
        """Decode these tables (all by default) now, so a damaged record is reported as
        JournalDamaged at open, not mid-session."""
        for name in names:
            self._table(name)

    def _table(self, name: str) -> dict[int, Any]:
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        with self.store.lock:
            version = self._versions.get(name, 0)
            docs = self.store.docs(name)
        # Decode outside the lock: the UI thread may read other tables meanwhile.
        cls = RECORD_TYPES[name]
        try:
            decoded = {i: from_doc(cls, d, i) for i, d in docs.items()}
        except DocumentError as error:
            path = self.store.path
            raise JournalDamaged(path, f"{name}: {error}") if path else error from None
        with self.store.lock:
            if self._versions.get(name, 0) == version:  # no write landed while decoding
                self._cache[name] = decoded
        return decoded

    @contextmanager
    def _refreshing(self, name: str) -> Iterator[None]:
        try:
            yield
        finally:
            self._cache.pop(name, None)
            self._versions[name] = self._versions.get(name, 0) + 1
            if self.store.readonly:
                self._cache.clear()


def check_record(record: Any) -> None:
    """Refuse, before saving, a record with text a journal file cannot hold, naming its field.

    Walks every str in the record (nested records, lists, `extra` and dict keys too), so
    every save gets the check; JSON cannot store lone surrogates.
    """
    for field, text in _texts(record, "text"):
        try:
            check_text(text, field)
        except ValidationError as error:  # `.field` stays the name a form's input has
            raise ValidationError(field, str(error)) from None


def _texts(value: Any, field: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield field, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), field if f.name == "extra" else f.name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key, field)
            yield from _texts(item, field)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item, field)
