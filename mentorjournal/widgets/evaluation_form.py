"""EvaluationForm: one partner's evaluation — a rating and comment per goal, then the questions."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from mentorjournal.evaluation import TEXT_QUESTIONS, rating_of
from mentorjournal.model import Evaluation, Goal, GoalRating
from mentorjournal.textsafe import printable

RATINGS = [("1 · not at all", 1), ("2 · a little", 2), ("3 · partly", 3), ("4 · mostly", 4),
           ("5 · fully", 5)]


class EvaluationForm(Vertical):
    """Shows an Evaluation for editing; `read()` gives back the edited Evaluation."""

    DEFAULT_CSS = """
    EvaluationForm {
        height: auto;
        .goal-row { height: auto; }
        .goal-row Select { width: 24; }
        .goal-row Input { width: 1fr; }
        .goal-title { margin-top: 1; text-style: bold; }
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
        for goal in self.goals:
            rating, comment = rating_of(self.evaluation, goal.id)
            yield Static(Content(printable(goal.title)), classes="goal-title")
            with Horizontal(classes="goal-row"):
                yield Select(RATINGS, value=rating if rating else Select.NULL,
                             prompt="How far reached?", id=f"goal-{goal.id}")
                yield Input(comment, placeholder="A comment on this goal",
                            id=f"goal-comment-{goal.id}")
        yield Label("How did the match work for you?")
        yield Select(RATINGS, value=self.evaluation.match_rating or Select.NULL,
                     prompt="Rate the match", id="match_rating")
        for field, question in TEXT_QUESTIONS:
            yield Label(question)
            yield TextArea(getattr(self.evaluation, field), id=field, soft_wrap=True)

    def read(self) -> Evaluation:
        """The evaluation as now filled in (not yet validated or saved)."""
        ratings = []
        for goal in self.goals:
            value = self.query_one(f"#goal-{goal.id}", Select).value
            comment = self.query_one(f"#goal-comment-{goal.id}", Input).value
            ratings.append(GoalRating(goal_id=goal.id, comment=comment,
                                      rating=value if isinstance(value, int) else None))
        match = self.query_one("#match_rating", Select).value
        answers = {field: self.query_one(f"#{field}", TextArea).text
                   for field, _question in TEXT_QUESTIONS}
        return dataclasses.replace(
            self.evaluation, goal_ratings=tuple(ratings),
            match_rating=match if isinstance(match, int) else None, **answers,
        )
