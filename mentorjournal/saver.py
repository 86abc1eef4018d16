"""SaveQueue: every save runs in a worker thread, one at a time, in the order asked."""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentorjournal.storage.errors import JournalError, SaveFailed

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class _Job:
    operation: Callable[[], Any]
    on_saved: Callable[[Any], object]
    on_failed: Callable[[JournalError], None]


class SaveQueue:
    """One writer: a later edit never lands before an earlier one, and none is cancelled.

    A drain worker is started when the first job arrives and ends when the queue is
    empty, so `app.workers.wait_for_complete()` in tests returns once all is saved.
    Callbacks run on the UI thread, after the write is on disk (or has failed).
    """

    def __init__(self, app: App[Any],
                 lock: AbstractContextManager[Any] | None = None) -> None:
        """`lock` guards the queue (a test hands in one that widens a race window)."""
        self._app = app
        self._jobs: deque[_Job] = deque()
        self._lock = lock or threading.Lock()
        self._draining = False
        self._idle = threading.Event()
        self._idle.set()

    @property
    def idle(self) -> bool:
        """True when nothing is waiting to be written."""
        return self._idle.is_set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block (in a thread) until every queued save has finished."""
        return self._idle.wait(timeout)

    def submit(
        self,
        operation: Callable[[], Any],
        on_saved: Callable[[Any], object],
        on_failed: Callable[[JournalError], None],
    ) -> None:
        """Queue `operation`; `on_saved(result)` or `on_failed(error)` runs on the UI thread
        afterwards (what a callback returns is awaited if awaitable, e.g. `dismiss`)."""
        with self._lock:
            self._jobs.append(_Job(operation, on_saved, on_failed))
            self._idle.clear()
            if self._draining:
                return
            self._draining = True
        self._app.run_worker(
            self._drain, thread=True, group="save", name="save", exit_on_error=False
        )

    def _drain(self) -> None:
        try:
            while (job := self._next_job()) is not None:
                self._run(job)
        except BaseException:
            with self._lock:  # the thread died: the next submit starts a new drain
                self._draining = False
            raise

    def _run(self, job: _Job) -> None:
        try:
            result = job.operation()
        except JournalError as error:
            self._deliver(job.on_failed, error)
        except Exception as error:  # a bug: say "not saved", keep saving the rest
            self._deliver(job.on_failed, SaveFailed(None, error))
        else:
            self._deliver(job.on_saved, result)

    def _next_job(self) -> _Job | None:
        """The next job, or None once the queue is empty: the drain ends in the same step
        that finds it empty, so a job submitted just after starts a new drain (were the end
        marked later, that job would find "draining" still set and wait forever)."""
        with self._lock:
            if self._jobs:
                return self._jobs.popleft()
            self._draining = False
            self._idle.set()
            return None

    def _deliver(self, callback: Callable[[Any], object], value: Any) -> None:
        """Run a callback on the UI thread; a bug in it must not stop the saves queued after."""
        try:
            self._app.call_from_thread(callback, value)
        except Exception as error:
            with contextlib.suppress(RuntimeError):  # the app has stopped: nobody to tell
                self._app.call_from_thread(
                    self._app.notify, f"Something went wrong: {error!r}", title="Error",
                    severity="error", markup=False, timeout=15,
                )
