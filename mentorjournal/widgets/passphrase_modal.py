"""PassphraseModal: asks for an encrypted journal's passphrase; dismisses with it, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from mentorjournal.core.text import printable
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import LEAVE


class PassphraseModal(ModalScreen[str | None]):
    """The passphrase, typed hidden. `problem` says what went wrong with the last one.

    Enter or Unlock returns what was typed (nothing typed: nothing happens); Quit or
    Escape returns None.
    """

    DEFAULT_CSS = """
    PassphraseModal {
        align: center middle;
        & > Vertical {
            width: 72; max-width: 90%; height: auto; padding: 1 2;
            border: thick $primary; background: $surface;
        }
        #passphrase-title { text-style: bold; margin-bottom: 1; }
        #passphrase-problem { color: $text-error; margin-top: 1; }
        Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
        Button { margin-left: 1; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Quit", group=LEAVE,
                        tooltip="Quit without opening the journal; nothing is changed")]

    keys_title = "Unlock the journal"
    """What F1 calls this dialog."""

    def __init__(self, journal_name: str, problem: str = "") -> None:
        super().__init__()
        self._journal_name = journal_name
        self._problem = problem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("The journal is encrypted", id="passphrase-title")
            yield Static(Content(printable(f"Type the passphrase of {self._journal_name}.")),
                         id="passphrase-message")
            yield Input(password=True, placeholder="passphrase", id="passphrase")
            if self._problem:
                yield Static(Content(printable(self._problem)), id="passphrase-problem")
            with Horizontal():  # one order in every dialog: the way out, then the action
                yield Button("Quit", id="passphrase-quit")
                yield Button("Unlock", id="passphrase-unlock", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#passphrase-unlock")
    def _unlock(self) -> None:
        typed = self.query_one(Input).value
        if typed:
            self.dismiss(typed)

    @on(Button.Pressed, "#passphrase-quit")
    def action_cancel(self) -> None:
        self.dismiss(None)
