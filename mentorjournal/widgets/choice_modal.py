"""ChoiceModal: a short question and a row of buttons; dismisses with the chosen key.

Every "are you sure" in the app is one of these, in one pattern (`ChoiceModal.confirm`):
the title asks the question ("Delete this win?"), the message says what happens, the
answer that changes nothing comes first, focused, and is what Escape means; the action,
named by its verb, comes last, on the right. Any ChoiceModal lays out its buttons that way:
the risky choices (a "warning" or "error" variant) always go last.
"""

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
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import FORM, MOVE

RISK = {"warning": 1, "error": 2}
"""How far right a choice goes: a risky choice is never first, nor focused first."""


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
            width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
            border: thick $primary; background: $surface;
        }
        #choice-title { text-style: bold; margin-bottom: 1; }
        #choice-message { margin-bottom: 1; height: auto; max-height: 12; overflow-y: auto; }
        Horizontal { height: auto; align-horizontal: right; }
        Button { margin-left: 1; min-width: 10; }
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", group=FORM,
                tooltip="Close the question, changing nothing"),
        Binding("left", "app.focus_previous", "Previous", show=False, group=MOVE,
                tooltip="The answer on the left"),
        Binding("right", "app.focus_next", "Next", show=False, group=MOVE,
                tooltip="The answer on the right"),
    ]

    def __init__(self, title: str, message: str, choices: list[Choice]) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._choices = sorted(choices, key=lambda c: RISK.get(c.variant, 0))

    @classmethod
    def confirm(cls, question: str, message: str, action: Choice,
                keep: str = "Keep it", also: tuple[Choice, ...] = ()) -> ChoiceModal:
        """An "are you sure": `keep` (changes nothing) first, `also`, then `action`."""
        return cls(question, message, [Choice("keep", keep, "primary"), *also, action])

    @property
    def keys_title(self) -> str:
        return self._title

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
        yield Footer()

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
