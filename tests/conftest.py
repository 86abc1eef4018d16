"""Shared fixtures: journals built in tmp_path from fixed dates, never the real data folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.demo import build_demo
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import JournalEntry, Pair, Role
from mentorjournal.textual_compat import default_cursor_blink

TODAY = date(2026, 11, 25)
"""Every test runs on this day; snapshots depend on it."""

HOSTILE = "[bold]Ana[/] [@click=app.quit]x[/] \x1b[2J 🚀 مرحبا"
"""Text that would do harm if it were ever parsed as markup or sent to the terminal."""

SIZE = (120, 40)
ROOT = Path(__file__).resolve().parent.parent
"""The checkout: subprocess tests run `python -m mentorjournal` from here."""
R = TypeVar("R")


def fixed_today() -> date:
    return TODAY


def drawn_text(widget: Widget) -> str:
    """The text a widget draws at its current size, line by line."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


def screen_text(app: App[object]) -> str:
    """The text of every widget that draws text on the current screen (for assertions)."""
    parts = []
    for widget in app.screen.walk_children(with_self=False):
        if widget.display and isinstance(rendered := widget.render(), Content | Text | str):
            parts.append(str(rendered))
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def _steady_cursor() -> Iterator[None]:
    """No blinking cursors: a snapshot must not depend on when in the blink it was taken."""
    from textual.widgets import Input, TextArea

    with default_cursor_blink(Input, False), default_cursor_blink(TextArea, False):
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true",
                     help="also run the long checks marked slow (the reliability long run)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--run-slow"):
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(pytest.mark.skip(reason="a long run: pass --run-slow"))


@pytest.fixture(autouse=True)
def _no_real_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default journal location into a temp folder: tests never touch real data."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("MENTORJOURNAL_DB", raising=False)
    # Encrypted journals: no passphrase from outside, and never the system's real keyring.
    monkeypatch.delenv("MENTORJOURNAL_PASSPHRASE", raising=False)
    monkeypatch.delenv("MENTORJOURNAL_NEW_PASSPHRASE", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def put(journal: Journal, record: R) -> R:
    """Save a record exactly as it stands (past dates, signatures, ids), past the section's
    checks: for the journals a test needs to the letter. The app and the shell always go
    through a section's operations."""
    records = journal._records
    return records.update(record) if record.id else records.add(record)  # type: ignore[attr-defined]


def open_journal(path: Path) -> Journal:
    return Journal.open(path, today=fixed_today)


@pytest.fixture
def empty_journal(journal_path: Path) -> Iterator[Journal]:
    """A journal with only its pair: what a first-time user has after the setup form."""
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", owner=Role.PROTEGE,
                          started_on=TODAY))
    yield journal
    journal.close()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """The demo journal written to a file and closed, for commands run in subprocesses."""
    path = tmp_path / "demo.json"
    journal = open_journal(path)
    build_demo(journal)
    journal.close()
    return path


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    """The demo journal (a pair six months in) plus an entry holding markup characters."""
    journal = open_journal(journal_path)
    build_demo(journal)
    journal.entries.save(JournalEntry(written_on=TODAY, title="[bold]not bold[/]",
                             body="Notes with [red]markup[/] and [@click=app.quit]a link[/]"))
    yield journal
    journal.close()


@pytest.fixture
def app(journal: Journal) -> MentorJournalApp:
    return make_app(journal=journal)


@pytest.fixture
def empty_app(empty_journal: Journal) -> MentorJournalApp:
    return make_app(journal=empty_journal)

