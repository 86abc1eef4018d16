"""The placeholder for a section whose screen has not been built yet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Footer, Header, Static

from mentorjournal.screens.base import SectionScreen


class ComingSoonScreen(SectionScreen):
    """Says plainly that this section is not built yet, and that nothing is lost."""

    def __init__(self, section: str, title: str) -> None:
        super().__init__(name=section)
        self.section_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.from_markup(
                "[b]$title[/b] is not built yet.\n\n"
                "Everything already in your journal is kept and will appear here once it is.\n"
                "Press [b]Escape[/b] to go back home, or [b]Ctrl+P[/b] for other sections.",
                title=self.section_title,
            ),
            classes="empty-state",
        )
        yield Footer()
