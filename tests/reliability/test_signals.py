"""SIGTERM and SIGHUP (the terminal closed): the app quits cleanly, every queued save on disk.

The real command line runs on a pseudo-terminal; its writes are slowed down so saves are
still queued when the signal arrives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.core.model import Pair
from tests.conftest import open_journal
from tests.reliability.support import Terminal

pytestmark = pytest.mark.reliability

QUEUED = 20


def run_app_and_signal(path: Path, how: str) -> tuple[int, list[str], bytes]:
    """Start the app on a pty; once saves are queued, signal it; return (exit, report, screen)."""
    terminal = Terminal("app", str(path), str(QUEUED))
    try:
        assert terminal.lines.wait_for("queued", 60), terminal.shown()[-2000:]
        terminal.end(how)
        code = terminal.process.wait(60)
    finally:
        report = terminal.close()
    return code, report, bytes(terminal.screen)


@pytest.fixture
def journal_with_pair(journal_path: Path) -> Path:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()
    return journal_path


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_signal_quits_with_every_queued_save_on_disk(journal_with_pair: Path, how: str) -> None:
    code, report, screen = run_app_and_signal(journal_with_pair, how)
    assert code == 0, f"{how}: exit {code}; {report}"
    assert report[-1] == "exit 0"
    journal = open_journal(journal_with_pair)  # the lock was released, too
    texts = sorted(win.text for win in journal.wins.all())
    journal.close()
    assert texts == sorted(f"queued:{n}" for n in range(QUEUED))
    if how == "SIGTERM":  # the terminal is given back: alternate screen left, mouse off
        assert b"\x1b[?1049l" in screen
