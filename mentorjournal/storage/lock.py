"""The journal's lock: an advisory lock on `<journal>.lock` that says who holds it.

The lock file holds one line of JSON describing its holder: its role ("app" or
"command"), pid, host and program. A shell command holds the journal for a moment (open,
save, close), the app for as long as someone works in it: so whoever meets a command's
lock waits for it (up to `COMMAND_WAIT` seconds) before refusing, and a refusal names
the real holder. The lock lives beside the file the journal path resolves to, so every
path to one journal (symlinks included) meets the same lock.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import socket
import stat
import sys
import time
from pathlib import Path

from mentorjournal.storage.errors import JournalLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks
    fcntl = None  # type: ignore[assignment]

APP = "app"
"""The role of the app: it holds the journal while it runs."""
COMMAND = "command"
"""The role of a shell command (`add`, `demo`): it holds the journal for a moment."""
COMMAND_WAIT = 5.0
"""Seconds a command's lock is waited for before refusing: twenty `add`s at once fit."""

_LOCK_FLAGS = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
"""Never blocking (a FIFO made in its place), never through a symlink (which would have us
truncate whatever file it points to)."""


class JournalLock:
    """An exclusive advisory lock on `<journal>.lock`, naming its holder for the refused."""

    def __init__(self, journal: Path) -> None:
        self.journal = journal
        self.path = journal.with_name(journal.name + ".lock")
        self._fd: int | None = None

    def acquire(self, role: str = APP) -> None:
        """Take the lock, waiting up to COMMAND_WAIT seconds while a command holds it.

        Raises JournalLocked naming the holder, or OSError when the lock file cannot be made.
        """
        fd = os.open(self.path, _LOCK_FLAGS, 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, f"{self.path.name} is not a regular file")
            self._take(fd, time.monotonic() + COMMAND_WAIT)
            os.ftruncate(fd, 0)
            os.write(fd, _describe(role).encode())  # at offset 0: nothing moved it
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _take(self, fd: int, deadline: float) -> None:
        if fcntl is None:  # pragma: no cover - Windows
            return
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
            role, holder = read_holder(os.pread(fd, 1000, 0))
            # An empty file: a holder that has just taken the lock (or is letting it go).
            brief = role == COMMAND or not holder
            if not brief or time.monotonic() > deadline:
                raise JournalLocked(self.journal, holder or "unknown", role)
            time.sleep(random.uniform(0.005, 0.03))  # jitter: waiters do not move in step

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None


def read_holder(content: bytes) -> tuple[str, str]:
    """(role, description) of a lock file's content; role "" when it does not say."""
    text = content.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
        role, pid, host, program = data["role"], data["pid"], data["host"], data["program"]
    except (ValueError, TypeError, KeyError):
        return "", text[:300]  # an older mentorjournal's "pid N on HOST, PROGRAM"
    return str(role), f"pid {pid} on {host}, {program}"


def _describe(role: str) -> str:
    command = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python"
    if command in ("__main__.py", "-c", "-m", ""):  # python -m mentorjournal, a served tab
        command = "mentorjournal"
    return json.dumps({"role": role, "pid": os.getpid(), "host": socket.gethostname(),
                       "program": command}, ensure_ascii=False)

