"""The goals section's dialogs: a goal, an objective, a reason for a change, an achievement."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Static

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Goal
from mentorjournal.core.text import one_line
from mentorjournal.screens.base import JournalModal
from mentorjournal.storage.errors import JournalError

T = TypeVar("T")


class GoalsForm(JournalModal[T]):
    """A dialog that saves once, shows any error beside the kept input, and closes when saved."""

    DEFAULT_CSS = "GoalsForm { align: center middle; }"
    BINDINGS = [Binding("ctrl+s", "submit", "Save")]
    heading = ""
    submit_label = "Save"
    cancel_label = "Cancel"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(Content.from_markup("[b]$heading[/b]", heading=self.heading))
            yield from self.fields()
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.cancel_label, id="cancel")
                yield Button(self.submit_label, variant="primary", id="submit")

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        try:
            operation = self.prepare()
        except ValidationError as error:
            self.show_error(error)
            return
        self.save_form(operation, self.saved)

    def prepare(self) -> Callable[[], Any]:
        """Check the input; return the save to run (raise ValidationError to refuse)."""
        raise NotImplementedError

    def saved(self, result: Any) -> None:
        self.dismiss(result)

    def show_error(self, error: JournalError) -> None:
        super().show_error(error)
        field = getattr(error, "field", "").replace(" ", "_")  # "target date" -> #target_date
        if field and self.query(f"#{field}"):
            self.query_one(f"#{field}").focus()

    def value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value


class GoalFormModal(GoalsForm[Goal]):
    """A new goal, or a goal's fields with the reason for a recorded change."""

    def __init__(self, goal: Goal | None = None) -> None:
        super().__init__()
        self.goal = goal
        self.heading = "New goal" if goal is None else "Edit goal"

    def fields(self) -> ComposeResult:
        goal = self.goal or Goal(title="")
        target = goal.target_date.isoformat() if goal.target_date else ""
        yield Label("Title")
        yield Input(goal.title, id="title", placeholder="e.g. Lead the Q3 planning workshop")
        yield Label("Why it matters (optional)")
        yield Input(goal.why, id="why")
        yield Label("Success measure: how will you know? (optional)")
        yield Input(goal.success_measure, id="success_measure")
        yield Label("Target date (optional)")
        yield Input(target, id="target_date", placeholder="YYYY-MM-DD")
        if self.goal is not None:
            yield Label("Reason for the change (needed if the title, measure or date changes)")
            yield Input(id="reason", placeholder="e.g. the workshop moved to September")

    def prepare(self) -> Callable[[], Goal]:
        if not self.value("title").strip():
            raise ValidationError("title", "Enter a title for the goal.")
        target = parse_optional_date(self.value("target_date"), self.journal.today(),
                                     field="target_date")
        new = Goal(title=self.value("title").strip(), why=self.value("why").strip(),
                   success_measure=self.value("success_measure").strip(), target_date=target)
        if self.goal is None:
            return lambda: self.journal.goals.add(new)
        goal_id, reason = self.goal.id, self.value("reason")
        changes = {"title": new.title, "why": new.why, "success_measure": new.success_measure,
                   "target_date": new.target_date}
        # Refuse a tracked change without a reason here, before anything is queued.
        goal_rules.adjust(self.goal, dataclasses.replace(self.goal, **changes), reason,
                          self.journal.today())
        return lambda: self.journal.goals.edit(goal_id, changes, reason)


class ObjectiveModal(GoalsForm[Goal]):
    """Add objectives one after another (Enter adds, Escape closes), or reword one."""

    def __init__(self, goal: Goal, index: int | None = None) -> None:
        super().__init__()
        self.goal = goal
        self.index = index
        self.heading = "Add objectives" if index is None else "Edit objective"
        self.submit_label = "Add" if index is None else "Save"

    def fields(self) -> ComposeResult:
        yield Static(Content(safe_title(self.goal)), markup=False)
        text = "" if self.index is None else self.goal.objectives[self.index].text
        yield Input(text, id="objective", placeholder="A concrete step, e.g. Run a dry run")
        if self.index is None:
            yield Static("Enter adds it and asks for the next; Escape closes.",
                         id="added", markup=False)

    def prepare(self) -> Callable[[], Goal]:
        text, goal_id, index = self.value("objective"), self.goal.id, self.index
        if not text.strip():
            raise ValidationError("objective", "Enter what the objective is.")
        if index is None:
            return lambda: self.journal.goals.add_objective(goal_id, text)
        return lambda: self.journal.goals.edit_objective(goal_id, index, text)

    def saved(self, result: Any) -> None:
        self.goal = result
        if self.index is not None:
            self.dismiss(result)
            return
        self.clear_error()
        added = self.query_one("#objective", Input)
        self.query_one("#added", Static).update(Content.from_markup(
            "Added “$text”. Type the next one, or press Escape to finish.",
            text=added.value.strip()))
        added.value = ""
        added.focus()

    def action_dismiss_modal(self) -> None:
        self.dismiss(self.goal if self.index is None else None)


class ReasonModal(GoalsForm[Goal]):
    """Asks why (drop or reopen a goal), then runs `change(reason)` in the save queue."""

    def __init__(self, heading: str, prompt: str, label: str,
                 change: Callable[[str], Goal]) -> None:
        super().__init__()
        self.heading, self.prompt, self.submit_label = heading, prompt, label
        self.change = change

    def fields(self) -> ComposeResult:
        yield Static(Content(self.prompt), markup=False)
        yield Label("Why?")
        yield Input(id="reason", placeholder="A short reason, kept in the goal's history")

    def prepare(self) -> Callable[[], Goal]:
        reason = self.value("reason")
        if not reason.strip():
            raise ValidationError("reason", "Give a short reason: it goes into the history.")
        return lambda: self.change(reason)


class AchievedModal(GoalsForm[tuple[Goal, Any]]):
    """Mark a goal achieved, with a prefilled win for the wins wall."""

    submit_label = "Mark achieved"
    cancel_label = "Not yet"

    def __init__(self, goal: Goal, heading: str) -> None:
        super().__init__()
        self.goal = goal
        self.heading = heading

    def fields(self) -> ComposeResult:
        yield Static(Content.from_markup("Mark “$title” achieved today?",
                                         title=safe_title(self.goal)))
        yield Checkbox("Add a win to the wins wall", True, id="add_win")
        yield Label("The win (change it if you like)")
        yield Input(goal_rules.win_for(self.goal, self.journal.today()).text, id="win")

    @on(Checkbox.Changed)
    def _toggle_win(self, event: Checkbox.Changed) -> None:
        self.query_one("#win").disabled = not event.value

    def prepare(self) -> Callable[[], tuple[Goal, Any]]:
        goal_id = self.goal.id
        win = self.value("win") if self.query_one(Checkbox).value else None
        if win is not None and not win.strip():
            raise ValidationError("win", "Say what the win is, or untick “Add a win”.")
        return lambda: self.journal.goals.achieve(goal_id, win)


def safe_title(goal: Goal) -> str:
    """The goal's title on one line, escape sequences neutralised."""
    return one_line(goal.title)
