"""Review rules in the core: drift from the agreement, what changed, the agenda."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from mentorjournal.core import review as rules
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Homework, Meeting, ReviewItem, ReviewMark, Win
from tests.conftest import TODAY

D = date(2026, 1, 1)


def test_drift_without_meetings() -> None:
    drift = rules.drift(14, [], TODAY)
    assert drift.meetings == 0 and drift.median_gap is None and not drift.drifting
    assert drift.describe() == "agreed every 14 days — no meetings logged yet"


def test_drift_with_one_meeting() -> None:
    drift = rules.drift(14, [TODAY - timedelta(days=9)], TODAY)
    assert drift.describe() == "agreed every 14 days — one meeting so far, 9 days ago"


def test_drift_without_an_agreed_frequency() -> None:
    drift = rules.drift(None, [D, D + timedelta(days=10)], TODAY)
    assert drift.describe() == ("no meeting frequency agreed yet — actual median 10 days, "
                                "longest gap 10 days")
    assert not drift.drifting


def test_drift_median_and_longest_gap() -> None:
    days = [D, D + timedelta(days=20), D + timedelta(days=43), D + timedelta(days=84),
            D + timedelta(days=84)]  # two meetings on one day count once
    drift = rules.drift(14, days, TODAY)
    assert (drift.median_gap, drift.longest_gap) == (23, 41)
    assert drift.describe() == "agreed every 14 days — actual median 23 days, longest gap 41 days"
    assert drift.drifting


def test_changes_since_and_review_starts_from_the_last(journal: Journal) -> None:
    since = journal.reviews.since()
    assert since == journal.pair.get().started_on  # type: ignore[union-attr]
    items = journal.reviews.changes_since(since)
    kinds = {i.kind for i in items}
    assert {"agreement", "new goal", "adjusted goal", "objective done", "meeting", "win"} <= kinds

    marked = [ReviewItem(kind=i.kind, ref=i.ref, summary=i.summary,
                         mark=ReviewMark.TO_DISCUSS if n == 0 else ReviewMark.AGREED)
              for n, i in enumerate(items)]
    journal.reviews.record(marked, datetime.combine(TODAY, datetime.min.time()))
    assert journal.reviews.since() == TODAY
    assert [i.summary for i in journal.reviews.agenda()] == [items[0].summary]
    assert journal.reviews.changes_since(TODAY) == []
    journal.wins.add(Win(won_on=TODAY, text="after the review"))
    assert [i.summary for i in journal.reviews.changes_since(TODAY)] == [
        f"{TODAY.isoformat()} after the review"]


def test_homework_summary_counts_carried_over_twice(journal: Journal) -> None:
    journal.meetings.log(Meeting(held_on=TODAY, homework=(
        Homework(text="read", carried_over=2, due=TODAY - timedelta(days=1)),)))
    summary = rules.homework_summary(journal.meetings.all(), TODAY)
    assert summary.carried_twice == 1 and summary.overdue >= 1


def test_checkin_series_oldest_first(journal: Journal) -> None:
    meaningful, met = rules.checkin_series(journal.meetings.all())
    assert meaningful == [3, 4, 5, 3, 4] and met == [4] * 5
