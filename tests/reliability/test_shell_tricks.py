"""The shell under pressure: twenty `add`s at once, typed text with nowhere to go, and hostile
text in every message and export. Real processes, as a user (or an attacker) runs them."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from mentorjournal.core.model import Pair, VisionCard, VisionKind, Win
from tests.conftest import ROOT, TODAY, open_journal, put

pytestmark = pytest.mark.reliability

UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e")
"""What must never reach a terminal raw: ESC, BEL, an 8-bit CSI, a bidi override."""


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mentorjournal", *args]


def env() -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")}
    return {**environ, "MENTORJOURNAL_TODAY": TODAY.isoformat()}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=ROOT, env=env(), capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture
def db(journal_path: Path) -> Path:
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana", started_on=TODAY))
    journal.close()
    return journal_path


# -- 9. Of 100 `add win` in parallel, 86 were refused as "open in the app" ------------


def test_twenty_adds_started_at_once_are_all_saved(db: Path) -> None:
    """Each waits its turn for the others' lock (a command holds it for a moment)."""
    adds = [subprocess.Popen(command("add", "win", f"win {n}", "--db", str(db)), cwd=ROOT,
                             env=env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for n in range(20)]
    results = [(add.wait(60), *add.communicate()) for add in adds]
    refusals = [err for code, _out, err in results if code != 0]
    assert refusals == [], f"{len(refusals)} of 20 refused: {refusals[0]}"
    assert all(out.startswith("Saved win ") for _code, out, _err in results)
    wins = orjson.loads(db.read_bytes())["wins"]
    assert sorted(w["text"] for w in wins.values()) == sorted(f"win {n}" for n in range(20))


# -- 8. With neither the journal nor a rescue file writable, the typed text was lost --


EDITOR = """import resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
open(sys.argv[1], "w").write({text!r})
"""


def test_typed_text_is_printed_when_no_file_can_hold_it(db: Path, tmp_path: Path) -> None:
    """A file-size limit stands in for a full disk: the journal's save fails, the rescue
    file fails too; the editor (which lifts the limit for itself) wrote the text."""
    text = "An hour of careful writing. " * 100 + "\x1b[2J the end"
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR.format(text=text))
    before = db.read_bytes()
    limit = len(before) // 2

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    primary, secondary = os.openpty()  # `add entry` on a terminal: the editor is opened
    try:
        done = subprocess.run(
            command("add", "entry", "Saying no", "--db", str(db)), cwd=ROOT, stdin=secondary,
            capture_output=True, timeout=60, preexec_fn=small_files,
            env={**env(), "EDITOR": f"{sys.executable} {editor}", "TMPDIR": str(tmp_path)})
    finally:
        os.close(primary)
        os.close(secondary)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err, err
    assert err.count("\n") == 1 and "File too large" in err
    assert "printed on standard output" in err
    assert done.stdout.decode() == text  # exactly: stdout is a pipe here, not a terminal
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("mentorjournal-entry-*"))  # no half-written rescue file


# -- 10. Raw control characters reached the terminal and the export ------------------


def assert_safe(text: str) -> None:
    for unsafe in UNSAFE:
        assert unsafe not in text, f"{unsafe!r} reached the output: {text!r}"


def test_a_hostile_date_is_echoed_safely(db: Path) -> None:
    result = run("add", "win", "x", "--date", "\x1b]52;c;SGk=\x07", "--db", str(db))
    assert result.returncode == 2 and "is not a date I can read" in result.stderr
    assert_safe(result.stderr)
    assert "\\x1b]52;c;SGk=\\x07" in result.stderr


def test_the_export_is_safe_to_cat(db: Path) -> None:
    """A vision card's URL and a name with U+202E, as `list` already showed them."""
    journal = open_journal(db)
    journal.pair.save(Pair(mentor="Sam \u202eevil", protege="Ana\x1b[2J", started_on=TODAY))
    put(journal, VisionCard(text="card", kind=VisionKind.LINK,
                            url="https://example.com/\x1b[2J\x9b2J"))
    journal.wins.add(Win(won_on=TODAY, text="won \u202e\x07"))
    journal.close()
    result = run("export", "--db", str(db), "--include-private")
    assert result.returncode == 0, result.stderr
    assert_safe(result.stdout)
    assert "Sam \\\\u202eevil" in result.stdout  # \\u202e, its backslash escaped for Markdown
    assert "example.com/\\\\x1b" in result.stdout


def test_paths_in_messages_are_shown_safely(tmp_path: Path) -> None:
    """A path is text someone else may have chosen: `demo`, `export`, `serve` and every
    refusal show it through the same rule."""
    hostile = tmp_path / "j\x1b]0;owned\x07\u202e.json"
    made = run("demo", "--db", str(hostile))
    assert made.returncode == 0, made.stderr
    assert "Wrote a sample journal to " in made.stdout
    out = tmp_path / "out\x1b[2J.md"
    exported = run("export", "--db", str(hostile), "-o", str(out))
    assert exported.returncode == 0 and "lines of Markdown to " in exported.stdout
    again = run("export", "--db", str(hostile), "-o", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    served = run("serve", "--host", "\x1b[2Jevil.example", "--db", str(hostile))
    assert served.returncode == 2 and "refusing to serve" in served.stderr
    for result in (made, exported, again, served):
        assert_safe(result.stdout + result.stderr)


def test_argument_errors_echo_what_was_typed_safely(db: Path) -> None:
    """argparse quotes some arguments with repr() and pastes others in raw."""
    for args in (("list", "wins", "\x1b]0;owned\x07"), ("\x1b[2J",), ("add", "win", "x", "-\x9b")):
        result = run(*args, "--db", str(db))
        assert result.returncode == 2 and "error:" in result.stderr
        assert_safe(result.stderr)
