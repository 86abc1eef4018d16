"""GoalList: the goals as a virtualised list, each row with its status, progress bar and target."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.model import Goal, GoalStatus
from mentorjournal.core.text import one_line
from mentorjournal.widgets.keys import MOVE

BAR_WIDTH = 10


def progress_bar(fraction: float | None, width: int = BAR_WIDTH) -> Content:
    """A text bar: done part in the success colour, the rest dimmed; dots for no objectives."""
    if fraction is None:
        return Content.styled("·" * width, "$text-disabled")
    filled = round(fraction * width)
    return Content.assemble(("━" * filled, "$success"), ("━" * (width - filled), "$panel"))


STATUS_MARK = {
    GoalStatus.ACHIEVED: ("✓ achieved", "$text-success"),
    GoalStatus.DROPPED: ("✗ dropped", "$text-muted"),
    GoalStatus.ADJUSTED: ("adjusted", "$text-accent"),
}


def due_part(goal: Goal, today: date) -> Content:
    """'due 2026-12-01', styled as overdue when it has passed."""
    if goal.target_date is None:
        return Content("no target date")
    due = f"due {goal.target_date.isoformat()}"
    if goal_rules.is_overdue(goal, today):
        return Content.assemble((due, "$text-error"), " ", ("OVERDUE", "bold $text-error"))
    return Content(due)


def goal_prompt(goal: Goal, today: date) -> Content:
    """Two lines: the title (and status), then progress bar, figure and target date."""
    title = Content.styled(one_line(goal.title), "bold")
    mark = STATUS_MARK.get(goal.status)
    if mark:
        title = Content.assemble(title, "  ", mark)
    if goal.archived:
        title = Content.assemble(title, "  ", ("archived", "$text-muted"))
    done, total = goal_rules.objective_counts(goal)
    count = f" {done}/{total}" if total else ""
    figure = f"{goal_rules.progress_label(goal):>4}{count}"
    return Content.assemble(
        title, "\n", progress_bar(goal_rules.progress(goal)), " ", (figure, "bold"),
        "  · ", due_part(goal, today),
    )


class GoalList(OptionList):
    """Hundreds of goals stay fast: OptionList only renders the rows on screen."""

    DEFAULT_CSS = """
    GoalList {
        height: 1fr;
        & > .option-list--option { padding: 0 1; }
    }
    """
    BINDINGS = [
        Binding("shift+up", "move(-1)", "Move goal up", key_display="⇧↑", show=False,
                group=MOVE, tooltip="Move the highlighted goal up the list"),
        Binding("shift+down", "move(1)", "Move goal down", key_display="⇧↓", show=False,
                group=MOVE, tooltip="Move the highlighted goal down the list"),
    ]

    class MoveRequested(Message):
        """The user asked to move the highlighted goal past its visible neighbour."""

        def __init__(self, goal_id: int, target_id: int) -> None:
            super().__init__()
            self.goal_id = goal_id
            self.target_id = target_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[int, Goal] = {}

    def show_goals(self, goals: list[Goal], today: date, keep: int | None = None) -> None:
        """Replace the rows, keeping the highlight on goal `keep` when it is still shown."""
        before = self.highlighted
        shown = {g.id: g for g in goals}
        if list(shown) == list(self._shown):
            for goal_id, goal in shown.items():
                if goal != self._shown[goal_id]:
                    self.replace_option_prompt(str(goal_id), goal_prompt(goal, today))
        else:
            self.set_options(self._rows(goals, today))
        self._shown = shown
        ids = [g.id for g in goals]
        if ids:  # a goal that left the view hands the highlight to its neighbour
            self.highlighted = ids.index(keep) if keep in ids else min(before or 0, len(ids) - 1)

    @staticmethod
    def _rows(goals: list[Goal], today: date) -> list[Option | None]:
        rows: list[Option | None] = []
        for goal in goals:
            rows += [Option(goal_prompt(goal, today), id=str(goal.id)), None]
        return rows[:-1]

    @property
    def goal_id(self) -> int | None:
        """The highlighted goal's id."""
        if self.highlighted is None or self.option_count == 0:
            return None
        option_id = self.get_option_at_index(self.highlighted).id
        return int(option_id) if option_id else None

    def action_move(self, delta: int) -> None:
        index = self.highlighted
        if index is None or not 0 <= index + delta < self.option_count:
            return
        target = self.get_option_at_index(index + delta).id
        goal_id = self.goal_id
        if goal_id is not None and target:
            self.post_message(self.MoveRequested(goal_id, int(target)))
