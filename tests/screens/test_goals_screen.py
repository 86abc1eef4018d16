"""The goals screen as a user drives it: keys, clicks, dialogs; checked against the journal."""

from __future__ import annotations

import time
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from mentorjournal.app import MentorJournalApp, make_app
from mentorjournal.commands import screen_commands
from mentorjournal.core.goals import GoalFilter
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Goal, GoalStatus, Objective
from mentorjournal.screens.goal_forms import AchievedModal, GoalFormModal, ObjectiveModal
from mentorjournal.screens.goals_screen import GoalsScreen
from mentorjournal.widgets.choice_modal import ChoiceModal
from mentorjournal.widgets.goal_list import GoalList
from mentorjournal.widgets.objective_checklist import ObjectiveChecklist
from tests.conftest import HOSTILE, SIZE, TODAY


def text_of(app: MentorJournalApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def settle(app: MentorJournalApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_goals(app: MentorJournalApp, pilot: Pilot[None]) -> GoalsScreen:
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(app.screen, GoalsScreen)
    return app.screen


async def test_goal_with_three_objectives_to_achieved_and_adjusted(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    app = empty_app
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(app, pilot)
        assert "No goals yet" in text_of(app, "#goal-empty")
        await pilot.press("n")
        assert isinstance(app.screen, GoalFormModal)
        form = app.screen
        await pilot.press(*"Talk", "tab")
        form.query_one("#why", Input).value = "Confidence"
        form.query_one("#success_measure", Input).value = "20 people come"
        form.query_one("#target_date", Input).value = "2026-12-20"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ObjectiveModal)  # a new goal asks for its objectives
        for text in ("Plan", "Slides", "Dry run"):
            await pilot.press(*text, "enter")
            await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert "0%" in text_of(app, "#goal-head")
        await pilot.press("enter")  # from the goal list into its checklist
        assert isinstance(app.focused, ObjectiveChecklist)
        seen = []
        for _ in range(3):
            await pilot.press("space")
            await settle(app, pilot)
            if isinstance(app.screen, GoalsScreen):
                seen.append(text_of(app, "#goal-head").splitlines()[2].split()[-1])
                await pilot.press("down")
        assert seen == ["33%", "67%"]
        assert isinstance(app.screen, AchievedModal)  # the last tick offers "achieved"
        assert app.screen.query_one("#win", Input).value == "Achieved: Talk"
        await pilot.press("enter")
        await settle(app, pilot)
        [goal] = empty_journal.goals.all()
        assert goal.status is GoalStatus.ACHIEVED and goal.achieved_on == TODAY
        assert [o.done_on for o in goal.objectives] == [TODAY] * 3
        [win] = empty_journal.wins.all()
        assert (win.goal_id, win.text) == (goal.id, "Achieved: Talk")

        await pilot.press("f", "f")  # Active -> Overdue -> Done
        assert "100%" in text_of(app, "#goal-head")
        await pilot.press("e")
        form = app.screen
        form.query_one("#target_date", Input).value = "2027-01-15"
        await pilot.click("#submit")
        await settle(app, pilot)
        assert "why the target date changed" in text_of(app, "#form-error")
        assert form.query_one("#target_date", Input).value == "2027-01-15"  # input kept
        await pilot.press(*"Venue moved", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, GoalsScreen)
        history = app.screen.query_one("#history", OptionList)
        assert str(history.get_option_at_index(0).prompt) == (
            f"{TODAY.isoformat()}  target date: 2026-12-20 → 2027-01-15\nwhy: Venue moved")
    [goal] = empty_journal.goals.all()
    assert goal.target_date == date(2027, 1, 15) and len(goal.adjustments) == 1


async def test_bad_input_gets_a_message_and_is_kept(empty_app: MentorJournalApp,
                                                   empty_journal: Journal) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_goals(empty_app, pilot)
        await pilot.press("n", "enter")
        await settle(empty_app, pilot)
        assert "The title cannot be empty." in text_of(empty_app, "#form-error")
        empty_app.screen.query_one("#title", Input).value = HOSTILE  # ESC cannot be typed
        await pilot.press("tab", "tab", "tab", *"2026-02-30", "enter")
        assert "not a real date" in text_of(empty_app, "#form-error")
        form = empty_app.screen
        assert form.query_one("#target_date", Input).value == "2026-02-30"
        assert form.query_one("#title", Input).value == HOSTILE
        assert empty_journal.goals.all() == []
        await pilot.press("ctrl+a", "ctrl+k", *"tomorrow", "enter")
        await settle(empty_app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        [goal] = empty_journal.goals.all()
        assert goal.title == HOSTILE.strip()
        shown = str(empty_app.screen.query_one(GoalList).get_option_at_index(0).prompt)
        assert "[bold]Ana[/]" in shown and "\x1b" not in shown and "\\x1b[2J" in shown
        assert empty_app.is_running


async def test_drop_search_filter_move_delete(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goals(app, pilot)
        goal_list = screen.query_one(GoalList)
        titles = [g.title for g in journal.goals.all()]
        await pilot.press("shift+down")
        await settle(app, pilot)
        assert [g.title for g in journal.goals.all()][:2] == [titles[1], titles[0]]
        assert goal_list.goal_id == journal.goals.all()[1].id  # the highlight follows the goal

        await pilot.press("d")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Say briefly why you drop this goal." in text_of(app, "#form-error")
        await pilot.press(*"Not now", "enter")
        await settle(app, pilot)
        dropped = journal.goals.get(journal.goals.all()[1].id)
        assert dropped is not None and dropped.status is GoalStatus.DROPPED
        assert dropped.adjustments[-1].why == "Not now"
        assert goal_list.option_count == 2  # active goals only

        await pilot.press("slash", *"BUDGET")
        await pilot.pause()
        assert goal_list.option_count == 1
        await pilot.press("enter", "x")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.click("#choice-keep")
        assert len(journal.goals.all()) == 4
        await pilot.press("x")
        await pilot.click("#choice-delete")
        await settle(app, pilot)
        assert len(journal.goals.all()) == 3
        assert "No active goals matching" in text_of(app, "#goal-list-empty")


async def test_every_action_is_in_the_palette(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goals(app, pilot)
        actions = {c.callback.args[0] for c in screen_commands(screen)}  # type: ignore[attr-defined]
        for binding in screen.BINDINGS:
            assert binding.action in actions, binding  # type: ignore[union-attr]
        await pilot.press("slash", "q", "escape")  # Escape leaves the search, not the screen
        assert app.screen is screen and screen.query_text == ""
        assert isinstance(app.focused, GoalList)
        await pilot.press("ctrl+p", *"goals: show achieved", "enter")
        await pilot.pause()
        assert screen.filter.value == "achieved"
        assert screen.query_one(GoalList).option_count == 1


async def test_hundreds_of_goals_stay_fast(empty_journal: Journal) -> None:
    objectives = tuple(Objective(text=f"Step {i}") for i in range(40))
    with empty_journal.batch():
        for n in range(400):
            empty_journal.goals.add(Goal(title=f"Goal {n}", position=n, objectives=objectives))
    app = make_app(journal=empty_journal)
    async with app.run_test(size=SIZE) as pilot:
        started = time.perf_counter()
        screen = await open_goals(app, pilot)
        opened = time.perf_counter() - started
        await pilot.press("end", "enter", "end", "space")
        await settle(app, pilot)
        ticked = time.perf_counter() - started - opened
        assert screen.query_one(GoalList).option_count == 400
        goal = empty_journal.goals.get(400)
        assert goal is not None and goal.objectives[-1].done
    print(f"400 goals x 40 objectives: opened in {opened:.2f}s, ticked in {ticked:.2f}s")
    assert opened < 3 and ticked < 3, (opened, ticked)  # generous: CI machines are busy


async def test_click_ticks_and_unticks(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(app, pilot)
        first = journal.goals.all()[0]
        assert not first.objectives[2].done
        await pilot.click(ObjectiveChecklist, offset=(6, 3))
        await settle(app, pilot)
        ticked = journal.goals.get(first.id)
        assert ticked is not None and ticked.objectives[2].done_on == TODAY
        await pilot.click(ObjectiveChecklist, offset=(6, 3))
        await settle(app, pilot)
        assert journal.goals.get(first.id) == first


async def test_achieve_without_win_reopen_archive(app: MentorJournalApp,
                                                  journal: Journal) -> None:
    wins = len(journal.wins.all())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_goals(app, pilot)
        goal_id = screen.query_one(GoalList).goal_id
        await pilot.press("a")
        assert isinstance(app.screen, AchievedModal)
        await pilot.click("#add_win")
        assert app.screen.query_one("#win", Input).disabled
        await pilot.click("#submit")
        await settle(app, pilot)
        achieved = journal.goals.get(goal_id or 0)
        assert achieved is not None and achieved.status is GoalStatus.ACHIEVED
        assert len(journal.wins.all()) == wins

        screen._set_filter(GoalFilter.ACHIEVED)
        await pilot.pause()
        await pilot.press("u", *"Not done yet", "enter")
        await settle(app, pilot)
        reopened = journal.goals.get(goal_id or 0)
        assert reopened is not None and reopened.status is GoalStatus.ACTIVE
        assert (reopened.adjustments[-1].before, reopened.adjustments[-1].after) == \
            ("achieved", "active")

        screen._set_filter(GoalFilter.ALL)
        await pilot.pause()
        screen.query_one(GoalList).highlighted = 0
        await pilot.press("z")
        await settle(app, pilot)
        archived = journal.goals.all()[0]
        assert archived.archived
        goal_list = screen.query_one(GoalList)
        shown = [goal_list.get_option_at_index(i).id for i in range(goal_list.option_count)]
        assert str(archived.id) not in shown
        screen._set_filter(GoalFilter.ARCHIVED)
        await pilot.pause()
        assert screen.query_one(GoalList).goal_id == archived.id


async def test_enter_on_a_goal_without_objectives_asks_for_them(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    empty_journal.goals.add(Goal(title="Bare"))
    async with empty_app.run_test(size=SIZE) as pilot:
        await open_goals(empty_app, pilot)
        assert "No objectives yet" in text_of(empty_app, "#no-objectives")
        assert "no objectives yet" in str(
            empty_app.screen.query_one(GoalList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert isinstance(empty_app.screen, ObjectiveModal)
        await pilot.press("enter")
        await settle(empty_app, pilot)
        assert "The objective cannot be empty." in text_of(empty_app, "#form-error")


async def test_objectives_edit_archive_move(app: MentorJournalApp, journal: Journal) -> None:
    first = journal.goals.all()[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(app, pilot)
        await pilot.press("enter", "e")  # into the checklist; e edits the objective there
        assert isinstance(app.screen, ObjectiveModal)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await settle(app, pilot)
        assert "The objective cannot be empty." in text_of(app, "#form-error")
        await pilot.press(*"Watch two", "enter")
        await settle(app, pilot)
        await pilot.press("shift+down")
        await settle(app, pilot)
        await pilot.press("z")  # archive the moved objective (the highlight followed it)
        await settle(app, pilot)
        await pilot.press("space")
        await pilot.pause()
    goal = journal.goals.get(first.id)
    assert goal is not None
    assert [o.text for o in goal.objectives[:2]] == [first.objectives[1].text, "Watch two"]
    assert goal.objectives[1].archived and goal.objectives[1].done  # ticks are kept
    assert goal.progress == 1 / 3


def test_rendering_neutralises_user_text() -> None:
    from mentorjournal.widgets.goal_list import goal_prompt, progress_bar

    assert progress_bar(None, 4).plain == "····"
    assert progress_bar(2 / 3, 9).plain == "━" * 9
    shown = goal_prompt(Goal(title="[b]x[/b]", target_date=date(2026, 1, 1)), TODAY).plain
    assert shown.startswith("[b]x[/b]\n") and "no objectives yet" in shown and "OVERDUE" in shown
