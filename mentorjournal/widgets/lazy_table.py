"""LazyTable: a DataTable of fixed-width columns that adds rows as they come into view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.content import Content
from textual.widgets import DataTable

from mentorjournal.textual_compat import FixedWidthDimensions

T = TypeVar("T")
Cells = tuple[Content, ...]


class LazyTable(FixedWidthDimensions, DataTable[Content], Generic[T]):
    """One row per item; an item becomes cells (`cells_of`) only when its row is added.

    `fill` adds the rows up to the cursor and two screenfuls more; scrolling or moving the
    cursor near the last row added adds the next `CHUNK`, and jumping to the end adds them
    all. So opening a long list derives and lays out a screenful, not every row. Every
    column has a fixed width, so no cell is measured either (DataTable measures each new
    cell for widths it only uses in auto-width columns: see FixedWidthDimensions).
    """

    CHUNK = 200
    """Rows added at a time when the view nears the last row added."""

    def __init__(self, columns: dict[str, int], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        for title, width in columns.items():
            self.add_column(title, width=width)
        self.items: Sequence[T] = ()
        self._cells_of: Callable[[T], Cells] = lambda _item: ()
        self._key_of: Callable[[T], str | None] = lambda _item: None

    @property
    def filling(self) -> bool:
        """True while some items have no row yet."""
        return self.row_count < len(self.items)

    def fill(self, items: Sequence[T], cells_of: Callable[[T], Cells],
             key_of: Callable[[T], str | None] = lambda _item: None, row: int = 0) -> None:
        """Replace the rows with `items`, the cursor on `row`."""
        self.items, self._cells_of, self._key_of = items, cells_of, key_of
        self.clear()
        row = max(0, min(row, len(items) - 1))
        self.load_to(row + 2 * self._screenful())
        if row:
            self.move_cursor(row=row, scroll=True)

    def load_to(self, end: int) -> None:
        """Add the rows of the items before `end` that have none yet."""
        for item in self.items[self.row_count:min(end, len(self.items))]:
            self.add_row(*self._cells_of(item), key=self._key_of(item))

    def _load_ahead(self, row: int) -> None:
        """Keep a screenful of rows added beyond `row` (and the bottom of the view)."""
        bottom = max(row, round(self.scroll_y) + self.size.height)
        if self.filling and bottom + self._screenful() >= self.row_count:
            self.load_to(bottom + self.CHUNK)

    def _screenful(self) -> int:
        return max(self.size.height, self.app.size.height) + 1

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._load_ahead(self.cursor_row)

    def action_cursor_down(self) -> None:
        self._load_ahead(self.cursor_row + 1)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self._load_ahead(self.cursor_row + self._screenful())
        super().action_page_down()

    def action_scroll_bottom(self) -> None:
        self.load_to(len(self.items))
        super().action_scroll_bottom()
