"""FormModal: the one form scaffold. A heading, the fields, one error line, Cancel and Save."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Self, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea
from textual.widgets.button import ButtonVariant

from mentorjournal.core.drafts import DraftKey, is_private
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Draft
from mentorjournal.core.text import printable
from mentorjournal.screens.base import JournalModal
from mentorjournal.screens.drafts import (
    LEAVE_MESSAGE,
    LEAVE_TITLE,
    DraftKeeper,
    leave_question,
    offer_draft,
)
from mentorjournal.screens.form_values import FormValues, read_inputs, restore_inputs
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import FORM

__all__ = ["LEAVE_MESSAGE", "LEAVE_TITLE", "FormModal", "FormValues"]

T = TypeVar("T")


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

    A form with a `draft_kind` keeps what is typed as the draft of `draft_key` (its kind
    and `draft_target()`, the record it edits) at most a second behind the typing, offers
    a waiting draft back when it opens (or restores the one it was opened with,
    `carry_on`), and removes it in the same write that saves the form.
    """

    DEFAULT_CSS = """
    FormModal {
        align: center middle;
        .form-actions { dock: bottom; height: auto; background: $surface; }
    }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "Save", tooltip="Save the form and close it",
                        group=FORM)]  # Escape: JournalModal's
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
    draft_kind = ""
    """The kind of draft this form keeps (a kind of core/drafts.py's KINDS); "": none."""

    def __init__(self) -> None:
        super().__init__()
        self._opened_with: FormValues | None = None
        self._waiting = False
        self._carry_on: Draft | None = None
        self.drafts: DraftKeeper | None = None
        """Keeps the typing as this form's draft (None: the form keeps none)."""

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
        yield Footer()  # every dialog shows its own keys

    def frame(self) -> Widget:
        """The container of the whole form (another one for another layout)."""
        return VerticalScroll(classes="form")

    @on(events.DescendantFocus)
    def _keep_in_view(self, event: events.DescendantFocus) -> None:
        """Scroll the focused input clear of the docked buttons: the screen scrolls only
        what it cannot see, and it sees what the buttons cover."""
        frame = next(iter(self.query(".form, #editor")), None)
        if frame is not None and frame.is_scrollable:
            self.call_after_refresh(frame.scroll_to_widget, event.widget, animate=False)

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
        waiting = self._start_drafts()
        self.opened()
        if waiting is not None:
            offer_draft(self, waiting, self._restore_draft, later=False)

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
        return read_inputs(self)

    def restore_values(self, values: FormValues) -> None:
        """Put `values` (from `form_values`, perhaps of an earlier visit) into the inputs.

        Ids the form no longer has are ignored, and so is a choice no longer offered.
        A choice among enum members is restored as its plain value, which equals the
        member: read it back with the enum (`VisionKind(self.choice("kind"))`).
        """
        restore_inputs(self, values)

    def has_unsaved_changes(self) -> bool:
        """True when an input holds something else than when the form opened."""
        return (self.writes and self._opened_with is not None
                and self.form_values() != self._opened_with)

    # -- drafts ----------------------------------------------------------------------

    @property
    def keeps_drafts(self) -> bool:
        """True when what is typed can be put away as a draft (`keep_draft`)."""
        return self.drafts is not None and not self.drafts.closed

    def draft_target(self) -> int | None:
        """The id of the record the form edits (None: a new one); with the kind, the key."""
        return None

    @property
    def draft_key(self) -> DraftKey:
        return DraftKey(self.draft_kind, self.draft_target())

    def carry_on(self, draft: Draft) -> Self:
        """Open the form with `draft`'s text put back (the user chose to restore it)."""
        self._carry_on = draft
        return self

    def _start_drafts(self) -> Draft | None:
        """Start keeping drafts; returns a draft of this target to offer back, if one waits."""
        if not self.draft_kind or not self.writes or self.journal.readonly:
            return None
        assert self._opened_with is not None
        waiting = self._carry_on or self.journal.drafts.find(self.draft_key)
        if waiting is not None and is_private(waiting) and not self.show_private:
            return None  # a private draft, hidden while reviewing together: left untouched
        self.drafts = DraftKeeper(self, self.draft_key, self.form_values, self._opened_with,
                                  self.draft_kept)
        if waiting is not None and waiting is self._carry_on:
            self._restore_draft(waiting)
            return None
        return waiting

    def _restore_draft(self, draft: Draft) -> None:
        self.restore_values(draft.fields)
        if self.drafts is None:
            return
        if DraftKey.of(draft) == self.draft_key:
            self.drafts.adopt(draft.fields)
        else:  # its record is gone (a new one is made): the text moves to this form's key
            drafts = self.journal.drafts
            self.save(lambda: drafts.discard(draft))
            self.drafts.touch()

    def draft_kept(self, error: JournalError | None) -> None:
        """A draft write finished (`error`: it failed; the typing stays in the form)."""
        if error is not None and self.is_attached:
            self.query_one("#form-error", Static).update(
                Content(printable(f"Draft not kept: {error}")))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _typed_for_draft(self) -> None:
        if self.drafts is not None and not self._waiting:
            self.drafts.touch()

    def keep_typing_as_draft(self) -> None:
        """Queue the draft of what is typed now (quitting: nobody is asked)."""
        if self.drafts is not None and not self.drafts.closed and self.has_unsaved_changes():
            self.drafts.keep()

    def discard_typing(self) -> None:
        """Forget what was typed, draft included (the user chose to discard it)."""
        if self.drafts is not None:
            self.drafts.discard()
            self.drafts.close()

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
        if not self.writes:
            self.saved(operation())
            return
        if self.drafts is not None:
            self.drafts.stop()  # no draft write lands after the save
            key, drafts, save = self.draft_key, self.journal.drafts, operation
            operation = lambda: drafts.settle(key, save)  # noqa: E731
        self.save_form(operation, self._saved_with_draft)

    def _saved_with_draft(self, result: T) -> None:
        if self.drafts is not None:
            self.drafts.saved()
        self.saved(result)

    def show_error(self, error: JournalError) -> None:
        super().show_error(error)
        if self.drafts is not None:
            self.drafts.touch()  # not saved: the typing is kept as a draft meanwhile

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
            if self.drafts is not None:
                self.drafts.discard()  # typing undone: no draft is left behind
                self.drafts.close()
            self.leave()
            return
        self.app.push_screen(leave_question(keeps_drafts=self.keeps_drafts),
                             self._leave_chosen)

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "discard":
            self.discard()
        elif choice == "draft":
            self.keep_draft()

    def leave(self) -> None:
        """Close without saving (nothing typed, or the typing discarded or kept as a draft)."""
        self.dismiss(None)

    def discard(self) -> None:
        """The user chose to lose what was typed (and its draft)."""
        self.discard_typing()
        self.leave()

    def keep_draft(self) -> None:
        """The user chose to keep what was typed as a draft (when `keeps_drafts`)."""
        if self.drafts is not None:
            self.drafts.keep()
            self.drafts.close()
        self.leave()
