"""The vision board's rules: card order, and which links may be opened."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from mentorjournal.core.model import VisionCard

MAX_CARD = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_openable_url(url: str) -> bool:
    """Only web and mail links are handed to the browser (never file: or javascript:)."""
    return url.strip().lower().startswith(_SAFE_SCHEMES) and not _CONTROL.search(url)


def ordered_cards(cards: Iterable[VisionCard]) -> list[VisionCard]:
    return sorted(cards, key=lambda c: (c.position, c.id))


def reorder(cards: Sequence[VisionCard], card_id: int, to_index: int) -> list[VisionCard]:
    """The board with one card moved to `to_index`; positions renumbered 0..n-1."""
    order = ordered_cards(cards)
    moving = next(c for c in order if c.id == card_id)
    order.remove(moving)
    order.insert(max(0, min(to_index, len(order))), moving)
    return [c if c.position == n else replace(c, position=n) for n, c in enumerate(order)]
