"""The sections of the journal: their names, keys and screens, in home-screen order.

A section's screen module is imported the first time the section is opened, not at
start-up: the home screen paints without loading every screen's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentorjournal.screens.base import SectionScreen


@dataclass(frozen=True)
class Section:
    """One section: `name` matches SectionSummary.section in queries.py."""

    name: str
    title: str
    key: str
    description: str
    screen_class: str
    """The screen as 'module:Class' below mentorjournal.screens."""

    def load(self) -> type[SectionScreen]:
        """The screen's class (its module is imported on first use)."""
        module, name = self.screen_class.split(":")
        screen_class: type[SectionScreen] = getattr(
            import_module(f"mentorjournal.screens.{module}"), name)
        return screen_class

    def screen(self) -> SectionScreen:
        """A new screen for this section."""
        return self.load()()


SECTIONS: tuple[Section, ...] = (
    Section("agreement", "Agreement", "a", "The frank talk: expectations, style, signatures",
            "agreement:AgreementScreen"),
    Section("goals", "Goals", "g", "Goals, objectives, progress and adjustments",
            "goals:GoalsScreen"),
    Section("meetings", "Meetings", "m", "The meeting log: walk-and-talks, homework, check-ins",
            "meetings:MeetingsScreen"),
    Section("wins", "Wins", "w", "The wins wall: small wins too",
            "wins:WinsScreen"),
    Section("journal", "Journal", "j", "The creative journal: write between meetings",
            "journal:JournalScreen"),
    Section("vision", "Vision board", "v", "Cards for what you are working towards",
            "vision:VisionScreen"),
    Section("evaluation", "Evaluation", "e", "Both evaluate, then share side by side",
            "evaluation:EvaluationScreen"),
    Section("review", "Review", "r", "Review progress together at one terminal",
            "review:ReviewScreen"),
)

SECTION_BY_NAME = {section.name: section for section in SECTIONS}
