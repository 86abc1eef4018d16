"""The meeting log's core: typed fields, filters, homework carry-over, Journal operations."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date, timedelta

import pytest

from mentorjournal.core.dates import parse_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import (
    DEBRIEF_TEMPLATE,
    HomeworkState,
    MeetingFilter,
    Settle,
    filter_meetings,
    homework_rows,
    known_tags,
    meeting_lines,
    open_homework,
    open_items,
    parse_duration,
    parse_rating,
    settle_homework,
)
from mentorjournal.core.model import (
    CheckIn,
    Goal,
    Homework,
    HomeworkStatus,
    Meeting,
    MeetingMode,
    Role,
    Win,
    WinSize,
)
from mentorjournal.core.text import first_line, parse_tags
from mentorjournal.storage.editor import EditorFailed, edit_text
from tests.conftest import TODAY

WALK = Meeting(
    held_on=TODAY - timedelta(days=14), mode=MeetingMode.WALK_AND_TALK,
    tags=("walk-and-talk", "homework"), notes="## Walked by the river\n\n- **Say no** kindly",
    homework=(Homework(text="Read the primer", due=TODAY - timedelta(days=7)),
              Homework(text="Send an article", who=Role.MENTOR, carried_over=2)),
    id=1,
)
VIDEO = Meeting(held_on=TODAY - timedelta(days=3), mode=MeetingMode.VIDEO, tags=("career",),
                notes="Talked about the *budget*.", id=2,
                checkin=CheckIn(meaningful=4, change="More real cases"))


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-11-03", date(2026, 11, 3)),
    ("2026/11/3", date(2026, 11, 3)),
    (" Today ", TODAY),
    ("yesterday", TODAY - timedelta(days=1)),
    ("tomorrow", TODAY + timedelta(days=1)),
    ("3 days ago", TODAY - timedelta(days=3)),
    ("2 weeks ago", TODAY - timedelta(days=14)),
])
def test_meeting_dates_are_forgiving(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY, field="held_on") == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("2026-02-30", "not a real date"),
    ("2026-13-01", "not a real date"),
    ("next friday", "not a date I can read"),
    ("", "Enter a date"),
])
def test_impossible_dates_are_refused_with_a_message(typed: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as error:
        parse_date(typed, TODAY, field="held_on")
    assert error.value.field == "held_on"


@pytest.mark.parametrize(("typed", "minutes"), [
    ("45", 45), ("45m", 45), ("45 min", 45), ("1h", 60), ("1h30", 90), ("1 h 30 min", 90),
    ("", None),
])
def test_durations(typed: str, minutes: int | None) -> None:
    assert parse_duration(typed) == minutes


@pytest.mark.parametrize("typed", ["0", "abc", "h", "25h", "-5"])
def test_bad_durations_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        parse_duration(typed)


def test_tags_and_ratings() -> None:
    assert parse_tags(" Walk-and-talk, homework,, My  Own Tag, homework ") == (
        "walk-and-talk", "homework", "my own tag")
    with pytest.raises(ValidationError, match="too long"):
        parse_tags("x" * 41)
    assert parse_rating("", "meaningful", field="meaningful") is None
    assert parse_rating(" 5 ", "meaningful", field="meaningful") == 5
    for bad in ("0", "6", "four", "4.5"):
        with pytest.raises(ValidationError, match="from 1 to 5"):
            parse_rating(bad, "meaningful", field="meaningful")


def test_filters_by_tag_mode_text_and_dates() -> None:
    meetings = [VIDEO, WALK]
    assert filter_meetings(meetings, MeetingFilter()) == meetings
    assert filter_meetings(meetings, MeetingFilter(tag="Homework")) == [WALK]
    assert filter_meetings(meetings, MeetingFilter(mode=MeetingMode.VIDEO)) == [VIDEO]
    assert filter_meetings(meetings, MeetingFilter(text="RIVER")) == [WALK]
    assert filter_meetings(meetings, MeetingFilter(text="primer")) == [WALK]  # homework text
    assert filter_meetings(meetings, MeetingFilter(since=TODAY - timedelta(days=5))) == [VIDEO]
    assert filter_meetings(meetings, MeetingFilter(until=TODAY - timedelta(days=5))) == [WALK]
    assert filter_meetings(meetings, MeetingFilter(tag="homework", text="budget")) == []
    find = MeetingFilter(tag="homework", text="river", since=date(2026, 10, 1))
    assert find.describe() == 'tag homework · text "river" · from 2026-10-01'
    assert not find.is_empty and MeetingFilter().is_empty


def test_carry_over_counts() -> None:
    assert [i for i, _ in open_items(WALK)] == [0, 1]
    previous, carried = settle_homework(WALK, {0: Settle.DONE, 1: Settle.CARRY}, TODAY)
    assert [h.status for h in previous.homework] == [HomeworkStatus.DONE, HomeworkStatus.CARRIED]
    assert previous.homework[0].done_on == TODAY
    assert carried == (Homework(text="Send an article", who=Role.MENTOR, carried_over=3),)
    again, carried_again = settle_homework(previous, {1: Settle.CARRY}, TODAY)
    assert carried_again == () and again == previous  # settled items are not settled twice
    left, none = settle_homework(WALK, {0: Settle.LEAVE}, TODAY)
    assert left == WALK and none == ()


def test_homework_view_orders_overdue_first() -> None:
    rows = homework_rows([VIDEO, WALK], TODAY)
    assert [(r.item.text, r.state) for r in rows] == [
        ("Read the primer", HomeworkState.OVERDUE), ("Send an article", HomeworkState.OPEN)]
    assert homework_rows([WALK], TODAY, {HomeworkState.DONE}) == []


def test_open_homework_tags_and_lines() -> None:
    assert [(m.id, i) for m, i, _ in open_homework([VIDEO, WALK], TODAY)] == [(1, 0), (1, 1)]
    assert open_homework([VIDEO, WALK], TODAY, exclude_id=1) == []
    assert open_homework([VIDEO, WALK], TODAY - timedelta(days=30)) == []
    assert known_tags([VIDEO, WALK, VIDEO]) == ["walk-and-talk", "homework", "check-in", "career"]
    assert meeting_lines(VIDEO) == ["Talked about the budget.", "More real cases"]
    assert meeting_lines(WALK) == ["Walked by the river", "Say no kindly", "Read the primer",
                                   "Send an article"]
    assert first_line(DEBRIEF_TEMPLATE) == "Walk-and-talk debrief"


def test_journal_logs_a_meeting_and_settles_the_previous_one(empty_journal: Journal) -> None:
    walk = empty_journal.meetings.log(dataclasses.replace(WALK, id=0))
    new = empty_journal.meetings.log(Meeting(held_on=TODAY),
                                     {(walk.id, 0): Settle.DONE, (walk.id, 1): Settle.CARRY})
    stored = {m.id: m for m in empty_journal.meetings.all()}
    assert stored[walk.id].homework[1].status is HomeworkStatus.CARRIED
    assert stored[new.id].homework[0].carried_over == 3
    with pytest.raises(ValidationError, match="homework"):
        empty_journal.meetings.log(Meeting(held_on=TODAY, homework=(Homework(text=" "),)))
    assert len(empty_journal.meetings.all()) == 2


def test_journal_promotes_a_line_and_marks_homework(empty_journal: Journal) -> None:
    goal = empty_journal.goals.add(Goal(title="Say no"))
    with pytest.raises(ValidationError, match="no longer in the journal"):
        empty_journal.meetings.log(Meeting(held_on=TODAY, goal_ids=(goal.id + 1,)))
    meeting = empty_journal.meetings.log(Meeting(held_on=TODAY, goal_ids=(goal.id,),
                                                 homework=(Homework(text="x"),)))
    win = empty_journal.meetings.promote_to_win(meeting, "  Said no kindly ", WinSize.BIG)
    assert empty_journal.wins.all() == [Win(won_on=TODAY, text="Said no kindly", size=WinSize.BIG,
                                            goal_id=goal.id, meeting_id=meeting.id, id=win.id)]
    with pytest.raises(ValidationError):
        empty_journal.meetings.promote_to_win(meeting, "   ")
    done = empty_journal.meetings.set_homework_status(meeting.id, 0, HomeworkStatus.DONE)
    assert done.homework[0].done_on == TODAY
    with pytest.raises(ValidationError, match="no longer exists"):
        empty_journal.meetings.set_homework_status(meeting.id, 5, HomeworkStatus.DONE)


def test_editor_round_trip_and_failures() -> None:
    script = "import sys; p = sys.argv[1]; open(p, 'a').write('added\\n')"
    editor = f"{sys.executable} -c \"{script}\""
    assert edit_text("notes\n", editor) == "notes\nadded\n"
    with pytest.raises(EditorFailed, match="status 3"):
        edit_text("x", f"{sys.executable} -c 'raise SystemExit(3)'")
    with pytest.raises(EditorFailed, match="Could not start"):
        edit_text("x", "/nonexistent/editor")
    with pytest.raises(EditorFailed, match="No editor"):
        edit_text("x", "  ")
