"""The entry editor: a Markdown TextArea with live preview, prompts, $EDITOR and drafts.

What is typed is kept as a `Draft` at most a second after it changes (one atomic
write through the save queue), so a crash or a closed terminal loses at most that.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import subprocess
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Checkbox, Footer, Input, Markdown, Static, TextArea

from mentorjournal.dates import parse_date
from mentorjournal.errors import JournalError, ValidationError
from mentorjournal.model import Draft, JournalEntry
from mentorjournal.screens.base import JournalModal
from mentorjournal.screens.prompt_picker import PromptModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.writing import DRAFT_ENTRY, parse_tags, safe_text, word_count

DRAFT_DELAY = 1.0
"""Seconds after the first unsaved change that the draft is written (the most a crash loses)."""
PREVIEW_DELAY = 0.2
MARKDOWN_LANGUAGE = (
    "markdown" if find_spec("tree_sitter") and find_spec("tree_sitter_markdown") else None
)
"""Markdown highlighting needs textual[syntax]; without it the TextArea is plain text."""


def entry_fields(entry: JournalEntry) -> dict[str, Any]:
    """An entry as the editor's fields (the shape of `Draft.fields`)."""
    return {"title": entry.title, "body": entry.body, "mood": entry.mood,
            "tags": ", ".join(entry.tags), "written_on": entry.written_on.isoformat(),
            "private": entry.private}


