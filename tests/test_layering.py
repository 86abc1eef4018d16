"""The shell's `add`, `list` and `export` load no Textual or Rich: run as real commands.

Which layer may import which (and that TinyDB stays in storage) is checked by the
import-linter contracts in pyproject.toml (`lint-imports`, run by CI); this checks what a
command loads at run time, imports hidden behind external packages included.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mentorjournal.core.model import Pair, Role, Win
from tests.conftest import TODAY, open_journal

PROBE = """
import runpy, sys
sys.argv = ["mentorjournal", *sys.argv[1:]]
try:
    runpy.run_module("mentorjournal", run_name="__main__", alter_sys=True)
    code = 0
except SystemExit as exit:
    code = exit.code
loaded = sorted({name.partition(".")[0] for name in sys.modules} & {"textual", "rich"})
print("loaded:", *loaded, file=sys.stderr)
sys.exit(code)
"""
"""`python -m mentorjournal ARGS`, then which of textual and rich it loaded."""


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    """A set-up journal with one win, closed (so the commands can lock it)."""
    path = tmp_path / "journal.json"
    journal = open_journal(path)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", owner=Role.PROTEGE,
                           started_on=TODAY))
    journal.wins.add(Win(text="Asked my first question", won_on=TODAY))
    journal.close()
    return path


@pytest.mark.parametrize("command", [
    ["add", "win", "Facilitated the Q3 workshop", "--big"],
    ["list", "wins"],
    ["export", "-o", "{tmp}/journal.md"],
], ids=["add-win", "list-wins", "export"])
def test_shell_commands_load_no_textual(command: list[str], journal_file: Path,
                                        tmp_path: Path) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in command]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "--db", str(journal_file)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
        env={**os.environ, "MENTORJOURNAL_TODAY": TODAY.isoformat()})
    assert result.returncode == 0, result.stderr
    *_, probe = result.stderr.strip().splitlines()
    assert probe == "loaded:", f"`mentorjournal {' '.join(command)}` loads {probe[8:]}"
    assert result.stdout.strip()  # it did its work: a confirmation, a listing
