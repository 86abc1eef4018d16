"""What home says about each section: the figures and the hints of `home_summaries`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    AgreementVersion,
    Evaluation,
    EvaluationKind,
    Goal,
    GoalStatus,
    Meeting,
    Objective,
    Pair,
    Role,
)
from mentorjournal.core.summaries import SectionSummary, home_summaries, overall_progress
from tests.conftest import TODAY, put


def _summary(journal: Journal, section: str) -> SectionSummary:
    (summary,) = [s for s in home_summaries(journal) if s.section == section]
    return summary


def _objectives(done: int, total: int) -> tuple[Objective, ...]:
    return tuple(Objective(text=f"step {n}", done=n < done, done_on=TODAY if n < done else None)
                 for n in range(total))


def test_goals_figure_is_over_the_active_goals_only(empty_journal: Journal) -> None:
    """Issue 22: '2 active goals · 43% of objectives done' was 3/7, the achieved goal's
    objectives included; the active goals stood at 1/5."""
    journal = empty_journal
    journal.goals.add(Goal(title="Achieved", status=GoalStatus.ACHIEVED,
                           objectives=_objectives(2, 2)))
    journal.goals.add(Goal(title="Active", objectives=_objectives(1, 5)))
    journal.goals.add(Goal(title="Active, no objectives yet"))
    journal.goals.add(Goal(title="Dropped", status=GoalStatus.DROPPED,
                           objectives=_objectives(3, 3)))
    assert _summary(journal, "goals").figure == "2 active goals · 20% of objectives done"


def test_goals_figure_without_active_objectives(empty_journal: Journal) -> None:
    empty_journal.goals.add(Goal(title="Achieved", status=GoalStatus.ACHIEVED,
                                 objectives=_objectives(2, 2)))
    assert overall_progress(empty_journal.goals.all()) is None
    assert _summary(empty_journal, "goals").figure == "0 active goals"


@pytest.fixture
def december_journal(tmp_path: Path) -> Iterator[Journal]:
    """The issue's pair: agreed every 14 days, last met 2026-10-20, today 2026-12-01."""
    journal = Journal.open(tmp_path / "journal.json", today=lambda: date(2026, 12, 1))
    journal.pair.save(Pair(mentor="Sam", protege="Ana", owner=Role.PROTEGE,
                           started_on=date(2026, 9, 1)))
    put(journal, AgreementVersion(frequency_days=14, created_at=datetime(2026, 9, 1, 17)))
    for day in (date(2026, 9, 15), date(2026, 9, 29), date(2026, 10, 20)):
        put(journal, Meeting(held_on=day))
    yield journal
    journal.close()


def test_home_says_when_the_pair_is_overdue_for_a_meeting(december_journal: Journal) -> None:
    meetings = _summary(december_journal, "meetings")
    assert meetings.hint.startswith("Overdue for a meeting: agreed every 14 days — "
                                    "42 days since the last meeting.")
    assert meetings.alert
    assert "longest gap 42 days (open now)" in december_journal.reviews.drift().describe()


def test_home_is_quiet_when_the_pair_met_within_the_agreed_days(journal: Journal) -> None:
    meetings = _summary(journal, "meetings")  # the demo: last met 10 days ago, agreed 14
    assert not meetings.alert and "Overdue" not in meetings.hint


def test_demo_with_every_meeting_100_days_back_shows_the_open_gap(journal: Journal) -> None:
    """The review's drift meter and home both show the gap open since the last meeting."""
    for meeting in journal.meetings.all():
        put(journal, dataclasses.replace(meeting, held_on=meeting.held_on - timedelta(days=100)))
    last = max(m.held_on for m in journal.meetings.all())
    since_last = (TODAY - last).days
    assert since_last >= 100

    drift = journal.reviews.drift()
    assert drift.days_since_last == drift.longest_gap == since_last
    assert f"longest gap {since_last} days (open now)" in drift.describe()
    assert drift.describe().startswith(
        f"agreed every 14 days — {since_last} days since the last meeting; ")
    assert drift.longest_is_open and drift.overdue and drift.drifting

    meetings = _summary(journal, "meetings")
    assert (f"Overdue for a meeting: agreed every 14 days — {since_last} days since the last "
            "meeting.") in meetings.hint
    assert meetings.alert


def test_the_evaluation_figure_says_each_evaluation_s_state(empty_journal: Journal) -> None:
    """It said "3 of 2 evaluations submitted" once the midpoint was shared and one closing
    evaluation was in: each kind is counted on its own."""
    journal = empty_journal
    assert _summary(journal, "evaluation").figure == "No evaluation yet"
    draft = put(journal, Evaluation(kind=EvaluationKind.MIDPOINT, role=Role.PROTEGE))
    assert _summary(journal, "evaluation").figure == "Midpoint: 0 of 2 submitted"
    in_at = datetime(2026, 11, 30, 9)
    put(journal, dataclasses.replace(draft, submitted_at=in_at))
    assert _summary(journal, "evaluation").figure == "Midpoint: 1 of 2 submitted"
    for kind, role in ((EvaluationKind.MIDPOINT, Role.MENTOR),
                       (EvaluationKind.CLOSING, Role.MENTOR)):
        put(journal, Evaluation(kind=kind, role=role, submitted_at=in_at))
    assert (_summary(journal, "evaluation").figure
            == "Midpoint shared · Closing: 1 of 2 submitted")
