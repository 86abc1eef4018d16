"""The meeting log as a user meets it: log, carry over, find, promote to a win, hostile notes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TextArea

from mentorjournal.app import MentorJournalApp
from mentorjournal.commands import screen_commands
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import DEBRIEF_TEMPLATE, Settle
from mentorjournal.core.model import Homework, HomeworkStatus, Meeting, MeetingMode, Role, WinSize
from mentorjournal.screens.meeting_dialogs import FindMeetingsModal, PromoteWinModal
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.screens.meetings_screen import MeetingsScreen
from mentorjournal.storage.errors import SaveFailed
from mentorjournal.widgets.choice_modal import ChoiceModal
from mentorjournal.widgets.homework_editor import HomeworkItemRow
from mentorjournal.widgets.markdown_view import MarkdownView
from tests.conftest import SIZE, TODAY, drawn_text

NASTY = "Plan [bold]big[/] things [@click=app.quit]quit[/]\x1b[2J\n\nSecond line"


async def open_meetings(pilot: Pilot[None]) -> MeetingsScreen:
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MeetingsScreen)
    return screen


async def type_into(pilot: Pilot[None], widget: Input | TextArea, text: str) -> None:
    """Focus a field and type into it with real key presses."""
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    await pilot.press(*(("space" if c == " " else c) for c in text))


async def saved(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(screen: MeetingsScreen) -> int:
    return screen.query_one(DataTable).row_count


def visible_text(app: MentorJournalApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static) if w.display)


async def test_log_a_walk_and_talk_with_two_homework_items(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        assert "No meetings yet" in visible_text(empty_app)
        await pilot.press("n")
        form = empty_app.screen
        assert isinstance(form, MeetingFormModal)
        await type_into(pilot, form.query_one("#held_on", Input), "yesterday")
        await type_into(pilot, form.query_one("#duration", Input), "1h")
        form.query_one("#mode", Select).value = MeetingMode.WALK_AND_TALK
        await pilot.pause()
        notes = form.query_one("#notes", TextArea)
        assert notes.text == DEBRIEF_TEMPLATE  # walk-and-talk offers the debrief template
        assert form.query_one("#tags", Input).value == "walk-and-talk"
        assert empty_app.focused is not notes  # the cursor stays put: Tags come next
        notes.focus()  # the cursor waits after "Where we walked:"
        await pilot.press(*"River")
        for text, who in (("Read the primer", Role.PROTEGE), ("Send an article", Role.MENTOR)):
            await pilot.click("#hw-add")
            await pilot.pause()
            row = list(form.query(HomeworkItemRow))[-1]
            row.query_one(".hw-text", Input).value = text
            row.query_one(".hw-who", Select).value = who
            row.query_one(".hw-due", Input).value = "2026-12-02"
        await type_into(pilot, form.query_one("#tags", Input), "walk-and-talk, h")
        await pilot.press("right")  # accepts the suggested tag "homework"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert empty_app.screen is screen, visible_text(empty_app)
        assert rows(screen) == 1
    [meeting] = empty_journal.meetings.all()
    assert meeting.held_on == TODAY - timedelta(days=1)
    assert meeting.mode is MeetingMode.WALK_AND_TALK and meeting.duration_minutes == 60
    assert meeting.tags == ("walk-and-talk", "homework")
    assert meeting.notes.startswith("## Walk-and-talk debrief\n\n**Where we walked:** River")
    assert [(h.text, h.who, h.due.isoformat() if h.due else None) for h in meeting.homework] == [
        ("Read the primer", Role.PROTEGE, "2026-12-02"),
        ("Send an article", Role.MENTOR, "2026-12-02")]


async def test_next_meeting_settles_homework_and_carries_one_over(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    walk = empty_journal.meetings.log(Meeting(
        held_on=TODAY - timedelta(days=7), mode=MeetingMode.WALK_AND_TALK,
        tags=("walk-and-talk", "homework"),
        homework=(Homework(text="Read the primer"), Homework(text="Send an article"))))
    async with empty_app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        await pilot.press("n")
        form = empty_app.screen
        assert "Read the primer" in visible_text(empty_app)
        # the other stays "carry over"
        form.query_one(f"#settle-{walk.id}-0", Select).value = Settle.DONE
        await type_into(pilot, form.query_one("#notes", TextArea), "Follow-up")
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert "carried over 1×" in visible_text(empty_app)  # shown in the new meeting
        assert rows(screen) == 2
    new, old = empty_journal.meetings.all()
    assert old.id == walk.id
    assert [h.status for h in old.homework] == [HomeworkStatus.DONE, HomeworkStatus.CARRIED]
    assert old.homework[0].done_on == TODAY
    assert new.homework == (Homework(text="Send an article", carried_over=1),)


async def test_find_by_tag_and_text_then_clear(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        assert rows(screen) == 20
        await pilot.press("f")
        assert isinstance(app.screen, FindMeetingsModal)
        await type_into(pilot, app.screen.query_one("#tag", Input), "homework")
        await pilot.press("enter")
        await pilot.pause()
        assert rows(screen) == 10
        assert "tag homework · 10 of 20 meetings" in visible_text(app)
        await pilot.press("slash")
        await type_into(pilot, app.screen.query_one("#text", Input), "river")
        await pilot.press("enter")
        await pilot.pause()
        assert rows(screen) == 2  # walk-and-talks that also had homework
        await pilot.press("f")
        app.screen.query_one("#tag", Input).value = ""
        await type_into(pilot, app.screen.query_one("#text", Input), "zzz")
        await pilot.press("enter")
        await pilot.pause()
        assert rows(screen) == 0
        assert "No meetings match" in visible_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert rows(screen) == 20
        assert not screen.query_one("#meetings-filter").display


async def test_promote_a_line_to_a_win(app: MentorJournalApp, journal: Journal) -> None:
    wins_before = len(journal.wins.all())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        await pilot.press("down", "down")  # the walk-and-talk of 2026-10-29
        meeting = screen.selected
        assert meeting is not None and meeting.mode is MeetingMode.WALK_AND_TALK
        await pilot.press("w")
        assert isinstance(app.screen, PromoteWinModal)
        await pilot.press("down", "space")  # second line: pick it; tick "big win"
        await pilot.click("#big")
        await pilot.click("#submit")
        await saved(pilot)
        assert app.screen is screen
    assert len(journal.wins.all()) == wins_before + 1
    win = next(w for w in journal.wins.all() if w.meeting_id == meeting.id)
    assert win.text == "Meeting 18." and win.size is WinSize.BIG
    assert win.won_on == meeting.held_on


async def test_hostile_notes_show_literally_and_do_nothing(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    empty_journal.meetings.log(Meeting(held_on=TODAY, notes=NASTY, tags=("[b]x[/b]",),
                              homework=(Homework(text="[@click=app.quit]hw[/]"),)))
    async with empty_app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        table = screen.query_one(DataTable)
        assert str(table.get_row_at(0)[2]) == "[b]x[/b]"
        assert str(table.get_row_at(0)[3]) == "Plan [bold]big[/] t…"  # cut to fit, literal
        notes = drawn_text(screen.query_one(MarkdownView))
        assert "Plan [bold]big[/] things [@click=app.quit]quit[/]" in " ".join(notes.split())
        assert "\x1b" not in notes
        assert "[@click=app.quit]hw[/]" in visible_text(empty_app)
        for offset in range(0, 40, 3):
            await pilot.click(MarkdownView, offset=(offset, 0))
        await pilot.click(DataTable, offset=(60, 1))
        await pilot.pause()
        assert empty_app.is_running


async def test_leaving_a_changed_form_asks_and_a_failed_save_keeps_it(
    empty_app: MentorJournalApp, empty_journal: Journal
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        await pilot.press("n", "escape")  # unchanged: leaves at once
        await pilot.pause()
        assert empty_app.screen is screen
        await pilot.press("n")
        form = empty_app.screen
        await type_into(pilot, form.query_one("#notes", TextArea), "Important")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(empty_app.screen, ChoiceModal)
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert empty_app.screen is form
        form.query_one("#held_on", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a real date" in visible_text(empty_app)
        form.query_one("#held_on", Input).value = "today"

        def broken(meeting: Meeting, previous: Meeting | None = None) -> Meeting:
            raise SaveFailed(None, OSError(28, "No space left on device"))

        empty_journal.meetings.log = broken  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert empty_app.screen is form
        assert "No space left on device" in visible_text(empty_app)
        assert form.query_one("#notes", TextArea).text == "Important"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert empty_app.screen is screen
    assert empty_journal.meetings.all() == []


async def test_homework_view_marks_items_done(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_meetings(pilot)
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3  # the demo's open homework, overdue first
        await pilot.press("space")
        await saved(pilot)
        assert table.row_count == 2
        await pilot.press("enter")  # back to the log, on that item's meeting
        await pilot.pause()
        assert isinstance(app.screen, MeetingsScreen)
        assert app.screen.selected is not None
        assert app.screen.selected.held_on.isoformat() == "2026-11-05"
    open_items = [h for m in journal.meetings.all() for h in m.homework
                  if h.status is HomeworkStatus.OPEN]
    assert len(open_items) == 2


async def test_every_action_is_in_the_palette(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        titles = {c.title.split(":")[0] for c in screen_commands(screen)}
        assert {"Log a meeting", "Homework across meetings", "Find meetings by text, tag, mode "
                "and dates", "Edit the highlighted meeting",
                "Promote a line of the meeting to a win on the wall"} <= titles
        await pilot.press("ctrl+p", *"find meetings", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FindMeetingsModal)



async def test_notes_in_the_users_editor(
    empty_app: MentorJournalApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = "import sys; open(sys.argv[1], 'a').write('from the editor')"
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c \"{script}\"")
    suspended: list[bool] = []

    @contextmanager
    def suspend() -> Iterator[None]:  # the headless driver cannot hand the terminal over
        suspended.append(True)
        yield

    monkeypatch.setattr(empty_app, "suspend", suspend)
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_meetings(pilot)
        await pilot.press("n")
        form = empty_app.screen
        await type_into(pilot, form.query_one("#notes", TextArea), "Mine. ")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert form.query_one("#notes", TextArea).text == "Mine. from the editor"
        assert suspended == [True]


async def test_edit_a_meeting_keeps_its_homework_state(app: MentorJournalApp,
                                                       journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        dates = [m.held_on for m in screen.shown]
        assert dates == sorted(dates, reverse=True)  # newest first
        await pilot.press("down")  # 2026-11-05: two open homework items
        before = screen.selected
        assert before is not None
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, MeetingFormModal) and not form.query("#carry-over")
        form.query_one("#notes", TextArea).text = "Edited"
        await pilot.press("ctrl+s")
        await saved(pilot)
        assert app.screen is screen and screen.selected is not None
        assert screen.selected.id == before.id
    after = journal.meetings.get(before.id)
    assert after is not None
    assert after.notes == "Edited" and after.homework == before.homework
    assert len(journal.meetings.all()) == 20


async def test_delete_a_meeting_asks_first(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meetings(pilot)
        first = screen.selected
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("escape")  # changed my mind: nothing happens
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#choice-delete")
        await saved(pilot)
        assert rows(screen) == 19
    assert first is not None and journal.meetings.get(first.id) is None
