"""Reviewing together: what changed since the last review, drift from the agreement, the agenda.

`ReviewService` (`journal.reviews`) asks the journal and records a finished review; the
pure functions summarise meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from mentorjournal.core.model import Goal, HomeworkStatus, Meeting, Review, ReviewItem, ReviewMark
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_TEXT, check_text

if TYPE_CHECKING:
    from mentorjournal.core.agreement import AgreementService
    from mentorjournal.core.goals import GoalService
    from mentorjournal.core.meetings import MeetingService
    from mentorjournal.core.pair import PairService
    from mentorjournal.core.wins import WinService


@dataclass(frozen=True)
class Drift:
    """The agreed meeting frequency beside the actual gaps between meetings."""

    agreed_days: int | None
    meetings: int
    median_gap: float | None
    longest_gap: int | None
    days_since_last: int | None

    def describe(self) -> str:
        agreed = f"agreed every {self.agreed_days} days" if self.agreed_days else \
            "no meeting frequency agreed yet"
        if self.meetings == 0:
            return f"{agreed} — no meetings logged yet"
        if self.median_gap is None:
            return f"{agreed} — one meeting so far, {self.days_since_last} days ago"
        return (f"{agreed} — actual median {self.median_gap:g} days, "
                f"longest gap {self.longest_gap} days")

    @property
    def drifting(self) -> bool:
        """True when meetings are, typically, half as far apart again as agreed."""
        return bool(self.agreed_days and self.median_gap
                    and self.median_gap > 1.5 * self.agreed_days)


def drift(agreed_days: int | None, meeting_days: list[date], today: date) -> Drift:
    import statistics  # here, not at the top: the journal (and start-up) rarely needs it

    days = sorted(set(meeting_days))
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    return Drift(
        agreed_days=agreed_days,
        meetings=len(days),
        median_gap=statistics.median(gaps) if gaps else None,
        longest_gap=max(gaps) if gaps else None,
        days_since_last=(today - days[-1]).days if days else None,
    )


def meeting_hours_per_month(meetings: list[Meeting], today: date) -> float | None:
    """Average hours met per 30 days, from the first meeting to today."""
    timed = [m for m in meetings if m.duration_minutes]
    if not timed:
        return None
    first = min(m.held_on for m in timed)
    months = max(1.0, (today - first).days / 30)
    return sum(m.duration_minutes or 0 for m in timed) / 60 / months


@dataclass(frozen=True)
class HomeworkSummary:
    open: int
    overdue: int
    carried_twice: int


def homework_summary(meetings: list[Meeting], today: date) -> HomeworkSummary:
    items = [h for m in meetings for h in m.homework if h.status is HomeworkStatus.OPEN]
    return HomeworkSummary(
        open=len(items),
        overdue=sum(1 for h in items if h.due is not None and h.due < today),
        carried_twice=sum(1 for h in items if h.carried_over >= 2),
    )


def checkin_series(meetings: list[Meeting]) -> tuple[list[int], list[int]]:
    """(meaningful, expectations met) ratings of the check-ins, oldest first."""
    rated = [m.checkin for m in sorted(meetings, key=lambda m: m.held_on) if m.checkin]
    return ([c.meaningful for c in rated if c.meaningful is not None],
            [c.expectations_met for c in rated if c.expectations_met is not None])


def _goal_changes(goal: Goal, since: date) -> list[ReviewItem]:
    items = []
    if goal.created_on and goal.created_on >= since:
        items.append(ReviewItem(kind="new goal", ref=goal.id, summary=goal.title))
    items += [ReviewItem(kind="adjusted goal", ref=goal.id,
                         summary=f"{goal.title}: {a.what} {a.before} → {a.after} ({a.why})")
              for a in goal.adjustments if a.on >= since]
    items += [ReviewItem(kind="objective done", ref=goal.id, summary=f"{goal.title}: {o.text}")
              for o in goal.objectives if o.done and o.done_on and o.done_on >= since]
    return items


class ReviewService:
    """`journal.reviews`: reviewing together, and the agenda it leaves for the next meeting."""

    def __init__(self, records: Records, pair: PairService, agreement: AgreementService,
                 goals: GoalService, meetings: MeetingService, wins: WinService) -> None:
        self._records = records
        self._pair = pair
        self._agreement = agreement
        self._goals = goals
        self._meetings = meetings
        self._wins = wins

    def all(self) -> list[Review]:
        """Oldest first."""
        return sorted(self._records.all(Review), key=lambda r: (r.held_at, r.id))

    def last(self) -> Review | None:
        reviews = self.all()
        return reviews[-1] if reviews else None

    def since(self) -> date:
        """The day the next review starts from: the last review, else the start of the pair."""
        last = self.last()
        if last is not None:
            return last.held_at.date()
        pair = self._pair.get()
        return pair.started_on if pair and pair.started_on else date.min

    def drift(self) -> Drift:
        """The agreed meeting frequency beside the actual gaps."""
        agreement = self._agreement.latest()
        return drift(agreement.frequency_days if agreement else None,
                     [m.held_on for m in self._meetings.all()], self._records.today())

    def changes_since(self, since: date) -> list[ReviewItem]:
        """What changed since a day, one item each: to step through together."""
        items: list[ReviewItem] = []
        agreement = self._agreement.latest()
        if agreement and agreement.created_at and agreement.created_at.date() >= since:
            items.append(ReviewItem(kind="agreement", ref=agreement.id,
                                    summary=f"Agreement version {agreement.number}"))
        for goal in self._goals.all():
            items += _goal_changes(goal, since)
        for meeting in reversed(self._meetings.all()):
            if meeting.held_on >= since:
                tags = ", ".join(meeting.tags)
                items.append(ReviewItem(kind="meeting", ref=meeting.id, summary=(
                    f"{meeting.held_on.isoformat()} meeting" + (f" ({tags})" if tags else ""))))
        for win in reversed(self._wins.all()):
            if win.won_on >= since:
                items.append(ReviewItem(kind="win", ref=win.id,
                                        summary=f"{win.won_on.isoformat()} {win.text}"))
        return items

    def agenda(self) -> list[ReviewItem]:
        """The items the last review marked 'to discuss': the next meeting's agenda."""
        last = self.last()
        return [i for i in last.items if i.mark is ReviewMark.TO_DISCUSS] if last else []

    def record(self, items: list[ReviewItem], held_at: datetime) -> Review:
        """Save a finished review; the next one starts from it."""
        for item in items:
            check_text(item.comment, "comment", limit=MAX_TEXT)
        return self._records.add(Review(held_at=held_at, items=tuple(items)))
