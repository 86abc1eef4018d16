"""What the export screen looks like: the demo's preview, and hostile text in it."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Goal, Meeting
from tests.conftest import HOSTILE, SIZE, TODAY, put


async def open_export(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p", *"export to", "enter")
    await pilot.app.workers.wait_for_complete()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor makes the snapshot flaky
    pilot.app.screen.query_one("#export-path", Input).value = "/exports/journal.md"
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_export_demo(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=open_export)


def test_export_hostile(snap_compare: Any, empty_journal: Journal) -> None:
    goal = empty_journal.goals.add(Goal(title=f"# {HOSTILE} | *x* `y`"))
    put(empty_journal, Meeting(held_on=TODAY, tags=(HOSTILE,), goal_ids=(goal.id,),
                              notes=f"# Big\n\n{HOSTILE}\n\n[link](javascript:alert(1))"))
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=open_export)
