"""PickModal: choose one of a few strings (a tag, a mood); optionally add a new one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import FORM


class PickModal(ModalScreen[str | None]):
    """A titled list of literal strings; Enter or a click picks, Escape returns None.

    With `add_placeholder`, an input below the list hands new text to `add_option`,
    which a subclass implements (save it, then `set_options`; the modal stays open).
    """

    DEFAULT_CSS = """
    PickModal {
        align: center middle;
        & > Vertical {
            width: 80; max-width: 95%; height: auto; max-height: 90%; padding: 1 2;
            border: thick $primary; background: $surface;
        }
        #pick-title { text-style: bold; margin-bottom: 1; }
        OptionList { height: auto; max-height: 20; }
        Input { margin-top: 1; }
        #pick-error { color: $text-error; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", group=FORM,
                        tooltip="Close without choosing")]

    def __init__(self, title: str, options: list[str], *, add_placeholder: str = "",
                 empty: str = "Nothing to choose from yet.") -> None:
        super().__init__()
        self._title = title
        self._options = options
        self._add_placeholder = add_placeholder
        self._empty = empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self._title), id="pick-title")
            yield OptionList()
            if self._add_placeholder:
                yield Input(placeholder=self._add_placeholder, id="pick-add")
                yield Static(id="pick-error", markup=False)
        yield Footer()

    @property
    def keys_title(self) -> str:
        return self._title

    def on_mount(self) -> None:
        self.set_options(self._options)
        self.query_one(OptionList).focus()

    def set_options(self, options: list[str], highlight: str | None = None) -> None:
        """Replace the choices (each shown literally), keeping `highlight` under the cursor."""
        self._options = options
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        if not options:
            option_list.add_option(Option(Content(self._empty), disabled=True))
            return
        option_list.add_options(Option(Content(text)) for text in options)
        option_list.highlighted = options.index(highlight) if highlight in options else 0

    def show_error(self, message: str) -> None:
        self.query_one("#pick-error", Static).update(Content(message))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._options[event.option_index])

    @on(Input.Submitted, "#pick-add")
    def _add(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.add_option(event.value)

    def add_option(self, text: str) -> None:
        """Called with the text typed in the add input (override to save it)."""

    def action_cancel(self) -> None:
        self.dismiss(None)
