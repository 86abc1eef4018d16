"""The file under a journal: only regular files, never blocking, read-only files left alone."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from mentorjournal.core.model import Pair, Win
from mentorjournal.storage import files as files_module
from mentorjournal.storage.backups import quarantine, restore_backup
from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalHasLinks,
    NotAJournalFile,
    ReadOnlyJournal,
    SaveFailed,
)
from mentorjournal.storage.files import kind_of, read_only_reason, read_regular
from mentorjournal.storage.store import JournalStore
from tests.conftest import TODAY, open_journal

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@contextlib.contextmanager
def odd_file(tmp_path: Path, kind: str) -> Iterator[Path]:
    """A folder (holding a file), a FIFO, a socket or a symlink to a FIFO, named journal.json."""
    path = tmp_path / "journal.json"
    server = None
    if kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept")
    elif kind in ("fifo", "symlink to a fifo"):
        fifo = tmp_path / "pipe" if kind != "fifo" else path
        os.mkfifo(fifo)
        if kind != "fifo":
            path.symlink_to(fifo)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    try:
        yield path
    finally:
        if server is not None:
            server.close()


ODD = ["folder", "fifo", "socket", "symlink to a fifo"]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """What a folder holds: each name's inode and kind, unchanged if nothing was touched."""
    return {p.name: (p.lstat().st_ino, stat.S_IFMT(p.lstat().st_mode)) for p in folder.iterdir()}


@pytest.mark.parametrize("kind", ODD)
@pytest.mark.parametrize("readonly", [False, True])
def test_only_a_regular_file_is_opened(tmp_path: Path, kind: str, readonly: bool) -> None:
    """Refused up front, naming what it is: never read (a FIFO would block), never locked
    beside, never moved."""
    with odd_file(tmp_path, kind) as path:
        before = snapshot(tmp_path)
        with pytest.raises(NotAJournalFile, match="not a journal file") as refused:
            JournalStore.open(path, readonly=readonly)
        assert snapshot(tmp_path) == before  # no journal.json.lock beside it
        with pytest.raises(NotAJournalFile):
            quarantine(path)
        assert snapshot(tmp_path) == before
    expected = {"folder": "a folder", "socket": "a socket"}.get(kind, "a named pipe (FIFO)")
    assert f"is {expected}," in str(refused.value)


def test_a_device_is_never_opened_nor_locked_beside() -> None:
    """`--db /dev/null` used to reach the repair dialog and make /dev/null.lock."""
    lock = Path("/dev/null.lock")
    existed = lock.exists()
    with pytest.raises(NotAJournalFile, match="/dev/null is a character device"):
        JournalStore.open(Path("/dev/null"))
    assert lock.exists() == existed


def test_a_fifo_swapped_in_after_the_check_does_not_block(tmp_path: Path) -> None:
    """The read opens with O_NONBLOCK and checks the file it got (fstat): no hang."""
    fifo = tmp_path / "journal.json"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def read() -> None:
        try:
            read_regular(fifo, single_name=True)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            done.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(done[0], NotAJournalFile)


def test_kinds_are_named() -> None:
    assert kind_of(stat.S_IFREG) == "a regular file"
    assert kind_of(stat.S_IFDIR) == "a folder"
    assert kind_of(stat.S_IFCHR) == "a character device"
    assert kind_of(stat.S_IFBLK) == "a block device"
    assert kind_of(stat.S_IFIFO) == "a named pipe (FIFO)"
    assert kind_of(stat.S_IFSOCK) == "a socket"


def test_a_save_never_writes_through_a_temp_name_made_a_fifo(journal_path: Path) -> None:
    """Someone who can write the folder makes the temp name a FIFO: the save fails, it does
    not block waiting for a reader."""
    journal = open_journal(journal_path)
    os.mkfifo(journal_path.with_name(f".{journal_path.name}.tmp-{os.getpid()}"))
    with pytest.raises(SaveFailed, match="Not saved"):
        journal.wins.add(Win(won_on=TODAY, text="x"))
    journal.close()


# -- read-only journals ---------------------------------------------------------------


@pytest.fixture
def written(journal_path: Path) -> Path:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.wins.add(Win(won_on=TODAY, text="kept"))
    journal.close()
    return journal_path


