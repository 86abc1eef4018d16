"""What the goals screen looks like: first visit, the demo journal, hostile text, dialogs."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Goal, Objective
from tests.conftest import HOSTILE, SIZE, TODAY


async def open_goals(pilot: Pilot[None]) -> None:
    await pilot.press("g")
    await pilot.pause()


def test_goals_empty(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=open_goals)


def test_goals_demo(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=open_goals)


def test_goals_demo_checklist_focused(snap_compare: Any, journal: Journal) -> None:
    async def focus_checklist(pilot: Pilot[None]) -> None:
        await open_goals(pilot)
        await pilot.press("down", "enter", "down")

    assert snap_compare(make_app(journal=journal), terminal_size=SIZE,
                        run_before=focus_checklist)


def test_goals_hostile_text(snap_compare: Any, empty_journal: Journal) -> None:
    empty_journal.goals.add(Goal(title=HOSTILE, why=HOSTILE, success_measure="[/]",
                                target_date=TODAY, objectives=(Objective(text=HOSTILE),)))
    empty_journal.goals.add(Goal(title="No objectives yet"))
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=open_goals)


def test_goals_edit_form(snap_compare: Any, journal: Journal) -> None:
    async def edit(pilot: Pilot[None]) -> None:
        await open_goals(pilot)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=edit)


def test_goals_achieved_offer(snap_compare: Any, journal: Journal) -> None:
    async def tick_last(pilot: Pilot[None]) -> None:
        await open_goals(pilot)
        await pilot.press("down", "enter", "down", "down", "space")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=tick_last)
