"""Every form keeps what is typed as a draft, asks the same question before it is lost
(Escape, Cancel, Ctrl+Q: keep editing, keep as draft, discard), and offers a draft back
when it is next opened or at the next start; private drafts stay private."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.core.drafts import DraftKey
from mentorjournal.core.entries import DRAFT_ENTRY
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Draft, Goal
from mentorjournal.screens.drafts import LEAVE_TITLE
from mentorjournal.screens.evaluation_screen import EvaluationScreen
from mentorjournal.screens.goal_forms import GoalFormModal
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.meeting_form import MeetingFormModal
from mentorjournal.screens.setup import PairSetupModal
from mentorjournal.textual_compat import notifications
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import SIZE, fixed_today, screen_text
from tests.screens.test_forms import (
    CASES,
    Case,
    choice_labels,
    open_form,
    settle,
    type_into,
    typed,
)

TYPED = "Worth keeping"
DRAFTED = [name for name, case in CASES.items() if "Keep as draft" in case.choices]


@pytest.fixture(params=DRAFTED, ids=DRAFTED)
def drafted(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


@pytest.fixture
def drafted_app(request: pytest.FixtureRequest, drafted: Case) -> MentorJournalApp:
    app: MentorJournalApp = request.getfixturevalue(drafted.fixture)
    return app


def journal_of(app: MentorJournalApp) -> Journal:
    assert app.journal is not None
    return app.journal


async def test_typing_is_kept_as_a_draft_within_a_second_and_removed_on_save(
    drafted_app: MentorJournalApp, drafted: Case,
) -> None:
    async with drafted_app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, drafted)
        await type_into(pilot, form.query_one(drafted.typed_into), TYPED)
        assert form.drafts is not None
        form.drafts.keep()  # what the timer does a second after the first change
        await settle(pilot)
        [draft] = journal_of(drafted_app).drafts.all()
        assert DraftKey.of(draft) == form.draft_key
        assert TYPED in str(draft.fields[drafted.typed_into.removeprefix("#")])


async def test_keep_as_draft_then_the_form_offers_it_back(
    drafted_app: MentorJournalApp, drafted: Case,
) -> None:
    async with drafted_app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, drafted)
        field = drafted.typed_into
        await type_into(pilot, form.query_one(field), TYPED)
        await pilot.press("escape")
        await pilot.pause()
        assert LEAVE_TITLE in screen_text(drafted_app)
        await pilot.click("#choice-draft")
        await settle(pilot)
        assert not isinstance(drafted_app.screen, type(form))
        assert len(journal_of(drafted_app).drafts.all()) == 1

        await pilot.press(drafted.keys[-1])  # the same form again
        await settle(pilot)
        assert isinstance(drafted_app.screen, ChoiceModal), screen_text(drafted_app)
        assert "You were writing" in screen_text(drafted_app)
        await pilot.click("#choice-restore")
        await settle(pilot)
        again = drafted_app.screen
        assert isinstance(again, drafted.form) and again is not form
        assert typed(again.query_one(field)) == TYPED
        await pilot.press("ctrl+s")
        await settle(pilot)
        refused = again.is_attached and str(again.query_one("#form-error").render())
        if not refused:  # saved: the draft went in the same write
            assert journal_of(drafted_app).drafts.all() == []


async def test_ctrl_q_asks_as_escape_does_and_keeps_the_draft(
    drafted_app: MentorJournalApp, drafted: Case,
) -> None:
    async with drafted_app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, drafted)
        await type_into(pilot, form.query_one(drafted.typed_into), TYPED)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert LEAVE_TITLE in screen_text(drafted_app)
        assert choice_labels(drafted_app) == drafted.choices
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert drafted_app.screen is form and drafted_app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#choice-draft")
        await settle(pilot)
    assert not drafted_app.is_running
    [draft] = journal_of(drafted_app).drafts.all()
    assert TYPED in str(draft.fields)


async def test_ctrl_q_on_an_untouched_form_just_quits(
    drafted_app: MentorJournalApp, drafted: Case,
) -> None:
    async with drafted_app.run_test(size=SIZE) as pilot:
        await open_form(pilot, drafted)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not drafted_app.is_running
    assert journal_of(drafted_app).drafts.all() == []


async def test_ctrl_c_quits_as_ctrl_q(app: MentorJournalApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        assert not app.is_running


async def test_the_first_run_form_kept_as_draft_is_offered_at_the_next_start(
    journal_path: Path,
) -> None:
    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PairSetupModal)
        await type_into(pilot, form.query_one("#protege"), "Ana Lima")
        await pilot.press("escape")
        await pilot.pause()
        assert choice_labels(app) == ("Keep editing", "Keep as draft", "Discard")
        await pilot.click("#choice-draft")
        await settle(pilot)
    assert not app.is_running

    app = make_app(journal_path, today=fixed_today)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "You were writing who the pair is" in screen_text(app)
        await pilot.click("#choice-restore")
        await settle(pilot)
        assert isinstance(app.screen, PairSetupModal)
        assert app.screen.value("protege") == "Ana Lima"


async def test_the_next_start_offers_the_newest_draft_and_opens_its_form(
    app: MentorJournalApp, journal: Journal,
) -> None:
    journal.drafts.keep(DraftKey("meeting"), {"notes": "Walked by the river"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        text = screen_text(app)
        assert "You were writing a meeting" in text
        assert [str(b.label) for b in app.screen.query("Button")] == [
            "Restore draft", "Later", "Discard"]
        await pilot.click("#choice-restore")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormModal)
        assert form.query_one("#notes", TextArea).text == "Walked by the river"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await settle(pilot)
        assert journal.drafts.all() == []
        await pilot.press("escape", "g")  # home, then goals: the goal form offers its draft
        await settle(pilot)
        goal = app.screen.current_goal()  # type: ignore[attr-defined]
        journal.drafts.keep(DraftKey("goal", goal.id), {"title": "A sharper title"})
        await pilot.press("e")
        await settle(pilot)
        assert "changes to the goal “A sharper title”" in screen_text(app)
        await pilot.click("#choice-restore")
        await settle(pilot)
        assert isinstance(app.screen, GoalFormModal)
        assert app.screen.query_one("#title", Input).value == "A sharper title"


async def test_private_drafts_are_never_offered_while_reviewing_together(
    journal: Journal,
) -> None:
    journal.drafts.save(Draft(kind=DRAFT_ENTRY, fields={"title": "Fears", "private": True}))
    app = make_app(journal=journal)
    app.served = True  # a served tab starts in review-together mode
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)  # nothing offered
        await pilot.press("j", "n")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceModal)
        assert "Fears" not in screen_text(app)
    assert [d.fields["title"] for d in journal.drafts.all()] == ["Fears"]  # left as it was


async def test_the_evaluation_keeps_a_draft_and_escape_asks(app: MentorJournalApp,
                                                          journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+k")  # the demo's midpoint evaluation is shared: the closing
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        worked = screen.query_one("#form-protege #what_worked", TextArea)
        await type_into(pilot, worked, TYPED)
        await pilot.press("escape")
        await pilot.pause()
        assert LEAVE_TITLE in screen_text(app)
        assert choice_labels(app) == ("Keep editing", "Keep as draft", "Discard")
        await pilot.click("#choice-draft")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [draft] = journal.drafts.all()
        assert draft.kind == "evaluation-closing-protege"
        assert draft.fields["what_worked"] == TYPED
        await pilot.press("e")
        await settle(pilot)
        assert "the closing evaluation of" in screen_text(app)
        await pilot.click("#choice-restore")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        assert screen.query_one("#form-protege #what_worked", TextArea).text == TYPED
        await pilot.press("ctrl+s")  # the evaluation's own draft: the Draft goes with it
        await settle(pilot)
        assert journal.drafts.all() == []
        assert screen.query_one("#form-protege #what_worked", TextArea).text == TYPED


async def test_switching_the_evaluation_kind_keeps_what_was_typed(
    app: MentorJournalApp, journal: Journal,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("ctrl+k")  # the demo's midpoint evaluation is shared: the closing
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvaluationScreen)
        await type_into(pilot, screen.query_one("#form-protege #what_worked"), TYPED)
        screen.query_one("#draft-protege").focus()  # in the text, Ctrl+K deletes a line
        await pilot.press("ctrl+k")  # to the midpoint
        await settle(pilot)
        await pilot.press("ctrl+k")  # and back
        await settle(pilot)
        assert screen.query_one("#form-protege #what_worked", TextArea).text == TYPED
        assert [d.kind for d in journal.drafts.all()] == ["evaluation-closing-protege"]


def test_a_draft_holds_plain_values_one_per_target(journal: Journal) -> None:
    key = DraftKey("goal", 7)
    journal.drafts.keep(key, {"title": "One"})
    journal.drafts.keep(key, {"title": "Two", "rows": [["a", None, 1]]})
    [draft] = journal.drafts.all()
    assert draft.fields == {"title": "Two", "rows": [["a", None, 1]]} and str(key) == "goal:7"
    with pytest.raises(ValidationError, match="draft"):
        journal.drafts.keep(key, {"title": "\ud800"})  # cannot be stored in the file
    saved = journal.drafts.settle(key, lambda: journal.goals.add(Goal(title="Saved")))
    assert saved.id and journal.drafts.all() == []


async def test_the_start_offer_later_leaves_it_and_discard_removes_it(
    app: MentorJournalApp, journal: Journal,
) -> None:
    journal.drafts.keep(DraftKey("vision"), {"text": "Calm and curious"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#choice-later")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and len(journal.drafts.all()) == 1
    app = make_app(journal=journal)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "You were writing a vision card “Calm and curious”" in screen_text(app)
        await pilot.click("#choice-discard")
        await settle(pilot)
        assert journal.drafts.all() == []
        assert "Draft discarded." in [str(n.message) for n in notifications(app)]


async def test_a_draft_whose_record_is_gone_comes_back_in_a_new_one(
    app: MentorJournalApp, journal: Journal,
) -> None:
    journal.drafts.keep(DraftKey("meeting", 999), {"notes": "Of a deleted meeting"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#choice-restore")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormModal) and form.meeting is None
        assert form.query_one("#notes", TextArea).text == "Of a deleted meeting"
        form.keep_typing_as_draft()
        await settle(pilot)
        [draft] = journal.drafts.all()
        assert str(DraftKey.of(draft)) == "meeting:new"
        assert draft.fields["notes"] == "Of a deleted meeting"
