"""LazyTable: a DataTable of fixed-width columns that fills itself a screenful at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from textual.content import Content
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

T = TypeVar("T")
Cells = tuple[Content, ...]


class LazyTable(DataTable[Content], Generic[T]):
    """One row per item; an item becomes cells (`cells_of`) only when its row is added.

    `fill` adds the rows up to the cursor and a screenful more at once, then the rest in
    chunks after each refresh, so no frame derives or lays out every row. Every column has
    a fixed width, so no cell is measured either (DataTable measures each new cell for
    widths it only uses in auto-width columns).
    """

    CHUNK = 500
    """Rows added per refresh while filling."""

    def __init__(self, columns: dict[str, int], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        for title, width in columns.items():
            self.add_column(title, width=width)
        self.items: Sequence[T] = ()
        self._cells_of: Callable[[T], Cells] = lambda _item: ()
        self._key_of: Callable[[T], str | None] = lambda _item: None
        self._fills = 0

    @property
    def filling(self) -> bool:
        """True while some items have no row yet."""
        return self.row_count < len(self.items)

    def fill(self, items: Sequence[T], cells_of: Callable[[T], Cells],
             key_of: Callable[[T], str | None] = lambda _item: None, row: int = 0) -> None:
        """Replace the rows with `items`, the cursor on `row`."""
        self.items, self._cells_of, self._key_of = items, cells_of, key_of
        self._fills += 1
        self.clear()
        row = max(0, min(row, len(items) - 1))
        self.load_to(row + self._screenful())
        if row:
            self.move_cursor(row=row, scroll=True)
        if self.filling:
            self.call_after_refresh(self._load_more, self._fills)

    def load_to(self, end: int) -> None:
        """Add the rows of the items before `end` that have none yet."""
        for item in self.items[self.row_count:min(end, len(self.items))]:
            self.add_row(*self._cells_of(item), key=self._key_of(item))

    def _load_more(self, fill: int) -> None:
        if fill != self._fills:  # replaced by a newer fill
            return
        self.load_to(self.row_count + self.CHUNK)
        if self.filling:
            self.call_after_refresh(self._load_more, fill)

    def _screenful(self) -> int:
        return max(self.size.height, self.app.size.height) + 1

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:  # fixed widths, one-line rows: only the virtual size needs updating
            super()._update_dimensions(())

    # Keys that jump past the rows added so far add the rest first.

    def action_scroll_bottom(self) -> None:
        self.load_to(len(self.items))
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        self.load_to(self.cursor_row + 2 * self._screenful())
        super().action_page_down()
