"""The agreement's editors: the whole form at once, or the guided flow one section at a time."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, Select, Static, TextArea

from mentorjournal.core.agreement import SECTIONS, AgreementSection, parse_agreement
from mentorjournal.core.model import AgreementVersion
from mentorjournal.screens.form_modal import FormModal
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.agreement_fields import FIELD_WIDGET_ID, read_editors, section_editors
from mentorjournal.widgets.keys import FORM


def _section_of(field: str) -> AgreementSection | None:
    return next((s for s in SECTIONS if field in s.fields), None)


class AgreementEditorModal(FormModal[AgreementVersion]):
    """What both editors share: read, check, save, keep the input on any error."""

    FIELD_INPUTS = FIELD_WIDGET_ID
    enter_submits = False
    draft_kind = "agreement"  # one draft for both editors: they have the same inputs

    def __init__(self, base: AgreementVersion | None) -> None:
        super().__init__()
        self.base = base or AgreementVersion()

    def prepare(self) -> Callable[[], AgreementVersion]:
        version = parse_agreement(read_editors(self), self.journal.today(), self.base)
        return lambda: self.journal.agreement.save(version)


class AgreementFormModal(AgreementEditorModal):
    """Every section in one scrolling form."""

    heading = "Edit the agreement"

    def frame(self) -> Widget:
        return VerticalScroll(classes="form agreement-form")

    def fields(self) -> ComposeResult:
        for section in SECTIONS:
            yield Static(Content.assemble((section.title, "bold")),
                         classes="agreement-step-title")
            yield Static(Content(section.prompt), classes="agreement-prompt")
            yield from section_editors(section, self.base)


class GuidedAgreementModal(AgreementEditorModal):
    """The sections as a sequence of short prompts; any of them may be skipped."""

    BINDINGS = [
        Binding("ctrl+n", "next", "Next", group=FORM,
                tooltip="The next question (an empty one is skipped)"),
        Binding("ctrl+b", "back", "Back", group=FORM, tooltip="The question before"),
        Binding("ctrl+s", "submit", "Save all", group=FORM,
                tooltip="Save every answer as the agreement"),
    ]
    heading = "The frank talk"
    heading_note = "one short question at a time; skip any and come back later."
    submit_label = "Save all"

    step = 0

    def frame(self) -> Widget:
        return VerticalScroll(classes="form agreement-form")

    def fields(self) -> ComposeResult:
        total = len(SECTIONS)
        with ContentSwitcher(initial="step-0", id="steps"):
            for index, section in enumerate(SECTIONS):
                with Vertical(id=f"step-{index}", classes="agreement-step"):
                    yield Static(Content.assemble(
                        (f"{index + 1} of {total} · {section.title}", "bold")),
                        classes="agreement-step-title")
                    yield Static(Content(section.prompt), classes="agreement-prompt")
                    yield from section_editors(section, self.base)

    def extra_buttons(self) -> ComposeResult:
        yield Button("Back", id="agreement-back")
        yield Button("Skip", id="agreement-next")

    def opened(self) -> None:
        self.go_to(0)

    def go_to(self, step: int) -> None:
        """Show step `step` and put the cursor in its first input."""
        self.step = max(0, min(step, len(SECTIONS) - 1))
        switcher = self.query_one("#steps", ContentSwitcher)
        switcher.current = f"step-{self.step}"
        self.query_one("#agreement-back", Button).disabled = self.step == 0
        self.query_one("#agreement-next", Button).disabled = self.step == len(SECTIONS) - 1
        self._label_next()
        current = switcher.query_one(f"#step-{self.step}")
        current.query("TextArea, Input, Select").first().focus()

    def _label_next(self) -> None:
        section = SECTIONS[self.step]
        typed = read_editors(self.query_one(f"#step-{self.step}"))
        answered = any(typed.get(f) for f in section.fields if f != "scheduler") or bool(
            typed.get("frequency_choice"))
        self.query_one("#agreement-next", Button).label = "Next" if answered else "Skip"

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _on_typed(self) -> None:
        self.clear_error()
        if self.is_mounted:
            self._label_next()

    @on(Button.Pressed, "#agreement-next")
    def action_next(self) -> None:
        self.go_to(self.step + 1)

    @on(Button.Pressed, "#agreement-back")
    def action_back(self) -> None:
        self.go_to(self.step - 1)

    def show_error(self, error: JournalError) -> None:
        section = _section_of(getattr(error, "field", ""))
        if section is not None:
            self.go_to(SECTIONS.index(section))
        super().show_error(error)
