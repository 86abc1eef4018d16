"""The agreement screen as a pair meets it: guided first time, signing, editing, versions."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from mentorjournal.app import MentorJournalApp
from mentorjournal.commands import screen_commands
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import AgreementVersion, MeetingMode, Role
from mentorjournal.core.summaries import agreement_status
from mentorjournal.core.text import printable
from mentorjournal.screens.agreement_dialogs import SignModal, VersionsModal
from mentorjournal.screens.agreement_forms import AgreementFormModal, GuidedAgreementModal
from mentorjournal.screens.agreement_screen import AgreementScreen
from tests.conftest import HOSTILE, SIZE, screen_text


async def settle(app: MentorJournalApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def sign(app: MentorJournalApp, pilot: Pilot[None], role: Role, name: str,
               *, type_it: bool = False) -> None:
    """Press s, pick the role, enter the name (typed key by key, or pasted) and Enter."""
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SignModal)
    app.screen.query_one("#role", Select).value = role.value
    if type_it:
        await pilot.press(*name)
    else:
        app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await settle(app, pilot)


async def test_guided_agreement_then_both_sign(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        app = empty_app
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        assert "No agreement yet" in screen_text(app) and "Press g" in screen_text(app)
        await pilot.click("#agreement-start")  # the empty state's button, or g
        await pilot.pause()
        guided = app.screen
        assert isinstance(guided, GuidedAgreementModal)
        assert "1 of 12" in screen_text(app)
        await pilot.press(*"Director", "ctrl+n")       # 1: about the mentor
        await pilot.press(*"Engineer", "ctrl+n")       # 2: about the protégé
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # 3-5 skipped
        assert "6 of 12" in screen_text(app)
        guided.query_one("#frequency_choice", Select).value = "14"
        guided.query_one("#mode", Select).value = MeetingMode.WALK_AND_TALK.value
        await pilot.press("ctrl+n")                    # 6: how we meet
        await pilot.press("2", "tab", "4")             # 7: commitment, both hours
        await pilot.press("ctrl+b", "ctrl+n")          # back and forth keeps the input
        assert guided.query_one("#mentor_hours_per_month", Input).value == "2"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, AgreementScreen)
        (draft,) = empty_journal.agreement.versions()
        assert (draft.about_mentor, draft.about_protege) == ("Director", "Engineer")
        assert draft.frequency_days == 14 and draft.mode is MeetingMode.WALK_AND_TALK
        assert (draft.mentor_hours_per_month, draft.protege_hours_per_month) == (2, 4)
        assert draft.protege_expects == "" and "Draft" in screen_text(app)

        await sign(app, pilot, Role.PROTEGE, "ana lima", type_it=True)
        assert "Signed by one" in screen_text(app)
        await sign(app, pilot, Role.MENTOR, "Ana Lima")  # the wrong name
        assert "not the mentor's name" in screen_text(app)
        assert app.screen.query_one("#name", Input).value == "Ana Lima"  # kept
        app.screen.query_one("#name", Input).value = " sam  OKAFOR"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Signed by both" in screen_text(app)
    assert agreement_status(empty_journal.agreement.versions()) == "signed by both"


async def test_edit_signed_shows_changes_resign_and_read_old_version(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    empty_journal.agreement.save(AgreementVersion(about_mentor="Director"))
    empty_journal.agreement.sign(Role.PROTEGE, "Ana Lima")
    empty_journal.agreement.sign(Role.MENTOR, "Sam Okafor")
    async with empty_app.run_test(size=SIZE) as pilot:
        app = empty_app
        await pilot.press("a", "e")
        await pilot.pause()
        assert isinstance(app.screen, AgreementFormModal)
        app.screen.query_one("#feedback", TextArea).text = HOSTILE
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Changed since signed" in text and "Changed since version 1" in text
        assert "How we give feedback" in text and printable(HOSTILE) in text
        assert "\x1b" not in text  # shown as a symbol, never sent to the terminal
        assert agreement_status(empty_journal.agreement.versions()) == "changed since signed"

        await sign(app, pilot, Role.MENTOR, "Sam Okafor")
        assert "Changed since signed" in screen_text(app)  # one signature is not enough
        await sign(app, pilot, Role.PROTEGE, "Ana Lima")
        assert "Version 2 · Signed by both" in screen_text(app)
        v1, v2 = empty_journal.agreement.versions()
        assert v1.feedback == "" and v2.feedback == HOSTILE and len(v1.signatures) == 2

        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VersionsModal)
        assert printable(HOSTILE) in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.query_one(OptionList).highlighted == 1
        assert printable(HOSTILE) not in screen_text(app) and "Director" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
    assert len(empty_journal.agreement.versions()) == 2  # reading changed nothing


BAD_INPUTS = [
    ("review_on", "2020-01-01", "in the past"),
    ("frequency_custom", "0", "Meet every 1 to 365 days"),
    ("frequency_custom", "400", "400 days is not a meeting frequency"),
    ("mentor_hours_per_month", "-2", "hours a month cannot be negative"),
    ("protege_hours_per_month", "lots", "'lots' is not a number"),
]


async def test_bad_inputs_give_their_message_and_keep_the_typed_text(
    app: MentorJournalApp, journal: Journal,
) -> None:
    before = journal.agreement.versions()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AgreementFormModal)
        form.query_one("#working_style", TextArea).text = "Something new I typed"
        for widget_id, typed, message in BAD_INPUTS:
            if widget_id == "frequency_custom":
                form.query_one("#frequency_choice", Select).value = "custom"
            form.query_one(f"#{widget_id}", Input).value = typed
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is form, widget_id
            assert message in screen_text(app), screen_text(app)
            assert form.query_one(f"#{widget_id}", Input).value == typed
            assert app.focused is form.query_one(f"#{widget_id}")
            assert form.query_one("#working_style", TextArea).text == "Something new I typed"
            form.query_one(f"#{widget_id}", Input).value = {
                "review_on": "2027-01-01", "frequency_custom": ""}.get(widget_id, "3")
            form.query_one("#frequency_choice", Select).value = "14"
        await pilot.press("escape")  # typed changes: asks before dropping them
        await pilot.pause()
        assert "Discard your changes?" in screen_text(app)
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert app.screen is form
    assert journal.agreement.versions() == before


async def test_guided_error_jumps_to_its_step(empty_app: MentorJournalApp,
                                              empty_journal: Journal) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "g")
        await pilot.pause()
        guided = empty_app.screen
        assert isinstance(guided, GuidedAgreementModal)
        guided.query_one("#review_on", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await settle(empty_app, pilot)
        assert guided.step == 11 and "is in the past" in screen_text(empty_app)
        assert guided.query_one("#review_on", Input).value == "yesterday"
    assert empty_journal.agreement.versions() == []


async def test_palette_commands_and_demo(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert "Version 2 · Signed by both" in screen_text(app)
        assert "Changed since" not in screen_text(app)
        screen = app.screen
        assert isinstance(screen, AgreementScreen)
        commands = {c.help.split(":")[0]: c for c in screen_commands(screen)}
        assert {"Sign", "Versions", "Edit", "Guided"} <= set(commands)  # from the bindings
        await pilot.press("ctrl+p", *"versions")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, VersionsModal)
        await pilot.press("escape")
        await pilot.pause()
        await commands["Sign"].callback()  # sign: nothing to sign, it says so
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AgreementScreen)
