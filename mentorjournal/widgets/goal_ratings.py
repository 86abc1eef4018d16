"""GoalRatings: how far each goal was reached, as a table — one row a goal, however many."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from mentorjournal.core.evaluation import rating_of
from mentorjournal.core.model import Evaluation, Goal, GoalRating
from mentorjournal.core.text import one_line
from mentorjournal.widgets.keys import Purpose

RATING_WORDS = {1: "not at all", 2: "a little", 3: "partly", 4: "mostly", 5: "fully"}
RATING_WIDTH = 22


def rating_cell(rating: int | None) -> Content:
    if rating is None:
        return Content.styled("not rated", "dim")
    return Content.assemble(("★" * rating, "$text-warning"), ("☆" * (5 - rating), "dim"),
                            f" {rating} · {RATING_WORDS[rating]}")


def text_cell(text: str, width: int) -> Content:
    """One line of literal text, cut with an ellipsis to `width`."""
    line = one_line(text)
    if not line:
        return Content.styled("–", "dim")
    return Content(line).truncate(width, ellipsis=True)


RATE = Purpose("Rate the goals", palette=False)
"""Typed where the cursor is: not offered in the palette."""


class GoalRatings(DataTable[Content]):
    """Every goal an evaluation rates, with its rating and comment.

    One table instead of a Select and an Input per goal: a ten-year journal has hundreds of
    goals, and thousands of form widgets took seconds to mount. 1–5 rate the goal under the
    cursor (0 clears it); a click on the highlighted goal, or Enter, steps its rating from
    1 to 5, then back to none. The
    comment is typed in the form's comment field, which follows the cursor (`comment_of`).
    """

    DEFAULT_CSS = """
    GoalRatings { height: auto; max-height: 14; }
    """
    BINDINGS = [
        Binding("1", "rate(1)", "Rate 1–5", key_display="1–5", group=RATE,
                tooltip="Rate the highlighted goal: type 1 to 5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 6)),
        Binding("0", "rate(0)", "Clear rating", show=False, group=RATE,
                tooltip="Clear the highlighted goal's rating"),
    ]

    class Rated(Message):
        """A goal's rating or comment changed."""

    def __init__(self, goals: list[Goal], evaluation: Evaluation, *, id: str | None = None
                 ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.goals = goals
        self.values: dict[int, tuple[int | None, str]] = {
            goal.id: rating_of(evaluation, goal.id) for goal in goals}
        """goal id -> (rating or None, comment): what `ratings()` hands back."""
        self._goal_width = self._comment_width = 0

    def on_mount(self) -> None:
        # Fixed widths (the screen's, as the table has none yet): a long goal or comment is
        # cut with an ellipsis, and the comment field below shows it whole.
        room = max(40, self.screen.size.width - RATING_WIDTH - 12)
        self._goal_width, self._comment_width = room * 3 // 5, room * 2 // 5
        self.add_column("Goal", key="goal", width=self._goal_width)
        self.add_column("How far reached", key="rating", width=RATING_WIDTH)
        self.add_column("Comment", key="comment", width=self._comment_width)
        self.add_rows(
            (text_cell(goal.title, self._goal_width), rating_cell(rating),
             text_cell(comment, self._comment_width))
            for goal in self.goals
            for rating, comment in [self.values[goal.id]])

    @property
    def current(self) -> Goal | None:
        """The goal under the cursor."""
        if not self.goals or not 0 <= self.cursor_row < len(self.goals):
            return None
        return self.goals[self.cursor_row]

    def comment_of(self, goal: Goal) -> str:
        return self.values[goal.id][1]

    def action_rate(self, rating: int) -> None:
        goal = self.current
        if goal is not None:
            self._set(self.cursor_row, rating or None, self.comment_of(goal))

    def set_comment(self, goal: Goal, comment: str) -> None:
        self._set(self.goals.index(goal), self.values[goal.id][0], comment)

    def set_rating(self, goal_id: int, rating: int | None, comment: str) -> None:
        """Put back a goal's rating and comment (from a draft); an unknown goal is ignored."""
        rows = [row for row, goal in enumerate(self.goals) if goal.id == goal_id]
        if rows and (rating is None or rating in RATING_WORDS):
            self._set(rows[0], rating, comment)

    def _set(self, row: int, rating: int | None, comment: str) -> None:
        if self.values[self.goals[row].id] != (rating, comment):
            self.post_message(self.Rated())
        self.values[self.goals[row].id] = (rating, comment)
        if self.is_mounted and self.row_count > row:
            self.update_cell_at(Coordinate(row, 1), rating_cell(rating))
            self.update_cell_at(Coordinate(row, 2), text_cell(comment, self._comment_width))

    @on(DataTable.RowSelected)
    def _step(self, event: DataTable.RowSelected) -> None:
        """Enter, or a click on the row under the cursor: the next rating, after 5 none."""
        event.stop()
        row = event.cursor_row  # the row selected, even if the cursor has moved on since
        rating, comment = self.values[self.goals[row].id]
        self._set(row, None if rating == 5 else (rating or 0) + 1, comment)

    def ratings(self) -> tuple[GoalRating, ...]:
        return tuple(GoalRating(goal_id=goal.id, rating=self.values[goal.id][0],
                                comment=self.values[goal.id][1]) for goal in self.goals)
