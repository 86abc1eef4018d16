"""`mentorjournal serve`: the same app, in a browser, on the same journal and lock."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorjournal.cli.serve_command import app_command, is_local
from mentorjournal.core.demo import build_demo
from tests.conftest import ROOT, open_journal

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
  for (const term of window.__terminals) {
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


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentorjournal", *args], cwd=ROOT, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the process on port {port} exited early"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port} within {seconds} s")


@contextlib.contextmanager
def started(command: list[str], log: Path, **kwargs: Any) -> Iterator[subprocess.Popen[Any]]:
    """A process in its own group, ended with everything it started when the test is done."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


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


async def screen_in_browser(url: str, debug_port: int, wanted: str,
                            screenshot: Path) -> str:
    """Load `url`, wait until the terminal shows `wanted`; returns the screen's text."""
    import aiohttp  # comes with textual-serve

    async with aiohttp.ClientSession() as session:
        targets = await (await session.get(f"http://127.0.0.1:{debug_port}/json/list")).json()
        page = next(t for t in targets if t["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            tools = DevTools(ws)
            await tools.call("Page.enable")  # needed for the script below to be added
            await tools.call("Page.addScriptToEvaluateOnNewDocument", source=FIND_TERMINAL)
            await tools.call("Page.navigate", url=url)
            text = ""
            for _ in range(300):  # up to ~30 s
                found = await tools.call("Runtime.evaluate", expression=READ_SCREEN,
                                         returnByValue=True)
                text = found["result"].get("value") or ""
                if wanted in text:
                    break
                await asyncio.sleep(0.1)
            shot = await tools.call("Page.captureScreenshot", format="png")
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            return text


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "pair.json"
    journal = open_journal(path)
    build_demo(journal)
    journal.close()
    return path


def test_the_served_app_shows_the_home_screen_in_chromium(demo_db: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run this test")
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install '.[serve]'")
    port, debug_port = free_port(), free_port()
    serve = [sys.executable, "-m", "mentorjournal", "serve", "--db", str(demo_db),
             "--port", str(port)]
    browser = [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}",
               f"--remote-debugging-port={debug_port}", "about:blank"]
    screenshot = tmp_path / "served-home.png"
    with started(serve, tmp_path / "serve.log", cwd=ROOT) as server:
        wait_for_port(port, server)
        with started(browser, tmp_path / "chromium.log") as chromium:
            wait_for_port(debug_port, chromium)
            text = asyncio.run(screen_in_browser(f"http://127.0.0.1:{port}/", debug_port,
                                                 "Press a card's letter", screenshot))
            assert "Ana Lima (protégé) and Sam Okafor (mentor)" in text, text
            for section in ("Agreement", "Goals", "Meetings", "Wins", "Journal", "Review"):
                assert section in text
            # The served session holds the journal's lock, like a terminal session.
            locked = run("add", "win", "from the shell", "--db", str(demo_db))
            assert locked.returncode == 3 and "open in the app" in locked.stderr
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")


def test_a_non_local_host_needs_public() -> None:
    before = run("serve", "--host", "0.0.0.0", "--port", "1")
    assert before.returncode == 2 and before.stdout == ""
    assert "refusing to serve on 0.0.0.0" in before.stderr
    assert "anyone who can reach that port" in before.stderr and "--public" in before.stderr
    assert before.stderr.count("\n") == 1


def test_a_bad_port_is_refused() -> None:
    result = run("serve", "--port", "70000")
    assert result.returncode == 2 and "not a port number" in result.stderr


@pytest.mark.parametrize("host, local", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False), ("::", False),
    ("example.org", False),
])
def test_only_loopback_counts_as_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_each_tab_runs_this_app_on_this_journal(tmp_path: Path) -> None:
    path = tmp_path / "my journal.json"
    assert app_command(str(path)) == (f"{sys.executable} -m mentorjournal "
                                      f"--db '{path}'")


def test_serve_help_has_examples() -> None:
    result = run("serve", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout and "--public" in result.stdout
