"""Disk full, I/O error, read-only disk, seen from the app: an error on screen, never "saved",
the old file kept, the input kept, and the same edit saved once the fault is gone."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.model import Pair, Win
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.storage import store as store_module
from mentorjournal.storage.errors import JournalNotWritable
from mentorjournal.storage.store import JournalStore
from mentorjournal.textual_compat import notifications
from tests.conftest import HOSTILE, SIZE, TODAY, open_journal
from tests.reliability.support import FAULTS, failing, temp_files

pytestmark = pytest.mark.reliability


def said_saved(app: MentorJournalApp) -> list[str]:
    """Notifications claiming success (the app never has to say it; it must never lie)."""
    return [n.message for n in notifications(app)
            if re.search(r"(?<!not )\bsaved\b", n.message, re.IGNORECASE)]


@pytest.fixture
def journal_without_pair(journal_path: Path) -> Path:
    """A journal on disk (one win) whose pair is not set yet: the app asks for it."""
    journal = open_journal(journal_path)
    journal.wins.add(Win(won_on=TODAY, text="already there"))
    journal.close()
    return journal_path


@pytest.mark.parametrize("fault", list(FAULTS))
async def test_setup_form_stays_open_with_the_error_and_saves_once_fixed(
    journal_without_pair: Path, fault: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = journal_without_pair
    before = path.read_bytes()
    journal = open_journal(path)
    app = make_app(journal=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PairSetupModal)
        app.screen.query_one("#protege", Input).value = HOSTILE
        app.screen.query_one("#mentor", Input).value = "Sam"
        monkeypatch.setattr(store_module.os, *FAULTS[fault])
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        monkeypatch.undo()
        assert isinstance(app.screen, PairSetupModal), "the form closed on a failed save"
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error.startswith("Not saved:") and "unchanged" in error
        assert app.screen.query_one("#protege", Input).value == HOSTILE  # the input is kept
        assert path.read_bytes() == before and temp_files(path) == []
        assert journal.pair.get() is None and said_saved(app) == []

        await pilot.press("enter")  # the fault is gone: the same edit now saves
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    journal.close()
    reopened = open_journal(path)
    pair = reopened.pair.get()
    assert pair is not None and pair.protege == HOSTILE
    assert [win.text for win in reopened.wins.all()] == ["already there"]
    reopened.close()


@pytest.mark.parametrize("fault", ["disk full mid-write (ENOSPC)", "fsync (EIO)"])
async def test_app_save_reports_the_fault_then_saves(
    journal_path: Path, fault: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Any screen's save: the default on_failed shows an error toast; on_saved never runs."""
    journal = open_journal(journal_path)
    journal.wins.add(Win(won_on=TODAY, text="kept"))
    before = journal_path.read_bytes()
    app = make_app(journal=journal)
    saved: list[Win] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(store_module.os, *FAULTS[fault])
        app.save(lambda: journal.wins.add(Win(won_on=TODAY, text="new")), saved.append)
        await app.workers.wait_for_complete()
        await pilot.pause()
        monkeypatch.undo()
        errors = [n for n in notifications(app) if n.severity == "error"]
        assert [n.title for n in errors] == ["Not saved"] and saved == []
        assert journal_path.read_bytes() == before and said_saved(app) == []
        app.save(lambda: journal.wins.add(Win(won_on=TODAY, text="new")), saved.append)
        await app.workers.wait_for_complete()
        assert [win.text for win in saved] == ["new"]
    journal.close()


async def test_a_buggy_save_is_reported_and_later_saves_still_run(
    journal_path: Path,
) -> None:
    """A save that raises something unexpected must not wedge the queue behind it."""
    journal = open_journal(journal_path)
    app = make_app(journal=journal)
    failed: list[str] = []
    saved: list[object] = []

    def buggy() -> None:
        raise RuntimeError("a bug in some screen's operation")

    def buggy_callback(_win: Win) -> None:
        raise RuntimeError("a bug in some screen's on_saved")

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.save(buggy, saved.append, lambda error: failed.append(str(error)))
        app.save(lambda: journal.wins.add(Win(won_on=TODAY, text="one")), buggy_callback)
        app.save(lambda: journal.wins.add(Win(won_on=TODAY, text="two")), saved.append)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert failed == ["Not saved: a bug in some screen's operation. "
                          "The journal on disk is unchanged; try again."]
        assert len(saved) == 1 and app.saver.idle
        assert [n.title for n in notifications(app)] == ["Error"]  # the callback's bug
    journal.close()
    assert sorted(win.text for win in open_journal(journal_path).wins.all()) == ["one", "two"]


def test_unwritable_folder_is_a_clear_refusal(journal_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal on a read-only disk cannot be locked: say so (read-only open still works)."""
    open_journal(journal_path).close()
    monkeypatch.setattr(store_module.os, "open", FAULTS["read-only (EROFS)"][1])
    with pytest.raises(JournalNotWritable, match="cannot be opened for writing.*read-only"):
        JournalStore.open(journal_path)
    JournalStore.open(journal_path, readonly=True).close()


async def test_app_offers_read_only_on_an_unwritable_folder(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.wins.add(Win(won_on=TODAY, text="readable"))
    journal.close()
    monkeypatch.setattr(store_module.Path, "mkdir", failing(errno.EACCES))
    app = make_app(journal_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Permission denied" in str(app.screen.query_one("#choice-message").render())
        await pilot.click("#choice-readonly")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and "read-only" in app.sub_title
        assert app.journal is not None and app.journal.wins.all()[0].text == "readable"
