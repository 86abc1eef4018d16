"""The evaluation screen's drafts: one per partner's form, kept while typing, as any form's."""

from __future__ import annotations

from typing import Any

from mentorjournal.core.drafts import DraftKey, evaluation_kind
from mentorjournal.core.model import Draft, EvaluationKind, Role
from mentorjournal.screens.drafts import DraftKeeper, FieldValues, leave_question, offer_draft
from mentorjournal.widgets.evaluation_form import EvaluationForm


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

    def carry(self, draft: Draft) -> None:
        """Put `draft` back into its form when that form is shown (the user chose it)."""
        self._carried[draft.kind] = draft.fields
        self._offered.add(draft.kind)

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


class EvaluationDraftsMixin:
    """The evaluation screen's side of drafts: what the app asks of a screen holding
    typing (`HoldsUnsavedInput`), and Escape asking as a form's does."""

    drafts: EvaluationDrafts
    app: Any
    mj: Any

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

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "draft":
            self.drafts.keep_all()
        elif choice == "discard":
            self.drafts.discard_all()
        if choice in ("draft", "discard"):
            self.mj.go_home()
