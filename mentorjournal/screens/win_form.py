"""The add / edit a win form: date (today by default), text, size, and what it links to."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select

from mentorjournal.core.dates import parse_date
from mentorjournal.core.model import Win, WinSize
from mentorjournal.core.text import MAX_WIN, one_line
from mentorjournal.screens.form_modal import FormModal


class WinFormModal(FormModal[Win]):
    """Adds a win (or edits `win` when it has an id); dismisses with the saved Win."""

    submit_label = "Save the win"
    draft_kind = "win"

    def __init__(self, win: Win | None = None) -> None:
        super().__init__()
        self.win = win
        self.heading = "Edit this win" if self.editing else "A win! Small ones count too"

    @property
    def editing(self) -> bool:
        return self.win is not None and self.win.id != 0

    def draft_target(self) -> int | None:
        return self.win.id if self.win is not None and self.editing else None

    def fields(self) -> ComposeResult:
        win = self.win or Win(won_on=self.journal.today(), text="")
        goals = [(Text(one_line(g.title)), g.id) for g in self.journal.goals.all() if not g.archived
                 or g.id == win.goal_id]
        meetings = [(Text(f"{m.held_on.isoformat()} · {m.mode or 'meeting'}"), m.id)
                    for m in self.journal.meetings.all()]
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
                yield Select(goals, prompt="No goal", value=_known(win.goal_id, goals), id="goal")
            with Vertical():
                yield Label("From a meeting")
                yield Select(meetings, prompt="No meeting",
                             value=_known(win.meeting_id, meetings), id="meeting")

    def prepare(self) -> Callable[[], Win]:
        won_on = parse_date(self.value("won_on"), self.journal.today(), field="won_on")
        base = self.win or Win(won_on=won_on, text="")
        win = dataclasses.replace(
            base, text=self.value("text"), won_on=won_on,
            size=WinSize.BIG if self.ticked("big") else WinSize.SMALL,
            goal_id=self.choice("goal"), meeting_id=self.choice("meeting"))
        operation = self.journal.wins.update if self.editing else self.journal.wins.add
        return lambda: operation(win)


def _known(value: int | None, options: list[tuple[Text, int]]) -> int | object:
    """The value if it is among the options, else Select.NULL (a deleted goal or meeting)."""
    return value if any(v == value for _, v in options) else Select.NULL
