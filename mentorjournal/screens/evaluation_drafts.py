"""The evaluation screen's drafts: one per partner's form, kept while typing, as any form's;
and what it asks before typing is lost or sealed."""

from __future__ import annotations

from typing import Any

from mentorjournal.core.drafts import DraftKey, evaluation_kind
from mentorjournal.core.evaluation import is_empty
from mentorjournal.core.model import Draft, Evaluation, EvaluationKind, Role
from mentorjournal.screens.drafts import DraftKeeper, FieldValues, leave_question, offer_draft
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.evaluation_form import EvaluationForm
from mentorjournal.widgets.goal_ratings import GoalRatings


class EvaluationDrafts:
    """Keeps each partner form's answers as the draft of that evaluation (midpoint or
    closing, mentor or protégé), and offers a waiting one back when its form first shows.

    The screen is recomposed after each save and when the kind is switched: what the
    forms hold is then kept (`carry_over`) and put back into the new forms silently.
    """

    def __init__(self, screen: Any) -> None:
        self._screen = screen
        self._keepers: dict[str, tuple[DraftKeeper, EvaluationForm]] = {}
        self._carried: dict[str, FieldValues] = {}
        self._offered: set[str] = set()

    def opened(self, form: EvaluationForm, kind: EvaluationKind) -> None:
        """A partner's form is shown: keep its drafts, put back or offer a waiting one."""
        journal = self._screen.journal
        if journal.readonly:
            return
        key = DraftKey(evaluation_kind(kind, form.evaluation.role))
        keeper = DraftKeeper(self._screen, key, form.form_value, form.form_value())
        self._keepers[key.kind] = keeper, form
        carried = self._carried.pop(key.kind, None)
        if carried is not None:  # typed before the screen was recomposed
            form.restore_form_value(carried)
            keeper.adopt(carried)
            return
        waiting = journal.drafts.find(key)
        if waiting is not None and key.kind not in self._offered:
            self._offered.add(key.kind)
            offer_draft(self._screen, waiting, lambda draft: self._restore(key.kind, draft),
                        later=False)

    def waiting_for(self, due: EvaluationKind) -> EvaluationKind:
        """The evaluation to open on: `due`, unless a draft typed earlier waits only for
        the other one (its offer comes when its form shows, so it is not missed)."""
        kept = {kind for kind in EvaluationKind for role in Role
                if self._screen.journal.drafts.find(DraftKey(evaluation_kind(kind, role)))}
        return due if due in kept or not kept else kept.pop()

    def carry(self, draft: Draft) -> tuple[EvaluationKind, Role] | None:
        """Put `draft` back into its form when that form is shown (the user chose it);
        the evaluation and partner it was typed for (None: not an evaluation's draft)."""
        for kind, role in ((k, r) for k in EvaluationKind for r in Role):
            if draft.kind == evaluation_kind(kind, role):
                self._carried[draft.kind] = draft.fields
                self._offered.add(draft.kind)
                return kind, role
        return None

    def _restore(self, kind: str, draft: Draft) -> None:
        if kind in self._keepers:
            keeper, form = self._keepers[kind]
            form.restore_form_value(draft.fields)
            keeper.adopt(draft.fields)

    def edited(self, form: EvaluationForm) -> None:
        for keeper, shown in self._keepers.values():
            if shown is form:
                keeper.touch()

    def key_of(self, role: Role, kind: EvaluationKind) -> DraftKey | None:
        """The draft key of a partner's form, when its drafts are kept."""
        entry = self._keepers.get(evaluation_kind(kind, role))
        return entry[0].key if entry else None

    def saved(self, role: Role, kind: EvaluationKind) -> None:
        """That form's answers were saved, its draft removed in the same write."""
        entry = self._keepers.get(evaluation_kind(kind, role))
        if entry is not None:
            entry[0].saved()
            entry[0].close()

    def stop(self, role: Role, kind: EvaluationKind) -> None:
        entry = self._keepers.get(evaluation_kind(kind, role))
        if entry is not None:
            entry[0].stop()

    def _open(self) -> list[tuple[DraftKeeper, EvaluationForm]]:
        return [(k, f) for k, f in self._keepers.values() if not k.closed and f.is_attached]

    def unsaved(self) -> bool:
        return any(keeper.unsaved() for keeper, _form in self._open())

    def keep_all(self) -> None:
        """Queue the draft of every form holding typing not saved."""
        for keeper, _form in self._open():
            keeper.keep()

    def discard_all(self) -> None:
        for keeper, _form in self._open():
            keeper.discard()
            keeper.close()

    def carry_over(self) -> None:
        """The screen is about to be recomposed: keep what each form holds (as its draft,
        and here to put back into the new form)."""
        for keeper, form in self._open():
            if keeper.unsaved():
                self._carried[keeper.key.kind] = form.form_value()
                keeper.keep()
            keeper.close()
        self._keepers.clear()

    def focus_path(self) -> tuple[str, int] | None:
        """Where the cursor is in a partner's form (its selector, and the ratings table's
        row), to be put back there once the screen is composed again (`refocus`)."""
        focused = self._screen.focused
        if focused is None or not focused.id:
            return None
        forms = [node for node in focused.ancestors if isinstance(node, EvaluationForm)]
        if not forms:
            return None
        row = focused.cursor_row if isinstance(focused, GoalRatings) else 0
        return f"#{forms[0].id} #{focused.id}", row

    def refocus(self, where: tuple[str, int] | None) -> None:
        """Put the cursor back where `focus_path` found it, if that field is still shown
        (a submitted form is not)."""
        if where is None or (found := self._screen.query_one_optional(where[0])) is None:
            return
        found.focus()
        if isinstance(found, GoalRatings) and found.row_count > where[1]:
            found.move_cursor(row=where[1])


