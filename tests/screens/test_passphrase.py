"""The app on an encrypted journal: it asks once at start, in a dialog; three wrong
passphrases end it with every file as it was. Each try costs a second of scrypt."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.demo import build_demo
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.storage.encryption import encrypt_journal
from mentorjournal.widgets.passphrase_modal import PassphraseModal
from tests.conftest import fixed_today, open_journal, screen_text
from tests.storage.test_encrypted import folder_bytes
from tests.storage.test_unlock import NOW

PASSPHRASE = "tea by the window"


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("app-encrypted")
    journal = open_journal(folder / "journal.json")
    build_demo(journal)
    journal.close()
    encrypt_journal(folder / "journal.json", PASSPHRASE, NOW)
    return folder


@pytest.fixture
def folder(encrypted_demo: Path, tmp_path: Path) -> Path:
    shutil.copytree(encrypted_demo, tmp_path / "pair")
    return tmp_path / "pair"


async def settled(pilot: Pilot[None]) -> None:
    for _ in range(3):  # a worker may hand over to the next (unlock, then open)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def type_passphrase(pilot: Pilot[None], app: MentorJournalApp, text: str) -> None:
    assert isinstance(app.screen, PassphraseModal), screen_text(app)
    app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settled(pilot)


async def test_it_asks_once_then_opens(folder: Path) -> None:
    app = make_app(folder / "journal.json", today=fixed_today)  # the plain name finds it
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert "Type the passphrase of journal.json.age." in screen_text(app)
        await type_passphrase(pilot, app, "not it at all")
        assert "Wrong passphrase (1 of 3 tries)." in screen_text(app)
        await type_passphrase(pilot, app, PASSPHRASE)
        assert isinstance(app.screen, HomeScreen), screen_text(app)
        assert "Ana Lima" in screen_text(app)
        assert app.journal is not None and app.journal.store.key is not None
        assert app.journal.verified  # read in full, backed up: an encrypted backup
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Quit" in titles and "Screenshot" not in titles  # a plain SVG of the screen
    assert (folder / "journal.json.age.backup-2026-11-25").read_bytes().startswith(b"age-")


async def test_three_wrong_passphrases_quit_with_every_file_as_it_was(folder: Path) -> None:
    before = folder_bytes(folder)
    app = make_app(folder / "journal.json.age", today=fixed_today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for wrong in ("one wrong", "two wrong", "three wrong"):
            await type_passphrase(pilot, app, wrong)
    assert app.return_code == 2
    assert folder_bytes(folder) == before


async def test_quit_at_the_dialog(folder: Path) -> None:
    before = folder_bytes(folder)
    app = make_app(folder / "journal.json.age", today=fixed_today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0
    assert folder_bytes(folder) == before


async def test_the_variable_opens_it_without_a_dialog(folder: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORJOURNAL_PASSPHRASE", PASSPHRASE)
    app = make_app(folder / "journal.json", today=fixed_today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen) and "Ana Lima" in screen_text(app)


async def test_a_missing_key_file_is_said_in_a_dialog(folder: Path) -> None:
    (folder / "journal.json.age.key").unlink()
    app = make_app(folder / "journal.json.age", today=fixed_today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert "journal.json.age.key is not beside it" in screen_text(app)
        await pilot.press("enter")  # Quit, the only choice
        await pilot.pause()
    assert app.return_code == 2


def test_passphrase_dialog_snapshot(snap_compare: Any, folder: Path) -> None:
    app = make_app(folder / "journal.json.age", today=fixed_today)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


async def test_a_cut_short_journal_is_offered_its_encrypted_backup(folder: Path) -> None:
    journal = folder / "journal.json.age"
    backup = folder / "journal.json.age.backup-2026-11-24"
    backup.write_bytes(journal.read_bytes())
    journal.write_bytes(journal.read_bytes()[:-200])
    app = make_app(journal, today=fixed_today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await type_passphrase(pilot, app, PASSPHRASE)
        assert "cut short or altered" in screen_text(app)
        await pilot.click("#choice-restore")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen) and "Ana Lima" in screen_text(app)
    assert journal.read_bytes() == backup.read_bytes()
    [aside] = folder.glob("journal.json.age.damaged-*")
    assert aside.read_bytes().startswith(b"age-encryption.org/v1\n")
