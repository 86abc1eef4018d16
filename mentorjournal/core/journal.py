"""Journal: a mentoring pair's journal, opened from its file, changed through its sections.

Every change goes through a section's service (`journal.goals.add(...)`,
`journal.wins.add(...)`, ...), which checks it first: the app and the shell call the
same operations, so the same bad input gets the same refusal. The records underneath
(`core/records.py`) are the services' alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from mentorjournal.core.agreement import AgreementService
from mentorjournal.core.drafts import DraftService
from mentorjournal.core.entries import EntryService
from mentorjournal.core.evaluation import EvaluationService
from mentorjournal.core.goals import GoalService
from mentorjournal.core.meetings import MeetingService
from mentorjournal.core.model import TABLE_OF, Pair, Settings
from mentorjournal.core.pair import PairService
from mentorjournal.core.records import Records
from mentorjournal.core.review import ReviewService
from mentorjournal.core.settings import SettingsService
from mentorjournal.core.vision import VisionService
from mentorjournal.core.wins import WinService
from mentorjournal.storage.backups import make_daily_backup
from mentorjournal.storage.lock import APP
from mentorjournal.storage.sealed import JournalKey
from mentorjournal.storage.store import JournalStore

FIRST_READ = (TABLE_OF[Pair], TABLE_OF[Settings])
"""The tables an open reads at once (who the pair is, the theme): decoded by `open`."""


class Journal:
    """A mentoring pair's journal: one service per section over one file."""

    def __init__(self, store: JournalStore, today: Callable[[], date] = date.today) -> None:
        self.store = store
        """The file underneath (its path, whether it is read-only, how often it was written)."""
        self.today = today
        self._records = records = Records(store, today)
        self.pair = PairService(records)
        self.settings = SettingsService(records)
        self.drafts = DraftService(records)
        self.agreement = AgreementService(records, self.pair)
        self.wins = WinService(records)
        self.goals = GoalService(records, self.wins)
        self.meetings = MeetingService(records, self.wins)
        self.entries = EntryService(records, self.settings)
        self.vision = VisionService(records)
        self.evaluations = EvaluationService(records, self.pair, self.goals, self.meetings,
                                             self.wins)
        self.reviews = ReviewService(records, self.pair, self.agreement, self.goals,
                                     self.meetings, self.wins)
        self.verified = False
        """True once every record has been decoded: the whole journal is known good."""

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        readonly: bool = False,
        today: Callable[[], date] = date.today,
        verify: bool = True,
        role: str = APP,
        key: JournalKey | None = None,
    ) -> Journal:
        """Open the journal file (parsed once); with `verify`, also check it (see `verify`).

        The pair and the settings are always decoded here: they are what an open shows at
        once, so their damage is refused here like any other (JournalDamaged), never met
        later by a screen. Raises a JournalError (locked, damaged, not a file, from a newer
        version...); the file is untouched then. The app opens with verify=False to paint
        at once, then verifies in a worker. `role` is "app" or "command" (see the lock).
        An encrypted journal needs its unlocked `key` (storage/sealed.py).
        """
        journal = cls(JournalStore.open(path, readonly=readonly, role=role, key=key), today)
        try:
            journal._records.check(FIRST_READ)
            if verify:
                journal.verify()
        except BaseException:
            journal.close()
            raise
        return journal

    @property
    def path(self) -> Path | None:
        return self.store.path

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    @property
    def identity(self) -> str:
        """This journal's stable identity: what tells its calendar items from another
        journal's (docs/file-format.md, `meta.journal_id`)."""
        return self.store.journal_id or _identity_from(self.pair.get())

    def verify(self) -> None:
        """Decode every record and check that the journal can be saved again (else
        JournalDamaged), then take the day's backup.

        A backup is only ever taken of a journal that has been read in full. A journal
        from before `meta.journal_id` adopts the identity it has been shown with so far;
        the next save keeps it (once it has a pair: see `_identity_from`).
        """
        self._records.check()
        self.store.check_savable()
        if self.store.journal_id is None and self.pair.get() is not None:
            self.store.adopt_journal_id(self.identity)
        make_daily_backup(self.store, self.today())
        self.verified = True

    def now(self) -> datetime:
        """The current time, consistent with `today` (fixed dates in tests give fixed times)."""
        return self._records.now()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several operations saved as one write: all reach the disk, or none does."""
        with self._records.batch():
            yield

    def close(self) -> None:
        """Release the lock; every change was saved as it was made."""
        self.store.close()


_IDENTITY_NAMESPACE = uuid.UUID("6f1d3c52-9a0e-4c1b-8d57-2b8f0e3a9c41")


def _identity_from(pair: Pair | None) -> str:
    """The identity of a journal made before it had one: from its pair as it stands, the
    same on every read until a save keeps it."""
    if pair is None:
        return uuid.uuid5(_IDENTITY_NAMESPACE, "").hex
    started = pair.started_on.isoformat() if pair.started_on else ""
    return uuid.uuid5(_IDENTITY_NAMESPACE, "\x1f".join([pair.mentor, pair.protege,
                                                          started])).hex
