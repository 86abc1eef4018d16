"""Goals and objectives: progress, overdue, filters, recorded adjustments, and `GoalService`.

The pure functions describe and change `Goal` records; `GoalService` (`journal.goals`)
checks and saves them. An objective is identified by its index in `goal.objectives`
(archived ones keep their place, so indexes stay stable).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Adjustment, Goal, GoalStatus, Objective, Win, WinSize
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_TEXT, MAX_TITLE, MAX_WIN, check_text, one_line

if TYPE_CHECKING:
    from mentorjournal.core.wins import WinService

T = TypeVar("T")
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


def filter_label(which: GoalFilter) -> str:
    """The filter's name on screen: DONE reads "Closed" (achieved or dropped), so that it
    does not read as "Achieved"."""
    return "Closed" if which is GoalFilter.DONE else which.value.capitalize()


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


def tick(goal: Goal, index: int, done: bool, today: date, at: datetime | None = None) -> Goal:
    """Tick (done today, at the moment `at`) or untick one objective."""
    objective = _objective(goal, index)
    changed = dataclasses.replace(objective, done=done, done_on=today if done else None,
                                  done_at=at if done else None)
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


# -- the service ---------------------------------------------------------------------


class GoalService:
    """`journal.goals`: the goals, and every change to them, checked before it is saved."""

    def __init__(self, records: Records, wins: WinService) -> None:
        self._records = records
        self._wins = wins

    def all(self) -> list[Goal]:
        """Every goal, in the pair's order."""
        return sorted(self._records.all(Goal), key=lambda g: (g.position, g.id))

    def get(self, goal_id: int) -> Goal | None:
        return self._records.get(Goal, goal_id)

    def find(self, ref: str, field: str = "goal") -> Goal:
        """A goal by id, by exact title, or by a part of its title that only one goal has."""
        goals = self.all()
        wanted = ref.strip()
        if wanted.isdigit() and (found := self.get(int(wanted))) is not None:
            return found
        folded = wanted.casefold()
        for matches in ([g for g in goals if g.title.casefold() == folded],
                        [g for g in goals if folded and folded in g.title.casefold()]):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                options = "; ".join(f"{g.id}: {g.title}" for g in matches[:5])
                raise ValidationError(field, f"'{one_line(wanted)}' matches several goals "
                                             f"({one_line(options)}); give its id.")
        listing = "; ".join(f"{g.id}: {g.title}" for g in goals[:8]) or "none yet"
        raise ValidationError(field, f"No goal '{one_line(wanted)}'. Goals: "
                                     f"{one_line(listing)}.")

    def add(self, goal: Goal) -> Goal:
        """Save a new goal at the end of the list, created today."""
        goal = checked(goal)
        position = max((g.position for g in self._records.all(Goal)), default=-1) + 1
        return self._warm(self._records.add(dataclasses.replace(
            goal, position=position, created_on=goal.created_on or self._records.today())))

    def edit(self, goal_id: int, changes: dict[str, Any], reason: str = "") -> Goal:
        """Change a goal's fields; a changed title, success measure or target date needs a
        reason and is recorded as an adjustment."""
        old = self._goal(goal_id)
        new = checked(dataclasses.replace(old, **changes))
        check_text(reason, "reason", limit=MAX_TEXT)
        return self._warm(self._records.update(adjust(old, new, reason,
                                                      self._records.today())))

    def drop(self, goal_id: int, reason: str) -> Goal:
        """Stop working on a goal; it stays in the 'done' filter with its reason."""
        return self._change(goal_id, lambda g: set_status(
            g, GoalStatus.DROPPED, check_text(reason, "reason", limit=MAX_TEXT),
            self._records.today()))

    def reopen(self, goal_id: int, reason: str) -> Goal:
        """Make an achieved or dropped goal active again, recording why."""
        return self._change(goal_id, lambda g: set_status(
            g, GoalStatus.ACTIVE, check_text(reason, "reason", limit=MAX_TEXT),
            self._records.today()))

    def achieve(self, goal_id: int, win_text: str | None = None) -> tuple[Goal, Win | None]:
        """Mark a goal achieved today and, given a text, add a win linked to it (one write)."""
        if win_text is not None:
            check_text(win_text, "win", required=True, limit=MAX_WIN)
        today = self._records.today()
        with self._records.batch():
            goal = self._change(goal_id, lambda g: achieve(g, today))
            win = None
            if win_text is not None:
                win = self._wins.add(dataclasses.replace(win_for(goal, today),
                                                         text=win_text.strip()))
        return goal, win

    def archive(self, goal_id: int, archived: bool = True) -> Goal:
        return self._change(goal_id, lambda g: dataclasses.replace(g, archived=archived))

    def delete(self, goal_id: int) -> None:
        """For mistakes only: the goal and its history are gone (drop it otherwise)."""
        self._records.delete(self._goal(goal_id))
        self._records.all(Goal)  # decode the goals here, in the save worker, not on the UI

    def move(self, goal_id: int, target_id: int) -> None:
        """Move a goal to another goal's place in the order (the other shifts by one)."""
        order = self.all()
        ids = [g.id for g in order]
        goal = order.pop(ids.index(goal_id))
        order.insert(ids.index(target_id), goal)
        with self._records.batch():
            for position, each in enumerate(order):
                if each.position != position:
                    self._records.update(dataclasses.replace(each, position=position))
        self._records.all(Goal)  # decode the goals here, in the save worker, not on the UI

    def add_objective(self, goal_id: int, text: str) -> Goal:
        text = check_text(text, "objective", required=True, limit=MAX_TITLE)
        return self._change(goal_id, lambda g: add_objective(g, text.strip()))

    def edit_objective(self, goal_id: int, index: int, text: str) -> Goal:
        text = check_text(text, "objective", required=True, limit=MAX_TITLE)
        return self._change(goal_id, lambda g: edit_objective(g, index, text.strip()))

    def tick_objective(self, goal_id: int, index: int, done: bool = True) -> Goal:
        """Tick (done today) or untick an objective."""
        now = self._records.now()
        return self._change(goal_id, lambda g: tick(g, index, done, now.date(), now))

    def archive_objective(self, goal_id: int, index: int, archived: bool = True) -> Goal:
        return self._change(goal_id, lambda g: archive_objective(g, index, archived))

    def move_objective(self, goal_id: int, index: int, delta: int) -> Goal:
        return self._change(goal_id, lambda g: move_objective(g, index, delta))

    def _goal(self, goal_id: int) -> Goal:
        goal = self.get(goal_id)
        if goal is None:
            raise ValidationError("goal", "That goal no longer exists.")
        return goal

    def _change(self, goal_id: int, change: Callable[[Goal], Goal]) -> Goal:
        return self._warm(self._records.update(change(self._goal(goal_id))))

    def _warm(self, goal: Goal) -> Goal:
        """Decode the changed goals table now, in the save worker, not on the UI thread."""
        self._records.all(Goal)
        return goal


def checked(goal: Goal) -> Goal:
    """The goal with its texts trimmed, or ValidationError naming the field at fault."""
    check_text(goal.title, "title", required=True, limit=MAX_TITLE)
    check_text(goal.why, "why", limit=MAX_TEXT)
    check_text(goal.success_measure, "success_measure", "success measure", limit=MAX_TEXT)
    return dataclasses.replace(goal, title=goal.title.strip(), why=goal.why.strip(),
                               success_measure=goal.success_measure.strip())
