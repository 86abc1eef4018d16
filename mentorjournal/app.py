"""MentorJournalApp: the one App. Opens the journal, routes sections, runs the save queue."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.worker import Worker, WorkerState, get_current_worker

from mentorjournal.commands import JournalCommands
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Win, WinSize
from mentorjournal.core.sections import SECTIONS
from mentorjournal.core.text import one_line, printable
from mentorjournal.saver import SaveQueue
from mentorjournal.screens import section_screen
from mentorjournal.screens.base import HoldsUnsavedInput, ShowsNewWins
from mentorjournal.screens.help import HelpModal
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.storage.backups import backups_of, quarantine, restore_backup
from mentorjournal.storage.errors import (
    JournalDamaged,
    JournalError,
    JournalHasLinks,
    JournalLocked,
    JournalNotWritable,
)
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal


class MentorJournalApp(App[None]):
    """A mentoring pair's journal. Build it with `make_app`."""

    TITLE = "mentorjournal"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {JournalCommands}
    BINDINGS = [
        Binding("f1", "help", "Keys"),
        Binding("ctrl+t", "toggle_review_together", "Together"),
        Binding("plus", "add_win", "Add a win", key_display="+", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    handle_signals = False
    """Set by the command line: SIGTERM and SIGHUP then quit as Ctrl+Q does, saves first."""

    served = False
    """Set in a browser tab of `serve`: starts in review-together mode, asks to leave it."""

    review_together: reactive[bool] = reactive(False)
    """Review-together mode: private entries and fields are hidden on every screen."""

    def __init__(
        self, path: Path | None, journal: Journal | None, today: Callable[[], date]
    ) -> None:
        super().__init__()
        self.path = path
        self.journal = journal
        self.today = today
        self.saver = SaveQueue(self)
        self.review_together_signal: Signal[bool] = Signal(self, "review_together")
        """Published with the new mode each time review-together is switched."""
        self.journal_changed: Signal[None] = Signal(self, "journal_changed")
        """Published after each save, once the journal is read in full, and on going home."""
        self._owns_journal = journal is None

    # -- opening the journal ---------------------------------------------------

    def on_mount(self) -> None:
        if self.handle_signals:
            self._quit_on_signals()
        if self.served:
            self.review_together = True
        self.push_screen(HomeScreen())
        if self.journal is None:
            self.load_journal()
        else:
            self._journal_opened(self.journal)

    @work(thread=True, group="load", exclusive=True, exit_on_error=False)
    def load_journal(self, readonly: bool = False) -> None:
        """Open, parse and check the journal file off the UI thread."""
        assert self.path is not None
        try:
            with _reading_journal():
                journal = Journal.open(self.path, readonly=readonly, today=self.today,
                                       verify=False)
        except JournalError as error:
            self.call_from_thread(self._journal_failed, error)
            return
        self.call_from_thread(self._journal_opened, journal)

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

    def _journal_opened(self, journal: Journal) -> None:
        self.journal = journal
        settings = journal.settings.get()
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.watch(self, "theme", self._save_theme, init=False)
        self._show_mode()
        if journal.store.readonly_reason:  # the file's permissions, not the user, decided
            self.notify(printable(f"Opened read-only: {journal.store.readonly_reason}."),
                        title="Read-only", severity="warning", markup=False, timeout=15)
        self.call_after_refresh(self.verify_journal, journal)  # after the first paint
        if journal.pair.get() is None:
            self.push_screen(PairSetupModal())
        else:
            self.journal_changed.publish(None)

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
                restore_backup(path, backups[0])
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

    # -- saving ----------------------------------------------------------------

    def save(
        self,
        operation: Callable[[], Any],
        on_saved: Callable[[Any], object] | None = None,
        on_failed: Callable[[JournalError], None] | None = None,
    ) -> None:
        """Queue a write; callbacks run here once it is on disk (or has failed).

        After each save `journal_changed` is published (the home screen follows it).
        """
        def saved(result: Any) -> None:
            if on_saved is not None:
                on_saved(result)
            self.journal_changed.publish(None)

        self.saver.submit(operation, saved, on_failed or self.report_save_error)

    def report_save_error(self, error: JournalError) -> None:
        self.notify(printable(str(error)), title="Not saved", severity="error", markup=False,
                    timeout=10)

    def _save_theme(self, theme: str) -> None:
        if self.journal is not None and not self.journal.readonly:
            self.save(lambda: self.journal.settings.update(theme=theme))  # type: ignore[union-attr]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors are reported (a bug, not a store error)."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.notify(printable(f"Something went wrong: {event.worker.error!r}"), title="Error",
                        severity="error", markup=False, timeout=15)

    def on_unmount(self) -> None:
        """Release the journal this app opened (tests hand in journals they close themselves)."""
        if self._owns_journal and self.journal is not None:
            self.saver.wait_idle(30)
            self.journal.close()

    def _quit_on_signals(self) -> None:
        """Without this, SIGTERM or a closed terminal (SIGHUP) would kill the app at once,
        dropping the saves still queued and leaving the terminal in raw mode."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
            loop.add_signal_handler(signal.SIGTERM, self.call_next, self.action_quit)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, lambda *_: self._terminal_closed(loop))

    def _terminal_closed(self, loop: asyncio.AbstractEventLoop) -> None:
        """SIGHUP: the terminal is gone. Point the screen at /dev/null (writing to a hung-up
        terminal fails or blocks Textual's shutdown) and ignore the SIGCONT that follows a
        hangup (Textual would restart on the dead terminal); then quit once saves are done."""
        signal.signal(signal.SIGCONT, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        loop.call_soon_threadsafe(self.call_next, self.action_quit)

    async def action_quit(self) -> None:
        """Quit once every queued save has reached the disk; ask first if a form has changes."""
        if any(isinstance(s, HoldsUnsavedInput) and s.has_unsaved_changes()
               for s in self.screen_stack):
            self.push_screen(
                ChoiceModal("Quit with unsaved changes?",
                            "A form still holds text that has not been saved.",
                            [Choice("stay", "Keep editing", "primary"),
                             Choice("quit", "Quit without saving it", "error")]),
                self._quit_chosen,
            )
            return
        await self._quit_when_saved()

    async def _quit_chosen(self, choice: str | None) -> None:
        if choice == "quit":
            await self._quit_when_saved()

    async def _quit_when_saved(self) -> None:
        await asyncio.to_thread(self.saver.wait_idle, 30)
        self.exit()

    # -- navigation ------------------------------------------------------------

    def open_section(self, name: str) -> None:
        """Show a section's screen on top of home (from a card, a key or the palette)."""
        if self.journal is None or self.journal.pair.get() is None:
            return
        self.go_home()
        self.push_screen(section_screen(name)())

    def action_open_section(self, name: str) -> None:
        self.open_section(name)

    def go_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        self.journal_changed.publish(None)

    def action_go_home(self) -> None:
        self.go_home()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpModal):
            self.push_screen(HelpModal(self.screen))

    def action_add_win(self) -> None:
        self.add_win()

    def add_win(self, prefill: Win | None = None) -> None:
        """Open the add-a-win form over any screen (+, the palette, or another section)."""
        if self.journal is None or self.journal.pair.get() is None or isinstance(
                self.screen, ModalScreen):
            return
        from mentorjournal.screens.win_form import WinFormModal  # loaded when first used

        self.push_screen(WinFormModal(prefill), self._win_added)

    def _win_added(self, win: Win | None) -> None:
        if win is None:
            return
        text = one_line(win.text)
        self.notify(text if len(text) <= 80 else text[:79] + "…",
                    title="★ Big win added. Well done!" if win.size is WinSize.BIG
                    else "✓ Win added. Well done!", markup=False)
        if isinstance(self.screen, ShowsNewWins):  # the wins wall
            self.screen.show_new_win(win)

    def action_toggle_review_together(self) -> None:
        if not (self.served and self.review_together):
            self._switch_review_together()
        elif not isinstance(self.screen, ChoiceModal):  # served: the screen may be shared
            self.push_screen(ChoiceModal(
                "Show private entries?", "This journal is served to a browser, whose screen "
                "may be shared.", [Choice("hide", "Keep them hidden", "primary"),
                                   Choice("show", "Show them", "warning")]),
                lambda key: self._switch_review_together() if key == "show" else None)

    def _switch_review_together(self) -> None:
        self.review_together = not self.review_together
        self.notify("Review together: private entries are hidden." if self.review_together
                    else "Review together ended: private entries are shown again.")

    def watch_review_together(self, together: bool) -> None:
        self.review_together_signal.publish(together)
        self._show_mode()
        self.screen.refresh(recompose=False)

    def _show_mode(self) -> None:
        parts = []
        if self.review_together:
            parts.append("REVIEW TOGETHER · private hidden")
        if self.journal is not None and self.journal.readonly:
            parts.append("read-only")
        self.sub_title = " · ".join(parts)


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


def make_app(
    path: Path | None = None,
    *,
    journal: Journal | None = None,
    today: Callable[[], date] = date.today,
) -> MentorJournalApp:
    """The app on the journal file at `path`, or on an already open `journal` (tests)."""
    if path is None and journal is None:
        raise ValueError("make_app needs a path or a journal")
    return MentorJournalApp(path, journal, journal.today if journal else today)
