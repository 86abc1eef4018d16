"""Panel: a bordered box with a title, for dashboards; text bars for progress."""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content


def text_bar(fraction: float, width: int = 20) -> str:
    """'██████░░░░ 60%' — a progress bar as text, so a list of goals stays one widget."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled) + f" {fraction:4.0%}"


class Panel(Vertical):
    """A titled box; its title is literal text."""

    DEFAULT_CSS = """
    Panel {
        height: auto; padding: 0 1; border: round $panel-lighten-2;
        border-title-style: bold; border-title-color: $text-primary;
        &.-alert { border: round $warning; }
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = Content(title)