class EntryEditorModal(JournalModal[JournalEntry | None]):
    """Write or edit a journal entry; dismisses with the saved entry (None if closed)."""

    BINDINGS = [
        Binding("ctrl+s", "save_entry", "Save", priority=True),
        Binding("f2", "toggle_preview", "Preview"),
        Binding("f3", "choose_prompt", "Prompt"),
        Binding("f4", "external_editor", "$EDITOR"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, entry: JournalEntry, draft: Draft | None = None) -> None:
        """`entry` is the entry to edit (id 0: a new one); `draft` restores unsaved text."""
        super().__init__()
        self.entry = entry
        self._saved_fields = entry_fields(entry)
        self._fields = {**self._saved_fields, **(draft.fields if draft else {})}
        self._draft_id = draft.id if draft else 0
        self._draft_fields = dict(self._fields) if draft else self._saved_fields
        self._draft_timer: Timer | None = None
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        f = self._fields
        with Vertical(id="editor"):
            yield Static(Content("Editing entry" if self.entry.id else "New entry"),
                         id="editor-heading")
            with Horizontal(id="editor-fields"):
                yield Input(str(f["title"]), placeholder="Title", id="title")
                yield Input(str(f["mood"]), placeholder="Mood", id="mood")
                yield Input(str(f["tags"]), placeholder="Tags, comma separated", id="tags")
                yield Input(str(f["written_on"]), placeholder="Date", id="written_on")
                yield Checkbox("Private", bool(f["private"]), id="private")
            yield Static(id="editor-prompt", markup=False)
            with Horizontal(id="editor-panes"):
                yield TextArea(str(f["body"]), id="body", language=MARKDOWN_LANGUAGE,
                               soft_wrap=True)
                with VerticalScroll(id="preview"):
                    yield Markdown(open_links=False)
            with Horizontal(id="editor-footer"):
                yield Static(id="editor-status", markup=False)
                yield Static(id="editor-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview").display = False
        if self._fields["title"]:
            body = self.query_one("#body", TextArea)
            body.move_cursor(body.document.end)  # carry on where the writing stopped
            body.focus()
        else:
            self.query_one("#title").focus()
        self.watch(self.app, "review_together", self._hide_if_private, init=False)
        self._show_status()

    # -- the form --------------------------------------------------------------

    def current_fields(self) -> dict[str, Any]:
        return {"title": self.query_one("#title", Input).value,
                "body": self.query_one("#body", TextArea).text,
                "mood": self.query_one("#mood", Input).value,
                "tags": self.query_one("#tags", Input).value,
                "written_on": self.query_one("#written_on", Input).value,
                "private": self.query_one("#private", Checkbox).value}

    def _entry_from_form(self) -> JournalEntry:
        f = self.current_fields()
        return dataclasses.replace(
            self.entry, title=f["title"].strip(), body=f["body"], mood=f["mood"].strip(),
            tags=parse_tags(f["tags"]), private=f["private"],
            written_on=parse_date(f["written_on"], self.journal.today(), field="date"))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)
        if self.query_one("#preview").display:
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._update_preview)
        self._show_status()

    def _show_status(self) -> None:
        f = self.current_fields()
        prompt = self.query_one("#editor-prompt", Static)
        prompt.display = not f["body"].strip()
        if prompt.display:
            prompts = self.journal.prompts()
            suggestion = prompts[self.journal.today().toordinal() % len(prompts)]
            prompt.update(Content.from_markup(
                "Stuck? [b]F3[/b] picks a writing prompt, e.g. “$prompt”", prompt=suggestion))
        words = word_count(f["body"])
        kept = "unsaved changes kept as a draft" if self._draft_id else "not saved yet"
        lock = " · 🔒 private" if f["private"] else ""
        self.query_one("#editor-status", Static).update(
            Content(f"{words} word{'s' * (words != 1)}{lock} · {kept}"))

    # -- drafts ----------------------------------------------------------------

    def keep_draft(self) -> None:
        """Write what is typed now as the draft (skipped when nothing changed)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        fields = self.current_fields()
        if fields == self._draft_fields:
            return
        self._draft_fields = fields
        self.save(lambda: self._store_draft(fields), lambda _draft: self._show_status(),
                  self._draft_failed)

    def _store_draft(self, fields: dict[str, Any]) -> Draft:
        """Runs in the save worker (saves run one at a time, so the id is never raced)."""
        draft = self.journal.save_draft(Draft(kind=DRAFT_ENTRY, target_id=self.entry.id or None,
                                              fields=fields, id=self._draft_id))
        self._draft_id = draft.id
        return draft

    def _draft_failed(self, error: JournalError) -> None:
        self._draft_fields = {}
        self.query_one("#editor-error", Static).update(Content(f"Draft not kept: {error}"))

    def _discard_draft(self) -> None:
        self.save(lambda: self.journal.discard_draft(Draft(kind=DRAFT_ENTRY, id=self._draft_id)))

    # -- actions ---------------------------------------------------------------

    def action_save_entry(self) -> None:
        try:
            entry = self._entry_from_form()
        except ValidationError as error:
            self._show_error(error)
            return
        self.query_one("#editor-error", Static).update("")
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        self.save(lambda: self.journal.save_entry(entry, Draft(kind=DRAFT_ENTRY,
                                                               id=self._draft_id)),
                  self.dismiss, self._show_error)

    def _show_error(self, error: JournalError) -> None:
        self.query_one("#editor-error", Static).update(Content(f"Not saved: {error}"))
        field = getattr(error, "field", "")
        target = {"title": "#title", "mood": "#mood", "tag": "#tags", "date": "#written_on"}
        self.query_one(target.get(field, "#body")).focus()

    def action_toggle_preview(self) -> None:
        preview = self.query_one("#preview")
        preview.display = not preview.display
        if preview.display:
            self._update_preview()

    def _update_preview(self) -> None:
        self.query_one("#preview Markdown", Markdown).update(
            safe_text(self.query_one("#body", TextArea).text))

    def action_choose_prompt(self) -> None:
        self.app.push_screen(PromptModal(), self._use_prompt)

    def _use_prompt(self, prompt: str | None) -> None:
        if not prompt:
            return
        title = self.query_one("#title", Input)
        body = self.query_one("#body", TextArea)
        if not title.value.strip():
            title.value = prompt
        else:
            body.insert(f"> {prompt}\n\n", (0, 0))
        body.focus()

    def action_external_editor(self) -> None:
        """Write the body in $VISUAL/$EDITOR (the app is suspended meanwhile)."""
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify("Set $EDITOR to write in your own editor.", severity="warning")
            return
        body = self.query_one("#body", TextArea)
        with tempfile.TemporaryDirectory(prefix="mentorjournal-") as folder:
            path = Path(folder) / "entry.md"
            path.write_text(body.text, encoding="utf-8")
            try:
                with self.app.suspend():
                    subprocess.run([*shlex.split(command), str(path)], check=False)
            except (SuspendNotSupported, OSError) as error:
                self.notify(f"Could not run {command}: {error}", markup=False, severity="error")
                return
            text = path.read_text(encoding="utf-8", errors="replace")
        if text != body.text:
            body.load_text(text)
            self._changed()

    def action_close(self) -> None:
        if self.current_fields() == self._saved_fields:
            if self._draft_id:
                self._discard_draft()
            self.dismiss(None)
            return
        self.app.push_screen(
            ChoiceModal("Close the entry?", "It has changes that are not saved as an entry.",
                        [Choice("save", "Save entry", "primary"), Choice("draft", "Keep as draft"),
                         Choice("discard", "Discard", "error"), Choice("back", "Keep writing")]),
            self._close_chosen)

    def _close_chosen(self, choice: str | None) -> None:
        if choice == "save":
            self.action_save_entry()
        elif choice == "draft":
            self.keep_draft()
            self.dismiss(None)
        elif choice == "discard":
            self._discard_draft()
            self.dismiss(None)

    def _hide_if_private(self, together: bool) -> None:
        if together and self.query_one("#private", Checkbox).value:
            self.keep_draft()
            self.notify("The private entry was put away as a draft.")
            self.dismiss(None)
