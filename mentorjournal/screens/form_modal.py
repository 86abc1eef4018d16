"""FormModal: the one form scaffold. A heading, the fields, one error line, Cancel and Save."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any, ClassVar, TypeAlias, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea
from textual.widgets.button import ButtonVariant
from textual.widgets.select import InvalidSelectValueError
from textual.widgets.selection_list import Selection

from mentorjournal.core.errors import ValidationError
from mentorjournal.screens.base import JournalModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.form_field import FormField, JSONValue

T = TypeVar("T")

FormValues: TypeAlias = "dict[str, JSONValue]"
"""What a form's inputs hold, by input id, as plain JSON values (what a draft keeps)."""

LEAVE_TITLE = "Discard your changes?"
LEAVE_MESSAGE = "What you typed here has not been saved."


_INPUTS = (Input, TextArea, Select, Checkbox, SelectionList)


class FormModal(JournalModal[T]):
    """A form that saves once through the save queue and closes with the saved result.

    A form sets `heading` (and `submit_label`), yields its inputs from `fields()`, each
    with the id its core rule names (`ValidationError.field`), and implements `prepare()`:
    read what was typed (`value`, `choice`, `ticked`), parse dates and numbers, and return
    the operation that saves. The core's checks run in that operation: a refusal comes
    back word for word beside the kept input, with the cursor on the field at fault.
    Ctrl+S and the primary button submit; Enter in a line does too (`enter_submits`).
    Escape or Cancel closes at once when nothing changed since the form opened, and asks
    one question otherwise. `leave`, `discard` and `saved` are the hooks to change what
    closing does; `opened` runs once the form is shown.
    """

    DEFAULT_CSS = """
    FormModal {
        align: center middle;
        .form-actions { dock: bottom; height: auto; background: $surface; }
    }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "Save")]  # Escape: JournalModal's
    heading = ""
    heading_note = ""
    """Shown after the heading, not bold: a word on how to use the form."""
    submit_label = "Save"
    submit_variant: ButtonVariant = "primary"
    cancel_label = "Cancel"
    enter_submits: ClassVar[bool] = True
    """Enter in a one-line input submits; False: it moves on to the next input."""
    writes: ClassVar[bool] = True
    """False for a form that writes nothing (a search): its result is ready at once,
    not after the queued saves, and leaving it never asks."""
    keeps_drafts: ClassVar[bool] = False
    """True when the form can put what was typed away as a draft (`keep_draft`)."""
    footer: ClassVar[bool] = False
    """True for a form with keys of its own: the key footer is shown below it."""

    def __init__(self) -> None:
        super().__init__()
        self._opened_with: FormValues | None = None
        self._waiting = False

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with self.frame():
            yield Static(self.heading_content(), classes="form-heading")
            yield from self.fields()
            with Vertical(classes="form-actions"):  # docked: always in view
                yield Static("", id="form-error", markup=False)
                with Horizontal(classes="buttons"):
                    yield from self.extra_buttons()
                    yield Button(self.cancel_label, id="cancel")
                    yield Button(self.submit_label, variant=self.submit_variant, id="submit")
        if self.footer:
            yield Footer()

    def frame(self) -> Widget:
        """The container of the whole form (another one for another layout)."""
        return VerticalScroll(classes="form")

    def heading_content(self) -> Content:
        heading = Content.from_markup("[b]$heading[/b]", heading=self.heading)
        return heading + Content(f" · {self.heading_note}") if self.heading_note else heading

    def fields(self) -> ComposeResult:
        """The form's labels and inputs."""
        yield from ()

    def extra_buttons(self) -> ComposeResult:
        """Buttons before Cancel (Back, Skip...); none by default."""
        yield from ()

    def on_mount(self) -> None:
        self._opened_with = self.form_values()
        self.opened()

    def opened(self) -> None:
        """The form is shown: by default the cursor goes to the first text input."""
        for widget in self.query("Input, TextArea"):
            widget.focus()
            return

    # -- reading and restoring the inputs ---------------------------------------

    def value(self, field: str) -> str:
        """The text in the Input or TextArea with id `field`."""
        widget = self.query_one(f"#{field}")
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input), f"#{field} is not a text input"
        return widget.value

    def choice(self, field: str) -> Any:
        """The value chosen in the Select `field`; None when nothing is chosen."""
        chosen = self.query_one(f"#{field}", Select).value
        return None if chosen is Select.NULL else chosen

    def ticked(self, field: str) -> bool:
        return self.query_one(f"#{field}", Checkbox).value

    def form_values(self) -> FormValues:
        """Every input's value by id, as plain JSON values (a choice of an enum: its value)."""
        return {widget.id: _read(widget) for widget in _inputs(self) if widget.id}

    def restore_values(self, values: FormValues) -> None:
        """Put `values` (from `form_values`, perhaps of an earlier visit) into the inputs.

        Ids the form no longer has are ignored, and so is a choice no longer offered.
        A choice among enum members is restored as its plain value, which equals the
        member: read it back with the enum (`VisionKind(self.choice("kind"))`).
        """
        for widget in _inputs(self):
            if widget.id in values:
                _restore(widget, values[widget.id])

    def has_unsaved_changes(self) -> bool:
        """True when an input holds something else than when the form opened."""
        return (self.writes and self._opened_with is not None
                and self.form_values() != self._opened_with)

    # -- submitting --------------------------------------------------------------

    def prepare(self) -> Callable[[], T]:
        """Read and parse the input; return the save to run (ValidationError refuses)."""
        raise NotImplementedError

    def saved(self, result: T) -> None:
        """The save is on disk: by default the form closes with its result."""
        self.dismiss(result)

    def action_submit(self) -> None:
        if self._waiting:
            return  # one save at a time: Ctrl+S again while it runs does nothing
        try:
            operation = self.prepare()
        except ValidationError as error:
            self.show_error(error)
            return
        if self.writes:
            self.save_form(operation, self.saved)
        else:
            self.saved(operation())

    def _wait(self, waiting: bool) -> None:
        self._waiting = waiting
        super()._wait(waiting)

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.enter_submits:
            self.action_submit()
        else:
            self.focus_next()

    # -- leaving -----------------------------------------------------------------

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_dismiss_modal()

    def action_dismiss_modal(self) -> None:
        """Escape or Cancel: close at once when nothing changed; otherwise ask first."""
        if not self.has_unsaved_changes():
            self.leave()
            return
        choices = [Choice("keep", "Keep editing", "primary")]
        if self.keeps_drafts:
            choices.append(Choice("draft", "Keep as draft"))
        choices.append(Choice("discard", "Discard", "error"))
        self.app.push_screen(ChoiceModal(LEAVE_TITLE, LEAVE_MESSAGE, choices),
                             self._leave_chosen)

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "discard":
            self.discard()
        elif choice == "draft":
            self.keep_draft()

    def leave(self) -> None:
        """Close without saving (nothing typed, or the typing discarded)."""
        self.dismiss(None)

    def discard(self) -> None:
        """The user chose to lose what was typed."""
        self.leave()

    def keep_draft(self) -> None:
        """The user chose to keep what was typed as a draft (when `keeps_drafts`)."""
        self.leave()


