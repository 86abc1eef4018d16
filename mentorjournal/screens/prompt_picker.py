"""PromptModal: pick a writing prompt (built-in or the pair's own), or add your own."""

from __future__ import annotations

from mentorjournal.core.model import Prompt
from mentorjournal.screens.base import JournalAccess
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.pick_modal import PickModal


class PromptModal(JournalAccess, PickModal):
    """Dismisses with the chosen prompt; a prompt typed below is saved and stays listed."""

    def __init__(self) -> None:
        super().__init__("Writing prompts: pick one to start from", [],
                         add_placeholder="Add your own prompt and press Enter")

    def on_mount(self) -> None:
        self.set_options(self.journal.entries.prompts())
        self.query_one("OptionList").focus()

    def add_option(self, text: str) -> None:
        self.save(lambda: self.journal.entries.add_prompt(text), self._added, self._refused)

    def _added(self, prompt: Prompt) -> None:
        self.query_one("#pick-add").clear()  # type: ignore[attr-defined]
        self.show_error("")
        self.set_options(self.journal.entries.prompts(), highlight=prompt.text)
        self.notify("Prompt added.")

    def _refused(self, error: JournalError) -> None:
        self.show_error(str(error))
