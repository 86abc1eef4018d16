"""The expectations agreement: the frank talk written down, signed by both, versioned."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Header, Static

from mentorjournal.core.agreement import (
    AgreementState,
    agreement_state,
    diff_versions,
    is_empty,
    missing_signers,
)
from mentorjournal.core.model import AgreementVersion, Draft
from mentorjournal.screens.agreement_dialogs import SignModal, VersionsModal, status_line
from mentorjournal.screens.agreement_forms import AgreementFormModal, GuidedAgreementModal
from mentorjournal.screens.base import SectionScreen
from mentorjournal.widgets.agreement_view import (
    AgreementView,
    changes_content,
    signatures_content,
)
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, STATUS, VIEW

EMPTY_STATE = (
    "No agreement yet.\n\n"
    "Before anything else, have the frank talk: who each of you is, what you expect from "
    "each other, how you like to work, how often and how you meet, how many hours a month "
    "you can each give, what stays confidential, and how either of you can end it without "
    "fault.\n\n"
    "Press g to be guided through it one short question at a time (skip anything and come "
    "back later), or e to fill in the whole form. When it reads right, both of you sign "
    "it with s."
)


class AgreementScreen(SectionScreen):
    """The latest version with its status and signatures; what changed since it was signed."""

    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("g", "guided", "Guided", group=ADD,
                tooltip="Go through the agreement one short question at a time"),
        Binding("e", "edit", "Edit", group=ADD,
                tooltip="Edit every section in one form (a new version once signed)"),
        Binding("s", "sign", "Sign", group=STATUS,
                tooltip="Sign the latest version by typing your name"),
        Binding("v", "versions", "Versions", group=VIEW,
                tooltip="Read the older versions of the agreement, read-only"),
    ]

    def __init__(self) -> None:
        super().__init__(name="agreement")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="agreement-status", markup=False)
        yield Static("", id="agreement-signatures", markup=False)
        yield Static("", id="agreement-changes", markup=False)
        with Vertical(id="agreement-empty", classes="empty-state"):
            yield Static(EMPTY_STATE, markup=False)
            yield Button("Start the frank talk (g)", variant="primary", id="agreement-start")
        yield AgreementView(id="agreement-view")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_agreement()

    @property
    def state(self) -> AgreementState:
        return agreement_state(self.journal.agreement.versions())

    def refresh_agreement(self) -> None:
        """Show the journal's latest version, its status and what changed since signing."""
        versions = self.journal.agreement.versions()
        state = agreement_state(versions)
        latest = state.latest
        self.query_one("#agreement-empty").display = latest is None
        self.query_one("#agreement-view").display = latest is not None
        self.query_one("#agreement-status", Static).update(
            status_line(versions, self.journal.today()))
        self.query_one("#agreement-signatures", Static).update(
            signatures_content(latest.signatures) if latest else "")
        changed = state.status == "changed since signed"
        changes = diff_versions(state.signed, latest) if changed and latest and state.signed \
            else []
        panel = self.query_one("#agreement-changes", Static)
        panel.display = changed
        if changed and state.signed is not None:
            panel.update(Content.assemble(
                (f"Changed since version {state.signed.number} was signed: "
                 "both of you sign again (s).", "bold"),
                changes_content(changes) if changes else "\n(no section differs)"))
        if latest is not None:
            self.query_one(AgreementView).show(latest, (c.section.key for c in changes))

    @on(Button.Pressed, "#agreement-start")
    def _start_pressed(self) -> None:
        self.action_guided()

    def _after(self, message: str) -> None:
        self.refresh_agreement()
        self.notify(message, markup=False)

    def _saved(self, version: AgreementVersion | None) -> None:
        if version is not None:
            self._after(f"Agreement saved: version {version.number}, {self.state.status}.")

    def action_guided(self) -> None:
        self.app.push_screen(GuidedAgreementModal(self.state.latest), self._saved)

    def action_edit(self) -> None:
        self.app.push_screen(AgreementFormModal(self.state.latest), self._saved)

    def restore_draft(self, draft: Draft) -> None:
        """The agreement's draft, in the form with every section."""
        self.app.push_screen(AgreementFormModal(self.state.latest).carry_on(draft), self._saved)

    def action_sign(self) -> None:
        latest = self.state.latest
        if latest is None or is_empty(latest):
            self.notify("Write the agreement first: press g or e.", markup=False)
        elif not missing_signers(latest):
            self.notify(f"Version {latest.number} is already signed by both.", markup=False)
        else:
            self.app.push_screen(SignModal(latest), self._signed)

    def _signed(self, version: AgreementVersion | None) -> None:
        if version is not None:
            self._after(f"Signed version {version.number}: {self.state.status}.")

    def action_versions(self) -> None:
        versions = self.journal.agreement.versions()
        if not versions:
            self.notify("No versions yet: the first one is made when you save.", markup=False)
            return
        self.app.push_screen(VersionsModal(versions))
