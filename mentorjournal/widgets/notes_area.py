"""NotesArea: a Markdown TextArea that can take a template or go out to the user's $EDITOR."""

from __future__ import annotations

import os

from textual.app import SuspendNotSupported
from textual.widgets import TextArea

from mentorjournal.core.text import printable
from mentorjournal.storage.editor import EditorFailed, edit_text


class NotesArea(TextArea):
    """Notes in Markdown; highlighted when Textual's Markdown grammar is installed."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, tab_behavior="focus")
        # The grammar comes with textual[syntax]; without it the notes are plain text.
        if "markdown" in self.available_languages:
            self.language = "markdown"

    def add_template(self, template: str, cursor: tuple[int, int]) -> None:
        """Append `template`; on empty notes put the cursor at `cursor` inside it."""
        gap = "\n\n" if self.text.strip() else ""
        self.text = self.text.rstrip() + gap + template
        self.move_cursor(self.document.end if gap else cursor)
        self.focus()

    def edit_externally(self) -> None:
        """Hand the notes to $VISUAL / $EDITOR (the app is suspended meanwhile)."""
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                self.text = edit_text(self.text, editor)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="warning")
        except EditorFailed as error:
            self.notify(printable(str(error)), title="Editor", severity="error", markup=False)
        self.focus()
