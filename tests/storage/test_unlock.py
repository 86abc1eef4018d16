"""The passphrase: the key file beside an encrypted journal, opened with age's scrypt.

Each scrypt costs about a second, on purpose: the tests share one key file.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import orjson
import pyrage
import pytest
from pyrage import passphrase as scrypt
from pyrage import x25519

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Pair, Win
from mentorjournal.storage import encryption
from mentorjournal.storage.encryption import change_passphrase, encrypt_journal
from mentorjournal.storage.errors import (
    AlreadyEncrypted,
    KeyFileDamaged,
    KeyFileInTheWay,
    KeyFileMissing,
    SaveFailed,
    WrongPassphrase,
)
from mentorjournal.storage.sealed import AGE_HEADER, JournalKey, key_file, seal_key, unlock
from tests.conftest import TODAY, fixed_today
from tests.storage.test_encrypted import SECRET, folder_bytes

PASSPHRASE = "correct horse battery"
NOW = datetime(2026, 11, 25, 9, 30).astimezone()


@pytest.fixture(scope="module")
def encrypted_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A journal with a backup, a pre-migration copy and a damaged file, encrypted once;
    and the journal's plain bytes as they were."""
    folder = tmp_path_factory.mktemp("encrypted")
    plain = folder / "journal.json"
    journal = Journal.open(plain, today=fixed_today)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima"))
    journal.wins.add(Win(won_on=TODAY, text=SECRET))
    journal.close()
    Journal.open(plain, today=fixed_today).close()  # today's backup
    plain.with_name("journal.json.pre-v2").write_bytes(plain.read_bytes())
    plain.with_name("journal.json.damaged-20261101-101010").write_bytes(b"{cut " + SECRET.encode())
    original = plain.read_bytes()
    done = encrypt_journal(plain, PASSPHRASE, NOW)
    assert done.journal == folder / "journal.json.age"
    return folder, original


@pytest.fixture
def folder(encrypted_once: tuple[Path, bytes], tmp_path: Path) -> Path:
    copy = tmp_path / "pair"
    shutil.copytree(encrypted_once[0], copy)
    return copy


def test_encrypt_leaves_no_plain_file(encrypted_once: tuple[Path, bytes]) -> None:
    folder, _original = encrypted_once
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["journal.json.age", f"journal.json.age.backup-{TODAY}",
                     "journal.json.age.damaged-20261101-101010", "journal.json.age.key",
                     "journal.json.age.pre-v2", "journal.json.lock"]
    for path in folder.iterdir():
        content = path.read_bytes()
        assert SECRET.encode() not in content and b"Ana" not in content
        assert path.name.endswith(".lock") or content.startswith(AGE_HEADER)


def test_the_key_opens_with_the_passphrase_and_pyrage_as_age_would(
        encrypted_once: tuple[Path, bytes]) -> None:
    folder, original = encrypted_once
    journal = folder / "journal.json.age"
    # What `age -d -i journal.json.age.key journal.json.age` does, step by step:
    identity_file = scrypt.decrypt(key_file(journal).read_bytes(), PASSPHRASE).decode()
    [secret] = [line for line in identity_file.splitlines() if line.startswith("AGE-SECRET")]
    assert f"# public key: {x25519.Identity.from_str(secret).to_public()}" in identity_file
    assert pyrage.decrypt(journal.read_bytes(), [x25519.Identity.from_str(secret)]) == original
    key = JournalKey.from_secret(secret)
    assert orjson.loads(key.open(journal, journal.read_bytes()))["wins"]["1"]["text"] == SECRET


def test_a_wrong_passphrase_changes_nothing(folder: Path) -> None:
    before = folder_bytes(folder)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        unlock(folder / "journal.json.age", "not the passphrase")
    assert folder_bytes(folder) == before


def test_a_missing_or_damaged_key_file(folder: Path) -> None:
    journal = folder / "journal.json.age"
    key = key_file(journal)
    content = key.read_bytes()
    key.unlink()
    with pytest.raises(KeyFileMissing, match="journal.json.age.key is not beside it"):
        unlock(journal, PASSPHRASE)
    for damaged in (b"", b"AGE-SECRET-KEY-1XYZ\n", content[:60]):
        key.write_bytes(damaged)
        with pytest.raises(KeyFileDamaged, match="cannot be read"):
            unlock(journal, PASSPHRASE)


def test_encrypt_twice_is_refused(folder: Path) -> None:
    with pytest.raises(AlreadyEncrypted):
        encrypt_journal(folder / "journal.json", PASSPHRASE, NOW)


def test_a_key_file_still_needed_is_never_replaced(folder: Path) -> None:
    """A plain journal beside encrypted backups and their key: encrypting it would make a
    new key and lose the old backups' one."""
    (folder / "journal.json.age").rename(folder / "elsewhere.json.age")
    (folder / "journal.json").write_bytes(b'{"meta": {"1": {"schema_version": 1}}}')
    before = folder_bytes(folder)
    with pytest.raises(KeyFileInTheWay):
        encrypt_journal(folder / "journal.json", PASSPHRASE, NOW)
    assert folder_bytes(folder) == before


def test_encrypt_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "journal.json"
    journal = Journal.open(plain, today=fixed_today)
    journal.wins.add(Win(won_on=TODAY, text=SECRET))
    journal.close()
    plain.with_name("journal.json.backup-2026-11-24").write_bytes(plain.read_bytes())
    before = folder_bytes(tmp_path)
    real = encryption.atomic_write

    def failing(path: Path, payload: bytes) -> None:
        if "backup" in path.name:
            raise OSError(28, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(encryption, "atomic_write", failing)
    monkeypatch.setattr(encryption, "seal_key", lambda *_args: b"a key file")  # no scrypt
    with pytest.raises(SaveFailed, match="No space left"):
        encrypt_journal(plain, PASSPHRASE, NOW)
    assert folder_bytes(tmp_path) == before


def test_change_passphrase_keeps_the_key(folder: Path) -> None:
    journal = folder / "journal.json.age"
    sealed = journal.read_bytes()
    key = unlock(journal, PASSPHRASE)
    change_passphrase(journal, key, "a new long passphrase", NOW)
    assert journal.read_bytes() == sealed  # the journal is not rewritten
    assert unlock(journal, "a new long passphrase").secret == key.secret
    with pytest.raises(WrongPassphrase):
        unlock(journal, PASSPHRASE)


def test_seal_key_writes_what_age_keygen_writes() -> None:
    key = JournalKey.generate()
    text = key.identity_file(NOW).decode()
    assert text.splitlines() == [f"# created: {NOW.isoformat(timespec='seconds')}",
                                 f"# public key: {key.recipient}", key.secret]
    assert seal_key.__doc__ and "scrypt" in seal_key.__doc__
