"""SectionCard: one section on the home screen, with its key, a figure and the next step."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from mentorjournal.core.text import printable
from mentorjournal.widgets.keys import NAVIGATE


class SectionCard(Widget, can_focus=True):
    """Click it or press Enter on it to open the section. One widget, no children: cheap."""

    DEFAULT_CSS = """
    SectionCard {
        height: auto; min-height: 7; padding: 0 1; border: round $panel-lighten-2;
        &.-alert { border: round $warning; }
        &:focus { border: round $accent; background: $boost; }
        &:hover { background: $boost; }
    }
    """
    BINDINGS = [Binding("enter", "choose", "Open", show=False, group=NAVIGATE,
                        tooltip="Open the highlighted card's section")]

    figure: reactive[str] = reactive("…", layout=True)
    """What there is, e.g. '20 meetings · last 2026-11-15' (plain text)."""
    hint: reactive[str] = reactive("", layout=True)
    """The next step, e.g. 'Log your first meeting.' (plain text)."""

    class Chosen(Message):
        """The user chose this card's section."""

        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, section: str, title: str, key: str) -> None:
        super().__init__(id=f"card-{section}")
        self.section = section
        self._title = title
        self._key = key

    def render(self) -> Content:
        hint = "[$text-warning]$hint[/]" if self.has_class("-alert") else "[dim]$hint[/]"
        return Content.from_markup(
            "[b $text-primary]$key  $title[/]\n\n$figure\n" + hint,
            key=self._key, title=self._title, figure=printable(self.figure),
            hint=printable(self.hint),
        )

    def show(self, figure: str, hint: str, *, alert: bool = False) -> None:
        """Set the card's figure and next-step hint (plain text, never markup); `alert`
        marks a hint that needs attention now."""
        self.figure = figure
        self.hint = hint
        self.set_class(alert, "-alert")

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self.section))

    def on_click(self) -> None:
        self.action_choose()
