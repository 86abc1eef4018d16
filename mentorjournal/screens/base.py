"""What every screen of ours shares: typed access to the app's journal and save queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from mentorjournal.errors import JournalError
from mentorjournal.journal import Journal

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
    """A dialog that may read the journal and save (dismiss only once saved)."""

    BINDINGS = [Binding("escape", "dismiss_modal", "Cancel")]

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)
