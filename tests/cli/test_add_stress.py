"""Many quick captures in a row: every one is saved, none is lost or doubled.

500 process starts take ~45 s here (~85 ms each: interpreter start, imports, one
fsynced write), too slow for every CI run. So the 500 run through `main()` in one
process (the same code path past argv), 25 run as real processes, and the full 500
real processes run with `pytest --run-slow`.
"""

from __future__ import annotations

import time
from pathlib import Path

import orjson
import pytest

from mentorjournal.cli.main import main
from tests.cli.test_add_list import db, run  # noqa: F401 - the fixture is used by name


def wins_in(path: Path) -> dict[str, dict[str, object]]:
    return orjson.loads(path.read_bytes()).get("wins", {})  # type: ignore[no-any-return]


def test_500_adds_in_process(db: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    started = time.perf_counter()
    for n in range(500):
        assert main(["add", "win", f"win {n} 🚀", "--db", str(db)]) == 0
    elapsed = time.perf_counter() - started
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 500 and all(line.startswith("Saved win ") for line in lines)
    wins = wins_in(db)
    assert sorted(w["text"] for w in wins.values()) == sorted(f"win {n} 🚀" for n in range(500))
    assert elapsed < 60, f"500 adds took {elapsed:.1f} s"


def _subprocess_adds(path: Path, count: int) -> None:
    for n in range(count):
        result = run("add", "win", f"win {n}", "--db", str(path))
        assert result.returncode == 0, result.stderr
    assert sorted(w["text"] for w in wins_in(path).values()) == sorted(
        f"win {n}" for n in range(count))


def test_25_adds_as_real_processes(db: Path) -> None:  # noqa: F811
    _subprocess_adds(db, 25)


@pytest.mark.slow
def test_500_adds_as_real_processes(db: Path) -> None:  # noqa: F811
    _subprocess_adds(db, 500)
