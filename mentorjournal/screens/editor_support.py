"""What the entry editor leans on: the draft keeper (debounced saves) and $EDITOR."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported
from textual.timer import Timer

from mentorjournal.core.entries import describe_draft
from mentorjournal.core.model import Draft
from mentorjournal.core.text import printable
from mentorjournal.screens.base import JournalAccess
from mentorjournal.storage.editor import EditorFailed, scratch_folder
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal

DRAFT_DELAY = 1.0
"""Seconds after the first unsaved change that the draft is written (the most a crash loses)."""


class DraftKeeper:
    """Keeps a screen's unsaved fields as one `Draft`, written through the save queue.

    `touch()` after each change: the draft is written `DRAFT_DELAY` after the first
    unsaved change (not pushed back by further typing), so steady typing still reaches
    the disk every second. The draft id is only changed in the save worker, where saves
    run one at a time: two quick writes never create two drafts.
    """

    def __init__(self, owner: JournalAccess, kind: str, target_id: int | None,
                 draft: Draft | None, read: Callable[[], dict[str, Any]],
                 on_kept: Callable[[JournalError | None], None],
                 baseline: dict[str, Any]) -> None:
        """`read` returns the fields now; `baseline` is what needs no draft (as saved)."""
        self._owner = owner
        self._kind = kind
        self._target_id = target_id
        self.draft_id = draft.id if draft else 0
        self._read = read
        self._written = dict(baseline)
        self._on_kept = on_kept
        self._timer: Timer | None = None

    def touch(self) -> None:
        if self._timer is None:
            self._timer = self._owner.set_timer(DRAFT_DELAY, self.keep)  # type: ignore[attr-defined]

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def keep(self) -> None:
        """Write the fields now (skipped when they are what was last written)."""
        self.stop()
        fields = self._read()
        if fields == self._written:
            return
        self._written = fields
        self._owner.save(lambda: self._store(fields), lambda _draft: self._on_kept(None),
                         self._failed)

    def _store(self, fields: dict[str, Any]) -> Draft:
        draft = self._owner.journal.drafts.save(
            Draft(kind=self._kind, target_id=self._target_id, fields=fields, id=self.draft_id))
        self.draft_id = draft.id
        return draft

    def _failed(self, error: JournalError) -> None:
        self._written = {}
        self._on_kept(error)

    def current(self) -> Draft:
        """The draft as saved so far (read in the save worker: after every queued write)."""
        return Draft(kind=self._kind, id=self.draft_id)

    def discard(self) -> None:
        self.stop()
        self._owner.save(lambda: self._owner.journal.drafts.discard(self.current()))


def offer_draft(owner: JournalAccess, draft: Draft, restore: Callable[[Draft], None]) -> None:
    """Ask whether to carry on with `draft`: restore it, leave it for later, or discard it."""

    def chosen(choice: str | None) -> None:
        if choice == "restore":
            restore(draft)
        elif choice == "discard":
            owner.save(lambda: owner.journal.drafts.discard(draft),
                       lambda _none: owner.app.notify("Draft discarded."))  # type: ignore[attr-defined]

    owner.app.push_screen(  # type: ignore[attr-defined]
        ChoiceModal("Carry on writing?", describe_draft(draft),
                    [Choice("restore", "Restore draft", "primary"), Choice("later", "Later"),
                     Choice("discard", "Discard", "error")]), chosen)


def edit_externally(app: App[Any], text: str) -> str | None:
    """Let the user edit `text` in $VISUAL/$EDITOR while the app is suspended.

    Returns the new text, or None (with a notification) when there is no editor or
    the terminal cannot be handed over. This blocks the UI on purpose: the editor
    owns the terminal until it exits.
    """
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        app.notify("Set $EDITOR to write in your own editor.", severity="warning")
        return None
    try:
        scratch = scratch_folder()  # in memory while an encrypted journal is open
    except EditorFailed as error:
        app.notify(printable(str(error)), markup=False, severity="warning")
        return None
    with tempfile.TemporaryDirectory(prefix="mentorjournal-", dir=scratch) as folder:
        path = Path(folder) / "entry.md"
        path.write_text(text, encoding="utf-8")
        try:
            with app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
        except (SuspendNotSupported, OSError, ValueError) as error:
            app.notify(printable(f"Could not run {command}: {error}"), markup=False,
                       severity="error")
            return None
        return path.read_text(encoding="utf-8", errors="replace")
