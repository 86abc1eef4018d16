"""Goal rules and operations without Textual: progress, overdue, filters, adjustments."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.goals import GoalFilter, filter_label
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Adjustment, Goal, GoalStatus, Objective, Win, WinSize
from tests.conftest import HOSTILE, TODAY


def goal(*done: bool, **fields: object) -> Goal:
    objectives = tuple(Objective(text=f"step {i}", done=d) for i, d in enumerate(done))
    return Goal(title=str(fields.pop("title", "A goal")), objectives=objectives,
                **fields)  # type: ignore[arg-type]


# -- progress --------------------------------------------------------------------


def test_progress_is_done_over_all_objectives() -> None:
    assert goal_rules.progress(goal(True, False, False)) == pytest.approx(1 / 3)
    assert [goal_rules.progress_label(goal(*flags)) for flags in
            [(True, False, False), (True, True, False), (True, True, True)]] == \
        ["33%", "67%", "100%"]


def test_no_objectives_is_not_zero_percent() -> None:
    assert goal_rules.progress(goal()) is None
    assert goal_rules.progress_label(goal()) == "no objectives yet"
    assert goal_rules.progress_label(goal(False)) == "0%"


def test_archived_objectives_do_not_count() -> None:
    g = goal(True, False)
    g = goal_rules.archive_objective(g, 1, True)
    assert goal_rules.progress(g) == 1
    assert goal_rules.objective_counts(g) == (1, 1)
    assert goal_rules.progress(goal_rules.archive_objective(g, 0, True)) is None


@given(st.lists(st.booleans(), max_size=30))
def test_progress_is_a_fraction_or_none(flags: list[bool]) -> None:
    value = goal_rules.progress(goal(*flags))
    assert (value is None) == (not flags)
    if value is not None:
        assert 0 <= value <= 1 and value * len(flags) == pytest.approx(sum(flags))


def test_completes_only_on_the_last_tick_of_an_open_goal() -> None:
    before = goal(True, False)
    after = goal_rules.tick(before, 1, True, TODAY)
    assert goal_rules.completes(before, after)
    assert not goal_rules.completes(after, after)
    assert not goal_rules.completes(goal(False, False), goal(True, False))
    achieved = dataclasses.replace(after, status=GoalStatus.ACHIEVED)
    assert not goal_rules.completes(before, achieved)


def test_tick_records_the_done_date_and_untick_clears_it() -> None:
    ticked = goal_rules.tick(goal(False), 0, True, TODAY)
    assert ticked.objectives[0].done and ticked.objectives[0].done_on == TODAY
    unticked = goal_rules.tick(ticked, 0, False, TODAY)
    assert not unticked.objectives[0].done and unticked.objectives[0].done_on is None
    with pytest.raises(ValidationError):
        goal_rules.tick(goal(), 3, True, TODAY)


# -- overdue, filters, search ----------------------------------------------------


def test_overdue_only_for_open_goals_past_their_date() -> None:
    past = TODAY - timedelta(days=1)
    assert goal_rules.is_overdue(goal(target_date=past), TODAY)
    assert not goal_rules.is_overdue(goal(target_date=TODAY), TODAY)
    assert not goal_rules.is_overdue(goal(), TODAY)
    assert not goal_rules.is_overdue(goal(target_date=past, status=GoalStatus.ACHIEVED), TODAY)
    assert not goal_rules.is_overdue(goal(target_date=past, archived=True), TODAY)


def test_filters() -> None:
    past = TODAY - timedelta(days=3)
    goals = [goal(title="open", id=1), goal(title="late", target_date=past, id=2),
             goal(title="won", status=GoalStatus.ACHIEVED, id=3),
             goal(title="gone", status=GoalStatus.DROPPED, id=4),
             goal(title="adjusted", status=GoalStatus.ADJUSTED, id=5),
             goal(title="boxed", archived=True, id=6)]

    def titles(which: GoalFilter, query: str = "") -> list[str]:
        return [g.title for g in goal_rules.filter_goals(goals, which, query, TODAY)]

    assert titles(GoalFilter.ACTIVE) == ["open", "late", "adjusted"]
    assert titles(GoalFilter.OVERDUE) == ["late"]
    assert titles(GoalFilter.ACHIEVED) == ["won"]
    assert titles(GoalFilter.DROPPED) == ["gone"]
    assert titles(GoalFilter.DONE) == ["won", "gone"]
    assert titles(GoalFilter.ALL) == ["open", "late", "won", "gone", "adjusted"]
    assert titles(GoalFilter.ARCHIVED) == ["boxed"]
    assert titles(GoalFilter.ALL, "  LAT ") == ["late"]


def test_search_looks_in_every_text_of_a_goal() -> None:
    g = Goal(title="Speak up", why="Ideas get lost", success_measure="One point a meeting",
             objectives=(Objective(text="Ask Dana for feedback"),))
    for query in ("speak", "IDEAS", "point", "dana", ""):
        assert goal_rules.matches(g, query), query
    assert not goal_rules.matches(g, "budget")
    assert goal_rules.matches(Goal(title=HOSTILE), "[bold]")


# -- adjustments -----------------------------------------------------------------


def test_a_tracked_change_needs_a_reason_and_is_recorded() -> None:
    old = Goal(title="Talk", success_measure="10 people", target_date=date(2026, 12, 1))
    new = dataclasses.replace(old, target_date=date(2027, 1, 15), why="now it has a why")
    with pytest.raises(ValidationError) as refused:
        goal_rules.adjust(old, new, "  ", TODAY)
    assert refused.value.field == "reason" and "target date" in str(refused.value)
    adjusted = goal_rules.adjust(old, new, " The venue moved. ", TODAY)
    assert adjusted.adjustments == (Adjustment(on=TODAY, what="target date", before="2026-12-01",
                                               after="2027-01-15", why="The venue moved."),)
    assert adjusted.why == "now it has a why"


def test_untracked_changes_need_no_reason() -> None:
    old = Goal(title="Talk")
    assert goal_rules.adjust(old, dataclasses.replace(old, why="x"), "", TODAY).adjustments == ()


def test_several_changes_make_several_adjustments() -> None:
    old = Goal(title="Talk", adjustments=(Adjustment(on=TODAY, what="title"),))
    new = dataclasses.replace(old, title="Keynote", success_measure="100 people",
                              target_date=TODAY)
    adjusted = goal_rules.adjust(old, new, "Bigger stage", TODAY)
    assert [(a.what, a.before, a.after) for a in adjusted.adjustments[1:]] == [
        ("title", "Talk", "Keynote"), ("success measure", "none", "100 people"),
        ("target date", "none", TODAY.isoformat())]


def test_dropping_and_reopening_are_adjustments() -> None:
    g = goal(True)
    with pytest.raises(ValidationError):
        goal_rules.set_status(g, GoalStatus.DROPPED, "", TODAY)
    dropped = goal_rules.set_status(g, GoalStatus.DROPPED, "No longer relevant", TODAY)
    assert dropped.status is GoalStatus.DROPPED
    assert dropped.adjustments[-1] == Adjustment(on=TODAY, what="status", before="active",
                                                 after="dropped", why="No longer relevant")
    reopened = goal_rules.set_status(dropped, GoalStatus.ACTIVE, "Back on", TODAY)
    assert reopened.status is GoalStatus.ACTIVE and len(reopened.adjustments) == 2


def test_moved_clamps_at_the_ends() -> None:
    assert goal_rules.moved((1, 2, 3), 0, -1) == (1, 2, 3)
    assert goal_rules.moved((1, 2, 3), 0, 1) == (2, 1, 3)
    assert goal_rules.moved((1, 2, 3), 2, 5) == (1, 2, 3)


def test_prefilled_win() -> None:
    win = goal_rules.win_for(Goal(title="Talk", id=7), TODAY)
    assert win == Win(won_on=TODAY, text="Achieved: Talk", size=WinSize.BIG, goal_id=7)


# -- the Journal's goal operations ---------------------------------------------


def test_add_goal_validates_and_appends(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError) as refused:
        empty_journal.goals.add(Goal(title="   "))
    assert str(refused.value) == "The title cannot be empty."
    first = empty_journal.goals.add(Goal(title=" First "))
    second = empty_journal.goals.add(Goal(title="Second"))
    assert (first.title, first.created_on, first.position, second.position) == \
        ("First", TODAY, 0, 1)
    assert empty_journal.goals.all() == [first, second]


def test_edit_goal_records_adjustments_on_disk(empty_journal: Journal) -> None:
    g = empty_journal.goals.add(Goal(title="Talk", target_date=date(2026, 12, 1)))
    with pytest.raises(ValidationError):
        empty_journal.goals.edit(g.id, {"target_date": date(2027, 1, 1)})
    assert empty_journal.goals.get(g.id) == g  # refused: nothing written
    empty_journal.goals.edit(g.id, {"target_date": date(2027, 1, 1)}, "Venue moved")
    stored = empty_journal.goals.get(g.id)
    assert stored is not None and stored.target_date == date(2027, 1, 1)
    assert [(a.what, a.why) for a in stored.adjustments] == [("target date", "Venue moved")]


def test_objectives_and_achievement(empty_journal: Journal) -> None:
    g = empty_journal.goals.add(Goal(title="Talk"))
    for text in ("Outline", "Slides", "Rehearse"):
        g = empty_journal.goals.add_objective(g.id, text)
    with pytest.raises(ValidationError):
        empty_journal.goals.add_objective(g.id, " ")
    g = empty_journal.goals.move_objective(g.id, 2, -2)
    assert [o.text for o in g.objectives] == ["Rehearse", "Outline", "Slides"]
    g = empty_journal.goals.tick_objective(g.id, 0)
    assert g.objectives[0].done_on == TODAY
    g = empty_journal.goals.edit_objective(g.id, 1, "Outline the talk")
    g, win = empty_journal.goals.achieve(g.id, "Gave the talk!")
    assert g.status is GoalStatus.ACHIEVED and g.achieved_on == TODAY
    assert win is not None and empty_journal.wins.all() == [win] and win.goal_id == g.id
    g, win = empty_journal.goals.achieve(g.id)
    assert win is None and len(empty_journal.wins.all()) == 1


def test_move_goal_reorders_all(empty_journal: Journal) -> None:
    ids = [empty_journal.goals.add(Goal(title=t)).id for t in "ABCD"]
    empty_journal.goals.move(ids[3], ids[1])
    assert [g.title for g in empty_journal.goals.all()] == ["A", "D", "B", "C"]
    empty_journal.goals.move(ids[0], ids[1])
    assert [g.title for g in empty_journal.goals.all()] == ["D", "B", "A", "C"]


def test_drop_archive_delete(empty_journal: Journal) -> None:
    g = empty_journal.goals.add(Goal(title="Talk"))
    dropped = empty_journal.goals.drop(g.id, "Changed teams")
    assert dropped.status is GoalStatus.DROPPED and dropped.adjustments[-1].why == "Changed teams"
    assert empty_journal.goals.archive(g.id).archived
    empty_journal.goals.delete(g.id)
    assert empty_journal.goals.all() == []
    with pytest.raises(ValidationError):
        empty_journal.goals.tick_objective(g.id, 0)


def test_closed_and_achieved_read_differently() -> None:
    labels = [filter_label(which) for which in GoalFilter]
    assert labels == ["Active", "Overdue", "Closed", "Achieved", "Dropped", "All", "Archived"]
