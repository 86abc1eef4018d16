"""The agreement's editors: the whole form at once, or the guided flow one section at a time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, ContentSwitcher, Input, Select, Static, TextArea

from mentorjournal.core.agreement import SECTIONS, AgreementSection, parse_agreement
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import AgreementVersion
from mentorjournal.screens.base import JournalModal
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.agreement_fields import FIELD_WIDGET_ID, read_editors, section_editors
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer


def _section_of(field: str) -> AgreementSection | None:
    return next((s for s in SECTIONS if field in s.fields), None)


class AgreementEditorModal(JournalModal[AgreementVersion]):
    """What both editors share: read, check, save, keep the input on any error."""

    BINDINGS = [Binding("ctrl+s", "submit", "Save")]

    SUBMIT = "#agreement-save"

    def __init__(self, base: AgreementVersion | None) -> None:
        super().__init__()
        self.base = base or AgreementVersion()
        self._typed: dict[str, str] = {}

    def on_mount(self) -> None:
        self._typed = read_editors(self)

    def action_submit(self) -> None:
        try:
            version = parse_agreement(read_editors(self), self.journal.today(), self.base)
        except ValidationError as error:
            self.show_error(error)
            return
        self.save_form(lambda: self.journal.agreement.save(version))

    def show_error(self, error: JournalError) -> None:
        """Show the message and put the cursor on the field at fault (typed text stays)."""
        super().show_error(error)
        field = getattr(error, "field", "")
        target = FIELD_WIDGET_ID.get(field, field)
        if target and self.query(f"#{target}"):
            self.query_one(f"#{target}").focus()

    def has_unsaved_changes(self) -> bool:
        return read_editors(self) != self._typed

    def action_dismiss_modal(self) -> None:
        """Escape: ask before dropping typed changes."""
        if not self.has_unsaved_changes():
            self.dismiss(None)
            return
        self.app.push_screen(
            ChoiceModal("Discard your changes?", "What you typed here has not been saved.",
                        [Choice("keep", "Keep editing", "primary"),
                         Choice("discard", "Discard", "error")]),
            self._discard_chosen,
        )

    def _discard_chosen(self, key: str | None) -> None:
        if key == "discard":
            self.dismiss(None)


class AgreementFormModal(AgreementEditorModal):
    """Every section in one scrolling form."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="form agreement-form"):
            yield Static(Content.from_markup("[b]Edit the agreement[/b]"))
            with VerticalScroll():
                for section in SECTIONS:
                    yield Static(Content.assemble((section.title, "bold")),
                                 classes="agreement-step-title")
                    yield Static(Content(section.prompt), classes="agreement-prompt")
                    yield from section_editors(section, self.base)
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="agreement-save")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query(TextArea).first().focus()

    @on(Button.Pressed, "#agreement-save")
    def _save_pressed(self) -> None:
        self.action_submit()


class GuidedAgreementModal(AgreementEditorModal):
    """The sections as a sequence of short prompts; any of them may be skipped."""

    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+b", "back", "Back"),
        Binding("ctrl+s", "submit", "Save all"),
    ]

    step = 0

    def compose(self) -> ComposeResult:
        total = len(SECTIONS)
        with Vertical(classes="form agreement-form"):
            yield Static(Content.from_markup(
                "[b]The frank talk[/b] · one short question at a time; skip any and "
                "come back later."))
            with ContentSwitcher(initial="step-0", id="steps"):
                for index, section in enumerate(SECTIONS):
                    with Vertical(id=f"step-{index}", classes="agreement-step"):
                        yield Static(Content.assemble(
                            (f"{index + 1} of {total} · {section.title}", "bold")),
                            classes="agreement-step-title")
                        yield Static(Content(section.prompt), classes="agreement-prompt")
                        yield from section_editors(section, self.base)
            yield Static("", id="form-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Back", id="agreement-back")
                yield Button("Skip", id="agreement-next")
                yield Button("Save all", variant="primary", id="agreement-save")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
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

    @on(Button.Pressed, "#agreement-save")
    def _save_pressed(self) -> None:
        self.action_submit()

    def show_error(self, error: JournalError) -> None:
        section = _section_of(getattr(error, "field", ""))
        if section is not None:
            self.go_to(SECTIONS.index(section))
        super().show_error(error)
