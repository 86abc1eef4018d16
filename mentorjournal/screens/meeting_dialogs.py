"""The meeting log's small dialogs: find meetings, and promote a line of a meeting to a win."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.meetings import MeetingFilter, known_tags, meeting_lines
from mentorjournal.core.model import Meeting, MeetingMode, Win, WinSize
from mentorjournal.screens.base import JournalModal
from mentorjournal.screens.meeting_form import MODES
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.tag_suggester import TagSuggester


class FindMeetingsModal(JournalModal[MeetingFilter]):
    """Find meetings by tag, mode, text and date range; dismisses with the filter."""

    BINDINGS = [Binding("ctrl+s", "find", "Find")]

    def __init__(self, current: MeetingFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        find = self.current
        tags = known_tags(self.journal.meetings.all())
        with Vertical(classes="form"):
            yield Static(Content.from_markup("[b]Find meetings[/b]"))
            yield Label("Text in the notes or homework")
            yield Input(find.text, id="text", placeholder="e.g. workshop")
            yield Label("Tag")
            yield Input(find.tag, id="tag", placeholder=", ".join(tags[:4]),
                        suggester=TagSuggester(tags))
            yield Label("Mode")
            yield Select(MODES, value=find.mode or Select.NULL, id="mode", prompt="Any mode")
            yield Label("From · to")
            with Horizontal(classes="form-row"):
                yield Input(find.since.isoformat() if find.since else "", id="since",
                            placeholder="YYYY-MM-DD")
                yield Input(find.until.isoformat() if find.until else "", id="until",
                            placeholder="YYYY-MM-DD")
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Clear", id="clear")
                yield Button("Find", variant="primary", id="find")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#find")
    def action_find(self) -> None:
        today = self.journal.today()
        value = {i.id: i.value for i in self.query(Input) if i.id}
        mode = self.query_one("#mode", Select).value
        try:
            since = parse_optional_date(value["since"], today, field="since")
            until = parse_optional_date(value["until"], today, field="until")
            if since and until and until < since:
                raise ValidationError("until", "The end of the range comes before its start.")
        except ValidationError as error:
            self.show_error(error)
            return
        self.dismiss(MeetingFilter(
            tag=value["tag"].strip().lower(), text=value["text"].strip(), since=since,
            until=until, mode=mode if isinstance(mode, MeetingMode) else None))

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        self.dismiss(MeetingFilter())


class PromoteWinModal(JournalModal[Win]):
    """Pick a line of the meeting; it goes on the wins wall, linked to the meeting."""

    BINDINGS = [Binding("ctrl+s", "promote", "Make it a win")]
    SUBMIT = "#promote"

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        lines = meeting_lines(self.meeting)
        with Vertical(classes="form"):
            yield Static(Content.from_markup(
                "[b]Promote a line to a win[/b] · meeting of $day",
                day=self.meeting.held_on.isoformat()))
            yield Label("Pick the line (Enter promotes it)")
            yield OptionList(*(Option(Content(line), id=str(n)) for n, line in enumerate(lines)),
                             id="lines")
            yield Checkbox("A big win", id="big")
            yield Static("" if lines else "This meeting has no lines yet: add notes first.",
                         id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Make it a win", variant="primary", id="promote",
                             disabled=not lines)
        yield Footer()
        self._lines = lines

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self._lines:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    @on(Button.Pressed, "#promote")
    def action_promote(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._lines:
            return
        size = WinSize.BIG if self.query_one(Checkbox).value else WinSize.SMALL
        text, meeting = self._lines[index], self.meeting
        self.save_form(lambda: self.journal.meetings.promote_to_win(meeting, text, size))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
