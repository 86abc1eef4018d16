"""The sections of the journal: their names, keys and screens, in home-screen order.

A section's screen is built on demand. A section whose screen is not built yet
opens `ComingSoonScreen`, which says so plainly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen

from mentorjournal.screens.coming_soon import ComingSoonScreen
from mentorjournal.screens.journal import JournalScreen
from mentorjournal.screens.vision import VisionScreen


@dataclass(frozen=True)
class Section:
    """One section: `name` matches SectionSummary.section in queries.py."""

    name: str
    title: str
    key: str
    description: str
    screen: Callable[[], Screen[None]]


def _soon(name: str, title: str) -> Callable[[], Screen[None]]:
    return lambda: ComingSoonScreen(name, title)


SECTIONS: tuple[Section, ...] = (
    Section("agreement", "Agreement", "a", "The frank talk: expectations, style, signatures",
            _soon("agreement", "Agreement")),
    Section("goals", "Goals", "g", "Goals, objectives, progress and adjustments",
            _soon("goals", "Goals")),
    Section("meetings", "Meetings", "m", "The meeting log: walk-and-talks, homework, check-ins",
            _soon("meetings", "Meetings")),
    Section("wins", "Wins", "w", "The wins wall: small wins too",
            _soon("wins", "Wins")),
    Section("journal", "Journal", "j", "The creative journal: write between meetings",
            JournalScreen),
    Section("vision", "Vision board", "v", "Cards for what you are working towards",
            VisionScreen),
    Section("evaluation", "Evaluation", "e", "Both evaluate, then share side by side",
            _soon("evaluation", "Evaluation")),
    Section("review", "Review", "r", "Review progress together at one terminal",
            _soon("review", "Review")),
)

SECTION_BY_NAME = {section.name: section for section in SECTIONS}
