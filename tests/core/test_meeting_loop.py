"""The loop between sections: open homework of any earlier meeting, the review's agenda."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import Settle, open_homework
from mentorjournal.core.model import (
    AgendaItem,
    Homework,
    HomeworkStatus,
    Meeting,
    ReviewItem,
    ReviewMark,
)
from tests.conftest import TODAY


def at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(17))


def test_open_homework_comes_from_every_earlier_meeting(empty_journal: Journal) -> None:
    old = empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=20), homework=(
        Homework(text="Read the primer"), Homework(text="Book a chat", carried_over=1),
        Homework(text="Done already", status=HomeworkStatus.DONE))))
    empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=10)))  # gave none
    offered = open_homework(empty_journal.meetings.all(), TODAY)
    assert [(m.id, i, h.text) for m, i, h in offered] == [
        (old.id, 0, "Read the primer"), (old.id, 1, "Book a chat")]


def test_logging_settles_items_of_any_earlier_meeting(empty_journal: Journal) -> None:
    older = empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=30), homework=(
        Homework(text="Oldest", carried_over=2),)))
    old = empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=20), homework=(
        Homework(text="Read the primer"), Homework(text="Book a chat"))))
    empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=10)))
    new = empty_journal.meetings.log(
        Meeting(held_on=TODAY, homework=(Homework(text="New one"),)),
        {(old.id, 0): Settle.DONE, (old.id, 1): Settle.DROP, (older.id, 0): Settle.CARRY})
    stored = {m.id: m for m in empty_journal.meetings.all()}
    assert [h.status for h in stored[old.id].homework] == [HomeworkStatus.DONE,
                                                          HomeworkStatus.DROPPED]
    assert stored[old.id].homework[0].done_on == TODAY
    assert stored[older.id].homework[0].status is HomeworkStatus.CARRIED
    # the carried item opens the new meeting's homework, its count kept and one higher
    assert [(h.text, h.carried_over, h.status) for h in stored[new.id].homework] == [
        ("Oldest", 3, HomeworkStatus.OPEN), ("New one", 0, HomeworkStatus.OPEN)]
    assert open_homework(empty_journal.meetings.all(), TODAY, exclude_id=new.id) == []


def test_settling_an_item_that_is_gone_is_refused_and_saves_nothing(
        empty_journal: Journal) -> None:
    old = empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=20), homework=(
        Homework(text="Read the primer"),)))
    with pytest.raises(ValidationError, match="no longer exists"):
        empty_journal.meetings.log(Meeting(held_on=TODAY), {(old.id, 3): Settle.DONE})
    with pytest.raises(ValidationError, match="no longer exists"):
        empty_journal.meetings.log(Meeting(held_on=TODAY), {(old.id + 7, 0): Settle.DONE})
    assert empty_journal.meetings.all() == [old]


def _review(journal: Journal, days_ago: int, *summaries: str) -> None:
    items = [ReviewItem(kind="win", summary=s, mark=ReviewMark.TO_DISCUSS, comment=f"on {s}")
             for s in summaries]
    journal.reviews.record([*items, ReviewItem(kind="win", summary="fine",
                                               mark=ReviewMark.AGREED)], at(days_ago))


def test_the_agenda_reaches_the_next_meetings_until_discussed(empty_journal: Journal) -> None:
    _review(empty_journal, 5, "Need a date", "Budget")
    agenda = empty_journal.reviews.agenda()
    assert [(i.summary, i.comment) for i in agenda] == [("Need a date", "on Need a date"),
                                                       ("Budget", "on Budget")]
    meeting = empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=3),
                                                 discussed=(agenda[0],)))
    assert [i.summary for i in empty_journal.reviews.agenda()] == ["Budget"]
    assert empty_journal.meetings.get(meeting.id).discussed == (agenda[0],)  # type: ignore[union-attr]
    # a later review adds to what is still open; editing the meeting can untick its item
    _review(empty_journal, 1, "Walk next time")
    assert [i.summary for i in empty_journal.reviews.agenda()] == ["Budget", "Walk next time"]
    assert [i.summary for i in empty_journal.reviews.agenda(meeting)] == [
        "Need a date", "Budget", "Walk next time"]


def test_a_meeting_cannot_discuss_an_item_no_review_holds(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError, match="agenda item"):
        empty_journal.meetings.log(Meeting(held_on=TODAY, discussed=(
            AgendaItem(review_id=9, index=0, summary="Invented"),)))
    assert empty_journal.meetings.all() == []


def test_the_demo_offers_homework_left_open_before_the_last_meeting(journal: Journal) -> None:
    latest = journal.meetings.all()[0]
    offered = open_homework(journal.meetings.all(), journal.today())
    assert offered and all(m.id != latest.id for m, _i, _h in offered)


def test_what_a_meeting_discussed_is_in_the_export(empty_journal: Journal) -> None:
    from mentorjournal.export.document import export_markdown  # the export reads the core

    _review(empty_journal, 5, "Need a [date]", "Budget")
    first = empty_journal.reviews.agenda()[0]
    empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=3), discussed=(first,)))
    assert "- Discussed from the review: Need a \\[date]\n" in export_markdown(empty_journal)
