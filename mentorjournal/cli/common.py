"""What every subcommand shares: the --db option, exit codes, "today", one-line failures."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from mentorjournal.core.text import printable
from mentorjournal.storage.paths import ENV_VAR

if TYPE_CHECKING:
    from mentorjournal.storage.sealed import JournalKey

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What `add_subparsers()` returns: each subcommand module adds its parsers to it."""

EXIT_USAGE = 2
"""Bad input, a damaged journal or one from a newer version."""
EXIT_LOCKED = 3
"""The journal is open in a running mentorjournal."""

TODAY_VAR = "MENTORJOURNAL_TODAY"
"""Pins "today" (an ISO date) for tests and demos; unset, the clock decides."""


def today() -> date:
    pinned = os.environ.get(TODAY_VAR)
    return date.fromisoformat(pinned) if pinned else date.today()


def db_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    """--db, and --remember (for an encrypted journal), on the command or a subcommand."""
    parser.add_argument(
        "--db", metavar="PATH", default=default,
        help=f"the journal file (default: ${ENV_VAR}, else the per-user data folder)",
    )
    parser.add_argument(
        "--remember", action="store_true", default=False if default is None else default,
        help="an encrypted journal: keep its unlocked key in the system's keyring "
             "(needs the keyring extra)")


def journal_key(path: Path, args: argparse.Namespace) -> JournalKey | None:
    """The unlocked key of the journal file `path` (None if it is a plain one): from the
    keyring, MENTORJOURNAL_PASSPHRASE or the terminal (cli/unlock.py)."""
    from mentorjournal.cli.unlock import key_for

    return key_for(path, remember_it=getattr(args, "remember", False))


def subcommand(sub: Sub, name: str, help: str, epilog: str) -> argparse.ArgumentParser:
    """A subcommand's parser: its help as the description, examples kept as written."""
    parser = sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                            epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    db_option(parser, argparse.SUPPRESS)
    return parser


def say(message: str) -> None:
    """Print a one-line report on stdout, user text (a path, a title) in it made safe."""
    print(printable(message))


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error on stderr (user text in it made safe) and return the exit code."""
    print(f"mentorjournal: {printable(message)}", file=sys.stderr)
    return code


Run: TypeAlias = Callable[[argparse.Namespace], int]
"""A subcommand's `func(args) -> exit code`."""
