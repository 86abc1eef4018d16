"""EvaluationForm: one partner's evaluation — a rating and comment per goal, then the questions."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Select, Static, TextArea

from mentorjournal.core.evaluation import TEXT_QUESTIONS
from mentorjournal.core.model import Evaluation, Goal
from mentorjournal.core.text import printable
from mentorjournal.widgets.form_field import JSONValue
from mentorjournal.widgets.goal_ratings import RATING_WORDS, GoalRatings

RATINGS = [(f"{n} · {words}", n) for n, words in RATING_WORDS.items()]


class FormMessage(Message):
    """A message about one partner's form (`form`)."""

    def __init__(self, form: EvaluationForm) -> None:
        super().__init__()
        self.form = form


class EvaluationForm(Vertical):
    """Shows an Evaluation for editing; `read()` gives back the edited Evaluation, and
    `form_value()` what is typed as plain values (a draft), `restore_form_value` puts it back.
    """

    class Opened(FormMessage):
        """The form is shown, filled in as stored."""

    class Edited(FormMessage):
        """Something in the form was changed."""

    DEFAULT_CSS = """
    EvaluationForm {
        height: auto;
        #goal-help { margin-top: 1; color: $text-muted; }
        TextArea { height: 5; }
        Label { margin-top: 1; color: $text-muted; }
    }
    """

    def __init__(self, evaluation: Evaluation, goals: list[Goal], *, id: str) -> None:
        super().__init__(id=id)
        self.evaluation = evaluation
        self.goals = goals

    def compose(self) -> ComposeResult:
        if not self.goals:
            yield Static("No goals to rate yet: the questions below still apply.", markup=False)
        else:
            yield Static("How far was each goal reached? In the table, 1–5 rate the goal "
                         "under the cursor, 0 clears, Enter or a click steps the rating (after "
                         "5, none); the comment below is the highlighted goal's (digits typed "
                         "there are text).", id="goal-help", markup=False)
            yield GoalRatings(self.goals, self.evaluation, id="goal-ratings")
            yield Input(placeholder="A comment on the highlighted goal", id="goal-comment")
        yield Label("How did the match work for you?")
        yield Select(RATINGS, value=self.evaluation.match_rating or Select.NULL,
                     prompt="Rate the match", id="match_rating")
        for field, question in TEXT_QUESTIONS:
            yield Label(question)
            yield TextArea(getattr(self.evaluation, field), id=field, soft_wrap=True)

    def on_mount(self) -> None:
        self.post_message(self.Opened(self))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(GoalRatings.Rated)
    def _edited(self) -> None:
        self.post_message(self.Edited(self))

    @on(DataTable.RowHighlighted, "#goal-ratings")
    def _show_comment(self) -> None:
        goal = self.query_one(GoalRatings).current
        field = self.query_one("#goal-comment", Input)
        with field.prevent(Input.Changed):
            field.value = self.query_one(GoalRatings).comment_of(goal) if goal else ""
        field.border_title = Content(printable(goal.title)) if goal else None

    @on(Input.Changed, "#goal-comment")
    def _comment_typed(self, event: Input.Changed) -> None:
        table = self.query_one(GoalRatings)
        if table.current is not None:
            table.set_comment(table.current, event.value)

    def form_value(self) -> dict[str, JSONValue]:
        """The answers as typed: ratings as [goal id, rating, comment], then each question."""
        evaluation = self.read()
        ratings: list[JSONValue] = [[r.goal_id, r.rating, r.comment]
                                    for r in evaluation.goal_ratings]
        return {"goal_ratings": ratings, "match_rating": evaluation.match_rating,
                **{field: getattr(evaluation, field) for field, _question in TEXT_QUESTIONS}}

    def restore_form_value(self, value: JSONValue) -> None:
        """Put back answers of `form_value` (a goal no longer rated is left out)."""
        if not isinstance(value, dict):
            return
        ratings = value.get("goal_ratings")
        if self.goals and isinstance(ratings, list):
            table = self.query_one(GoalRatings)
            for item in ratings:
                if isinstance(item, list) and len(item) == 3 and isinstance(item[0], int):
                    rating = item[1] if isinstance(item[1], int) else None
                    table.set_rating(item[0], rating, str(item[2] or ""))
            self._show_comment()
        match = value.get("match_rating")
        if match is None or match in RATING_WORDS:
            self.query_one("#match_rating", Select).value = Select.NULL if match is None else match
        for field, _question in TEXT_QUESTIONS:
            if isinstance(text := value.get(field), str):
                self.query_one(f"#{field}", TextArea).text = text

    def read(self) -> Evaluation:
        """The evaluation as now filled in (not yet validated or saved)."""
        ratings = self.query_one(GoalRatings).ratings() if self.goals else ()
        match = self.query_one("#match_rating", Select).value
        # Any: TEXT_QUESTIONS names the fields, so mypy cannot match each to its type (all
        # are str answers, which `validate` in the core checks before a save).
        answers: dict[str, Any] = {field: self.query_one(f"#{field}", TextArea).text
                                   for field, _question in TEXT_QUESTIONS}
        return dataclasses.replace(
            self.evaluation, goal_ratings=ratings,
            match_rating=match if isinstance(match, int) else None, **answers,
        )
