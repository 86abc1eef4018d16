"""What home says about each section: a figure and the next step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mentorjournal.core.agreement import agreement_state
from mentorjournal.core.model import AgreementVersion, Goal, GoalStatus, HomeworkStatus, Meeting

if TYPE_CHECKING:
    from mentorjournal.core.journal import Journal


@dataclass(frozen=True)
class SectionSummary:
    """What the home screen says about one section: a figure and the next step."""

    section: str
    figure: str
    hint: str
    alert: bool = False
    """The hint needs the pair's attention now (overdue for a meeting)."""


def agreement_status(versions: list[AgreementVersion]) -> str:
    """draft / signed by one / signed by both / changed since signed (none: 'not started')."""
    return agreement_state(versions).status


def active_goals(goals: list[Goal]) -> list[Goal]:
    """The goals being worked on: active, not archived (achieved ones are done)."""
    return [g for g in goals if g.status is GoalStatus.ACTIVE and not g.archived]


def overall_progress(goals: list[Goal]) -> float | None:
    """Done objectives / all objectives over the active goals; None when they have none."""
    objectives = [o for g in active_goals(goals) for o in g.objectives if not o.archived]
    if not objectives:
        return None
    return sum(o.done for o in objectives) / len(objectives)


def open_homework(meetings: list[Meeting], today: date) -> tuple[int, int]:
    """(open, overdue) homework items across meetings."""
    items = [h for m in meetings for h in m.homework if h.status is HomeworkStatus.OPEN]
    overdue = sum(1 for h in items if h.due is not None and h.due < today)
    return len(items), overdue


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def home_summaries(journal: Journal, *, include_private: bool = True) -> list[SectionSummary]:
    """One summary per section, in the order of the home screen."""
    today = journal.today()
    status = journal.agreement.state().status
    goals = journal.goals.all()
    active = active_goals(goals)
    progress = overall_progress(goals)
    meetings = journal.meetings.all()
    hw_open, hw_overdue = open_homework(meetings, today)
    overdue = journal.reviews.drift().overdue_note
    wins = journal.wins.all()
    entries = journal.entries.all(include_private=include_private)
    cards = journal.vision.all()
    reviews = journal.reviews.all()

    goal_figure = _plural(len(active), "active goal")
    if progress is not None:
        goal_figure += f" · {progress:.0%} of objectives done"
    last_meeting = f" · last {meetings[0].held_on.isoformat()}" if meetings else ""
    return [
        SectionSummary(
            "agreement",
            status.capitalize(),
            {
                "not started": "Start with the frank talk: expectations, style, frequency.",
                "draft": "Both of you sign when it reads right.",
                "signed by one": "Waiting for the second signature.",
                "changed since signed": "Changed since signed: both sign again.",
            }.get(status, "Revisit it at the next review date."),
        ),
        SectionSummary(
            "goals",
            goal_figure,
            "Set two or three goals early, each with objectives."
            if not goals
            else "Tick objectives as you go; adjust goals with a reason.",
        ),
        SectionSummary(
            "meetings",
            _plural(len(meetings), "meeting") + last_meeting,
            "Log your first meeting." if not meetings
            else (f"Overdue for a meeting: {overdue}. " if overdue else "")
            + f"{_plural(hw_open, 'open homework item')}, {hw_overdue} overdue.",
            alert=overdue is not None,
        ),
        SectionSummary(
            "wins",
            _plural(len(wins), "win"),
            "Small wins count too: add one." if not wins else "Celebrate the next one.",
        ),
        SectionSummary(
            "journal",
            _plural(len(entries), "journal entry").replace("entrys", "entries"),
            "Write between meetings: a prompt helps." if not entries
            else f"Last written {entries[0].written_on.isoformat()}.",
        ),
        SectionSummary(
            "vision",
            _plural(len(cards), "vision card"),
            "Pin what you are working towards." if not cards else "Keep the picture current.",
        ),
        SectionSummary(
            "evaluation",
            journal.evaluations.headline(),
            "At midpoint and at the end, both evaluate, then share.",
        ),
        SectionSummary(
            "review",
            _plural(len(reviews), "review"),
            "Review progress together: is this meaningful?",
        ),
    ]
