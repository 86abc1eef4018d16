"""A long meeting log stays fast by construction (no wall clock here): opening it adds a
couple of screenfuls of rows, no cell is measured, and each meeting's row is derived once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import MeetingFilter
from mentorjournal.core.model import Homework, Meeting, MeetingMode
from mentorjournal.screens.homework import HomeworkModal
from mentorjournal.screens.meetings_screen import MeetingsScreen
from mentorjournal.textual_compat import counting_cell_measures
from mentorjournal.widgets.lazy_table import LazyTable
from mentorjournal.widgets.meeting_table import MeetingTable, meeting_cells
from tests.conftest import SIZE, TODAY

MANY = 600  # many screenfuls, several chunks
FIRST = 2 * (SIZE[1] + 1)  # what opening may add: two screenfuls


@pytest.fixture
def long_log(empty_journal: Journal) -> Journal:
    with empty_journal.batch():
        for n in range(MANY):
            empty_journal.meetings.log(Meeting(
                held_on=TODAY - timedelta(days=n), mode=MeetingMode.VIDEO, tags=("career",),
                notes=f"- Meeting {n}: talked about the river project\n\nMore notes.",
                homework=(Homework(text=f"Read chapter {n}"), Homework(text="Send a draft"))))
    return empty_journal


async def test_opening_adds_a_screenful_and_measures_no_cell(long_log: Journal) -> None:
    meeting_cells.cache_clear()
    app = make_app(journal=long_log)
    with counting_cell_measures() as measured:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.open_section("meetings")
            await pilot.pause()
            assert isinstance(app.screen, MeetingsScreen)
            table = app.screen.query_one(MeetingTable)
            assert all(not column.auto_width for column in table.columns.values())
            assert len(table.meetings) == MANY
            assert table.row_count <= FIRST
            assert meeting_cells.cache_info().misses == table.row_count  # derived as added
            await pilot.press(*["pagedown"] * 5)  # moving down adds rows ahead of the cursor
            assert FIRST < table.row_count < MANY
            assert table.selected == table.meetings[table.cursor_row]
            await pilot.press("ctrl+end")
            assert table.row_count == MANY
            assert table.selected == table.meetings[-1]
            assert len(measured) <= len(table.columns)  # the headers; never a row's cells


async def test_each_meeting_row_is_derived_once_across_filter_and_clear(
        long_log: Journal) -> None:
    meeting_cells.cache_clear()
    app = make_app(journal=long_log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_section("meetings")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingsScreen)
        table = screen.query_one(MeetingTable)
        await pilot.press("ctrl+end")
        screen.find = MeetingFilter(text="meeting 1")
        await pilot.pause()
        assert 0 < table.row_count < MANY
        screen.find = MeetingFilter()
        await pilot.pause()
        await pilot.press("ctrl+end")
        assert table.row_count == MANY
        assert meeting_cells.cache_info().misses == MANY


async def test_homework_view_of_a_long_log_adds_rows_as_needed(long_log: Journal) -> None:
    app = make_app(journal=long_log)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_section("meetings")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, HomeworkModal)
        table = modal.query_one(LazyTable)
        assert all(not column.auto_width for column in table.columns.values())
        assert table.row_count <= FIRST
        await pilot.press("ctrl+end")
        assert table.row_count == 2 * MANY
        assert table.cursor_row == 2 * MANY - 1
        await pilot.press("space")  # done: it leaves the open view, the cursor stays put
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == table.cursor_row + 1 == 2 * MANY - 1
