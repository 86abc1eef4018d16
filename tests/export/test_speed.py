"""The export of a 10-year journal (3,000 entries, 2,000 meetings) stays well under 0.2 s."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    CheckIn,
    Goal,
    Homework,
    HomeworkStatus,
    JournalEntry,
    Meeting,
    Objective,
    Pair,
    Win,
)
from mentorjournal.export.document import export_markdown
from mentorjournal.export.options import ExportOptions
from mentorjournal.storage.store import JournalStore
from tests.conftest import TODAY, fixed_today

BUDGET = 0.2
"""Seconds of CPU for one export of the journal below."""


def ten_year_journal(hard: int = 0) -> Journal:
    """A pair ten years in; `hard` 1 puts a code fence in every note, 2 a setext heading too.

    Setext headings take markdown-it-py's parser (~90 µs a note): about 0.45 s for 5,000.
    """
    journal = Journal(JournalStore.in_memory(), today=fixed_today)
    start = TODAY - timedelta(days=3652)
    extra = ["", "\n```\n# code\n```\n", "\n```\n# code\n```\n\nSetext\n------\n"][hard]
    with journal.batch():
        journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", started_on=start))
        for g in range(40):
            journal.goals.add(Goal(title=f"Goal {g}: lead *the* room", why="Because.\nReally.",
                             position=g, objectives=tuple(
                                 Objective(text=f"Step {i}", done=i % 2 == 0) for i in range(6))))
        for n in range(2000):
            journal.meetings.log(Meeting(
                held_on=start + timedelta(days=n * 3652 // 2000), duration_minutes=45,
                tags=("homework", "check-in"), goal_ids=(n % 40 + 1,),
                notes=f"# Notes {n}\n\nWe talked about **things** and [links](x).\n\n- a\n- b\n"
                      + extra,
                homework=(Homework(text=f"Task {n}"),
                          Homework(text="Read the primer", status=HomeworkStatus.DONE)),
                checkin=CheckIn(meaningful=4, expectations_met=5, change="More practice.")))
        for n in range(3000):
            journal.entries.save(JournalEntry(
                written_on=start + timedelta(days=n * 3652 // 3000), title=f"Entry {n}",
                body=f"# Entry {n}\n\nI noticed that I **wait too long**.\n\n- one\n- two\n"
                     + extra, mood="calm", tags=("reflection",), private=n % 7 == 0))
        for n in range(500):
            journal.wins.add(Win(won_on=start + timedelta(days=n * 7), text=f"Win {n}", goal_id=1))
    journal.verify()  # decode every record now: the app and the CLI have done so before exporting
    return journal


def cpu_seconds(journal: Journal, options: ExportOptions) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        export_markdown(journal, options)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("fences", [0, 1])
def test_a_ten_year_journal_exports_well_under_the_budget(fences: int) -> None:
    journal = ten_year_journal(fences)
    seconds = cpu_seconds(journal, ExportOptions(include_private=True))
    print(f"\n10-year journal export{' (a fence in every note)' if fences else ''}: "
          f"{seconds * 1000:.0f} ms CPU")
    assert seconds < BUDGET / 2
