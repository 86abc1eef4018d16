"""F1: the keys of the screen underneath, and the app-wide ones."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from mentorjournal.core.text import printable


class HelpModal(ModalScreen[None]):
    """Lists every key the screen underneath answers to."""

    DEFAULT_CSS = """
    HelpModal {
        align: center middle;
        & > VerticalScroll {
            width: 70; max-width: 95%; height: 80%; padding: 1 2;
            border: thick $primary; background: $surface;
        }
        DataTable { height: auto; }
    }
    """
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self._rows = sorted(
            {
                (binding.key_display or self.app.get_key_display(binding), binding.description)
                for (_, binding, enabled, _tooltip) in screen.active_bindings.values()
                if binding.description and enabled
            },
            key=lambda row: row[1].lower(),
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content.from_markup("[b]Keys[/b]  (Escape closes)"))
            yield DataTable(show_cursor=False, zebra_stripes=True)
            yield Static(
                "Ctrl+P opens the command palette: every section and action is there.",
                markup=False,
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Does")
        for key, description in self._rows:
            # rich Text, not Content: DataTable sizes its columns only from Text cells
            table.add_row(Text(key), Text(printable(description)))