def _inputs(node: Widget) -> Iterator[Widget]:
    """The inputs under `node` (not the parts of an input, such as a Select's list)."""
    for child in node.children:
        if isinstance(child, _INPUTS) or (isinstance(child, FormField) and child.id):
            yield child
        else:
            yield from _inputs(child)


def _plain(value: object) -> JSONValue:
    if value is Select.NULL or value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    return value if isinstance(value, str | int | float | bool) else str(value)


def _read(widget: Widget) -> JSONValue:
    if isinstance(widget, FormField):
        return widget.form_value()
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, Select):
        return _plain(widget.value)
    assert isinstance(widget, SelectionList)
    return [_plain(value) for value in widget.selected]


def _restore(widget: Widget, value: JSONValue) -> None:
    if isinstance(widget, FormField):
        widget.restore_form_value(value)
    elif isinstance(widget, Input | TextArea) and isinstance(value, str):
        if isinstance(widget, Input):
            widget.value = value
        else:
            widget.text = value
    elif isinstance(widget, Checkbox) and isinstance(value, bool):
        widget.value = value
    elif isinstance(widget, Select):
        # An option gone since (a deleted goal): the choice stays as it is.
        with contextlib.suppress(InvalidSelectValueError):
            widget.value = Select.NULL if value is None else value
    elif isinstance(widget, SelectionList) and isinstance(value, list):
        options = (widget.get_option_at_index(i) for i in range(widget.option_count))
        offered = {option.value for option in options if isinstance(option, Selection)}
        widget.deselect_all()
        for selected in value:
            if selected in offered:
                widget.select(selected)
