"""The vision board: cards in a grid, reordered with keys or by dragging with the mouse."""

from __future__ import annotations

import webbrowser

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from mentorjournal.core.model import Draft, VisionCard, VisionKind
from mentorjournal.core.text import one_line, printable
from mentorjournal.core.vision import is_openable_url
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.vision_card_form import VisionCardModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, MOVE, NAVIGATE, VIEW
from mentorjournal.widgets.vision_card import VisionCardView

EMPTY = ("The board is empty. Press n to pin a first card: a line about who you want to "
         "become, a quote that keeps you going, or a link worth coming back to.")
HINT = ("Arrows: between cards · < > or Shift+arrows or drag onto another: reorder · "
        "Enter: open link or edit")


class VisionScreen(SectionScreen):
    """What the protégé is working towards, pinned as short cards."""

    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("n", "new_card", "New", group=ADD,
                tooltip="Pin a new card: a text, a quote or a link"),
        Binding("e", "edit_card", "Edit", group=ADD, tooltip="Edit the focused card"),
        Binding("enter,o", "open_card", "Open", group=VIEW,
                tooltip="Open the link card in your browser (other cards: edit)"),
        Binding("delete,d", "delete_card", "Delete", group=ADD,
                tooltip="Delete the focused card (asks first)"),
        Binding("shift+left,less_than_sign", "move_card(-1)", "Move back", group=MOVE,
                tooltip="Move the card one place back"),
        Binding("shift+right,greater_than_sign", "move_card(1)", "Move on", group=MOVE,
                tooltip="Move the card one place on"),
        Binding("shift+up", "move_card('-row')", "Move up", show=False, group=MOVE,
                tooltip="Move the card up a row"),
        Binding("shift+down", "move_card('row')", "Move down", show=False, group=MOVE,
                tooltip="Move the card down a row"),
        Binding("left", "step(-1)", "Between cards", key_display="← → ↑ ↓", show=False,
                group=NAVIGATE, tooltip="Move between the cards"),
        Binding("right", "step(1)", show=False),
        Binding("up", "step('-row')", show=False),
        Binding("down", "step('row')", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(name="vision")
        self.cards: list[VisionCard] = []
        self._grabbed: int | None = None
        self._views: list[VisionCardView] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(HINT), id="vision-hint")
        with VerticalScroll():
            yield Static(Content(EMPTY), classes="empty-state", id="vision-empty")
            yield Grid(id="vision-grid")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @property
    def columns(self) -> int:
        return 3 if self.size.width >= 100 else 2

    def on_resize(self) -> None:
        self.query_one("#vision-grid", Grid).styles.grid_size_columns = self.columns

    def reload(self, focus_id: int | None = None) -> None:
        """Rebuild the board from the journal, keeping focus on `focus_id` (or the current)."""
        if focus_id is None and self.current is not None:
            focus_id = self.current.id
        self.cards = self.journal.vision.all()
        goals = {g.id: g.title for g in self.journal.goals.all()}
        grid = self.query_one("#vision-grid", Grid)
        grid.remove_children()
        views = [VisionCardView(c, goals.get(c.goal_id or 0)) for c in self.cards]
        self._views = views
        grid.mount_all(views)
        self.query_one("#vision-empty").display = not self.cards
        self.query_one("#vision-hint").display = bool(self.cards)
        target = next((v for v in views if v.card.id == focus_id), views[0] if views else None)
        if target is not None:
            self.call_after_refresh(target.focus)

    @property
    def current(self) -> VisionCard | None:
        focused = self.focused
        return focused.card if isinstance(focused, VisionCardView) else None

    def _index(self) -> int | None:
        card = self.current
        ids = [c.id for c in self.cards]
        return ids.index(card.id) if card is not None and card.id in ids else None

    def _delta(self, step: int | str) -> int:
        """A step in cards: an int, or 'row' / '-row' for a row of the grid."""
        if isinstance(step, str):
            return -self.columns if step.startswith("-") else self.columns
        return step

    def action_step(self, step: int | str) -> None:
        index = self._index()
        if index is None:
            return
        target = index + self._delta(step)
        if 0 <= target < len(self.cards):
            self._views[target].focus()

    def action_move_card(self, step: int | str) -> None:
        index = self._index()
        if index is not None:
            self.move(self.cards[index].id, index + self._delta(step))

    def move(self, card_id: int, to_index: int) -> None:
        """Put a card at `to_index` on the board (clamped to the board)."""
        to_index = max(0, min(to_index, len(self.cards) - 1))
        if [c.id for c in self.cards].index(card_id) == to_index:
            return
        self.save(lambda: self.journal.vision.move(card_id, to_index),
                  lambda _cards: self.reload(focus_id=card_id))

    @on(VisionCardView.Grabbed)
    def _grabbed_card(self, event: VisionCardView.Grabbed) -> None:
        self._grabbed = event.card_id

    @on(VisionCardView.Dropped)
    def _dropped_card(self, event: VisionCardView.Dropped) -> None:
        grabbed, self._grabbed = self._grabbed, None
        if grabbed is not None and grabbed != event.card_id:
            self.move(grabbed, [c.id for c in self.cards].index(event.card_id))

    def on_mouse_down(self) -> None:
        """Any press forgets an old grab; a card's `Grabbed` arrives after this."""
        self._grabbed = None

    def action_new_card(self) -> None:
        self.app.push_screen(VisionCardModal(), self._saved)

    def action_edit_card(self) -> None:
        if self.current is not None:
            self.app.push_screen(VisionCardModal(self.current), self._saved)

    def restore_draft(self, draft: Draft) -> None:
        card = self.journal.vision.get(draft.target_id) if draft.target_id else None
        self.app.push_screen(VisionCardModal(card).carry_on(draft), self._saved)

    def _saved(self, card: VisionCard | None) -> None:
        if card is not None:
            self.notify("Card saved.")
            self.reload(focus_id=card.id)

    def action_open_card(self) -> None:
        card = self.current
        if card is None:
            return
        if card.kind is not VisionKind.LINK:
            self.action_edit_card()
        elif is_openable_url(card.url):
            self.open_link(card.url)
        else:
            self.notify("This link is not a web address, so it is not opened.",
                        severity="warning")

    @work(thread=True, group="open-link", exit_on_error=False)
    def open_link(self, url: str) -> None:
        """Hand `url` to the browser, saying so; where there is none, say that instead.
        (Finding the browser may run a program: off the UI thread.)"""
        if not self.app.is_web:
            try:
                webbrowser.get()
            except webbrowser.Error:
                self.app.call_from_thread(
                    self.notify, printable(f"No web browser was found here. The link: {url}"),
                    title="Link not opened", severity="warning", markup=False, timeout=15)
                return
        self.app.call_from_thread(self.app.open_url, url)
        self.app.call_from_thread(self.notify, printable(f"Opening {url} in your browser."),
                                  markup=False)

    def action_delete_card(self) -> None:
        card = self.current
        if card is None:
            return
        self.app.push_screen(
            ChoiceModal.confirm("Delete this card?", f"{one_line(card.text)}\n"
                                "It comes off the vision board for good.",
                                Choice("delete", "Delete", "error")),
            lambda key: self._delete(card) if key == "delete" else None)

    def _delete(self, card: VisionCard) -> None:
        self.save(lambda: self.journal.vision.delete(card), lambda _none: self.reload())
