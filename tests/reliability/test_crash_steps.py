"""Crash at each step of a save: the journal holds the old content or the new, never a mix."""

from __future__ import annotations

import errno
import shutil
import signal
from pathlib import Path

import pytest

from mentorjournal.core.model import Win
from mentorjournal.storage import files as files_module
from mentorjournal.storage import store as store_module
from mentorjournal.storage.errors import SaveFailed
from tests.conftest import TODAY, open_journal
from tests.reliability.child import CRASH_STEPS
from tests.reliability.support import FAULTS, failing, spawn, temp_files, write_big_journal

pytestmark = pytest.mark.reliability

BEFORE_REPLACE = ["before-write", "mid-write", "after-write", "after-fsync"]


@pytest.fixture
def journal_with_old_win(journal_path: Path) -> Path:
    write_big_journal(journal_path, megabytes=0.5)
    open_journal(journal_path).close()  # the day's backup exists: the save is the only write
    return journal_path


def bytes_after_the_save(path: Path, tmp_path: Path) -> bytes:
    """What the journal holds once the child's save has completed (replayed on a copy)."""
    copy = tmp_path / "replay" / path.name
    copy.parent.mkdir()
    shutil.copy(path, copy)
    journal = open_journal(copy)
    journal.wins.add(Win(won_on=TODAY, text="new"))
    journal.close()
    return copy.read_bytes()


@pytest.mark.parametrize("step", list(CRASH_STEPS))
def test_killed_at_each_step_leaves_old_or_new(journal_with_old_win: Path, tmp_path: Path,
                                               step: str) -> None:
    path = journal_with_old_win
    old = path.read_bytes()
    new = bytes_after_the_save(path, tmp_path)
    child = spawn("crash", str(path), step)
    assert child.wait(60) == -signal.SIGKILL
    assert child.stdout is not None and b"survived" not in child.stdout.read()
    child.stdout.close()

    expected = old if step in BEFORE_REPLACE else new
    assert path.read_bytes() == expected  # byte for byte: the old journal or the new one
    assert bool(temp_files(path)) == (step in BEFORE_REPLACE)  # a crash leaves its temp file
    journal = open_journal(path)
    assert temp_files(path) == []  # ... which the next open removes
    assert sorted(win.text for win in journal.wins.all()) == (
        ["old"] if step in BEFORE_REPLACE else ["new", "old"])
    journal.close()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_failed_step_keeps_old_content_and_memory(journal_with_old_win: Path, fault: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An error at any step before the rename: old file, old memory, no temp file, retry works."""
    path = journal_with_old_win
    journal = open_journal(path)
    old = path.read_bytes()
    name, replacement = FAULTS[fault]
    monkeypatch.setattr(store_module.os, name, replacement)
    with pytest.raises(SaveFailed, match="Not saved: .*unchanged"):
        journal.wins.add(Win(won_on=TODAY, text="new"))
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert [win.text for win in journal.wins.all()] == ["old"]
    assert temp_files(path) == []
    journal.wins.add(Win(won_on=TODAY, text="new"))
    journal.close()
    assert sorted(win.text for win in open_journal(path).wins.all()) == ["new", "old"]


def test_folder_fsync_failure_after_rename_counts_as_saved(
    journal_with_old_win: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once renamed, the journal holds the edit: saying "not saved" then would be false."""
    journal = open_journal(journal_with_old_win)
    monkeypatch.setattr(files_module, "_fsync_dir", failing(errno.EIO))
    journal.wins.add(Win(won_on=TODAY, text="new"))
    assert sorted(win.text for win in journal.wins.all()) == ["new", "old"]
    journal.close()
    reopened = open_journal(journal_with_old_win)
    assert sorted(win.text for win in reopened.wins.all()) == ["new", "old"]
