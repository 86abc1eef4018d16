"""The shell and the app refuse the same input with the same words, field by field.

Each case gives a bad value for one field of `mentorjournal add ...`, and the operation
the app's form runs with that value; both must refuse it with one message, word for word,
and leave the journal file as it was. The Pilot tests at the end type some of them into
the real forms.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from mentorjournal.app import make_app
from mentorjournal.cli.main import main
from mentorjournal.core.dates import parse_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import parse_due
from mentorjournal.core.model import Goal, Homework, JournalEntry, Meeting, Pair, Role, Win
from mentorjournal.core.text import (
    MAX_BODY,
    MAX_LINE,
    MAX_TAG,
    MAX_TITLE,
    MAX_WIN,
    parse_tags,
    printable,
)
from tests.conftest import SIZE, TODAY, open_journal

FUTURE = "2027-01-05"
Operation = Callable[[Journal], object]


def win(text: str = "A win", when: str = "today", goal: str | None = None) -> Operation:
    """What the win form does with what was typed (and `add win` with its arguments)."""
    def run(journal: Journal) -> object:
        goal_id = journal.goals.find(goal).id if goal is not None else None
        return journal.wins.add(Win(won_on=parse_date(when, TODAY, field="won_on"), text=text,
                                    goal_id=goal_id))
    return run


def entry(title: str = "T", body: str = "Some text", tags: str = "",
          when: str = "today") -> Operation:
    """What the entry editor does with what was typed (and `add entry`)."""
    def run(journal: Journal) -> object:
        return journal.entries.save(JournalEntry(
            written_on=parse_date(when, TODAY, field="written_on"), title=title, body=body,
            tags=parse_tags(tags)))
    return run


def homework(text: str = "Read", due: str = "") -> Operation:
    """What the meeting form does with a homework line (and `add homework`)."""
    def run(journal: Journal) -> object:
        latest = journal.meetings.all()[0]
        item = Homework(text=text, due=parse_due(due, TODAY))
        return journal.meetings.log(Meeting(held_on=latest.held_on, id=latest.id,
                                            homework=(*latest.homework, item)))
    return run


CASES: list[tuple[str, list[str], bytes | None, Operation]] = [
    ("win empty", ["add", "win", "   "], None, win("   ")),
    ("win too long", ["add", "win", "x" * (MAX_WIN + 1)], None, win("x" * (MAX_WIN + 1))),
    ("win in the future", ["add", "win", "x", "--date", FUTURE], None, win(when=FUTURE)),
    ("win impossible date", ["add", "win", "x", "--date", "2026-02-30"], None,
     win(when="2026-02-30")),
    ("win unreadable date", ["add", "win", "x", "--date", "next week"], None,
     win(when="next week")),
    ("win date with escapes", ["add", "win", "x", "--date", "\x1b]52;c;SGk=\x07"], None,
     win(when="\x1b]52;c;SGk=\x07")),
    ("win unknown goal", ["add", "win", "x", "--goal", "nope"], None, win(goal="nope")),
    ("win ambiguous goal", ["add", "win", "x", "--goal", "the"], None, win(goal="the")),
    ("entry empty", ["add", "entry"], b"   \n", entry(title="", body="   \n")),
    ("entry title too long", ["add", "entry", "t" * (MAX_TITLE + 1)], b"x",
     entry(title="t" * (MAX_TITLE + 1))),
    ("entry body too long", ["add", "entry", "T"], b"x" * (MAX_BODY + 1),
     entry(body="x" * (MAX_BODY + 1))),
    ("entry not UTF-8", ["add", "entry", "T"], b"caf\xe9", entry(body="caf\udce9")),
    ("entry in the future", ["add", "entry", "T", "--date", FUTURE], b"x", entry(when=FUTURE)),
    ("entry tag too long", ["add", "entry", "T", "--tag", "x" * (MAX_TAG + 1)], b"x",
     entry(tags="x" * (MAX_TAG + 1))),
    ("entry tag with escapes", ["add", "entry", "T", "--tag", "a\x1b[2Jb"], b"x",
     entry(tags="a\x1b[2Jb")),
    ("homework empty", ["add", "homework", " "], None, homework(" ")),
    ("homework too long", ["add", "homework", "x" * (MAX_LINE + 1)], None,
     homework("x" * (MAX_LINE + 1))),
    ("homework unreadable due date", ["add", "homework", "x", "--due", "soon"], None,
     homework(due="soon")),
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.json"
    journal = open_journal(path)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", owner=Role.PROTEGE))
    journal.goals.add(Goal(title="Lead the Q3 planning workshop"))
    journal.goals.add(Goal(title="Learn the basics of budgeting"))
    journal.meetings.log(Meeting(held_on=TODAY, homework=(Homework(text="Read the primer"),)))
    journal.close()
    return path


class _Stdin:
    """Piped standard input, as bytes."""

    def __init__(self, payload: bytes) -> None:
        self.buffer = io.BytesIO(payload)

    def isatty(self) -> bool:
        return False


def shell_refusal(db: Path, args: list[str], stdin: bytes | None,
                  monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """What `mentorjournal ARGS` prints on stderr (it must exit 2 and print one line)."""
    monkeypatch.setenv("MENTORJOURNAL_TODAY", TODAY.isoformat())
    monkeypatch.setattr(sys, "stdin", _Stdin(stdin or b""))
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", (code, out, err)
    assert err.count("\n") == 1, err
    return err.strip()


def app_refusal(db: Path, operation: Operation) -> str:
    """The message the app's form shows for the refusal of its operation."""
    journal = open_journal(db)
    try:
        with pytest.raises(ValidationError) as refused:
            operation(journal)
    finally:
        journal.close()
    return f"mentorjournal: {printable(str(refused.value))}"


