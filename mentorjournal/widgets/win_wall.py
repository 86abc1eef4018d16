"""WinWall: wins as cards in a responsive grid, virtualised (only visible lines are drawn)."""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mentorjournal.widgets.keys import NAVIGATE
from mentorjournal.widgets.win_card import CardLook, WinCard

MIN_CARD_WIDTH = 30
GAP = 1


class WinWall(ScrollView, can_focus=True):
    """A grid of WinCards; cards per row follow the width. Arrows move, Enter chooses.

    The Line API draws one terminal line at a time from a cache of rendered cards,
    so a wall of thousands of wins costs only what is on screen.
    """

    DEFAULT_CSS = """
    WinWall {
        height: 1fr;
        & > .win-wall--card { background: $surface; color: $foreground; }
        & > .win-wall--frame { color: $panel-lighten-2; }
        & > .win-wall--big { color: $warning; }
        & > .win-wall--muted { color: $text-muted; }
        & > .win-wall--cursor { color: $primary; background: $primary-muted 40%; }
        & > .win-wall--new { color: $success; background: $success-muted; }
        &:focus > .win-wall--cursor { color: $primary-lighten-2; background: $primary-muted; }
    }
    """
    COMPONENT_CLASSES = {"win-wall--card", "win-wall--frame", "win-wall--big",
                         "win-wall--muted", "win-wall--cursor", "win-wall--new"}
    BINDINGS = [
        Binding("up", "move(0, -1)", "Between cards", key_display="← → ↑ ↓", show=False,
                group=NAVIGATE, tooltip="Move between the cards"),
        Binding("down", "move(0, 1)", show=False),
        Binding("left", "move(-1, 0)", show=False),
        Binding("right", "move(1, 0)", show=False),
        Binding("pageup", "page(-1)", "Page", key_display="PgUp PgDn", show=False,
                group=NAVIGATE, tooltip="A page of cards back or on"),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", "First", key_display="Home End", show=False,
                group=NAVIGATE, tooltip="The first or the last card"),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "choose", "Edit", show=False, group=NAVIGATE,
                tooltip="Edit the highlighted win (as e does)"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the selected card."""

    class Chosen(Message):
        """Enter or a double click on a card."""

        def __init__(self, win_id: int) -> None:
            super().__init__()
            self.win_id = win_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cards: list[WinCard] = []
        self.glowing: int | None = None
        self._cache: LRUCache[tuple[WinCard, int, int, bool], list[Strip]] = LRUCache(256)

    # -- data in -----------------------------------------------------------------

    def set_cards(self, cards: list[WinCard], select_id: int | None = None) -> None:
        """Show these cards; keep the selection on `select_id` (or on the same index)."""
        self.cards = cards
        index = next((i for i, c in enumerate(cards) if c.win_id == select_id), None)
        self._update_virtual_size()
        self.cursor = min(self.cursor if index is None else index, max(len(cards) - 1, 0))
        self.refresh()

    def glow(self, win_id: int | None) -> None:
        """Light up one card (a newly added win); None puts it out."""
        self.glowing = win_id
        self.refresh()

    @property
    def selected(self) -> WinCard | None:
        return self.cards[self.cursor] if 0 <= self.cursor < len(self.cards) else None

    # -- geometry ----------------------------------------------------------------

    @property
    def columns(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return max(1, min(6, (width + GAP) // (MIN_CARD_WIDTH + GAP)))

    def _card_width(self) -> int:
        width = self.scrollable_content_region.width
        return max((width - GAP * (self.columns - 1)) // self.columns, 8)

    def _update_virtual_size(self) -> None:
        rows = -(-len(self.cards) // self.columns)
        self.virtual_size = Size(self.scrollable_content_region.width, rows * WinCard.HEIGHT)

    def on_resize(self) -> None:
        self._update_virtual_size()
        self.call_after_refresh(self._show_cursor)

    # -- drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row, line = divmod(y + self.scroll_offset.y, WinCard.HEIGHT)
        columns, card_width = self.columns, self._card_width()
        background = self.rich_style
        parts: list[Strip] = []
        for column in range(columns):
            index = row * columns + column
            if column:
                parts.append(Strip.blank(GAP, background))
            if index < len(self.cards):
                parts.append(self._card_strips(index, card_width)[line])
            else:
                parts.append(Strip.blank(card_width, background))
        return Strip.join(parts).adjust_cell_length(width, background)

    def _card_strips(self, index: int, width: int) -> list[Strip]:
        card = self.cards[index]
        state = 2 if card.win_id == self.glowing else int(index == self.cursor)
        key = (card, width, state, self.has_focus)
        strips = self._cache.get(key)
        if strips is None:
            strips = card.strips(width, self._look(card, state))
            self._cache[key] = strips
        return strips

    def _look(self, card: WinCard, state: int) -> CardLook:
        style = self.get_component_rich_style
        body = style("win-wall--card")
        frame = "win-wall--new" if state == 2 else "win-wall--cursor" if state == 1 else (
            "win-wall--big" if card.big else "win-wall--frame")
        if state:  # the selected or new card is tinted, not just framed
            body = body + Style(bgcolor=style(frame).bgcolor)
        return CardLook(frame=body + style(frame, partial=True),
                        body=body, muted=body + style("win-wall--muted", partial=True),
                        badge=body + style("win-wall--big", partial=True))

    def notify_style_update(self) -> None:
        """A new theme or style: the cached cards carry the old colours."""
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving ------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self._show_cursor()

    def _show_cursor(self) -> None:
        if not self.cards:
            return
        row = self.cursor // self.columns
        region = Region(0, row * WinCard.HEIGHT, self.size.width, WinCard.HEIGHT)
        self.scroll_to_region(region, animate=False, force=True)

    def _move_to(self, index: int) -> None:
        if self.cards:
            self.cursor = max(0, min(index, len(self.cards) - 1))

    def action_move(self, dx: int, dy: int) -> None:
        self._move_to(self.cursor + dx + dy * self.columns)

    def action_page(self, direction: int) -> None:
        rows = max(self.size.height // WinCard.HEIGHT, 1)
        self._move_to(self.cursor + direction * rows * self.columns)

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self.cards) - 1)

    def action_choose(self) -> None:
        if self.selected is not None:
            self.post_message(self.Chosen(self.selected.win_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        column = offset.x // (self._card_width() + GAP)
        row = (offset.y + self.scroll_offset.y) // WinCard.HEIGHT
        index = row * self.columns + column
        if column < self.columns and index < len(self.cards):
            self.cursor = index
            if event.chain >= 2:
                self.action_choose()
