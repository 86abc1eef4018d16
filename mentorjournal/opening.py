"""The app's first half: open the journal off the UI thread, and answer when it cannot be.

An encrypted journal is unlocked first: with the key the keyring remembers, else
MENTORJOURNAL_PASSPHRASE, else a passphrase asked in a dialog (three wrong ones end the
app, the files untouched). A locked journal or one that cannot be written is offered
read-only; a damaged one the repairs (restore the newest backup, or move it aside), never
without consent; anything else ends the app with one safe line. `MentorJournalApp`
builds on this.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import get_current_worker

from mentorjournal.core.journal import Journal
from mentorjournal.core.sections import SECTIONS
from mentorjournal.core.text import printable
from mentorjournal.saver import SaveQueue
from mentorjournal.screens import section_screen
from mentorjournal.storage.backups import backups_of, quarantine, restore_backup
from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalEncrypted,
    JournalError,
    JournalHasLinks,
    JournalLocked,
    JournalNotWritable,
    WrongPassphrase,
)
from mentorjournal.storage.sealed import (
    PASSPHRASE_VAR,
    JournalKey,
    journal_file,
    read_key_file,
    unlock,
)
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal

PASSPHRASE_TRIES = 3
"""Wrong passphrases before the app gives up (the shell allows as many)."""


class OpeningApp(App[None]):
    """Opens `path` in a worker, checks it in full after the first paint, offers repairs."""

    path: Path | None
    journal: Journal | None
    today: Callable[[], date]
    saver: SaveQueue
    journal_changed: Signal[None]
    remember = False
    """Set by the command line (--remember): keep an unlocked key in the keyring."""
    key: JournalKey | None = None
    """The unlocked key of an encrypted journal (None until then, or for a plain one)."""
    _wrong_passphrases = 0

    def _journal_opened(self, journal: Journal) -> None:
        """The journal is open (not yet read in full): show it (the app says how)."""
        raise NotImplementedError

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, but for an encrypted journal not "Screenshot": it
        writes the screen, the journal's text in it, as a plain SVG file."""
        for command in super().get_system_commands(screen):
            if not (self.key is not None and command.title == "Screenshot"):
                yield command

    def go_home(self) -> None:
        """Back to the home screen (the app says how)."""
        raise NotImplementedError

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def load_journal(self, readonly: bool = False) -> None:
        """Open, parse and check the journal file off the UI thread."""
        self._open(readonly)

    def _open(self, readonly: bool, unlocked: bool = False) -> None:
        """In a worker: the journal opened (with the key once `unlocked`), or the reason
        it can't be; an encrypted one is unlocked first, in this same worker."""
        assert self.path is not None
        try:
            self.path = journal_file(self.path)  # the plain name finds it once encrypted
            with _reading_journal():
                journal = Journal.open(self.path, readonly=readonly, today=self.today,
                                       verify=False, key=self.key)
        except JournalEncrypted as error:
            if unlocked:  # the key it was unlocked with does not open it
                self.call_from_thread(self._journal_failed, error)
            else:
                self._unlock(None, readonly)
            return
        except JournalError as error:
            self.call_from_thread(self._journal_failed, error)
            return
        self.call_from_thread(self._journal_opened, journal)

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def unlock_journal(self, passphrase: str, readonly: bool) -> None:
        """Open the key with a typed passphrase (scrypt, ~1 s) off the UI thread, then
        the journal."""
        self._unlock(passphrase, readonly)

    def _unlock(self, passphrase: str | None, readonly: bool) -> None:
        """In a worker: the key (remembered, from the variable, or from `passphrase`), then
        the journal opened with it; without one, the passphrase is asked."""
        from mentorjournal.storage.remembered import remember, remembered_key

        assert self.path is not None
        key = remembered_key(self.path) if passphrase is None else None
        passphrase = passphrase or (None if key else os.environ.get(PASSPHRASE_VAR))
        try:
            read_key_file(self.path)  # a missing key file is said before anything is asked
            if key is None and passphrase is not None:
                key = unlock(self.path, passphrase)
        except WrongPassphrase:
            self._wrong_passphrases += 1
            self.call_from_thread(self._ask_passphrase, readonly)
            return
        except JournalError as error:
            self.call_from_thread(self._journal_failed, error)
            return
        if key is None:
            self.call_from_thread(self._ask_passphrase, readonly)
            return
        if self.remember and passphrase is not None:
            why_not = remember(self.path, key)
            self.call_from_thread(self.notify, printable(
                f"Not remembered: {why_not}." if why_not else "The key is remembered in "
                "this system's keyring."), markup=False, timeout=10)
        self.key = key
        self._open(readonly, unlocked=True)  # a new worker of the group would cancel this one

    def _ask_passphrase(self, readonly: bool) -> None:
        from mentorjournal.widgets.passphrase_modal import PassphraseModal  # when needed

        assert self.path is not None
        wrong = self._wrong_passphrases
        if wrong >= PASSPHRASE_TRIES:
            self._leave(f"Wrong passphrase {wrong} times: the journal {self.path} was not "
                        "opened. Nothing was changed.")
            return
        problem = f"Wrong passphrase ({wrong} of {PASSPHRASE_TRIES} tries)." if wrong else ""
        self.push_screen(PassphraseModal(self.path.name, problem),
                         partial(self._passphrase_given, readonly))

    def _passphrase_given(self, readonly: bool, passphrase: str | None) -> None:
        if passphrase is None:
            self._leave("The journal was not opened. Nothing was changed.", 0)
            return
        self.notify("Unlocking the journal…", timeout=3)
        self.unlock_journal(passphrase, readonly)

    @work(thread=True, group="load", exit_on_error=False)
    def verify_journal(self, journal: Journal) -> None:
        """Read every record while the home screen already shows the pair, then get the
        sections ready."""
        if not journal.verified:
            try:
                with _reading_journal():
                    journal.verify()
            except JournalError as error:
                self.call_from_thread(self._journal_unreadable, journal, error)
                return
            self.call_from_thread(self.journal_changed.publish, None)
        try:
            _prepare_sections(journal)
        finally:
            _settle_memory()  # an error still reaches on_worker_state_changed

    def _journal_unreadable(self, journal: Journal, error: JournalError) -> None:
        """A damaged record found after opening: close the journal, then offer repairs."""
        self.saver.wait_idle(30)
        journal.close()
        self.journal = None
        self.go_home()
        self._journal_failed(error)

    def _journal_failed(self, error: JournalError) -> None:
        if isinstance(error, JournalLocked | JournalNotWritable | JournalHasLinks):
            title = ("Journal already open" if isinstance(error, JournalLocked)
                     else "The journal has two names" if isinstance(error, JournalHasLinks)
                     else "Cannot save here")
            self.push_screen(
                ChoiceModal(title, str(error),
                            [Choice("readonly", "Open read-only", "primary"),
                             Choice("quit", "Quit")]),
                partial(self._locked_chosen, error),
            )
        elif isinstance(error, JournalDamaged):
            self._offer_repair(error)
        else:  # not a journal file, from a newer version, ...: nothing to offer but quitting
            self.push_screen(
                ChoiceModal("Cannot open the journal", str(error), [Choice("quit", "Quit")]),
                lambda _key: self._leave(str(error)),
            )

    def _locked_chosen(self, error: JournalError, key: str | None) -> None:
        if key == "readonly":
            self.load_journal(readonly=True)
        else:
            self._leave(str(error), 0)

    def _leave(self, message: str, return_code: int = 2) -> None:
        """Quit, leaving `message` on the terminal: literal text, made safe, never markup."""
        self.exit(None, return_code, Text(printable(message)))

    def _offer_repair(self, error: JournalDamaged) -> None:
        backups = backups_of(error.path)
        choices = [Choice("quit", "Quit, change nothing", "primary")]
        if backups:
            choices.append(Choice("restore", f"Restore {backups[0].name}", "warning"))
        choices.append(Choice("aside", "Move it aside, start empty", "error"))
        message = (f"{error}\n\nIf you go on, the unreadable file is kept beside it as "
                   f"{error.path.name}.damaged-<date-time>; nothing is deleted.")
        self.push_screen(ChoiceModal("The journal cannot be read", message, choices),
                         partial(self._repair_chosen, error.path, backups[:1]))

    def _repair_chosen(self, path: Path, backups: list[Path], choice: str | None) -> None:
        self.repair_journal(path, choice, backups)

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def repair_journal(self, path: Path, choice: str | None, backups: list[Path]) -> None:
        """Carry out the user's choice for an unreadable journal (never without consent)."""
        try:
            if choice == "restore" and backups:
                restore_backup(path, backups[0], self.key)
            elif choice == "aside":
                moved = quarantine(path)
                self.call_from_thread(self.notify, printable(f"The damaged journal is now {moved}"),
                                      markup=False, timeout=15)
            else:
                self.call_from_thread(self._leave, "The journal was left unchanged.")
                return
        except (OSError, JournalError) as error:
            self.call_from_thread(self._leave, f"Could not repair the journal: {error}")
            return
        self.load_journal()


def _prepare_sections(journal: Journal) -> None:
    """Do in the background what the first visit of a section would do on screen.

    Import every section's screen and let it `prepare` (the journal screen works out
    each entry's word count and list width): on a ten-year journal the first visit of
    a section then takes what later visits take.
    """
    for section in SECTIONS:
        if get_current_worker().is_cancelled:  # the app is quitting
            return
        section_screen(section.name).prepare(journal)


@contextlib.contextmanager
def _reading_journal() -> Iterator[None]:
    """No cyclic garbage collection while the journal is read, and what was read is then
    kept out of later collections (`_settle_memory`).

    Reading a ten-year journal makes ~100,000 long-lived objects: the collector's passes
    over them found nothing and cost ~30 ms of the start-up (a bare Textual app spends
    none in full passes).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        _settle_memory()  # only what was read in full: a failed read's garbage is collected
    finally:
        if enabled:
            gc.enable()


def _settle_memory() -> None:
    """Exempt the decoded journal from the garbage collector's full passes.

    A ten-year journal is a million long-lived objects: every full pass walked them
    all (~40 ms, several times while a screen opens). They hold no reference cycles,
    so plain reference counting still frees them when a table is reloaded.
    """
    gc.freeze()
