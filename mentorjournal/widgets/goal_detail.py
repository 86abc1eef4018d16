"""GoalDetail: one goal's why, success measure, objectives checklist and adjustments history."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from mentorjournal import goal_rules
from mentorjournal.model import Goal, GoalStatus
from mentorjournal.widgets.goal_list import due_part, progress_bar, safe_text
from mentorjournal.widgets.objective_checklist import ObjectiveChecklist


def goal_head(goal: Goal, today: date) -> Content:
    """Title, status, progress, target date, why and success measure: user text as text."""
    status = goal.status.value
    if goal.status is GoalStatus.ACHIEVED and goal.achieved_on:
        status += f" on {goal.achieved_on.isoformat()}"
    if goal.archived:
        status += " · archived"
    lines = [
        Content.styled(safe_text(goal.title, one_line=True), "bold $text-primary"),
        Content.assemble((status, "$text-muted"), "  · ", due_part(goal, today)),
        Content.assemble(progress_bar(goal_rules.progress(goal), 30), "  ",
                         (goal_rules.progress_label(goal), "bold")),
    ]
    for label, text in (("Why", goal.why), ("Success measure", goal.success_measure)):
        if text:
            lines.append(Content.assemble((f"{label}: ", "bold"), safe_text(text)))
    return Content("\n").join(lines)


class GoalDetail(Vertical):
    """Shows one goal; `show_goal(None)` shows `empty` (a first-time user's guide)."""

    DEFAULT_CSS = """
    GoalDetail {
        padding: 0 1;
        #goal-head { height: auto; margin-bottom: 1; }
        .detail-label { text-style: bold; color: $text-muted; }
        #no-objectives { color: $text-muted; height: auto; }
        #history { height: 1fr; min-height: 4; }
        #goal-empty { color: $text-muted; padding: 1 2; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="goal-empty", markup=False)
        yield Static("", id="goal-head", markup=False)
        yield Static("Objectives", classes="detail-label")
        yield Static("No objectives yet: press o to add the first step towards this goal.",
                     id="no-objectives", markup=False)
        yield ObjectiveChecklist(id="objectives")
        yield Static("History of changes", classes="detail-label")
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("When", "What", "From", "To", "Why")

    def show_goal(self, goal: Goal | None, today: date, empty: Content | str = "",
                  keep: int | None = None) -> None:
        """Show `goal` (or the `empty` message), keeping the objective highlight at `keep`."""
        for child in self.children:
            child.display = (child.id == "goal-empty") == (goal is None)
        if goal is None:
            self.query_one("#goal-empty", Static).update(empty)
            return
        self.query_one("#goal-head", Static).update(goal_head(goal, today))
        self.query_one("#no-objectives").display = not goal.objectives
        checklist = self.query_one(ObjectiveChecklist)
        checklist.display = bool(goal.objectives)
        checklist.show_objectives(goal.objectives, keep)
        self._show_history(goal)

    def _show_history(self, goal: Goal) -> None:
        table = self.query_one(DataTable)
        table.clear()
        # rich Text, not Content: DataTable (Textual 8.2) measures only Rich renderables.
        for item in reversed(goal.adjustments):
            table.add_row(*(Text(safe_text(cell, one_line=True)) for cell in (
                item.on.isoformat(), item.what, item.before, item.after, item.why)))
        if not goal.adjustments:
            table.add_row(Text("—"), Text("no changes yet"), Text(""), Text(""),
                          Text("changes to title, measure or date are recorded here"))
