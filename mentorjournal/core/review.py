"""Review-together rules: what changed since the last review, drift from the agreement, agenda.

Pure functions over a Journal's records (no Textual), plus `record_review`, which saves.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime

from mentorjournal.core.journal import Journal, check_text
from mentorjournal.core.model import Goal, HomeworkStatus, Meeting, Review, ReviewItem, ReviewMark


def last_review(journal: Journal) -> Review | None:
    reviews = journal.records(Review)
    return max(reviews, key=lambda r: (r.held_at, r.id)) if reviews else None


def review_since(journal: Journal) -> date:
    """The day the next review starts from: the last review, else the start of the pair."""
    last = last_review(journal)
    if last is not None:
        return last.held_at.date()
    pair = journal.pair()
    return pair.started_on if pair and pair.started_on else date.min


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
    days = sorted(set(meeting_days))
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    return Drift(
        agreed_days=agreed_days,
        meetings=len(days),
        median_gap=statistics.median(gaps) if gaps else None,
        longest_gap=max(gaps) if gaps else None,
        days_since_last=(today - days[-1]).days if days else None,
    )


def agreement_drift(journal: Journal) -> Drift:
    agreement = journal.latest_agreement()
    return drift(agreement.frequency_days if agreement else None,
                 [m.held_on for m in journal.meetings()], journal.today())


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


def changes_since(journal: Journal, since: date) -> list[ReviewItem]:
    """What changed since a day, one item each: to step through together, oldest kind first."""
    items: list[ReviewItem] = []
    agreement = journal.latest_agreement()
    if agreement and agreement.created_at and agreement.created_at.date() >= since:
        items.append(ReviewItem(kind="agreement", ref=agreement.id,
                                summary=f"Agreement version {agreement.number}"))
    for goal in journal.goals():
        items += _goal_changes(goal, since)
    for meeting in reversed(journal.meetings()):
        if meeting.held_on >= since:
            tags = ", ".join(meeting.tags)
            items.append(ReviewItem(kind="meeting", ref=meeting.id, summary=(
                f"{meeting.held_on.isoformat()} meeting" + (f" ({tags})" if tags else ""))))
    for win in reversed(journal.wins()):
        if win.won_on >= since:
            items.append(ReviewItem(kind="win", ref=win.id,
                                    summary=f"{win.won_on.isoformat()} {win.text}"))
    return items


def agenda(journal: Journal) -> list[ReviewItem]:
    """The items the last review marked 'to discuss': the next meeting's agenda."""
    last = last_review(journal)
    return [i for i in last.items if i.mark is ReviewMark.TO_DISCUSS] if last else []


def record_review(journal: Journal, items: list[ReviewItem], held_at: datetime) -> Review:
    """Save a finished review; the next one starts from it."""
    for item in items:
        check_text(item.comment, "comment", limit=2_000)
    return journal.add(Review(held_at=held_at, items=tuple(items)))
