"""F1: the keys of the screen underneath grouped by what they are for, then the app's keys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from mentorjournal.core.text import printable
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import APP, FORM, Key, app_keys, screen_keys, title_of

EVERYWHERE = [
    ("Ctrl+P", "The command palette: every section and every action, found by typing"),
    ("Tab / Shift+Tab", "The next or previous field, list or button"),
]
"""Keys every screen answers to that Textual binds, described in our words."""


class HelpModal(ModalScreen[None]):
    """Lists the keys the screen underneath answers to, by purpose, in our words."""

    DEFAULT_CSS = """
    HelpModal {
        align: center middle;
        & > VerticalScroll {
            width: 84; max-width: 100%; height: auto; max-height: 100%; padding: 0 2;
            border: thick $primary; background: $surface;
        }
        .help-purpose { text-style: bold; color: $text-primary; margin-top: 1; }
        Grid { grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; height: auto; }
        .help-key { text-style: bold; }
    }
    """
    BINDINGS = [Binding("escape,q", "dismiss", "Close", tooltip="Close this list (F1 too)",
                        group=FORM)]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self._screen = screen
        self._title = title_of(screen) or "this screen"
        self._groups = _grouped(screen_keys(screen))

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content.from_markup("[b]Keys of $title[/b] · Escape closes",
                                             title=self._title))
            for purpose, rows in self._groups.items():
                yield from _group(purpose, [(key.display(self.app), key.words)
                                            for key in rows])
            yield from _group(APP.description, [
                *((key.display(self.app), key.words) for key in app_keys(self.app, self._screen)),
                *EVERYWHERE])
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


def _grouped(keys: list[Key]) -> dict[str, list[Key]]:
    groups: dict[str, list[Key]] = {}
    for key in keys:
        groups.setdefault(key.purpose, []).append(key)
    return groups


def _group(purpose: str, rows: list[tuple[str, str]]) -> ComposeResult:
    yield Static(Content(purpose), classes="help-purpose")
    with Grid():
        for key, words in rows:
            yield Static(Content(printable(key)), classes="help-key")
            yield Static(Content(printable(words)))