@pytest.mark.parametrize(("args", "stdin", "operation"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_the_shell_and_the_app_refuse_alike(
    db: Path, args: list[str], stdin: bytes | None, operation: Operation,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    before = db.read_bytes()
    shell = shell_refusal(db, args, stdin, monkeypatch, capsys)
    assert db.read_bytes() == before
    assert shell == app_refusal(db, operation)
    assert db.read_bytes() == before
    assert "\x1b" not in shell and "\x07" not in shell


async def form_error(db: Path, open_form: str, fill: dict[str, str], submit: str) -> str:
    """Open a form with a key, type into its fields, submit; the error line it shows."""
    journal = open_journal(db)
    app = make_app(journal=journal)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*open_form)
            await pilot.pause()
            for field, text in fill.items():
                widget = app.screen.query_one(f"#{field}")
                if isinstance(widget, TextArea):
                    widget.load_text(text)
                else:
                    assert isinstance(widget, Input)
                    widget.value = text
            await pilot.press(submit)
            await app.workers.wait_for_complete()
            await pilot.pause()
            errors = [str(w.render()) for w in app.screen.query(Static)
                      if w.id in ("form-error", "editor-error")]
            return next(e for e in errors if e)
    finally:
        journal.close()


@pytest.mark.parametrize(("fill", "operation"), [
    ({"text": "Shipped it", "won_on": FUTURE}, win("Shipped it", FUTURE)),
    ({"text": "Shipped it", "won_on": "2026-02-30"}, win("Shipped it", "2026-02-30")),
    ({"text": "   "}, win("   ")),
], ids=["future", "impossible date", "empty"])
async def test_the_win_form_shows_the_same_refusal(
    db: Path, fill: dict[str, str], operation: Operation,
) -> None:
    shown = await form_error(db, "+", fill, "ctrl+s")
    assert f"mentorjournal: {shown}" == app_refusal(db, operation)


async def test_the_entry_editor_shows_the_same_refusal_for_a_future_date(db: Path) -> None:
    shown = await form_error(db, "jn", {"title": "T", "written_on": FUTURE,
                                        "body": "Some text"}, "ctrl+s")
    assert f"mentorjournal: {shown}" == app_refusal(db, entry(when=FUTURE))


def test_every_case_is_a_refusal_of_today(db: Path) -> None:
    """The cases above are refused for their value, not because of the fixture."""
    assert date.fromisoformat(FUTURE) > TODAY
    journal = open_journal(db)
    try:
        for check in (win(), entry(), homework()):
            assert check(journal) is not None
    finally:
        journal.close()
