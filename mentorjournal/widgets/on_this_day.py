"""OnThisDay: wins and journal entries from this date in earlier months; hidden when none."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from mentorjournal.core.text import one_line
from mentorjournal.core.wins import Memory


class OnThisDay(Static):
    """A short, clearly framed list of memories (user text shown literally)."""

    DEFAULT_CSS = """
    OnThisDay {
        height: auto; max-height: 6; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
        border: round $success 60%; border-title-color: $success;
        border-subtitle-color: $text-muted;
        &.-empty { display: none; }
    }
    """

    def __init__(self, *, limit: int = 3, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.limit = limit
        self.border_title = Content("On this day")

    def show(self, memories: list[Memory]) -> None:
        """Show up to `limit` memories, newest first; hide the box when there are none."""
        self.set_class(not memories, "-empty")
        lines = [
            Content.from_markup(
                "[$text-muted]$day[/] $mark [b]$kind[/b]  $text",
                day=m.on.isoformat(), mark="★" if m.big else "·",
                kind="win" if m.kind == "win" else "journal", text=one_line(m.text),
            ).truncate(400)
            for m in memories[: self.limit]
        ]
        more = len(memories) - self.limit
        self.border_subtitle = Content(f"and {more} more") if more > 0 else None
        self.update(Content("\n").join(lines))
