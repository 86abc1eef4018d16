"""Quick capture from the shell: the real console script, run in subprocesses."""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson
import pytest

from mentorjournal.cli.main import main
from mentorjournal.core.entries import EntryService
from mentorjournal.core.model import Goal, Homework, Meeting, Pair, Role, Win
from mentorjournal.storage.errors import SaveFailed
from tests.conftest import ROOT, TODAY, open_journal

LONG = "".join(chr(0x61 + i % 26) for i in range(10_000))
TRICKY = ["Shipped it 🚀🎉 (café, 東京, مرحبا)", "[bold]not bold[/] [@click=app.quit]x[/]",
          "\x1b[31mred\x1b[0m and \x1b]0;title\x07", LONG]


def run(*args: str | bytes, stdin: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m mentorjournal ARGS` from this checkout, as a user runs it."""
    environ = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL")}
    environ["MENTORJOURNAL_TODAY"] = TODAY.isoformat()
    done = subprocess.run([sys.executable, "-m", "mentorjournal", *args], cwd=ROOT,
                          input=stdin, capture_output=True, env={**environ, **(env or {})},
                          timeout=60, stdin=None if stdin is not None else subprocess.DEVNULL)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def listed(path: Path, kind: str, *extra: str) -> list[dict[str, object]]:
    result = run("list", kind, "--json", "--db", str(path), *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A journal with its pair, two goals and one meeting, closed (as after the app quits)."""
    path = tmp_path / "journal.json"
    journal = open_journal(path)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", owner=Role.PROTEGE))
    journal.goals.add(Goal(title="Lead the Q3 planning workshop", position=0))
    journal.goals.add(Goal(title="Learn the basics of budgeting", position=1))
    journal.meetings.log(Meeting(held_on=TODAY, tags=("check-in",),
                        homework=(Homework(text="Read the primer"),)))
    journal.close()
    return path


def test_add_each_kind_and_list_it_back_exactly(db: Path) -> None:
    for text in TRICKY:
        result = run("add", "win", text, "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Saved win ") and result.stdout.count("\n") == 1
        assert "\x1b" not in result.stdout
    big = run("add", "win", "Ran the workshop", "--big", "--goal", "q3", "--date", "2026-11-20",
              "--db", str(db))
    assert big.returncode == 0, big.stderr
    wins = listed(db, "wins")
    assert [w["text"] for w in wins[:-1]] == TRICKY[::-1]
    assert wins[-1] | {"id": 0} == {"id": 0, "won_on": "2026-11-20", "text": "Ran the workshop",
                                   "size": "big", "goal_id": 1, "meeting_id": None}
    for text in TRICKY:
        entry = run("add", "entry", text[:200], "--tag", "ideas", "--tag", "#Ideas", "--db",
                    str(db), stdin=text.encode())
        assert entry.returncode == 0, entry.stderr
    entries = listed(db, "entries")
    assert [(e["title"], e["body"], e["tags"]) for e in entries] == [
        (text[:200], text, ["ideas"]) for text in TRICKY[::-1]]
    lines = [text[:500] for text in TRICKY]  # homework is one line: up to 500 characters
    for text in lines:
        homework = run("add", "homework", text, "--who", "mentor", "--due", "2026-12-01",
                       "--db", str(db))
        assert homework.returncode == 0, homework.stderr
        assert homework.stdout.startswith("Saved homework 1.")
    items = listed(db, "homework")
    assert [(h["text"], h["who"], h["due"], h["number"]) for h in items[1:]] == [
        (text, "mentor", "2026-12-01", n) for n, text in enumerate(lines, start=2)]
    # README: "a homework item's `id` is `MEETING.N`", as the text listing shows it
    assert {h["id"] for h in items} == {f"{h['meeting_id']}.{h['number']}" for h in items}
    shown = run("list", "homework", "--db", str(db)).stdout.splitlines()
    assert [line.split()[0] for line in shown] == [h["id"] for h in items]


def test_the_json_is_what_the_journal_file_holds(db: Path) -> None:
    assert run("add", "win", TRICKY[2], "--db", str(db)).returncode == 0
    stored = orjson.loads(db.read_bytes())["wins"]
    (win,) = listed(db, "wins")
    assert stored[str(win["id"])] == {k: v for k, v in win.items() if k != "id"}


def test_list_neutralises_escape_sequences_on_the_terminal(db: Path) -> None:
    run("add", "win", TRICKY[2], "--db", str(db))
    run("add", "entry", "\x1b[2Jtitle", "--db", str(db), stdin=b"line one\n\x1b[31mline two")
    for kind in ("wins", "entries", "homework", "meetings"):
        result = run("list", kind, "--db", str(db))
        assert result.returncode == 0 and result.stdout, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    wins = run("list", "wins", "--db", str(db)).stdout
    assert "\\x1b[31mred\\x1b[0m" in wins and "\\x07" in wins
    assert "\\x1b[2Jtitle — line one \\x1b[31mline two" in run(
        "list", "entries", "--db", str(db)).stdout


def test_private_entries_are_hidden_unless_asked(db: Path) -> None:
    assert run("add", "entry", "Open", "--db", str(db), stdin=b"shared").returncode == 0
    secret = run("add", "entry", "Fears", "--private", "--db", str(db), stdin=b"secret")
    assert secret.returncode == 0 and "private entry" in secret.stdout
    assert [e["title"] for e in listed(db, "entries")] == ["Open"]
    assert "Fears" not in run("list", "entries", "--db", str(db)).stdout
    assert [e["title"] for e in listed(db, "entries", "--include-private")] == ["Fears", "Open"]


def test_private_by_default_setting_is_followed(db: Path) -> None:
    journal = open_journal(db)
    journal.settings.update(private_by_default=True)
    journal.close()
    run("add", "entry", "Default", "--db", str(db), stdin=b"x")
    run("add", "entry", "Shared", "--no-private", "--db", str(db), stdin=b"x")
    assert {e["title"]: e["private"] for e in listed(db, "entries", "--include-private")} == {
        "Default": True, "Shared": False}


def test_list_filters(db: Path) -> None:
    for day, tag in (("2026-11-01", "a"), ("2026-11-10", "b"), ("2026-11-20", "a")):
        run("add", "win", f"win {day}", "--date", day, "--db", str(db))
        run("add", "entry", f"entry {day}", "--date", day, "--tag", tag, "--db", str(db),
            stdin=b"")
    assert [w["won_on"] for w in listed(db, "wins", "--since", "2026-11-10")] == [
        "2026-11-20", "2026-11-10"]
    assert [w["text"] for w in listed(db, "wins", "-n", "1")] == ["win 2026-11-20"]
    assert [e["title"] for e in listed(db, "entries", "--tag", "A")] == [
        "entry 2026-11-20", "entry 2026-11-01"]
    assert [m["id"] for m in listed(db, "meetings", "--tag", "check-in")] == [1]
    assert listed(db, "meetings", "--tag", "walk-and-talk") == []


def test_empty_lists_say_how_to_start(tmp_path: Path, db: Path) -> None:
    result = run("list", "wins", "--db", str(db))
    assert result.returncode == 0 and result.stdout == ""
    assert "mentorjournal add win" in result.stderr
    assert listed(db, "entries") == []


@pytest.mark.parametrize("args, message", [
    (("add", "win", "x", "--date", "2026-02-30"), "not a real date"),
    (("add", "win", "x", "--date", "next week"), "not a date I can read"),
    (("add", "win", "x", "--date", "2999-01-01"), "in the future"),
    (("add", "win", "   "), "cannot be empty"),
    (("add", "win", "x", "--goal", "nope"), "No goal 'nope'"),
    (("add", "win", "x", "--goal", "the"), "matches several goals"),
    (("add", "win", b"bad \xff bytes"), "cannot store"),
    (("add", "entry", "", "--tag", "x"), "The entry is empty"),
    (("add", "entry", "t" * 201), "keep it under 200"),
    (("add", "entry", "T", "--tag", "a\x1b[2Jb"), "holds control characters"),
    (("add", "entry", "T", "--tag", "x" * 41), "keep tags under 40"),
    (("add", "homework", "x" * 501), "keep it under 500"),
    (("add", "entry", "T", "--date", "2999-01-01"), "in the future"),
    (("add", "homework", ""), "cannot be empty"),
    (("add", "homework", "x", "--due", "soon"), "not a date"),
    (("add", "homework", "x", "--who", "boss"), "invalid choice"),
    (("list", "wins", "--tag", "x"), "Only entries and meetings have tags"),
    (("list", "wins", "-n", "0"), "1 or more"),
    (("list", "wins", "--since", "2026-13-01"), "not a real date"),
])
def test_bad_input_exits_2_and_changes_nothing(
    db: Path, args: tuple[str | bytes, ...], message: str
) -> None:
    before = db.read_bytes()
    result = run(*args, "--db", str(db))
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""
    assert db.read_bytes() == before


def test_text_from_stdin_that_is_not_utf8_is_refused(db: Path) -> None:
    before = db.read_bytes()
    result = run("add", "entry", "T", "--db", str(db), stdin=b"caf\xe9 latin-1")
    assert result.returncode == 2 and "cannot store" in result.stderr
    assert db.read_bytes() == before


def test_homework_needs_a_meeting(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    journal = open_journal(path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()
    result = run("add", "homework", "Read", "--db", str(path))
    assert result.returncode == 2 and "no meeting yet" in result.stderr


@pytest.mark.parametrize("payload, message", [
    (b"{not json", "cannot be read"),
    (b'{"meta": {"1": {"schema_version": 99}}}', "newer mentorjournal"),
])
def test_damaged_or_newer_journal_exits_2_untouched(
    tmp_path: Path, payload: bytes, message: str
) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(payload)
    for args in (("add", "win", "x"), ("list", "wins"), ("add", "entry", "T")):
        result = run(*args, "--db", str(path))
        assert result.returncode == 2 and message in result.stderr
        assert result.stderr.count("\n") == 1
    assert path.read_bytes() == payload


def test_no_journal_yet_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new" / "journal.json"
    for args in (("add", "win", "x"), ("add", "entry", "T"), ("list", "wins")):
        result = run(*args, "--db", str(path))
        assert result.returncode == 2 and "no journal at" in result.stderr.lower()
        assert "mentorjournal" in result.stderr
    assert not path.parent.exists()


def test_a_journal_without_a_pair_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(b'{"meta": {"1": {"schema_version": 1}}}')
    result = run("add", "win", "x", "--db", str(path))
    assert result.returncode == 2 and "no pair yet" in result.stderr
    assert path.read_bytes() == b'{"meta": {"1": {"schema_version": 1}}}'


def test_open_in_the_app_exits_3_naming_the_process(db: Path) -> None:
    holder = open_journal(db)
    before = db.read_bytes()
    try:
        for args in (("add", "win", "x"), ("add", "entry", "T"), ("add", "homework", "x")):
            result = run(*args, "--db", str(db), stdin=b"body")
            assert result.returncode == 3, result.stderr
            assert "open in the app" in result.stderr and f"pid {os.getpid()}" in result.stderr
        assert listed(db, "homework")[0]["text"] == "Read the primer"  # list still works
    finally:
        holder.close()
    assert db.read_bytes() == before


def test_help_of_each_subcommand_has_examples() -> None:
    for args in (("add",), ("add", "win"), ("add", "entry"), ("add", "homework"), ("list",)):
        result = run(*args, "--help")
        assert result.returncode == 0 and "examples:" in result.stdout
        assert "mentorjournal " + " ".join(args) in result.stdout


def test_entry_text_from_the_editor(db: Path, tmp_path: Path) -> None:
    """With a terminal and $EDITOR, the editor writes the entry's text."""
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'w').write('Written in the editor ✍')\n")
    primary, secondary = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mentorjournal", "add", "entry", "From vi", "--db", str(db)],
            cwd=ROOT, stdin=secondary, capture_output=True, timeout=60,
            env={**os.environ, "MENTORJOURNAL_TODAY": TODAY.isoformat(), "VISUAL": "",
                 "EDITOR": f"{sys.executable} {editor}"})
    finally:
        os.close(primary)
        os.close(secondary)
    assert done.returncode == 0, done.stderr
    assert [e["body"] for e in listed(db, "entries")] == ["Written in the editor ✍"]


class Typed:
    """A terminal on stdin, with `text` typed on it before Ctrl+D."""

    def __init__(self, text: str) -> None:
        self.buffer = io.BytesIO(text.encode())

    def isatty(self) -> bool:
        return True


def test_typed_entry_without_an_editor(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(sys, "stdin", Typed("Typed at the prompt 🚀\n"))
    assert main(["add", "entry", "Typed", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "end with Ctrl+D" in err and out.startswith("Saved entry 1 ")
    assert [e["body"] for e in listed(db, "entries")] == ["Typed at the prompt 🚀\n"]


def test_typed_text_is_kept_when_the_save_fails(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise SaveFailed(db, OSError(28, "No space left on device"))

    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("TMPDIR", str(db.parent))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(sys, "stdin", Typed("An hour of careful writing"))
    monkeypatch.setattr(EntryService, "write", disk_full)
    before = db.read_bytes()
    assert main(["add", "entry", "Lost?", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Your text is kept in " in err
    kept = Path(err.rsplit("Your text is kept in ", 1)[1].strip())
    assert kept.parent == db.parent and kept.read_text() == "An hour of careful writing"
    assert db.read_bytes() == before


def test_list_into_a_pipe_that_closes_early(db: Path) -> None:
    journal = open_journal(db)
    with journal.batch():
        for n in range(3000):
            journal.wins.add(Win(won_on=TODAY, text=f"win {n} " + "x" * 80))
    journal.close()
    for extra in ((), ("--json",)):
        done = subprocess.run(
            f"{shlex.quote(sys.executable)} -m mentorjournal list wins {' '.join(extra)} "
            f"--db {shlex.quote(str(db))} | head -1; exit ${{PIPESTATUS[0]}}",
            shell=True, executable="/bin/bash", cwd=ROOT, capture_output=True, text=True,
            timeout=60)
        assert done.returncode == 0 and done.stderr == "", done.stderr
