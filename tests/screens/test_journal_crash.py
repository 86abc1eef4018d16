"""A draft survives SIGKILL: the real app under a pty, typed into, killed, reopened."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import orjson
import pytest
from textual.widgets import Input, TextArea

from mentorjournal.app import make_app
from mentorjournal.core.entries import BUILT_IN_PROMPTS, DRAFT_ENTRY
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Pair
from mentorjournal.screens.entry_editor import EntryEditorModal
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import ROOT, SIZE, open_journal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")

DEADLINE = 30.0
"""Seconds to wait for the app to react (generous for a loaded machine)."""


class Terminal:
    """The app running under a pseudo-terminal; output is drained so it never blocks."""

    def __init__(self, db: Path, home: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home),
               "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mentorjournal", "--db", str(db)],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.output = b""

    def wait_for(self, condition: object, what: str) -> None:
        """Read output until `condition()` holds (the output is drained meanwhile)."""
        deadline = time.monotonic() + DEADLINE
        while not condition():  # type: ignore[operator]
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                raise AssertionError(f"timed out waiting for {what}")
            ready, _, _ = select.select([self.master], [], [], min(remaining, 0.05))
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break

    def shows(self, text: str) -> bool:
        return text.encode() in self.output

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        os.close(self.master)


def draft_on_disk(db: Path) -> dict[str, object] | None:
    """The entry draft in the journal file as it is on disk now (atomic renames: never torn)."""
    drafts = orjson.loads(db.read_bytes()).get("drafts", {})
    fields = [d["fields"] for d in drafts.values() if d.get("kind") == DRAFT_ENTRY]
    return fields[0] if fields else None


def draft_holds(db: Path, kept: dict[str, str]) -> bool:
    draft = draft_on_disk(db) or {}
    return all(draft.get(key) == value for key, value in kept.items())


def test_a_draft_survives_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "journal.json"
    journal = open_journal(db)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()

    terminal = Terminal(db, tmp_path)
    try:
        # the pair line appears once the journal is open (the cards show before)
        terminal.wait_for(lambda: terminal.shows("(mentor)"), "the open journal")
        terminal.type("j")
        terminal.wait_for(lambda: terminal.shows("writing streak"), "the journal screen")
        terminal.type("n")
        terminal.wait_for(lambda: terminal.shows("not saved yet"), "the editor")
        terminal.type("\x1bOR")  # F3: the writing prompts
        terminal.wait_for(lambda: terminal.shows("Writing prompts"), "the prompts")
        terminal.type("\r")  # the first prompt becomes the title; the text has focus
        terminal.wait_for(lambda: draft_on_disk(db) is not None, "the first draft")
        terminal.type("Kept words")
        kept = {"title": BUILT_IN_PROMPTS[0], "body": "Kept words"}
        terminal.wait_for(lambda: draft_holds(db, kept), "the draft with the words")
        terminal.type(" and lost ones")  # killed before the next debounce
    finally:
        terminal.kill()

    reopened = open_journal(db)
    try:
        [draft] = reopened.drafts.of_kind(DRAFT_ENTRY)
        assert {k: draft.fields[k] for k in kept} == kept
        assert reopened_app_offers(reopened, kept)
    finally:
        reopened.close()


def reopened_app_offers(journal: Journal, kept: dict[str, str]) -> bool:
    """Open the app on the journal: the draft is offered, and restoring it shows the text."""
    import asyncio

    async def run() -> bool:
        app = make_app(journal=journal)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            await pilot.press("enter")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, EntryEditorModal)
            assert editor.query_one("#title", Input).value == kept["title"]
            assert editor.query_one("#body", TextArea).text == kept["body"]
        return True

    return asyncio.run(run())
