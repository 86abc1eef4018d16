"""Nothing typed is lost when a session ends without asking: a closed terminal (SIGHUP) or
SIGTERM, with text half typed in any form.

Each form kind runs in the real command line on a pseudo-terminal of its own: keys open
the form, text is typed into one of its inputs, and the session is ended at once (well
within the second after which the draft would be written anyway). The app must exit
within 2 s, leave the journal's lock free (`mentorjournal add win` saves), and offer the
text back at the next start. The sessions are started and typed into in parallel; the
signals are sent one at a time, so each exit is timed on a machine not busy starting
the others.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from mentorjournal.app import make_app
from mentorjournal.core.model import Goal, Pair
from mentorjournal.screens.agreement_forms import AgreementFormModal
from mentorjournal.screens.entry_editor import EntryEditorModal
from mentorjournal.screens.evaluation_screen import EvaluationScreen
from mentorjournal.screens.goal_forms import GoalFormModal, ObjectiveModal
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.screens.vision_card_form import VisionCardModal
from mentorjournal.screens.win_form import WinFormModal
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import ROOT, SIZE, fixed_today, open_journal, screen_text
from tests.reliability.support import Terminal

pytestmark = pytest.mark.reliability

TYPED = "Kept words"
EXIT_WITHIN = 2.0
"""Seconds from the signal to the process gone, lock released."""
TAB = "\t"


@dataclass(frozen=True)
class Form:
    """A form kind: the keys that open it from home (each waiting for the screen it
    shows), its draft key, the keys that move to the input typed into, and that input."""

    steps: tuple[tuple[str, str], ...]
    """(keys, the screen they show) in turn."""
    key: str
    field: str
    shown: type[Any]
    focus: str
    """The input the form puts the cursor in (TYPE#ID): the keys wait for it."""
    to_field: str = ""
    """The keys from there to the input typed into (`field`, TYPE#ID `field_focus`)."""
    field_focus: str = ""
    set_up: bool = True


FORMS = {
    "entry": Form((("j", "JournalScreen"), ("n", "EntryEditorModal")), "entry:new", "title",
                  EntryEditorModal, "Input#title"),
    "meeting": Form((("m", "MeetingsScreen"), ("n", "MeetingFormModal")), "meeting:new",
                    "notes", MeetingFormModal, "Input#held_on", to_field=TAB * 4,
                    field_focus="NotesArea#notes"),
    "agreement": Form((("a", "AgreementScreen"), ("e", "AgreementFormModal")),
                      "agreement:new", "about_mentor", AgreementFormModal,
                      "TextArea#about_mentor"),
    "goal": Form((("g", "GoalsScreen"), ("n", "GoalFormModal")), "goal:new", "title",
                 GoalFormModal, "Input#title"),
    "objectives": Form((("g", "GoalsScreen"), ("o", "ObjectiveModal")), "objectives:1",
                       "objective", ObjectiveModal, "Input#objective"),
    "win": Form((("+", "WinFormModal"),), "win:new", "text", WinFormModal, "Input#text"),
    "vision card": Form((("v", "VisionScreen"), ("n", "VisionCardModal")), "vision:new",
                        "text", VisionCardModal, "Input#text"),
    # no planned end: the midpoint evaluation is the one due, the one the screen opens on
    "evaluation": Form((("e", "EvaluationScreen"),), "evaluation-midpoint-protege:new",
                       "what_worked", EvaluationScreen, "ContentTabs#None", to_field=TAB * 5,
                       field_focus="TextArea#what_worked"),
    "first-run": Form((), "pair:new", "protege", PairSetupModal, "Input#protege",
                      set_up=False),
}
SIGNALS = ("SIGHUP", "SIGTERM")
CASES = [(name, how) for name in FORMS for how in SIGNALS]


@dataclass
class Session:
    """One run: the journal, what it reported, how it ended."""

    name: str
    how: str
    db: Path
    terminal: Terminal | None = None
    failure: str = ""
    exit_code: int | None = None
    seconds: float = 0.0
    lines: list[str] = field(default_factory=list)
    add_win: subprocess.CompletedProcess[str] | None = None


def _make_journal(folder: Path) -> Path:
    """A set-up journal (a pair, a goal), copied for each session; the first-run form's
    sessions start with no file at all."""
    folder.mkdir()
    set_up = folder / "set-up.json"
    journal = open_journal(set_up)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima"))
    journal.goals.add(Goal(title="Lead the Q3 planning workshop"))
    journal.close()
    return set_up


def _wait(session: Session, wanted: str, what: str, seconds: float = 60) -> None:
    terminal = session.terminal
    assert terminal is not None
    if not terminal.lines.wait_for(wanted, seconds):
        raise AssertionError(f"{session.name}: no {what} within {seconds} s "
                             f"(reported {terminal.lines.lines[-5:]})")


def _typed_in(session: Session) -> bool:
    """The last keystroke arrived: the form's inputs hold the whole text."""
    form = FORMS[session.name]
    assert session.terminal is not None
    for line in reversed(session.terminal.lines.lines):
        if line.startswith("typed "):
            return TYPED in str(json.loads(line.removeprefix("typed ")).get(form.field, ""))
    return False


def _start_and_type(session: Session) -> None:
    form = FORMS[session.name]
    session.terminal = Terminal("forms", str(session.db))
    _wait(session, "opened", "the journal open")
    for keys, shown in form.steps:
        session.terminal.type(keys)
        _wait(session, f"screen {shown}", shown)
    _wait(session, f"ready {form.key}", f"the form keeping drafts of {form.key}")
    _wait(session, f"focus {form.focus}", f"the cursor in {form.focus}")
    if form.to_field:
        session.terminal.type(form.to_field)
        _wait(session, f"focus {form.field_focus}", f"the cursor in {form.field_focus}")
    session.terminal.type(TYPED)
    deadline = time.monotonic() + 60
    while not _typed_in(session):
        assert time.monotonic() < deadline, f"{session.name}: the text never arrived"
        session.terminal.lines.poll(0.05)


def _end(session: Session) -> None:
    terminal = session.terminal
    assert terminal is not None
    started = time.monotonic()
    terminal.end(session.how)
    try:
        session.exit_code = terminal.process.wait(30)
    except subprocess.TimeoutExpired:
        session.failure = f"still running 30 s after {session.how}"
    session.seconds = time.monotonic() - started
    session.lines = terminal.close()
    session.add_win = subprocess.run(
        [sys.executable, "-m", "mentorjournal", "add", "win", "Closed the laptop calmly",
         "--db", str(session.db)], cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Session]]:
    """Every form kind, ended by each signal: started and typed into in parallel, then
    ended one at a time."""
    folder = tmp_path_factory.mktemp("sessions")
    set_up = _make_journal(folder / "template")
    runs: dict[tuple[str, str], Session] = {}
    for name, how in CASES:
        db = folder / f"{name.replace(' ', '-')}-{how}.json"
        if FORMS[name].set_up:
            shutil.copy(set_up, db)
        runs[name, how] = Session(name, how, db)

    def prepare(session: Session) -> None:
        try:
            _start_and_type(session)
        except AssertionError as error:
            session.failure = str(error)

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(prepare, runs.values()))
        for session in runs.values():
            if not session.failure:
                _end(session)
        yield runs
    finally:
        for session in runs.values():
            if session.terminal is not None and session.terminal.process.poll() is None:
                session.terminal.close()


