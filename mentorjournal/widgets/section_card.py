"""SectionCard: one section on the home screen, with its key, a figure and the next step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static


class SectionCard(Widget, can_focus=True):
    """Click it or press Enter on it to open the section."""

    DEFAULT_CSS = """
    SectionCard {
        height: auto; min-height: 7; padding: 0 1; border: round $panel-lighten-2;
        &:focus { border: round $accent; background: $boost; }
        &:hover { background: $boost; }
        .card-title { text-style: bold; color: $text-primary; }
        .card-figure { margin-top: 1; }
        .card-hint { color: $text-muted; }
    }
    """
    BINDINGS = [Binding("enter", "choose", "Open", show=False)]

    class Chosen(Message):
        """The user chose this card's section."""

        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, section: str, title: str, key: str) -> None:
        super().__init__(id=f"card-{section}")
        self.section = section
        self._title = Content.from_markup("[b]$key[/b]  $title", key=key, title=title)

    def compose(self) -> ComposeResult:
        yield Static(self._title, classes="card-title")
        yield Static("…", classes="card-figure", markup=False)
        yield Static("", classes="card-hint", markup=False)

    def show(self, figure: str, hint: str) -> None:
        """Set the card's figure and next-step hint (plain text, never markup)."""
        self.query_one(".card-figure", Static).update(Content(figure))
        self.query_one(".card-hint", Static).update(Content(hint))

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.section))

    def on_click(self) -> None:
        self.action_choose()
