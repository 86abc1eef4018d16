"""MeetingsScreen: the meeting log — a table of meetings, the selected one in full, find."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from mentorjournal.meeting_rules import (
    MeetingFilter,
    filter_meetings,
    first_line,
    homework_counts,
    strip_escapes,
)
from mentorjournal.model import Meeting, Win
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.homework import HomeworkModal
from mentorjournal.screens.meeting_dialogs import FindMeetingsModal, PromoteWinModal
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.widgets.meeting_detail import MeetingDetail

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


def homework_cell(meeting: Meeting) -> Content:
    open_, done = homework_counts(meeting)
    if not meeting.homework:
        return Content("")
    return Content.assemble((f"{open_} open", "bold" if open_ else "dim"), f"/{done} done")


COLUMNS = {"Date": 10, "Mode": 13, "Tags": 12, "Notes": 20, "Homework": 13}


def meeting_cells(meeting: Meeting) -> tuple[Content, ...]:
    """One table row; every user value as literal text, cut with an ellipsis to fit."""
    cells = (
        Content(meeting.held_on.isoformat()),
        Content(meeting.mode.value if meeting.mode else "–"),
        Content(strip_escapes(", ".join(meeting.tags))),
        Content(first_line(meeting.notes)),
        homework_cell(meeting),
    )
    return tuple(cell.truncate(width, ellipsis=True)
                 for cell, width in zip(cells, COLUMNS.values(), strict=True))


class MeetingsScreen(SectionScreen):
    """The meeting log, newest first; the highlighted meeting is shown on the right."""

    BINDINGS = [
        Binding("n", "new_meeting", "New"),
        Binding("e", "edit_meeting", "Edit"),
        Binding("w", "promote_win", "Win"),
        Binding("h", "homework", "Homework"),
        Binding("f,slash", "find", "Find"),
        Binding("x", "clear_filter", "Clear filter"),
    ]

    find: reactive[MeetingFilter] = reactive(MeetingFilter, init=False)
    """The current filter; an empty filter shows every meeting."""

    def __init__(self) -> None:
        super().__init__(name="meetings")
        self._shown: list[Meeting] = []
        self._had_selection = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="meetings-filter")
        with Horizontal(id="meetings-body"):
            yield DataTable(cursor_type="row", zebra_stripes=True, id="meetings-table")
            yield MeetingDetail(id="meetings-detail")
        yield Static(id="meetings-empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title, width in COLUMNS.items():
            table.add_column(title, width=width)
        self.refresh_meetings()
        table.focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")  # detail below the table

    def watch_find(self) -> None:
        self.refresh_meetings()
        self.refresh_bindings()

    @property
    def selected(self) -> Meeting | None:
        table = self.query_one(DataTable)
        if not self._shown or not 0 <= table.cursor_row < len(self._shown):
            return None
        return self._shown[table.cursor_row]

    def refresh_meetings(self, select_id: int | None = None) -> None:
        """Reload the log from the journal, keeping (or moving to) the selected meeting."""
        current = self.selected
        keep = select_id or (current.id if current else None)
        meetings = self.journal.meetings()
        self._shown = filter_meetings(meetings, self.find)
        table = self.query_one(DataTable)
        table.clear()
        for meeting in self._shown:
            table.add_row(*meeting_cells(meeting), key=str(meeting.id))
        ids = [m.id for m in self._shown]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), scroll=True)
        self._show_state(total=len(meetings))
        self._show_selected()

    def _show_state(self, total: int) -> None:
        described = self.find.describe()
        bar = self.query_one("#meetings-filter", Static)
        bar.display = not self.find.is_empty
        bar.update(Content.from_markup(
            "[b]Filter[/b] $filter · $n of $total meetings · [b]x[/b] clears",
            filter=described, n=str(len(self._shown)), total=str(total)))
        empty = self.query_one("#meetings-empty", Static)
        empty.display = not self._shown
        self.query_one("#meetings-body").display = bool(self._shown)
        if total == 0:
            empty.update(Content.from_markup(FIRST_TIME))
        else:
            empty.update(Content.from_markup(NO_MATCH, filter=described))

    @on(DataTable.RowHighlighted)
    def _show_selected(self) -> None:
        goals = {g.id: g for g in self.journal.goals()}
        selected = self.selected
        self.query_one(MeetingDetail).show(selected, goals, self.journal.today())
        if (selected is not None) != self._had_selection:  # the footer redraws only then
            self._had_selection = selected is not None
            self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _open_selected(self) -> None:
        self.action_edit_meeting()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_meeting", "promote_win"):
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

    def action_promote_win(self) -> None:
        meeting = self.selected
        if meeting is not None:
            self.app.push_screen(PromoteWinModal(meeting), self._win_saved)

    def _win_saved(self, win: Win | None) -> None:
        if win is not None:
            self.notify(win.text, title="On the wins wall", markup=False)

    def action_homework(self) -> None:
        self.app.push_screen(HomeworkModal(), self._homework_closed)

    def _homework_closed(self, meeting_id: int | None) -> None:
        """Back from the homework view: show its changes, and the meeting asked for."""
        if meeting_id is not None and not self.find.is_empty:
            meeting = self.journal.get(Meeting, meeting_id)
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

    def palette_commands(self) -> list[SystemCommand]:
        commands = [
            SystemCommand("Log a meeting", "New meeting: notes, homework, check-in (n)",
                          self.action_new_meeting),
            SystemCommand("Homework across meetings", "Open, overdue and done homework (h)",
                          self.action_homework),
            SystemCommand("Find meetings", "Filter by tag, mode, text or dates (f)",
                          self.action_find),
        ]
        if self.selected is not None:
            commands += [
                SystemCommand("Edit this meeting", "Change the selected meeting (e)",
                              self.action_edit_meeting),
                SystemCommand("Promote a line to a win", "Put a line of this meeting on the "
                              "wins wall (w)", self.action_promote_win),
            ]
        if not self.find.is_empty:
            commands.append(SystemCommand("Clear the meeting filter", "Show every meeting (x)",
                                          self.action_clear_filter))
        return commands
