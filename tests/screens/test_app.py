"""The app shell as a user meets it: first run, home, palette, keys, problems with the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Pair, Win
from mentorjournal.core.sections import SECTIONS
from mentorjournal.core.text import printable
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import HOSTILE, SIZE, TODAY, fixed_today, open_journal, screen_text


async def test_first_run_asks_for_the_pair(journal_path: Path) -> None:
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PairSetupModal)
        await pilot.press("enter")  # empty names are refused with the core's message
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The mentor's name cannot be empty." in screen_text(app)
        assert app.focused is app.screen.query_one("#mentor", Input)
        app.screen.query_one("#protege", Input).value = HOSTILE
        app.screen.query_one("#mentor", Input).value = "Sam"
        app.screen.query_one("#started_on", Input).value = "2026-02-30"
        await pilot.click("#submit")
        assert "not a real date" in screen_text(app)
        app.screen.query_one("#started_on", Input).value = "today"
        await pilot.press("enter")  # Enter in any field submits
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), screen_text(app)
        # markup shown literally, the escape code as a visible symbol, nothing executed
        assert printable(HOSTILE) in screen_text(app) and "\x1b" not in screen_text(app)
        assert app.is_running
    journal = open_journal(journal_path)
    assert journal.pair.get() == Pair(mentor="Sam", protege=HOSTILE, started_on=TODAY, id=1)
    journal.close()


async def test_home_shows_real_counts_and_every_section_opens_from_the_palette(
    app: MentorJournalApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "20 meetings" in text and "6 wins" in text and "Signed by both" in text
        for section in SECTIONS:
            await pilot.press("ctrl+p")
            await pilot.press(*f"open {section.title.lower()}")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.name == section.name or section.title in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        assert app.screen.__class__.__name__ == "HelpModal"
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert not app.is_running


async def test_section_keys_open_sections(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for section in SECTIONS:
            await pilot.press(section.key)
            await pilot.pause()
            assert not isinstance(app.screen, HomeScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_home_refreshes_after_a_save_elsewhere(app: MentorJournalApp,
                                                     journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.save(lambda: journal.wins.add(Win(won_on=TODAY, text="new")))
        await app.workers.wait_for_complete()
        await pilot.press("w", "escape")
        await pilot.pause()
        assert "7 wins" in screen_text(app)


async def test_second_instance_offers_read_only(journal: Journal) -> None:
    assert journal.store.path is not None
    app = make_app(journal.store.path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert "is open in the app (pid " in screen_text(app)  # the holder's role, named
        await pilot.click("#choice-readonly")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "read-only" in app.sub_title
        failed: list[str] = []
        app.save(lambda: app.journal.wins.add(Win(won_on=TODAY, text="x")),  # type: ignore[union-attr]
                 on_failed=lambda error: failed.append(str(error)))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert failed == ["Not saved: this journal is open read-only."]


async def test_damaged_journal_is_left_alone_unless_the_user_agrees(journal_path: Path) -> None:
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 1}}, "wins": {"1": {"te')
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "cannot be read" in screen_text(app)
        await pilot.click("#choice-quit")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_code == 2
    assert journal_path.read_bytes().endswith(b'"te')

    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.click("#choice-aside")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PairSetupModal)
    assert [p.read_bytes()[-3:] for p in journal_path.parent.glob("*.damaged-*")] == [b'"te']


async def test_future_journal_refused(journal_path: Path) -> None:
    payload = b'{"meta": {"1": {"schema_version": 7}}}'
    journal_path.write_bytes(payload)
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "newer mentorjournal" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 2
    assert journal_path.read_bytes() == payload


async def test_theme_is_remembered(journal_path: Path, journal: Journal) -> None:
    app = make_app(journal=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await app.workers.wait_for_complete()
    assert journal.settings.get().theme == "nord"


async def test_quit_with_an_unsaved_form_asks_first(app: MentorJournalApp,
                                                    journal: Journal) -> None:
    """Ctrl+Q asks as the form's Escape does: keep editing, keep as draft, or discard."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m", "n")  # the meeting form
        await pilot.pause()
        await pilot.press(*"2026-11-20")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) and app.is_running
        assert [str(b.label) for b in app.screen.query("Button")] == [
            "Keep editing", "Keep as draft", "Discard"]
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ChoiceModal)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert not app.is_running
    assert journal.drafts.all() == []


async def test_screenshot_is_offered_for_a_plain_journal(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE):
        assert "Screenshot" in [c.title for c in app.get_system_commands(app.screen)]
