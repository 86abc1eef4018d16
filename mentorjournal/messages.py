"""Messages that cross screens."""

from __future__ import annotations

from textual.message import Message


class JournalOpened(Message):
    """The journal has been opened (or re-opened read-only); screens may show it now."""
