"""VisionCardView: one card on the vision board; focusable, and draggable onto another."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from mentorjournal.core.model import VisionCard, VisionKind
from mentorjournal.core.text import printable

KIND_MARK = {VisionKind.TEXT: "✦", VisionKind.QUOTE: "❝", VisionKind.LINK: "🔗"}


def card_content(card: VisionCard, goal_title: str | None) -> Content:
    """The card's face: its text (a quote in italics), its link, its goal; all literal."""
    text = Content(printable(card.text))
    lines = [Content(KIND_MARK[card.kind] + " ").append(
        text.stylize("italic") if card.kind is VisionKind.QUOTE else text.stylize("bold"))]
    if card.kind is VisionKind.LINK and card.url:
        lines.append(Content(printable(card.url)).stylize("underline $text-accent"))
    if goal_title:
        lines.append(Content("goal: ").stylize("$text-muted")
                     .append(Content(printable(goal_title)).stylize("$text-muted")))
    return Content("\n").join(lines)


class VisionCardView(Static, can_focus=True):
    """A card. Posts `Grabbed` on mouse down and `Dropped` on mouse up over it."""

    DEFAULT_CSS = """
    VisionCardView {
        height: auto; min-height: 5; padding: 1 2;
        border: round $panel-lighten-2; background: $panel;
        &:hover { border: round $accent; }
        &:focus { border: thick $accent; background: $boost; }
    }
    """

    @dataclass
    class Grabbed(Message):
        """The mouse went down on a card: a drag may start."""

        card_id: int

    @dataclass
    class Dropped(Message):
        """The mouse came up over a card: a dragged card lands here."""

        card_id: int

    ALLOW_SELECT = False  # a drag moves the card; it does not select its text

    def __init__(self, card: VisionCard, goal_title: str | None) -> None:
        super().__init__(card_content(card, goal_title), markup=False)
        self.card = card

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.focus()
        self.post_message(self.Grabbed(self.card.id))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.post_message(self.Dropped(self.card.id))
