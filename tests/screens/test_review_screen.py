"""The review dashboard as a pair uses it: step through, mark, finish, see the agenda."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Input

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import ReviewMark
from mentorjournal.screens.review_screen import ReviewScreen, rating_chart
from mentorjournal.screens.review_stepper import ReviewStepperModal
from mentorjournal.widgets.keys import own_bindings
from tests.conftest import SIZE, screen_text
from tests.screens.test_forms import choice_labels
from tests.screens.test_keys import footer_keys
from tests.test_readme_tour import as_written, tour_paragraph


async def test_step_through_mark_finish_and_see_the_agenda(app: MentorJournalApp,
                                                          journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "agreed every 14 days — actual median" in text
        assert "Lead the Q3 planning workshop" in text

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewStepperModal)
        first = app.screen.items[0].summary
        app.screen.query_one("#comment").focus()
        await pilot.press(*"bring the new draft")
        await pilot.click("#discuss")  # marks the first item and moves to the next
        await pilot.press("a")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert isinstance(app.screen, ReviewScreen)
        review = journal.reviews.all()[-1]  # after the demo's
        assert review.items[0].mark is ReviewMark.TO_DISCUSS
        assert review.items[0].comment == "bring the new draft"
        assert review.items[1].mark is ReviewMark.AGREED
        agenda = " ".join(str(line.render())
                          for line in app.screen.query_one("#agenda").query("Static"))
        assert first in agenda and "bring the new draft" in agenda
        assert "Since the last review on 2026-11-25" in screen_text(app)


async def open_stepper(app: MentorJournalApp, pilot: Any) -> ReviewStepperModal:
    await pilot.pause()
    await pilot.press("r", "s")
    await pilot.pause()
    assert isinstance(app.screen, ReviewStepperModal)
    return app.screen


def comment_of(stepper: ReviewStepperModal) -> str:
    return stepper.query_one("#comment", Input).value


async def test_typing_a_comment_neither_marks_nor_moves(app: MentorJournalApp) -> None:
    """Issue 22: "need a date" marked items and jumped from 2/15 to 7/15."""
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(app, pilot)
        await pilot.press("right", "c", *"need a date")  # c: into the comment field
        await pilot.pause()
        assert stepper.index == 1 and "2 of " in screen_text(app)
        assert comment_of(stepper) == "need a date"
        assert all(item.mark is None for item in stepper.items)

        await pilot.press("enter", "a")  # Enter: done; the letters are keys again
        await pilot.pause()
        assert isinstance(app.focused, Button)
        assert stepper.items[1].mark is ReviewMark.AGREED
        assert stepper.items[1].comment == "need a date"
        assert stepper.index == 2 and comment_of(stepper) == ""


async def test_back_returns_to_the_item_before_with_its_mark_and_comment_editable(
        app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(app, pilot)
        await pilot.press("c", *"bring it", "enter", "d")
        await pilot.pause()
        assert stepper.index == 1

        await pilot.press("b")
        await pilot.pause()
        assert stepper.index == 0
        assert "1 of " in screen_text(app) and "Marked: to discuss" in screen_text(app)
        assert comment_of(stepper) == "bring it"

        await pilot.press("c", *" up", "enter", "a")  # both still editable
        await pilot.pause()
        assert stepper.items[0].mark is ReviewMark.AGREED
        assert stepper.items[0].comment == "bring it up"
        assert stepper.index == 1
        await pilot.press("left")  # the arrow goes back too
        await pilot.pause()
        assert stepper.index == 0


async def test_the_stepper_keys_are_in_the_footer_and_the_palette(
        app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(app, pilot)
        assert footer_keys(app)[:6] == ["a", "d", "c", "b", "ctrl+s", "right"]
        await pilot.press("ctrl+p", *"on to the next item", "enter")
        await pilot.pause()
        assert stepper.index == 1
        await pilot.press("ctrl+p", *"back to the item before", "enter")
        await pilot.pause()
        assert stepper.index == 0
        await pilot.press("ctrl+p", *"write a comment", "enter", *"from the palette")
        await pilot.pause()
        assert comment_of(stepper) == "from the palette"
        assert all(item.mark is None for item in stepper.items)
        await pilot.resize_terminal(80, 24)
        await pilot.press("enter")
        await pilot.pause()
        assert {"a", "d", "c", "b", "ctrl+s"} <= set(footer_keys(app))  # Back fits 80 wide


def test_the_tour_tells_the_stepper_keys_in_footer_order() -> None:
    text = tour_paragraph("Review", "r")
    places = []
    for binding in own_bindings(ReviewStepperModal):
        if binding.description == "Cancel":
            continue  # Escape cancels every dialog: told once, above
        found = [at for key in binding.key.split(",")
                 if (at := text.find(as_written(key.strip()))) >= 0]
        assert found, f"the tour does not tell {binding.key} ({binding.description})"
        places.append(min(found))
    assert places == sorted(places)


def test_rating_chart_has_a_fixed_scale() -> None:
    assert rating_chart([4, 4, 4]) == "▆▆▆"
    assert rating_chart([1, 5]) == "▁█"


def test_dashboard_snapshot(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, press=["r"])


def test_dashboard_snapshot_small(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=(80, 24), press=["r"])


async def test_escape_asks_before_marks_and_comments_are_lost(app: MentorJournalApp) -> None:
    """Escape in the comment field closed the stepper, losing every mark made so far."""
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(app, pilot)
        await pilot.press("escape")  # nothing marked yet: closes at once
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

        stepper = await open_stepper(app, pilot)
        await pilot.press("a", "c", *"ask Dana", "escape")
        await pilot.pause()
        assert choice_labels(app) == ("Keep editing", "Discard")
        await pilot.press("escape")  # keep editing: all there
        await pilot.pause()
        assert app.screen is stepper
        assert stepper.items[0].mark is ReviewMark.AGREED
        assert comment_of(stepper) == "ask Dana"

        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
