"""Running `mentorjournal serve` (and other servers) for a test: free ports, processes ended
with all they started, and waits for what they print instead of sleeps."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

URL_LINE = re.compile(r"^(http://\S+/\?token=([A-Za-z0-9_-]+))$", re.M)
"""The one URL `serve` prints, on a line of its own."""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentorjournal", *args], cwd=ROOT, text=True,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(ready: Callable[[], Any], what: str, process: subprocess.Popen[Any] | None = None,
               seconds: float = 30) -> Any:
    """Poll `ready` until it returns something true (and return that), or fail naming `what`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None:
            assert process.poll() is None, f"the process exited early, before {what}"
        found = ready()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no {what} within {seconds} s")


def wait_for_port(port: int, process: subprocess.Popen[Any], seconds: float = 30) -> None:
    def listening() -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    wait_until(listening, f"listener on port {port}", process, seconds)


def wait_for_line(log: Path, pattern: str, process: subprocess.Popen[Any] | None = None,
                  seconds: float = 30) -> re.Match[str]:
    """The first match of `pattern` in what a process wrote to `log`, once it is there."""
    match: re.Match[str] = wait_until(
        lambda: re.search(pattern, log.read_text(errors="replace"), re.M),
        f"line matching {pattern!r} in {log.name}", process, seconds)
    return match


def wait_for_url(log: Path, process: subprocess.Popen[Any]) -> tuple[str, str]:
    """The URL `serve` printed (it is listening by then) and the token in it."""
    match = wait_for_line(log, URL_LINE.pattern, process)
    return match.group(1), match.group(2)


def serve_command(db: Path, port: int, *more: str) -> list[str]:
    return [sys.executable, "-m", "mentorjournal", "serve", "--db", str(db), "--port",
            str(port), *more]


@contextlib.contextmanager
def started(command: list[str], log: Path, **kwargs: Any) -> Iterator[subprocess.Popen[Any]]:
    """A process in its own group, ended with everything it started when the test is done."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True,
                                   cwd=kwargs.pop("cwd", ROOT), **kwargs)
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
