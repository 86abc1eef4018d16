"""The journal's lock: it says who holds it; a command's lock is waited for, the app's is not;
every path to one journal meets the same lock."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from mentorjournal.cli.main import main
from mentorjournal.core.model import Pair
from mentorjournal.storage import lock as lock_module
from mentorjournal.storage.errors import JournalLocked, JournalNotWritable
from mentorjournal.storage.lock import APP, COMMAND, JournalLock, read_holder
from mentorjournal.storage.store import JournalStore
from tests.conftest import TODAY, open_journal


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> float:
    """A command's lock is waited for 0.3 s here, not 5."""
    monkeypatch.setattr(lock_module, "COMMAND_WAIT", 0.3)
    return 0.3


def test_the_lock_file_says_who_holds_it(journal_path: Path) -> None:
    store = JournalStore.open(journal_path, role=COMMAND)
    held = json.loads(journal_path.with_name("journal.json.lock").read_text())
    assert held == {"role": "command", "pid": os.getpid(), "host": socket.gethostname(),
                    "program": held["program"]}
    store.close()
    assert journal_path.with_name("journal.json.lock").read_bytes() == b""  # let go


def test_holders_are_read_whatever_wrote_them() -> None:
    assert read_holder(b'{"role": "app", "pid": 7, "host": "h", "program": "mj"}') == (
        "app", "pid 7 on h, mj")
    assert read_holder(b"pid 7 on h, mentorjournal") == ("", "pid 7 on h, mentorjournal")
    assert read_holder(b"[1, 2]") == ("", "[1, 2]")
    assert read_holder(b"") == ("", "")


def test_the_apps_lock_is_refused_at_once_naming_the_app(journal_path: Path, quick: float) -> None:
    app = JournalStore.open(journal_path, role=APP)
    started = time.monotonic()
    with pytest.raises(JournalLocked, match=rf"is open in the app \(pid {os.getpid()} on "):
        JournalStore.open(journal_path, role=COMMAND)
    assert time.monotonic() - started < quick  # no wait: the app may stay open all day
    app.close()


def test_a_commands_lock_is_waited_for(journal_path: Path, quick: float) -> None:
    other = JournalStore.open(journal_path, role=COMMAND)
    threading.Timer(0.1, other.close).start()
    JournalStore.open(journal_path, role=COMMAND).close()


def test_a_lock_taken_but_not_yet_described_is_waited_for(journal_path: Path,
                                                          quick: float) -> None:
    """Between taking the lock and writing who it is, the holder's file is empty."""
    lock = JournalLock(journal_path)
    lock.acquire(COMMAND)
    os.truncate(lock.path, 0)
    started = time.monotonic()
    with pytest.raises(JournalLocked, match="unknown"):
        JournalStore.open(journal_path)
    assert time.monotonic() - started >= quick
    lock.release()


def test_a_command_that_keeps_the_lock_is_named(journal_path: Path, quick: float,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana", started_on=TODAY))
    journal.close()
    before = journal_path.read_bytes()
    other = JournalStore.open(journal_path, role=COMMAND)
    try:
        assert main(["add", "win", "x", "--db", str(journal_path)]) == 3
    finally:
        other.close()
    err = capsys.readouterr().err
    assert (f"is in use by another mentorjournal command (pid {os.getpid()} on "
            f"{socket.gethostname()}") in err
    assert "did not finish within 0.3 seconds. Nothing was saved: run this again." in err
    assert journal_path.read_bytes() == before


def test_every_path_to_one_journal_meets_one_lock(tmp_path: Path) -> None:
    """Symlinks are resolved before locking: a linked folder or file is the same journal."""
    real = tmp_path / "synced" / "journal.json"
    real.parent.mkdir()
    (tmp_path / "folder-link").symlink_to(real.parent)
    (tmp_path / "file-link.json").symlink_to(real)
    first = JournalStore.open(tmp_path / "folder-link" / "journal.json")
    for other in (real, tmp_path / "file-link.json",
                  tmp_path / "folder-link" / ".." / "synced" / "journal.json"):
        with pytest.raises(JournalLocked):
            JournalStore.open(other)
    first.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file-link.json", "folder-link", "synced"]


def test_a_lock_name_made_a_symlink_is_never_followed(journal_path: Path, tmp_path: Path) -> None:
    """Otherwise taking the lock would truncate the file the link points to."""
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    journal_path.with_name("journal.json.lock").symlink_to(precious)
    with pytest.raises(JournalNotWritable, match="cannot be opened for writing"):
        JournalStore.open(journal_path)
    assert precious.read_text() == "keep me"
    JournalStore.open(journal_path, readonly=True).close()  # reading takes no lock
