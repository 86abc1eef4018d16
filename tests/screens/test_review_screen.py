"""The review dashboard as a pair uses it: step through, mark, finish, see the agenda."""

from __future__ import annotations

from typing import Any

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import ReviewMark
from mentorjournal.screens.review_screen import ReviewScreen, rating_chart
from mentorjournal.screens.review_stepper import ReviewStepperModal
from tests.conftest import SIZE, screen_text


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
        (review,) = journal.reviews.all()
        assert review.items[0].mark is ReviewMark.TO_DISCUSS
        assert review.items[0].comment == "bring the new draft"
        assert review.items[1].mark is ReviewMark.AGREED
        agenda = str(app.screen.query_one("#agenda").query("Static").first().render())
        assert first in agenda and "bring the new draft" in agenda
        assert "Since the last review on 2026-11-25" in screen_text(app)


def test_rating_chart_has_a_fixed_scale() -> None:
    assert rating_chart([4, 4, 4]) == "▆▆▆"
    assert rating_chart([1, 5]) == "▁█"


def test_dashboard_snapshot(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE, press=["r"])


def test_dashboard_snapshot_small(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=(80, 24), press=["r"])
