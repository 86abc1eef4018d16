"""MonthBars: wins per month as a small two-line bar chart (bars, then month names)."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

BLOCKS = " ▁▂▃▄▅▆▇█"
CELL = 6
"""Cells per month: a three-cell bar exactly over the three-letter month, its count beside."""


class MonthBars(Static):
    """A bar per month, scaled to the busiest month; the newest months that fit are shown."""

    DEFAULT_CSS = """
    MonthBars {
        height: 2; width: 1fr; padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._months: list[tuple[date, int]] = []

    def show(self, months: list[tuple[date, int]]) -> None:
        """Chart these (month, count) pairs, oldest first."""
        self._months = months
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        label = "Wins/month "
        room = max((self.content_region.width - len(label)) // CELL, 1)
        months = self._months[-room:]
        top = max((count for _, count in months), default=0)
        bars = Content(" " * len(label))
        names = Content(label)
        for month, count in months:
            level = 0 if not count else max(1, round(count / top * (len(BLOCKS) - 1)))
            bars += Content.from_markup("[$success]$bar[/]", bar=BLOCKS[level] * 3)
            bars += Content.styled(f"{count:<{CELL - 3}}", "bold" if count else "dim")
            names += Content(month.strftime("%b").ljust(CELL))
        self.update(Content("\n").join([bars, names]))
