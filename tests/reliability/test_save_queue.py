"""The save queue's edge: a save asked for just as the queue runs dry is still written.

The window between the drain thread finding the queue empty and marking itself stopped
is widened deterministically: the queue's lock is one whose release, right after the first
save has run, lets a "UI thread" submit another save before the drain takes its next step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from mentorjournal.saver import SaveQueue

pytestmark = pytest.mark.reliability


class ThreadedApp:
    """What the queue needs of the app: workers in threads, callbacks run where they are."""

    def run_worker(self, work: Callable[[], None], **_options: object) -> None:
        threading.Thread(target=work, daemon=True, name="save").start()

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return callback(*args, **kwargs)

    def notify(self, *_args: object, **_kwargs: object) -> None:
        raise AssertionError("no callback should fail here")


class WindowLock:
    """A lock that, released by the drain after the first save ran, runs `in_window` on
    another thread (as the UI thread would submit) before the drain goes on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.armed = False
        self.in_window: Callable[[], None] = lambda: None

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, *_exc: object) -> None:
        self._lock.release()
        if self.armed and threading.current_thread().name == "save":
            self.armed = False
            other = threading.Thread(target=self.in_window)
            other.start()
            other.join()


def test_a_save_submitted_as_the_queue_runs_dry_is_written() -> None:
    lock = WindowLock()
    queue = SaveQueue(ThreadedApp(), lock)  # type: ignore[arg-type]
    saved: list[str] = []
    failed: list[object] = []

    def first() -> str:
        lock.armed = True  # the next release by the drain is when it finds the queue empty
        return "first"

    submitted = threading.Event()

    def submit_late() -> None:
        queue.submit(lambda: "late", saved.append, failed.append)
        submitted.set()

    lock.in_window = submit_late
    queue.submit(first, saved.append, failed.append)
    assert submitted.wait(5)  # the queue may look idle a moment before: wait for the submit
    assert queue.wait_idle(5), "the late save was never run: wait_idle timed out"
    assert saved == ["first", "late"] and not failed
