"""Reviewing together: what changed since the last review, drift from the agreement, the agenda.

`ReviewService` (`journal.reviews`) asks the journal and records a finished review; the
pure functions summarise meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from mentorjournal.core.model import (
    AgendaItem,
    Goal,
    HomeworkStatus,
    Meeting,
    Review,
    ReviewItem,
    ReviewMark,
)
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
    """The agreed meeting frequency beside the actual gaps between meetings, the gap open
    now (from the last meeting to today) included: it is a gap too, and grows each day."""

    agreed_days: int | None
    meetings: int
    median_gap: float | None
    longest_gap: int | None
    days_since_last: int | None
    longest_is_open: bool = False
    """The longest gap is the one open now, longer than any between meetings."""

    @property
    def overdue(self) -> bool:
        """More days have passed since the last meeting than the pair agreed on."""
        return bool(self.agreed_days and self.days_since_last is not None
                    and self.days_since_last > self.agreed_days)

    @property
    def overdue_note(self) -> str | None:
        """'agreed every 14 days — 42 days since the last meeting' when overdue, else None."""
        if not self.overdue:
            return None
        return (f"agreed every {self.agreed_days} days — "
                f"{self.days_since_last} days since the last meeting")

    def describe(self) -> str:
        agreed = f"agreed every {self.agreed_days} days" if self.agreed_days else \
            "no meeting frequency agreed yet"
        if self.meetings == 0:
            return f"{agreed} — no meetings logged yet"
        if self.median_gap is None:
            return (f"{agreed} — one meeting so far, {self.days_since_last} days ago"
                    + (": overdue" if self.overdue else ""))
        gaps = (f"actual median {self.median_gap:g} days, longest gap {self.longest_gap} days"
                + (" (open now)" if self.longest_is_open else ""))
        return f"{self.overdue_note}; {gaps}" if self.overdue else f"{agreed} — {gaps}"

    @property
    def drifting(self) -> bool:
        """True when meetings are, typically or right now, half as far apart again as agreed."""
        limit = 1.5 * self.agreed_days if self.agreed_days else None
        return bool(limit and ((self.median_gap and self.median_gap > limit)
                               or (self.days_since_last and self.days_since_last > limit)))


def drift(agreed_days: int | None, meeting_days: list[date], today: date) -> Drift:
    """The gaps between meetings and the one open now, beside the agreed frequency.

    The open gap always counts for the longest gap. It counts for the median once it is
    as long as the median of the closed gaps: from then on it can only pull the median
    up, while a short open gap is not yet a gap of any length.
    """
    import statistics  # here, not at the top: the journal (and start-up) rarely needs it

    days = sorted(set(meeting_days))
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    open_gap = max(0, (today - days[-1]).days) if days else None
    counted = gaps
    if gaps and open_gap is not None and open_gap >= statistics.median(gaps):
        counted = [*gaps, open_gap]
    longest = max([*gaps, open_gap]) if open_gap is not None else None
    return Drift(
        agreed_days=agreed_days,
        meetings=len(days),
        median_gap=statistics.median(counted) if counted else None,
        longest_gap=longest,
        days_since_last=(today - days[-1]).days if days else None,
        longest_is_open=bool(open_gap and open_gap > max(gaps, default=0)),
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


Change = tuple[ReviewItem, date | None, datetime | None]
"""What a review can show: the item, its day and, where the journal keeps it, its moment."""


def _goal_changes(goal: Goal) -> list[Change]:
    """Every change a goal records: when it was set, adjusted, and its objectives done."""
    changes: list[Change] = [
        (ReviewItem(kind="new goal", ref=goal.id, summary=goal.title), goal.created_on, None)]
    changes += [(ReviewItem(kind="adjusted goal", ref=goal.id, summary=(
                    f"{goal.title}: {a.what} {a.before} → {a.after} ({a.why})")), a.on, None)
                for a in goal.adjustments]
    changes += [(ReviewItem(kind="objective done", ref=goal.id,
                            summary=f"{goal.title}: {o.text}"), o.done_on, o.done_at)
                for o in goal.objectives if o.done]
    return changes


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
        """The day the next review starts from: the last review's, else the pair's start.

        `changes_since` reads the day of the last review as the moment of that review.
        """
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

    def changes_since(self, since: date | datetime | None = None) -> list[ReviewItem]:
        """What changed since the last review (by default), a moment or a day, one item
        each: to step through together.

        A day means from its start, but the day of the last review (what `since()` gives)
        means from the moment of that review. A change kept with its moment (an agreement
        version, an objective ticked) counts if it came after. A change kept only by its
        day (a meeting, a win, a goal set or adjusted, an objective ticked in a journal
        older than `done_at`) counts from that day on, less what the last review already
        went through that day.
        """
        start, inclusive, reviewed = self._start(since)

        def is_new(change: Change) -> bool:
            item, day, moment = change
            if moment is not None:
                return moment > start or (inclusive and moment == start)
            if day is None or day < start.date():
                return False
            return day > start.date() or (item.kind, item.ref, item.summary) not in reviewed

        changes: list[Change] = []
        agreement = self._agreement.latest()
        if agreement and agreement.created_at:
            changes.append((ReviewItem(kind="agreement", ref=agreement.id,
                                       summary=f"Agreement version {agreement.number}"),
                            agreement.created_at.date(), agreement.created_at))
        for goal in self._goals.all():
            changes += _goal_changes(goal)
        for meeting in reversed(self._meetings.all()):
            tags = ", ".join(meeting.tags)
            changes.append((ReviewItem(kind="meeting", ref=meeting.id, summary=(
                f"{meeting.held_on.isoformat()} meeting" + (f" ({tags})" if tags else ""))),
                meeting.held_on, None))
        changes += [(ReviewItem(kind="win", ref=win.id,
                                summary=f"{win.won_on.isoformat()} {win.text}"), win.won_on, None)
                    for win in reversed(self._wins.all())]
        return [change[0] for change in changes if is_new(change)]

    def _start(self, since: date | datetime | None
               ) -> tuple[datetime, bool, set[tuple[str, int | None, str]]]:
        """(the moment changes count from, whether one at that very moment counts, what the
        review held then went through)."""
        since = self.since() if since is None else since
        last = self.last()
        if last is not None and (since == last.held_at if isinstance(since, datetime)
                                 else since == last.held_at.date()):
            return last.held_at, False, {(i.kind, i.ref, i.summary) for i in last.items}
        if isinstance(since, datetime):
            return since, True, set()
        return datetime.combine(since, time.min), True, set()

    def agenda(self, meeting: Meeting | None = None) -> list[AgendaItem]:
        """The items reviews marked 'to discuss' that no meeting has discussed yet, oldest
        first: the next meeting's agenda. With `meeting` (one being edited), the items it
        discussed stay on its agenda, so they can be unticked."""
        discussed = {item.ref for m in self._meetings.all() for item in m.discussed
                     if meeting is None or m.id != meeting.id}
        return [AgendaItem(review_id=review.id, index=index, summary=item.summary,
                           comment=item.comment)
                for review in self.all() for index, item in enumerate(review.items)
                if item.mark is ReviewMark.TO_DISCUSS and (review.id, index) not in discussed]

    def record(self, items: list[ReviewItem], held_at: datetime) -> Review:
        """Save a finished review; the next one starts from it."""
        for item in items:
            check_text(item.comment, "comment", limit=MAX_TEXT)
        return self._records.add(Review(held_at=held_at, items=tuple(items)))