@pytest.mark.parametrize(("name", "how"), CASES, ids=[f"{n}-{h}" for n, h in CASES])
def test_ending_keeps_the_typing_frees_the_lock_and_exits_fast(
    sessions: dict[tuple[str, str], Session], name: str, how: str,
) -> None:
    session = sessions[name, how]
    assert not session.failure, session.failure
    assert session.exit_code == 0, f"exit {session.exit_code}: {session.lines[-3:]}"
    assert session.seconds < EXIT_WITHIN, f"took {session.seconds:.2f} s to exit"
    assert session.lines[-1] == "exit 0"
    if how == "SIGTERM":  # the one line on stderr (after a hangup there is no terminal)
        assert session.terminal is not None
        assert ("mentorjournal: stopped (SIGTERM); every save is on disk; what was being "
                "typed is kept as a draft.") in session.terminal.shown()
    assert session.add_win is not None
    if FORMS[name].set_up:  # the lock was released: a command saves
        assert session.add_win.returncode == 0, session.add_win.stderr
    else:  # a journal still without its pair: refused for that, not for the lock
        assert session.add_win.returncode == 2, session.add_win.stderr
        open_journal(session.db).close()
    journal = open_journal(session.db)
    try:
        [draft] = journal.drafts.all()
    finally:
        journal.close()
    assert TYPED in str(draft.fields.get(FORMS[name].field)), draft.fields


@pytest.mark.parametrize(("name", "how"), CASES, ids=[f"{n}-{h}" for n, h in CASES])
async def test_the_next_start_offers_the_text_back(
    sessions: dict[tuple[str, str], Session], name: str, how: str,
) -> None:
    session, form = sessions[name, how], FORMS[name]
    assert not session.failure, session.failure
    app = make_app(session.db, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal), screen_text(app)
        assert "You were writing" in screen_text(app)
        await pilot.click("#choice-restore")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, form.shown), screen_text(app)
        widget = app.screen.query_one(f"#{form.field}")
        text = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        assert isinstance(widget, Input | TextArea) and TYPED in text


def test_sigint_asks_as_ctrl_q_does(tmp_path: Path) -> None:
    """SIGINT is Ctrl+Q: with text typed it asks (the app goes on), and nothing is lost."""
    db = tmp_path / "journal.json"
    shutil.copy(_make_journal(tmp_path / "template"), db)
    session = Session("meeting", "SIGINT", db)
    try:
        _start_and_type(session)
        assert session.terminal is not None
        session.terminal.end("SIGINT")
        deadline = time.monotonic() + 30
        while "Discard your changes?" not in session.terminal.shown():
            assert time.monotonic() < deadline, "SIGINT asked nothing"
            session.terminal.lines.poll(0.05)
        assert session.terminal.process.poll() is None  # waiting for an answer
        session.how = "SIGTERM"  # nobody answers: SIGTERM asks nobody
        _end(session)
    finally:
        if session.terminal is not None:
            session.terminal.close()
    assert session.exit_code == 0 and session.seconds < EXIT_WITHIN
    journal = open_journal(db)
    try:
        [draft] = journal.drafts.all()
    finally:
        journal.close()
    assert draft.fields["notes"] == TYPED
