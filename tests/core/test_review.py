"""Review rules in the core: drift from the agreement, what changed, the agenda."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

import pytest

from mentorjournal.core import review as rules
from mentorjournal.core.demo import REVIEW_DAY
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    Goal,
    Homework,
    Meeting,
    Objective,
    ReviewItem,
    ReviewMark,
    Win,
)
from mentorjournal.storage.codec import from_doc, to_doc
from tests.conftest import TODAY, put

D = date(2026, 1, 1)


def test_drift_without_meetings() -> None:
    drift = rules.drift(14, [], TODAY)
    assert drift.meetings == 0 and drift.median_gap is None and not drift.drifting
    assert drift.describe() == "agreed every 14 days — no meetings logged yet"


def test_drift_with_one_meeting() -> None:
    drift = rules.drift(14, [TODAY - timedelta(days=9)], TODAY)
    assert drift.describe() == "agreed every 14 days — one meeting so far, 9 days ago"


def test_drift_without_an_agreed_frequency() -> None:
    drift = rules.drift(None, [D, D + timedelta(days=10)], D + timedelta(days=10))
    assert drift.describe() == ("no meeting frequency agreed yet — actual median 10 days, "
                                "longest gap 10 days")
    assert not drift.drifting


def test_drift_median_and_longest_gap() -> None:
    days = [D, D + timedelta(days=20), D + timedelta(days=43), D + timedelta(days=84),
            D + timedelta(days=84)]  # two meetings on one day count once
    drift = rules.drift(14, days, D + timedelta(days=84))  # met today: no gap open
    assert (drift.median_gap, drift.longest_gap) == (23, 41)
    assert drift.describe() == "agreed every 14 days — actual median 23 days, longest gap 41 days"
    assert drift.drifting


def test_drift_counts_the_gap_open_now() -> None:
    """Issue 22: last meeting 2026-10-20, today 2026-12-01: the longest gap is 42 days,
    open now, and the pair is overdue by their agreed frequency."""
    days = [date(2026, 9, 15), date(2026, 9, 29), date(2026, 10, 20)]
    drift = rules.drift(14, days, date(2026, 12, 1))
    assert (drift.longest_gap, drift.days_since_last) == (42, 42)
    assert drift.longest_is_open
    assert drift.median_gap == 21  # 14, 21 and the open 42
    assert drift.overdue and drift.drifting
    assert drift.overdue_note == "agreed every 14 days — 42 days since the last meeting"
    assert drift.describe() == ("agreed every 14 days — 42 days since the last meeting; "
                                "actual median 21 days, longest gap 42 days (open now)")


def test_drift_a_short_open_gap_is_not_yet_a_gap() -> None:
    days = [D, D + timedelta(days=20), D + timedelta(days=40)]
    drift = rules.drift(30, days, D + timedelta(days=45))
    assert (drift.median_gap, drift.longest_gap, drift.longest_is_open) == (20, 20, False)
    assert not drift.overdue and drift.overdue_note is None and not drift.drifting
    assert drift.describe() == "agreed every 30 days — actual median 20 days, longest gap 20 days"


def test_drift_one_meeting_long_ago_is_overdue() -> None:
    drift = rules.drift(14, [TODAY - timedelta(days=30)], TODAY)
    assert drift.longest_gap == 30 and drift.overdue and drift.drifting
    assert drift.describe() == "agreed every 14 days — one meeting so far, 30 days ago: overdue"


def test_journal_drift_counts_the_gap_open_now(journal: Journal) -> None:
    """The demo's meetings moved back 50 days (the last is then 60 days ago): the service
    sees the gap open from the last meeting to today."""
    for meeting in journal.meetings.all():
        put(journal, dataclasses.replace(meeting, held_on=meeting.held_on - timedelta(days=50)))
    drift = journal.reviews.drift()
    assert drift.days_since_last == drift.longest_gap == 60 and drift.longest_is_open
    assert drift.overdue_note == "agreed every 14 days — 60 days since the last meeting"


def _at(hour: int) -> datetime:
    return datetime.combine(TODAY, time(hour))


def test_since_the_last_review_counts_by_the_moment_not_the_day(
        empty_journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22: objectives ticked earlier on the day of the review, before it, were
    counted again by the next one."""
    journal = empty_journal
    goal = journal.goals.add(Goal(title="Run a workshop", objectives=(
        Objective(text="observe one"), Objective(text="draft the agenda"))))
    monkeypatch.setattr(journal._records, "now", lambda: _at(9))
    journal.goals.tick_objective(goal.id, 0)
    items = journal.reviews.changes_since(journal.reviews.since())
    assert "Run a workshop: observe one" in [i.summary for i in items]
    journal.reviews.record(items, _at(10))

    assert journal.reviews.changes_since(journal.reviews.since()) == []
    assert journal.reviews.changes_since() == []
    assert journal.goals.get(goal.id).objectives[0].done_at == _at(9)  # type: ignore[union-attr]
    monkeypatch.setattr(journal._records, "now", lambda: _at(15))
    journal.goals.tick_objective(goal.id, 1)
    assert [i.summary for i in journal.reviews.changes_since(journal.reviews.since())] == [
        "Run a workshop: draft the agenda"]

    def ticked(since: datetime) -> list[str]:
        return [i.summary for i in journal.reviews.changes_since(since)
                if i.kind == "objective done"]

    assert ticked(_at(16)) == [] and len(ticked(_at(0))) == 2  # any moment: by the moment


