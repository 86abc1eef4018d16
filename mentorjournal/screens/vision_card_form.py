"""VisionCardModal: add or change a vision card (text, quote or link; optional goal)."""

from __future__ import annotations

import dataclasses

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from mentorjournal.core.model import VisionCard, VisionKind
from mentorjournal.core.text import MAX_LINE
from mentorjournal.screens.base import JournalModal
from mentorjournal.storage.errors import JournalError

FIELD_IDS = {"card text": "#text", "link": "#url", "goal": "#goal"}


class VisionCardModal(JournalModal[VisionCard]):
    """Dismisses with the saved card; on failure it stays open with the input kept."""

    BINDINGS = [Binding("ctrl+s", "submit", "Save")]

    def __init__(self, card: VisionCard | None = None) -> None:
        super().__init__()
        self.card = card or VisionCard(text="")

    def compose(self) -> ComposeResult:
        card = self.card
        goals = [(Content(g.title), g.id) for g in self.journal.goals.all() if not g.archived]
        with VerticalScroll(classes="form"):
            yield Static(Content.from_markup(
                "[b]Change the card[/b]" if card.id else "[b]A new vision card[/b]"))
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
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save card", variant="primary", id="submit")

    def on_mount(self) -> None:
        self._show_url()
        self.query_one("#text", Input).focus()

    @on(Select.Changed, "#kind")
    def _show_url(self) -> None:
        is_link = self.query_one("#kind", Select).value is VisionKind.LINK
        self.query_one("#url").display = is_link
        self.query_one("#url-label").display = is_link

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        kind = VisionKind(self.query_one("#kind", Select).value)
        goal = self.query_one("#goal", Select).value
        card = dataclasses.replace(
            self.card, kind=kind, text=self.query_one("#text", Input).value,
            url=self.query_one("#url", Input).value if kind is VisionKind.LINK else "",
            goal_id=goal if isinstance(goal, int) else None)
        self.query_one("#submit", Button).disabled = True
        self.save(lambda: self.journal.vision.save(card), self.dismiss, self._failed)

    def _failed(self, error: JournalError) -> None:
        self.query_one("#submit", Button).disabled = False
        self.query_one("#form-error", Static).update(Content(str(error)))
        target = FIELD_IDS.get(getattr(error, "field", ""), "#text")
        self.query_one(target).focus()
