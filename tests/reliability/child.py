"""The processes the reliability tests kill, crash and signal: `python -m tests.reliability.child`.

Each program reports on stdout (or on the pipe `--report FD`) one line per event, written
only AFTER the event happened: "ready" once the journal is open, "ack N" once save N returned.
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Win
from mentorjournal.storage import files as files_module
from mentorjournal.storage import store as store_module
from mentorjournal.storage.errors import JournalLocked

TODAY = date(2026, 11, 25)
COUNTER_ID = 1
"""The journal entry whose body the saver rewrites with the number of its latest edit."""


def report(line: str, fd: int = 1) -> None:
    os.write(fd, f"{line}\n".encode())  # one small write: a line arrives whole or not at all


def open_journal(path: Path) -> Journal:
    return Journal.open(path, today=lambda: TODAY)


def saver(path: Path, run: int) -> None:
    """Edit forever: add a win, rewrite the counter entry, or both in one batch."""
    journal = open_journal(path)
    report("ready")
    counter = journal.entries.get(COUNTER_ID)
    assert counter is not None
    number = 0
    while True:
        mark = f"{run}:{number}"
        kind = number % 3
        if kind == 0:
            journal.wins.add(Win(won_on=TODAY, text=mark))
        elif kind == 1:
            counter = journal._records.update(dataclasses.replace(counter, body=mark))
        else:
            with journal.batch():
                journal.wins.add(Win(won_on=TODAY, text=mark))
                counter = journal._records.update(dataclasses.replace(counter, body=mark))
        report(f"ack {number}")
        number += 1


def _die(*_args: Any, **_kwargs: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)


class _HalfWriter:
    """A file handle that writes half of what it is given, then the process dies."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        os.close(self._fd)

    def write(self, payload: bytes) -> int:
        os.write(self._fd, payload[: len(payload) // 2])
        _die()
        return 0


CRASH_STEPS = {
    "before-write": lambda: setattr(store_module.os, "fdopen", _die),
    "mid-write": lambda: setattr(store_module.os, "fdopen", lambda fd, _mode: _HalfWriter(fd)),
    "after-write": lambda: setattr(store_module.os, "fsync", _die),
    "after-fsync": lambda: setattr(store_module.os, "replace", _die),
    "after-replace": lambda: setattr(files_module, "_fsync_dir", _die),
}
"""Where a save is cut short by SIGKILL: the process dies there, no cleanup runs."""


def crash(path: Path, step: str) -> None:
    """Open the journal, then die at `step` of saving one new win."""
    journal = open_journal(path)
    CRASH_STEPS[step]()
    journal.wins.add(Win(won_on=TODAY, text="new"))
    report("survived")  # never reached


def hold(path: Path) -> None:
    """Keep the journal open until stdin closes."""
    journal = open_journal(path)
    report("ready")
    sys.stdin.read()
    journal.close()


def contend(path: Path, name: str, edits: int) -> None:
    """Open, add one win, close; again and again, waiting whenever the other writer has it."""
    rng = random.Random(name)
    refused = 0
    report("ready")
    sys.stdin.readline()  # both start together
    for number in range(edits):
        while True:
            try:
                journal = open_journal(path)
            except JournalLocked:
                refused += 1
                time.sleep(rng.uniform(0, 0.005))  # a process backing off, not a test waiting
                continue
            break
        try:
            journal.wins.add(Win(won_on=TODAY, text=f"{name}:{number}"))
        finally:
            journal.close()
        report(f"ack {number}")
    report(f"refused {refused}")


def app(path: Path, saves: int, report_fd: int) -> None:
    """The real command line on a terminal; `saves` wins are queued once the journal is open.

    Each write is slowed down (a slow disk), so the saves are still queued when the test
    sends the signal; "queued" is reported once they all are.
    """
    from mentorjournal.app import MentorJournalApp
    from mentorjournal.cli import main as cli

    write = store_module.atomic_write

    def slow_write(target: Path, payload: bytes) -> None:
        time.sleep(0.05)
        write(target, payload)

    store_module.atomic_write = slow_write
    opened = MentorJournalApp._journal_opened

    def queue_saves(self: MentorJournalApp, journal: Journal) -> None:
        opened(self, journal)
        for number in range(saves):
            self.save(lambda n=number: journal.wins.add(Win(won_on=TODAY, text=f"queued:{n}")))
        report("queued", report_fd)

    MentorJournalApp._journal_opened = queue_saves  # type: ignore[method-assign]
    code = cli.main(["--db", str(path)])
    report(f"exit {code}", report_fd)
    sys.exit(code)


def forms(path: Path, report_fd: int) -> None:
    """The real command line on a terminal, reporting (on `report_fd`) what a test typing
    into it needs to know: "screen NAME" once a screen is shown, "ready KEY" once a form
    keeps drafts of KEY, "typed JSON" (the form's inputs) after each change, "focus
    TYPE#ID" when the cursor moves, "opened" once the journal is open (the keys of the
    sections work then)."""
    import json

    from textual.app import App
    from textual.screen import Screen

    from mentorjournal.app import MentorJournalApp
    from mentorjournal.cli import main as cli
    from mentorjournal.screens.drafts import DraftKeeper

    push, start, touch = App.push_screen, DraftKeeper.__init__, DraftKeeper.touch
    focus = Screen.set_focus
    opened = MentorJournalApp._journal_opened

    def journal_opened(self: MentorJournalApp, journal: Journal) -> None:
        opened(self, journal)
        report("opened", report_fd)

    def pushed(self: App[Any], screen: Any, *args: Any, **kwargs: Any) -> Any:
        shown = push(self, screen, *args, **kwargs)
        self.call_after_refresh(report, f"screen {type(screen).__name__}", report_fd)
        return shown

    def focused(self: Screen[Any], widget: Any, *args: Any, **kwargs: Any) -> None:
        focus(self, widget, *args, **kwargs)
        if widget is not None:
            report(f"focus {type(widget).__name__}#{widget.id}", report_fd)

    def started(self: DraftKeeper, *args: Any, **kwargs: Any) -> None:
        start(self, *args, **kwargs)
        report(f"ready {self.key}", report_fd)

    def touched(self: DraftKeeper) -> None:
        touch(self)
        report(f"typed {json.dumps(self._read())}", report_fd)

    MentorJournalApp._journal_opened = journal_opened  # type: ignore[method-assign]
    App.push_screen = pushed  # type: ignore[method-assign,assignment]
    Screen.set_focus = focused  # type: ignore[method-assign]
    DraftKeeper.__init__ = started  # type: ignore[method-assign]
    DraftKeeper.touch = touched  # type: ignore[method-assign]
    code = cli.main(["--db", str(path)])
    report(f"exit {code}", report_fd)
    sys.exit(code)


def main(argv: list[str]) -> None:
    command, path, *rest = argv
    journal_path = Path(path)
    if command == "saver":
        saver(journal_path, int(rest[0]))
    elif command == "crash":
        crash(journal_path, rest[0])
    elif command == "hold":
        hold(journal_path)
    elif command == "contend":
        contend(journal_path, rest[0], int(rest[1]))
    elif command == "app":
        app(journal_path, int(rest[0]), int(rest[1]))
    elif command == "forms":
        forms(journal_path, int(rest[0]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
