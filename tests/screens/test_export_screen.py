"""The export screen as a user meets it: palette, preview, write, ask before replacing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, Static

from mentorjournal.app import MentorJournalApp
from mentorjournal.core.journal import Journal
from mentorjournal.export.document import export_markdown
from mentorjournal.export.options import ExportOptions
from mentorjournal.screens.export_screen import ExportScreen, preview_of
from mentorjournal.widgets.choice_modal import ChoiceModal
from mentorjournal.widgets.markdown_view import MarkdownView
from tests.conftest import SIZE


async def open_export(app: MentorJournalApp, pilot: object) -> ExportScreen:
    await pilot.press("ctrl+p", *"export to", "enter")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportScreen)
    return app.screen


def status(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-status", Static).render())


async def write_to(app: MentorJournalApp, pilot: object, screen: ExportScreen,
                   path: Path) -> None:
    screen.query_one("#export-path", Input).value = str(path)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_palette_opens_a_preview_of_the_same_export(app: MentorJournalApp,
                                                          journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(app, pilot)
        text = export_markdown(journal)
        assert screen.query_one(MarkdownView).source == preview_of(text)
        assert f"{text.count(chr(10))} lines of Markdown" in status(screen)
        assert "private entries left out" in status(screen)
        await pilot.click("#export-private")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one(MarkdownView).source == preview_of(
            export_markdown(journal, ExportOptions(include_private=True)))


async def test_write_then_ask_before_replacing(app: MentorJournalApp, journal: Journal,
                                              tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(app, pilot)
        await write_to(app, pilot, screen, target)
        assert target.read_text(encoding="utf-8") == export_markdown(journal)
        assert "Wrote" in status(screen)
        target.write_text("mine", encoding="utf-8")
        await write_to(app, pilot, screen, target)
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "mine" and "kept" in status(screen)
        await write_to(app, pilot, screen, target)
        await pilot.click("#choice-replace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == export_markdown(journal)


async def test_bad_input_is_explained_and_nothing_is_written(app: MentorJournalApp,
                                                            tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(app, pilot)
        screen.query_one("#export-since", Input).value = "2026-02-30"
        await pilot.pause()
        assert "not a real date" in status(screen)
        folder = tmp_path / "exports"
        folder.mkdir()
        await write_to(app, pilot, screen, folder / "out.md")
        screen.query_one("#export-since", Input).value = ""
        await write_to(app, pilot, screen, folder / "missing" / "out.md")
        assert "does not exist" in status(screen)
        assert list(folder.iterdir()) == []


async def test_review_together_exports_without_private_entries(
    app: MentorJournalApp, journal: Journal, tmp_path: Path,
) -> None:
    private = next(e for e in journal.entries.all() if e.private)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(app, pilot)
        screen.query_one("#export-private", Checkbox).value = True
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_one("#export-private", Checkbox).disabled
        await write_to(app, pilot, screen, tmp_path / "together.md")
        written = (tmp_path / "together.md").read_text(encoding="utf-8")
        assert private.title not in written
        assert written == export_markdown(journal)


def test_the_preview_stops_at_an_item_boundary() -> None:
    text = "# T\n\n" + "".join(f"### Item {n}\n\nline\n\n" for n in range(400))
    preview = preview_of(text, limit=100)
    assert preview.count("### Item") == 24 and "all 1602 lines" in preview[-80:]
    assert "### Item 23\n\nline\n\n\n---" in preview
    assert preview_of("short\n") == "short\n"


def test_the_views_stop_near_their_limits_and_say_so() -> None:
    from mentorjournal.screens.export_screen import SOURCE_LINES

    text = "".join(f"### Item {n}\n\nline\n\n" for n in range(5_000))
    source = preview_of(text, SOURCE_LINES)
    assert source.count("\n") < SOURCE_LINES + 5
    assert source.rstrip().endswith(f"the file holds all {text.count(chr(10))} lines._")
    assert preview_of("short\n", SOURCE_LINES) == "short\n"


def test_a_long_item_does_not_empty_the_view() -> None:
    text = "### Short\n\nline\n\n### Long\n\n" + "".join(f"line {n}\n" for n in range(5_000))
    assert preview_of(text, 1_000).count("\n") > 900  # cut at the limit, not at "### Long"
