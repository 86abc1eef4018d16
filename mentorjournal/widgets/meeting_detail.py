"""MeetingDetail: one meeting in full — facts, notes as Markdown, homework, check-in."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from mentorjournal.core.meetings import HomeworkState, homework_state
from mentorjournal.core.model import Goal, Homework, Meeting
from mentorjournal.core.text import printable
from mentorjournal.widgets.markdown_view import MarkdownView

STATE_MARK = {"open": "○", "overdue": "!", "done": "✓", "carried": "→", "dropped": "×"}


def describe_homework(item: Homework, today: date) -> Content:
    """'○ Read the primer (protégé, due 2026-12-01, carried over 1×)', text literal."""
    state = homework_state(item, today)
    facts = [item.who.label]
    if item.due is not None:
        facts.append(f"due {item.due.isoformat()}")
    if item.carried_over:
        facts.append(f"carried over {item.carried_over}×")
    line = Content.assemble(
        f"{STATE_MARK[state.value]} ", printable(item.text),
        (f" ({', '.join(facts)} · {state.value})", "dim"),
    )
    if state is HomeworkState.OVERDUE:
        return line.stylize("bold")
    return line.stylize("dim") if state is not HomeworkState.OPEN else line


def describe_meeting(meeting: Meeting, goals: dict[int, Goal]) -> Content:
    """The facts of a meeting as literal text: date, mode, length, tags, goals, next date."""
    lines = [Content.from_markup("[b]$day[/b]", day=meeting.held_on.strftime("%A %d %B %Y"))]
    facts = [meeting.mode.value if meeting.mode else "mode not noted"]
    if meeting.duration_minutes:
        facts.append(f"{meeting.duration_minutes} min")
    lines.append(Content(" · ".join(facts)))
    if meeting.tags:
        lines.append(Content.from_markup("[dim]tags[/dim] $tags",
                                         tags=printable(", ".join(meeting.tags))))
    titles = [goals[g].title for g in meeting.goal_ids if g in goals]
    if titles:
        lines.append(Content.from_markup("[dim]goals[/dim] $goals",
                                         goals=printable("; ".join(titles))))
    if meeting.checkin is not None:
        check = meeting.checkin
        lines.append(Content.from_markup(
            "[dim]check-in[/dim] meaningful $m/5 · expectations met $e/5",
            m=str(check.meaningful or "–"), e=str(check.expectations_met or "–")))
        if check.change:
            lines.append(Content.from_markup("[dim]change[/dim] $c", c=printable(check.change)))
    if meeting.discussed:
        lines.append(Content.from_markup("[dim]discussed from the review[/dim] $items",
                                         items=printable("; ".join(
                                             i.summary for i in meeting.discussed))))
    if meeting.next_meeting_on:
        lines.append(Content.from_markup("[dim]next meeting[/dim] $d",
                                         d=meeting.next_meeting_on.isoformat()))
    return Content("\n").join(lines)


class MeetingDetail(VerticalScroll, can_focus=False):
    """Shows one meeting; `show(meeting, goals, today)` or `show(None, ...)` to clear."""

    DEFAULT_CSS = """
    MeetingDetail {
        padding: 0 1;
        #detail-facts { margin-bottom: 1; }
        #detail-notes { margin: 0; padding: 0; }
        #detail-homework { margin-top: 1; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] = ()
        """What is shown: the meeting, today and its goals' titles (skip showing it again)."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-facts")
        yield MarkdownView(id="detail-notes")
        yield Static(id="detail-homework")

    def show(self, meeting: Meeting | None, goals: dict[int, Goal], today: date) -> None:
        titles = [goals[g].title for g in meeting.goal_ids if g in goals] if meeting else []
        if self._shown == (meeting, today, titles):
            return  # nothing changed: keep the scroll position
        self._shown = (meeting, today, titles)
        facts = self.query_one("#detail-facts", Static)
        homework = self.query_one("#detail-homework", Static)
        notes = self.query_one("#detail-notes", MarkdownView)
        if meeting is None:
            facts.update(Content(""))
            homework.update(Content(""))
            notes.update("")
            return
        facts.update(describe_meeting(meeting, goals))
        notes.update(printable(meeting.notes) or "*No notes.*")
        if meeting.homework:
            homework.update(Content("\n").join([
                Content.from_markup("[b]Homework[/b]"),
                *(describe_homework(item, today) for item in meeting.homework)]))
        else:
            homework.update(Content(""))
        self.scroll_home(animate=False)
