"""Journal: the operations screens and the CLI call. No screen touches the store directly.

Records are decoded once per table and cached; every change goes through the
store (one atomic write) and refreshes that table's cache. All methods are
thread-safe: saves run in a worker thread while the UI reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from mentorjournal import writing
from mentorjournal.codec import DocumentError, from_doc, to_doc
from mentorjournal.errors import JournalDamaged, JournalError, ValidationError
from mentorjournal.model import (
    RECORD_TYPES,
    TABLE_OF,
    Draft,
    Goal,
    JournalEntry,
    Meeting,
    Pair,
    Prompt,
    Role,
    Settings,
    VisionCard,
    VisionKind,
    Win,
)
from mentorjournal.store import JournalStore

R = TypeVar("R")
SINGLETON_ID = 1
MAX_NAME = 80


def check_text(value: str, field: str, *, required: bool = False, limit: int | None = None) -> str:
    """Refuse text a journal file cannot hold (lone surrogates), empty or overlong text."""
    if required and not value.strip():
        raise ValidationError(field, f"The {field} cannot be empty.")
    if limit is not None and len(value) > limit:
        raise ValidationError(
            field, f"The {field} is {len(value)} characters long; keep it under {limit}."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field, f"The {field} holds characters a journal file cannot store (lone surrogates)."
        ) from None
    return value


class Journal:
    """A mentoring pair's journal: typed records over a JournalStore."""

    def __init__(self, store: JournalStore, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today
        self._cache: dict[str, dict[int, Any]] = {}

    @classmethod
    def open(
        cls, path: Path, *, readonly: bool = False, today: Callable[[], date] = date.today
    ) -> Journal:
        """Open the journal file, check every record, then take the day's backup.

        Raises JournalLocked, JournalDamaged or JournalFromFuture; the file is untouched then.
        """
        store = JournalStore.open(path, readonly=readonly)
        journal = cls(store, today)
        try:
            journal.check()
        except BaseException:
            store.close()
            raise
        store.make_daily_backup(today())
        return journal

    def now(self) -> datetime:
        """The current time, consistent with `today` (fixed dates in tests give fixed times)."""
        real = datetime.now()
        day = self.today()
        return real if day == real.date() else datetime.combine(day, datetime.min.time())

    # -- generic record access -------------------------------------------------

    def records(self, cls: type[R]) -> list[R]:
        """Every record of a type, in id order."""
        return list(self._table(TABLE_OF[cls]).values())

    def get(self, cls: type[R], record_id: int) -> R | None:
        return self._table(TABLE_OF[cls]).get(record_id)  # type: ignore[no-any-return]

    def add(self, record: R) -> R:
        """Save a new record; returns it with its id."""
        name = TABLE_OF[type(record)]
        with self.store.lock, self._refreshing(name):
            new_id = self.store.insert(name, to_doc(record))
        return dataclasses.replace(record, id=new_id)  # type: ignore[type-var]

    def update(self, record: Any) -> Any:
        """Save a changed record (matched by id); returns it."""
        if not record.id:
            raise ValueError("update() needs a saved record; use add()")
        name = TABLE_OF[type(record)]
        with self.store.lock, self._refreshing(name):
            self.store.replace(name, record.id, to_doc(record))
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
            raise

    def check(self) -> None:
        """Decode every table now, so a damaged record is reported at open, not mid-session."""
        for name in RECORD_TYPES:
            self._table(name)

    def _table(self, name: str) -> dict[int, Any]:
        with self.store.lock:
            cached = self._cache.get(name)
            if cached is None:
                cls = RECORD_TYPES[name]
                try:
                    cached = {i: from_doc(cls, d, i) for i, d in self.store.docs(name).items()}
                except DocumentError as error:
                    path = self.store.path
                    raise JournalDamaged(path, f"{name}: {error}") if path else error from None
                self._cache[name] = cached
            return cached

    @contextmanager
    def _refreshing(self, name: str) -> Iterator[None]:
        try:
            yield
        finally:
            self._cache.pop(name, None)
            if self.store.readonly:
                self._cache.clear()

    # -- the pair and settings -------------------------------------------------

    def pair(self) -> Pair | None:
        return self.get(Pair, SINGLETON_ID)

    def set_pair(self, pair: Pair) -> Pair:
        """Create or change who the pair is."""
        for role in Role:
            check_text(pair.name_of(role), f"{role.label}'s name", required=True, limit=MAX_NAME)
        pair = dataclasses.replace(pair, id=SINGLETON_ID)
        with self.store.lock, self._refreshing("pair"):
            self.store.replace("pair", SINGLETON_ID, to_doc(pair))
        return pair

    def settings(self) -> Settings:
        return self.get(Settings, SINGLETON_ID) or Settings(id=SINGLETON_ID)

    def update_settings(self, **changes: Any) -> Settings:
        settings = dataclasses.replace(self.settings(), id=SINGLETON_ID, **changes)
        with self.store.lock, self._refreshing("settings"):
            self.store.replace("settings", SINGLETON_ID, to_doc(settings))
        return settings

    # -- section shortcuts (sections add their own rules in their issues) -------

    def goals(self) -> list[Goal]:
        return sorted(self.records(Goal), key=lambda g: (g.position, g.id))

    def meetings(self) -> list[Meeting]:
        """Newest first."""
        return sorted(self.records(Meeting), key=lambda m: (m.held_on, m.id), reverse=True)

    def wins(self) -> list[Win]:
        """Newest first."""
        return sorted(self.records(Win), key=lambda w: (w.won_on, w.id), reverse=True)

    def entries(self, *, include_private: bool = True) -> list[JournalEntry]:
        """Journal entries, newest first; private ones only when asked."""
        entries = self.records(JournalEntry)
        if not include_private:
            entries = [e for e in entries if not e.private]
        return sorted(entries, key=lambda e: (e.written_on, e.id), reverse=True)

    def close(self) -> None:
        self.store.close()

    # -- journal and vision board --

    def save_entry(self, entry: JournalEntry, draft: Draft | None = None) -> JournalEntry:
        """Check and save an entry (new or changed); its draft goes in the same write."""
        check_text(entry.title, "title", limit=writing.MAX_TITLE)
        check_text(entry.body, "entry", limit=writing.MAX_BODY)
        check_text(entry.mood, "mood", limit=writing.MAX_MOOD)
        for tag in entry.tags:
            check_text(tag, "tag", limit=writing.MAX_TAG)
        if not (entry.title.strip() or entry.body.strip()):
            raise ValidationError("entry", "Write a title or a few words first.")
        entry = dataclasses.replace(entry, updated_at=self.now())
        with self.batch():
            entry = self.update(entry) if entry.id else self.add(entry)
            if draft is not None and draft.id and self.get(Draft, draft.id) is not None:
                self.delete(draft)
        return entry

    def drafts(self, kind: str) -> list[Draft]:
        """Unfinished drafts of a kind, newest first."""
        drafts = [d for d in self.records(Draft) if d.kind == kind]
        return sorted(drafts, key=lambda d: (d.saved_at or datetime.min, d.id), reverse=True)

    def save_draft(self, draft: Draft) -> Draft:
        """Keep what is typed so far (one atomic write); returns the draft with its id."""
        for name, value in draft.fields.items():
            if isinstance(value, str):
                check_text(value, name)
        draft = dataclasses.replace(draft, saved_at=self.now())
        if draft.id and self.get(Draft, draft.id) is not None:
            return self.update(draft)  # type: ignore[no-any-return]
        return self.add(dataclasses.replace(draft, id=0))

    def discard_draft(self, draft: Draft) -> None:
        if draft.id and self.get(Draft, draft.id) is not None:
            self.delete(draft)

    def prompts(self) -> list[str]:
        """The built-in writing prompts, then the pair's own."""
        return [*writing.BUILT_IN_PROMPTS, *(p.text for p in self.records(Prompt))]

    def add_prompt(self, text: str) -> Prompt:
        text = " ".join(check_text(text, "prompt", required=True, limit=writing.MAX_PROMPT).split())
        if text.casefold() in (p.casefold() for p in self.prompts()):
            raise ValidationError("prompt", "That prompt is already in the list.")
        return self.add(Prompt(text=text))

    def vision_cards(self) -> list[VisionCard]:
        return writing.ordered_cards(self.records(VisionCard))

    def save_vision_card(self, card: VisionCard) -> VisionCard:
        """Check and save a card; a new one goes at the end of the board."""
        text = check_text(card.text, "card text", required=True, limit=writing.MAX_CARD).strip()
        url = check_text(card.url, "link", limit=2000).strip()
        if card.kind is VisionKind.LINK and not writing.is_openable_url(url):
            raise ValidationError("link", "A link card needs a web address (https://…).")
        if card.goal_id is not None and self.get(Goal, card.goal_id) is None:
            raise ValidationError("goal", "That goal is no longer in the journal.")
        card = dataclasses.replace(card, text=text, url=url)
        if card.id:
            return self.update(card)  # type: ignore[no-any-return]
        cards = self.vision_cards()
        position = cards[-1].position + 1 if cards else 0
        return self.add(dataclasses.replace(card, position=position))

    def move_vision_card(self, card_id: int, to_index: int) -> list[VisionCard]:
        """Move a card to `to_index` on the board (one write); returns the new order."""
        old = {c.id: c for c in self.records(VisionCard)}
        with self.batch():
            for card in writing.reorder(list(old.values()), card_id, to_index):
                if card != old[card.id]:
                    self.update(card)
        return self.vision_cards()
