"""MonthBars: each month's bar stands over its own label, and every month has one."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from mentorjournal.widgets.month_bars import MonthBars
from tests.conftest import drawn_text

MONTHS = [(date(2026, m, 1), n) for m, n in [(5, 0), (6, 3), (7, 1), (8, 0), (9, 12)]]


class Chart(App[None]):
    def compose(self) -> ComposeResult:
        yield MonthBars(id="chart")

    def on_mount(self) -> None:
        self.query_one(MonthBars).show(MONTHS)


async def test_bars_sit_over_their_months_and_every_month_is_named() -> None:
    app = Chart()
    async with app.run_test(size=(60, 4)) as pilot:
        await pilot.pause()
        bars, names = drawn_text(app.query_one(MonthBars)).splitlines()[:2]
    for month, count in MONTHS:
        label = month.strftime("%b")
        column = names.index(label)
        above = bars[column:column + 3]
        assert (above.strip() == "") == (count == 0), (label, above)  # the bar, right above
        assert bars[column + 3:].split()[0] == str(count)  # and its count beside it
