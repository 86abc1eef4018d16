"""GoalPortfolio: the evidence behind one goal — objectives, meetings, homework, wins, changes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from mentorjournal.core.evaluation import Portfolio, evidence_text
from mentorjournal.core.text import printable


class GoalPortfolio(Static):
    """One goal's evidence (`evidence_text`, shown literally), its title as the border title."""

    DEFAULT_CSS = """
    GoalPortfolio {
        height: auto; padding: 0 1; margin-bottom: 1; border: round $panel-lighten-2;
        border-title-style: bold;
    }
    """

    def __init__(self, item: Portfolio) -> None:
        super().__init__(Content(printable(evidence_text(item))))
        self.border_title = Content(printable(item.goal.title))
