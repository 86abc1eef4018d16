"""`mentorjournal serve` in headless Chromium: the printed URL opens the app; a page from
another origin cannot open its WebSocket, though the browser holds the cookie."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from tests.cli.serving import (
    free_port,
    run,
    serve_command,
    started,
    wait_for_line,
    wait_for_port,
    wait_for_url,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1280,800",
                  # Nothing but this machine: the page's web font link must not go out.
                  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]

# xterm.js draws on a canvas, so the page's DOM holds no text. Before the page loads, this
# notes every object that gets a `_core` (xterm's Terminal does), so the test can read what
# the terminal shows from its own buffer.
FIND_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, '_core', {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, '_core', {value, writable: true, configurable: true,
                                          enumerable: true});
    window.__terminals.push(this);
  },
});
"""
READ_SCREEN = """(() => {
  for (const term of window.__terminals || []) {
    try {
      const buffer = term.buffer.active, lines = [];
      for (let y = 0; y < term.rows; y++) {
        lines.push(buffer.getLine(buffer.viewportY + y).translateToString(true));
      }
      return lines.join('\\n');
    } catch (error) { /* not the Terminal: an addon or a service */ }
  }
  return '';
})()"""
# A page on another origin (another port of this machine) that tries the served WebSocket.
# Ports are not part of a cookie's site: the browser sends the serve cookie along.
FOREIGN_PAGE = """<!doctype html><title>waiting</title><script>
const socket = new WebSocket("ws://127.0.0.1:PORT/ws?width=80&height=24");
socket.onopen = () => { document.title = "opened"; };
socket.onclose = () => { if (document.title === "waiting") document.title = "refused"; };
</script>"""


class DevTools:
    """Just enough of the Chrome DevTools protocol: call a method, get its result."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.last_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        await self.socket.send_json({"id": self.last_id, "method": method, "params": params})
        async for message in self.socket:
            reply = message.json()
            if reply.get("id") == self.last_id:
                assert "error" not in reply, reply
                return reply["result"]  # type: ignore[no-any-return]
        raise AssertionError("the browser closed the DevTools connection")

    async def wait_for(self, expression: str, done: Any, seconds: float = 30) -> str:
        """Evaluate `expression` in the page until `done(value)`; the last value."""
        deadline, value = time.monotonic() + seconds, ""
        while time.monotonic() < deadline:
            found = await self.call("Runtime.evaluate", expression=expression,
                                    returnByValue=True)
            value = found["result"].get("value") or ""
            if done(value):
                break
            await asyncio.sleep(0.1)
        return value


async def browse(debug_port: int, url: str, foreign_url: str, screenshot: Path,
                 while_open: Callable[[], object]) -> tuple[str, object, str]:
    """Open `url` until the home screen is drawn (then call `while_open`), then
    `foreign_url`: the screen's text, what `while_open` returned, and what the foreign
    page's WebSocket did."""
    import aiohttp  # comes with textual-serve

    async with aiohttp.ClientSession() as session:
        targets = await (await session.get(f"http://127.0.0.1:{debug_port}/json/list")).json()
        page = next(t for t in targets if t["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            tools = DevTools(ws)
            await tools.call("Page.enable")  # needed for the script below to be added
            await tools.call("Page.addScriptToEvaluateOnNewDocument", source=FIND_TERMINAL)
            await tools.call("Page.navigate", url=url)
            # Home is drawn at once; the pair's line once the journal is open (in a worker).
            text = await tools.wait_for(READ_SCREEN, lambda t: "Press a card's letter" in t
                                        and "(mentor)" in t)
            shot = await tools.call("Page.captureScreenshot", format="png")
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            during = await asyncio.to_thread(while_open)
            await tools.call("Page.navigate", url=foreign_url)
            result = await tools.wait_for("document.title",
                                          lambda title: title in ("opened", "refused"))
            return text, during, result


def test_the_printed_url_opens_the_app_and_no_other_origin_gets_in(
        demo_path: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run this test")
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install '.[serve]'")
    port, foreign_port, debug_port = free_port(), free_port(), free_port()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "index.html").write_text(FOREIGN_PAGE.replace("PORT", str(port)))
    foreign_server = ["python3", "-m", "http.server", str(foreign_port), "--bind", "127.0.0.1",
                      "--directory", str(foreign)]
    browser = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}",
               f"--remote-debugging-port={debug_port}", "about:blank"]
    screenshot, log = tmp_path / "served-home.png", tmp_path / "serve.log"
    with started(serve_command(demo_path, port), log) as server, \
            started(foreign_server, tmp_path / "foreign.log") as other, \
            started(browser, tmp_path / "chromium.log") as chromium:
        url, _token = wait_for_url(log, server)
        wait_for_port(foreign_port, other)
        wait_for_port(debug_port, chromium)
        text, locked, foreign_socket = asyncio.run(browse(
            debug_port, url, f"http://127.0.0.1:{foreign_port}/index.html", screenshot,
            lambda: run("add", "win", "from the shell", "--db", str(demo_path))))
        assert "Ana Lima (protégé) and Sam Okafor (mentor)" in text, text
        for section in ("Agreement", "Goals", "Meetings", "Wins", "Journal", "Review"):
            assert section in text
        assert "REVIEW TOGETHER" in text  # served: private entries hidden from the start
        assert foreign_socket == "refused"
        wait_for_line(log, rf"refused GET /ws from 127\.0\.0\.1: Origin "
                           rf"'http://127\.0\.0\.1:{foreign_port}' is not the page's own")
        # The served session held the journal's lock, like a terminal session.
        assert isinstance(locked, CompletedProcess)
        assert locked.returncode == 3 and "open in the app" in locked.stderr
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")
