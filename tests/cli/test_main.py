"""The console script as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mentorjournal import __version__
from tests.conftest import open_journal


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mentorjournal", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL,
                          timeout=60)


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"mentorjournal {__version__}"
    help_text = run("--help").stdout
    assert "--db" in help_text and "demo" in help_text


def test_demo_writes_a_journal_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    first = run("demo", "--db", str(path))
    assert first.returncode == 0, first.stderr
    journal = open_journal(path)
    assert len(journal.meetings.all()) == 20 and journal.pair.get() is not None
    assert any(entry.private for entry in journal.entries.all())
    journal.close()
    before = path.read_bytes()
    again = run("--db", str(path), "demo")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert path.read_bytes() == before


def test_env_var_chooses_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "from-env.json"
    assert run("demo", env={"MENTORJOURNAL_DB": str(path)}).returncode == 0
    assert path.exists()


def test_demo_on_a_locked_journal_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    holder = open_journal(path)
    result = run("demo", "--db", str(path))
    holder.close()
    assert result.returncode in (2, 3)
