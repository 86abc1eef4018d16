"""How a session ends: Ctrl+Q asks before typing is lost; a signal or a closed browser tab
asks nobody. Either way what the forms hold is kept as drafts (unless discarded), every
queued save reaches the disk, and the journal's lock is released before the process exits.

`MentorJournalApp` builds on this (and this on opening.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from functools import partial

from rich.text import Text
from textual.messages import ExitApp

from mentorjournal.opening import OpeningApp
from mentorjournal.screens.base import HoldsUnsavedInput
from mentorjournal.screens.drafts import leave_question
from mentorjournal.widgets.choice_modal import ChoiceModal

SAVES_TIMEOUT = 30.0
"""Seconds quitting waits for the queued saves (each is a few milliseconds on a sound disk)."""


class EndingApp(OpeningApp):
    """Quitting (Ctrl+Q, Ctrl+C), signals and every other way out of the app."""

    handle_signals = False
    """Set by the command line: SIGTERM and SIGHUP then end the session without asking
    (typing kept as drafts, saves finished), SIGINT quits as Ctrl+Q does."""

    _owns_journal = True
    _ending = False
    _saves_done = False

    async def on_unmount(self) -> None:
        """Release the journal this app opened (tests hand in journals they close themselves)."""
        if self._owns_journal and self.journal is not None:
            await asyncio.to_thread(self.saver.wait_idle, SAVES_TIMEOUT)
            self.journal.close()

    # -- ending the session ------------------------------------------------------

    def _quit_on_signals(self) -> None:
        """Without this, SIGTERM or a closed terminal (SIGHUP) would kill the app at once,
        dropping the saves still queued and leaving the terminal in raw mode."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
            loop.add_signal_handler(signal.SIGTERM, self._end_session, "stopped (SIGTERM)")
            loop.add_signal_handler(signal.SIGINT, self.call_next, self.action_quit)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, lambda *_: self._terminal_closed(loop))

    def _terminal_closed(self, loop: asyncio.AbstractEventLoop) -> None:
        """SIGHUP: the terminal is gone. Point the screen at /dev/null (writing to a hung-up
        terminal fails, and Textual's shutdown writes) and ignore the SIGCONT that follows a
        hangup (Textual would restart on the dead terminal); then end without asking anyone.
        (At /dev/null's end of file Textual's input thread spins, Textualize/textual#6690,
        for the moment the app takes to exit; a pipe instead would block its last read.)"""
        signal.signal(signal.SIGCONT, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        loop.call_soon_threadsafe(self._end_session, "the terminal closed")

    def _end_session(self, why: str) -> None:
        """A signal ends the session: nobody is asked (the terminal may be gone). What the
        forms hold is kept as drafts and the queued saves finish as the app exits."""
        kept = any(self._unsaved())
        line = (f"mentorjournal: {why}; every save is on disk"
                + ("; what was being typed is kept as a draft." if kept else "."))
        self.exit(message=Text(line))

    def _unsaved(self) -> list[HoldsUnsavedInput]:
        return [s for s in self.screen_stack
                if isinstance(s, HoldsUnsavedInput) and s.has_unsaved_changes()]

    async def on_exit_app(self, event: ExitApp) -> None:
        """Every way out (Ctrl+Q, a signal, a closed browser tab, `exit()`) first keeps what
        the forms hold as drafts and finishes the queued saves; then Textual exits."""
        if self._saves_done:
            return
        event.prevent_default()
        if not self._ending:
            self._ending = True
            for screen in self._unsaved():
                screen.keep_typing_as_draft()
            self.run_worker(self._exit_when_saved(), group="quit", exit_on_error=False)

    async def _exit_when_saved(self) -> None:
        await asyncio.to_thread(self.saver.wait_idle, SAVES_TIMEOUT)
        self._saves_done = True
        self.post_message(ExitApp())

    async def action_quit(self) -> None:
        """Ctrl+Q: quit once every queued save has reached the disk; with typing not yet
        saved, ask first as a form's Escape does (keep editing, keep as draft, discard)."""
        unsaved = self._unsaved()
        if not unsaved:
            self.exit()
        elif not self._ending and not isinstance(self.screen, ChoiceModal):
            self.push_screen(
                leave_question(keeps_drafts=all(s.keeps_drafts for s in unsaved),
                               quitting=True),
                partial(self._quit_chosen, unsaved))

    def _quit_chosen(self, unsaved: list[HoldsUnsavedInput], choice: str | None) -> None:
        if choice == "discard":
            for screen in unsaved:
                screen.discard_typing()
        if choice in ("discard", "draft"):
            self.exit()
