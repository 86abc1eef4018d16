"""What every screen of ours shares: typed access to the app's journal and save queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import Binding
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from mentorjournal.errors import JournalError
from mentorjournal.journal import Journal
from mentorjournal.textsafe import printable

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from mentorjournal.app import MentorJournalApp

T = TypeVar("T")


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
        on_saved: Callable[[Any], None] | None = None,
        on_failed: Callable[[JournalError], None] | None = None,
    ) -> None:
        """Run `operation` in the save queue; callbacks run on the UI thread afterwards.

        Without `on_failed`, a failure is notified; keep the user's input on screen
        either way: nothing was written.
        """
        self.mj.save(operation, on_saved, on_failed)


class SectionScreen(JournalAccess, Screen[None]):
    """A section of the journal. Escape goes back home; `palette_commands` feed Ctrl+P."""

    BINDINGS = [Binding("escape", "app.go_home", "Home")]

    def palette_commands(self) -> list[SystemCommand]:
        """This screen's actions for the command palette (override to add)."""
        return []


class JournalModal(JournalAccess, ModalScreen[T]):
    """A dialog that may read the journal and save (dismiss only once saved).

    A form composes a `Static(id="form-error")` line and a submit button (`SUBMIT`), then
    calls `save_form(operation)`: the button waits during the save, the dialog closes
    with the result once it is on disk, and a failure is shown by `show_error` with
    everything typed kept in place.
    """

    BINDINGS = [Binding("escape", "dismiss_modal", "Cancel")]
    SUBMIT = "#submit"
    """The selector of the button that saves the form."""

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)

    def has_unsaved_changes(self) -> bool:
        """True when leaving would lose typed input (Ctrl+Q asks first then); override."""
        return False

    def save_form(
        self, operation: Callable[[], Any], on_saved: Callable[[Any], None] | None = None
    ) -> None:
        """Save from the form; by default the dialog dismisses with the saved result."""
        self._wait(True)
        self.save(operation, on_saved or self.dismiss, self.show_error)

    def show_error(self, error: JournalError) -> None:
        """Say why nothing was saved and put the cursor on the field at fault."""
        self._wait(False)
        self.query_one("#form-error", Static).update(Content(printable(str(error))))
        field = getattr(error, "field", None)
        if field and field.replace("-", "_").isidentifier():
            for widget in self.query(f"#{field}"):
                widget.focus()
                break

    def clear_error(self) -> None:
        """Ready for more input: no message, the submit button enabled."""
        self._wait(False)
        self.query_one("#form-error", Static).update("")

    def _wait(self, waiting: bool) -> None:
        for button in self.query(self.SUBMIT).results(Button):
            button.disabled = waiting
