"""`mentorjournal calendar` as a user runs it: the file, refusals, exit codes, nothing partial."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time, timedelta
from pathlib import Path

import ics
import pytest
from icalendar import Calendar

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import HomeworkStatus, Role
from mentorjournal.export.calendar import CalendarOptions, export_calendar
from tests.cli.test_export_command import assert_refused
from tests.cli.test_main import run
from tests.conftest import TODAY, fixed_today, open_journal

PINNED = {"MENTORJOURNAL_TODAY": TODAY.isoformat()}


def expected(path: Path, options: CalendarOptions | None = None) -> bytes:
    journal = Journal.open(path, readonly=True, today=fixed_today)
    try:
        return export_calendar(journal, options)
    finally:
        journal.close()


def calendar_bytes(*args: str) -> bytes:
    """The command's standard output as bytes (CRLF lines must survive untouched)."""
    result = subprocess.run([sys.executable, "-m", "mentorjournal", "calendar", *args],
                            capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
                            env={**os.environ, **PINNED})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_stdout_is_the_calendar_and_two_runs_are_identical(demo_path: Path) -> None:
    holder = open_journal(demo_path)  # the app has it open (and locked)
    try:
        first = calendar_bytes("--db", str(demo_path))
        second = calendar_bytes("--db", str(demo_path), "-o", "-")
    finally:
        holder.close()
    assert first == second == expected(demo_path)
    assert Calendar.from_ical(first).todos and ics.Calendar(first.decode()).todos


def test_options_reach_the_calendar(demo_path: Path) -> None:
    got = calendar_bytes("--db", str(demo_path), "--for", "protégé", "--section",
                         "homework", "--section", "meetings", "--since", "30 days ago",
                         "--at", "17:30")
    assert got == expected(demo_path, CalendarOptions(
        sections=("meetings", "homework"), since=TODAY - timedelta(days=30),
        for_role=Role.PROTEGE, at=time(17, 30)))
    assert b"Homework for Sam Okafor" not in got and b"Homework for Ana Lima" in got


def test_a_file_is_never_replaced_without_force_and_a_rewrite_updates(demo_path: Path,
                                                                      tmp_path: Path) -> None:
    target = tmp_path / "mentoring.ics"
    first = run("calendar", "--db", str(demo_path), "-o", str(target), env=PINNED)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Wrote ") and "calendar items to" in first.stdout
    written = target.read_bytes()
    assert written == expected(demo_path)
    assert_refused(run("calendar", "--db", str(demo_path), "-o", str(target), env=PINNED),
                   "already exists")
    assert target.read_bytes() == written
    journal = open_journal(demo_path)
    meeting = next(m for m in journal.meetings.all()
                   if any(h.status is HomeworkStatus.OPEN for h in m.homework))
    index = next(i for i, h in enumerate(meeting.homework) if h.status is HomeworkStatus.OPEN)
    journal.meetings.set_homework_status(meeting.id, index, HomeworkStatus.DONE)
    journal.close()
    forced = run("calendar", "--db", str(demo_path), "-o", str(target), "--force", env=PINNED)
    assert forced.returncode == 0, forced.stderr
    after = target.read_bytes()
    assert after == expected(demo_path) and after != written
    ref = f"homework-{meeting.id}-{index + 1}."
    statuses = [{str(t["UID"]): str(t["STATUS"]) for t in Calendar.from_ical(payload).todos
                 if str(t["UID"]).startswith(ref)} for payload in (written, after)]
    assert statuses[0].keys() == statuses[1].keys() and len(statuses[0]) == 1  # the same item
    assert list(statuses[0].values()) == ["NEEDS-ACTION"]
    assert list(statuses[1].values()) == ["COMPLETED"]


@pytest.mark.parametrize(("args", "needle"), [
    (["--for", "coach"], "'coach' is not a partner: choose mentor or protege."),
    (["--section", "meetings,diary"], "Unknown section 'diary'; choose from meetings, "
                                      "homework, goals, agreement, evaluation."),
    (["--section", "journal"], "Unknown section 'journal'"),
    (["--since", "2026-02-30"], "2026-02-30 is not a real date"),
    (["--since", "soon"], "'soon' is not a date"),
    (["--at", "25:00"], "'25:00' is not a time of day"),
    (["--at", "5pm"], "'5pm' is not a time of day"),
    (["-o", "{tmp}/missing/out.ics"], "does not exist"),
    (["-o", "{tmp}"], "is a folder"),
    (["-o", "{db}"], "is the journal itself"),
])
def test_bad_options_exit_2_with_one_line_and_write_nothing(
    demo_path: Path, tmp_path: Path, args: list[str], needle: str,
) -> None:
    before = sorted(tmp_path.iterdir())
    journal_before = demo_path.read_bytes()
    args = [a.format(tmp=tmp_path, db=demo_path) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "out.ics")]
    assert_refused(run("calendar", "--db", str(demo_path), *args), needle)
    assert sorted(tmp_path.iterdir()) == before and demo_path.read_bytes() == journal_before


def test_a_missing_or_empty_journal_exits_2(tmp_path: Path) -> None:
    assert_refused(run("calendar", "--db", str(tmp_path / "none.json")), "no journal at")
    assert list(tmp_path.iterdir()) == []
    empty = tmp_path / "empty.json"
    open_journal(empty).close()  # created, never set up: nothing on disk yet
    empty.write_bytes(b'{"meta": {"1": {"schema_version": 1}}}')
    assert_refused(run("calendar", "--db", str(empty)), "has no pair yet")


def test_the_calendar_command_loads_no_textual(demo_path: Path) -> None:
    code = ("import sys; from mentorjournal.cli.main import main; "
            f"code = main(['calendar', '--db', {str(demo_path)!r}, '-o', '-']); "
            "bad = [m for m in ('textual', 'rich') if m in sys.modules]; "
            "print(*bad, file=sys.stderr); sys.exit(1 if bad or code else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
