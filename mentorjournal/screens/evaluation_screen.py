"""The evaluation: each partner fills in a form, sealed until both are in, then side by side."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Header, Static, TabbedContent, TabPane, Tabs

from mentorjournal.core.model import Draft, Evaluation, EvaluationKind, Role
from mentorjournal.core.text import printable
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.close_mentorship import CloseMentorshipModal
from mentorjournal.screens.evaluation_drafts import EvaluationDrafts, EvaluationDraftsMixin
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.evaluation_form import EvaluationForm
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.goal_portfolio import GoalPortfolio
from mentorjournal.widgets.keys import FORM, LEAVE, STATUS, VIEW
from mentorjournal.widgets.side_by_side import SideBySide


class EvaluationScreen(EvaluationDraftsMixin, SectionScreen):
    """Midpoint and closing evaluations; the protégé's tab comes first (they drive)."""

    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("ctrl+s", "save_draft", "Save draft", group=FORM,
                tooltip="Keep this partner's answers so far as a draft"),
        Binding("ctrl+r", "submit", "Submit", group=STATUS,
                tooltip="Submit and seal this partner's evaluation (asks first)"),
        Binding("f2", "next_tab", "Next tab", group=VIEW,
                tooltip="Go to the next tab: each partner, then both, then the evidence"),
        # priority: in a field, Ctrl+K would otherwise delete to the end of the line
        Binding("ctrl+k", "switch_kind", "Midpoint/closing", group=VIEW, priority=True,
                tooltip="Switch between the midpoint and the closing evaluation"),
        Binding("escape", "leave", "Home", group=LEAVE,
                tooltip="Back to the home screen (asks first if answers are not saved)"),
    ]
    TABS = ("protege", "mentor", "shared", "evidence")
    """The tabs in order (F2 goes round them)."""

    kind: reactive[EvaluationKind] = reactive(EvaluationKind.CLOSING, recompose=True)
    """Which evaluation is shown: midpoint or closing; it opens on the one due today (or the
    one a kept draft was typed for)."""

    def __init__(self) -> None:
        super().__init__(name="evaluation")
        self.drafts = EvaluationDrafts(self)
        """Each partner form's answers, kept as a draft while typing."""
        self.set_reactive(EvaluationScreen.kind,
                          self.drafts.waiting_for(self.journal.evaluations.due()))
        self._tab = self._first_tab()

    def compose(self) -> ComposeResult:
        pair = self.journal.pair.get()
        assert pair is not None
        yield Header()
        yield Static(Content(printable(self.journal.evaluations.summary(self.kind))),
                     id="eval-status")
        with TabbedContent(initial=self._tab):
            for role in (Role.PROTEGE, Role.MENTOR):
                with TabPane(Content(printable(pair.name_of(role))), id=role.value):
                    yield from self._partner_pane(role)
            with TabPane("Side by side", id="shared"), VerticalScroll():
                yield from self._shared_pane()
            with TabPane("Evidence", id="evidence"), VerticalScroll(id="evidence-list"):
                if not self.journal.evaluations.evaluated_goals():
                    yield Static("No goals yet: the evidence appears here as goals, meetings "
                                 "and wins are recorded.", markup=False, classes="empty-state")
        yield Footer()

    def _partner_pane(self, role: Role) -> ComposeResult:
        stored = self.journal.evaluations.of(role, self.kind)
        with VerticalScroll():
            if stored is not None and stored.submitted_at is not None:
                when = stored.submitted_at.strftime("%Y-%m-%d %H:%M")
                note = ("Shared: both have submitted — see Side by side."
                        if self.journal.evaluations.is_shared(self.kind)
                        else "Submitted — sealed until both are done. Nobody can read it on "
                             "screen until the other partner has submitted too.")
                yield Static(f"Submitted {when}. {note}", markup=False, classes="sealed")
                yield Button("Reopen to edit (recorded)", id=f"reopen-{role.value}")
                return
            if stored is None:
                yield Static("Fill this in on your own, then submit. Nothing is shown to the "
                             "other partner until you have both submitted.", markup=False)
            draft = stored or Evaluation(role=role, kind=self.kind)
            yield EvaluationForm(draft, self.journal.evaluations.evaluated_goals(),
                                 id=f"form-{role.value}")
            yield Static("", id=f"error-{role.value}", classes="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save draft", id=f"draft-{role.value}")
                yield Button("Submit…", variant="primary", id=f"submit-{role.value}")

    def _shared_pane(self) -> ComposeResult:
        if not self.journal.evaluations.is_shared(self.kind):
            yield Static("The answers appear here side by side once both of you have "
                         "submitted; ratings two or more apart are marked as talking points.",
                         markup=False, classes="empty-state")
            return
        pair = self.journal.pair.get()
        assert pair is not None
        mentor = self.journal.evaluations.of(Role.MENTOR, self.kind)
        protege = self.journal.evaluations.of(Role.PROTEGE, self.kind)
        assert mentor is not None and protege is not None
        yield SideBySide(protege, mentor, self.journal.evaluations.evaluated_goals(),
                         (pair.protege, pair.mentor))
        if self.kind is EvaluationKind.CLOSING and pair.closed_on is None:
            yield Button("Close the mentorship…", id="close", variant="warning")

    # -- actions -----------------------------------------------------------------

    def _active_role(self) -> Role | None:
        active = self.query_one(TabbedContent).active
        return Role(active) if active in (Role.MENTOR.value, Role.PROTEGE.value) else None

    def _read_form(self, role: Role) -> Evaluation | None:
        forms = self.query(f"#form-{role.value}").results(EvaluationForm)
        form = next(forms, None)
        return form.read() if form else None

    # -- what is typed: drafts, and asking before it is lost ----------------------

    @on(EvaluationForm.Opened)
    def _form_opened(self, event: EvaluationForm.Opened) -> None:
        self.drafts.opened(event.form, self.kind)

    @on(EvaluationForm.Edited)
    def _form_edited(self, event: EvaluationForm.Edited) -> None:
        self.drafts.edited(event.form)

    def restore_draft(self, draft: Draft) -> None:
        """Show the evaluation a draft was typed for, its answers put back in its form
        (called before the screen is shown)."""
        if (found := self.drafts.carry(draft)) is not None:
            self._tab = found[1].value
            self.set_reactive(EvaluationScreen.kind, found[0])

    def _recompose(self) -> None:
        self.drafts.carry_over()
        self.refresh(recompose=True)

    async def recompose(self) -> None:
        """Compose again, the cursor kept in its field (digits typed on go on rating)."""
        where = self.drafts.focus_path()
        await super().recompose()
        self.drafts.refocus(where)

    @on(TabbedContent.TabActivated, pane="#evidence")
    def _show_evidence(self) -> None:
        """The evidence is built when its tab is first shown: one panel a goal, and a
        ten-year journal has hundreds of goals."""
        evidence = self.query_one("#evidence-list", VerticalScroll)
        if not evidence.children:
            items = self.journal.evaluations.portfolios(self.journal.evaluations.evaluated_goals())
            evidence.mount_all(GoalPortfolio(item) for item in items)

    @on(Button.Pressed, "#draft-mentor, #draft-protege")
    def _draft_pressed(self, event: Button.Pressed) -> None:
        self._save(Role(str(event.button.id).split("-")[1]), submit=False)

    @on(Button.Pressed, "#submit-mentor, #submit-protege")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        self._confirm_submit(Role(str(event.button.id).split("-")[1]))

    @on(Button.Pressed, "#reopen-mentor, #reopen-protege")
    def _reopen_pressed(self, event: Button.Pressed) -> None:
        role = Role(str(event.button.id).split("-")[1])
        self.save(partial(self.journal.evaluations.reopen, role, self.kind), self._changed)

    @on(Button.Pressed, "#close")
    def action_close_mentorship(self) -> None:
        self.app.push_screen(CloseMentorshipModal(), lambda _pair: self._changed(None))

    def action_save_draft(self) -> None:
        if (role := self._active_role()) is not None:
            self._save(role, submit=False)

    def action_submit(self) -> None:
        if (role := self._active_role()) is not None:
            self._confirm_submit(role)

    def action_next_tab(self) -> None:
        active = self.query_one(TabbedContent).active
        self.show_tab(self.TABS[(self.TABS.index(active) + 1) % len(self.TABS)]
                      if active in self.TABS else self.TABS[0])

    def show_tab(self, tab: str) -> None:
        """Show `tab`, the cursor on the tab bar (not left behind in a hidden pane)."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        tabs.query_one(Tabs).focus()

    def action_switch_kind(self) -> None:
        self.drafts.carry_over()
        self.set_reactive(EvaluationScreen.kind, EvaluationKind.MIDPOINT
                          if self.kind is EvaluationKind.CLOSING else EvaluationKind.CLOSING)
        active = self.query_one(TabbedContent).active
        self._tab = active if active == "evidence" else self._first_tab()
        self.refresh(recompose=True)

    def _first_tab(self) -> str:
        """Where an evaluation opens: side by side once both have shared it, else on the
        protégé's form (they drive)."""
        return "shared" if self.journal.evaluations.is_shared(self.kind) else "protege"

    def _confirm_submit(self, role: Role) -> None:
        """Submitting asks first, and warns when nothing is filled in."""
        if (evaluation := self._read_form(role)) is not None:
            submit = partial(self._save, role, submit=True)
            self.app.push_screen(self.submit_question(evaluation),
                                 lambda key: submit() if key == "submit" else None)

    def _save(self, role: Role, *, submit: bool) -> None:
        evaluation = self._read_form(role)
        if evaluation is None:
            return
        evaluations = self.journal.evaluations
        operation = partial(evaluations.submit if submit else evaluations.save_draft,
                            evaluation)
        self._tab = role.value
        if (key := self.drafts.key_of(role, self.kind)) is not None:
            self.drafts.stop(role, self.kind)  # its draft goes in the same write
            operation = partial(self.journal.drafts.settle, key, operation)
        self.save(operation, partial(self._saved, submit, role), partial(self._failed, role))

    def _saved(self, submitted: bool, role: Role, _evaluation: Evaluation) -> None:
        self.drafts.saved(role, self.kind)
        self.notify("Submitted and sealed." if submitted else "Draft saved.")
        self._changed(None)

    def _changed(self, _result: object) -> None:
        self._tab = self.query_one(TabbedContent).active or self._tab
        self._recompose()

    def _failed(self, role: Role, error: JournalError) -> None:
        self.query_one(f"#error-{role.value}", Static).update(Content(printable(str(error))))
        self.notify(printable(str(error)), title="Not saved", severity="error", markup=False)

    def palette_commands(self) -> list[SystemCommand]:
        pair = self.journal.pair.get()
        assert pair is not None
        names = {Role.PROTEGE.value: f"{printable(pair.protege)}'s answers",
                 Role.MENTOR.value: f"{printable(pair.mentor)}'s answers",
                 "shared": "Side by side", "evidence": "Evidence"}
        return [
            *(SystemCommand(f"Evaluation: {names[tab]}", "Show the tab of that name (F2 goes "
                            "round the tabs)", partial(self.show_tab, tab)) for tab in self.TABS),
            SystemCommand("Evaluation: close the mentorship",
                          "Mark the relationship closed after the closing evaluation is shared",
                          self.action_close_mentorship),
        ]
