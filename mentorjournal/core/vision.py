"""The vision board: card order, which links may be opened, and `VisionService`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Goal, VisionCard, VisionKind
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_LINE, MAX_URL, check_text, is_safe

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
"""A scheme ("https:", "mailto:", "javascript:"), not a host and port ("example.org:8080")."""


def complete_url(url: str) -> str:
    """A link typed without its scheme ("example.org/talk") is a web address: https:// is
    put in front. A link with a scheme is left as it is (and refused if it is not safe)."""
    url = url.strip()
    return url if not url or _SCHEME.match(url) else f"https://{url}"


def is_openable_url(url: str) -> bool:
    """Only web and mail links are handed to the browser (never file: or javascript:)."""
    url = url.strip()
    return url.lower().startswith(_SAFE_SCHEMES) and is_safe(url) and not any(
        ch.isspace() for ch in url)


def ordered_cards(cards: Iterable[VisionCard]) -> list[VisionCard]:
    return sorted(cards, key=lambda c: (c.position, c.id))


def reorder(cards: Sequence[VisionCard], card_id: int, to_index: int) -> list[VisionCard]:
    """The board with one card moved to `to_index`; positions renumbered 0..n-1."""
    order = ordered_cards(cards)
    moving = next(c for c in order if c.id == card_id)
    order.remove(moving)
    order.insert(max(0, min(to_index, len(order))), moving)
    return [c if c.position == n else dataclasses.replace(c, position=n)
            for n, c in enumerate(order)]


class VisionService:
    """`journal.vision`: the board's cards in their order, checked before they are saved."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def all(self) -> list[VisionCard]:
        """The cards in board order."""
        return ordered_cards(self._records.all(VisionCard))

    def get(self, card_id: int) -> VisionCard | None:
        return self._records.get(VisionCard, card_id)

    def save(self, card: VisionCard) -> VisionCard:
        """Check and save a card; a new one goes at the end of the board."""
        text = check_text(card.text, "text", "card text", required=True, limit=MAX_LINE).strip()
        url = complete_url(check_text(card.url, "url", "link", limit=MAX_URL))
        if card.kind is VisionKind.LINK and not is_openable_url(url):
            raise ValidationError("url", "A link card needs a web address (https://…).")
        if card.goal_id is not None and self._records.get(Goal, card.goal_id) is None:
            raise ValidationError("goal", "That goal is no longer in the journal.")
        card = dataclasses.replace(card, text=text, url=url)
        if card.id:
            return self._records.update(card)
        cards = self.all()
        position = cards[-1].position + 1 if cards else 0
        return self._records.add(dataclasses.replace(card, position=position))

    def move(self, card_id: int, to_index: int) -> list[VisionCard]:
        """Move a card to `to_index` on the board (one write); returns the new order."""
        old = {c.id: c for c in self._records.all(VisionCard)}
        with self._records.batch():
            for card in reorder(list(old.values()), card_id, to_index):
                if card != old[card.id]:
                    self._records.update(card)
        return self.all()

    def delete(self, card: VisionCard) -> None:
        self._records.delete(card)
