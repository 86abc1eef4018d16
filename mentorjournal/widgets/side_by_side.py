"""SideBySide: both partners' answers per question, talking points highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static

from mentorjournal.core.evaluation import TEXT_QUESTIONS, rating_of, talking_points
from mentorjournal.core.model import Evaluation, Goal
from mentorjournal.core.text import printable


def _rated(rating: int | None, comment: str) -> str:
    shown = f"{rating} of 5" if rating else "not rated"
    return f"{shown}\n{comment}" if comment else shown


class SideBySide(Grid):
    """A three-column grid: question, the protégé's answer, the mentor's (the protégé drives;
    the export's table has the same order)."""

    DEFAULT_CSS = """
    SideBySide {
        grid-size: 3; grid-columns: 1fr 2fr 2fr; grid-rows: auto; grid-gutter: 0 1;
        height: auto;
        Static { height: auto; padding: 0 1; }
        .head { text-style: bold; background: $panel; }
        .talking-point { background: $warning 25%; }
    }
    """

    def __init__(self, protege: Evaluation, mentor: Evaluation, goals: list[Goal],
                 names: tuple[str, str]) -> None:
        """`names`: the protégé's, then the mentor's."""
        super().__init__()
        self._protege = protege
        self._mentor = mentor
        self._goals = goals
        self._names = names

    def compose(self) -> ComposeResult:
        points = talking_points(self._mentor, self._protege)
        yield from self._row("Question", *self._names, classes="head")
        for goal in self._goals:
            flagged = f"goal:{goal.id}" in points
            yield from self._row(
                ("⚑ talking point\n" if flagged else "") + f"Goal: {goal.title}",
                _rated(*rating_of(self._protege, goal.id)),
                _rated(*rating_of(self._mentor, goal.id)),
                classes="talking-point" if flagged else "",
            )
        flagged = "match" in points
        yield from self._row(
            ("⚑ talking point\n" if flagged else "") + "How the match worked",
            _rated(self._protege.match_rating, ""), _rated(self._mentor.match_rating, ""),
            classes="talking-point" if flagged else "",
        )
        for field, question in TEXT_QUESTIONS:
            yield from self._row(question, getattr(self._protege, field) or "—",
                                 getattr(self._mentor, field) or "—")

    @staticmethod
    def _row(*cells: str, classes: str = "") -> ComposeResult:
        for cell in cells:
            yield Static(Content(printable(cell)), classes=classes)
