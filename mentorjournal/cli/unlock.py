"""Unlocking an encrypted journal in the shell: the keyring, MENTORJOURNAL_PASSPHRASE, or
the terminal, in that order; and asking for a new passphrase (twice on a terminal).

The passphrase is read from the terminal itself (/dev/tty), never from standard input,
which may be an entry's text piped in; without a terminal, the variable is the way.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.text import check_passphrase, printable
from mentorjournal.storage.errors import JournalEncrypted, JournalError, WrongPassphrase
from mentorjournal.storage.remembered import remember, remembered_key
from mentorjournal.storage.sealed import (
    PASSPHRASE_VAR,
    JournalKey,
    is_encrypted,
    read_key_file,
    unlock,
)

TRIES = 3
"""Passphrases typed before giving up (the app's dialog allows as many)."""


def note(message: str) -> None:
    """A line on stderr that does not end the command."""
    print(f"mentorjournal: {printable(message)}", file=sys.stderr)


def key_for(path: Path, *, remember_it: bool = False, use_keyring: bool = True
            ) -> JournalKey | None:
    """The unlocked key of the journal file `path`; None for a plain (or missing) journal.

    Raises JournalEncrypted (no variable, no terminal), WrongPassphrase, KeyFileMissing...
    """
    if not is_encrypted(path) or not path.exists():
        return None
    key = remembered_key(path) if use_keyring else None
    if key is None:
        key = ask_key(path)
        if remember_it:
            remember_key(path, key)
    return key


def remember_key(path: Path, key: JournalKey) -> None:
    """Keep the key in the keyring, saying so, or why it could not be (never failing)."""
    why_not = remember(path, key)
    note(f"not remembered: {why_not}." if why_not else
         "the key is remembered in this system's keyring (`mentorjournal forget` removes it).")


def ask_key(path: Path) -> JournalKey:
    """The key opened with MENTORJOURNAL_PASSPHRASE, or with a passphrase typed on the
    terminal (TRIES times)."""
    given = os.environ.get(PASSPHRASE_VAR)
    if given is not None:
        return unlock(path, given)
    if not has_terminal():
        raise JournalEncrypted(path)
    read_key_file(path)  # a missing key file is said before anything is asked
    for attempt in range(1, TRIES + 1):
        try:
            return unlock(path, _ask(f"Passphrase for {path.name}: "))
        except WrongPassphrase:
            if attempt == TRIES:
                raise
            note(f"wrong passphrase; try again ({attempt + 1} of {TRIES}).")
    raise AssertionError("unreachable")  # pragma: no cover


def new_passphrase(variable: str) -> str:
    """A new passphrase: from `variable`, or typed twice on the terminal."""
    given = os.environ.get(variable)
    if given is not None:
        return check_passphrase(given)
    if not has_terminal():
        raise JournalError(f"A new passphrase is needed: run this on a terminal, or set "
                           f"{variable}. Nothing was changed.")
    for _ in range(TRIES):
        first = _ask("New passphrase: ")
        try:
            check_passphrase(first)
        except ValidationError as error:
            note(str(error))
            continue
        if _ask("The same again: ") == first:
            return first
        note("the two passphrases differ; once more.")
    raise JournalError("No new passphrase was set. Nothing was changed.")


def has_terminal() -> bool:
    """Whether a passphrase can be asked: this process has a terminal to talk to."""
    if os.name == "nt":  # pragma: no cover - getpass reads the console there
        return sys.stdin is not None and sys.stdin.isatty()
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return False
    os.close(fd)
    return True


def _ask(prompt: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:  # Ctrl+D
        raise JournalError("No passphrase was typed. Nothing was changed.") from None
