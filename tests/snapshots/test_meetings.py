"""What the meeting log looks like: empty, the demo with a walk-and-talk selected, the form."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Homework, Meeting, MeetingMode
from tests.conftest import HOSTILE, SIZE, TODAY


async def _open_meetings(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()


async def _select_walk_and_talk(pilot: Pilot[None]) -> None:
    await _open_meetings(pilot)
    await pilot.press("down", "down")
    await pilot.pause()


async def _new_meeting(pilot: Pilot[None]) -> None:
    await _open_meetings(pilot)
    await pilot.press("n")
    await pilot.pause()


def test_meetings_empty(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=_open_meetings)


def test_meetings_demo_walk_and_talk_selected(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE,
                        run_before=_select_walk_and_talk)


def test_meetings_hostile_notes(snap_compare: Any, empty_journal: Journal) -> None:
    empty_journal.meetings.log(Meeting(held_on=TODAY, mode=MeetingMode.PHONE, notes=HOSTILE,
                              tags=("[b]x[/b]",), homework=(Homework(text=HOSTILE),)))
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=_open_meetings)


def test_meeting_form_with_carry_over(snap_compare: Any, journal: Journal) -> None:
    journal.meetings.log(Meeting(held_on=TODAY, mode=MeetingMode.VIDEO,
                        homework=(Homework(text="Book two more chats", carried_over=2),)))
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=_new_meeting)


async def _homework(pilot: Pilot[None]) -> None:
    await _open_meetings(pilot)
    await pilot.press("h")
    await pilot.pause()


def test_homework_view(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=_homework)
