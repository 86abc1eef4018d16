"""The add / edit a win form: date (today by default), text, size, and what it links to."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from mentorjournal.core.dates import parse_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Win, WinSize
from mentorjournal.core.text import MAX_WIN, one_line
from mentorjournal.screens.base import JournalModal


class WinFormModal(JournalModal[Win]):
    """Adds a win (or edits `win` when it has an id); dismisses with the saved Win."""

    BINDINGS = [Binding("ctrl+s", "submit", "Save")]

    def __init__(self, win: Win | None = None) -> None:
        super().__init__()
        self.win = win

    @property
    def editing(self) -> bool:
        return self.win is not None and self.win.id != 0

    def compose(self) -> ComposeResult:
        win = self.win or Win(won_on=self.journal.today(), text="")
        goals = [(Text(one_line(g.title)), g.id) for g in self.journal.goals.all() if not g.archived
                 or g.id == win.goal_id]
        meetings = [(Text(f"{m.held_on.isoformat()} · {m.mode or 'meeting'}"), m.id)
                    for m in self.journal.meetings.all()]
        with VerticalScroll(classes="form") as form:
            form.border_title = Content("Edit this win" if self.editing
                                        else "A win! Small ones count too")
            yield Label("What went well?")
            yield Input(win.text, id="text", max_length=MAX_WIN,
                        placeholder="e.g. Asked for feedback on my draft")
            with Horizontal(classes="win-form-row"):
                with Vertical():
                    yield Label("When")
                    yield Input(win.won_on.isoformat(), id="won_on",
                                placeholder="YYYY-MM-DD or 'today'")
                with Vertical():
                    yield Label("Size")
                    yield Checkbox("A big win", win.size is WinSize.BIG, id="big")
            with Horizontal(classes="win-form-row"):
                with Vertical():
                    yield Label("Towards a goal")
                    yield Select(goals, prompt="No goal", value=_known(win.goal_id, goals),
                                 id="goal")
                with Vertical():
                    yield Label("From a meeting")
                    yield Select(meetings, prompt="No meeting",
                                 value=_known(win.meeting_id, meetings), id="meeting")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save the win", variant="primary", id="submit")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        try:
            win = self._read_form()
        except ValidationError as error:
            self.show_error(error)
            return
        operation = self.journal.wins.update if self.editing else self.journal.wins.add
        self.save_form(lambda: operation(win))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def _read_form(self) -> Win:
        text = self.query_one("#text", Input).value
        if not text.strip():
            raise ValidationError("text", "Say what went well: the win cannot be empty.")
        won_on = parse_date(self.query_one("#won_on", Input).value, self.journal.today(),
                            field="won_on")
        goal = self.query_one("#goal", Select).value
        meeting = self.query_one("#meeting", Select).value
        base = self.win or Win(won_on=won_on, text="")
        return dataclasses.replace(
            base, text=text, won_on=won_on,
            size=WinSize.BIG if self.query_one("#big", Checkbox).value else WinSize.SMALL,
            goal_id=goal if isinstance(goal, int) else None,
            meeting_id=meeting if isinstance(meeting, int) else None,
        )



def _known(value: int | None, options: list[tuple[Text, int]]) -> int | object:
    """The value if it is among the options, else Select.NULL (a deleted goal or meeting)."""
    return value if any(v == value for _, v in options) else Select.NULL
