"""The wins wall as a user meets it: add with +, filter, edit, delete and undo, hostile text."""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import JournalEntry, Win, WinSize
from mentorjournal.core.wins import WinFilter
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.win_form import WinFormModal
from mentorjournal.screens.wins_screen import WinsScreen
from mentorjournal.textual_compat import notifications
from mentorjournal.widgets.choice_modal import ChoiceModal
from mentorjournal.widgets.on_this_day import OnThisDay
from mentorjournal.widgets.win_card import WinCard
from mentorjournal.widgets.win_wall import WinWall
from tests.conftest import SIZE, TODAY, screen_text

LONG = ("Finally finished the chapter I had been avoiding. " * 100)[:5000]
WORLD = "🎉 Presented in Arabic: مرحبا بالعالم — שלום 👩‍💻 done"
MARKUP = "[bold]not bold[/] [@click=app.quit]quit?[/] \x1b[2J $var"
HOSTILE_WINS = (LONG, WORLD, MARKUP)


def add_hostile_wins(journal: Journal) -> None:
    with journal.batch():
        for n, text in enumerate(HOSTILE_WINS):
            journal.wins.add(Win(won_on=TODAY - timedelta(days=n), text=text,
                            size=WinSize.BIG if n == 1 else WinSize.SMALL))


async def open_wall(app: MentorJournalApp, pilot: object) -> WinWall:
    await pilot.press("w")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, WinsScreen)
    return app.screen.query_one(WinWall)


