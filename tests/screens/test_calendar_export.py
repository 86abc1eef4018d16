"""Ctrl+P "Export calendar" as a user meets it: written beside the Markdown export, asked
before replacing, the same bytes as the shell's."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from mentorjournal.app import MentorJournalApp
from mentorjournal.core.journal import Journal
from mentorjournal.export.calendar import export_calendar
from mentorjournal.screens.export_screen import ExportScreen
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import SIZE


async def export_calendar_from_palette(app: MentorJournalApp, pilot: object) -> None:
    await pilot.press("ctrl+p", *"export calendar", "enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def notes(app: MentorJournalApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_it_writes_beside_the_markdown_export_and_asks_before_replacing(
        app: MentorJournalApp, journal: Journal) -> None:
    target = Path.home() / "mentoring-calendar.ics"  # HOME is a temporary folder in tests
    async with app.run_test(size=SIZE) as pilot:
        await export_calendar_from_palette(app, pilot)
        assert target.read_bytes() == export_calendar(journal)
        assert any(n.startswith("Calendar written: Wrote ") and str(target) in n
                   for n in notes(app))
        target.write_bytes(b"mine")
        await export_calendar_from_palette(app, pilot)
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert target.read_bytes() == b"mine"
        assert any("the existing file was kept" in n for n in notes(app))
        await export_calendar_from_palette(app, pilot)
        await pilot.click("#choice-replace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_bytes() == export_calendar(journal)
        await pilot.press("ctrl+p", *"export to", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        markdown = Path(app.screen.query_one("#export-path", Input).value)
        assert markdown.parent == target.parent


async def test_a_place_it_cannot_write_is_reported_and_nothing_written(
        app: MentorJournalApp) -> None:
    target = Path.home() / "mentoring-calendar.ics"
    target.mkdir()  # a folder where the file should go
    async with app.run_test(size=SIZE) as pilot:
        await export_calendar_from_palette(app, pilot)
        assert target.is_dir() and list(target.iterdir()) == []
        assert any(n.startswith("Calendar not written: ") and "is a folder" in n
                   for n in notes(app))
