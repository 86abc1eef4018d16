"""The goals section's dialogs: a goal, an objective, a reason for a change, an achievement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.model import Goal
from mentorjournal.core.text import one_line
from mentorjournal.screens.form_modal import FormModal


class GoalFormModal(FormModal[Goal]):
    """A new goal, or a goal's fields with the reason for a recorded change."""

    draft_kind = "goal"

    def __init__(self, goal: Goal | None = None) -> None:
        super().__init__()
        self.goal = goal
        self.heading = "New goal" if goal is None else "Edit goal"

    def draft_target(self) -> int | None:
        return self.goal.id if self.goal is not None else None

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
        target = parse_optional_date(self.value("target_date"), self.journal.today(),
                                     field="target_date")
        changes: dict[str, Any] = {
            "title": self.value("title"), "why": self.value("why"),
            "success_measure": self.value("success_measure"), "target_date": target}
        if self.goal is None:
            new = Goal(**changes)
            return lambda: self.journal.goals.add(new)
        goal_id, reason = self.goal.id, self.value("reason")
        return lambda: self.journal.goals.edit(goal_id, changes, reason)


class ObjectiveModal(FormModal[Goal]):
    """Add objectives one after another (Enter adds, Escape closes), or reword one."""

    def __init__(self, goal: Goal, index: int | None = None) -> None:
        super().__init__()
        self.goal = goal
        self.index = index
        self.heading = "Add objectives" if index is None else "Edit objective"
        self.submit_label = "Add" if index is None else "Save"
        self.draft_kind = "objectives" if index is None else ""  # rewording one: no draft

    def draft_target(self) -> int | None:
        return self.goal.id

    def fields(self) -> ComposeResult:
        yield Static(Content(safe_title(self.goal)), markup=False)
        text = "" if self.index is None else self.goal.objectives[self.index].text
        yield Input(text, id="objective", placeholder="A concrete step, e.g. Run a dry run")
        if self.index is None:
            yield Static("Enter adds it and asks for the next; Escape closes.",
                         id="added", markup=False)

    def prepare(self) -> Callable[[], Goal]:
        text, goal_id, index = self.value("objective"), self.goal.id, self.index
        if index is None:
            return lambda: self.journal.goals.add_objective(goal_id, text)
        return lambda: self.journal.goals.edit_objective(goal_id, index, text)

    def saved(self, result: Goal) -> None:
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

    def leave(self) -> None:
        """Adding: the goal with the objectives added so far (the screen shows them)."""
        self.dismiss(self.goal if self.index is None else None)


class ReasonModal(FormModal[Goal]):
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
        reason, change = self.value("reason"), self.change
        return lambda: change(reason)


class AchievedModal(FormModal[tuple[Goal, Any]]):
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
        win = self.value("win") if self.ticked("add_win") else None
        return lambda: self.journal.goals.achieve(goal_id, win)


def safe_title(goal: Goal) -> str:
    """The goal's title on one line, escape sequences neutralised."""
    return one_line(goal.title)
