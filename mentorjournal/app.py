"""MentorJournalApp: the one App. Routes sections, runs the save queue, quits once saved.

Opening the journal (and what to do when it cannot be opened) is its base, opening.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from mentorjournal.commands import JournalCommands
from mentorjournal.core.drafts import kind_of
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Draft, Win, WinSize
from mentorjournal.core.text import one_line, printable
from mentorjournal.ending import EndingApp
from mentorjournal.saver import SaveQueue
from mentorjournal.screens import section_screen
from mentorjournal.screens.base import HoldsUnsavedInput, RestoresDrafts, ShowsNewWins
from mentorjournal.screens.drafts import offer_draft
from mentorjournal.screens.help import HelpModal
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.keys import APP


class MentorJournalApp(EndingApp):
    """A mentoring pair's journal. Build it with `make_app`."""

    TITLE = "mentorjournal"
    CSS_PATH = "app.tcss"
    COMMANDS = EndingApp.COMMANDS | {JournalCommands}
    BINDINGS = [
        # priority: F1 works in dialogs too (a dialog stops the app's other keys)
        Binding("f1", "help", "Keys", tooltip="List the keys of the screen you are on",
                group=APP, priority=True),
        Binding("ctrl+t", "toggle_review_together", "Together", group=APP,
                tooltip="Start or end review together: private entries stay hidden"),
        Binding("plus", "add_win", "Add a win", key_display="+", show=False, group=APP,
                tooltip="Note a win, small ones too, from any screen"),
        Binding("ctrl+q", "quit", "Quit", priority=True, group=APP,
                tooltip="Quit once every edit is on disk"),
        # Ctrl+C quits as Ctrl+Q does (in a text input it still copies the selection).
        Binding("ctrl+c", "quit", show=False, system=True),
    ]

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
            from mentorjournal.screens.setup import PairSetupModal  # the first run only

            self.push_screen(PairSetupModal())
        else:
            self.journal_changed.publish(None)
            self.call_after_refresh(self._offer_drafts)

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

    # -- drafts left by an earlier session ---------------------------------------

    def _offer_drafts(self) -> None:
        """At the start: offer back the newest draft an earlier session left."""
        journal = self.journal
        if journal is None or journal.readonly:
            return
        try:
            drafts = [d for d in journal.drafts.all(include_private=not self.review_together)
                      if kind_of(d).section is not None]  # the first-run form's: its own
        except JournalError:
            return  # a damaged drafts table: the full check after the first paint reports it
        if drafts:
            offer_draft(self, drafts[0], self.restore_draft)

    def restore_draft(self, draft: Draft) -> None:
        """Open the form `draft` was typed in, with its text put back."""
        if draft.kind == "win" and not draft.target_id:  # a new win: its form is everywhere
            self.add_win(draft=draft)
            return
        section = kind_of(draft).section
        if section is None:
            return
        self.open_section(section)
        screen = self.screen
        if isinstance(screen, RestoresDrafts):
            screen.restore_draft(draft)  # before it is shown: its form opens on top

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
            if isinstance(self.screen, HoldsUnsavedInput) and self.screen.has_unsaved_changes():
                self.screen.keep_typing_as_draft()  # left by a key or the palette: kept
            self.pop_screen()
        self.journal_changed.publish(None)

    def action_go_home(self) -> None:
        self.go_home()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, less its "Keys" panel: F1 lists ours (commands.py)."""
        return (c for c in super().get_system_commands(screen) if c.title != "Keys")

    def action_help(self) -> None:
        if isinstance(self.screen, HelpModal):
            self.screen.dismiss()  # F1 again closes the list
        else:
            self.push_screen(HelpModal(self.screen))

    def action_add_win(self) -> None:
        self.add_win()

    def add_win(self, prefill: Win | None = None, draft: Draft | None = None) -> None:
        """Open the add-a-win form over any screen (+, the palette, or another section);
        with `draft`, its text put back."""
        if self.journal is None or self.journal.pair.get() is None or isinstance(
                self.screen, ModalScreen):
            return
        from mentorjournal.screens.win_form import WinFormModal  # loaded when first used

        form = WinFormModal(prefill)
        self.push_screen(form.carry_on(draft) if draft else form, self._win_added)

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
