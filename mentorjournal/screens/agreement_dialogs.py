"""Signing the agreement, and reading its older versions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from mentorjournal.core.agreement import agreement_state, diff_versions, missing_signers
from mentorjournal.core.model import AgreementVersion, Role
from mentorjournal.core.text import MAX_NAME
from mentorjournal.screens.base import JournalModal
from mentorjournal.screens.form_modal import FormModal
from mentorjournal.widgets.agreement_view import AgreementView, signatures_content
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import FORM, LEAVE


class SignModal(FormModal[AgreementVersion]):
    """Sign the latest version by typing your name as it is written in the pair."""

    BINDINGS = [Binding("ctrl+s", "submit", "Sign", group=FORM,
                        tooltip="Sign the agreement as the partner chosen")]
    submit_label = "Sign"

    def __init__(self, version: AgreementVersion) -> None:
        super().__init__()
        self.version = version
        self.heading = f"Sign version {version.number}"

    def fields(self) -> ComposeResult:
        waiting = missing_signers(self.version) or list(Role)
        yield Static(
            "By signing you confirm you have read the agreement, you have the time it "
            "asks of you, and you want to do this.", markup=False)
        yield Label("Signing as")
        yield Select([(f"the {r.label}", r.value) for r in waiting], allow_blank=False,
                     value=waiting[0].value, id="role")
        yield Label("Type your name as written in the pair")
        yield Input(id="name", max_length=MAX_NAME)

    def prepare(self) -> Callable[[], AgreementVersion]:
        role, typed = Role(self.choice("role")), self.value("name")
        return lambda: self.journal.agreement.sign(role, typed)


def version_label(version: AgreementVersion, latest: bool) -> Content:
    created = f" · {version.created_at:%Y-%m-%d}" if version.created_at else ""
    current = " · current" if latest else ""
    signers = {s.role for s in version.signatures}
    state = ("signed by both" if signers >= set(Role)
             else "signed by one" if signers else "not signed")
    return Content(f"v{version.number}{created}{current}\n  {state}")


class VersionsModal(JournalModal[None]):
    """Every version, newest first; the highlighted one is shown read-only beside the list."""

    BINDINGS = [Binding("escape,q", "dismiss_modal", "Close", group=LEAVE,
                        tooltip="Back to the agreement")]
    keys_title = "Agreement versions"

    def __init__(self, versions: list[AgreementVersion]) -> None:
        super().__init__()
        self.versions = sorted(versions, key=lambda v: v.number, reverse=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="agreement-versions"):
            yield Static(Content.from_markup(
                "[b]Agreement versions[/b] · read-only; pick one with ↑ ↓ or the mouse; "
                "sections changed from the version before are marked"))
            with Horizontal():
                yield OptionList(*(Option(version_label(v, i == 0), id=str(v.number))
                                   for i, v in enumerate(self.versions)), id="version-list")
                with Vertical(id="version-detail"):
                    yield Static("", id="version-signatures", markup=False)
                    yield AgreementView(id="version-view")
        yield Footer()

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.highlighted = 0
        option_list.focus()
        self._show(0)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def _show(self, index: int) -> None:
        if not self.versions:
            return
        version = self.versions[index]
        self.query_one("#version-signatures", Static).update(
            signatures_content(version.signatures))
        previous = self.versions[index + 1] if index + 1 < len(self.versions) else None
        changed = diff_versions(previous, version) if previous else []
        self.query_one(AgreementView).show(version, (c.section.key for c in changed))


def status_line(versions: list[AgreementVersion], today: date) -> Content:
    """'Version 2 · Signed by both · next review 2026-12-25', for the screen's top line."""
    state = agreement_state(versions)
    latest = state.latest
    number = f"Version {latest.number} · " if latest else ""
    review = ""
    if latest is not None and latest.review_on is not None:
        due = "review due since" if latest.review_on <= today else "next review"
        review = f" · {due} {latest.review_on.isoformat()}"
    return Content.assemble((f"{number}{state.status.capitalize()}", "bold"), review)
