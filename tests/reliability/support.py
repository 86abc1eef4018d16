"""Helpers of the reliability suite: big journals, child processes and the lines they report."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from mentorjournal.core.model import JournalEntry, Pair, Win
from mentorjournal.storage.codec import to_doc
from mentorjournal.storage.store import SCHEMA_VERSION
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
"""The worktree: children run `python -m tests.reliability.child` from here."""

BODY = ("Walked round the lake; we talked about the promotion case, the talk at the meetup "
        "and how to say no to extra work — «é ü 🚀 [bold]not markup[/] مرحبا». ") * 64


def write_big_journal(path: Path, megabytes: float = 10) -> None:
    """A valid journal of about `megabytes` MB: a pair, some wins and many long entries."""
    count = int(megabytes * 1_000_000 / (len(BODY.encode()) + 150))
    entries = {
        str(n): to_doc(JournalEntry(written_on=TODAY, title=f"Entry {n}", body=f"{n} {BODY}"))
        for n in range(1, count + 1)
    }
    entries["1"]["body"] = "0:-1"  # the saver's counter: "<run>:<edit number>"
    data = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
        "pair": {"1": to_doc(Pair(mentor="Sam Okafor", protege="Ana Lima", started_on=TODAY))},
        "wins": {"1": to_doc(Win(won_on=TODAY, text="old"))},
        "entries": entries,
    }
    path.write_bytes(orjson.dumps(data))
    path.chmod(0o600)


def spawn(*args: str, **options: Any) -> subprocess.Popen[bytes]:
    """Start `python -m tests.reliability.child ARGS` with its stdout on a pipe."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.child", *args],
                            cwd=ROOT, **options)


def temp_files(path: Path) -> list[Path]:
    """Temp files a save in progress would leave beside the journal (its own and backups')."""
    return sorted(path.parent.glob(f".{path.name}*.tmp-*"))


class Lines:
    """The complete lines a child wrote on a pipe, read without blocking the test forever."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.lines: list[str] = []
        self.closed = False
        self._partial = b""

    def poll(self, timeout: float) -> None:
        """Take in whatever arrives within `timeout` seconds."""
        if self.closed:
            return
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        chunk = os.read(self.fd, 1 << 16)
        if not chunk:
            self.closed = True  # a torn last line was never acknowledged: it is dropped
            return
        *whole, self._partial = (self._partial + chunk).split(b"\n")
        self.lines += [line.decode() for line in whole]

    def read_for(self, seconds: float) -> None:
        """Take in every line that arrives during the next `seconds`."""
        deadline = time.monotonic() + seconds
        while not self.closed and (left := deadline - time.monotonic()) > 0:
            self.poll(left)

    def wait_for(self, wanted: str, timeout: float = 30) -> bool:
        """Read until a line starting with `wanted` arrives (True) or the pipe closes."""
        deadline = time.monotonic() + timeout
        while not any(line.startswith(wanted) for line in self.lines):
            if self.closed or time.monotonic() > deadline:
                return False
            self.poll(0.05)
        return True

    def drain(self) -> list[str]:
        """Everything up to the end of the pipe (call once the child is gone)."""
        while not self.closed:
            self.poll(5)
        return self.lines


class _FailingHandle:
    """A file whose write fails half-way, as on a full disk."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def __enter__(self) -> _FailingHandle:
        return self

    def __exit__(self, *_exc: object) -> None:
        os.close(self._fd)

    def write(self, payload: bytes) -> int:
        os.write(self._fd, payload[: len(payload) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")


def failing(code: int) -> Callable[..., Any]:
    """A stand-in for an os function that fails with `code` (EIO, EROFS...)."""
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))
    return fail


_real_open = os.open


def _read_only_fs(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
    if flags & os.O_CREAT:  # creating a file: what a read-only file system refuses
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))
    return _real_open(path, flags, *args, **kwargs)


FAULTS: dict[str, tuple[str, Callable[..., Any]]] = {
    "read-only (EROFS)": ("open", _read_only_fs),
    "disk full mid-write (ENOSPC)": ("fdopen", lambda fd, _mode: _FailingHandle(fd)),
    "fsync (EIO)": ("fsync", failing(errno.EIO)),
    "rename (EIO)": ("replace", failing(errno.EIO)),
}
"""Faults the store's os calls meet: (name of the os function, stand-in). Only the store
creates files, fdopens, fsyncs or renames while a test injects one of these."""


def _controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """`python -m tests.reliability.child COMMAND ARGS... REPORT_FD` on a pseudo-terminal
    that is its controlling terminal (closing it sends the child SIGHUP, as closing a
    terminal window does). The screen it draws is read away into `screen` (so it never
    blocks on a full terminal); what it reports arrives in `lines`."""

    def __init__(self, *args: str, size: tuple[int, int] = (120, 40)) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        report_read, report_write = os.pipe()
        self.process = spawn(*args, str(report_write), stdin=slave, stdout=slave,
                             stderr=slave, start_new_session=True, pass_fds=(report_write,),
                             preexec_fn=_controlling_terminal,
                             env={**os.environ, "TERM": "xterm-256color"})
        os.close(slave)
        os.close(report_write)
        self.screen = bytearray()
        self._reader = threading.Thread(target=self._read_screen, daemon=True)
        self._reader.start()
        self.lines = Lines(report_read)

    def _read_screen(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            self.screen += chunk

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def hang_up(self) -> None:
        """The terminal window closes: the kernel sends the child SIGHUP."""
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def end(self, how: str) -> None:
        """End the session as `how` says: "SIGHUP" closes the terminal, else that signal."""
        if how == "SIGHUP":
            self.hang_up()
        else:
            self.process.send_signal(getattr(signal, how))

    def shown(self) -> str:
        return bytes(self.screen).decode(errors="replace")

    def close(self) -> list[str]:
        """Kill the child if it still runs, let go of the terminal; the lines it reported."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.hang_up()
        self._reader.join(5)
        if self.lines.fd >= 0:
            self.lines.drain()
            os.close(self.lines.fd)
            self.lines.fd = -1
        return self.lines.lines
