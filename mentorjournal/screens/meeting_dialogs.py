"""The meeting log's small dialogs: find meetings, and promote a line of a meeting to a win."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.meetings import MeetingFilter, known_tags, meeting_lines
from mentorjournal.core.model import Meeting, MeetingMode, Win, WinSize
from mentorjournal.screens.form_modal import FormModal
from mentorjournal.screens.meeting_form import MODES
from mentorjournal.widgets.keys import FORM
from mentorjournal.widgets.tag_suggester import TagSuggester


class FindMeetingsModal(FormModal[MeetingFilter]):
    """Find meetings by tag, mode, text and date range; dismisses with the filter.

    Nothing typed here is kept in the journal: leaving it never asks.
    """

    BINDINGS = [Binding("ctrl+s", "submit", "Find", group=FORM,
                        tooltip="Show the meetings that match")]
    heading = "Find meetings"
    submit_label = "Find"
    writes = False

    def __init__(self, current: MeetingFilter) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        find = self.current
        tags = known_tags(self.journal.meetings.all())
        yield Label("Text in the notes or homework")
        yield Input(find.text, id="text", placeholder="e.g. workshop")
        with Horizontal(classes="form-row"):
            with Vertical(classes="form-field"):
                yield Label("Tag")
                yield Input(find.tag, id="tag", placeholder=", ".join(tags[:3]),
                            suggester=TagSuggester(tags))
            with Vertical(classes="form-field"):
                yield Label("Mode")
                yield Select(MODES, value=find.mode or Select.NULL, id="mode",
                             prompt="Any mode")
        with Horizontal(classes="form-row"):
            with Vertical(classes="form-field"):
                yield Label("From")
                yield Input(find.since.isoformat() if find.since else "", id="since",
                            placeholder="YYYY-MM-DD")
            with Vertical(classes="form-field"):
                yield Label("To")
                yield Input(find.until.isoformat() if find.until else "", id="until",
                            placeholder="YYYY-MM-DD")

    def extra_buttons(self) -> ComposeResult:
        yield Button("Clear", id="clear")

    def prepare(self) -> Callable[[], MeetingFilter]:
        """The filter (nothing is written: it is handed back at once)."""
        today = self.journal.today()
        since = parse_optional_date(self.value("since"), today, field="since")
        until = parse_optional_date(self.value("until"), today, field="until")
        if since and until and until < since:
            raise ValidationError("until", "The end of the range comes before its start.")
        mode = self.choice("mode")
        found = MeetingFilter(
            tag=self.value("tag").strip().lower(), text=self.value("text").strip(),
            since=since, until=until, mode=None if mode is None else MeetingMode(mode))
        return lambda: found

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(MeetingFilter())


class PromoteWinModal(FormModal[Win]):
    """Pick a line of the meeting; it goes on the wins wall, linked to the meeting."""

    BINDINGS = [Binding("ctrl+s", "submit", "Make it a win", group=FORM,
                        tooltip="Put the highlighted line on the wins wall")]
    heading = "Promote a line to a win"
    submit_label = "Make it a win"

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.heading_note = f"meeting of {meeting.held_on.isoformat()}"
        self._lines = meeting_lines(meeting)

    def fields(self) -> ComposeResult:
        yield Label("Pick the line (Enter promotes it)")
        yield OptionList(*(Option(Content(line), id=str(n))
                           for n, line in enumerate(self._lines)), id="lines")
        yield Checkbox("A big win", id="big")
        if not self._lines:
            yield Static("This meeting has no lines yet: add notes first.", markup=False)

    def opened(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self._lines:
            options.highlighted = 0
        else:
            self.query_one("#submit", Button).disabled = True

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.action_submit()

    def prepare(self) -> Callable[[], Win]:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._lines:
            raise ValidationError("lines", "This meeting has no lines yet: add notes first.")
        size = WinSize.BIG if self.ticked("big") else WinSize.SMALL
        text, meeting = self._lines[index], self.meeting
        return lambda: self.journal.meetings.promote_to_win(meeting, text, size)
