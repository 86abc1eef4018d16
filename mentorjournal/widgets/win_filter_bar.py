"""WinFilterBar: size, goal and period pickers for the wins wall, plus the count."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Select, Static

from mentorjournal.core.model import Goal, WinSize
from mentorjournal.core.text import one_line
from mentorjournal.core.wins import Period, WinFilter

SIZES = [(Text("Any size"), "any"), (Text("Big only"), "big"), (Text("Small only"), "small")]


class WinFilterBar(Horizontal):
    """Three selects; changing one posts `Changed` with the whole filter."""

    DEFAULT_CSS = """
    WinFilterBar {
        height: auto; padding: 0 1;
        Select { width: 1fr; max-width: 28; margin-right: 1; }
        #wins-count { width: auto; padding: 1 1 0 1; color: $text-muted; }
    }
    """

    class Changed(Message):
        """The user picked another size, goal or period."""

        def __init__(self, wanted: WinFilter) -> None:
            super().__init__()
            self.wanted = wanted

    def compose(self) -> ComposeResult:
        yield Select(SIZES, value="any", allow_blank=False, id="wins-size")
        yield Select([], prompt="All goals", id="wins-goal")
        yield Select([(Text(p.label), p.value) for p in Period], value=Period.ALL.value,
                     allow_blank=False, id="wins-period")
        yield Static("", id="wins-count", markup=False)

    def set_goals(self, goals: list[Goal]) -> None:
        """The goals one may filter by (titles shown literally)."""
        picker = self.query_one("#wins-goal", Select)
        with self.prevent(Select.Changed):
            picker.set_options([(Text(one_line(g.title)), g.id) for g in goals])

    def show(self, wanted: WinFilter, count: str) -> None:
        """Reflect a filter set elsewhere (keys, palette) without posting Changed."""
        with self.prevent(Select.Changed):
            self.query_one("#wins-size", Select).value = wanted.size or "any"
            self.query_one("#wins-goal", Select).value = (
                wanted.goal_id if wanted.goal_id is not None else Select.NULL)
            self.query_one("#wins-period", Select).value = wanted.period.value
        self.query_one("#wins-count", Static).update(Content(count))

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        event.stop()
        size = self.query_one("#wins-size", Select).value
        goal = self.query_one("#wins-goal", Select).value
        period = self.query_one("#wins-period", Select).value
        self.post_message(self.Changed(WinFilter(
            size=WinSize(size) if size in ("big", "small") else None,
            goal_id=goal if isinstance(goal, int) else None,
            period=Period(period) if isinstance(period, str) else Period.ALL,
        )))
