"""What every screen of ours shares: typed access to the app's journal and save queue, and
the small protocol through which the app asks screens (unsaved input, palette, new wins)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast, runtime_checkable

from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from mentorjournal.core.journal import Journal
from mentorjournal.core.sections import SECTIONS
from mentorjournal.core.text import printable
from mentorjournal.storage.errors import JournalError
from mentorjournal.textual_compat import clear_styles_cache, forget_closed_watchers
from mentorjournal.widgets.keys import FORM, LEAVE

if TYPE_CHECKING:
    from textual.app import App, SystemCommand

    from mentorjournal.app import MentorJournalApp
    from mentorjournal.core.model import Draft, Win

T = TypeVar("T")


@runtime_checkable
class HoldsUnsavedInput(Protocol):
    """A screen that may hold typed input not saved yet: Ctrl+Q asks before losing it,
    and a session that ends without asking (a signal, a closed tab) keeps it as a draft."""

    @property
    def keeps_drafts(self) -> bool:
        """True when the typing can be kept as a draft."""
        ...

    def has_unsaved_changes(self) -> bool: ...

    def keep_typing_as_draft(self) -> None:
        """Queue the draft of what is typed now; the screen stays as it is."""

    def discard_typing(self) -> None:
        """Forget what was typed, and its draft."""


@runtime_checkable
class OffersPaletteCommands(Protocol):
    """A screen with actions of its own for the command palette (Ctrl+P)."""

    def palette_commands(self) -> list[SystemCommand]: ...


@runtime_checkable
class RestoresDrafts(Protocol):
    """A section screen that opens the form a draft was typed in, its text put back.

    The app calls `restore_draft` as it pushes the screen, before the screen is mounted:
    it reads the journal, not its own widgets.
    """

    def restore_draft(self, draft: Draft) -> None: ...


@runtime_checkable
class ShowsNewWins(Protocol):
    """A screen that celebrates a win added from anywhere (the wins wall)."""

    def show_new_win(self, win: Win) -> None: ...


class JournalAccess:
    """Mixed into screens: `self.journal` to read, `self.save(...)` to write in the worker."""

    @property
    def mj(self) -> MentorJournalApp:
        return cast("MentorJournalApp", self.app)  # type: ignore[attr-defined]

    @property
    def journal(self) -> Journal:
        journal = self.mj.journal
        assert journal is not None, "screens are only shown once the journal is open"
        return journal

    @property
    def show_private(self) -> bool:
        """False in review-together mode: private entries and fields must not appear."""
        return not self.mj.review_together

    def save(
        self,
        operation: Callable[[], Any],
        on_saved: Callable[[Any], object] | None = None,
        on_failed: Callable[[JournalError], None] | None = None,
    ) -> None:
        """Run `operation` in the save queue; callbacks run on the UI thread afterwards.

        Without `on_failed`, a failure is notified; keep the user's input on screen
        either way: nothing was written.
        """
        self.mj.save(operation, on_saved, on_failed)

    def follow_review_together(self, callback: Callable[[bool], object]) -> None:
        """Call `callback(together)` each time review-together mode is switched.

        A signal left on unmount, not `watch(app, ...)`: Textual keeps a watcher, and so
        the whole closed screen, until the watched value next changes.
        """
        self.mj.review_together_signal.subscribe(
            self, callback, immediate=True)  # type: ignore[arg-type]  # not a frame later

    def follow_journal_changes(self, callback: Callable[[None], object]) -> None:
        """Call `callback(None)` after each save (and when the journal has been read in full).

        Left on unmount like `follow_review_together`: the subscription would keep the
        screen alive.
        """
        self.mj.journal_changed.subscribe(self, callback)  # type: ignore[arg-type]

    def on_unmount(self) -> None:
        self.mj.review_together_signal.unsubscribe(self)  # type: ignore[arg-type]
        self.mj.journal_changed.unsubscribe(self)  # type: ignore[arg-type]
        self.app.call_after_refresh(release_closed_screens, self.app)  # type: ignore[attr-defined]


def release_closed_screens(app: App[Any]) -> None:
    """Let go of everything a closed screen left behind, once the screen below is drawn.

    Works around two Textual 8 caches that keep dead widgets alive (each visit to the
    meeting log kept ~8,500 objects, and the garbage collector's full passes, ~40 ms
    while the next screen opened, grew with them):
    - a watcher on a long-lived object (`self.watch(app, "theme", ...)` in TextArea,
      the app's title in Header) is only dropped when the watched value next changes
      (Textualize/textual#6666): dropped here, as Textual itself would;
    - `StylesCache.get_inner_outer` is an lru_cache keyed by cache instance, holding up
      to 1,024 dead widgets' rendered lines (Textualize/textual#6665): cleared here.
    Both reach into Textual's internals, through textual_compat. Then one full collection
    frees the closed screen's reference cycles now, rather than in the middle of opening
    the next screen.
    """
    forget_closed_watchers(app)
    clear_styles_cache()
    gc.collect()


class SectionScreen(JournalAccess, Screen[None]):
    """A section of the journal. Escape goes back home; `palette_commands` feed Ctrl+P."""

    BINDINGS = [Binding("escape", "app.go_home", "Home", tooltip="Back to the home screen",
                        group=LEAVE)]

    @property
    def keys_title(self) -> str:
        """The section's title, as F1 and the palette name the screen."""
        return next((s.title for s in SECTIONS if s.name == self.name), "")

    @classmethod
    def prepare(cls, journal: Journal) -> None:
        """Work out ahead of the first visit, off the UI thread, what opening needs.

        The app calls it in a worker once the journal is read; by default, nothing.
        """

    def palette_commands(self) -> list[SystemCommand]:
        """This screen's actions for the command palette (override to add)."""
        return []


class JournalModal(JournalAccess, ModalScreen[T]):
    """A dialog that may read the journal and save (dismiss only once saved).

    `save_form(operation)` disables the submit button (`SUBMIT`) during the save, closes
    the dialog with the result once it is on disk, and shows a failure with `show_error`
    in its `#form-error` line, everything typed kept in place. Forms build on `FormModal`.
    """

    BINDINGS = [Binding("escape", "dismiss_modal", "Cancel", tooltip="Close without saving",
                        group=FORM)]
    SUBMIT = "#submit"
    """The selector of the button that saves the form."""
    FIELD_INPUTS: ClassVar[dict[str, str]] = {}
    """The input to focus for an error about a field whose input has another id."""

    @property
    def keys_title(self) -> str:
        """The dialog's heading, as F1 and the palette name it."""
        return str(getattr(self, "heading", ""))

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)

    @property
    def keeps_drafts(self) -> bool:
        return False

    def has_unsaved_changes(self) -> bool:
        """True when leaving would lose typed input (Ctrl+Q asks first then)."""
        return False

    def keep_typing_as_draft(self) -> None:
        """Nothing to keep by default (forms keep drafts: FormModal)."""

    def discard_typing(self) -> None:
        """Nothing to forget by default."""

    def save_form(
        self, operation: Callable[[], Any], on_saved: Callable[[Any], None] | None = None
    ) -> None:
        """Save from the form; by default the dialog dismisses with the saved result."""
        self._wait(True)
        self.save(operation, on_saved or self._close_with, self.show_error)

    def _close_with(self, result: Any) -> None:
        self.dismiss(result)

    def show_error(self, error: JournalError) -> None:
        """Say why nothing was saved and put the cursor on the field at fault."""
        self._wait(False)
        self.query_one("#form-error", Static).update(Content(printable(str(error))))
        self.focus_field(getattr(error, "field", "") or "")

    def focus_field(self, field: str) -> None:
        """Focus the input named `field` (a container: its first focusable input)."""
        target = self.FIELD_INPUTS.get(field, field)
        if not target or not target.replace("-", "_").isidentifier():
            return
        for widget in self.query(f"#{target}"):
            if not widget.focusable:
                widget = next((w for w in widget.query("*") if w.focusable), widget)
            widget.focus()
            return

    def clear_error(self) -> None:
        """Ready for more input: no message, the submit button enabled."""
        self._wait(False)
        self.query_one("#form-error", Static).update("")

    def _wait(self, waiting: bool) -> None:
        for button in self.query(self.SUBMIT).results(Button):
            button.disabled = waiting
