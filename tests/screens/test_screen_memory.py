"""Leaving a screen lets go of it: visiting sections again and again does not pile up
objects (Textual keeps dead widgets' rendered lines in a cache unless told otherwise)."""

from __future__ import annotations

import gc

from mentorjournal.app import MentorJournalApp
from tests.conftest import SIZE


async def test_visits_do_not_pile_up_objects(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        counts = []
        for _ in range(6):
            for key in ("m", "j", "g", "w"):
                await pilot.press(key)
                await pilot.pause()
                app.go_home()
                await pilot.pause()
            gc.collect()
            counts.append(len(gc.get_objects()))
        growth = (counts[-1] - counts[1]) / (len(counts) - 2)
        assert growth < 1_000, counts  # was ~16,000 a round before closed screens were released
