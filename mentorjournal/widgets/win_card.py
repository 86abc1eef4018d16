"""WinCard: one win drawn as a fixed-height card of strips, for the virtualised wins wall."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip

from mentorjournal.core.model import Win, WinSize
from mentorjournal.core.text import one_line

LIGHT = "╭─╮│╰╯"
HEAVY = "┏━┓┃┗┛"


@dataclass(frozen=True)
class CardLook:
    """The rich styles one card is drawn with (the wall picks them per state)."""

    frame: Style
    body: Style
    muted: Style
    badge: Style


@dataclass(frozen=True)
class WinCard:
    """A win as the wall shows it: date, size, up to three lines of text, what it links to.

    Every user string becomes a plain Segment: it is never parsed as markup, and
    control characters are removed first (`one_line`).
    """

    HEIGHT = 7
    TEXT_LINES = 3

    win_id: int
    day: str
    text: str
    big: bool
    link: str

    @classmethod
    def of(cls, win: Win, link: str) -> WinCard:
        return cls(win.id, win.won_on.isoformat(), one_line(win.text),
                   win.size is WinSize.BIG, one_line(link))

    def strips(self, width: int, look: CardLook) -> list[Strip]:
        """The card's HEIGHT lines, each exactly `width` cells."""
        box = HEAVY if self.big else LIGHT
        inner = max(width - 4, 1)
        badge = "★ big win" if self.big else "small win"
        badge = set_cell_size(badge, min(cell_len(badge), max(inner - cell_len(self.day) - 1, 0)))
        gap = max(inner - cell_len(self.day) - cell_len(badge), 0)
        head = [Segment(self.day, look.muted), Segment(" " * gap, look.body),
                Segment(badge, look.badge if self.big else look.muted)]
        link = f"→ {self.link}" if self.link else ""
        rows = [head]
        rows += [[Segment(line, look.body)] for line in self._text_lines(inner)]
        rows.append([Segment(_fit(link, inner), look.muted)])
        top = box[0] + box[1] * (width - 2) + box[2]
        bottom = box[4] + box[1] * (width - 2) + box[5]
        strips = [Strip([Segment(top, look.frame)])]
        for row in rows:
            strips.append(Strip([
                Segment(box[3], look.frame), Segment(" ", look.body),
                *Strip(row).adjust_cell_length(inner, look.body),
                Segment(" ", look.body), Segment(box[3], look.frame),
            ]))
        strips.append(Strip([Segment(bottom, look.frame)]))
        return [strip.adjust_cell_length(width, look.body) for strip in strips]

    def _text_lines(self, inner: int) -> list[str]:
        # A 5,000-character win only needs its first few lines wrapped.
        head = self.text[: inner * self.TEXT_LINES * 2 + 1]
        lines = [line.plain for line in Content(head).wrap(inner)] if head else []
        lines = [line.rstrip() for line in lines]
        shown = lines[: self.TEXT_LINES]
        if len(lines) > self.TEXT_LINES or len(head) < len(self.text):
            last = shown[-1] if shown else ""
            shown[-1:] = [set_cell_size(last, min(cell_len(last), inner - 1)) + "…"]
        return shown + [""] * (self.TEXT_LINES - len(shown))


def _fit(text: str, width: int) -> str:
    """Text cut to `width` cells, with an ellipsis when it was longer."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"
