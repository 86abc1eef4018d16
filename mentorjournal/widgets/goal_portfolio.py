"""GoalPortfolio: the evidence behind one goal — objectives, meetings, homework, wins, changes."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from mentorjournal.core.evaluation import Portfolio
from mentorjournal.core.model import HomeworkStatus
from mentorjournal.core.text import first_line, printable


def portfolio_text(item: Portfolio) -> str:
    """Plain text of a portfolio; the widget shows it literally."""
    lines = [f"Status: {item.goal.status.value}"]
    lines.append("Objectives:" if item.objectives else "Objectives: none yet")
    lines += [f"  {'☑' if o.done else '☐'} {o.text}"
              + (f" (done {o.done_on.isoformat()})" if o.done_on else "")
              for o in item.objectives]
    lines.append(f"Meetings that discussed it: {len(item.meetings) or 'none'}")
    lines += [f"  {m.held_on.isoformat()} {first_line(m.notes) or '(no notes)'}"
              for m in item.meetings]
    if item.homework:
        lines.append("Homework:")
        lines += [f"  {'☑' if h.status is HomeworkStatus.DONE else '☐'} {h.text}"
                  for h in item.homework]
    lines.append(f"Wins: {len(item.wins) or 'none yet'}")
    lines += [f"  {w.won_on.isoformat()} {w.text}" for w in item.wins]
    if item.adjustments:
        lines.append("How it was adjusted:")
        lines += [f"  {a.on.isoformat()} {a.what}: {a.before} → {a.after} ({a.why})"
                  for a in item.adjustments]
    return "\n".join(lines)


class GoalPortfolio(Static):
    """One goal's evidence, its title as the border title."""

    DEFAULT_CSS = """
    GoalPortfolio {
        height: auto; padding: 0 1; margin-bottom: 1; border: round $panel-lighten-2;
        border-title-style: bold;
    }
    """

    def __init__(self, item: Portfolio) -> None:
        super().__init__(Content(printable(portfolio_text(item))))
        self.border_title = Content(printable(item.goal.title))
