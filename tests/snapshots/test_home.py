"""What the shell looks like: home on a new and on the demo journal, and hostile names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Pair
from tests.conftest import HOSTILE, SIZE, TODAY, fixed_today


def test_home_empty(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE)


def test_home_demo(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE)


def test_home_demo_narrow(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=(80, 24))


def test_home_hostile_names(snap_compare: Any, empty_journal: Journal) -> None:
    empty_journal.pair.save(Pair(mentor="[/]", protege=HOSTILE, started_on=TODAY))
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE)


async def _opened(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_first_run_form(snap_compare: Any, journal_path: Path) -> None:
    app = make_app(journal_path, today=fixed_today)
    assert snap_compare(app, terminal_size=SIZE, run_before=_opened)
