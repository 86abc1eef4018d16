"""NotesArea: a Markdown TextArea that can take a template or go out to the user's $EDITOR."""

from __future__ import annotations

from textual.app import SuspendNotSupported
from textual.widgets import TextArea

from mentorjournal.core.text import printable
from mentorjournal.storage.editor import NO_EDITOR, EditorFailed, chosen_editor, edit_text


class NotesArea(TextArea):
    """Notes in Markdown; highlighted when Textual's Markdown grammar is installed."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True, tab_behavior="focus")
        # The grammar comes with textual[syntax]; without it the notes are plain text.
        if "markdown" in self.available_languages:
            self.language = "markdown"

    def add_template(self, template: str, cursor: tuple[int, int], *, focus: bool = True) -> None:
        """Append `template`; on empty notes put the cursor at `cursor` inside it (and the
        focus in the notes, unless `focus` is False)."""
        gap = "\n\n" if self.text.strip() else ""
        self.text = self.text.rstrip() + gap + template
        self.move_cursor(self.document.end if gap else cursor)
        if focus:
            self.focus()

    def edit_externally(self) -> None:
        """Hand the notes to $VISUAL / $EDITOR (the app is suspended meanwhile)."""
        editor = chosen_editor()
        if editor is None:  # say so, rather than drop the user into vi
            self.notify(NO_EDITOR, title="Editor", severity="warning", markup=False)
            return
        try:
            with self.app.suspend():
                self.text = edit_text(self.text, editor)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="warning")
        except EditorFailed as error:
            self.notify(printable(str(error)), title="Editor", severity="error", markup=False)
        self.focus()
