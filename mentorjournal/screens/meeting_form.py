"""MeetingFormModal: log a new meeting or edit one; settles the previous meeting's homework."""

from __future__ import annotations

import dataclasses
import os

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from mentorjournal.dates import parse_date, parse_optional_date
from mentorjournal.editor import EditorFailed, edit_text
from mentorjournal.errors import JournalError, ValidationError
from mentorjournal.meeting_rules import (
    DEBRIEF_TEMPLATE,
    known_tags,
    open_items,
    parse_duration,
    parse_rating,
    parse_tags,
    previous_meeting,
    settle_homework,
    strip_escapes,
)
from mentorjournal.model import CheckIn, Meeting, MeetingMode
from mentorjournal.screens.base import JournalModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.homework_editor import CarryOverPanel, HomeworkEditor

MODES = [(mode.value, mode) for mode in MeetingMode]


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags used before."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        for tag in self._tags:
            if tag.startswith(stem) and tag != stem:
                return value + tag[len(stem):]
        return None


class MeetingFormModal(JournalModal[Meeting]):
    """The meeting form; dismisses with the saved meeting, never before it is on disk."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Save"),
        # Not ctrl+e / ctrl+d: Input and TextArea use those (end of line, delete right).
        Binding("ctrl+o", "edit_externally", "Notes in $EDITOR"),
        Binding("ctrl+g", "debrief", "Debrief template"),
    ]

    def __init__(self, meeting: Meeting | None = None) -> None:
        super().__init__()
        self.meeting = meeting
        self._previous: Meeting | None = None
        self._pristine: object = None

    def compose(self) -> ComposeResult:
        journal, meeting = self.journal, self.meeting
        today = journal.today()
        if meeting is None:
            self._previous = previous_meeting(journal.meetings(), today)
        checkin = meeting.checkin if meeting else None
        title = "Edit the meeting" if meeting else "Log a meeting"
        with VerticalScroll(classes="form", id="meeting-form"):
            yield Static(Content.from_markup("[b]$t[/b]", t=title))
            pending = open_items(self._previous)
            if self._previous is not None and pending:
                yield CarryOverPanel(self._previous.held_on, pending)
            with Horizontal(classes="form-row"):
                yield self._field("Date", Input(
                    (meeting.held_on if meeting else today).isoformat(), id="held_on",
                    placeholder="YYYY-MM-DD, today, yesterday"))
                yield self._field("Minutes", Input(
                    str(meeting.duration_minutes or "") if meeting else "", id="duration",
                    placeholder="45 or 1h30"))
                yield self._field("Mode", Select(
                    MODES, value=meeting.mode if meeting and meeting.mode else Select.NULL,
                    id="mode", prompt="Choose…"))
            yield Label("Tags (comma separated; → accepts a suggestion)")
            yield Input(", ".join(meeting.tags) if meeting else "", id="tags",
                        placeholder="walk-and-talk, homework, check-in, your own…",
                        suggester=TagSuggester(known_tags(journal.meetings())))
            yield Label("Notes (Markdown) · Ctrl+O opens $EDITOR · Ctrl+G walk-and-talk debrief template")
            yield self._notes_area(meeting.notes if meeting else "")
            goals = journal.goals()
            if goals:
                yield Label("Goals discussed")
                chosen = set(meeting.goal_ids) if meeting else set()
                yield SelectionList[int](
                    *((Content(g.title), g.id, g.id in chosen) for g in goals if not g.archived),
                    id="goal_ids")
            yield Label("Homework (what · who · due)")
            yield HomeworkEditor(meeting.homework if meeting else (), id="homework")
            yield Label("Check-in: meaningful 1–5 · expectations met 1–5 · what to change")
            with Horizontal(classes="form-row"):
                yield Input(str(checkin.meaningful or "") if checkin else "", id="meaningful",
                            placeholder="1–5", classes="rating")
                yield Input(str(checkin.expectations_met or "") if checkin else "",
                            id="expectations_met", placeholder="1–5", classes="rating")
                yield Input(checkin.change if checkin else "", id="change",
                            placeholder="What should change?")
            yield Label("Next meeting")
            yield Input(meeting.next_meeting_on.isoformat()
                        if meeting and meeting.next_meeting_on else "",
                        id="next_meeting_on", placeholder="YYYY-MM-DD (optional)")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save meeting", variant="primary", id="submit")
        yield Footer()

    @staticmethod
    def _field(label: str, widget: Input | Select[MeetingMode]) -> Vertical:
        return Vertical(Label(label), widget, classes="form-field")

    def _notes_area(self, text: str) -> TextArea:
        area = TextArea(text, id="notes", soft_wrap=True, tab_behavior="focus")
        if "markdown" in area.available_languages:
            area.language = "markdown"
        return area

    def on_mount(self) -> None:
        self._pristine = self._raw()
        self.query_one("#held_on", Input).focus()

    def _raw(self) -> object:
        """Everything typed, to tell whether the form has unsaved changes."""
        inputs = {i.id: i.value for i in self.query(Input) if i.id}
        selects = {s.id: s.value for s in self.query(Select) if s.id}
        goals = self.query(SelectionList)
        return (inputs, selects, self.query_one("#notes", TextArea).text,
                self.query_one(HomeworkEditor).raw(),
                tuple(goals.first().selected) if goals else ())

    @property
    def changed(self) -> bool:
        return self._raw() != self._pristine

    @on(Select.Changed, "#mode")
    def _offer_debrief(self, event: Select.Changed) -> None:
        notes = self.query_one("#notes", TextArea)
        if event.value is MeetingMode.WALK_AND_TALK and not notes.text.strip():
            self.action_debrief()
            tags = self.query_one("#tags", Input)
            if "walk-and-talk" not in parse_tags(tags.value):
                tags.value = ", ".join([*parse_tags(tags.value), "walk-and-talk"])
            notes.focus()

    def action_debrief(self) -> None:
        """Put the walk-and-talk debrief template at the end of the notes."""
        notes = self.query_one("#notes", TextArea)
        gap = "\n\n" if notes.text.strip() else ""
        notes.text = notes.text.rstrip() + gap + DEBRIEF_TEMPLATE
        notes.move_cursor((2, len("**Where we walked:** ")) if not gap else notes.document.end)

    def action_edit_externally(self) -> None:
        notes = self.query_one("#notes", TextArea)
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        try:
            with self.app.suspend():
                notes.text = edit_text(notes.text, editor)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="warning")
        except EditorFailed as error:
            self.notify(str(error), title="Editor", severity="error", markup=False)
        notes.focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves on: a long form is saved with Ctrl+S or its button, never by accident."""
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        try:
            meeting, previous = self._read_form()
        except ValidationError as error:
            self._show_error(error)
            return
        self.query_one("#submit", Button).disabled = True
        self.save(lambda: self.journal.log_meeting(meeting, previous), self.dismiss,
                  self._failed)

    def _read_form(self) -> tuple[Meeting, Meeting | None]:
        today = self.journal.today()
        value = {i.id: i.value for i in self.query(Input) if i.id}
        mode = self.query_one("#mode", Select).value
        goals = self.query(SelectionList)
        checkin = CheckIn(
            meaningful=parse_rating(value["meaningful"], "meaningful", field="meaningful"),
            expectations_met=parse_rating(value["expectations_met"], "expectations met",
                                          field="expectations_met"),
            change=strip_escapes(value["change"]).strip())
        homework = self.query_one(HomeworkEditor).items(today)
        previous, carried = self._previous, ()
        if previous is not None and self.query(CarryOverPanel):
            decisions = self.query_one(CarryOverPanel).decisions()
            previous, carried = settle_homework(previous, decisions, today)
        base = self.meeting or Meeting(held_on=today)
        meeting = dataclasses.replace(
            base,
            held_on=parse_date(value["held_on"], today, field="held_on"),
            duration_minutes=parse_duration(value["duration"]),
            mode=mode if isinstance(mode, MeetingMode) else None,
            tags=parse_tags(value["tags"]),
            notes=self.query_one("#notes", TextArea).text,
            goal_ids=tuple(goals.first().selected) if goals else base.goal_ids,
            homework=carried + homework,
            checkin=checkin if checkin != CheckIn() else None,
            next_meeting_on=parse_optional_date(value["next_meeting_on"], today,
                                                field="next_meeting_on"))
        return meeting, previous

    def _failed(self, error: JournalError) -> None:
        self.query_one("#submit", Button).disabled = False
        self._show_error(error)

    def _show_error(self, error: JournalError) -> None:
        self.query_one("#form-error", Static).update(Content(str(error)))
        field = getattr(error, "field", None)
        if field and field.isidentifier() and self.query(f"#{field}"):
            self.query_one(f"#{field}").focus()

    @on(Button.Pressed, "#cancel")
    def action_dismiss_modal(self) -> None:
        """Leave; with unsaved changes, ask first."""
        if not self.changed:
            self.dismiss(None)
            return
        self.app.push_screen(
            ChoiceModal("Discard this meeting?", "You have changes that are not saved.",
                        [Choice("keep", "Keep editing", "primary"),
                         Choice("discard", "Discard changes", "error")]),
            lambda key: self.dismiss(None) if key == "discard" else None)
