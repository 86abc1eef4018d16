"""MeetingTable: the meeting log as a virtualised table, one row per meeting."""

from __future__ import annotations

from functools import lru_cache

from textual.content import Content

from mentorjournal.core.meetings import homework_counts
from mentorjournal.core.model import Meeting
from mentorjournal.core.text import first_line, printable
from mentorjournal.widgets.lazy_table import LazyTable

COLUMNS = {"Date": 10, "Mode": 13, "Tags": 12, "Notes": 20, "Homework": 13}


def homework_cell(meeting: Meeting) -> Content:
    """'1 open/1 done', open in bold while any is open; empty without homework."""
    open_, done = homework_counts(meeting)
    if not meeting.homework:
        return Content("")
    return Content.assemble((f"{open_} open", "bold" if open_ else "dim"), f"/{done} done")


@lru_cache(maxsize=8192)
def meeting_cells(meeting: Meeting) -> tuple[Content, ...]:
    """One table row; every user value as literal text, cut with an ellipsis to fit.

    Cached by value (a changed meeting is a different key), so filtering, clearing the
    filter or saving one meeting does not derive the other rows again.
    """
    cells = (
        Content(meeting.held_on.isoformat()),
        Content(meeting.mode.value if meeting.mode else "–"),
        Content(printable(", ".join(meeting.tags))),
        Content(first_line(meeting.notes)),
        homework_cell(meeting),
    )
    return tuple(cell.truncate(width, ellipsis=True)
                 for cell, width in zip(cells, COLUMNS.values(), strict=True))


class MeetingTable(LazyTable[Meeting]):
    """Shows a list of meetings; `selected` is the meeting under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id)
        self.meetings: list[Meeting] = []
        """Every meeting shown, in table order (their rows are added lazily)."""

    @property
    def selected(self) -> Meeting | None:
        if not 0 <= self.cursor_row < min(self.row_count, len(self.items)):
            return None
        return self.items[self.cursor_row]

    def show(self, meetings: list[Meeting], select_id: int | None = None) -> None:
        """Replace the rows; keep the cursor on `select_id` (or the current meeting)."""
        current = self.selected
        keep = select_id or (current.id if current else None)
        ids = [m.id for m in meetings]
        row = ids.index(keep) if keep in ids else 0
        self.meetings = meetings
        self.fill(meetings, meeting_cells, lambda m: str(m.id), row)
