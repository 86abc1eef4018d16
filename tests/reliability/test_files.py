"""Permissions, symlinks and backups: private files, symlinks followed on purpose, restorable
copies."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from mentorjournal.core.model import Pair, Win
from mentorjournal.storage import store as store_module
from mentorjournal.storage.backups import backups_of, restore_backup
from mentorjournal.storage.errors import JournalDamaged
from tests.conftest import TODAY, open_journal

pytestmark = pytest.mark.reliability


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_folder_0700_and_every_file_0600_whatever_the_umask(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "data" / "mentorjournal" / "journal.json"
    old = os.umask(umask)
    try:
        journal = open_journal(path)
        journal.wins.add(Win(won_on=TODAY, text="x"))
        journal.close()
        journal = open_journal(path)  # makes today's backup
        journal.close()
        monkeypatch.setattr(store_module, "SCHEMA_VERSION", 2)  # and a pre-migration copy
        monkeypatch.setitem(store_module.MIGRATIONS, 1, lambda data: data)
        store_module.JournalStore.open(path).close()
    finally:
        os.umask(old)
    assert mode(path.parent) == 0o700
    files = [p for p in path.parent.iterdir()]
    assert {p.name for p in files} == {"journal.json", "journal.json.lock",
                                       f"journal.json.backup-{TODAY}", "journal.json.pre-v2"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_a_journal_readable_by_others_becomes_private_on_the_next_save(journal_path: Path) -> None:
    open_journal(journal_path).close()
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 1}}}')
    journal_path.chmod(0o644)
    journal = open_journal(journal_path)
    journal.wins.add(Win(won_on=TODAY, text="x"))
    journal.close()
    assert mode(journal_path) == 0o600
    assert mode(backups_of(journal_path)[0]) == 0o600


def test_symlinked_journal_is_followed_deliberately(tmp_path: Path) -> None:
    """The link stays a link; the file it points to is written; locks and backups live there."""
    real = tmp_path / "synced" / "journal.json"
    real.parent.mkdir()
    link = tmp_path / "journal.json"
    link.symlink_to(real)
    journal = open_journal(link)
    assert journal.store.path == real
    journal.wins.add(Win(won_on=TODAY, text="through the link"))
    journal.close()
    open_journal(link).close()
    assert link.is_symlink() and link.resolve() == real
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.json", "synced"]
    assert sorted(p.name for p in real.parent.iterdir()) == [
        "journal.json", f"journal.json.backup-{TODAY}", "journal.json.lock"]
    assert orjson.loads(real.read_bytes())["wins"]["1"]["text"] == "through the link"


def test_a_symlink_loop_is_a_clear_refusal(tmp_path: Path) -> None:
    loop = tmp_path / "journal.json"
    loop.symlink_to(tmp_path / "other.json")
    (tmp_path / "other.json").symlink_to(loop)
    with pytest.raises(JournalDamaged, match="cannot be read"):
        open_journal(loop)
    assert loop.is_symlink()


def test_backups_are_valid_json_restorable_and_rolling(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.wins.add(Win(won_on=TODAY, text="in the backup"))
    journal.close()
    journal = open_journal(journal_path)  # today's backup: the journal as it was opened
    journal.wins.add(Win(won_on=TODAY, text="after the backup"))
    journal.close()
    (backup,) = backups_of(journal_path)
    data = orjson.loads(backup.read_bytes())
    assert [doc["text"] for doc in data["wins"].values()] == ["in the backup"]
    open_journal(journal_path).close()
    assert backups_of(journal_path) == [backup]  # one a day, not one an open

    restore_backup(journal_path, backup)
    journal = open_journal(journal_path)
    assert [w.text for w in journal.wins.all()] == ["in the backup"]
    journal.close()
    (aside,) = journal_path.parent.glob("journal.json.damaged-*")
    assert "after the backup" in aside.read_text()  # the replaced journal is kept too