async def test_add_a_win_from_home_with_the_global_key(app: MentorJournalApp,
                                                       journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("plus")
        assert isinstance(app.screen, WinFormModal)
        await pilot.press("enter")  # empty text is refused, the form stays
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The win cannot be empty." in screen_text(app)
        await pilot.press(*"Asked for a stretch project", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "7 wins" in screen_text(app)
        assert any("Well done" in (n.title or "") for n in notifications(app))
    newest = journal.wins.all()[0]
    assert (newest.text, newest.won_on, newest.size) == ("Asked for a stretch project", TODAY,
                                                        WinSize.SMALL)


async def test_add_from_the_palette_on_the_wall_selects_and_lights_the_new_card(
    app: MentorJournalApp, journal: Journal,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        await pilot.press("ctrl+p", *"add a win", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WinFormModal)
        await pilot.press(*"Big one", "tab", "home", "ctrl+k", *"yesterday", "tab", "space",
                          "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        new = journal.wins.all()[0]
        assert (new.text, new.won_on, new.size) == ("Big one", TODAY - timedelta(days=1),
                                                    WinSize.BIG)
        assert wall.selected is not None and wall.selected.win_id == new.id
        assert wall.glowing == new.id


async def test_filter_to_big_wins(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        assert len(wall.cards) == 6
        await pilot.press("b")
        await pilot.pause()
        assert [c.big for c in wall.cards] == [True, True]
        assert "2 of 6 wins" in screen_text(app)
        await pilot.press("p")  # this month: no big wins in November
        await pilot.pause()
        assert not wall.display and "No wins match" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert len(wall.cards) == 6 and wall.display


async def test_delete_asks_then_undo_puts_it_back(app: MentorJournalApp,
                                                  journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        await pilot.press("right")
        doomed = journal.wins.get(wall.cards[1].win_id)
        assert doomed is not None
        await pilot.press("d")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("escape")  # the question is answered with "no": nothing happens
        await app.workers.wait_for_complete()
        assert len(journal.wins.all()) == 6
        await pilot.press("d")
        await pilot.click("#choice-delete")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert doomed not in journal.wins.all() and len(wall.cards) == 5
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert journal.wins.get(doomed.id) == doomed and len(wall.cards) == 6
        assert wall.selected is not None and wall.selected.win_id == doomed.id


async def test_edit_with_enter_keeps_the_id(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        first = wall.cards[0].win_id
        await pilot.press("enter", "home", "ctrl+k", *"Rewritten", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert journal.wins.get(first).text == "Rewritten"  # type: ignore[union-attr]
        assert len(journal.wins.all()) == 6


async def test_empty_wall_says_what_to_do(empty_app: MentorJournalApp) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_wall(empty_app, pilot)
        assert "No wins yet" in screen_text(empty_app)


async def test_hostile_wins_keep_the_grid(journal: Journal) -> None:
    add_hostile_wins(journal)
    for size in ((80, 24), (160, 48)):
        app = make_app(journal=journal)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            wall = await open_wall(app, pilot)
            width = wall.scrollable_content_region.width
            lines = [wall.render_line(y) for y in range(wall.size.height)]
            assert all(line.cell_length == width for line in lines)
            text = "\n".join(line.text for line in lines)
            assert "[bold]not bold[/]" in text and "\x1b" not in text and app.is_running
            assert "🎉" in text and "مرحبا" in text and "…" in text
            step = wall._card_width() + 1
            for line in lines:  # every card's edges sit in the same columns on every line
                edges = [cell_len(line.text[: i + 1]) % step
                         for i, ch in enumerate(line.text) if ch in "│┃╭╮╰╯┏┓┗┛"]
                assert set(edges) <= {1, step - 1}, line.text


async def test_a_thousand_wins_draw_only_what_is_on_screen(empty_journal: Journal) -> None:
    with empty_journal.batch():
        for n in range(1000):
            empty_journal.wins.add(Win(won_on=TODAY - timedelta(days=n // 3), text=f"win {n}",
                                  size=WinSize.BIG if n % 7 == 0 else WinSize.SMALL))
    app = make_app(journal=empty_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        assert wall.virtual_size.height == -(-1000 // wall.columns) * WinCard.HEIGHT
        on_screen = (wall.size.height // WinCard.HEIGHT + 2) * wall.columns
        drawn = len(wall._cache)  # cards drawn so far: only those on screen
        assert 0 < drawn <= on_screen
        await pilot.press("end")
        await pilot.pause()
        assert wall.cursor == 999 and wall.scroll_offset.y > 0
        assert len(wall._cache) - drawn <= on_screen + 1


async def test_on_this_day_on_home_and_wall(app: MentorJournalApp, journal: Journal) -> None:
    journal.wins.add(Win(won_on=date(2026, 10, 25), text="A month ago today"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "A month ago today" in str(app.screen.query_one(OnThisDay).render())
        await open_wall(app, pilot)
        assert "A month ago today" in str(app.screen.query_one(OnThisDay).render())


async def test_mouse_and_palette_drive_the_wall(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        width = wall._card_width()
        await pilot.click(WinWall, offset=(width + 5, 3))
        assert wall.cursor == 1
        await pilot.press("ctrl+p", *"goal: speak", "enter")
        await pilot.pause()
        assert [c.link for c in wall.cards] == ["Goal: Speak up in leadership meetings"]
        await pilot.press("ctrl+p", *"every win", "enter")
        await pilot.pause()
        assert len(wall.cards) == 6


async def test_private_memories_hide_in_review_together(app: MentorJournalApp,
                                                         journal: Journal) -> None:
    journal.entries.save(JournalEntry(written_on=date(2026, 10, 25), title="Secret doubts",
                             private=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_wall(app, pilot)
        memories = app.screen.query_one(OnThisDay)
        assert "Secret doubts" in str(memories.render())
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not memories.display or "Secret" not in str(memories.render())
        await pilot.press("escape")
        await pilot.pause()
        assert "Secret" not in str(app.screen.query_one(OnThisDay).render())


async def test_other_sections_can_hand_in_a_prefilled_win(app: MentorJournalApp,
                                                          journal: Journal) -> None:
    goal = journal.goals.all()[1]
    meeting = journal.meetings.all()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.add_win(Win(won_on=TODAY, text=f"Achieved: {goal.title}", size=WinSize.BIG,
                        goal_id=goal.id, meeting_id=meeting.id))
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    newest = journal.wins.all()[0]
    assert (newest.text, newest.goal_id, newest.meeting_id, newest.size) == (
        f"Achieved: {goal.title}", goal.id, meeting.id, WinSize.BIG)


async def test_a_goal_filter_survives_a_trip_to_a_modal(app: MentorJournalApp,
                                                       journal: Journal) -> None:
    goal = journal.goals.all()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wall = await open_wall(app, pilot)
        assert isinstance(app.screen, WinsScreen)
        app.screen.set_filter(WinFilter(goal_id=goal.id))
        await pilot.pause()
        await pilot.press("plus", "escape")
        await pilot.pause()
        assert app.screen.filter.goal_id == goal.id
        assert {c.link for c in wall.cards} == {f"Goal: {goal.title}"}