class EvaluationDraftsMixin:
    """The evaluation screen's side of drafts: what the app asks of a screen holding
    typing (`HoldsUnsavedInput`), and Escape asking as a form's does."""

    drafts: EvaluationDrafts
    app: Any
    mj: Any
    journal: Any

    @property
    def keeps_drafts(self) -> bool:
        return True

    def has_unsaved_changes(self) -> bool:
        return self.drafts.unsaved()

    def keep_typing_as_draft(self) -> None:
        self.drafts.keep_all()

    def discard_typing(self) -> None:
        self.drafts.discard_all()

    def action_leave(self) -> None:
        """Escape: home, asking first (as a form does) when answers are not saved."""
        if not self.has_unsaved_changes():
            self.mj.go_home()
            return
        self.app.push_screen(leave_question(keeps_drafts=True), self._leave_chosen)

    def submit_question(self, evaluation: Evaluation) -> ChoiceModal:
        """Asked before an evaluation is submitted (and sealed); one with nothing filled
        in (`is_empty`) says so. Dismisses with "submit", else "keep" or None."""
        pair = self.journal.pair.get()
        other = Role.MENTOR if evaluation.role is Role.PROTEGE else Role.PROTEGE
        name, other_name = pair.name_of(evaluation.role), pair.name_of(other)
        kind = evaluation.kind.value
        sealed = (f"It stays sealed until {other_name} has submitted too. Editing it afterwards "
                  "needs an explicit reopen, which is recorded.")
        if is_empty(evaluation):
            return ChoiceModal.confirm(
                "Submit an empty evaluation?",
                f"Nothing is filled in: no goal is rated, the match is not rated and no "
                f"question is answered. Submit the {kind} evaluation of {name} as it is? "
                + sealed, Choice("submit", "Submit empty", "warning"), keep="Keep editing")
        return ChoiceModal.confirm(
            "Submit the evaluation?", f"Submit the {kind} evaluation of {name}? " + sealed,
            Choice("submit", "Submit", "warning"), keep="Not yet")

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "draft":
            self.drafts.keep_all()
        elif choice == "discard":
            self.drafts.discard_all()
        if choice in ("draft", "discard"):
            self.mj.go_home()
