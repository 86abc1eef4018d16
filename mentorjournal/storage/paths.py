"""Where the journal file lives: platformdirs, overridden by --db or MENTORJOURNAL_DB."""

from __future__ import annotations

import os
from pathlib import Path

from mentorjournal.storage.sealed import journal_file

APP_NAME = "mentorjournal"
ENV_VAR = "MENTORJOURNAL_DB"


def default_journal_path() -> Path:
    """The per-user journal file, resolved now (never at import).

    platformdirs is imported here: with --db or the variable set, commands such as
    `export` start without it (a fifth of the command line's import time).
    """
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "journal.json"


def resolve_journal_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--db` wins over the environment variable, which wins over the default.

    Either name of a journal finds it: `journal.json` is `journal.json.age` once encrypted
    (and the other way round); both there is TwoJournals.
    """
    chosen = cli_value or os.environ.get(ENV_VAR)
    path = Path(chosen).expanduser().absolute() if chosen else default_journal_path()
    return journal_file(path)
