"""Child process of bench.py: start an app headless, stop at its first real screen.

    python benchmarks/_startup.py bare
    python benchmarks/_startup.py app JOURNAL

Prints the peak RSS in MiB as its last line.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


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
        pilot.app.exit()

    make_app(path).run(headless=True, auto_pilot=stop)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        app(Path(sys.argv[2]))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
