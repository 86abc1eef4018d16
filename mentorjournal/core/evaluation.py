"""Evaluations: drafts, submission, sealing until both are in, talking points, evidence.

`EvaluationService` (`journal.evaluations`) reads and saves each partner's evaluation;
the pure functions compare two of them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import (
    Adjustment,
    Evaluation,
    EvaluationKind,
    Goal,
    Homework,
    Meeting,
    Objective,
    Pair,
    Role,
    Win,
)
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_ANSWER, check_text

if TYPE_CHECKING:
    from mentorjournal.core.goals import GoalService
    from mentorjournal.core.meetings import MeetingService
    from mentorjournal.core.pair import PairService
    from mentorjournal.core.wins import WinService

TEXT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("what_worked", "What worked?"),
    ("what_to_change", "What would you change?"),
    ("agreement_kept", "How was the agreement kept?"),
    ("would_do_again", "Would you do it again?"),
    ("biggest_learning", "Your biggest learning"),
    ("what_next", "What next?"),
)
"""The open questions of the form, in order: (field, question)."""

TALKING_POINT_GAP = 2


def rating_of(evaluation: Evaluation, goal_id: int) -> tuple[int | None, str]:
    for rating in evaluation.goal_ratings:
        if rating.goal_id == goal_id:
            return rating.rating, rating.comment
    return None, ""


def talking_points(mentor: Evaluation, protege: Evaluation) -> set[str]:
    """Ratings that differ by 2 or more: 'match' and 'goal:<id>' keys."""
    points = set()
    if _apart(mentor.match_rating, protege.match_rating):
        points.add("match")
    goal_ids = {r.goal_id for r in (*mentor.goal_ratings, *protege.goal_ratings)}
    for goal_id in goal_ids:
        if _apart(rating_of(mentor, goal_id)[0], rating_of(protege, goal_id)[0]):
            points.add(f"goal:{goal_id}")
    return points


def _apart(first: int | None, second: int | None) -> bool:
    return first is not None and second is not None and abs(first - second) >= TALKING_POINT_GAP


@dataclass(frozen=True)
class Portfolio:
    """The record behind one goal, so the pair evaluates from evidence, not memory."""

    goal: Goal
    objectives: tuple[Objective, ...]
    meetings: tuple[Meeting, ...]
    homework: tuple[Homework, ...]
    wins: tuple[Win, ...]
    adjustments: tuple[Adjustment, ...]


def validate(evaluation: Evaluation) -> Evaluation:
    """Ratings 1–5 (or blank), answers a journal can hold; raises ValidationError."""
    for field, question in TEXT_QUESTIONS:
        check_text(getattr(evaluation, field), field, f"answer to “{question}”",
                   limit=MAX_ANSWER)
    ratings = [("match_rating", evaluation.match_rating)] + [
        (f"goal-{r.goal_id}", r.rating) for r in evaluation.goal_ratings
    ]
    for field, value in ratings:
        if value is not None and not 1 <= value <= 5:
            raise ValidationError(field, "Ratings go from 1 (not at all) to 5 (fully).")
    for rating in evaluation.goal_ratings:
        check_text(rating.comment, f"goal-{rating.goal_id}", "goal comment", limit=MAX_ANSWER)
    return evaluation


class EvaluationService:
    """`journal.evaluations`: each partner's midpoint and closing evaluation."""

    def __init__(self, records: Records, pair: PairService, goals: GoalService,
                 meetings: MeetingService, wins: WinService) -> None:
        self._records = records
        self._pair = pair
        self._goals = goals
        self._meetings = meetings
        self._wins = wins

    def of(self, role: Role, kind: EvaluationKind) -> Evaluation | None:
        """The partner's evaluation of that kind (draft or submitted), if there is one."""
        found = [e for e in self._records.all(Evaluation) if e.role is role and e.kind is kind]
        return found[0] if found else None

    def submitted(self) -> list[Evaluation]:
        """Every submitted evaluation, in id order."""
        return [e for e in self._records.all(Evaluation) if e.submitted_at is not None]

    def count(self) -> int:
        return self._records.count(Evaluation)

    def is_shared(self, kind: EvaluationKind) -> bool:
        """Both partners have submitted: the answers may be shown side by side."""
        return all((e := self.of(role, kind)) is not None and e.submitted_at is not None
                   for role in Role)

    def is_sealed(self, role: Role, kind: EvaluationKind) -> bool:
        """A submitted evaluation stays hidden on screen until the other partner submits."""
        mine = self.of(role, kind)
        return mine is not None and mine.submitted_at is not None and not self.is_shared(kind)

    def status(self, role: Role, kind: EvaluationKind) -> str:
        """'not started', 'draft', 'submitted — sealed until both are done' or 'shared'."""
        mine = self.of(role, kind)
        if mine is None:
            return "not started"
        if mine.submitted_at is None:
            return "draft"
        return "shared" if self.is_shared(kind) else "submitted — sealed until both are done"

    def evaluated_goals(self) -> list[Goal]:
        """The goals an evaluation rates: all but archived ones (dropped goals are rated too)."""
        return [g for g in self._goals.all() if not g.archived]

    def portfolios(self, goals: list[Goal]) -> list[Portfolio]:
        """Each goal's portfolio, reading the meetings and wins once for all of them."""
        meetings: dict[int, list[Meeting]] = defaultdict(list)
        for meeting in reversed(self._meetings.all()):
            for goal_id in dict.fromkeys(meeting.goal_ids):  # a goal listed twice counts once
                meetings[goal_id].append(meeting)
        wins: dict[int, list[Win]] = defaultdict(list)
        for win in reversed(self._wins.all()):
            if win.goal_id is not None:
                wins[win.goal_id].append(win)
        return [Portfolio(
            goal=goal,
            objectives=tuple(o for o in goal.objectives if not o.archived),
            meetings=tuple(meetings[goal.id]),
            homework=tuple(h for m in meetings[goal.id] for h in m.homework),
            wins=tuple(wins[goal.id]),
            adjustments=goal.adjustments,
        ) for goal in goals]

    def save_draft(self, evaluation: Evaluation) -> Evaluation:
        """Keep a partner's answers so far (a draft can be saved any number of times)."""
        validate(evaluation)
        stored = self.of(evaluation.role, evaluation.kind)
        if stored is not None and stored.submitted_at is not None:
            raise ValidationError("submit", "This evaluation was submitted; reopen it to edit.")
        if stored is None:
            return self._records.add(dataclasses.replace(evaluation, id=0))
        return self._records.update(dataclasses.replace(evaluation, id=stored.id))

    def submit(self, evaluation: Evaluation) -> Evaluation:
        """Save and submit in one write; from now on it is sealed until both are in."""
        with self._records.batch():
            saved = self.save_draft(evaluation)
            return self._records.update(
                dataclasses.replace(saved, submitted_at=self._records.now()))

    def reopen(self, role: Role, kind: EvaluationKind) -> Evaluation:
        """Take a submitted evaluation back to draft; the reopening is recorded."""
        stored = self.of(role, kind)
        if stored is None or stored.submitted_at is None:
            raise ValidationError("reopen", "Only a submitted evaluation can be reopened.")
        return self._records.update(dataclasses.replace(
            stored, submitted_at=None, reopened_at=(*stored.reopened_at, self._records.now())))

    def close_mentorship(self, closed_on: date, note: str) -> Pair:
        """Mark the relationship closed once the closing evaluation has been shared."""
        pair = self._pair.get()
        if pair is None:
            raise ValidationError("closed_on", "There is no pair to close yet.")
        if not self.is_shared(EvaluationKind.CLOSING):
            raise ValidationError("closed_on", "Both partners submit the closing evaluation "
                                               "before the mentorship closes.")
        return self._pair.save(dataclasses.replace(pair, closed_on=closed_on,
                                                   closing_note=note))
