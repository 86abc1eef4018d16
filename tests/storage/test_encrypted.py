"""An encrypted journal in the storage layer: the same atomic saves, lock, backups and
damage rules, and nothing of its text on disk. Keys are made without scrypt here (it
costs a second a time); tests/storage/test_unlock.py tests the passphrase itself."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import orjson
import pytest

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Draft, JournalEntry, Pair, Win
from mentorjournal.storage import editor
from mentorjournal.storage import files as files_module
from mentorjournal.storage.backups import backups_of, quarantine, restore_backup
from mentorjournal.storage.encryption import decrypt_journal
from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalEncrypted,
    NewEncryptedJournal,
    NotThisJournalsKey,
    SaveFailed,
    TwoJournals,
)
from mentorjournal.storage.paths import resolve_journal_path
from mentorjournal.storage.sealed import AGE_HEADER, JournalKey, journal_file, key_file
from mentorjournal.storage.store import JournalStore
from tests.conftest import TODAY, fixed_today

SECRET = "Ana's fear of the finance review"


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` and its bytes: what "byte-identical" compares."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def key() -> JournalKey:
    return JournalKey.generate()


@pytest.fixture
def sealed(tmp_path: Path, key: JournalKey) -> Path:
    """An encrypted journal with a pair and a win, closed; its key file is not needed here."""
    plain = tmp_path / "journal.json"
    journal = Journal.open(plain, today=fixed_today)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima"))
    journal.wins.add(Win(won_on=TODAY, text=SECRET))
    journal.close()
    path = tmp_path / "journal.json.age"
    path.write_bytes(key.seal(plain.read_bytes()))
    plain.unlink()
    return path


def test_saves_are_encrypted_to_the_key_and_read_back(sealed: Path, key: JournalKey) -> None:
    journal = Journal.open(sealed, today=fixed_today, key=key)
    journal.wins.add(Win(won_on=TODAY, text="Second secret"))
    journal.close()
    on_disk = sealed.read_bytes()
    assert on_disk.startswith(AGE_HEADER)
    assert b"secret" not in on_disk.lower() and b"Ana" not in on_disk
    texts = {w.text for w in _reopened(sealed, key).wins.all()}
    assert texts == {SECRET, "Second secret"}


def _reopened(path: Path, key: JournalKey) -> Journal:
    journal = Journal.open(path, today=fixed_today, key=key, readonly=True)
    journal.close()  # read-only: everything was read at open
    return journal


def test_either_name_opens_it(sealed: Path, key: JournalKey) -> None:
    plain = sealed.with_name("journal.json")
    assert journal_file(plain) == sealed
    assert resolve_journal_path(str(plain)) == sealed
    store = JournalStore.open(plain, key=key)
    assert store.path == sealed
    store.close()


def test_without_a_key_nothing_is_touched(sealed: Path) -> None:
    before = folder_bytes(sealed.parent)
    with pytest.raises(JournalEncrypted, match="is encrypted"):
        JournalStore.open(sealed)
    assert folder_bytes(sealed.parent) == before  # not even a lock file was made


def test_another_key_or_a_cut_file_is_refused_unchanged(sealed: Path) -> None:
    with pytest.raises(NotThisJournalsKey, match="another key"):
        JournalStore.open(sealed, key=JournalKey.generate())
    before = folder_bytes(sealed.parent)
    for cut in (sealed.read_bytes()[:-1], sealed.read_bytes()[:40], AGE_HEADER, b"{}"):
        sealed.write_bytes(cut)
        before[sealed.name] = cut
        with pytest.raises((JournalDamaged, NotThisJournalsKey)):
            JournalStore.open(sealed, key=JournalKey.generate())
        assert folder_bytes(sealed.parent) == before


def test_a_truncated_file_is_damaged(sealed: Path, key: JournalKey) -> None:
    sealed.write_bytes(sealed.read_bytes()[:-5])
    with pytest.raises(JournalDamaged, match="cut short or altered"):
        JournalStore.open(sealed, key=key)


def test_a_plain_file_named_age_and_an_age_file_named_plain(tmp_path: Path,
                                                            key: JournalKey) -> None:
    named_age = tmp_path / "a.json.age"
    named_age.write_bytes(b'{"meta": {"1": {"schema_version": 1}}}')
    with pytest.raises(JournalDamaged, match="not an age-encrypted file"):
        JournalStore.open(named_age, key=key)
    named_plain = tmp_path / "b.json"
    named_plain.write_bytes(key.seal(b"{}"))
    with pytest.raises(JournalDamaged, match="age-encrypted but not named b.json.age"):
        JournalStore.open(named_plain)


def test_no_new_journal_is_made_at_an_age_name_without_a_key(tmp_path: Path,
                                                             key: JournalKey) -> None:
    with pytest.raises(NewEncryptedJournal, match="mentorjournal encrypt"):
        JournalStore.open(tmp_path / "new.json.age")
    assert list(tmp_path.iterdir()) == []


def test_after_a_move_aside_it_starts_again_under_the_same_key(sealed: Path,
                                                               key: JournalKey) -> None:
    sealed.write_bytes(sealed.read_bytes()[:-5])
    with pytest.raises(JournalDamaged):
        JournalStore.open(sealed, key=key)
    quarantine(sealed)
    journal = Journal.open(sealed, today=fixed_today, key=key)  # as the app does
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima"))
    journal.close()
    assert sealed.read_bytes().startswith(AGE_HEADER) and b"Ana" not in sealed.read_bytes()
    assert _reopened(sealed, key).pair.get() is not None


def test_both_forms_there_is_refused(sealed: Path, key: JournalKey) -> None:
    plain = sealed.with_name("journal.json")
    plain.write_bytes(b"{}")
    for name in (plain, sealed):
        with pytest.raises(TwoJournals, match="Both"):
            JournalStore.open(name, key=key)


def test_one_lock_whichever_form(sealed: Path, key: JournalKey) -> None:
    store = JournalStore.open(sealed, key=key)
    assert sealed.with_name("journal.json.lock").exists()
    assert not sealed.with_name("journal.json.age.lock").exists()
    store.close()


def test_a_failed_save_leaves_the_file_and_memory_as_they_were(
        sealed: Path, key: JournalKey, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal.open(sealed, today=fixed_today, key=key)
    before = sealed.read_bytes()

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files_module.os, "fsync", full)
    with pytest.raises(SaveFailed):
        journal.wins.add(Win(won_on=TODAY, text="lost?"))
    monkeypatch.undo()
    assert sealed.read_bytes() == before
    assert {w.text for w in journal.wins.all()} == {SECRET}
    assert not list(sealed.parent.glob(".*.tmp-*"))
    journal.close()


def test_backups_are_encrypted_and_restore_with_the_key(sealed: Path, key: JournalKey) -> None:
    journal = Journal.open(sealed, today=fixed_today, key=key)  # verify takes the backup
    journal.wins.add(Win(won_on=TODAY, text="after the backup"))
    journal.close()
    [backup] = backups_of(sealed)
    assert backup.name == f"journal.json.age.backup-{TODAY}"
    assert backup.read_bytes().startswith(AGE_HEADER) and SECRET.encode() not in backup.read_bytes()
    assert orjson.loads(key.open(backup, backup.read_bytes()))["wins"]["1"]["text"] == SECRET
    sealed.write_bytes(sealed.read_bytes()[:-3])  # damaged
    with pytest.raises(JournalEncrypted):
        restore_backup(sealed, backup)
    restore_backup(sealed, backup, key)
    assert sealed.read_bytes() == backup.read_bytes()
    [aside] = sealed.parent.glob("journal.json.age.damaged-*")
    assert aside.read_bytes().startswith(AGE_HEADER)


def test_leftover_plain_temp_files_are_removed_at_open(sealed: Path, key: JournalKey) -> None:
    leftover = sealed.with_name(".journal.json.tmp-12345")  # a crash before encrypting
    leftover.write_bytes(SECRET.encode())
    JournalStore.open(sealed, key=key).close()
    assert not leftover.exists()


def test_editor_files_stay_in_memory_while_it_is_open(sealed: Path, key: JournalKey) -> None:
    assert editor.scratch_folder() is None
    store = JournalStore.open(sealed, key=key)
    try:
        folder = editor.scratch_folder()
        if folder is None or not os.path.isdir("/dev/shm"):
            pytest.skip("no memory-held folder on this system")
        assert editor._file_system_of(folder) in editor.MEMORY_FILE_SYSTEMS
        seen: list[str] = []

        def fake_editor(command: object) -> int:
            seen.append(str(command))
            return 0

        assert editor.edit_text("draft", "true", run=fake_editor) == "draft"  # type: ignore[arg-type]
        assert folder in seen[0]
    finally:
        store.close()
    assert editor.scratch_folder() is None


def test_decrypt_gives_back_the_bytes_and_the_backups(sealed: Path, key: JournalKey) -> None:
    Journal.open(sealed, today=fixed_today, key=key).close()  # a backup
    plain_bytes = key.open(sealed, sealed.read_bytes())
    key_file(sealed).write_bytes(b"not needed by decrypt_journal itself")
    done = decrypt_journal(sealed, key)
    assert done.journal.read_bytes() == plain_bytes
    assert [p.name for p in done.copies] == [f"journal.json.backup-{TODAY}"]
    assert sorted(p.name for p in sealed.parent.iterdir()) == [
        "journal.json", f"journal.json.backup-{TODAY}", "journal.json.lock"]


class _FillsUp:
    """A file handle on a disk that is full after 64 KiB."""

    def __init__(self, handle: io.BufferedWriter) -> None:
        self._handle = handle
        self._written = 0

    def write(self, data: bytes) -> int:
        self._written += len(data)
        if self._written > 65536:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._handle.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)

    def __enter__(self) -> _FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def test_a_disk_full_while_encrypting_is_not_saved(sealed: Path, key: JournalKey,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal.open(sealed, today=fixed_today, key=key)
    before = folder_bytes(sealed.parent)
    real = files_module.os.fdopen
    monkeypatch.setattr(files_module.os, "fdopen",
                        lambda fd, mode: _FillsUp(real(fd, mode)))  # type: ignore[arg-type]
    with pytest.raises(SaveFailed, match=r"Not saved: \[Errno 28\] No space left on device"):
        journal.entries.save(JournalEntry(written_on=TODAY, title="long", body="x" * 150_000))
    monkeypatch.undo()
    assert folder_bytes(sealed.parent) == before
    assert {w.text for w in journal.wins.all()} == {SECRET} and not journal.entries.all()
    journal.wins.add(Win(won_on=TODAY, text="after the disk was freed"))
    journal.close()
    assert {w.text for w in _reopened(sealed, key).wins.all()} == {
        SECRET, "after the disk was freed"}


def test_a_draft_is_kept_encrypted_too(sealed: Path, key: JournalKey) -> None:
    journal = Journal.open(sealed, today=fixed_today, key=key)
    journal.drafts.save(Draft(kind="entry", fields={"title": "Half-typed", "body": SECRET * 2}))
    journal.close()
    assert b"Half-typed" not in sealed.read_bytes()
    [draft] = _reopened(sealed, key).drafts.of_kind("entry")
    assert draft.fields["title"] == "Half-typed"


def test_a_symlink_to_an_encrypted_journal_finds_its_key(sealed: Path, key: JournalKey,
                                                         tmp_path: Path) -> None:
    elsewhere = tmp_path / "links"
    elsewhere.mkdir()
    (elsewhere / "pair.json.age").symlink_to(sealed)
    assert key_file(elsewhere / "pair.json.age") == key_file(sealed)
    assert key_file(elsewhere / "pair.json") == key_file(sealed)
