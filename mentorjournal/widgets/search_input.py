"""SearchInput: a search box that Escape clears (and leaves) instead of leaving the screen."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from mentorjournal.widgets.keys import FIND


class SearchInput(Input):
    """Escape empties the box, then posts `Left` so the screen can move focus back."""

    BINDINGS = [Binding("escape", "leave", "Clear search", group=FIND,
                        tooltip="Empty the search and go back to the list")]

    class Left(Message):
        """The user left the search box with Escape (the box is now empty)."""

    def action_leave(self) -> None:
        self.value = ""
        self.post_message(self.Left())
