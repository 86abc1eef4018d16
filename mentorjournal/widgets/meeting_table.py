"""MeetingTable: the meeting log as a virtualised table, one row per meeting."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import DataTable

from mentorjournal.meeting_rules import first_line, homework_counts, strip_escapes
from mentorjournal.model import Meeting

COLUMNS = {"Date": 10, "Mode": 13, "Tags": 12, "Notes": 20, "Homework": 13}


def homework_cell(meeting: Meeting) -> Content:
    """'1 open/1 done', open in bold while any is open; empty without homework."""
    open_, done = homework_counts(meeting)
    if not meeting.homework:
        return Content("")
    return Content.assemble((f"{open_} open", "bold" if open_ else "dim"), f"/{done} done")


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


class MeetingTable(DataTable[Content]):
    """Shows a list of meetings; `selected` is the meeting under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.meetings: list[Meeting] = []
        for title, width in COLUMNS.items():
            self.add_column(title, width=width)

    @property
    def selected(self) -> Meeting | None:
        if not 0 <= self.cursor_row < len(self.meetings):
            return None
        return self.meetings[self.cursor_row]

    def show(self, meetings: list[Meeting], select_id: int | None = None) -> None:
        """Replace the rows; keep the cursor on `select_id` (or the current meeting)."""
        current = self.selected
        keep = select_id or (current.id if current else None)
        self.meetings = meetings
        self.clear()
        for meeting in meetings:
            self.add_row(*meeting_cells(meeting), key=str(meeting.id))
        ids = [m.id for m in meetings]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), scroll=True)
