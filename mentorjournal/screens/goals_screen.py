"""The goals section: goals with their objectives checklist, progress and history of changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, Input, OptionList, Static, Tab, Tabs

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.goals import GoalFilter, filter_label
from mentorjournal.core.model import Goal
from mentorjournal.core.text import printable
from mentorjournal.screens.goal_actions import GoalActionsScreen
from mentorjournal.screens.goal_forms import GoalFormModal, ObjectiveModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.goal_detail import GoalDetail
from mentorjournal.widgets.goal_list import GoalList
from mentorjournal.widgets.keys import ADD, FIND, STATUS
from mentorjournal.widgets.objective_checklist import ObjectiveChecklist
from mentorjournal.widgets.search_input import SearchInput

if TYPE_CHECKING:
    from textual.app import SystemCommand

FIRST_TIME = Content.from_markup(
    "[b]No goals yet.[/b]\n\n"
    "Set two or three goals early in the relationship. For each one, say why it matters, "
    "how you will know you got there (the success measure) and by when (a target date). "
    "Then break it into objectives: small steps you can tick off as you go.\n\n"
    "Press [b]n[/b] to add your first goal; you will be asked for its objectives next.\n\n"
    "Plans change: edit a goal (e) and say why, and the change is kept in its history. "
    "[b]Ctrl+P[/b] lists every action; [b]Escape[/b] goes home."
)

class GoalsScreen(GoalActionsScreen):
    """The list of goals on the left, the highlighted goal's detail on the right."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # narrow: search below the tabs
    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("n", "new_goal", "New goal", group=ADD,
                tooltip="Add a goal: title, why, success measure, target date"),
        Binding("o", "add_objective", "Objectives", group=ADD,
                tooltip="Add objectives to the highlighted goal"),
        Binding("e", "edit_goal", "Edit", group=ADD,
                tooltip="Edit the goal; a changed title, measure or date keeps its reason"),
        Binding("a", "mark_achieved", "Achieved", group=STATUS,
                tooltip="Mark the goal achieved, with a win on the wall"),
        Binding("f", "next_filter", "Filter", group=FIND,
                tooltip="Show the next filter: active, overdue, closed, achieved, dropped…"),
        Binding("slash", "search", "Search", key_display="/", group=FIND,
                tooltip="Search goals and objectives by text"),
        Binding("d", "drop_goal", "Drop", group=STATUS,
                tooltip="Drop the goal, saying why: it stays in the history"),
        Binding("u", "reopen_goal", "Reopen", group=STATUS,
                tooltip="Reopen an achieved or dropped goal, saying why"),
        Binding("z", "archive_goal", "Archive", group=STATUS,
                tooltip="Archive the goal, or bring it back from the archive"),
        Binding("x", "delete_goal", "Delete", group=ADD,
                tooltip="Delete a goal added by mistake (asks first)"),
    ]

    def __init__(self) -> None:
        super().__init__(name="goals")
        self.filter = GoalFilter.ACTIVE
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="goals-top"):
            yield Tabs(*(Tab(filter_label(f), id=f"filter-{f.value}") for f in GoalFilter))
            yield SearchInput(id="goal-search", placeholder="/ Search goals and objectives")
        with Horizontal(id="goals-body"):
            with Vertical(id="goals-left"):
                yield GoalList(id="goal-list")
                yield Static("", id="goal-list-empty", markup=False)
            yield GoalDetail(id="goal-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_goals()
        self.query_one(GoalList).focus()

    # -- showing ------------------------------------------------------------------

    def refresh_goals(self, keep: int | None = None, keep_objective: int | None = None) -> None:
        """Show the journal's goals under the current filter and search."""
        today = self.journal.today()
        goals = self.journal.goals.all()
        for which, count in goal_rules.filter_counts(goals, today).items():
            tab = self.query_one(f"#filter-{which.value}", Tab)
            label = f"{filter_label(which)} {count}"
            if tab.label_text != label:
                tab.label = label
        shown = goal_rules.filter_goals(goals, self.filter, self.query_text, today)
        goal_list = self.query_one(GoalList)
        goal_list.show_goals(shown, today, keep if keep is not None else goal_list.goal_id)
        goal_list.display = bool(shown)
        empty = self.query_one("#goal-list-empty", Static)
        empty.display = not shown
        empty.update(self._empty_message(bool(goals)))
        self._show_detail(keep_objective)

    def _empty_message(self, any_goals: bool) -> Content:
        if not any_goals:
            return Content("Your goals will be listed here.")
        search = f" matching “{printable(self.query_text)}”" if self.query_text else ""
        return Content(f"No {filter_label(self.filter).lower()} goals{search}. "
                       "Press f for another filter.")

    def _show_detail(self, keep_objective: int | None = 0) -> None:
        goal = self.current_goal()
        detail = self.query_one(GoalDetail)
        empty = FIRST_TIME if not self.journal.goals.all() else Content(
            "Nothing to show here: try another filter (f) or clear the search (/).")
        detail.show_goal(goal, self.journal.today(), empty, keep_objective)

    def current_goal(self) -> Goal | None:
        goal_id = self.query_one(GoalList).goal_id
        return self.journal.goals.get(goal_id) if goal_id is not None else None

    @on(OptionList.OptionHighlighted, "#goal-list")
    def _goal_highlighted(self) -> None:
        self._show_detail(0)

    @on(OptionList.OptionSelected, "#goal-list")
    def _goal_chosen(self) -> None:
        """Enter on a goal goes to its checklist, or asks for objectives when it has none."""
        checklist = self.query_one(ObjectiveChecklist)
        if checklist.display:
            checklist.focus()
        else:
            self.action_add_objective()

    @on(Tabs.TabActivated)
    def _filter_chosen(self, event: Tabs.TabActivated) -> None:
        chosen = GoalFilter((event.tab.id or "").removeprefix("filter-"))
        if chosen is not self.filter:
            self.filter = chosen
            self.refresh_goals()

    @on(Input.Changed, "#goal-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_goals()

    @on(Input.Submitted, "#goal-search")
    @on(SearchInput.Left)
    def _search_done(self) -> None:
        self.query_one(GoalList).focus()

    # -- objectives ---------------------------------------------------------------

    @on(ObjectiveChecklist.Toggled)
    def _toggle(self, event: ObjectiveChecklist.Toggled) -> None:
        before = self.current_goal()
        if before is None:
            return
        if event.archived:
            self.notify("This objective is archived: press z to bring it back first.")
            return
        index, done = event.index, event.done
        self.save(lambda: self.journal.goals.tick_objective(before.id, index, done),
                  lambda goal: self._ticked(before, goal, index))

    def _ticked(self, before: Goal, goal: Goal, index: int) -> None:
        self.refresh_goals(goal.id, index)
        if goal_rules.completes(before, goal):
            self._offer_achieved(goal, "Every objective is done!")

    @on(ObjectiveChecklist.EditRequested)
    def _edit_objective(self, event: ObjectiveChecklist.EditRequested) -> None:
        if goal := self.current_goal():
            self.app.push_screen(ObjectiveModal(goal, event.index), self._changed)

    @on(ObjectiveChecklist.ArchiveRequested)
    def _archive_objective(self, event: ObjectiveChecklist.ArchiveRequested) -> None:
        if goal := self.current_goal():
            index, archived = event.index, event.archived
            self.save(lambda: self.journal.goals.archive_objective(goal.id, index, archived),
                      self._changed)

    @on(ObjectiveChecklist.MoveRequested)
    def _move_objective(self, event: ObjectiveChecklist.MoveRequested) -> None:
        if goal := self.current_goal():
            index, delta = event.index, event.delta
            self.save(lambda: self.journal.goals.move_objective(goal.id, index, delta),
                      lambda saved: self.refresh_goals(saved.id, index + delta))

    @on(GoalList.MoveRequested)
    def _move_goal(self, event: GoalList.MoveRequested) -> None:
        goal_id, target_id = event.goal_id, event.target_id
        self.save(lambda: self.journal.goals.move(goal_id, target_id),
                  lambda _: self.refresh_goals(goal_id))

    # -- actions ------------------------------------------------------------------

    def action_new_goal(self) -> None:
        self.app.push_screen(GoalFormModal(), self._new_goal_saved)

    def _new_goal_saved(self, goal: Goal | None) -> None:
        if goal is None:
            return
        if not goal_rules.in_filter(goal, self.filter, self.journal.today()):
            self.query_one(Tabs).active = f"filter-{GoalFilter.ALL.value}"
        self.query_one("#goal-search", Input).value = ""
        self.refresh_goals(goal.id)
        self.app.push_screen(ObjectiveModal(goal), self._changed)

    def action_edit_goal(self) -> None:
        if goal := self._selected():
            self.app.push_screen(GoalFormModal(goal), self._changed)

    def action_add_objective(self) -> None:
        if goal := self._selected():
            self.app.push_screen(ObjectiveModal(goal), self._changed)

    def action_next_filter(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_search(self) -> None:
        self.query_one("#goal-search", Input).focus()

    def palette_commands(self) -> list[SystemCommand]:
        """Each filter by name (the keys are offered from the bindings)."""
        from textual.app import SystemCommand

        return [SystemCommand(f"Goals: show {filter_label(f).lower()}",
                              f"Filter the goals: {filter_label(f).lower()}",
                              lambda f=f: self._set_filter(f)) for f in GoalFilter]

    def _set_filter(self, which: GoalFilter) -> None:
        self.query_one(Tabs).active = f"filter-{which.value}"
