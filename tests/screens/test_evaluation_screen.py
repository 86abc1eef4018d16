"""The evaluation as the pair uses it: sealed until both submit, then side by side."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TabbedContent

from mentorjournal.app import MentorJournalApp
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import EvaluationKind, Goal, Meeting, Role
from mentorjournal.screens.evaluation_screen import EvaluationScreen
from mentorjournal.widgets.choice_modal import ChoiceModal
from mentorjournal.widgets.goal_ratings import GoalRatings
from tests.conftest import SIZE, TODAY, put, screen_text

DUE = EvaluationKind.CLOSING
"""The evaluation these tests fill in. The demo pair, six months into a year, is due its
midpoint evaluation and has shared it: the screen opens on that, the closing one is a
Ctrl+K away (`open_closing`)."""


async def open_evaluation(pilot: Pilot[None]) -> EvaluationScreen:
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, EvaluationScreen)
    return pilot.app.screen


async def open_closing(pilot: Pilot[None]) -> EvaluationScreen:
    """The evaluation screen, switched from the demo's shared midpoint to the closing one."""
    screen = await open_evaluation(pilot)
    assert screen.kind is EvaluationKind.MIDPOINT
    await pilot.press("ctrl+k")
    await pilot.pause()
    assert screen.kind is DUE
    return screen


async def choose(pilot: Pilot[None], selector: str, rating: int) -> None:
    """Pick a rating in a Select with the keyboard, as a user would."""
    pilot.app.screen.query_one(selector, Select).focus()
    await pilot.press("enter", *["down"] * rating, "enter")


