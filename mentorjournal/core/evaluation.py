"""Evaluations: drafts, submission, sealing until both are in, talking points, evidence.

`EvaluationService` (`journal.evaluations`) reads and saves each partner's evaluation;
the pure functions compare two of them, say which one is due (`due_kind`), whether one
is empty, and what the evidence behind a goal reads as (`evidence_text`).
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
    HomeworkStatus,
    Meeting,
    Objective,
    Pair,
    Role,
    Win,
)
from mentorjournal.core.records import Records
from mentorjournal.core.schedule import evaluation_dates
from mentorjournal.core.text import MAX_ANSWER, check_text, first_line, one_line

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


def due_kind(pair: Pair | None, today: date) -> EvaluationKind:
    """The evaluation the pair is due to fill in, by where `today` falls between the days
    the evaluations fall on (`schedule.evaluation_dates`): the closing one once today is
    nearer its day (the planned end) than the midpoint's (three quarters of the way in),
    on or after that day, or once the mentorship is closed; else the midpoint one, also
    when there is no planned end to go by (Ctrl+K shows the other)."""
    if pair is not None and pair.closed_on is not None:
        return EvaluationKind.CLOSING
    dates = evaluation_dates(pair)
    closing, midpoint = dates.get(EvaluationKind.CLOSING), dates.get(EvaluationKind.MIDPOINT)
    if closing is None or (today < closing and (
            midpoint is None or closing - today > today - midpoint)):
        return EvaluationKind.MIDPOINT
    return EvaluationKind.CLOSING


def is_empty(evaluation: Evaluation) -> bool:
    """Nothing filled in: no goal rated or commented on, no match rating, no answer
    (an answer of spaces only is none). Submitting one asks first."""
    return (evaluation.match_rating is None
            and all(r.rating is None and not r.comment.strip()
                    for r in evaluation.goal_ratings)
            and not any(getattr(evaluation, field).strip() for field, _q in TEXT_QUESTIONS))


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


def evidence_text(item: Portfolio) -> str:
    """The evidence behind one goal as plain text, one line an item: a meeting as its
    date and the first line of its notes without Markdown marks (`first_line`: "# Kick-off"
    reads "Kick-off"), every other text folded to one line. Not yet made safe to show:
    the screen passes it through `printable` as all user text."""
    lines = [f"Status: {item.goal.status.value}"]
    lines.append("Objectives:" if item.objectives else "Objectives: none yet")
    lines += [f"  {'☑' if o.done else '☐'} {one_line(o.text)}"
              + (f" (done {o.done_on.isoformat()})" if o.done_on else "")
              for o in item.objectives]
    lines.append(f"Meetings that discussed it: {len(item.meetings) or 'none'}")
    lines += [f"  {m.held_on.isoformat()} {first_line(m.notes) or '(no notes)'}"
              for m in item.meetings]
    if item.homework:
        lines.append("Homework:")
        lines += [f"  {'☑' if h.status is HomeworkStatus.DONE else '☐'} {one_line(h.text)}"
                  for h in item.homework]
    lines.append(f"Wins: {len(item.wins) or 'none yet'}")
    lines += [f"  {w.won_on.isoformat()} {one_line(w.text)}" for w in item.wins]
    if item.adjustments:
        lines.append("How it was adjusted:")
        lines += [f"  {a.on.isoformat()} "
                  + one_line(f"{a.what}: {a.before} → {a.after} ({a.why})")
                  for a in item.adjustments]
    return "\n".join(lines)


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

    def due(self) -> EvaluationKind:
        """The evaluation due today (`due_kind`): the one the screen opens on."""
        return due_kind(self._pair.get(), self._records.today())

    def is_shared(self, kind: EvaluationKind) -> bool:
        """Both partners have submitted: the answers may be shown side by side."""
        return all((e := self.of(role, kind)) is not None and e.submitted_at is not None
                   for role in Role)

    def headline(self) -> str:
        """Home's figure: each evaluation begun, shared or how many of the two are in."""
        parts = []
        for kind in EvaluationKind:
            found = [e for role in Role if (e := self.of(role, kind)) is not None]
            if self.is_shared(kind):
                parts.append(f"{kind.value.capitalize()} shared")
            elif found:
                done = sum(e.submitted_at is not None for e in found)
                parts.append(f"{kind.value.capitalize()}: {done} of 2 submitted")
        return " · ".join(parts) or "No evaluation yet"

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

    def summary(self, kind: EvaluationKind) -> str:
        """'Midpoint evaluation · Ana: draft · Sam: not started' (the protégé first, as
        they drive), and the day the mentorship closed, if it has."""
        pair = self._pair.get()
        if pair is None:
            return f"{kind.value.capitalize()} evaluation"
        parts = [f"{kind.value.capitalize()} evaluation"] + [
            f"{pair.name_of(role)}: {self.status(role, kind)}"
            for role in (Role.PROTEGE, Role.MENTOR)]
        if pair.closed_on:
            parts.append(f"mentorship closed on {pair.closed_on.isoformat()}")
        return " · ".join(parts)

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