@pytest.mark.parametrize("mode", [0o400, 0o444, 0o500])
def test_the_owners_write_bit_decides_even_for_root(written: Path, mode: int) -> None:
    written.chmod(mode)
    try:
        reason = read_only_reason(written, written.stat())
    finally:
        written.chmod(0o600)
    assert reason is not None and "is read-only (its permissions" in reason


def test_a_read_only_folder_makes_the_journal_read_only(written: Path) -> None:
    written.parent.chmod(0o500)
    try:
        reason = read_only_reason(written, written.stat())
    finally:
        written.parent.chmod(0o700)
    assert reason is not None and f"its folder {written.parent} is read-only" in reason


def test_what_the_system_refuses_is_read_only_too(written: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Not our file (someone else's 0644): the owner bit says writable, access() says no."""
    monkeypatch.setattr(files_module.os, "access", lambda path, _mode: path != written)
    assert read_only_reason(written, written.stat()) is not None
    monkeypatch.setattr(files_module.os, "access", lambda path, _mode: path != written.parent)
    assert "its folder" in (read_only_reason(written, written.stat()) or "")
    monkeypatch.undo()
    assert read_only_reason(written, written.stat()) is None


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_journal_opens_read_only_and_is_never_rewritten(written: Path,
                                                                    what: str) -> None:
    before = written.read_bytes()
    target = written if what == "file" else written.parent
    target.chmod(0o400 if what == "file" else 0o500)
    try:
        journal = open_journal(written)  # verified too: no daily backup of a read-only one
        assert journal.readonly and journal.store.readonly_reason is not None
        with pytest.raises(ReadOnlyJournal, match="Not saved: .*read-only") as refused:
            journal.wins.add(Win(won_on=TODAY, text="never"))
        assert [w.text for w in journal.wins.all()] == ["kept"]
        journal.close()
        assert str(refused.value).endswith("Nothing was changed.")
        modes = stat.S_IMODE(written.stat().st_mode), stat.S_IMODE(written.parent.stat().st_mode)
    finally:
        target.chmod(0o600 if what == "file" else 0o700)
    assert written.read_bytes() == before
    assert modes == ((0o400, 0o700) if what == "file" else (0o600, 0o500))
    assert sorted(p.name for p in written.parent.iterdir()) == [
        "journal.json", "journal.json.lock"]  # the lock of the writes before, nothing new


def test_a_read_only_journal_asked_for_has_no_reason(written: Path) -> None:
    store = JournalStore.open(written, readonly=True)
    assert store.readonly and store.readonly_reason is None
    with pytest.raises(ReadOnlyJournal, match="^Not saved: this journal is open read-only.$"):
        store.insert("wins", {"text": "never"})
    store.close()


# -- two names ------------------------------------------------------------------------


def test_a_journal_with_two_names_is_refused_for_writing(written: Path) -> None:
    """The atomic rename would give one name a new file and leave the other on the old one."""
    other = written.with_name("other.json")
    os.link(written, other)
    before = written.read_bytes()
    for name in (written, other):
        with pytest.raises(JournalHasLinks, match="has 2 names .* Keep one name .*copy"):
            open_journal(name)
    assert not other.with_name("other.json.lock").exists()  # refused before any lock
    reader = JournalStore.open(other, readonly=True)  # reading cannot split them
    assert orjson.loads(reader.on_disk or b"")["wins"]["1"]["text"] == "kept"
    reader.close()
    other.unlink()
    open_journal(written).close()  # one name again: it opens
    assert written.read_bytes() == before


def test_restore_leaves_the_journal_with_one_name(written: Path) -> None:
    """The damaged journal is linked aside during a restore; the journal then has one name."""
    open_journal(written).close()
    (backup,) = written.parent.glob("journal.json.backup-*")
    written.write_bytes(b"{damaged")
    restore_backup(written, backup)
    assert written.stat().st_nlink == 1
    open_journal(written).close()


def test_unreadable_file_is_damaged_not_a_crash(written: Path) -> None:
    if ROOT:
        pytest.skip("root reads a 0000 file; the refusal is the same OSError path as EIO")
    written.chmod(0)
    try:
        with pytest.raises(JournalDamaged, match="Permission denied"):
            JournalStore.open(written, readonly=True)
    finally:
        written.chmod(0o600)
