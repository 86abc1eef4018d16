"""A browser tab of `serve` closed with a meeting half typed: the text is kept as a draft.

textual-serve ends a closed tab's app by sending it a "quit" packet, which Textual turns
into an exit; the app keeps what its forms hold as drafts before it goes, as on a signal.
The tab is closed as soon as the typing shows, before the draft's own timer would write it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorjournal.core.model import Pair
from mentorjournal.storage.errors import JournalLocked
from tests.cli.serving import free_port, serve_command, started, wait_for_url, wait_until
from tests.conftest import open_journal

aiohttp = pytest.importorskip("aiohttp", reason="needs the serve extra: pip install '.[serve]'")
pytest.importorskip("textual_serve", reason="needs the serve extra: pip install '.[serve]'")

HALF_TYPED = "2025-03-1"
"""The meeting's date, half typed (the form's date input is where the cursor starts)."""


class Tab:
    """A browser tab's websocket: keys in, the screen's output collected."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.output = ""

    async def shows(self, text: str, seconds: float = 30) -> None:
        async def read() -> None:
            while text not in self.output:
                message = await self.ws.receive()
                if message.type is aiohttp.WSMsgType.BINARY:
                    self.output += message.data.decode(errors="replace")
                elif message.type is aiohttp.WSMsgType.TEXT:
                    self.output += message.data
                else:
                    raise AssertionError(f"the tab closed before showing {text!r}")

        await asyncio.wait_for(read(), seconds)

    async def press(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))


@pytest.fixture
def served_journal(tmp_path: Path) -> Iterator[tuple[Path, int, str]]:
    db = tmp_path / "pair.json"
    journal = open_journal(db)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima"))
    journal.close()
    port = free_port()
    with started(serve_command(db, port), tmp_path / "serve.log") as process:
        _url, token = wait_for_url(tmp_path / "serve.log", process)
        yield db, port, token


def _lock_free(db: Path) -> bool:
    try:
        open_journal(db).close()
    except JournalLocked:
        return False
    return True


async def test_a_closed_tab_keeps_the_half_typed_meeting(
        served_journal: tuple[Path, int, str]) -> None:
    db, port, token = served_journal
    headers = {"Cookie": f"mentorjournal-token-{port}={token}"}
    async with aiohttp.ClientSession() as session, session.ws_connect(
            f"ws://127.0.0.1:{port}/ws?width=100&height=30", headers=headers,
            origin=f"http://127.0.0.1:{port}") as ws:
        tab = Tab(ws)
        await tab.shows("REVIEW TOGETHER")  # the journal is open (served: together)
        await tab.press("m")
        await tab.shows("No meetings yet.")
        await tab.press("n")
        await tab.shows("Log a meeting")
        await tab.press(HALF_TYPED)
        await tab.shows(HALF_TYPED)
    # the tab is closed: its app is told to quit
    wait_until(lambda: _lock_free(db), "the served app's exit (the lock let go)")
    journal = open_journal(db)
    try:
        [draft] = journal.drafts.all()
    finally:
        journal.close()
    assert draft.kind == "meeting" and draft.fields["held_on"] == HALF_TYPED
