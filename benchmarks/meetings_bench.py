"""Time the meeting log on a heavy journal, in-process (Pilot): open, cursor, filter, homework.

    python benchmarks/heavy_journal.py /tmp/heavy.json
    python benchmarks/meetings_bench.py /tmp/heavy.json [runs]

Each figure is the median wall and CPU time from the action to after `await pilot.pause()`
(bench.py's `bench_screens` measures opening; this adds what the meeting log does next).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package
from mentorjournal.app import make_app  # noqa: E402
from mentorjournal.core.journal import Journal  # noqa: E402
from mentorjournal.core.meetings import MeetingFilter  # noqa: E402
from mentorjournal.screens.meetings_screen import MeetingsScreen  # noqa: E402

TODAY = date(2026, 11, 25)


async def _timed(figures: dict[str, list[tuple[float, float]]], name: str,
                 action: Callable[[], Awaitable[object]]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    await action()
    figures.setdefault(name, []).append(
        ((time.perf_counter() - wall) * 1e3, (time.process_time() - cpu) * 1e3))


def _find(screen: object, find: MeetingFilter) -> None:
    assert isinstance(screen, MeetingsScreen)
    screen.find = find


async def bench_meetings(path: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall ms, CPU ms) of each meeting-log action."""
    journal = Journal.open(path, today=lambda: TODAY)
    app = make_app(journal=journal)
    figures: dict[str, list[tuple[float, float]]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def then_pause(step: Callable[[], object]) -> None:
            result = step()
            if asyncio.iscoroutine(result):
                await result
            await pilot.pause()

        for _ in range(runs):
            await _timed(figures, "open", lambda: then_pause(lambda: app.open_section("meetings")))
            await _timed(figures, "cursor down", lambda: then_pause(lambda: pilot.press("down")))
            await _timed(figures, "filter (text)", lambda: then_pause(
                lambda: _find(app.screen, MeetingFilter(text="mentor"))))
            await _timed(figures, "clear filter", lambda: then_pause(
                lambda: _find(app.screen, MeetingFilter())))
            await _timed(figures, "homework view", lambda: then_pause(lambda: pilot.press("h")))
            await _timed(figures, "next homework tab", lambda: then_pause(
                lambda: pilot.press("v")))
            await then_pause(lambda: pilot.press("escape"))
            await then_pause(app.go_home)
    journal.close()
    return {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
            for name, values in figures.items()}


def main() -> int:
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for name, (wall, cpu) in asyncio.run(bench_meetings(path, runs)).items():
        print(f"{name:18s} {wall:7.1f} ms wall  {cpu:7.1f} ms CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
