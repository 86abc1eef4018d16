"""Step through what changed since the last review, mark each item, record the review.

The letter keys mark and move only while no text field has focus: the comment field takes
every printable key first (Textual asks the focused widget before the dialog's bindings).
The dialog opens on the buttons, so `c` goes into the comment and Enter (or Tab) comes back.
"""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from mentorjournal.core.model import Review, ReviewItem, ReviewMark
from mentorjournal.core.text import printable
from mentorjournal.screens.base import JournalModal
from mentorjournal.screens.drafts import leave_question
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, FORM, STATUS, Purpose

STEP = Purpose("Step through")
"""Back and next: in the palette too (a step is not a cursor move within a widget)."""


class ReviewStepperModal(JournalModal[Review]):
    """One change at a time; dismisses with the recorded Review (None if left unrecorded)."""

    DEFAULT_CSS = """
    ReviewStepperModal {
        align: center middle;
        & > Vertical { width: 80; max-width: 95%; height: auto; padding: 1 2;
                       border: thick $primary; background: $surface; }
        #item-kind { color: $text-muted; }
        #item-summary { margin: 1 0; text-style: bold; }
        #item-mark { color: $text-accent; }
        Horizontal { height: auto; margin-top: 1; }
        Button { margin-right: 1; min-width: 8; }
    }
    """
    BINDINGS = [
        Binding("a", "mark('agreed')", "Agreed", group=STATUS, tooltip="Mark this item agreed"),
        Binding("d", "mark('to discuss')", "To discuss", group=STATUS,
                tooltip="Mark this item to discuss at the next meeting"),
        Binding("c", "comment", "Comment", group=ADD,
                tooltip="Write a comment on this item; Enter when done"),
        Binding("b,left", "move(-1)", "Back", group=STEP,
                tooltip="Back to the item before: its mark and comment can be changed"),
        Binding("ctrl+s", "finish", "Finish", group=FORM,
                tooltip="Record the review; items to discuss go on the agenda"),
        Binding("right", "move(1)", "Next", group=STEP,
                tooltip="On to the next item, leaving this one as it is"),
    ]
    keys_title = "Step through what changed"

    def __init__(self, items: list[ReviewItem]) -> None:
        super().__init__()
        self.items = list(items)
        self.index = 0
        self._opened_with = list(items)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="item-kind")
            yield Static(id="item-summary")
            yield Static(id="item-mark")
            yield Input(placeholder="A short comment (optional): c to write, Enter when done",
                        id="comment", max_length=2000, select_on_focus=False)
            yield Static("", id="form-error", markup=False)
            with Horizontal():
                yield Button("Agreed (a)", id="agreed", variant="success")
                yield Button("To discuss (d)", id="discuss", variant="warning")
                yield Button("Back (b)", id="back")
                yield Button("Next →", id="next")
                yield Button("Finish (Ctrl+S)", id="finish", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#agreed", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marks, the comment and steps are greyed out where they have nothing to act on."""
        if action in ("mark", "comment", "move") and not self.items:
            return None
        if action == "move" and parameters:
            step = parameters[0]
            assert isinstance(step, int)
            return 0 <= self.index + step < len(self.items) or None
        return True

    def _show(self) -> None:
        self.refresh_bindings()
        if not self.items:
            self.query_one("#item-kind", Static).update("Nothing changed since the last review.")
            self.query_one("#item-summary", Static).update("Finish to record that you looked.")
            return
        item = self.items[self.index]
        self.query_one("#item-kind", Static).update(
            Content(f"{self.index + 1} of {len(self.items)} · {item.kind}"))
        self.query_one("#item-summary", Static).update(Content(printable(item.summary)))
        self.query_one("#item-mark", Static).update(
            Content(f"Marked: {item.mark.value}" if item.mark else "Not marked yet"))
        self.query_one("#comment", Input).value = item.comment

    def _keep_comment(self) -> None:
        if self.items:
            comment = self.query_one("#comment", Input).value
            self.items[self.index] = dataclasses.replace(self.items[self.index], comment=comment)

    def action_mark(self, mark: str) -> None:
        if not self.items:
            return
        self._keep_comment()
        self.items[self.index] = dataclasses.replace(self.items[self.index], mark=ReviewMark(mark))
        self.action_move(1) if self.index < len(self.items) - 1 else self._show()

    def action_move(self, step: int) -> None:
        self._keep_comment()
        self.index = max(0, min(len(self.items) - 1, self.index + step))
        self._show()

    def action_comment(self) -> None:
        """Into the comment field: from here on, letters are text, not keys."""
        comment = self.query_one("#comment", Input)
        comment.focus()
        comment.action_end()

    def action_dismiss_modal(self) -> None:
        """Escape: close at once when nothing was marked or commented; else ask first."""
        self._keep_comment()
        if self.items == self._opened_with:
            self.dismiss(None)
        else:
            self.app.push_screen(leave_question(keeps_drafts=False), self._leave_chosen)

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "discard":
            self.dismiss(None)

    @on(Input.Submitted, "#comment")
    def _comment_done(self) -> None:
        """Enter keeps the comment and gives the letter keys back (Tab does too)."""
        self._keep_comment()
        self.query_one("#agreed", Button).focus()

    @on(Button.Pressed, "#agreed")
    def _agreed(self) -> None:
        self.action_mark(ReviewMark.AGREED.value)

    @on(Button.Pressed, "#discuss")
    def _discuss(self) -> None:
        self.action_mark(ReviewMark.TO_DISCUSS.value)

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_move(-1)

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.action_move(1)

    @on(Button.Pressed, "#finish")
    def action_finish(self) -> None:
        self._keep_comment()
        items, held_at = list(self.items), self.journal.now()
        self.save_form(lambda: self.journal.reviews.record(items, held_at), self._recorded)

    def _recorded(self, review: Review) -> None:
        to_discuss = sum(1 for i in review.items if i.mark is ReviewMark.TO_DISCUSS)
        self.notify(f"Review recorded: {to_discuss} item(s) on the next meeting's agenda.")
        self.dismiss(review)
