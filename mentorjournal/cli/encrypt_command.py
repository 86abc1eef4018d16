"""`mentorjournal encrypt|decrypt|passphrase|forget`: a journal encrypted at rest, or not.

The work is storage's (storage/encryption.py): these commands ask for the passphrases
(cli/unlock.py: MENTORJOURNAL_PASSPHRASE and MENTORJOURNAL_NEW_PASSPHRASE for scripts)
and say what was done, on one line each.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from mentorjournal.cli.common import Sub, say, subcommand
from mentorjournal.cli.unlock import ask_key, key_for, new_passphrase, note, remember_key
from mentorjournal.core.errors import NotSetUp
from mentorjournal.storage.encryption import (
    change_passphrase,
    decrypt_journal,
    encrypt_journal,
)
from mentorjournal.storage.errors import AlreadyEncrypted, NotEncrypted
from mentorjournal.storage.paths import resolve_journal_path
from mentorjournal.storage.remembered import forget
from mentorjournal.storage.sealed import (
    NEW_PASSPHRASE_VAR,
    PASSPHRASE_VAR,
    is_encrypted,
    key_file,
    read_key_file,
)

ENCRYPT_EPILOG = f"""The journal becomes JOURNAL.age, encrypted (age) to a new key kept beside it
in JOURNAL.age.key under your passphrase; its backups are encrypted too and the plain
files removed. Keep the passphrase and a copy of the key file: without both, nobody can
open the journal, you included. The `age` tool opens it without mentorjournal:
  age -d -i journal.json.age.key journal.json.age > journal.json

examples:
  mentorjournal encrypt                       # asks for a new passphrase, twice
  {PASSPHRASE_VAR}='…' mentorjournal encrypt --db ~/pair.json
"""
DECRYPT_EPILOG = f"""The journal becomes plain JSON again, exactly as it was encrypted, with its
backups; the key file is removed (and the key forgotten by the keyring).

example: {PASSPHRASE_VAR}='…' mentorjournal decrypt --db ~/pair.json.age
"""
PASSPHRASE_EPILOG = f"""The key stays the same (so do the journal and its backups); only the key
file is written again, under the new passphrase. A copy of the old key file still opens
with the old passphrase: delete such copies.

example: {PASSPHRASE_VAR}='old…' {NEW_PASSPHRASE_VAR}='new…' mentorjournal passphrase
"""
FORGET_EPILOG = "example: mentorjournal forget --db ~/pair.json.age"


def add_parser(sub: Sub) -> None:
    encrypt = subcommand(sub, "encrypt", "encrypt the journal at rest (asks for a passphrase)",
                         ENCRYPT_EPILOG)
    encrypt.set_defaults(func=run_encrypt)
    decrypt = subcommand(sub, "decrypt", "turn an encrypted journal back into a plain one",
                         DECRYPT_EPILOG)
    decrypt.set_defaults(func=run_decrypt)
    passphrase = subcommand(sub, "passphrase", "change an encrypted journal's passphrase",
                            PASSPHRASE_EPILOG)
    passphrase.set_defaults(func=run_passphrase)
    forgetting = subcommand(sub, "forget", "forget the key that --remember kept in the "
                                           "keyring", FORGET_EPILOG)
    forgetting.set_defaults(func=run_forget)


def run_encrypt(args: argparse.Namespace) -> int:
    path = resolve_journal_path(args.db)
    if not path.exists():
        raise NotSetUp(path, missing=True)
    if is_encrypted(path):
        raise AlreadyEncrypted(path)
    passphrase = new_passphrase(PASSPHRASE_VAR)
    done = encrypt_journal(path, passphrase, datetime.now().astimezone())
    copies = f" and {len(done.copies)} backups and copies" if done.copies else ""
    say(f"Encrypted the journal{copies}: it is now {done.journal}, its key in "
        f"{key_file(done.journal).name} beside it. Keep the passphrase and a copy of the key "
        "file: without both, nobody can open the journal.")
    if args.remember and done.key is not None:
        remember_key(done.journal, done.key)
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    path = _encrypted(args)
    key = key_for(path)
    assert key is not None  # an encrypted journal's key, or an error
    key_bytes = read_key_file(path)
    done = decrypt_journal(path, key)
    forget(path, key_bytes)
    say(f"Decrypted the journal: it is now {done.journal}, plain JSON"
        + (f", with {len(done.copies)} backups and copies." if done.copies else "."))
    if done.left:
        note(f"{len(done.left)} damaged copies could not be decrypted and stay encrypted, "
             f"with the key file: {', '.join(p.name for p in done.left)}.")
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    path = _encrypted(args)
    key = ask_key(path)  # the old passphrase, always: a remembered key is not enough
    old = read_key_file(path)
    target = change_passphrase(path, key, new_passphrase(NEW_PASSPHRASE_VAR),
                               datetime.now().astimezone())
    was_remembered = forget(path, old)
    say(f"Changed the passphrase: {target.name} is written again; the journal is unchanged.")
    if args.remember or was_remembered:
        remember_key(path, key)
    return 0


def run_forget(args: argparse.Namespace) -> int:
    path = _encrypted(args)
    say("Forgot the journal's key: its passphrase will be asked next time." if forget(path)
        else "The keyring holds no key of this journal.")
    return 0


def _encrypted(args: argparse.Namespace) -> Path:
    """The encrypted journal named by --db; NotSetUp or NotEncrypted otherwise."""
    path = resolve_journal_path(args.db)
    if not path.exists():
        raise NotSetUp(path, missing=True)
    if not is_encrypted(path):
        raise NotEncrypted(path)
    return path
