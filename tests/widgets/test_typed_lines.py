"""A meeting's notes and a journal entry's body show each line the pair typed on its own."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from mentorjournal.core.model import JournalEntry, Meeting
from mentorjournal.widgets.entry_view import EntryView
from mentorjournal.widgets.markdown_view import MarkdownView
from mentorjournal.widgets.meeting_detail import MeetingDetail
from tests.conftest import TODAY

TYPED = "Went well: the opening\nTo practise: the pauses\nNext: the close"


class Shows(App[None]):
    def __init__(self, widget: MeetingDetail | EntryView) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


def lines_of(view: MarkdownView) -> list[str]:
    """The lines drawn, padding and all (the entry view pads its Markdown)."""
    drawn = view.render_lines(Region(0, 0, *view.outer_size))
    return [strip.text.strip() for strip in drawn if strip.text.strip()]


async def test_meeting_notes_keep_their_lines() -> None:
    app = Shows(MeetingDetail())
    async with app.run_test(size=(80, 30)) as pilot:
        app.query_one(MeetingDetail).show(Meeting(id=1, held_on=TODAY, notes=TYPED), {}, TODAY)
        await pilot.pause()
        assert lines_of(app.query_one("#detail-notes", MarkdownView)) == TYPED.split("\n")


async def test_journal_entry_body_keeps_its_lines() -> None:
    app = Shows(EntryView())
    async with app.run_test(size=(80, 30)) as pilot:
        entry = JournalEntry(id=1, written_on=TODAY, title="Three lines", body=TYPED)
        app.query_one(EntryView).show(entry)
        await pilot.pause()
        assert lines_of(app.query_one(EntryView).query_one(MarkdownView)) == TYPED.split("\n")
