"""The store never loses an acknowledged edit and never overwrites what it could not read."""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from pathlib import Path

import orjson
import pytest

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Pair, Win
from mentorjournal.storage import store as store_module
from mentorjournal.storage.backups import backups_of, quarantine, restore_backup
from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalFromFuture,
    JournalLocked,
    ReadOnlyJournal,
    SaveFailed,
)
from mentorjournal.storage.store import JournalStore
from tests.conftest import TODAY, fixed_today, open_journal, put


def test_round_trip_and_unknown_fields_kept(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    win = journal.wins.add(Win(won_on=TODAY, text="first"))
    journal.close()
    data = orjson.loads(journal_path.read_bytes())
    data["wins"][str(win.id)]["mood_from_the_future"] = "kept"
    data["comets"] = {"1": {"tail": True}}
    journal_path.write_bytes(orjson.dumps(data))

    journal = open_journal(journal_path)
    assert journal.wins.all()[0].extra == {"mood_from_the_future": "kept"}
    put(journal, journal.wins.all()[0].__class__(won_on=TODAY, text="edited", id=win.id,
                                               extra=journal.wins.all()[0].extra))
    journal.close()
    data = orjson.loads(journal_path.read_bytes())
    assert data["wins"]["1"] == {"mood_from_the_future": "kept", "won_on": "2026-11-25",
                                 "text": "edited", "size": "small", "goal_id": None,
                                 "meeting_id": None}
    assert data["comets"] == {"1": {"tail": True}}


def test_file_and_folder_modes(tmp_path: Path) -> None:
    path = tmp_path / "new" / "journal.json"
    journal = open_journal(path)
    journal.wins.add(Win(won_on=TODAY, text="x"))
    journal.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_failed_write_leaves_old_file_and_memory(journal_path: Path, step: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    journal = open_journal(journal_path)
    journal.wins.add(Win(won_on=TODAY, text="kept"))
    before = journal_path.read_bytes()

    def boom(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    target = {"write": "fdopen", "fsync": "fsync", "replace": "replace"}[step]
    monkeypatch.setattr(store_module.os, target, boom)
    with pytest.raises(SaveFailed, match="No space left"):
        journal.wins.add(Win(won_on=TODAY, text="lost"))
    monkeypatch.undo()

    assert journal_path.read_bytes() == before
    assert [w.text for w in journal.wins.all()] == ["kept"]  # memory rolled back to the disk
    assert not list(journal_path.parent.glob(".*tmp*"))
    journal.wins.add(Win(won_on=TODAY, text="again"))  # and it can be saved once the fault is gone
    assert [w.text for w in open_again(journal).wins.all()] == ["again", "kept"]


def open_again(journal: Journal) -> Journal:
    path = journal.store.path
    assert path is not None
    journal.close()
    return open_journal(path)


def test_second_instance_refused(journal_path: Path) -> None:
    first = open_journal(journal_path)
    with pytest.raises(JournalLocked, match=f"pid {os.getpid()}"):
        JournalStore.open(journal_path)
    first.close()
    JournalStore.open(journal_path).close()


def test_read_only_open_cannot_write(journal_path: Path) -> None:
    first = open_journal(journal_path)
    first.wins.add(Win(won_on=TODAY, text="x"))
    reader = Journal(JournalStore.open(journal_path, readonly=True), fixed_today)
    assert [w.text for w in reader.wins.all()] == ["x"]
    with pytest.raises(ReadOnlyJournal):
        reader.wins.add(Win(won_on=TODAY, text="y"))
    assert [w.text for w in reader.wins.all()] == ["x"]
    first.close()


def test_future_schema_refused_byte_identical(journal_path: Path) -> None:
    payload = b'{"meta": {"1": {"schema_version": 99}}, "wins": {}}'
    journal_path.write_bytes(payload)
    with pytest.raises(JournalFromFuture, match="format 99"):
        JournalStore.open(journal_path)
    assert journal_path.read_bytes() == payload


@pytest.mark.parametrize("payload", [
    b"", b"   ", b"{not json", b'{"meta": {"1": {"schema_version": 1}}, "wins": {"1": {"te',
    b"[1, 2, 3]", b'{"meta": {"1": {}}}', b'{"meta": {"1": {"schema_version": 1}}, "wins": []}',
    b'{"meta": {"1": {"schema_version": 1}}, "wins": {"1": {"won_on": 5, "text": "x"}}}',
])
def test_unreadable_files_never_overwritten(journal_path: Path, payload: bytes) -> None:
    journal_path.write_bytes(payload)
    for _attempt in range(2):  # and the lock is released after each refusal
        with pytest.raises(JournalDamaged):
            open_journal(journal_path)
    assert journal_path.read_bytes() == payload
    assert sorted(p.name for p in journal_path.parent.iterdir()) == [
        "journal.json", "journal.json.lock"]


def test_quarantine_and_restore_backup(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="M", protege="P"))
    journal.close()
    open_journal(journal_path).close()  # the open makes today's backup
    (backup,) = backups_of(journal_path)
    assert backup.name == f"journal.json.backup-{TODAY.isoformat()}"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    journal_path.write_bytes(b"{garbage")
    restore_backup(journal_path, backup)
    assert open_journal(journal_path).pair.get() is not None
    damaged = list(journal_path.parent.glob("journal.json.damaged-*"))
    assert [p.read_bytes() for p in damaged] == [b"{garbage"]

    moved = quarantine(journal_path)
    assert not journal_path.exists() and moved.exists()


def test_backups_roll(journal_path: Path) -> None:
    first = open_journal(journal_path)
    first.wins.add(Win(won_on=TODAY, text="x"))
    first.close()
    for day in range(1, 12):
        (journal_path.parent / f"journal.json.backup-2026-10-{day:02d}").write_bytes(b"{}")
    journal = open_journal(journal_path)
    assert len(backups_of(journal_path)) == 7
    assert backups_of(journal_path)[0].name.endswith(TODAY.isoformat())
    journal.close()


def test_parsed_once_per_open(journal: Journal) -> None:
    path = journal.store.path
    assert path is not None
    journal.close()
    reopened = open_journal(path)
    for _ in range(3):
        reopened.verify()
        reopened.goals.all(), reopened.wins.all(), reopened.meetings.all()
    reopened.wins.add(Win(won_on=TODAY, text="one more"))
    reopened.wins.all()
    assert reopened.store.parse_count == 1
    reopened.close()


def test_documents_handed_out_do_not_change_under_a_save(journal: Journal) -> None:
    """A table is decoded outside the lock while the save queue may write: what the
    decoder holds must not be emptied and refilled by the save (`replace` is in place)."""
    win = journal.wins.add(Win(won_on=TODAY, text="first"))
    held = journal.store.docs("wins")
    put(journal, dataclasses.replace(win, text="second"))
    assert held[win.id]["text"] == "first"
    assert journal.wins.get(win.id).text == "second"  # type: ignore[union-attr]


def test_batch_is_all_or_nothing(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = open_journal(journal_path)
    journal.wins.add(Win(won_on=TODAY, text="before"))
    writes = journal.store.writes
    with journal.batch():
        journal.wins.add(Win(won_on=TODAY, text="a"))
        journal.wins.add(Win(won_on=TODAY, text="b"))
    assert journal.store.writes == writes + 1

    def broken_replace(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store_module.os, "replace", broken_replace)
    with pytest.raises(SaveFailed), journal.batch():
        journal.wins.add(Win(won_on=TODAY, text="c"))
        journal.wins.add(Win(won_on=TODAY, text="d"))
    assert sorted(w.text for w in journal.wins.all()) == ["a", "b", "before"]


def test_orphan_temp_files_cleaned(journal_path: Path) -> None:
    open_journal(journal_path).close()
    orphan = journal_path.parent / ".journal.json.tmp-99999"
    orphan.write_bytes(b"half")
    open_journal(journal_path).close()
    assert not orphan.exists()


def test_migration_runs_after_backup(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 1}}, "wins": {}}')
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store_module.MIGRATIONS, 1, lambda d: {**d, "added": {}})
    JournalStore.open(journal_path).close()
    data = orjson.loads(journal_path.read_bytes())
    assert data["meta"]["1"]["schema_version"] == 2 and "added" in data
    assert (journal_path.parent / "journal.json.pre-v2").read_bytes().startswith(b'{"meta"')


