"""The wins rules and the Journal's win operations: no Textual."""

from __future__ import annotations

from datetime import date

import pytest

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Goal, JournalEntry, Meeting, Win, WinSize
from mentorjournal.core.text import MAX_WIN, one_line
from mentorjournal.core.wins import (
    Period,
    WinFilter,
    filter_wins,
    link_label,
    on_this_day,
    period_start,
    same_day_earlier_months,
    wins_per_month,
)
from tests.conftest import TODAY


def win(day: date, size: WinSize = WinSize.SMALL, goal_id: int | None = None) -> Win:
    return Win(won_on=day, text="w", size=size, goal_id=goal_id)


def test_periods_start_on_the_first_of_the_month_and_quarter() -> None:
    assert period_start(Period.MONTH, TODAY) == date(2026, 11, 1)
    assert period_start(Period.QUARTER, TODAY) == date(2026, 10, 1)
    assert period_start(Period.QUARTER, date(2026, 3, 31)) == date(2026, 1, 1)
    assert period_start(Period.ALL, TODAY) is None


def test_filter_by_size_goal_and_period() -> None:
    wins = [win(date(2026, 11, 2), WinSize.BIG, 1), win(date(2026, 10, 2)),
            win(date(2026, 6, 2), WinSize.BIG), win(date(2026, 11, 20), goal_id=1)]
    assert filter_wins(wins, WinFilter(size=WinSize.BIG), TODAY) == [wins[0], wins[2]]
    assert filter_wins(wins, WinFilter(goal_id=1), TODAY) == [wins[0], wins[3]]
    assert filter_wins(wins, WinFilter(period=Period.MONTH), TODAY) == [wins[0], wins[3]]
    assert filter_wins(wins, WinFilter(period=Period.QUARTER), TODAY) == [wins[0], wins[1],
                                                                          wins[3]]
    assert not WinFilter().active and WinFilter(period=Period.MONTH).active


def test_wins_per_month_counts_quiet_months_too() -> None:
    wins = [win(date(2026, 9, 1)), win(date(2026, 9, 30)), win(date(2026, 11, 25))]
    assert wins_per_month(wins, date(2026, 8, 15), TODAY) == [
        (date(2026, 8, 1), 0), (date(2026, 9, 1), 2), (date(2026, 10, 1), 0),
        (date(2026, 11, 1), 1)]
    assert wins_per_month([], None, TODAY) == [(date(2026, 11, 1), 0)]
    across_years = wins_per_month([], date(2025, 12, 3), date(2026, 1, 2))
    assert [m for m, _ in across_years] == [date(2025, 12, 1), date(2026, 1, 1)]


def test_same_day_in_earlier_months_skips_months_without_that_day() -> None:
    assert same_day_earlier_months(TODAY, date(2026, 8, 1)) == [
        date(2026, 10, 25), date(2026, 9, 25), date(2026, 8, 25)]
    assert same_day_earlier_months(TODAY, date(2026, 8, 26)) == [
        date(2026, 10, 25), date(2026, 9, 25)]
    assert date(2026, 4, 30) not in same_day_earlier_months(date(2026, 5, 31), date(2026, 1, 1))
    assert len(same_day_earlier_months(TODAY, None)) == 12


def test_on_this_day_mixes_wins_and_entries_newest_first() -> None:
    wins = [win(date(2026, 10, 25), WinSize.BIG), win(date(2026, 10, 24)), win(TODAY)]
    entries = [JournalEntry(written_on=date(2026, 9, 25), body="# Heading\n\nbody"),
               JournalEntry(written_on=date(2026, 10, 25), title="Title")]
    memories = on_this_day(wins, entries, TODAY, date(2026, 6, 1))
    assert [(m.on, m.kind, m.text, m.big) for m in memories] == [
        (date(2026, 10, 25), "win", "w", True), (date(2026, 10, 25), "entry", "Title", False),
        (date(2026, 9, 25), "entry", "Heading", False)]


def test_one_line_removes_control_characters_and_breaks() -> None:
    assert one_line("a\nb\x1b[2J\tc\u2028d  ") == "a b\\x1b[2J c d"


def test_link_label_names_goal_and_meeting() -> None:
    goals = {1: Goal(title="Speak up", id=1)}
    meetings = {2: Meeting(held_on=date(2026, 11, 3), id=2)}
    both = Win(won_on=TODAY, text="x", goal_id=1, meeting_id=2)
    assert link_label(both, goals, meetings) == "Goal: Speak up · Meeting 2026-11-03"
    assert link_label(Win(won_on=TODAY, text="x", goal_id=9), {}, {}) == "Goal: (deleted)"
    assert link_label(Win(won_on=TODAY, text="x"), goals, meetings) == ""


def test_add_win_checks_text_and_links(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError) as empty:
        empty_journal.wins.add(Win(won_on=TODAY, text="   "))
    assert empty.value.field == "text"
    with pytest.raises(ValidationError, match="keep it under"):
        empty_journal.wins.add(Win(won_on=TODAY, text="x" * (MAX_WIN + 1)))
    with pytest.raises(ValidationError) as goal:
        empty_journal.wins.add(Win(won_on=TODAY, text="x", goal_id=42))
    assert goal.value.field == "goal"
    with pytest.raises(ValidationError) as meeting:
        empty_journal.wins.add(Win(won_on=TODAY, text="x", meeting_id=42))
    assert meeting.value.field == "meeting"
    saved = empty_journal.wins.add(Win(won_on=TODAY, text="  Asked for help  "))
    assert empty_journal.wins.all() == [saved] and saved.text == "Asked for help"


def test_delete_and_restore_keeps_the_id(empty_journal: Journal) -> None:
    first = empty_journal.wins.add(Win(won_on=TODAY, text="one"))
    second = empty_journal.wins.add(Win(won_on=TODAY, text="two", size=WinSize.BIG))
    deleted = empty_journal.wins.delete(second)
    assert empty_journal.wins.all() == [first]
    assert empty_journal.wins.restore(deleted) == second
    assert empty_journal.wins.get(second.id) == second


def test_restore_when_the_id_was_taken_adds_it_anew(empty_journal: Journal) -> None:
    gone = empty_journal.wins.add(Win(won_on=TODAY, text="gone"))
    empty_journal.wins.delete(gone)
    empty_journal.store.insert("wins", {"won_on": "2026-11-01", "text": "took the id"},
                               doc_id=gone.id)
    back = empty_journal.wins.restore(gone)
    assert back.id != gone.id and {w.text for w in empty_journal.wins.all()} == {"gone",
                                                                             "took the id"}
