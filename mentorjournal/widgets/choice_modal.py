"""ChoiceModal: a short message and a row of buttons; dismisses with the chosen key."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mentorjournal.core.text import printable


@dataclass(frozen=True)
class Choice:
    """One button: `key` is what the modal returns."""

    key: str
    label: str
    variant: str = "default"


class ChoiceModal(ModalScreen[str | None]):
    """Ask one question. The message is literal text (never markup); Escape returns None."""

    DEFAULT_CSS = """
    ChoiceModal {
        align: center middle;
        & > Vertical {
            width: 72; max-width: 90%; height: auto; padding: 1 2;
            border: thick $primary; background: $surface;
        }
        #choice-title { text-style: bold; margin-bottom: 1; }
        #choice-message { margin-bottom: 1; }
        Horizontal { height: auto; align-horizontal: right; }
        Button { margin-left: 1; }
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, choices: list[Choice]) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(printable(self._title)), id="choice-title")
            yield Static(Content(printable(self._message)), id="choice-message")
            with Horizontal():
                for choice in self._choices:
                    yield Button(
                        Content(printable(choice.label)), id=f"choice-{choice.key}",
                        variant=choice.variant,  # type: ignore[arg-type]
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
