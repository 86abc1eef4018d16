"""MeetingFormModal: log a new meeting or edit one; its agenda, and open homework to settle."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList

from mentorjournal.core.dates import parse_date, parse_optional_date
from mentorjournal.core.meetings import (
    DEBRIEF_CURSOR,
    DEBRIEF_TEMPLATE,
    known_tags,
    open_homework,
    parse_duration,
    parse_rating,
)
from mentorjournal.core.model import AgendaItem, CheckIn, Meeting, MeetingMode
from mentorjournal.core.text import one_line, parse_tags, printable
from mentorjournal.screens.form_modal import FormModal
from mentorjournal.widgets.homework_editor import CarryOverPanel, HomeworkEditor
from mentorjournal.widgets.keys import ADD, FORM
from mentorjournal.widgets.notes_area import NotesArea
from mentorjournal.widgets.tag_suggester import TagSuggester

MODES = [(mode.value, mode) for mode in MeetingMode]


class MeetingFormModal(FormModal[Meeting]):
    """The meeting form; dismisses with the saved meeting, never before it is on disk.

    Enter moves on: a long form is saved with Ctrl+S or its button, never by accident.
    """

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", group=FORM,
                tooltip="Save the meeting and close the form"),
        # Not ctrl+e / ctrl+d: Input and TextArea use those (end of line, delete right).
        Binding("ctrl+o", "edit_externally", "Notes in $EDITOR", group=ADD,
                tooltip="Write the notes in your own editor ($VISUAL or $EDITOR)"),
        Binding("ctrl+g", "debrief", "Debrief template", group=ADD,
                tooltip="Insert the walk-and-talk debrief into the notes"),
    ]
    submit_label = "Save meeting"
    enter_submits = False
    draft_kind = "meeting"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (50, "-tall")]

    def __init__(self, meeting: Meeting | None = None) -> None:
        super().__init__()
        self.meeting = meeting
        self.heading = "Edit the meeting" if meeting else "Log a meeting"
        self._agenda: list[AgendaItem] = []

    def draft_target(self) -> int | None:
        return self.meeting.id if self.meeting is not None else None

    def frame(self) -> Widget:
        return VerticalScroll(classes="form", id="meeting-form")

    def fields(self) -> ComposeResult:
        # Open homework is settled by the next new meeting, not by editing an old one.
        pending = [] if self.meeting else open_homework(self.journal.meetings.all(),
                                                        self.journal.today())
        self._agenda = self.journal.reviews.agenda(self.meeting)
        # Two columns from 120 columns on (what happened | what follows), one below.
        with Horizontal(id="meeting-columns"):
            with Vertical(id="meeting-facts", classes="meeting-column"):
                yield from self._compose_facts(
                    self.meeting or Meeting(held_on=self.journal.today()))
            with Vertical(id="meeting-follow-up", classes="meeting-column"):
                if self._agenda:
                    yield from self._compose_agenda(self.meeting)
                if pending:
                    yield CarryOverPanel(pending)
                yield from self._compose_follow_up(self.meeting)

    def _compose_agenda(self, meeting: Meeting | None) -> ComposeResult:
        """The review's items to discuss: ticked ones leave the agenda with this meeting."""
        done = {item.ref for item in meeting.discussed} if meeting else set()
        yield Label(f"Agenda from the review ({len(self._agenda)}): tick what you discussed")
        yield SelectionList[str](
            *((Content.assemble(printable(one_line(item.summary)),
                                (f" — {printable(one_line(item.comment))}", "dim")
                                if item.comment else ""),
               _agenda_key(item), item.ref in done) for item in self._agenda),
            id="discussed")

    def _compose_facts(self, meeting: Meeting) -> ComposeResult:
        """Date, length, mode, tags, notes, goals."""
        with Horizontal(classes="form-row"):
            with Vertical(classes="form-field"):
                yield Label("Date")
                yield Input(meeting.held_on.isoformat(), id="held_on",
                            placeholder="YYYY-MM-DD, today, yesterday")
            with Vertical(classes="form-field"):
                yield Label("Minutes")
                yield Input(str(meeting.duration_minutes or ""), id="duration",
                            placeholder="45 or 1h30")
            with Vertical(classes="form-field"):
                yield Label("Mode")
                yield Select(MODES, value=meeting.mode or Select.NULL, id="mode",
                             prompt="Choose…")
        yield Label("Tags (comma separated; → accepts a suggestion)")
        yield Input(", ".join(meeting.tags), id="tags",
                    placeholder="walk-and-talk, homework, check-in, your own…",
                    suggester=TagSuggester(known_tags(self.journal.meetings.all())))
        yield Label("Notes (Markdown) · Ctrl+O your editor · Ctrl+G debrief")
        yield NotesArea(meeting.notes, id="notes")
        goals = [g for g in self.journal.goals.all() if not g.archived]
        if goals:
            yield Label("Goals discussed")
            yield SelectionList[int](
                *((Content(printable(g.title)), g.id, g.id in meeting.goal_ids)
                  for g in goals),
                id="goals")

    def _compose_follow_up(self, meeting: Meeting | None) -> ComposeResult:
        """Homework, check-in, next meeting."""
        checkin = (meeting.checkin if meeting else None) or CheckIn()
        yield Label("Homework (what · who · due)")
        yield HomeworkEditor(meeting.homework if meeting else (), id="homework")
        yield Label("Check-in: meaningful · expectations met (1–5) · what to change")
        with Horizontal(classes="form-row"):
            yield Input(str(checkin.meaningful or ""), id="meaningful", placeholder="1–5",
                        classes="rating")
            yield Input(str(checkin.expectations_met or ""), id="expectations_met",
                        placeholder="1–5", classes="rating")
            yield Input(checkin.change, id="change", placeholder="What should change?")
        next_on = meeting.next_meeting_on if meeting else None
        yield Label("Next meeting")
        yield Input(next_on.isoformat() if next_on else "", id="next_meeting_on",
                    placeholder="YYYY-MM-DD (optional)")

    def focus_field(self, field: str) -> None:
        if field == "homework_due":
            self.query_one(HomeworkEditor).focus_due_at_fault(self.journal.today())
        else:
            super().focus_field(field)

    def opened(self) -> None:
        self.query_one("#held_on", Input).focus()

    @on(Select.Changed, "#mode")
    def _offer_debrief(self, event: Select.Changed) -> None:
        if event.value == MeetingMode.WALK_AND_TALK and not self._notes.text.strip():
            # The debrief goes in, the cursor stays on the mode: Tags come next, not Notes.
            self._notes.add_template(DEBRIEF_TEMPLATE, DEBRIEF_CURSOR, focus=False)
            tags = self.query_one("#tags", Input)
            if "walk-and-talk" not in parse_tags(tags.value):
                tags.value = ", ".join([*parse_tags(tags.value), "walk-and-talk"])

    @property
    def _notes(self) -> NotesArea:
        return self.query_one("#notes", NotesArea)

    def action_debrief(self) -> None:
        """The walk-and-talk debrief template, cursor after 'Where we walked:'."""
        self._notes.add_template(DEBRIEF_TEMPLATE, DEBRIEF_CURSOR)

    def action_edit_externally(self) -> None:
        self._notes.edit_externally()

    def prepare(self) -> Callable[[], Meeting]:
        today = self.journal.today()
        checkin = CheckIn(
            meaningful=parse_rating(self.value("meaningful"), "meaningful", field="meaningful"),
            expectations_met=parse_rating(self.value("expectations_met"), "expectations met",
                                          field="expectations_met"),
            change=self.value("change").strip())
        homework = self.query_one(HomeworkEditor).items(today)
        panel = self.query(CarryOverPanel)
        settle = panel.first().decisions() if panel else {}
        ticked = self.query("#discussed").results(SelectionList)
        discussed = {str(key) for selection in ticked for key in selection.selected}
        base = self.meeting or Meeting(held_on=today)
        goals = self.query("#goals").results(SelectionList)
        goals_list = next(goals, None)
        mode = self.choice("mode")
        meeting = dataclasses.replace(
            base,
            held_on=parse_date(self.value("held_on"), today, field="held_on"),
            duration_minutes=parse_duration(self.value("duration")),
            mode=None if mode is None else MeetingMode(mode),
            tags=parse_tags(self.value("tags")),
            notes=self._notes.text,
            goal_ids=tuple(goals_list.selected) if goals_list else base.goal_ids,
            homework=homework,
            discussed=tuple(i for i in self._agenda if _agenda_key(i) in discussed),
            checkin=checkin if checkin != CheckIn() else None,
            next_meeting_on=parse_optional_date(self.value("next_meeting_on"), today,
                                                field="next_meeting_on"))
        return lambda: self.journal.meetings.log(meeting, settle)


def _agenda_key(item: AgendaItem) -> str:
    """An agenda item's value in the form (a draft keeps it as plain text)."""
    return f"{item.review_id}:{item.index}"
