"""What the journal and the vision board look like: fixed size, fixed date, no blinking."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import JournalEntry, VisionCard, VisionKind
from tests.conftest import HOSTILE, SIZE, TODAY


async def no_blink(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def test_journal_list(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, press=["j"],
                        run_before=no_blink)


def test_journal_empty(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE, press=["j"],
                        run_before=no_blink)


def test_journal_search_highlights(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE,
                        press=["j", "slash", *"wait", "enter"], run_before=no_blink)


def test_journal_editor_with_preview(snap_compare: Any, journal: Journal) -> None:
    journal.entries.save(JournalEntry(
        written_on=TODAY, title="A walk-and-talk", mood="glad", tags=("walk", "growth"),
        private=True,
        body="# What I tried\n\nI asked **two questions** before giving my view.\n\n"
             "- Sam noticed\n- It felt *slow* but good\n\n> Next: try it in the team meeting\n"
             f"\n{HOSTILE}\n"))

    async def open_preview(pilot: Pilot[Any]) -> None:
        await pilot.press("j", "e", "f2")
        await no_blink(pilot)

    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=open_preview)


def test_vision_board(snap_compare: Any, journal: Journal) -> None:
    journal.vision.save(VisionCard(text=HOSTILE, kind=VisionKind.QUOTE))
    journal.vision.save(VisionCard(text="Speak first in one meeting a week"))
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, press=["v"],
                        run_before=no_blink)


def test_vision_board_empty(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE, press=["v"])
