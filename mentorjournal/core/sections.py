"""The sections of the journal: their names, titles, keys and descriptions, in home-screen order.

Home, the command palette, the export and the command line's help all read them here;
the screen of each is `mentorjournal.screens.section_screen(name)`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One section: `name` matches SectionSummary.section in summaries.py."""

    name: str
    title: str
    key: str
    description: str
    heading: str = ""
    """The section's heading in an export, when it differs from the title."""


SECTIONS: tuple[Section, ...] = (
    Section("agreement", "Agreement", "a", "The frank talk: expectations, style, signatures"),
    Section("goals", "Goals", "g", "Goals, objectives, progress and adjustments"),
    Section("meetings", "Meetings", "m", "The meeting log: walk-and-talks, homework, check-ins"),
    Section("wins", "Wins", "w", "The wins wall: small wins too"),
    Section("journal", "Journal", "j", "The creative journal: write between meetings"),
    Section("vision", "Vision board", "v", "Cards for what you are working towards"),
    Section("evaluation", "Evaluation", "e", "Both evaluate, then share side by side"),
    Section("review", "Review", "r", "Review progress together at one terminal",
            heading="Reviews"),
)

SECTION_BY_NAME = {section.name: section for section in SECTIONS}
