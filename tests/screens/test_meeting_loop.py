"""The loop as a pair lives it: open homework of any earlier meeting and the review's agenda
meet the next meeting's form."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from textual.widgets import Input, Select, SelectionList, Static, TextArea

from mentorjournal.app import MentorJournalApp
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import Settle
from mentorjournal.core.model import Homework, HomeworkStatus, Meeting, ReviewItem, ReviewMark
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.widgets.homework_editor import HomeworkItemRow
from tests.conftest import SIZE, TODAY
from tests.screens.test_meetings_screen import open_meetings, saved, type_into, visible_text


async def test_homework_left_open_two_meetings_back_is_offered(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    old = empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=20), homework=(
        Homework(text="Read the primer"), Homework(text="Book a chat", carried_over=1))))
    empty_journal.meetings.log(Meeting(held_on=TODAY - timedelta(days=10)))  # gave none
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_meetings(pilot)
        await pilot.press("n")
        form = empty_app.screen
        assert isinstance(form, MeetingFormModal)
        shown = visible_text(empty_app)
        assert "Read the primer" in shown and "Book a chat" in shown
        assert f"given {old.held_on.isoformat()} · carried over 1×" in shown
        drop = form.query_one(f"#settle-{old.id}-0", Select)
        drop.focus()
        await pilot.press("enter", "down", "enter")  # carry over → drop
        assert drop.value == Settle.DROP
        await type_into(pilot, form.query_one("#notes", TextArea), "Follow-up")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert not isinstance(empty_app.screen, MeetingFormModal)
    new, _between, first = empty_journal.meetings.all()
    assert [h.status for h in first.homework] == [HomeworkStatus.DROPPED, HomeworkStatus.CARRIED]
    assert new.homework == (Homework(text="Book a chat", carried_over=2),)


async def test_the_agenda_is_ticked_in_the_next_meeting_and_leaves(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    empty_journal.reviews.record([
        ReviewItem(kind="win", summary="Need a date for the workshop", mark=ReviewMark.TO_DISCUSS,
                   comment="before March"),
        ReviewItem(kind="win", summary="Budget talk", mark=ReviewMark.TO_DISCUSS),
        ReviewItem(kind="win", summary="Agreed already", mark=ReviewMark.AGREED),
    ], datetime.combine(TODAY - timedelta(days=2), time(17)))
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_meetings(pilot)
        await pilot.press("n")
        form = empty_app.screen
        agenda = form.query_one("#discussed", SelectionList)
        shown = "\n".join(str(agenda.get_option_at_index(i).prompt)
                          for i in range(agenda.option_count))
        assert "Need a date for the workshop — before March" in shown
        assert "Budget talk" in shown and "Agreed already" not in shown
        agenda.focus()
        await pilot.press("space")  # ticks the first: discussed
        await type_into(pilot, form.query_one("#notes", TextArea), "Talked dates")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert not isinstance(empty_app.screen, MeetingFormModal)
        [meeting] = empty_journal.meetings.all()
        assert [i.summary for i in meeting.discussed] == ["Need a date for the workshop"]
        assert [i.summary for i in empty_journal.reviews.agenda()] == ["Budget talk"]
        assert ("discussed from the review Need a date for the workshop"
                in visible_text(empty_app))  # the meeting's detail keeps it
        await pilot.press("n")  # the next meeting's agenda holds only what is left
        agenda = empty_app.screen.query_one("#discussed", SelectionList)
        assert agenda.option_count == 1
        assert "Budget talk" in str(agenda.get_option_at_index(0).prompt)


async def test_a_bad_homework_due_date_is_named_and_its_field_focused(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_meetings(pilot)
        await pilot.press("n")
        form = empty_app.screen
        await pilot.click("#hw-add")
        row = form.query_one(HomeworkItemRow)
        await type_into(pilot, row.query_one(".hw-text", Input), "Read")
        await type_into(pilot, row.query_one(".hw-due", Input), "soon")
        await pilot.press("ctrl+s")
        await saved(pilot)
        error = str(form.query_one("#form-error", Static).render())
        assert error.startswith("Homework due date: 'soon' is not a date")
        assert empty_app.focused is row.query_one(".hw-due", Input)
    assert empty_journal.meetings.all() == []


async def test_the_demo_review_agenda_is_on_the_next_meeting_form(
    app: MentorJournalApp, journal: Journal
) -> None:
    agenda = journal.reviews.agenda()
    assert len(agenda) == 2  # the demo review's items still to discuss
    async with app.run_test(size=SIZE) as pilot:
        await open_meetings(pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, MeetingFormModal)
        options = form.query_one("#discussed", SelectionList)
        assert options.option_count == len(agenda)
        assert "Agenda from the review (2)" in visible_text(app)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(len(agenda))]
        assert all(item.summary in prompt for item, prompt in zip(agenda, prompts, strict=True))
