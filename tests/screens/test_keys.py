"""Every screen tells its keys: the footer ranks them, F1 groups them, the palette has them all."""

from __future__ import annotations

import importlib
import pkgutil
import webbrowser
from typing import Any

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Button, Static, TabbedContent

import mentorjournal
from mentorjournal.app import MentorJournalApp
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import VisionCard, VisionKind
from mentorjournal.screens.evaluation_screen import EvaluationScreen
from mentorjournal.screens.goals_screen import GoalsScreen
from mentorjournal.screens.help import HelpModal
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.storage.editor import NO_EDITOR
from mentorjournal.textual_compat import FooterKey, notifications
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import is_ours
from tests.conftest import SIZE, screen_text


def footer_keys(app: MentorJournalApp) -> list[str]:
    return [key.key for key in app.screen.query_one(Footer).query(FooterKey)]


def our_bindings() -> list[tuple[str, Binding]]:
    for module in pkgutil.walk_packages(mentorjournal.__path__, "mentorjournal."):
        if not module.name.startswith(("mentorjournal.cli", "mentorjournal.__main__")):
            importlib.import_module(module.name)
    found, stack = [], [DOMNode]
    while stack:
        for cls in stack.pop().__subclasses__():
            stack.append(cls)
            if is_ours(cls):
                found += [(f"{cls.__name__} {b.key}", b) for b in cls.__dict__.get("BINDINGS", [])
                          if isinstance(b, Binding) and b.description]
    return found


def test_every_key_of_ours_says_what_it_is_for_and_does() -> None:
    """F1 groups by `group` and speaks in `tooltip`: a key without them would be mute."""
    for name, binding in our_bindings():
        assert binding.group is not None and binding.group.description, name
        assert binding.tooltip and binding.tooltip[0].isupper(), name


async def test_the_footer_ranks_keys_and_keeps_f1_and_the_palette(app: MentorJournalApp) -> None:
    ranked = ["n", "o", "e", "a", "f", "slash", "d", "u", "z", "x"]  # GoalsScreen.BINDINGS
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        wide = footer_keys(app)
        assert wide[:len(ranked)] == ranked and wide[-2:] == ["f1", "ctrl+p"]
        for width in (120, 80, 60, 40):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            shown = footer_keys(app)
            assert shown[-2:] == ["f1", "ctrl+p"], width  # never dropped
            goals = [key for key in shown if key in ranked]
            assert goals == ranked[:len(goals)], width  # the most important ones, in order
        assert len(footer_keys(app)) < len(wide)


async def test_a_dialog_shows_its_own_keys(app: MentorJournalApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingFormModal)
        shown = footer_keys(app)
        assert {"ctrl+s", "ctrl+o", "f1", "ctrl+p"} <= set(shown)
        assert "h" not in shown  # not the meeting log's keys underneath
        await pilot.press("f1")  # F1 works in a dialog and lists the dialog's keys
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        assert "Write the notes in your own editor" in screen_text(app)
        await pilot.press("f1")  # and F1 again closes the list
        await pilot.pause()
        assert isinstance(app.screen, MeetingFormModal)


async def test_f1_groups_this_screens_keys_then_the_apps_in_our_words(
        app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        purposes = [str(w.render()) for w in app.screen.query(".help-purpose").results(Static)]
        assert purposes[-1] == "Anywhere in the app"
        assert {"Add and change", "Mark and settle", "Find and filter", "Objectives",
                "Go back"} <= set(purposes)
        assert len(purposes) == len(set(purposes))  # each purpose once
        text = screen_text(app)
        assert "Add a goal: title, why, success measure, target date" in text
        assert "Tick the highlighted objective done, or not done" in text  # a widget's key
        assert "The command palette" in text
        for noise in ("super+c", "Page Left", "Scroll", "Copy selected text", "cursor"):
            assert noise not in text, noise


async def test_every_key_is_in_the_palette(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "ctrl+p", *"archive the goal", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert journal.goals.all()[0].archived  # the palette ran the key's action
        await pilot.press("escape", "e", "ctrl+p", *"side by side", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "shared"
        await pilot.press("f2")  # F2 goes round the tabs
        await pilot.pause()
        assert tabs.active == "evidence"
        await pilot.press("f2")
        await pilot.pause()
        assert tabs.active == "protege"


async def test_one_confirm_pattern(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceModal)
        buttons = list(dialog.query(Button))
        assert [str(b.label) for b in buttons] == ["Keep it", "Delete"]  # safe first
        assert app.focused is buttons[0]
        await pilot.press("escape")
        await pilot.pause()
        # Any ChoiceModal puts the risky choices last, whatever order it is given.
        app.push_screen(ChoiceModal("Delete?", "It goes.", [
            Choice("delete", "Delete", "error"), Choice("move", "Move", "warning"),
            Choice("keep", "Keep it")]))
        await pilot.pause()
        assert [b.id for b in app.screen.query(Button)] == [
            "choice-keep", "choice-move", "choice-delete"]
        assert "f1" in footer_keys(app)


async def test_ctrl_o_without_an_editor_says_so(empty_app: MentorJournalApp,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    suspended: list[bool] = []
    monkeypatch.setattr(empty_app, "suspend", lambda: suspended.append(True))
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "n", "ctrl+o")
        await pilot.pause()
        assert not suspended  # never handed to vi
        assert [n.message for n in notifications(empty_app)] == [NO_EDITOR]
        assert isinstance(empty_app.screen, MeetingFormModal)


@pytest.mark.parametrize("browser", [True, False])
async def test_enter_on_a_link_says_what_happened(empty_app: MentorJournalApp,
                                                  empty_journal: Journal, browser: bool,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    empty_journal.vision.save(VisionCard(text="Talk", kind=VisionKind.LINK, url="example.org/t"))
    opened: list[str] = []

    def get(*_args: Any) -> object:
        if not browser:
            raise webbrowser.Error("could not locate runnable browser")
        return object()

    monkeypatch.setattr(webbrowser, "get", get)
    monkeypatch.setattr(empty_app, "open_url", lambda url, **_kw: opened.append(url))
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await empty_app.workers.wait_for_complete()
        await pilot.pause()
        messages = " ".join(str(n.message) for n in notifications(empty_app))
    if browser:
        assert opened == ["https://example.org/t"] and "Opening https://example.org/t" in messages
    else:
        assert opened == [] and "No web browser was found here" in messages
        assert "https://example.org/t" in messages  # the link, to copy by hand
