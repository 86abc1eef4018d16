"""Evaluation rules: drafts, submission, sealing until both are in, talking points, evidence.

Pure functions over a Journal's records, plus the operations that save (they validate
first and raise ValidationError with a message for the user). No Textual.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal, check_text
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

TEXT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("what_worked", "What worked?"),
    ("what_to_change", "What would you change?"),
    ("agreement_kept", "How was the agreement kept?"),
    ("would_do_again", "Would you do it again?"),
    ("biggest_learning", "Your biggest learning"),
    ("what_next", "What next?"),
)
"""The open questions of the form, in order: (field, question)."""

MAX_ANSWER = 20_000
TALKING_POINT_GAP = 2


def evaluation_for(journal: Journal, role: Role, kind: EvaluationKind) -> Evaluation | None:
    """The partner's evaluation of that kind (draft or submitted), if there is one."""
    found = [e for e in journal.records(Evaluation) if e.role is role and e.kind is kind]
    return found[0] if found else None


def is_shared(journal: Journal, kind: EvaluationKind) -> bool:
    """Both partners have submitted: the answers may be shown side by side."""
    return all(
        (e := evaluation_for(journal, role, kind)) is not None and e.submitted_at is not None
        for role in Role
    )


def is_sealed(journal: Journal, role: Role, kind: EvaluationKind) -> bool:
    """A submitted evaluation stays hidden on screen until the other partner has submitted."""
    mine = evaluation_for(journal, role, kind)
    return mine is not None and mine.submitted_at is not None and not is_shared(journal, kind)


def status(journal: Journal, role: Role, kind: EvaluationKind) -> str:
    """'not started', 'draft', 'submitted — sealed until both are done' or 'shared'."""
    mine = evaluation_for(journal, role, kind)
    if mine is None:
        return "not started"
    if mine.submitted_at is None:
        return "draft"
    return "shared" if is_shared(journal, kind) else "submitted — sealed until both are done"


def evaluated_goals(journal: Journal) -> list[Goal]:
    """The goals an evaluation rates: all but archived ones (dropped goals are rated too)."""
    return [g for g in journal.goals() if not g.archived]


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


def portfolios(journal: Journal, goals: list[Goal]) -> list[Portfolio]:
    """Each goal's portfolio, reading the meetings and wins once for all of them."""
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in reversed(journal.meetings()):
        for goal_id in dict.fromkeys(meeting.goal_ids):  # a goal listed twice counts once
            meetings[goal_id].append(meeting)
    wins: dict[int, list[Win]] = defaultdict(list)
    for win in reversed(journal.wins()):
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


# -- operations that save ------------------------------------------------------


def validate(evaluation: Evaluation) -> Evaluation:
    """Ratings 1–5 (or blank), answers a journal can hold; raises ValidationError."""
    for field, question in TEXT_QUESTIONS:
        check_text(getattr(evaluation, field), question.rstrip("?"), limit=MAX_ANSWER)
    ratings = [("match_rating", evaluation.match_rating)] + [
        (f"goal-{r.goal_id}", r.rating) for r in evaluation.goal_ratings
    ]
    for field, value in ratings:
        if value is not None and not 1 <= value <= 5:
            raise ValidationError(field, "Ratings go from 1 (not at all) to 5 (fully).")
    for rating in evaluation.goal_ratings:
        check_text(rating.comment, "goal comment", limit=MAX_ANSWER)
    return evaluation


def save_draft(journal: Journal, evaluation: Evaluation) -> Evaluation:
    """Keep a partner's answers so far (a draft can be saved any number of times)."""
    validate(evaluation)
    stored = evaluation_for(journal, evaluation.role, evaluation.kind)
    if stored is not None and stored.submitted_at is not None:
        raise ValidationError("submit", "This evaluation was submitted; reopen it to edit.")
    if stored is None:
        return journal.add(dataclasses.replace(evaluation, id=0))
    return journal.update(dataclasses.replace(evaluation, id=stored.id))  # type: ignore[no-any-return]


def submit(journal: Journal, evaluation: Evaluation) -> Evaluation:
    """Save and submit in one write; from now on it is sealed until both are in."""
    with journal.batch():
        saved = save_draft(journal, evaluation)
        return journal.update(dataclasses.replace(saved, submitted_at=journal.now()))  # type: ignore[no-any-return]


def reopen(journal: Journal, role: Role, kind: EvaluationKind) -> Evaluation:
    """Take a submitted evaluation back to draft; the reopening is recorded."""
    stored = evaluation_for(journal, role, kind)
    if stored is None or stored.submitted_at is None:
        raise ValidationError("reopen", "Only a submitted evaluation can be reopened.")
    reopened = dataclasses.replace(
        stored, submitted_at=None, reopened_at=(*stored.reopened_at, journal.now())
    )
    return journal.update(reopened)  # type: ignore[no-any-return]


def close_mentorship(journal: Journal, closed_on: date, note: str) -> Pair:
    """Mark the relationship closed once the closing evaluation has been shared."""
    pair = journal.pair()
    if pair is None:
        raise ValidationError("closed_on", "There is no pair to close yet.")
    if not is_shared(journal, EvaluationKind.CLOSING):
        raise ValidationError(
            "closed_on", "Both partners submit the closing evaluation before the mentorship closes."
        )
    if pair.started_on is not None and closed_on < pair.started_on:
        raise ValidationError("closed_on", "The closing date is before the mentorship started.")
    check_text(note, "closing note", limit=MAX_ANSWER)
    return journal.set_pair(dataclasses.replace(pair, closed_on=closed_on, closing_note=note))


