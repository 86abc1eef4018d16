"""Closing the mentorship: a date and a closing note, once the closing evaluation is shared."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from mentorjournal.core.dates import parse_date
from mentorjournal.core.model import Pair
from mentorjournal.screens.base import JournalModal
from mentorjournal.storage.errors import JournalError


class CloseMentorshipModal(JournalModal[Pair]):
    """Dismisses with the closed Pair once it is saved; the journal stays readable."""

    DEFAULT_CSS = """
    CloseMentorshipModal { align: center middle; TextArea { height: 6; } }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "Close the mentorship")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(Content.from_markup("[b]Close the mentorship[/b]"))
            yield Static("The journal stays readable and exportable afterwards.", markup=False)
            yield Label("Closed on")
            yield Input(self.journal.today().isoformat(), id="closed_on")
            yield Label("A closing note")
            yield TextArea(id="note")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Close the mentorship", variant="warning", id="submit")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        try:
            closed_on = parse_date(self.query_one("#closed_on", Input).value,
                                   self.journal.today(), field="closed_on")
        except JournalError as error:
            self.show_error(error)
            return
        note = self.query_one("#note", TextArea).text
        self.save_form(lambda: self.journal.evaluations.close_mentorship(closed_on, note))
