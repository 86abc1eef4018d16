"""Every form behaves the same (FormModal): Escape closes an untouched form, asks once
something was typed, and a refusal is the core's message, word for word, at its field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import MeetingMode, Role, VisionKind
from mentorjournal.screens.agreement_forms import AgreementFormModal
from mentorjournal.screens.close_mentorship import CloseMentorshipModal
from mentorjournal.screens.entry_editor import EntryEditorModal
from mentorjournal.screens.form_modal import LEAVE_TITLE, FormModal
from mentorjournal.screens.goal_forms import GoalFormModal, ObjectiveModal
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.screens.vision_card_form import VisionCardModal
from mentorjournal.screens.win_form import WinFormModal
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import SIZE, fixed_today, screen_text


@dataclass(frozen=True)
class Case:
    """One kind of form: the keys that open it from home, where to type, and an input
    the core refuses (`refuse`: selector -> value; `buttons` pressed first), with its
    message and the input the cursor goes to."""

    form: type[FormModal[Any]]
    keys: tuple[str, ...]
    typed_into: str
    refuse: dict[str, object]
    message: str
    focus: str
    buttons: tuple[str, ...] = ()
    choices: tuple[str, ...] = ("Keep editing", "Keep as draft", "Discard")
    fixture: str = "app"


CASES = {
    "win": Case(WinFormModal, ("plus",), "#text", {"#text": "Asked", "#won_on": "tomorrow"},
                "The date 2026-11-26 is in the future: a win is dated today or earlier.",
                "#won_on"),
    "goal": Case(GoalFormModal, ("g", "n"), "#title", {"#why": "Confidence"},
                 "The title cannot be empty.", "#title"),
    "objective": Case(ObjectiveModal, ("g", "o"), "#objective", {"#objective": "   "},
                      "The objective cannot be empty.", "#objective"),
    "vision card": Case(VisionCardModal, ("v", "n"), "#text",
                        {"#kind": VisionKind.LINK, "#text": "Facilitation", "#url": "ftp://x"},
                        "A link card needs a web address (https://…).", "#url"),
    "meeting": Case(MeetingFormModal, ("m", "n"), "#notes",
                    {"#mode": MeetingMode.IN_PERSON, ".hw-due": "2026-12-02"},
                    "The homework cannot be empty.", ".hw-text", buttons=("#hw-add",)),
    "agreement": Case(AgreementFormModal, ("a", "e"), "#working_style",
                      {"#mentor_hours_per_month": "-2"},
                      "The mentor's hours a month cannot be negative.",
                      "#mentor_hours_per_month"),
    "close mentorship": Case(
        CloseMentorshipModal, ("e", "ctrl+p", *"close the mentorship", "enter"),
        "#closing_note", {"#closing_note": "Thank you"},
        "Both partners submit the closing evaluation before the mentorship closes.",
        "#closed_on", choices=("Keep editing", "Discard")),  # a closing note: no draft
    "entry editor": Case(EntryEditorModal, ("j", "n"), "#title", {"#written_on": "tomorrow"},
                         "The date 2026-11-26 is in the future: an entry is dated today or "
                         "earlier.", "#written_on", fixture="empty_app"),
}


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_into(pilot: Pilot[None], widget: Widget, text: str) -> None:
    """Empty the input, then type `text` key by key."""
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    elif isinstance(widget, TextArea):
        widget.text = ""
    await pilot.press(*text)


def typed(widget: Widget) -> str:
    return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]


async def open_form(pilot: Pilot[None], case: Case) -> FormModal[Any]:
    await pilot.pause()
    await pilot.press(*case.keys)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, case.form), screen_text(pilot.app)
    return form


def choice_labels(app: MentorJournalApp) -> tuple[str, ...]:
    return tuple(str(b.label) for b in app.screen.query("Button"))


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


@pytest.fixture
def form_app(request: pytest.FixtureRequest, case: Case) -> MentorJournalApp:
    app: MentorJournalApp = request.getfixturevalue(case.fixture)
    return app


async def test_escape_on_an_untouched_form_just_closes(form_app: MentorJournalApp,
                                                       case: Case) -> None:
    async with form_app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, case)
        below = form_app.screen_stack[-2]
        assert not form.has_unsaved_changes()
        await pilot.press("escape")
        await pilot.pause()
        assert form_app.screen is below


async def test_escape_after_typing_asks_keep_editing_or_discard(
    form_app: MentorJournalApp, case: Case,
) -> None:
    async with form_app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, case)
        below = form_app.screen_stack[-2]
        field_widget = form.query_one(case.typed_into)
        await type_into(pilot, field_widget, "Worth keeping")
        assert form.has_unsaved_changes()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(form_app.screen, ChoiceModal)
        assert LEAVE_TITLE in screen_text(form_app)
        assert choice_labels(form_app) == case.choices
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert form_app.screen is form
        assert typed(field_widget) == "Worth keeping"
        await pilot.click("#cancel")  # Cancel asks the same as Escape
        await pilot.pause()
        assert isinstance(form_app.screen, ChoiceModal)
        await pilot.click("#choice-discard")
        await settle(pilot)
        assert form_app.screen is below


async def test_a_refused_input_shows_the_cores_message_at_its_field(
    form_app: MentorJournalApp, case: Case,
) -> None:
    async with form_app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, case)
        for selector in case.buttons:
            form.query_one(selector).focus()
            await pilot.press("enter")
            await pilot.pause()
        for selector, value in case.refuse.items():
            widget = form.query_one(selector)
            if isinstance(widget, Select):
                widget.value = value
                await pilot.pause()
            else:
                await type_into(pilot, widget, str(value))
        form.query_one("#cancel").focus()  # the refusal must bring the cursor back
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form_app.screen is form
        assert str(form.query_one("#form-error", Static).render()) == case.message
        assert form_app.focused is form.query_one(case.focus)
        for selector, value in case.refuse.items():  # everything typed is kept
            widget = form.query_one(selector)
            if not isinstance(widget, Select):
                assert typed(widget) == value


# -- the first-run form: leaving it quits the app ------------------------------------


async def open_setup(pilot: Pilot[None]) -> PairSetupModal:
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, PairSetupModal)
    return form


async def test_escape_on_the_untouched_first_run_form_quits(journal_path: Path) -> None:
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await open_setup(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_escape_on_the_first_run_form_with_names_asks(journal_path: Path) -> None:
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_setup(pilot)
        await type_into(pilot, form.query_one("#protege"), "Ana Lima")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) and app.is_running
        assert choice_labels(app) == ("Keep editing", "Keep as draft", "Discard")
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert app.screen is form and form.value("protege") == "Ana Lima"
        await pilot.click("#cancel")  # "Quit", the form's Cancel
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        assert not app.is_running


async def test_the_first_run_form_shows_the_cores_refusal(journal_path: Path) -> None:
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_setup(pilot)
        await type_into(pilot, form.query_one("#protege"), "Ana Lima")
        await type_into(pilot, form.query_one("#mentor"), "Sam Okafor")
        await type_into(pilot, form.query_one("#planned_end"), "2026-01-01")
        form.query_one("#protege").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form
        assert str(form.query_one("#form-error", Static).render()) == (
            "The planned end is before the start.")
        assert app.focused is form.query_one("#planned_end")
        await type_into(pilot, form.query_one("#planned_end"), "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, PairSetupModal)


# -- the hook drafts will use -----------------------------------------------------------


async def test_form_values_are_plain_and_restore_into_a_fresh_form(
    app: MentorJournalApp, journal: Journal,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, CASES["meeting"])
        await type_into(pilot, form.query_one("#notes"), "Walked by the river")
        form.query_one("#mode", Select).value = MeetingMode.PHONE
        form.query_one("#hw-add").focus()
        await pilot.press("enter")
        await pilot.pause()
        await type_into(pilot, form.query_one(".hw-text"), "Read the primer")
        form.query_one(".hw-who", Select).value = Role.MENTOR
        values = form.form_values()
        assert values["notes"] == "Walked by the river" and values["mode"] == "phone"
        assert values["homework"] == [["Read the primer", "mentor", ""]]
        assert all(v is None or isinstance(v, str | int | bool | list) for v in values.values())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await settle(pilot)

        await pilot.press("n")
        await settle(pilot)
        fresh = app.screen
        assert isinstance(fresh, MeetingFormModal) and fresh is not form
        fresh.restore_values(values)
        await pilot.pause()
        assert fresh.form_values() == values
        assert fresh.has_unsaved_changes()
        await pilot.press("ctrl+s")
        await settle(pilot)
    meeting = journal.meetings.all()[0]
    assert meeting.mode is MeetingMode.PHONE and meeting.notes == "Walked by the river"
    assert [(h.text, h.who) for h in meeting.homework][-1] == ("Read the primer", Role.MENTOR)
