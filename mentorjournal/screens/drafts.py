"""Drafts on screen: keeping a form's inputs as its draft while typing, offering a draft back,
and the one question asked before typed text would be lost (Escape, Cancel, Ctrl+Q).

The rules of a draft (what it holds, one per form target, removed when the form is saved)
are the core's, in core/drafts.py; this is when they are applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App
from textual.timer import Timer

from mentorjournal.core.drafts import DraftKey
from mentorjournal.core.model import Draft
from mentorjournal.core.text import printable
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal

DRAFT_DELAY = 1.0
"""Seconds after the first unsaved change that the draft is written (the most a crash loses)."""

LEAVE_TITLE = "Discard your changes?"
LEAVE_MESSAGE = "What you typed here has not been saved."
QUIT_MESSAGE = "What you typed has not been saved: keep it as a draft, or discard it, and quit."

FieldValues = dict[str, Any]


class DraftOwner(Protocol):
    """What a draft keeper needs of its screen: a timer, the journal and the save queue."""

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Timer: ...

    def save(self, operation: Callable[[], Any], on_saved: Callable[[Any], object] | None = None,
             on_failed: Callable[[JournalError], None] | None = None) -> None: ...

    @property
    def journal(self) -> Any: ...


class DraftKeeper:
    """Keeps one form's inputs as the draft of `key`, written through the save queue.

    `touch()` after each change: the draft is written `DRAFT_DELAY` after the first
    unsaved change (not pushed back by further typing), so steady typing still reaches the
    disk every second. Typing undone back to `baseline` (what the form opened with) removes
    the draft. `close()` once the form's text is saved, kept or discarded: no more writes.
    """

    def __init__(self, owner: DraftOwner, key: DraftKey, read: Callable[[], FieldValues],
                 baseline: FieldValues,
                 on_kept: Callable[[JournalError | None], None] | None = None) -> None:
        self.key = key
        self._owner = owner
        self._read = read
        self._baseline = baseline
        self._written: FieldValues | None = baseline
        """What the journal holds for `key` as far as this keeper wrote (None: unknown)."""
        self.kept = False
        """True when a draft of `key` is in the journal (or queued to be)."""
        self._on_kept = on_kept
        self._timer: Timer | None = None
        self.closed = False

    def unsaved(self) -> bool:
        """True when the inputs hold something else than what the form opened with."""
        return self._read() != self._baseline

    def adopt(self, fields: FieldValues) -> None:
        """The draft in the journal holds `fields` (it was just restored into the form)."""
        self._written, self.kept = fields, True

    def touch(self) -> None:
        if self._timer is None and not self.closed:
            self._timer = self._owner.set_timer(DRAFT_DELAY, self.keep)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def keep(self) -> None:
        """Write the inputs now (nothing when they are what was last written)."""
        self.stop()
        if self.closed:
            return
        fields = self._read()
        if fields == self._written:
            return
        if fields == self._baseline:
            self.discard()
            return
        self._written, self.kept = fields, True
        key, drafts = self.key, self._owner.journal.drafts
        self._owner.save(lambda: drafts.keep(key, fields), lambda _draft: self._kept(None),
                         self._failed)

    def discard(self) -> None:
        """Remove the draft, if one was kept: the inputs are as the form opened, or thrown away."""
        self.stop()
        if self.kept:
            key, drafts = self.key, self._owner.journal.drafts
            self._owner.save(lambda: drafts.discard(key))
        self._written, self.kept = self._baseline, False

    def saved(self) -> None:
        """The form was saved, and its draft removed in the same write."""
        self.stop()
        self._written, self.kept = self._baseline, False

    def close(self) -> None:
        self.stop()
        self.closed = True

    def _kept(self, error: JournalError | None) -> None:
        if self._on_kept is not None:
            self._on_kept(error)

    def _failed(self, error: JournalError) -> None:
        self._written = None  # not on disk: the next change writes it again
        self._kept(error)


def leave_question(*, keeps_drafts: bool, quitting: bool = False) -> ChoiceModal:
    """The one question before typed text is lost: keep editing, keep as draft, discard.

    Dismisses with "keep" (stay), "draft" or "discard" (None: Escape, stay).
    """
    draft = (Choice("draft", "Keep as draft"),) if keeps_drafts else ()
    return ChoiceModal.confirm(LEAVE_TITLE, QUIT_MESSAGE if quitting else LEAVE_MESSAGE,
                               Choice("discard", "Discard", "error"), keep="Keep editing",
                               also=draft)


def offer_draft(owner: Any, draft: Draft, restore: Callable[[Draft], None], *,
                later: bool = True) -> None:
    """Ask whether to carry on with `draft`: restore it, leave it for later, or discard it.

    Without `later` (a form opened on the draft's target) Escape restores: the text was
    typed to be kept, and the form's Cancel still discards it.
    """
    journal = owner.journal
    app = owner if isinstance(owner, App) else owner.app

    def chosen(choice: str | None) -> None:
        if choice == "restore" or (choice is None and not later):
            restore(draft)
        elif choice == "discard":
            owner.save(lambda: journal.drafts.discard(draft),
                       lambda _none: app.notify("Draft discarded."))

    choices = [Choice("restore", "Restore draft", "primary")]
    if later:
        choices.append(Choice("later", "Later"))
    choices.append(Choice("discard", "Discard", "error"))
    app.push_screen(
        ChoiceModal("Carry on writing?", printable(journal.drafts.describe(draft)), choices),
        chosen)
