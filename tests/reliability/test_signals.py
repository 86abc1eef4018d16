"""SIGTERM and SIGHUP (the terminal closed): the app quits cleanly, every queued save on disk.

The real command line runs on a pseudo-terminal; its writes are slowed down so saves are
still queued when the signal arrives.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import termios
import threading
from pathlib import Path

import pytest

from mentorjournal.core.model import Pair
from tests.conftest import open_journal
from tests.reliability.support import Lines, spawn

pytestmark = pytest.mark.reliability

QUEUED = 20


def _controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _drain(master: int, seen: bytearray) -> None:
    """Read the app's screen output so it never blocks on a full terminal."""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            return
        if not chunk:
            return
        seen += chunk


def run_app_and_signal(path: Path, how: str) -> tuple[int, list[str], bytes]:
    """Start the app on a pty; once saves are queued, signal it; return (exit, report, screen)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    report_read, report_write = os.pipe()
    child = spawn("app", str(path), str(QUEUED), str(report_write), stdin=slave, stdout=slave,
                  stderr=slave, start_new_session=True, pass_fds=(report_write,),
                  preexec_fn=_controlling_terminal,
                  env={**os.environ, "TERM": "xterm-256color"})
    os.close(slave)
    os.close(report_write)
    seen = bytearray()
    reader = threading.Thread(target=_drain, args=(master, seen), daemon=True)
    reader.start()
    lines = Lines(report_read)
    try:
        assert lines.wait_for("queued", 60), bytes(seen).decode(errors="replace")[-2000:]
        if how == "SIGHUP":
            os.close(master)  # the terminal window closes: the kernel sends SIGHUP
            master = -1
        else:
            child.send_signal(signal.SIGTERM)
        code = child.wait(60)
    except BaseException:
        child.kill()
        raise
    finally:
        if master >= 0:
            os.close(master)
        reader.join(5)
    report = lines.drain()
    os.close(report_read)
    return code, report, bytes(seen)


@pytest.fixture
def journal_with_pair(journal_path: Path) -> Path:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()
    return journal_path


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_signal_quits_with_every_queued_save_on_disk(journal_with_pair: Path, how: str) -> None:
    code, report, screen = run_app_and_signal(journal_with_pair, how)
    assert code == 0, f"{how}: exit {code}; {report}"
    assert report[-1] == "exit 0"
    journal = open_journal(journal_with_pair)  # the lock was released, too
    texts = sorted(win.text for win in journal.wins.all())
    journal.close()
    assert texts == sorted(f"queued:{n}" for n in range(QUEUED))
    if how == "SIGTERM":  # the terminal is given back: alternate screen left, mouse off
        assert b"\x1b[?1049l" in screen
