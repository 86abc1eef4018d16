"""An unlocked journal key kept in the OS keyring (`--remember`), so it is not asked again.

Optional: it needs the `keyring` package (`pip install 'mentorjournal[keyring]'`) and a
keyring behind it (macOS Keychain, Windows Credential Locker, the Secret Service of a
Linux desktop). Where either is missing, nothing is remembered and the passphrase is
asked each time; nothing fails. The key is kept under a digest of the key file's bytes:
a new passphrase (a new key file) makes the old entry useless, and it is removed then.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mentorjournal.storage.errors import JournalError
from mentorjournal.storage.sealed import JournalKey, read_key_file

SERVICE = "mentorjournal"
"""The keyring's service name for every journal key."""


def _entry_of(key_file_bytes: bytes) -> str:
    return "key-" + hashlib.sha256(key_file_bytes).hexdigest()[:32]


def _entry(journal: Path) -> str | None:
    """The keyring entry of this journal's key file; None when the file cannot be read."""
    try:
        return _entry_of(read_key_file(journal))
    except JournalError:
        return None


def remembered_key(journal: Path) -> JournalKey | None:
    """The journal's key if the keyring holds it; None when not (or no keyring here)."""
    entry = _entry(journal)
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    if entry is None:
        return None
    try:
        secret = keyring.get_password(SERVICE, entry)
    except (KeyringError, RuntimeError):  # no backend; a locked or absent Secret Service
        return None
    try:
        return JournalKey.from_secret(secret) if secret else None
    except ValueError:
        return None


def remember(journal: Path, key: JournalKey) -> str | None:
    """Keep the key in the keyring; returns why it could not be (None once kept)."""
    entry = _entry(journal)
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return ("--remember needs the keyring package (pip install 'mentorjournal[keyring]'); "
                "the passphrase will be asked again next time")
    if entry is None:
        return "the key file cannot be read"
    try:
        keyring.set_password(SERVICE, entry, key.secret)
    except (KeyringError, RuntimeError) as error:
        return (f"no keyring is available here ({error}); the passphrase will be asked "
                "again next time")
    return None


def forget(journal: Path, key_bytes: bytes | None = None) -> bool:
    """Remove the journal's key from the keyring (of the key file as it is, or as it was:
    `key_bytes`); True if there was one."""
    entry = _entry_of(key_bytes) if key_bytes is not None else _entry(journal)
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return False
    if entry is None:
        return False
    try:
        keyring.delete_password(SERVICE, entry)
    except (KeyringError, RuntimeError):
        return False
    return True
