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

from mentorjournal.core import agreement as agreement_rules
from mentorjournal.core import entries as writing
from mentorjournal.core import goals as goal_rules
from mentorjournal.core import vision
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.meetings import MAX_LINE, MAX_NOTES
from mentorjournal.core.model import (
    RECORD_TYPES,
    TABLE_OF,
    AgreementVersion,
    Draft,
    Goal,
    GoalStatus,
    HomeworkStatus,
    JournalEntry,
    Meeting,
    Pair,
    Prompt,
    Role,
    Settings,
    Signature,
    VisionCard,
    VisionKind,
    Win,
    WinSize,
)
from mentorjournal.core.wins import MAX_WIN_TEXT
from mentorjournal.storage.backups import make_daily_backup
from mentorjournal.storage.codec import DocumentError, from_doc, to_doc
from mentorjournal.storage.errors import JournalDamaged, JournalError
from mentorjournal.storage.store import JournalStore

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


def check_record(record: Any) -> None:
    """Refuse, before saving, a record with text a journal file cannot hold, naming its field.

    Walks every str in the record (nested records, lists, `extra` and dict keys too), so each
    screen gets the check for free; JSON cannot store lone surrogates.
    """
    for field, text in _texts(record, "text"):
        try:
            check_text(text, field.replace("_", " "))
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