async def fill_and_submit(pilot: Pilot[None], role: Role, ratings: list[int], match: int,
                          worked: str) -> None:
    app = pilot.app
    await pilot.click(f"#--content-tab-{role.value}")
    await pilot.pause()
    app.screen.query_one(f"#form-{role.value} #goal-ratings").focus()
    for rating in ratings:  # one key a goal, top to bottom
        await pilot.press(str(rating), "down")
    await choose(pilot, f"#form-{role.value} #match_rating", match)
    app.screen.query_one(f"#form-{role.value} #what_worked").focus()
    await pilot.press(*worked)
    await pilot.press("ctrl+r")  # submit asks first
    await pilot.pause()
    await pilot.click("#choice-submit")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_sealed_then_side_by_side_with_talking_points(app: MentorJournalApp,
                                                           journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        assert isinstance(app.screen, EvaluationScreen)

        await fill_and_submit(pilot, Role.MENTOR, [4, 4, 5, 3], match=5, worked="walks")
        mentor = journal.evaluations.of(Role.MENTOR, DUE)
        assert mentor is not None and mentor.submitted_at is not None
        assert mentor.what_worked == "walks" and mentor.match_rating == 5

        # The protégé sits down: the mentor's answers are sealed on every tab.
        text = screen_text(app)
        assert "sealed until both are done" in text
        assert "walks" not in text
        await pilot.click("#--content-tab-shared")
        await pilot.pause()
        assert "walks" not in screen_text(app)

        await fill_and_submit(pilot, Role.PROTEGE, [2, 4, 5, 3], match=5, worked="homework")
        assert journal.evaluations.is_shared(DUE)
        await pilot.click("#--content-tab-shared")
        await pilot.pause()
        text = screen_text(app)
        assert "walks" in text and "homework" in text
        # the protégé's column first, as in the tabs and the export
        assert text.index("homework") < text.index("walks")
        flagged = app.screen.query(".talking-point")
        assert flagged and "Lead the Q3 planning workshop" in str(flagged.first().render())
        assert app.screen.query_one(TabbedContent).active == "shared"


async def test_draft_is_kept_and_reopen_is_recorded(app: MentorJournalApp,
                                                    journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        app.screen.query_one("#form-protege #biggest_learning").focus()
        await pilot.press(*"ask for feedback")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = journal.evaluations.of(Role.PROTEGE, DUE)
        assert saved is not None and saved.biggest_learning == "ask for feedback"
        assert saved.submitted_at is None

        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.click("#choice-submit")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.click("#reopen-protege")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reopened = journal.evaluations.of(Role.PROTEGE, DUE)
        assert reopened is not None and reopened.submitted_at is None
        assert len(reopened.reopened_at) == 1
        assert app.screen.query("#form-protege")


async def test_evidence_lists_a_goals_meetings_and_wins(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#--content-tab-evidence")
        await pilot.pause()
        text = screen_text(app)
        assert "Drafted the workshop agenda in one sitting" in text
        assert "Meetings that discussed it: 5" in text
        assert "target date: " in text and "The workshop moved to September." in text


def test_side_by_side_snapshot(snap_compare: Any, journal: Journal) -> None:
    """The demo's midpoint evaluation, shared: both partners' answers, talking points."""
    from mentorjournal.app import make_app

    async def show(pilot: Pilot[None]) -> None:
        await open_evaluation(pilot)
        await pilot.click("#--content-tab-shared")
        await pilot.pause()

    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=show)


async def test_goals_are_rated_in_one_table_by_key_click_and_comment(
        app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        table = app.screen.query_one("#form-protege #goal-ratings", GoalRatings)
        first, second = table.goals[:2]
        table.focus()
        await pilot.press("4", "0", "3")  # rated, cleared, rated again
        await pilot.press("tab", *"clear [b]win[/b]")  # the comment field follows the cursor
        assert "[b]win[/b]" in str(table.get_row_at(0)[2])
        await pilot.click("#form-protege #goal-ratings", offset=(3, 2))  # the second goal
        await pilot.click("#form-protege #goal-ratings", offset=(3, 2))  # again: 1
        await pilot.click("#form-protege #goal-ratings", offset=(3, 2))  # and 2
        assert app.screen.query_one("#form-protege #goal-comment", Input).value == ""
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = journal.evaluations.of(Role.PROTEGE, DUE)
        assert saved is not None
        ratings = {r.goal_id: (r.rating, r.comment) for r in saved.goal_ratings}
        assert ratings[first.id] == (3, "clear [b]win[/b]") and ratings[second.id] == (2, "")
        table = app.screen.query_one("#form-protege #goal-ratings", GoalRatings)  # recomposed
        assert table.values[first.id] == (3, "clear [b]win[/b]")  # the saved draft, shown again
        assert app.screen.focused is table and table.cursor_row == 1  # where it was
        await pilot.press("up", "5", "enter")  # after 5, Enter (or a click) clears it
        assert table.values[first.id] == (None, "clear [b]win[/b]")


async def test_hundreds_of_goals_make_one_table_not_thousands_of_widgets(
        app: MentorJournalApp, journal: Journal) -> None:
    with journal.batch():
        for n in range(300):
            journal.goals.add(Goal(title=f"Goal {n}"))
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        assert isinstance(app.screen, EvaluationScreen)
        assert len(app.screen.query("*")) < 400  # was ~17,000 widgets, seconds to mount


def test_form_snapshot(snap_compare: Any, journal: Journal) -> None:
    """The protégé's form: goals rated in one table, the comment field under it."""
    from mentorjournal.app import make_app

    async def fill(pilot: Pilot[None]) -> None:
        await open_closing(pilot)
        pilot.app.screen.query_one("#form-protege #goal-ratings").focus()
        await pilot.press("4", "down", "2", "up", "tab", *"Ran the workshop twice")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, run_before=fill)


@pytest.mark.parametrize(("days_left", "shown"), [
    (200, "Midpoint evaluation"),  # six months into a year: was the closing one
    (30, "Closing evaluation"),  # near the planned end
])
async def test_the_screen_opens_on_the_evaluation_due(
        app: MentorJournalApp, journal: Journal, days_left: int, shown: str) -> None:
    pair = journal.pair.require()
    journal.pair.save(dataclasses.replace(pair, planned_end=TODAY + timedelta(days=days_left)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_evaluation(pilot)
        status = str(screen.query_one("#eval-status", Static).render())
        assert status.startswith(shown)
        await pilot.press("ctrl+k")  # the other one is a key away
        await pilot.pause()
        assert not str(app.screen.query_one("#eval-status", Static).render()).startswith(shown)


async def test_an_empty_evaluation_asks_before_it_is_submitted(
        app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_closing(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert "Submit an empty evaluation?" in screen_text(app)
        await pilot.press("enter")  # the focused answer keeps editing
        await pilot.pause()
        assert isinstance(app.screen, EvaluationScreen)
        assert journal.evaluations.of(Role.PROTEGE, DUE) is None

        app.screen.query_one("#form-protege #what_worked").focus()
        await pilot.press(*"walks")
        await pilot.press("ctrl+r")
        await pilot.pause()
        text = screen_text(app)
        assert "Submit the evaluation?" in text and "empty" not in text


async def test_rating_digits_go_to_the_table_only_and_it_keeps_the_cursor(
        app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_closing(pilot)
        table = screen.query_one("#form-protege #goal-ratings", GoalRatings)
        first, second = table.goals[:2]
        table.focus()
        await pilot.press("4", "down")
        await pilot.press("ctrl+s")  # the draft is saved and the screen composed again
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#form-protege #goal-ratings", GoalRatings)
        assert app.screen.focused is table and table.cursor_row == 1
        await pilot.press("2")  # goes on rating, where the cursor was
        assert table.values[first.id][0] == 4 and table.values[second.id][0] == 2
        await pilot.press("tab", "3")  # in the comment field a digit is text
        assert table.values[second.id] == (2, "3")
        fields = app.screen.query("#form-protege Input")
        assert [f.id for f in fields if f.value and f.id != "goal-comment"] == []


async def test_the_evidence_shows_meeting_notes_as_plain_text(
        app: MentorJournalApp, journal: Journal) -> None:
    goal = journal.goals.all()[0]
    put(journal, Meeting(held_on=date(2026, 9, 15), goal_ids=(goal.id,),
                         notes="# Kick-off\n\nWe met **by the river**."))
    async with app.run_test(size=SIZE) as pilot:
        await open_evaluation(pilot)
        await pilot.click("#--content-tab-evidence")
        await pilot.pause()
        text = screen_text(app)
        assert "2026-09-15 Kick-off" in text and "# Kick-off" not in text


async def test_a_shared_evaluation_opens_side_by_side(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_evaluation(pilot)  # the demo's midpoint, shared
        assert screen.query_one(TabbedContent).active == "shared"
        assert "Ana sets the agenda and comes prepared." in screen_text(app)
        await pilot.press("ctrl+k")  # the closing one: nothing in yet, the protégé's form
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "protege"
