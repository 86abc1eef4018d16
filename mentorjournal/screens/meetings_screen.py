"""MeetingsScreen: the meeting log — a table of meetings, the selected one in full, find."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from mentorjournal.core.meetings import MeetingFilter, filter_meetings
from mentorjournal.core.model import Draft, Meeting, Win
from mentorjournal.core.text import printable
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.homework import HomeworkModal
from mentorjournal.screens.meeting_dialogs import FindMeetingsModal, PromoteWinModal
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, FIND, VIEW
from mentorjournal.widgets.meeting_detail import MeetingDetail
from mentorjournal.widgets.meeting_table import MeetingTable

FIRST_TIME = (
    "[b]No meetings yet.[/b]\n\n"
    "Press [b]n[/b] to log your first meeting: when, how (in person, video, phone or "
    "walk-and-talk), notes in Markdown, homework for either of you, and a quick check-in "
    "— is this meaningful, are we living up to expectations, what should change?\n\n"
    "Next time, the open homework from the last meeting comes up so you can follow it up."
)
NO_MATCH = (
    "[b]No meetings match[/b] $filter.\n\n"
    "Press [b]x[/b] to clear the filter, or [b]f[/b] to change it."
)


class MeetingsScreen(SectionScreen):
    """The meeting log, newest first; the highlighted meeting is shown on the right."""

    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("n", "new_meeting", "New", group=ADD,
                tooltip="Log a meeting: notes, homework, check-in"),
        Binding("e", "edit_meeting", "Edit", group=ADD,
                tooltip="Edit the highlighted meeting"),
        Binding("h", "homework", "Homework", group=VIEW,
                tooltip="Homework across meetings: open, overdue, done"),
        Binding("f,slash", "find", "Find", group=FIND,
                tooltip="Find meetings by text, tag, mode and dates"),
        Binding("w", "promote_win", "Win", group=ADD,
                tooltip="Promote a line of the meeting to a win on the wall"),
        Binding("x", "clear_filter", "Clear filter", group=FIND,
                tooltip="Clear the filter: show every meeting"),
        Binding("delete", "delete_meeting", "Delete", group=ADD,
                tooltip="Delete the highlighted meeting (asks first)"),
    ]

    find: reactive[MeetingFilter] = reactive(MeetingFilter, init=False)
    """The current filter; an empty filter shows every meeting."""

    def __init__(self) -> None:
        super().__init__(name="meetings")
        self._had_selection = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="meetings-filter")
        with Horizontal(id="meetings-body"):
            yield MeetingTable(id="meetings-table")
            yield MeetingDetail(id="meetings-detail")
        yield Static(id="meetings-empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_meetings()
        self.query_one(MeetingTable).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")  # detail below the table

    def watch_find(self) -> None:
        self.refresh_meetings()
        self.refresh_bindings()

    @property
    def selected(self) -> Meeting | None:
        return self.query_one(MeetingTable).selected

    @property
    def shown(self) -> list[Meeting]:
        """The meetings in the table (those matching the filter), newest first."""
        return self.query_one(MeetingTable).meetings

    def refresh_meetings(self, select_id: int | None = None) -> None:
        """Reload the log from the journal, keeping (or moving to) the selected meeting."""
        meetings = self.journal.meetings.all()
        self.query_one(MeetingTable).show(filter_meetings(meetings, self.find), select_id)
        self._show_state(total=len(meetings))
        self._show_selected()

    def _show_state(self, total: int) -> None:
        described = self.find.describe()
        bar = self.query_one("#meetings-filter", Static)
        bar.display = not self.find.is_empty
        bar.update(Content.from_markup(
            "[b]Filter[/b] $filter · $n of $total meetings · [b]x[/b] clears",
            filter=described, n=str(len(self.shown)), total=str(total)))
        empty = self.query_one("#meetings-empty", Static)
        empty.display = not self.shown
        self.query_one("#meetings-body").display = bool(self.shown)
        if total == 0:
            empty.update(Content.from_markup(FIRST_TIME))
        else:
            empty.update(Content.from_markup(NO_MATCH, filter=described))

    @on(DataTable.RowHighlighted)
    def _show_selected(self) -> None:
        goals = {g.id: g for g in self.journal.goals.all()}
        selected = self.selected
        self.query_one(MeetingDetail).show(selected, goals, self.journal.today())
        if (selected is not None) != self._had_selection:  # the footer redraws only then
            self._had_selection = selected is not None
            self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _open_selected(self) -> None:
        self.action_edit_meeting()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_meeting", "promote_win", "delete_meeting"):
            return self.selected is not None or None
        if action == "clear_filter":
            return not self.find.is_empty
        return True

    # -- actions -----------------------------------------------------------------

    def action_new_meeting(self) -> None:
        self.app.push_screen(MeetingFormModal(), partial(self._meeting_saved, "logged"))

    def action_edit_meeting(self) -> None:
        meeting = self.selected
        if meeting is not None:
            self.app.push_screen(MeetingFormModal(meeting),
                                 partial(self._meeting_saved, "saved"))

    def restore_draft(self, draft: Draft) -> None:
        """Reopen the meeting form a draft was typed in (its meeting, or a new one)."""
        meeting = self.journal.meetings.get(draft.target_id) if draft.target_id else None
        self.app.push_screen(MeetingFormModal(meeting).carry_on(draft),
                             partial(self._meeting_saved, "saved" if meeting else "logged"))

    def _meeting_saved(self, verb: str, meeting: Meeting | None) -> None:
        if meeting is None:
            return
        carried = sum(1 for h in meeting.homework if h.carried_over) if verb == "logged" else 0
        extra = f" · {carried} homework item{'s' if carried != 1 else ''} carried over" \
            if carried else ""
        self.notify(f"Meeting of {meeting.held_on.isoformat()} {verb}{extra}.")
        if not self.find.matches(meeting):
            self.find = MeetingFilter()
        self.refresh_meetings(select_id=meeting.id)

    def action_delete_meeting(self) -> None:
        meeting = self.selected
        if meeting is None:
            return
        question = (f"The meeting of {meeting.held_on.isoformat()} goes, with its notes and "
                    f"{len(meeting.homework)} homework item(s). Wins made from it stay.")
        self.app.push_screen(
            ChoiceModal.confirm("Delete this meeting?", question,
                                Choice("delete", "Delete", "error")),
            lambda key: self._delete(meeting) if key == "delete" else None)

    def _delete(self, meeting: Meeting) -> None:
        self.save(lambda: self.journal.meetings.delete(meeting),
                  lambda _none: self._deleted(meeting))

    def _deleted(self, meeting: Meeting) -> None:
        self.notify(f"Meeting of {meeting.held_on.isoformat()} deleted.")
        self.refresh_meetings()

    def action_promote_win(self) -> None:
        meeting = self.selected
        if meeting is not None:
            self.app.push_screen(PromoteWinModal(meeting), self._win_saved)

    def _win_saved(self, win: Win | None) -> None:
        if win is not None:
            self.notify(printable(win.text), title="On the wins wall", markup=False)

    def action_homework(self) -> None:
        self.app.push_screen(HomeworkModal(), self._homework_closed)

    def _homework_closed(self, meeting_id: int | None) -> None:
        """Back from the homework view: show its changes, and the meeting asked for."""
        if meeting_id is not None and not self.find.is_empty:
            meeting = self.journal.meetings.get(meeting_id)
            if meeting is not None and not self.find.matches(meeting):
                self.find = MeetingFilter()
        self.refresh_meetings(select_id=meeting_id)

    def action_find(self) -> None:
        self.app.push_screen(FindMeetingsModal(self.find), self._found)

    def _found(self, find: MeetingFilter | None) -> None:
        if find is not None:
            self.find = find

    def action_clear_filter(self) -> None:
        self.find = MeetingFilter()
