"""Two instances: a second writer is refused while the first runs; two contending writers lose
nothing."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from mentorjournal.app import make_app
from mentorjournal.core.model import Pair, Win
from mentorjournal.storage.errors import JournalLocked
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import SIZE, TODAY, open_journal
from tests.reliability.support import Lines, spawn

pytestmark = pytest.mark.reliability


@pytest.fixture
def held(journal_path: Path) -> subprocess.Popen[bytes]:
    """Another process holding the journal open."""
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()
    holder = spawn("hold", str(journal_path), stdin=subprocess.PIPE)
    assert holder.stdout is not None
    assert Lines(holder.stdout.fileno()).wait_for("ready")
    return holder


def test_second_writer_refused_while_the_first_runs(
    journal_path: Path, held: subprocess.Popen[bytes],
) -> None:
    with pytest.raises(JournalLocked, match=f"pid {held.pid} on .*child") as refused:
        open_journal(journal_path)
    assert "open this one read-only" in str(refused.value)
    assert held.stdin is not None
    held.stdin.close()
    assert held.wait(30) == 0
    open_journal(journal_path).close()  # released on a clean exit


def test_a_killed_holder_never_leaves_a_stale_lock(
    journal_path: Path, held: subprocess.Popen[bytes],
) -> None:
    held.send_signal(signal.SIGKILL)
    held.wait(30)
    open_journal(journal_path).close()


async def test_second_app_is_offered_read_only(
    journal_path: Path, held: subprocess.Popen[bytes],
) -> None:
    app = make_app(journal_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert f"pid {held.pid}" in str(app.screen.query_one("#choice-message").render())
    held.send_signal(signal.SIGKILL)
    held.wait(30)


def test_two_processes_writing_in_turns_lose_no_edit(journal_path: Path) -> None:
    """Both open, add, close as fast as they can; the lock makes them take turns."""
    open_journal(journal_path).close()
    edits = 40
    writers = [spawn("contend", str(journal_path), name, str(edits), stdin=subprocess.PIPE)
               for name in ("a", "b")]
    reports = [Lines(writer.stdout.fileno()) for writer in writers]  # type: ignore[union-attr]
    assert all(report.wait_for("ready") for report in reports)
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write(b"go\n")
        writer.stdin.close()
    acked: set[str] = set()
    refusals = 0
    for name, writer, report in zip(("a", "b"), writers, reports, strict=True):
        assert writer.stdout is not None
        lines = report.drain()
        writer.stdout.close()
        assert writer.wait(60) == 0
        acked |= {f"{name}:{line.split()[1]}" for line in lines if line.startswith("ack ")}
        refusals += sum(int(line.split()[1]) for line in lines if line.startswith("refused "))
    journal = open_journal(journal_path)
    texts = [win.text for win in journal.wins.all()]
    journal.close()
    assert len(acked) == 2 * edits
    assert sorted(texts) == sorted(acked), "an edit was lost or written twice"
    assert refusals > 0, "the writers never met: the test proved nothing"


def test_symlinks_to_one_journal_share_its_lock(journal_path: Path) -> None:
    """Two paths to one file are one journal: the second is refused, not a second writer."""
    link = journal_path.parent / "link.json"
    link.symlink_to(journal_path)
    first = open_journal(link)
    first.wins.add(Win(won_on=TODAY, text="through the link"))
    with pytest.raises(JournalLocked):
        open_journal(journal_path)
    first.close()
    assert link.is_symlink()
    assert [w.text for w in open_journal(journal_path).wins.all()] == ["through the link"]
