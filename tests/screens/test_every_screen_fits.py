"""Every screen and every dialog at 80×24, 120×40 and 200×60: each field, list and button can
be reached on screen (focused, it is in view, not cut off, not under anything), and the footer
shows F1 and the palette key.

The list of screens is built from the code: a new screen or dialog without a way to open it
here fails `test_every_screen_and_dialog_is_listed`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

import mentorjournal
from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.journal import Journal
from mentorjournal.textual_compat import FooterKey
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import PINNED
from tests.conftest import open_journal

SIZES = [(80, 24), (120, 40), (200, 60)]
ABSTRACT = {"SectionScreen", "JournalModal", "FormModal", "GoalActionsScreen",
            "AgreementEditorModal"}
"""Bases that are never shown themselves."""

Opener = Callable[[Pilot[None]], Awaitable[None]]


def keys(*pressed: str) -> Opener:
    async def press(pilot: Pilot[None]) -> None:
        for key in pressed:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return press


def pushed(make: Callable[[MentorJournalApp], Screen[Any]], *first: str) -> Opener:
    """For a dialog the demo journal gives no key to (it is signed, not yet shared...)."""
    async def push(pilot: Pilot[None]) -> None:
        await keys(*first)(pilot)
        app = pilot.app
        assert isinstance(app, MentorJournalApp)
        app.push_screen(make(app))
        await pilot.pause()

    return push


def _sign(app: MentorJournalApp) -> Screen[Any]:
    from mentorjournal.screens.agreement_dialogs import SignModal

    assert app.journal is not None
    latest = app.journal.agreement.latest()
    assert latest is not None
    return SignModal(latest)


def _close(app: MentorJournalApp) -> Screen[Any]:
    from mentorjournal.screens.close_mentorship import CloseMentorshipModal

    return CloseMentorshipModal()


def _passphrase(app: MentorJournalApp) -> Screen[Any]:
    from mentorjournal.widgets.passphrase_modal import PassphraseModal

    return PassphraseModal("journal.json.age", "That passphrase does not open it.")


OPEN: dict[str, Opener] = {
    "HomeScreen": keys(),
    "HelpModal": keys("g", "f1"),
    "PairSetupModal": keys(),  # on a journal without its pair (below)
    "PassphraseModal": pushed(_passphrase),  # what an encrypted journal asks first
    "AgreementScreen": keys("a"),
    "AgreementFormModal": keys("a", "e"),
    "GuidedAgreementModal": keys("a", "g"),
    "VersionsModal": keys("a", "v"),
    "SignModal": pushed(_sign, "a"),
    "GoalsScreen": keys("g"),
    "GoalFormModal": keys("g", "n"),
    "ObjectiveModal": keys("g", "o"),
    "ReasonModal": keys("g", "d"),
    "AchievedModal": keys("g", "a"),
    "ChoiceModal": keys("g", "x"),
    "MeetingsScreen": keys("m"),
    "MeetingFormModal": keys("m", "n"),
    "FindMeetingsModal": keys("m", "f"),
    "PromoteWinModal": keys("m", "w"),
    "HomeworkModal": keys("m", "h"),
    "WinsScreen": keys("w"),
    "WinFormModal": keys("plus"),
    "JournalScreen": keys("j"),
    "EntryEditorModal": keys("j", "n"),
    "PickModal": keys("j", "t"),
    "PromptModal": keys("j", "n", "f3"),
    "VisionScreen": keys("v"),
    "VisionCardModal": keys("v", "n"),
    "EvaluationScreen": keys("e"),
    "CloseMentorshipModal": pushed(_close, "e"),
    "ReviewScreen": keys("r"),
    "ReviewStepperModal": keys("r", "s"),
    "ExportScreen": keys("ctrl+p", *"export to", "enter"),
}


def our_screens() -> Iterator[type[Screen[Any]]]:
    for module in pkgutil.walk_packages(mentorjournal.__path__, "mentorjournal."):
        if not module.name.startswith(("mentorjournal.cli", "mentorjournal.__main__")):
            importlib.import_module(module.name)
    stack: list[type[Screen[Any]]] = [Screen]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            if subclass.__module__.startswith("mentorjournal."):
                yield subclass


def test_every_screen_and_dialog_is_listed() -> None:
    shown = {cls.__name__ for cls in our_screens()} - ABSTRACT
    assert shown - set(OPEN) == set(), "a screen or dialog this test does not open"
    assert set(OPEN) - shown == set(), "listed here, but no longer in the code"


def _on_top(screen: Screen[Any], widget: Widget) -> bool:
    """Whether what is drawn at the middle of the widget's visible part is the widget."""
    visible = screen.find_widget(widget).visible_region
    hit, _region = screen.get_widget_at(visible.x + visible.width // 2,
                                        visible.y + visible.height // 2)
    return widget in (hit, *hit.ancestors)


async def check_fits(pilot: Pilot[None], name: str, size: tuple[int, int]) -> None:
    await pilot.resize_terminal(*size)
    await pilot.pause()
    screen = pilot.app.screen
    where = f"{name} at {size[0]}×{size[1]}"
    assert type(screen).__name__ == name, where
    footer_keys = {key.key: key for key in screen.query_one(Footer).query(FooterKey)}
    for pinned in PINNED:
        assert pinned in footer_keys, f"{where}: the footer has no {pinned}"
        geometry = screen.find_widget(footer_keys[pinned])
        assert geometry.visible_region == geometry.region, f"{where}: {pinned} is cut off"
    for widget in list(screen.focus_chain):
        widget.focus()  # scrolls it into view, as Tab would
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        label = f"{where}: {widget!r}"
        geometry = screen.find_widget(widget)  # NoWidget: not on screen at all
        region, visible = geometry.region, geometry.visible_region
        assert visible.width == region.width, f"{label} is cut at the side ({visible})"
        assert visible.height >= min(region.height, 3), f"{label} is out of view ({visible})"
        assert _on_top(screen, widget), f"{label} is under something else"


@pytest.mark.parametrize("name", sorted(OPEN))
async def test_fits_and_tells_its_keys(name: str, journal: Journal, tmp_path: Any) -> None:
    if name == "PairSetupModal":
        bare = open_journal(tmp_path / "new.json")
        app = make_app(journal=bare)
    else:
        bare = None
        app = make_app(journal=journal)
    try:
        async with app.run_test(size=SIZES[0]) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            await OPEN[name](pilot)
            for size in SIZES:
                await check_fits(pilot, name, size)
    finally:
        if bare is not None:
            bare.close()
