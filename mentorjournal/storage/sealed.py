"""Encryption at rest: an encrypted journal is an age file, its key kept beside it.

A journal named `<name>.age` is encrypted (age, https://age-encryption.org/v1) to one
X25519 key of its own. That key is kept beside it in `<name>.age.key`, an age file itself,
encrypted with the user's passphrase (age's scrypt). Unlocking runs scrypt once (about a
second, on purpose); every save after that only encrypts to the key, which is as fast
as a copy. The standard `age` tool opens both files: `age -d -i journal.json.age.key
journal.json.age` (docs/file-format.md, "Encrypted journals").

pyrage (the age reference library's Python binding) is imported only when an encrypted
journal is touched: a plain journal's start-up never loads it.
"""

from __future__ import annotations

import io
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mentorjournal.storage.errors import (
    JournalDamaged,
    KeyFileDamaged,
    KeyFileMissing,
    NotThisJournalsKey,
    TwoJournals,
    WrongPassphrase,
)
from mentorjournal.storage.files import read_regular, regular_file

if TYPE_CHECKING:
    from pyrage import x25519

AGE_HEADER = b"age-encryption.org/v1\n"
"""How every age file begins (binary, not armored)."""
SUFFIX = ".age"
"""An encrypted journal's name ends with it: the name says which form a journal is in."""
KEY_SUFFIX = ".key"
"""`journal.json.age.key`: the key of `journal.json.age`, under the passphrase."""
PASSPHRASE_VAR = "MENTORJOURNAL_PASSPHRASE"
"""The journal's passphrase for scripts; without it, the shell asks on the terminal."""
NEW_PASSPHRASE_VAR = "MENTORJOURNAL_NEW_PASSPHRASE"
"""The new passphrase of `mentorjournal passphrase`, for scripts."""


def is_encrypted(path: Path) -> bool:
    """Whether the journal file `path` is (to be read as) an encrypted one: its name says."""
    return path.name.endswith(SUFFIX)


def plain_name(path: Path) -> Path:
    """The journal's plain name: `journal.json` for both `journal.json` and `….json.age`."""
    return path.with_name(path.name.removesuffix(SUFFIX)) if is_encrypted(path) else path


def encrypted_name(path: Path) -> Path:
    """The journal's encrypted name: `journal.json.age`."""
    plain = plain_name(path)
    return plain.with_name(plain.name + SUFFIX)


def key_file(path: Path) -> Path:
    """Where the key of the journal `path` (either name) is kept: `journal.json.age.key`,
    beside the file a symlinked journal path leads to (as its lock and backups are)."""
    sealed = _followed(encrypted_name(_followed(path)))
    return sealed.with_name(sealed.name + KEY_SUFFIX)


def journal_file(path: Path) -> Path:
    """The file a journal path names: itself, or its other form when only that one exists.

    `--db journal.json` (or MENTORJOURNAL_DB) finds `journal.json.age` after `encrypt`,
    and `--db journal.json.age` finds `journal.json` after `decrypt`. When both exist
    (an `encrypt` or `decrypt` that was interrupted) nothing is guessed: TwoJournals.
    """
    for folder in dict.fromkeys((path, _followed(path))):
        plain, sealed = plain_name(folder), encrypted_name(folder)
        plain_there, sealed_there = os.path.exists(plain), os.path.exists(sealed)
        if plain_there and sealed_there:
            raise TwoJournals(plain, sealed)
        if plain_there or sealed_there:
            return sealed if sealed_there else plain
    return path


