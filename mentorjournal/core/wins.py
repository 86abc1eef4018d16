"""The wins wall: filters, counts per month, 'on this day', and `WinService`."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Goal, JournalEntry, Meeting, Win, WinSize
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_WIN, check_text, first_line


class Period(StrEnum):
    """How far back the wins wall looks."""

    ALL = "all"
    MONTH = "month"
    QUARTER = "quarter"

    @property
    def label(self) -> str:
        return {"all": "All time", "month": "This month", "quarter": "This quarter"}[self.value]


@dataclass(frozen=True)
class WinFilter:
    """What the wall shows: a size (None: both), a goal (None: any) and a period."""

    size: WinSize | None = None
    goal_id: int | None = None
    period: Period = Period.ALL

    @property
    def active(self) -> bool:
        return self != WinFilter()


def period_start(period: Period, today: date) -> date | None:
    """The first day of this month / this quarter; None for all time."""
    if period is Period.MONTH:
        return today.replace(day=1)
    if period is Period.QUARTER:
        return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return None


def filter_wins(wins: Iterable[Win], wanted: WinFilter, today: date) -> list[Win]:
    """The wins that pass the filter, order kept."""
    start = period_start(wanted.period, today)
    return [
        win for win in wins
        if (wanted.size is None or win.size is wanted.size)
        and (wanted.goal_id is None or win.goal_id == wanted.goal_id)
        and (start is None or start <= win.won_on <= today)
    ]


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s month to `last`'s, inclusive."""
    months: list[date] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def wins_per_month(wins: Iterable[Win], start: date | None, today: date) -> list[tuple[date, int]]:
    """(first day of month, wins that month) from the start of the mentorship to today.

    Months without wins count 0, so the chart shows quiet months too. Without a
    start date the chart begins at the earliest win.
    """
    wins = list(wins)
    counts = Counter(w.won_on.replace(day=1) for w in wins)
    first = start or min((w.won_on for w in wins), default=today)
    last = max([today, *(w.won_on for w in wins)])
    return [(month, counts.get(month, 0)) for month in months_between(min(first, last), last)]


@dataclass(frozen=True)
class Memory:
    """Something from the same date in an earlier month: a win or a journal entry."""

    on: date
    kind: str
    text: str
    big: bool = False


def same_day_earlier_months(today: date, since: date | None) -> list[date]:
    """Today's day of the month in each earlier month back to `since` (newest first).

    Months without that day (the 31st in April) are skipped.
    """
    days: list[date] = []
    first = since or date(today.year - 1, today.month, 1)
    for month in reversed(months_between(first, today)[:-1]):
        try:
            day = month.replace(day=today.day)
        except ValueError:
            continue
        if day >= first:
            days.append(day)
    return days


def on_this_day(
    wins: Iterable[Win], entries: Iterable[JournalEntry], today: date, since: date | None
) -> list[Memory]:
    """Wins and journal entries from this date in earlier months, newest first.

    The caller decides which entries may be shown (private ones not in review-together mode).
    """
    days = set(same_day_earlier_months(today, since))
    memories = [Memory(w.won_on, "win", w.text, w.size is WinSize.BIG)
                for w in wins if w.won_on in days]
    memories += [Memory(e.written_on, "entry", e.title or first_line(e.body))
                 for e in entries if e.written_on in days]
    return sorted(memories, key=lambda m: (m.on, m.kind), reverse=True)


def link_label(win: Win, goals: dict[int, Goal], meetings: dict[int, Meeting]) -> str:
    """What a win links to, in words: 'Goal: …', 'Meeting 2026-11-03', or ''."""
    parts = []
    if win.goal_id is not None:
        goal = goals.get(win.goal_id)
        parts.append(f"Goal: {goal.title}" if goal else "Goal: (deleted)")
    if win.meeting_id is not None:
        meeting = meetings.get(win.meeting_id)
        parts.append(f"Meeting {meeting.held_on.isoformat()}" if meeting else "Meeting (deleted)")
    return " · ".join(parts)


class WinService:
    """`journal.wins`: the wins wall, each win checked before it is saved."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def all(self) -> list[Win]:
        """Newest first."""
        return sorted(self._records.all(Win), key=lambda w: (w.won_on, w.id), reverse=True)

    def get(self, win_id: int) -> Win | None:
        return self._records.get(Win, win_id)

    def check(self, win: Win) -> Win:
        """The win with its text trimmed, or ValidationError naming the field at fault."""
        text = check_text(win.text, "text", "win", required=True, limit=MAX_WIN).strip()
        today = self._records.today()
        if win.won_on > today:
            raise ValidationError("won_on", f"The date {win.won_on.isoformat()} is in the "
                                            "future: a win is dated today or earlier.")
        if win.goal_id is not None and self._records.get(Goal, win.goal_id) is None:
            raise ValidationError("goal", "That goal no longer exists; choose another.")
        if win.meeting_id is not None and self._records.get(Meeting, win.meeting_id) is None:
            raise ValidationError("meeting", "That meeting no longer exists; choose another.")
        return dataclasses.replace(win, text=text)

    def add(self, win: Win) -> Win:
        """Save a new win (checked); returns it with its id."""
        return self._records.add(self.check(win))

    def update(self, win: Win) -> Win:
        """Save a changed win (checked)."""
        return self._records.update(self.check(win))

    def delete(self, win: Win) -> Win:
        """Delete a win; returns it as it was, so that it can be restored."""
        self._records.delete(win)
        return win

    def restore(self, win: Win) -> Win:
        """Put a deleted win back (undo), under its old id unless another win took it."""
        if self.get(win.id) is not None:
            return self._records.add(dataclasses.replace(win, id=0))
        return self._records.put(win)
