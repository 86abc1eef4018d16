"""The heavy journal encrypted (`mentorjournal encrypt`): saves and opens against the plain
journal's, and the unlock on its own. Run by bench.py; see docs/performance.md."""

from __future__ import annotations

import dataclasses
import statistics
import time
from datetime import datetime
from pathlib import Path

from heavy_journal import TODAY

from mentorjournal.core.journal import Journal
from mentorjournal.storage.sealed import JournalKey, seal_key, unlock
from mentorjournal.storage.store import atomic_write

BENCH_PASSPHRASE = "a bench that runs once a day"


def encrypted_copy(path: Path) -> tuple[Path, JournalKey]:
    """The heavy journal encrypted as `mentorjournal encrypt` leaves it: the age file and
    its key file beside it, under BENCH_PASSPHRASE."""
    key = JournalKey.generate()
    sealed = path.with_name("sealed.json.age")
    atomic_write(sealed, key.seal(path.read_bytes()))
    atomic_write(sealed.with_name("sealed.json.age.key"),
                 seal_key(key, BENCH_PASSPHRASE, datetime.now().astimezone()))
    return sealed, key


def bench_encrypted(path: Path, sealed: Path, key: JournalKey, runs: int) -> dict[str, float]:
    """The same edit saved in the plain and the encrypted journal, in turns; each opened
    (in full, as the app does) in turns; and one unlock."""
    start = time.perf_counter()
    assert unlock(sealed, BENCH_PASSPHRASE).secret == key.secret
    unlock_s = time.perf_counter() - start
    journals = [Journal.open(path, today=lambda: TODAY),
                Journal.open(sealed, today=lambda: TODAY, key=key)]
    saves: list[list[float]] = [[], []]
    try:
        meetings = [j.meetings.all()[100] for j in journals]
        for number in range(runs):
            for side, journal in enumerate(journals):
                changed = dataclasses.replace(meetings[side],
                                              notes=f"{meetings[side].notes} {number}")
                begin = time.perf_counter()
                journal._records.update(changed)
                saves[side].append(time.perf_counter() - begin)
    finally:
        for journal in journals:
            journal.close()
    opens: list[list[float]] = [[], []]
    for _ in range(max(5, runs // 4)):
        for side, (where, with_key) in enumerate(((path, None), (sealed, key))):
            begin = time.perf_counter()
            Journal.open(where, today=lambda: TODAY, key=with_key).close()
            opens[side].append(time.perf_counter() - begin)
    plain_save, sealed_save = (statistics.median(times) * 1e3 for times in saves)
    plain_open, sealed_open = (statistics.median(times) * 1e3 for times in opens)
    return {"unlock_s": unlock_s, "plain_save_ms": plain_save, "sealed_save_ms": sealed_save,
            "plain_open_ms": plain_open, "sealed_open_ms": sealed_open}