class Journal:
    """A mentoring pair's journal: typed records over a JournalStore."""

    def __init__(self, store: JournalStore, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.today = today
        self._cache: dict[str, dict[int, Any]] = {}
        self._versions: dict[str, int] = {}
        self.verified = False
        """True once every record has been decoded: the whole journal is known good."""

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        readonly: bool = False,
        today: Callable[[], date] = date.today,
        verify: bool = True,
    ) -> Journal:
        """Open the journal file (parsed once); with `verify`, also check it (see `verify`).

        Raises JournalLocked, JournalDamaged or JournalFromFuture; the file is untouched then.
        The app opens with verify=False to paint at once, then verifies in a worker.
        """
        journal = cls(JournalStore.open(path, readonly=readonly), today)
        if verify:
            try:
                journal.verify()
            except BaseException:
                journal.close()
                raise
        return journal

    def verify(self) -> None:
        """Decode every record (a damaged one raises JournalDamaged), then take the day's backup.

        A backup is only ever taken of a journal that has been read in full.
        """
        self.check()
        make_daily_backup(self.store, self.today())
        self.verified = True

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
        return self._table(TABLE_OF[cls]).get(record_id)

    def add(self, record: R) -> R:
        """Save a new record; returns it with its id."""
        name = TABLE_OF[type(record)]
        check_record(record)
        with self.store.lock, self._refreshing(name):
            new_id = self.store.insert(name, to_doc(record))
        return dataclasses.replace(record, id=new_id)  # type: ignore[type-var]

    def update(self, record: Any) -> Any:
        """Save a changed record (matched by id); returns it."""
        if not record.id:
            raise ValueError("update() needs a saved record; use add()")
        name = TABLE_OF[type(record)]
        check_record(record)
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
            for name in RECORD_TYPES:  # a decode racing the failed batch must not be cached
                self._versions[name] = self._versions.get(name, 0) + 1
            raise

    def count(self, cls: type[Any]) -> int:
        """How many records of a type there are, without decoding them."""
        return len(self.store.docs(TABLE_OF[cls]))

    def check(self) -> None:
        """Decode every table now, so a damaged record is reported at open, not mid-session."""
        for name in RECORD_TYPES:
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

    # -- the pair and settings -------------------------------------------------

    def pair(self) -> Pair | None:
        return self.get(Pair, SINGLETON_ID)

    def set_pair(self, pair: Pair) -> Pair:
        """Create or change who the pair is."""
        for role in Role:
            try:
                check_text(pair.name_of(role), f"{role.label}'s name", required=True,
                           limit=MAX_NAME)
            except ValidationError as error:  # `.field` is the input's id: "protege", "mentor"
                raise ValidationError(role.value, str(error)) from None
        pair = dataclasses.replace(pair, id=SINGLETON_ID)
        check_record(pair)
        with self.store.lock, self._refreshing("pair"):
            self.store.replace("pair", SINGLETON_ID, to_doc(pair))
        return pair

    def settings(self) -> Settings:
        return self.get(Settings, SINGLETON_ID) or Settings(id=SINGLETON_ID)

    def update_settings(self, **changes: Any) -> Settings:
        settings = dataclasses.replace(self.settings(), id=SINGLETON_ID, **changes)
        check_record(settings)
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

    # -- agreement --

    def agreement_versions(self) -> list[AgreementVersion]:
        """Every version of the expectations agreement, oldest first."""
        return sorted(self.records(AgreementVersion), key=lambda v: (v.number, v.id))

    def latest_agreement(self) -> AgreementVersion | None:
        versions = self.agreement_versions()
        return versions[-1] if versions else None

    def save_agreement(self, content: AgreementVersion) -> AgreementVersion:
        """Save the agreement's sections (number, signatures and id of `content` are ignored).

        A draft is changed in place; once the latest version carries a signature, a
        change makes a new version that both sign again. Saving unchanged sections
        changes nothing. Returns the latest version.
        """
        agreement_rules.check_agreement(content, self.today())
        latest = self.latest_agreement()
        if latest is not None and agreement_rules.same_content(latest, content):
            return latest
        if latest is not None and not latest.signatures:
            return self.update(dataclasses.replace(  # type: ignore[no-any-return]
                content, number=latest.number, created_at=latest.created_at,
                signatures=(), id=latest.id, extra=latest.extra))
        number = latest.number + 1 if latest else 1
        return self.add(dataclasses.replace(content, number=number, created_at=self.now(),
                                            signatures=(), id=0))

    def sign_agreement(self, role: Role, typed_name: str) -> AgreementVersion:
        """Sign the latest version as `role`; the typed name must be that partner's name."""
        pair = self.pair()
        latest = self.latest_agreement()
        expected = pair.name_of(role) if pair else ""
        agreement_rules.check_signature(latest, role, typed_name, expected)
        assert latest is not None
        signature = Signature(role=role, name=" ".join(typed_name.split()),
                              signed_at=self.now())
        return self.update(  # type: ignore[no-any-return]
            dataclasses.replace(latest, signatures=(*latest.signatures, signature)))

    # -- meetings --

    def check_meeting(self, meeting: Meeting) -> Meeting:
        """Refuse a meeting a journal should not hold; returns it unchanged."""
        check_text(meeting.notes, "notes", limit=MAX_NOTES)
        for item in meeting.homework:
            check_text(item.text, "homework", required=True, limit=MAX_LINE)
        if meeting.checkin is not None:
            check_text(meeting.checkin.change, "change", limit=MAX_LINE)
        for tag in meeting.tags:
            check_text(tag, "tags")
        return meeting

    def log_meeting(self, meeting: Meeting, previous: Meeting | None = None) -> Meeting:
        """Save a new or edited meeting, and the previous meeting's settled homework with it."""
        self.check_meeting(meeting)
        with self.batch():
            saved = self.update(meeting) if meeting.id else self.add(meeting)
            if previous is not None:
                self.update(previous)
        return saved

    def set_homework_status(self, meeting_id: int, index: int, status: HomeworkStatus) -> Meeting:
        """Mark one homework item done, open again, or dropped."""
        meeting = self.get(Meeting, meeting_id)
        if meeting is None or not 0 <= index < len(meeting.homework):
            raise ValidationError("homework", "That homework item no longer exists.")
        items = list(meeting.homework)
        done_on = self.today() if status is HomeworkStatus.DONE else None
        items[index] = dataclasses.replace(items[index], status=status, done_on=done_on)
        changed: Meeting = self.update(dataclasses.replace(meeting, homework=tuple(items)))
        return changed

    def promote_to_win(self, meeting: Meeting, text: str, size: WinSize = WinSize.SMALL) -> Win:
        """A line of a meeting becomes a win on the wins wall, linked to the meeting."""
        text = check_text(text.strip(), "win", required=True, limit=MAX_LINE)
        goal_id = meeting.goal_ids[0] if len(meeting.goal_ids) == 1 else None
        return self.add(Win(won_on=meeting.held_on, text=text, size=size,
                            meeting_id=meeting.id, goal_id=goal_id))

    # -- wins --

    def _checked_win(self, win: Win) -> Win:
        """The win with its text trimmed, or ValidationError naming the field at fault."""
        text = check_text(win.text, "text", required=True, limit=MAX_WIN_TEXT).strip()
        if win.goal_id is not None and self.get(Goal, win.goal_id) is None:
            raise ValidationError("goal", "That goal no longer exists; choose another.")
        if win.meeting_id is not None and self.get(Meeting, win.meeting_id) is None:
            raise ValidationError("meeting", "That meeting no longer exists; choose another.")
        return dataclasses.replace(win, text=text)

    def add_win(self, win: Win) -> Win:
        """Save a new win (checked); returns it with its id."""
        return self.add(self._checked_win(win))

    def update_win(self, win: Win) -> Win:
        """Save a changed win (checked)."""
        return self.update(self._checked_win(win))  # type: ignore[no-any-return]

    def delete_win(self, win: Win) -> Win:
        """Delete a win; returns it as it was, so that it can be restored."""
        self.delete(win)
        return win

    def restore_win(self, win: Win) -> Win:
        """Put a deleted win back (undo), under its old id unless another win took it."""
        if self.get(Win, win.id) is not None:
            return self.add(dataclasses.replace(win, id=0))
        with self.store.lock, self._refreshing("wins"):
            self.store.insert("wins", to_doc(win), doc_id=win.id)
        return win

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
        return vision.ordered_cards(self.records(VisionCard))

    def save_vision_card(self, card: VisionCard) -> VisionCard:
        """Check and save a card; a new one goes at the end of the board."""
        text = check_text(card.text, "card text", required=True, limit=vision.MAX_CARD).strip()
        url = check_text(card.url, "link", limit=2000).strip()
        if card.kind is VisionKind.LINK and not vision.is_openable_url(url):
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
            for card in vision.reorder(list(old.values()), card_id, to_index):
                if card != old[card.id]:
                    self.update(card)
        return self.vision_cards()
