"""Hostile text: stored and read back unchanged, refused with a message when JSON cannot hold
it, shown literally (markup never parsed, escape sequences never sent), never crashing a render.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.widgets import Input, Static

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    Adjustment,
    CheckIn,
    Draft,
    Goal,
    Homework,
    JournalEntry,
    Meeting,
    Objective,
    Pair,
    VisionCard,
    Win,
)
from mentorjournal.core.text import printable
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.storage.store import JournalStore
from mentorjournal.textual_compat import notifications, screen_output
from tests.conftest import SIZE, TODAY, fixed_today, open_journal, put

pytestmark = pytest.mark.reliability

ESCAPES = [
    "\x1b[2J",  # clear the screen
    "\x1b[31;1;5mblinking red",
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example\x1b\\a link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b2J",  # an 8-bit CSI
    "\x00", "\x07", "\x08", "\r", "\x7f",
]
NASTY = [
    *ESCAPES,
    "[bold]", "[/]", "[/bold]", "[@click=app.quit]quit[/]", "[link=https://evil.example]x[/link]",
    "[$title]", "$title", "\\[", "[", "]", "{x}", "%s",
    "\u202e", "\u200f", "\u200d", "\u2066", "\ufeff", "\u0085",
    "👩‍👩‍👧", "🚀", "مرحبا", "שָׁלוֹם", "e\u0301", "\t", "\n",
]
LONG_LINE = "[b]" + "x" * 100_000 + "[/b]"


def hostile_text(max_parts: int = 6) -> st.SearchStrategy[str]:
    """Unicode text built from markup, escapes, bidi marks, joiners, emoji and NUL."""
    part = st.sampled_from(NASTY) | st.text(max_size=6)
    return st.lists(part, max_size=max_parts).map("".join)


def with_a_lone_surrogate() -> st.SearchStrategy[str]:
    return st.tuples(hostile_text(3), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                     hostile_text(3)).map("".join)


def records_holding(text: str) -> list[Any]:
    """One record of each kind, with `text` in every text field (nested ones and keys too)."""
    return [
        Win(won_on=TODAY, text=text),
        JournalEntry(written_on=TODAY, title=text, body=text, mood=text, tags=(text,)),
        Goal(title=text, why=text, success_measure=text, objectives=(Objective(text=text),),
             adjustments=(Adjustment(on=TODAY, what=text, before=text, after=text, why=text),)),
        Meeting(held_on=TODAY, notes=text, tags=(text,), homework=(Homework(text=text),),
                checkin=CheckIn(change=text)),
        Draft(kind="entry", fields={text: text, "body": [text]}),
        VisionCard(text=text, url=text),
    ]


FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=hostile_text())
@example(text=LONG_LINE)
@example(text="\x00" * 10 + "\n".join(ESCAPES))
def test_hostile_text_is_stored_and_read_back_unchanged(tmp_path: Path, text: str) -> None:
    path = tmp_path / "hostile.json"
    path.unlink(missing_ok=True)
    journal = open_journal(path)
    saved = [put(journal, record) for record in records_holding(text)]
    journal.close()
    reopened = open_journal(path)
    try:
        for record in saved:
            (read_back,) = reopened._records.all(type(record))
            assert read_back == record
            if isinstance(record, Draft):
                assert read_back.fields == {text: text, "body": [text]}
    finally:
        reopened.close()
    assert orjson.loads(path.read_bytes())["wins"]["1"]["text"] == text


@FUZZ
@given(text=with_a_lone_surrogate())
def test_lone_surrogates_are_refused_before_saving(tmp_path: Path, text: str) -> None:
    path = tmp_path / "surrogates.json"
    journal = open_journal(path)
    journal.wins.add(Win(won_on=TODAY, text="kept"))
    before = path.read_bytes()
    try:
        for record in records_holding(text):
            with pytest.raises(ValidationError, match="cannot store") as refused:
                put(journal, record)
            first_text_field = {Win: "text", JournalEntry: "title", Goal: "title",
                                Meeting: "tags", Draft: "fields", VisionCard: "text"}
            assert refused.value.field == first_text_field[type(record)]
        assert path.read_bytes() == before
    finally:
        journal.close()


def test_a_nested_field_is_named() -> None:
    journal = Journal(JournalStore.in_memory(), fixed_today)
    goal = journal.goals.add(Goal(title="ok"))
    with pytest.raises(ValidationError, match="The text holds") as refused:
        put(journal, Goal(title="ok", objectives=(Objective(text="bad \udc80"),), id=goal.id))
    assert refused.value.field == "text"
    with pytest.raises(ValidationError, match="The success measure holds"):
        put(journal, Goal(title="ok", success_measure="\ud83d", id=goal.id))


def test_visible_makes_controls_harmless() -> None:
    assert printable("a\x1b[2Jb\x00\x07\x9b\x7f\tc\nd") == "a\\x1b[2Jb\\x00\\x07\\x9b\\x7f\tc\nd"
    assert printable("[bold]é 🚀 مرحبا\u200d") == "[bold]é 🚀 مرحبا\u200d"


def terminal_output(app: MentorJournalApp) -> str:
    """What the app would write to a real terminal for its whole screen."""
    return screen_output(app)


def assert_shown_literally(app: MentorJournalApp, *names: str) -> None:
    shown = str(app.screen.query_one("#pair", Static).render())
    for name in names:
        assert printable(name).replace("\n", "") in shown.replace("\n", "")
    output = terminal_output(app)
    for escape in ESCAPES:
        if escape.startswith(("\x1b", "\x9b", "\x00")):
            assert escape not in output


def hostile_name() -> st.SearchStrategy[str]:
    return hostile_text(4).map(lambda t: "Ana" + t[:70].replace("\n", " "))


@settings(max_examples=3, deadline=None)
@given(protege=hostile_name(), mentor=hostile_name())
@example(protege="Ana\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b2J\x00\x07\x08\r\x7f [bold]",
         mentor="[@click=app.quit]Sam[/] \x1b]8;;https://evil.example\x1b\\a\x1b]8;;\x1b\\")
async def test_home_shows_hostile_names_literally(protege: str, mentor: str) -> None:
    journal = Journal(JournalStore.in_memory(), fixed_today)
    journal.pair.save(Pair(mentor=mentor, protege=protege))
    app = make_app(journal=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
        assert_shown_literally(app, protege, mentor)
        await pilot.click("#pair")  # a [@click=...] in a name is text, not an action
        await pilot.press("w", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert not [n for n in notifications(app) if n.severity == "error"]


async def test_a_100_000_character_name_from_elsewhere_renders(journal_path: Path) -> None:
    """A file edited by hand (no 80-character limit there) still opens and renders."""
    journal = open_journal(journal_path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana"))
    journal.close()
    data = orjson.loads(journal_path.read_bytes())
    data["pair"]["1"]["protege"] = LONG_LINE + "\x1b[2J"
    journal_path.write_bytes(orjson.dumps(data))
    journal = open_journal(journal_path)
    app = make_app(journal=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.is_running and "\x1b[2J" not in terminal_output(app)
        assert "[b]xxxx" in str(app.screen.query_one("#pair", Static).render())
    journal.close()


async def test_setup_form_refuses_a_lone_surrogate_with_a_message(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    app = make_app(journal=journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PairSetupModal)
        app.screen.query_one("#protege", Input).value = "Ana \ud800"
        app.screen.query_one("#mentor", Input).value = "Sam"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PairSetupModal) and app.is_running
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "cannot store" in error
        assert app.screen.focused is app.screen.query_one("#protege", Input)
        assert not notifications(app)  # no "Something went wrong"
    assert journal.pair.get() is None
    journal.close()


async def test_the_apps_last_words_on_the_terminal_are_safe_and_literal(tmp_path: Path) -> None:
    """Quitting from a refusal prints it on the terminal: the path in it is text someone
    else may have chosen (escapes, markup), shown through the one safety rule."""
    path = tmp_path / "j\x1b]0;owned\x07[bold]x[/].json"
    holder = open_journal(path)  # open elsewhere: the app is refused
    app = make_app(path, today=fixed_today)
    said: list[object] = []
    leave = app.exit

    def exit(result: None = None, return_code: int = 0, message: object = None) -> None:
        said.append(message)
        leave(result, return_code, message)  # type: ignore[arg-type]

    app.exit = exit  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.click("#choice-quit")
    holder.close()
    (last,) = said
    assert isinstance(last, Text)  # never parsed as markup
    assert "\x1b" not in last.plain and "\x07" not in last.plain
    assert "j\\x1b]0;owned\\x07[bold]x[/].json" in last.plain
