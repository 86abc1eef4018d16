"""Child process of bench.py: start an app headless, stop at its first real screen.

    python benchmarks/_startup.py bare
    python benchmarks/_startup.py app JOURNAL

Prints the wall-clock time (time.time()) at which the first screen was ready, then the
peak RSS in MiB: the parent subtracts its own time.time() at spawn, so start-up is measured
from process start to first screen, without the shutdown after it.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's package
READY: list[float] = []


def bare() -> None:
    from textual.app import App, ComposeResult
    from textual.pilot import Pilot
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    async def stop(pilot: Pilot[None]) -> None:
        await pilot.pause()
        READY.append(time.time())
        pilot.app.exit()

    Bare().run(headless=True, auto_pilot=stop)


def app(path: Path) -> None:
    from textual.pilot import Pilot
    from textual.widgets import Static

    from mentorjournal.app import make_app

    async def stop(pilot: Pilot[None]) -> None:
        # The first real screen: the home screen showing the pair and the counts.
        while "protégé" not in str(pilot.app.screen.query_one("#pair", Static).render()):
            await pilot.pause(0.002)
        READY.append(time.time())
        pilot.app.exit()

    make_app(path).run(headless=True, auto_pilot=stop)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        app(Path(sys.argv[2]))
    print(READY[0])
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
