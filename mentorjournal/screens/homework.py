"""HomeworkModal: every homework item across meetings — open, overdue, done — to follow up."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static, Tab, Tabs

from mentorjournal.core.meetings import HomeworkRow, HomeworkState, homework_rows
from mentorjournal.core.model import HomeworkStatus
from mentorjournal.core.text import printable
from mentorjournal.screens.base import JournalModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import FIND, LEAVE, STATUS, VIEW
from mentorjournal.widgets.lazy_table import Cells, LazyTable
from mentorjournal.widgets.meeting_detail import STATE_MARK

VIEWS: dict[str, set[HomeworkState] | None] = {
    "open": {HomeworkState.OPEN, HomeworkState.OVERDUE},
    "overdue": {HomeworkState.OVERDUE},
    "done": {HomeworkState.DONE},
    "all": None,
}

COLUMNS = {"": 1, "What": 48, "Who": 8, "Due": 10, "Carried": 7, "From meeting": 12}


class HomeworkModal(JournalModal[int]):
    """Homework across meetings; Space marks an item done (or open again), Enter shows
    its meeting (dismisses with the meeting's id)."""

    DEFAULT_CSS = """
    HomeworkModal {
        & > Vertical { background: $surface; }
        DataTable { height: 1fr; }
        #homework-title { padding: 0 1; }
        #homework-empty { padding: 1 2; color: $text-muted; }
    }
    """
    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("space", "toggle_done", "Done / open", group=STATUS,
                tooltip="Mark the highlighted item done, or open again"),
        Binding("v", "next_view", "Next view", group=FIND,
                tooltip="Show open, overdue, done or all homework"),
        Binding("enter", "show_meeting", "Its meeting", group=VIEW,
                tooltip="Back to the meeting log, on this item's meeting"),
        Binding("escape", "dismiss_modal", "Back", group=LEAVE,
                tooltip="Back to the meeting log"),
    ]
    keys_title = "Homework"

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[HomeworkRow] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.from_markup("[b]Homework[/b] across all meetings"),
                         id="homework-title")
            yield Tabs(*(Tab(name.capitalize(), id=f"view-{name}") for name in VIEWS))
            yield LazyTable[HomeworkRow](COLUMNS, id="homework-table")
            yield Static("", id="homework-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    @property
    def view(self) -> str:
        active = self.query_one(Tabs).active or "view-open"
        return active.removeprefix("view-")

    @on(Tabs.TabActivated)
    def refresh_rows(self) -> None:
        today = self.journal.today()
        self._rows = homework_rows(self.journal.meetings.all(), today, VIEWS[self.view])
        table = self.query_one(LazyTable)
        table.fill(self._rows, self._cells, row=table.cursor_row)
        empty = self.query_one("#homework-empty", Static)
        empty.display = not self._rows
        empty.update(Content(f"No {self.view} homework." if self.view != "all"
                             else "No homework yet: give some in the next meeting."))

    @classmethod
    def _cells(cls, row: HomeworkRow) -> Cells:
        h = row.item
        return (
            Content(STATE_MARK[row.state.value]),
            Content(printable(h.text)).truncate(COLUMNS["What"], ellipsis=True),
            Content(h.who.label),
            cls._due(row),
            Content(f"{h.carried_over}×" if h.carried_over else ""),
            Content(row.meeting.held_on.isoformat()))

    @staticmethod
    def _due(row: HomeworkRow) -> Content:
        due = Content(row.item.due.isoformat() if row.item.due else "–")
        return due.stylize("bold") if row.state is HomeworkState.OVERDUE else due

    @on(DataTable.RowSelected)
    def action_show_meeting(self) -> None:
        """Back to the log with this item's meeting selected."""
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self._rows):
            self.dismiss(self._rows[row].meeting.id)

    def action_next_view(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_toggle_done(self) -> None:
        table = self.query_one(DataTable)
        if not self._rows or not 0 <= table.cursor_row < len(self._rows):
            return
        row = self._rows[table.cursor_row]
        if row.item.status not in (HomeworkStatus.OPEN, HomeworkStatus.DONE):
            self.notify("This item was carried over: mark it in the later meeting.")
            return
        done = row.item.status is HomeworkStatus.DONE
        status = HomeworkStatus.OPEN if done else HomeworkStatus.DONE
        meeting_id, index = row.meeting.id, row.index
        self.save(lambda: self.journal.meetings.set_homework_status(meeting_id, index, status),
                  lambda _meeting: self._saved(status))

    def _saved(self, status: HomeworkStatus) -> None:
        self.notify("Marked done." if status is HomeworkStatus.DONE else "Open again.")
        self.refresh_rows()
