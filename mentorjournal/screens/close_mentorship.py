"""Closing the mentorship: a date and a closing note, once the closing evaluation is shared."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Static, TextArea

from mentorjournal.core.dates import parse_date
from mentorjournal.core.model import Pair
from mentorjournal.screens.form_modal import FormModal
from mentorjournal.widgets.keys import FORM


class CloseMentorshipModal(FormModal[Pair]):
    """Dismisses with the closed Pair once it is saved; the journal stays readable."""

    DEFAULT_CSS = "CloseMentorshipModal TextArea { height: 6; }"
    BINDINGS = [Binding("ctrl+s", "submit", "Close the mentorship", group=FORM,
                        tooltip="Close the mentorship on this date, with the note")]
    heading = "Close the mentorship"
    submit_label = "Close the mentorship"
    submit_variant = "warning"
    enter_submits = False

    def fields(self) -> ComposeResult:
        yield Static("The journal stays readable and exportable afterwards.", markup=False)
        yield Label("Closed on")
        yield Input(self.journal.today().isoformat(), id="closed_on")
        yield Label("A closing note")
        yield TextArea(id="closing_note")

    def prepare(self) -> Callable[[], Pair]:
        closed_on = parse_date(self.value("closed_on"), self.journal.today(), field="closed_on")
        note = self.value("closing_note")
        return lambda: self.journal.evaluations.close_mentorship(closed_on, note)
