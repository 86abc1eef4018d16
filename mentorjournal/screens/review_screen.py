"""The review dashboard: progress at a glance for a pair at one terminal, privacy kept."""

from __future__ import annotations

from collections import Counter

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Header, Static

from mentorjournal.core import review as rules
from mentorjournal.core.model import GoalStatus, Review
from mentorjournal.core.text import printable
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.review_stepper import ReviewStepperModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import STATUS
from mentorjournal.widgets.panel import Panel, text_bar

GOALS_SHOWN = 8
RATING_BLOCKS = "▁▃▄▆█"
CHART_WIDTH = 48


def rating_chart(series: list[int]) -> str:
    """Ratings 1–5 as blocks on a fixed scale (a steady 4 looks like a 4), newest last."""
    return "".join(RATING_BLOCKS[max(1, min(5, v)) - 1] for v in series[-CHART_WIDTH:])


def _text(text: str) -> Static:
    return Static(Content(printable(text)))


class ReviewScreen(SectionScreen):
    """Goals, what happened since the last review, homework, check-ins, agreement drift."""

    BINDINGS = [Binding("s", "step_through", "Step through changes", group=STATUS,
                        tooltip="Go through what changed: agreed or to discuss, one by one")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self) -> None:
        super().__init__(name="review")

    def compose(self) -> ComposeResult:
        journal = self.journal
        since = journal.reviews.since()
        meetings = [m for m in journal.meetings.all() if m.held_on >= since]
        yield Header()
        with VerticalScroll():
            last = journal.reviews.last()
            yield Static(Content(
                f"Since the last review on {last.held_at.date().isoformat()}" if last
                else "Your first review: everything since the start counts."), id="review-since")
            with Grid(id="review-grid"):
                yield self._goals_panel()
                with Panel(f"Since {since.isoformat() if since.year > 1 else 'the start'}"):
                    changes = Counter(i.kind for i in journal.reviews.changes_since(since))
                    yield _text(f"{changes['objective done']} objectives done · "
                                f"{changes['adjusted goal']} goal adjustments · "
                                f"{changes['win']} wins")
                    tags = Counter(t for m in meetings for t in m.tags)
                    yield _text(f"{len(meetings)} meetings" + (": " + ", ".join(
                        f"{tag} ×{n}" for tag, n in tags.most_common(5)) if tags else ""))
                    for win in [w for w in journal.wins.all() if w.won_on >= since][:4]:
                        yield _text(f"★ {win.won_on.isoformat()} {win.text}")
                homework = rules.homework_summary(journal.meetings.all(), journal.today())
                with Panel("Homework"):
                    yield _text(f"{homework.open} open · {homework.overdue} overdue · "
                                f"{homework.carried_twice} carried over twice or more")
                yield self._checkin_panel()
                yield self._drift_panel()
                with Panel("Agenda for the next meeting", id="agenda"):
                    agenda = journal.reviews.agenda()
                    if not agenda:
                        yield _text("Nothing yet: items marked 'to discuss' in a review "
                                    "land here.")
                    for item in agenda:
                        yield _text(f"• {item.summary}" + (f" — {item.comment}"
                                                          if item.comment else ""))
            yield Button("Step through what changed (s)", id="step", variant="primary")
        yield Footer()

    def _goals_panel(self) -> Panel:
        goals = [g for g in self.journal.goals.all()
                 if g.status is GoalStatus.ACTIVE and not g.archived]
        panel = Panel(f"Goals ({len(goals)} active)")
        lines = [f"{text_bar(g.progress) if g.progress is not None else 'no objectives yet':<26}"
                 f" {g.title}" for g in goals[:GOALS_SHOWN]]
        if len(goals) > GOALS_SHOWN:
            lines.append(f"… and {len(goals) - GOALS_SHOWN} more on the goals screen")
        panel.compose_add_child(_text("\n".join(lines) or "No active goals: set some on the "
                                      "goals screen."))
        return panel

    def _checkin_panel(self) -> Panel:
        meaningful, met = rules.checkin_series(self.journal.meetings.all())
        panel = Panel("Check-ins over time")
        if not meaningful and not met:
            panel.compose_add_child(_text("No check-ins yet: rate a meeting's meaning and "
                                          "expectations in the meeting log."))
            return panel
        for question, series in (("Is this meaningful?", meaningful),
                                 ("Are we living up to expectations?", met)):
            latest = f"latest {series[-1]} of 5" if series else "not rated yet"
            panel.compose_add_child(_text(f"{question}  {latest}\n{rating_chart(series)}"))
        return panel

    def _drift_panel(self) -> Panel:
        drift = self.journal.reviews.drift()
        panel = Panel("Agreement drift", id="drift")
        panel.set_class(drift.drifting, "-alert")
        lines = [drift.describe()]
        agreement = self.journal.agreement.latest()
        hours = rules.meeting_hours_per_month(self.journal.meetings.all(), self.journal.today())
        if hours is not None:
            agreed = agreement.mentor_hours_per_month if agreement else None
            lines.append(f"met {hours:.1f} h a month on average"
                         + (f" — mentor committed {agreed:g} h" if agreed else ""))
        panel.compose_add_child(_text("\n".join(lines)))
        return panel

    @on(Button.Pressed, "#step")
    def action_step_through(self) -> None:
        items = self.journal.reviews.changes_since(self.journal.reviews.since())

        def show_recorded(review: Review | None) -> None:
            if review:
                self.refresh(recompose=True)

        self.app.push_screen(ReviewStepperModal(items), show_recorded)
