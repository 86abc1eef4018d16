"""The goal checklist's rules: progress, overdue, filters, search and recorded adjustments.

Pure functions over `Goal` records (no I/O, no Textual): `Journal` calls them to change a
goal, screens call them to describe one. An objective is identified by its index in
`goal.objectives` (archived ones keep their place, so indexes stay stable).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Adjustment, Goal, GoalStatus, Objective, Win, WinSize

T = TypeVar("T")

MAX_TITLE = 200
MAX_TEXT = 2000
OPEN_STATUSES = frozenset({GoalStatus.ACTIVE, GoalStatus.ADJUSTED})
TRACKED = (("title", "title"), ("success_measure", "success measure"),
           ("target_date", "target date"))
"""Goal fields whose change is recorded as an adjustment: (attribute, what it is called)."""


class GoalFilter(StrEnum):
    """Which goals the list shows."""

    ACTIVE = "active"
    OVERDUE = "overdue"
    DONE = "done"
    ACHIEVED = "achieved"
    DROPPED = "dropped"
    ALL = "all"
    ARCHIVED = "archived"


# -- questions -------------------------------------------------------------------


def is_open(goal: Goal) -> bool:
    """Still being worked on: active (or adjusted), not achieved or dropped."""
    return goal.status in OPEN_STATUSES


def progress(goal: Goal) -> float | None:
    """Done objectives / all live objectives; None when the goal has none yet."""
    return goal.progress


def progress_label(goal: Goal) -> str:
    """'67%', or 'no objectives yet' (never a misleading 0 %)."""
    fraction = progress(goal)
    return "no objectives yet" if fraction is None else f"{fraction:.0%}"


def is_overdue(goal: Goal, today: date) -> bool:
    """An open, unarchived goal whose target date has passed."""
    return (is_open(goal) and not goal.archived and goal.target_date is not None
            and goal.target_date < today)


def objective_counts(goal: Goal) -> tuple[int, int]:
    """(done, all) live objectives."""
    live = [o for o in goal.objectives if not o.archived]
    return sum(o.done for o in live), len(live)


def matches(goal: Goal, query: str) -> bool:
    """Case-insensitive search in the title, why, success measure and objectives."""
    needle = query.strip().casefold()
    if not needle:
        return True
    texts = [goal.title, goal.why, goal.success_measure, *(o.text for o in goal.objectives)]
    return any(needle in text.casefold() for text in texts)


def in_filter(goal: Goal, which: GoalFilter, today: date) -> bool:
    """Whether a goal belongs under a filter (archived goals only under ARCHIVED)."""
    if which is GoalFilter.ARCHIVED or goal.archived:
        return goal.archived and which is GoalFilter.ARCHIVED
    if which is GoalFilter.ALL:
        return True
    if which is GoalFilter.ACTIVE:
        return is_open(goal)
    if which is GoalFilter.OVERDUE:
        return is_overdue(goal, today)
    if which is GoalFilter.DONE:
        return not is_open(goal)
    return goal.status.value == which.value  # achieved, dropped


def filter_counts(goals: Iterable[Goal], today: date) -> dict[GoalFilter, int]:
    """How many goals each filter shows (without a search)."""
    counts = dict.fromkeys(GoalFilter, 0)
    for goal in goals:
        for which in GoalFilter:
            counts[which] += in_filter(goal, which, today)
    return counts


def filter_goals(goals: Iterable[Goal], which: GoalFilter, query: str, today: date) -> list[Goal]:
    """The goals a filter and a search show, in their order."""
    return [g for g in goals if in_filter(g, which, today) and matches(g, query)]


def changes(old: Goal, new: Goal) -> list[tuple[str, str, str]]:
    """(what, from, to) for each tracked field that differs between two versions."""
    found = []
    for attribute, what in TRACKED:
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            found.append((what, _show(before), _show(after)))
    return found


def _show(value: object) -> str:
    if value is None or value == "":
        return "none"
    return value.isoformat() if isinstance(value, date) else str(value)


def completes(before: Goal, after: Goal) -> bool:
    """True when this change ticked the last open objective of an open goal."""
    return is_open(after) and progress(after) == 1 and progress(before) != 1


def win_for(goal: Goal, today: date) -> Win:
    """The prefilled win offered when a goal is achieved (the wins wall's hook)."""
    return Win(won_on=today, text=f"Achieved: {goal.title}", size=WinSize.BIG, goal_id=goal.id)


# -- changes (each returns the new version of the goal) ---------------------------


def adjust(old: Goal, new: Goal, why: str, today: date) -> Goal:
    """`new`, with an adjustment recorded for every tracked change; a reason is required."""
    found = changes(old, new)
    if found and not why.strip():
        what = " and ".join(c[0] for c in found)
        raise ValidationError("reason", f"Say briefly why the {what} changed: "
                                     "it goes into the goal's history.")
    added = tuple(Adjustment(on=today, what=w, before=b, after=a, why=why.strip())
                  for w, b, a in found)
    return dataclasses.replace(new, adjustments=old.adjustments + added)


def set_status(goal: Goal, status: GoalStatus, why: str, today: date) -> Goal:
    """Drop or reopen a goal, recording the change and its reason."""
    if not why.strip():
        verb = "drop" if status is GoalStatus.DROPPED else "reopen"
        raise ValidationError("reason", f"Say briefly why you {verb} this goal.")
    record = Adjustment(on=today, what="status", before=goal.status.value,
                        after=status.value, why=why.strip())
    return dataclasses.replace(goal, status=status, achieved_on=None,
                               adjustments=(*goal.adjustments, record))


def achieve(goal: Goal, today: date) -> Goal:
    return dataclasses.replace(goal, status=GoalStatus.ACHIEVED, achieved_on=today)


def tick(goal: Goal, index: int, done: bool, today: date) -> Goal:
    """Tick (done today) or untick one objective."""
    objective = _objective(goal, index)
    changed = dataclasses.replace(objective, done=done, done_on=today if done else None)
    return _with_objective(goal, index, changed)


def add_objective(goal: Goal, text: str) -> Goal:
    return dataclasses.replace(goal, objectives=(*goal.objectives, Objective(text=text)))


def edit_objective(goal: Goal, index: int, text: str) -> Goal:
    return _with_objective(goal, index, dataclasses.replace(_objective(goal, index), text=text))


def archive_objective(goal: Goal, index: int, archived: bool) -> Goal:
    objective = dataclasses.replace(_objective(goal, index), archived=archived)
    return _with_objective(goal, index, objective)


def move_objective(goal: Goal, index: int, delta: int) -> Goal:
    return dataclasses.replace(goal, objectives=moved(goal.objectives, index, delta))


def moved(items: tuple[T, ...], index: int, delta: int) -> tuple[T, ...]:
    """`items` with the one at `index` moved by `delta` places (clamped at the ends)."""
    target = max(0, min(len(items) - 1, index + delta))
    listed = list(items)
    listed.insert(target, listed.pop(index))
    return tuple(listed)


def _objective(goal: Goal, index: int) -> Objective:
    if not 0 <= index < len(goal.objectives):
        raise ValidationError("objective", "That objective no longer exists.")
    return goal.objectives[index]


def _with_objective(goal: Goal, index: int, objective: Objective) -> Goal:
    objectives = list(goal.objectives)
    objectives[index] = objective
    return dataclasses.replace(goal, objectives=tuple(objectives))