def test_since_the_last_review_keeps_day_only_changes_it_did_not_see(
        empty_journal: Journal) -> None:
    """Wins, meetings and objectives ticked before `done_at` was kept have only a day:
    on the review's day, what the review went through does not come again."""
    journal = empty_journal
    before = journal.wins.add(Win(won_on=TODAY, text="before the review"))
    put(journal, Goal(title="Old goal", created_on=TODAY - timedelta(days=40), objectives=(
        Objective(text="ticked by an older version", done=True, done_on=TODAY),)))
    items = journal.reviews.changes_since(journal.reviews.since())
    assert {i.summary for i in items} == {
        f"{TODAY.isoformat()} before the review", "Old goal: ticked by an older version"}
    journal.reviews.record(items, _at(12))
    journal.wins.add(Win(won_on=TODAY, text="after the review"))
    assert [i.summary for i in journal.reviews.changes_since(TODAY)] == [
        f"{TODAY.isoformat()} after the review"]
    assert before.id and len(journal.reviews.changes_since(TODAY - timedelta(days=1))) == 3


def test_objectives_of_older_journals_read_without_done_at() -> None:
    old = {"title": "g", "objectives": [{"text": "o", "done": True, "done_on": "2026-11-20"}]}
    goal = from_doc(Goal, old, 1)
    assert goal.objectives[0].done_on == date(2026, 11, 20)
    assert goal.objectives[0].done_at is None
    ticked = dataclasses.replace(goal.objectives[0], done_at=_at(9))
    assert to_doc(ticked)["done_at"] == "2026-11-25T09:00:00"
    assert from_doc(Objective, to_doc(ticked)).done_at == _at(9)


def test_changes_since_and_review_starts_from_the_last(journal: Journal) -> None:
    started_on = journal.pair.require().started_on
    assert started_on is not None
    assert journal.reviews.since() == started_on + timedelta(days=REVIEW_DAY)  # the demo's
    items = journal.reviews.changes_since(started_on)
    kinds = {i.kind for i in items}
    assert {"agreement", "new goal", "adjusted goal", "objective done", "meeting", "win"} <= kinds

    marked = [ReviewItem(kind=i.kind, ref=i.ref, summary=i.summary,
                         mark=ReviewMark.TO_DISCUSS if n == 0 else ReviewMark.AGREED)
              for n, i in enumerate(items)]
    waiting = [i.summary for i in journal.reviews.agenda()]  # the demo review's two
    journal.reviews.record(marked, datetime.combine(TODAY, datetime.min.time()))
    assert journal.reviews.since() == TODAY
    assert [i.summary for i in journal.reviews.agenda()] == [*waiting, items[0].summary]
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
