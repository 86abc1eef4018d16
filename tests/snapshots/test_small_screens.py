"""Every screen at 80×24, the size a terminal app is judged at first, on the demo journal;
and the dialogs whose layout changes with the width (the meeting form, find, F1, a confirm)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from tests.snapshots.test_export import open_export

SMALL = (80, 24)


def pressing(*keys: str) -> Any:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run


SCREENS = {
    "home": (),
    "agreement": ("a",),
    "goals": ("g",),
    "meetings": ("m",),
    "wins": ("w",),
    "journal": ("j",),
    "vision": ("v",),
    "evaluation": ("e",),
    "review": ("r",),
    "keys_of_goals": ("g", "f1"),
    "meeting_form": ("m", "n"),
    "find_meetings": ("m", "f"),
    "confirm_delete_win": ("w", "d"),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_small(snap_compare: Any, journal: Journal, name: str) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SMALL,
                        run_before=pressing(*SCREENS[name]))


def test_small_export(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SMALL, run_before=open_export)
