"""The entry editor: a Markdown TextArea with live preview, prompts, $EDITOR and drafts.

What is typed is kept as a `Draft` at most a second after it changes (one atomic
write through the save queue), so a crash or a closed terminal loses at most that.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from importlib.util import find_spec
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static, TextArea

from mentorjournal.core.dates import parse_date
from mentorjournal.core.entries import DRAFT_ENTRY, word_count
from mentorjournal.core.model import Draft, JournalEntry
from mentorjournal.core.text import parse_tags, printable
from mentorjournal.screens.editor_support import edit_externally
from mentorjournal.screens.form_modal import FormModal
from mentorjournal.screens.form_values import FormValues
from mentorjournal.screens.prompt_picker import PromptModal
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.keys import ADD, FORM, VIEW
from mentorjournal.widgets.markdown_view import MarkdownView

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


class EntryEditorModal(FormModal[JournalEntry]):
    """Write or edit a journal entry; dismisses with the saved entry (None if closed)."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", priority=True, group=FORM,
                tooltip="Save the entry and close the editor"),
        Binding("f2", "toggle_preview", "Preview", group=VIEW,
                tooltip="Show or hide the live Markdown preview"),
        Binding("f3", "choose_prompt", "Prompt", group=ADD,
                tooltip="Pick a writing prompt to start from"),
        Binding("f4", "external_editor", "$EDITOR", group=ADD,
                tooltip="Write in your own editor ($VISUAL or $EDITOR)"),
        Binding("escape", "dismiss_modal", "Close", group=FORM,
                tooltip="Close the editor (asks first when something changed)"),
    ]
    submit_label = "Save entry"
    enter_submits = False
    draft_kind = DRAFT_ENTRY

    def __init__(self, entry: JournalEntry, draft: Draft | None = None) -> None:
        """`entry` is the entry to edit (id 0: a new one); `draft` restores unsaved text."""
        super().__init__()
        self.entry = entry
        self.heading = "Editing entry" if entry.id else "New entry"
        # Terminal control characters would reach the terminal through the TextArea.
        self._saved = _shown(entry_fields(entry))
        if draft is not None:
            self.carry_on(draft)
        self._preview_timer: Timer | None = None
        self._status = ""

    def frame(self) -> Widget:
        return Vertical(id="editor")

    def fields(self) -> ComposeResult:
        f = self._saved
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
                yield MarkdownView()
        yield Static(id="editor-status", markup=False)

    def draft_target(self) -> int | None:
        return self.entry.id or None

    def restore_values(self, values: FormValues) -> None:
        super().restore_values(_shown(values))

    def opened(self) -> None:
        """Carry on writing where the text (or the restored draft) stops."""
        self.query_one("#preview").display = False
        if self.value("title"):
            body = self.query_one("#body", TextArea)
            body.move_cursor(body.document.end)  # carry on where the writing stopped
            body.focus()
        else:
            self.query_one("#title").focus()
        self.follow_review_together(self._hide_if_private)
        self._show_status()

    def prepare(self) -> Callable[[], JournalEntry]:
        entry = dataclasses.replace(
            self.entry, title=self.value("title").strip(), body=self.value("body"),
            mood=self.value("mood").strip(), tags=parse_tags(self.value("tags")),
            private=self.ticked("private"),
            written_on=parse_date(self.value("written_on"), self.journal.today(),
                                  field="written_on"))
        return lambda: self.journal.entries.save(entry)

    @on(TextArea.Changed)
    def _neutralise(self, event: TextArea.Changed) -> None:
        """Pasted control characters become U+FFFD (same length: the cursor stays put)."""
        text_area = event.text_area
        if printable(text_area.text) != text_area.text:
            cursor = text_area.cursor_location
            text_area.load_text(printable(text_area.text))
            text_area.move_cursor(cursor)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if self.query_one("#preview").display:
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._update_preview)
        self._show_status()

    def _show_status(self) -> None:
        body = self.value("body")
        prompt = self.query_one("#editor-prompt", Static)
        prompt.display = not body.strip()
        if prompt.display:
            prompts = self.journal.entries.prompts()
            suggestion = prompts[self.journal.today().toordinal() % len(prompts)]
            prompt.update(Content.from_markup(
                "Stuck? [b]F3[/b] picks a writing prompt, e.g. “$prompt”", prompt=suggestion))
        words = word_count(body)
        if not self.has_unsaved_changes():
            kept = "saved" if self.entry.id else "not saved yet"
        else:
            kept = ("changes kept as a draft" if self.drafts is not None and self.drafts.kept
                    else "unsaved changes")
        lock = " · 🔒 private" if self.ticked("private") else ""
        status = f"{words} word{'s' * (words != 1)}{lock} · {kept}"
        if status != self._status:  # most keystrokes change nothing here: no relayout
            self._status = status
            self.query_one("#editor-status", Static).update(Content(status))

    def draft_kept(self, error: JournalError | None) -> None:
        if not self.is_attached or not self.query("#editor-status"):
            return  # the editor closed meanwhile ("keep as draft", review together)
        super().draft_kept(error)
        self._show_status()

    # -- actions ---------------------------------------------------------------

    def action_toggle_preview(self) -> None:
        preview = self.query_one("#preview")
        preview.display = not preview.display
        if preview.display:
            self._update_preview()

    def _update_preview(self) -> None:
        self.query_one("#preview MarkdownView", MarkdownView).update(
            printable(self.query_one("#body", TextArea).text))

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
        body = self.query_one("#body", TextArea)
        text = edit_externally(self.app, body.text)
        if text is not None and text != body.text:
            body.load_text(text)
            self._changed()

    def _hide_if_private(self, together: bool) -> None:
        if together and self.ticked("private"):
            self.keep_draft()
            self.notify("The private entry was put away as a draft.")


def _shown(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as the editor shows them: control characters made visible."""
    return {k: printable(v) if isinstance(v, str) else v for k, v in fields.items()}
