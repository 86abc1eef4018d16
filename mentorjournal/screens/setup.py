"""The first-run form: who the pair is and whose journal this is."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from mentorjournal.core.dates import parse_date, parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Pair, Role
from mentorjournal.core.text import MAX_NAME
from mentorjournal.screens.base import JournalModal


class PairSetupModal(JournalModal[Pair]):
    """Asks for the pair in one short form; dismisses with the saved Pair."""

    BINDINGS = [Binding("ctrl+s", "submit", "Save")]

    def compose(self) -> ComposeResult:
        today = self.journal.today().isoformat()
        with VerticalScroll(classes="form"):
            yield Static(Content.from_markup("[b]Welcome to mentorjournal[/b]"))
            yield Static("One private file for your whole mentoring relationship. "
                         "First, who are you two?", markup=False)
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Protégé's name (drives the bus)")
                    yield Input(id="protege", max_length=MAX_NAME, placeholder="e.g. Ana Lima")
                with Vertical():
                    yield Label("Mentor's name (the GPS)")
                    yield Input(id="mentor", max_length=MAX_NAME, placeholder="e.g. Sam Okafor")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label("Whose journal is this?")
                    yield Select(
                        [("The protégé's", Role.PROTEGE), ("The mentor's", Role.MENTOR)],
                        value=Role.PROTEGE, allow_blank=False, id="owner",
                    )
                with Vertical():
                    yield Label("Started on")
                    yield Input(today, id="started_on", placeholder="YYYY-MM-DD or 'today'")
                with Vertical():
                    yield Label("Planned end (optional)")
                    yield Input(id="planned_end", placeholder="YYYY-MM-DD")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start the journal", variant="primary", id="submit")

    def on_mount(self) -> None:
        self.query_one("#protege", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        try:
            pair = self._read_form()
        except ValidationError as error:
            self.show_error(error)
            return
        self.save_form(lambda: self.journal.pair.save(pair))

    def _read_form(self) -> Pair:
        today = self.journal.today()
        value = {i.id: i.value for i in self.query(Input) if i.id}
        for field, label in (("protege", "protégé's name"), ("mentor", "mentor's name")):
            if not value[field].strip():
                raise ValidationError(field, f"Enter the {label}.")
        started = parse_date(value["started_on"], today, field="started_on")
        end = parse_optional_date(value["planned_end"], today, field="planned_end")
        if end is not None and end <= started:
            raise ValidationError("planned_end", "The planned end must come after the start.")
        owner = self.query_one("#owner", Select).value
        return Pair(mentor=value["mentor"].strip(), protege=value["protege"].strip(),
                    owner=Role(owner), started_on=started, planned_end=end)

    def action_dismiss_modal(self) -> None:
        """A journal needs its pair: Escape here quits instead of leaving a half-made journal."""
        self.app.exit()
