"""What the wins wall looks like: demo, empty, hostile text, the form, at 80x24 and 160x48."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.pilot import Pilot

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import JournalEntry, Win, WinSize
from tests.conftest import SIZE
from tests.screens.test_wins_screen import add_hostile_wins

SMALL = (80, 24)
LARGE = (160, 48)


async def open_wall(pilot: Pilot[None]) -> None:
    await pilot.press("w")
    await pilot.pause()


def add_memories(journal: Journal) -> None:
    journal.wins.add(Win(won_on=date(2026, 10, 25), text="Chaired the retro [and] kept time",
                    size=WinSize.BIG))
    journal.entries.save(JournalEntry(written_on=date(2026, 9, 25),
                                      title="A quiet week, [i]mostly[/i]"))


def test_wall_demo_small(snap_compare: Any, journal: Journal) -> None:
    add_memories(journal)
    assert snap_compare(make_app(journal=journal), terminal_size=SMALL, run_before=open_wall)


def test_wall_demo_large(snap_compare: Any, journal: Journal) -> None:
    add_memories(journal)
    assert snap_compare(make_app(journal=journal), terminal_size=LARGE, run_before=open_wall)


def test_wall_hostile_small(snap_compare: Any, empty_journal: Journal) -> None:
    add_hostile_wins(empty_journal)
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SMALL,
                        run_before=open_wall)


def test_wall_hostile_large(snap_compare: Any, empty_journal: Journal) -> None:
    add_hostile_wins(empty_journal)
    assert snap_compare(make_app(journal=empty_journal), terminal_size=LARGE,
                        run_before=open_wall)


def test_wall_empty_small(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SMALL,
                        run_before=open_wall)


def test_wall_big_filter_large(snap_compare: Any, journal: Journal) -> None:
    async def big_only(pilot: Pilot[None]) -> None:
        await open_wall(pilot)
        await pilot.press("b", "right")

    assert snap_compare(make_app(journal=journal), terminal_size=LARGE, run_before=big_only)


def test_add_form_small(snap_compare: Any, journal: Journal) -> None:
    async def add(pilot: Pilot[None]) -> None:
        await pilot.press("plus", *"Asked a [b]question[/b]")

    assert snap_compare(make_app(journal=journal), terminal_size=SMALL, run_before=add)


def test_home_on_this_day(snap_compare: Any, journal: Journal) -> None:
    add_memories(journal)
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE)
