"""GoalDetail: one goal's why, success measure, objectives checklist and adjustments history."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.model import Adjustment, Goal, GoalStatus
from mentorjournal.core.text import one_line, printable
from mentorjournal.widgets.goal_list import due_part, progress_bar
from mentorjournal.widgets.objective_checklist import ObjectiveChecklist


def goal_head(goal: Goal, today: date) -> Content:
    """Title, status, progress, target date, why and success measure: user text as text."""
    status = goal.status.value
    if goal.status is GoalStatus.ACHIEVED and goal.achieved_on:
        status += f" on {goal.achieved_on.isoformat()}"
    if goal.archived:
        status += " · archived"
    lines = [
        Content.styled(one_line(goal.title), "bold $text-primary"),
        Content.assemble((status, "$text-muted"), "  · ", due_part(goal, today)),
        Content.assemble(progress_bar(goal_rules.progress(goal), 30), "  ",
                         (goal_rules.progress_label(goal), "bold")),
    ]
    for label, text in (("Why", goal.why), ("Success measure", goal.success_measure)):
        if text:
            lines.append(Content.assemble((f"{label}: ", "bold"), printable(text)))
    return Content("\n").join(lines)


def adjustment_prompt(item: Adjustment) -> Content:
    """'2026-07-26  target date: 2026-09-04 → 2026-09-24', then the reason on its own line."""
    return Content.assemble(
        (item.on.isoformat(), "$text-muted"), "  ", (printable(item.what), "bold"), ": ",
        one_line(item.before), (" → ", "$text-accent"),
        one_line(item.after), "\n",
        ("why: ", "$text-muted"), one_line(item.why or "—"),
    )


class GoalDetail(Vertical):
    """Shows one goal; `show_goal(None)` shows `empty` (a first-time user's guide)."""

    DEFAULT_CSS = """
    GoalDetail {
        padding: 0 1; overflow-y: auto;
        #goal-head { height: auto; margin-bottom: 1; }
        .detail-label { text-style: bold; color: $text-muted; }
        #no-objectives { color: $text-muted; height: auto; }
        #history { height: 1fr; min-height: 4; border: none; padding: 0; }
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
        yield OptionList(id="history")

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
        """Newest change first; a long history scrolls (OptionList renders only what shows)."""
        history = self.query_one("#history", OptionList)
        history.set_options(adjustment_prompt(item) for item in reversed(goal.adjustments))
        if not goal.adjustments:
            history.add_option(Content.styled(
                "No changes yet. Changing the title, success measure or target date, or "
                "dropping the goal, is recorded here with its reason.", "$text-muted"))