def test_lone_surrogate_refused_not_written(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    journal.wins.add(Win(won_on=TODAY, text="ok"))
    before = journal_path.read_bytes()
    with pytest.raises(ValidationError, match="cannot store") as refused:
        journal.wins.add(Win(won_on=TODAY, text="bad \ud800"))  # refused before any write
    assert refused.value.field == "text"
    with pytest.raises(SaveFailed):  # and the store alone still refuses it
        journal.store.insert("wins", {"text": "bad \ud800"})
    assert journal_path.read_bytes() == before


def test_a_new_journal_has_an_identity_of_its_own_kept_for_good(tmp_path: Path) -> None:
    first, second = open_journal(tmp_path / "a.json"), open_journal(tmp_path / "b.json")
    for journal in (first, second):
        journal.pair.save(Pair(mentor="Sam", protege="Ana"))
        journal.close()
    ids = [orjson.loads((tmp_path / name).read_bytes())["meta"]["1"]["journal_id"]
           for name in ("a.json", "b.json")]
    assert ids[0] != ids[1] and all(len(i) == 32 for i in ids)  # same pair, two journals
    again = open_journal(tmp_path / "a.json")
    try:
        assert again.identity == ids[0] == again.store.journal_id
        again.store.adopt_journal_id("something else")  # an identity is never replaced
        assert again.store.journal_id == ids[0]
    finally:
        again.close()


def test_an_old_journal_adopts_an_identity_with_its_next_save_not_before(
        journal_path: Path) -> None:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()
    data = orjson.loads(journal_path.read_bytes())
    del data["meta"]["1"]["journal_id"]
    old = orjson.dumps(data)
    journal_path.write_bytes(old)
    reader = Journal.open(journal_path, readonly=True, today=fixed_today)
    shown = reader.identity
    reader.close()
    journal = open_journal(journal_path)  # opening writes nothing
    assert journal_path.read_bytes() == old and journal.identity == shown
    journal.wins.add(Win(won_on=TODAY, text="saved"))
    journal.close()
    assert orjson.loads(journal_path.read_bytes())["meta"]["1"]["journal_id"] == shown