def _followed(path: Path) -> Path:
    """`path` with its symlinks followed (a link to a journal since encrypted dangles)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


class JournalKey:
    """An unlocked journal key: the X25519 identity the journal's files are encrypted to."""

    def __init__(self, identity: x25519.Identity) -> None:
        self._identity = identity
        self._recipient = identity.to_public()

    @classmethod
    def generate(cls) -> JournalKey:
        from pyrage import x25519

        return cls(x25519.Identity.generate())

    @classmethod
    def from_secret(cls, secret: str) -> JournalKey:
        """The key from its `AGE-SECRET-KEY-1…` line (as kept in the keyring)."""
        from pyrage import IdentityError, x25519

        try:
            return cls(x25519.Identity.from_str(secret.strip()))
        except IdentityError as error:
            raise ValueError(str(error)) from None

    @property
    def secret(self) -> str:
        """The `AGE-SECRET-KEY-1…` line: whoever has it reads the journal."""
        return str(self._identity)

    @property
    def recipient(self) -> str:
        """The public half, `age1…`: what the journal is encrypted to."""
        return str(self._recipient)

    def seal(self, payload: bytes) -> bytes:
        """`payload` as an age file encrypted to this key (an OSError if that fails)."""
        import pyrage

        try:
            return pyrage.encrypt(payload, [self._recipient])
        except pyrage.EncryptError as error:
            raise OSError(f"encryption failed ({error})") from None

    def seal_into(self, payload: bytes, handle: io.BufferedWriter) -> None:
        """Write `payload` to `handle` as an age file encrypted to this key, streaming: no
        copy of the ciphertext is made in memory (what keeps an encrypted save close to a
        plain one, docs/performance.md). Raises OSError when writing fails (a full disk)."""
        import pyrage

        try:
            pyrage.encrypt_io(io.BytesIO(payload), handle, [self._recipient])
        except pyrage.EncryptError as error:
            raise OSError(str(error).removeprefix("OSError: ")) from None

    def open(self, path: Path, sealed: bytes) -> bytes:
        """The plain bytes of the age file `sealed` read from `path`.

        Raises NotThisJournalsKey when it was encrypted to another key, JournalDamaged
        when it is not an age file or is cut short or altered (age authenticates it all).
        """
        import pyrage

        if not sealed.startswith(AGE_HEADER):
            raise JournalDamaged(path, "it is named .age but is not an age-encrypted file")
        try:
            return pyrage.decrypt(sealed, [self._identity])
        except pyrage.DecryptError as error:
            if "no matching keys" in str(error).lower():
                raise NotThisJournalsKey(path) from None
            raise JournalDamaged(path, f"the encrypted file is cut short or altered "
                                       f"(age: {error})") from None

    def identity_file(self, now: datetime) -> bytes:
        """The key as `age-keygen` writes it: what `age -i` reads once decrypted."""
        return (f"# created: {now.isoformat(timespec='seconds')}\n"
                f"# public key: {self.recipient}\n{self.secret}\n").encode()


def seal_key(key: JournalKey, passphrase: str, now: datetime) -> bytes:
    """The key file's content: the identity file, encrypted with the passphrase (scrypt)."""
    from pyrage import passphrase as scrypt

    return scrypt.encrypt(key.identity_file(now), passphrase)


def read_key_file(journal: Path) -> bytes:
    """The bytes of the journal's key file; KeyFileMissing when it is not there."""
    path = key_file(journal)
    regular_file(path)  # a folder or a FIFO in its place is refused, never opened
    sealed = read_regular(path, single_name=False)
    if sealed is None:
        raise KeyFileMissing(journal, path)
    return sealed


def unlock(journal: Path, passphrase: str) -> JournalKey:
    """The journal's key, opened with the passphrase: the slow step (scrypt, ~1 s).

    Raises KeyFileMissing, WrongPassphrase or KeyFileDamaged; nothing is written.
    """
    from pyrage import DecryptError
    from pyrage import passphrase as scrypt

    path = key_file(journal)
    sealed = read_key_file(journal)
    if not sealed.startswith(AGE_HEADER) or b"\n-> scrypt " not in sealed[:200]:
        raise KeyFileDamaged(path, "it is not a passphrase-encrypted age file")
    try:
        identity_file = scrypt.decrypt(sealed, passphrase)
    except DecryptError as error:
        if str(error) == "Decryption failed":  # scrypt's key did not open the file key
            raise WrongPassphrase(journal) from None
        raise KeyFileDamaged(path, f"it is cut short or altered (age: {error})") from None
    return _key_from(path, identity_file)


def _key_from(path: Path, identity_file: bytes) -> JournalKey:
    lines = [line.strip() for line in identity_file.decode("utf-8", "replace").splitlines()]
    secrets = [line for line in lines if line.startswith("AGE-SECRET-KEY-1")]
    if len(secrets) != 1:
        raise KeyFileDamaged(path, "it does not hold exactly one age key")
    try:
        return JournalKey.from_secret(secrets[0])
    except ValueError as error:
        raise KeyFileDamaged(path, f"its key is not valid ({error})") from None
