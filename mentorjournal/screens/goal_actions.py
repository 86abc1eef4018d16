"""Goal lifecycle actions of the goals screen: achieve, drop, reopen, archive, delete."""

from __future__ import annotations

from typing import Any

from mentorjournal.core import goals as goal_rules
from mentorjournal.core.goals import GoalFilter
from mentorjournal.core.model import Draft, Goal, GoalStatus
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.goal_forms import (
    AchievedModal,
    GoalFormModal,
    ObjectiveModal,
    ReasonModal,
    safe_title,
)
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal


class GoalActionsScreen(SectionScreen):
    """The actions that change a whole goal; `GoalsScreen` supplies the list and the view."""

    filter: GoalFilter

    def current_goal(self) -> Goal | None:
        """The highlighted goal, fresh from the journal."""
        raise NotImplementedError

    def refresh_goals(self, keep: int | None = None, keep_objective: int | None = None) -> None:
        raise NotImplementedError

    def _selected(self) -> Goal | None:
        goal = self.current_goal()
        if goal is None:
            self.notify("Select a goal first, or press n to add one.", severity="warning")
        return goal

    def _changed(self, result: Any) -> None:
        """After a dialog or a save: show the result, keeping the changed goal highlighted."""
        if isinstance(result, tuple):
            result = result[0]
        if isinstance(result, Goal):
            self.refresh_goals(result.id, None)

    def restore_draft(self, draft: Draft) -> None:
        """Reopen the goal form (or the objectives) a draft was typed in."""
        goal = self.journal.goals.get(draft.target_id) if draft.target_id else None
        if draft.kind == "objectives" and goal is not None:
            self.app.push_screen(ObjectiveModal(goal).carry_on(draft), self._changed)
        elif draft.kind == "goal":
            self.app.push_screen(GoalFormModal(goal).carry_on(draft), self._changed)

    def action_mark_achieved(self) -> None:
        if (goal := self._selected()) and goal.status is not GoalStatus.ACHIEVED:
            self._offer_achieved(goal, "Goal achieved?")
        elif goal:
            self.notify("This goal is already achieved.")

    def _offer_achieved(self, goal: Goal, heading: str) -> None:
        self.app.push_screen(AchievedModal(goal, heading), self._achieved)

    def _achieved(self, result: tuple[Goal, Any] | None) -> None:
        if result is None:
            return
        goal, win = result
        self._changed(goal)
        # The wins wall's hook: the win is saved with goal_id; the wins screen lists it.
        where = "" if self.filter is GoalFilter.ALL else " The goal is now under Achieved."
        self.notify(("A win is on the wins wall." if win else "Well done.") + where,
                    title="Goal achieved", markup=False)

    def action_drop_goal(self) -> None:
        if (goal := self._selected()) and goal_rules.is_open(goal):
            self.app.push_screen(ReasonModal(
                "Drop goal", f"Stop working on “{safe_title(goal)}”? It stays under Closed.",
                "Drop goal", lambda why: self.journal.goals.drop(goal.id, why)), self._dropped)
        elif goal:
            self.notify("Only an active goal can be dropped; press u to reopen this one.")

    def _dropped(self, goal: Goal | None) -> None:
        if goal is not None:
            self._changed(goal)
            self.notify("Dropped, with your reason: it stays under Closed and Dropped.")

    def action_reopen_goal(self) -> None:
        if (goal := self._selected()) and not goal_rules.is_open(goal):
            self.app.push_screen(ReasonModal(
                "Reopen goal", f"Work on “{safe_title(goal)}” again?", "Reopen",
                lambda why: self.journal.goals.reopen(goal.id, why)), self._changed)
        elif goal:
            self.notify("This goal is already active.")

    def action_archive_goal(self) -> None:
        if goal := self._selected():
            archived = not goal.archived
            self.save(lambda: self.journal.goals.archive(goal.id, archived),
                      lambda saved: self._archived(saved))

    def _archived(self, goal: Goal) -> None:
        self.refresh_goals(goal.id)
        self.notify("Archived: see it under the Archived filter." if goal.archived
                    else "Back from the archive.")

    def action_delete_goal(self) -> None:
        if not (goal := self._selected()):
            return
        instead = (Choice("drop", "Drop it instead"),) if goal_rules.is_open(goal) else ()
        message = (f"“{safe_title(goal)}” goes for good, with its objectives and history. "
                   "Deleting is for goals added by mistake; to stop working on a goal, "
                   "drop it: it stays in your history.")
        self.app.push_screen(ChoiceModal.confirm("Delete this goal?", message,
                                                 Choice("delete", "Delete", "error"),
                                                 also=instead),
                             lambda key: self._delete_chosen(goal, key))

    def _delete_chosen(self, goal: Goal, key: str | None) -> None:
        if key == "drop":
            self.action_drop_goal()
        elif key == "delete":
            self.save(lambda: self.journal.goals.delete(goal.id),
                      lambda _: self._deleted(goal))

    def _deleted(self, goal: Goal) -> None:
        self.refresh_goals()
        self.notify(f"Deleted “{safe_title(goal)}”.", markup=False)
