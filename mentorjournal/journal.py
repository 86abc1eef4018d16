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

from mentorjournal import goal_rules
from mentorjournal.codec import DocumentError, from_doc, to_doc
from mentorjournal.errors import JournalDamaged, JournalError, ValidationError
from mentorjournal.model import (
    RECORD_TYPES,
    TABLE_OF,
    Goal,
    GoalStatus,
    JournalEntry,
    Meeting,
    Pair,
    Role,
    Settings,
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

    # -- goals --

    def add_goal(self, goal: Goal) -> Goal:
        """Save a new goal at the end of the list, created today."""
        goal = self._checked_goal(goal)
        position = max((g.position for g in self.records(Goal)), default=-1) + 1
        return self._warm_goals(self.add(dataclasses.replace(
            goal, position=position, created_on=goal.created_on or self.today())))

    def edit_goal(self, goal_id: int, changes: dict[str, Any], reason: str = "") -> Goal:
        """Change a goal's fields; a changed title, success measure or target date needs a
        reason and is recorded as an adjustment."""
        old = self._goal(goal_id)
        new = self._checked_goal(dataclasses.replace(old, **changes))
        check_text(reason, "reason", limit=goal_rules.MAX_TEXT)
        return self._warm_goals(self.update(goal_rules.adjust(old, new, reason, self.today())))

    def drop_goal(self, goal_id: int, reason: str) -> Goal:
        """Stop working on a goal; it stays in the 'done' filter with its reason."""
        return self._change_goal(goal_id, lambda g: goal_rules.set_status(
            g, GoalStatus.DROPPED, check_text(reason, "reason", limit=goal_rules.MAX_TEXT),
            self.today()))

    def reopen_goal(self, goal_id: int, reason: str) -> Goal:
        """Make an achieved or dropped goal active again, recording why."""
        return self._change_goal(goal_id, lambda g: goal_rules.set_status(
            g, GoalStatus.ACTIVE, check_text(reason, "reason", limit=goal_rules.MAX_TEXT),
            self.today()))

    def achieve_goal(self, goal_id: int, win_text: str | None = None) -> tuple[Goal, Win | None]:
        """Mark a goal achieved today and, given a text, add a win linked to it (one write)."""
        if win_text is not None:
            check_text(win_text, "win", required=True, limit=goal_rules.MAX_TEXT)
        with self.batch():
            goal = self._change_goal(goal_id, lambda g: goal_rules.achieve(g, self.today()))
            win = None
            if win_text is not None:
                prefilled = goal_rules.win_for(goal, self.today())
                win = self.add(dataclasses.replace(prefilled, text=win_text.strip()))
        return goal, win

    def archive_goal(self, goal_id: int, archived: bool = True) -> Goal:
        return self._change_goal(goal_id, lambda g: dataclasses.replace(g, archived=archived))

    def delete_goal(self, goal_id: int) -> None:
        """For mistakes only: the goal and its history are gone (drop it otherwise)."""
        self.delete(self._goal(goal_id))
        self.records(Goal)  # decode the goals here, in the save worker, not on the UI thread

    def move_goal(self, goal_id: int, target_id: int) -> None:
        """Move a goal to another goal's place in the order (the other shifts by one)."""
        order = self.goals()
        ids = [g.id for g in order]
        goal = order.pop(ids.index(goal_id))
        order.insert(ids.index(target_id), goal)
        with self.batch():
            for position, each in enumerate(order):
                if each.position != position:
                    self.update(dataclasses.replace(each, position=position))
        self.records(Goal)  # decode the goals here, in the save worker, not on the UI thread

    def add_objective(self, goal_id: int, text: str) -> Goal:
        text = check_text(text, "objective", required=True, limit=goal_rules.MAX_TITLE)
        return self._change_goal(goal_id, lambda g: goal_rules.add_objective(g, text.strip()))

    def edit_objective(self, goal_id: int, index: int, text: str) -> Goal:
        text = check_text(text, "objective", required=True, limit=goal_rules.MAX_TITLE)
        return self._change_goal(
            goal_id, lambda g: goal_rules.edit_objective(g, index, text.strip()))

    def tick_objective(self, goal_id: int, index: int, done: bool = True) -> Goal:
        """Tick (done today) or untick an objective."""
        return self._change_goal(
            goal_id, lambda g: goal_rules.tick(g, index, done, self.today()))

    def archive_objective(self, goal_id: int, index: int, archived: bool = True) -> Goal:
        return self._change_goal(
            goal_id, lambda g: goal_rules.archive_objective(g, index, archived))

    def move_objective(self, goal_id: int, index: int, delta: int) -> Goal:
        return self._change_goal(
            goal_id, lambda g: goal_rules.move_objective(g, index, delta))

    def _goal(self, goal_id: int) -> Goal:
        goal = self.get(Goal, goal_id)
        if goal is None:
            raise ValidationError("goal", "That goal no longer exists.")
        return goal

    def _change_goal(self, goal_id: int, change: Callable[[Goal], Goal]) -> Goal:
        return self._warm_goals(self.update(change(self._goal(goal_id))))

    def _warm_goals(self, goal: Goal) -> Goal:
        """Decode the changed goals table now, in the save worker, not on the UI thread."""
        self.records(Goal)
        return goal

    @staticmethod
    def _checked_goal(goal: Goal) -> Goal:
        check_text(goal.title, "title", required=True, limit=goal_rules.MAX_TITLE)
        check_text(goal.why, "why", limit=goal_rules.MAX_TEXT)
        check_text(goal.success_measure, "success measure", limit=goal_rules.MAX_TEXT)
        return dataclasses.replace(goal, title=goal.title.strip(), why=goal.why.strip(),
                                   success_measure=goal.success_measure.strip())
