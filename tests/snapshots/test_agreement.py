"""What the agreement screen looks like: empty, draft, signed by both, changed since signed."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time
from typing import Any

from textual.pilot import Pilot

from mentorjournal.app import make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import AgreementVersion, MeetingMode, Role, Signature
from tests.conftest import HOSTILE, SIZE, TODAY, put


async def open_agreement(pilot: Pilot[None]) -> None:
    await pilot.press("a")
    await pilot.pause()


def test_agreement_empty(snap_compare: Any, empty_journal: Journal) -> None:
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=open_agreement)


def test_agreement_draft(snap_compare: Any, empty_journal: Journal) -> None:
    draft = empty_journal.agreement.save(AgreementVersion(
        about_mentor="Engineering director; likes direct questions.",
        about_protege=HOSTILE, frequency_days=10, mode=MeetingMode.WALK_AND_TALK,
        mentor_hours_per_month=2, scheduler=Role.MENTOR))
    signature = Signature(role=Role.PROTEGE, name="Ana Lima",  # a fixed time, not the clock
                          signed_at=datetime.combine(TODAY, time(9, 30)))
    put(empty_journal, dataclasses.replace(draft, signatures=(signature,)))
    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=open_agreement)


def test_agreement_signed(snap_compare: Any, journal: Journal) -> None:
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE,
                        run_before=open_agreement)


def test_agreement_changed_since_signed(snap_compare: Any, journal: Journal) -> None:
    latest = journal.agreement.versions()[-1]
    journal.agreement.save(dataclasses.replace(
        latest, frequency_days=7, boundaries="Work topics only; no [b]markup[/b]."))
    assert snap_compare(make_app(journal=journal), terminal_size=SIZE,
                        run_before=open_agreement)


def test_agreement_guided_step(snap_compare: Any, empty_journal: Journal) -> None:
    async def guided_meetings_step(pilot: Pilot[None]) -> None:
        await pilot.press("a", "g", *["ctrl+n"] * 5)
        await pilot.pause()

    assert snap_compare(make_app(journal=empty_journal), terminal_size=SIZE,
                        run_before=guided_meetings_step)
