"""VisionCardModal: add or change a vision card (text, quote or link; optional goal)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select

from mentorjournal.core.model import VisionCard, VisionKind
from mentorjournal.core.text import MAX_LINE
from mentorjournal.screens.form_modal import FormModal


class VisionCardModal(FormModal[VisionCard]):
    """Dismisses with the saved card; on failure it stays open with the input kept."""

    submit_label = "Save card"
    draft_kind = "vision"

    def __init__(self, card: VisionCard | None = None) -> None:
        super().__init__()
        self.card = card or VisionCard(text="")
        self.heading = "Change the card" if self.card.id else "A new vision card"

    def draft_target(self) -> int | None:
        return self.card.id or None

    def fields(self) -> ComposeResult:
        card = self.card
        goals = [(Content(g.title), g.id) for g in self.journal.goals.all() if not g.archived]
        yield Label("Kind")
        yield Select([(k.value.capitalize(), k) for k in VisionKind], value=card.kind,
                     allow_blank=False, id="kind")
        yield Label("Text, quote, or the link's name")
        yield Input(card.text, id="text", max_length=MAX_LINE,
                    placeholder="e.g. Run a room with calm and curiosity")
        yield Label("Link (for a link card)", id="url-label")
        yield Input(card.url, id="url", placeholder="https://…")
        yield Label("Goal it serves (optional)")
        yield Select(goals, value=card.goal_id if card.goal_id else Select.NULL,
                     prompt="No goal", id="goal")

    def opened(self) -> None:
        self._show_url()
        self.query_one("#text", Input).focus()

    @on(Select.Changed, "#kind")
    def _show_url(self) -> None:
        is_link = self.choice("kind") == VisionKind.LINK
        self.query_one("#url").display = is_link
        self.query_one("#url-label").display = is_link

    def prepare(self) -> Callable[[], VisionCard]:
        kind = VisionKind(self.choice("kind"))
        card = dataclasses.replace(
            self.card, kind=kind, text=self.value("text"),
            url=self.value("url") if kind is VisionKind.LINK else "",
            goal_id=self.choice("goal"))
        return lambda: self.journal.vision.save(card)
