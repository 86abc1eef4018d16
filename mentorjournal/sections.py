"""The sections of the journal: their names, keys and screens, in home-screen order.

A section's screen is built on demand, each time the section is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen

from mentorjournal.screens.agreement import AgreementScreen
from mentorjournal.screens.evaluation import EvaluationScreen
from mentorjournal.screens.goals import GoalsScreen
from mentorjournal.screens.journal import JournalScreen
from mentorjournal.screens.meetings import MeetingsScreen
from mentorjournal.screens.review import ReviewScreen
from mentorjournal.screens.vision import VisionScreen
from mentorjournal.screens.wins import WinsScreen


@dataclass(frozen=True)
class Section:
    """One section: `name` matches SectionSummary.section in queries.py."""

    name: str
    title: str
    key: str
    description: str
    screen: Callable[[], Screen[None]]


SECTIONS: tuple[Section, ...] = (
    Section("agreement", "Agreement", "a", "The frank talk: expectations, style, signatures",
            AgreementScreen),
    Section("goals", "Goals", "g", "Goals, objectives, progress and adjustments",
            GoalsScreen),
    Section("meetings", "Meetings", "m", "The meeting log: walk-and-talks, homework, check-ins",
            MeetingsScreen),
    Section("wins", "Wins", "w", "The wins wall: small wins too",
            WinsScreen),
    Section("journal", "Journal", "j", "The creative journal: write between meetings",
            JournalScreen),
    Section("vision", "Vision board", "v", "Cards for what you are working towards",
            VisionScreen),
    Section("evaluation", "Evaluation", "e", "Both evaluate, then share side by side",
            EvaluationScreen),
    Section("review", "Review", "r", "Review progress together at one terminal",
            ReviewScreen),
)

SECTION_BY_NAME = {section.name: section for section in SECTIONS}
