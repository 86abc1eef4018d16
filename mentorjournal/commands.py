"""The command palette: every section, the app's actions, and every key of the current screen.

A screen's keys come from its bindings (widgets/keys.py): title, help and key are written
once, in the Binding. `palette_commands()` adds what no key does (a filter by name, say)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from mentorjournal.core.sections import SECTIONS
from mentorjournal.core.text import printable
from mentorjournal.screens.base import OffersPaletteCommands
from mentorjournal.widgets.keys import screen_keys, title_of

if TYPE_CHECKING:
    from textual.screen import Screen

    from mentorjournal.app import MentorJournalApp


class JournalCommands(Provider):
    """'Open goals', 'Review together: on', and whatever the screen under the palette offers."""

    def _commands(self) -> Iterator[SystemCommand]:
        yield from screen_commands(self.screen)
        if isinstance(self.screen, OffersPaletteCommands):
            yield from self.screen.palette_commands()
        app = cast("MentorJournalApp", self.app)
        if app.journal is None or app.journal.pair.get() is None:
            return
        for section in SECTIONS:
            yield SystemCommand(
                f"Open {section.title.lower()}", section.description,
                partial(app.open_section, section.name),
            )
        yield SystemCommand("Home", "Back to the home screen", app.go_home)
        yield SystemCommand("Add a win", "Note a win, small ones too (+, from any screen)",
                            app.action_add_win)
        yield SystemCommand(
            "Review together: " + ("leave" if app.review_together else "start"),
            "Hide private entries and fields while you look at the journal together (Ctrl+T)",
            app.action_toggle_review_together,
        )
        yield SystemCommand("Keys", "List the keys of this screen (F1)", app.action_help)
        yield SystemCommand("Export to Markdown", "Preview the journal as one Markdown "
                            "document and write it to a file", partial(_open_export, app))
        yield SystemCommand("Export calendar", "Write meetings, homework and key dates to "
                            "~/mentoring-calendar.ics for your calendar app",
                            partial(_export_calendar, app))

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Content(printable(command.title)), command.callback,
                               text=command.title, help=_literal(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(printable(command.title)), command.callback,
                          text=command.title, help=_literal(command.help))


def screen_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """A command for each key of ours on `screen` that can act now: what it does, then its
    key and screen ('Find meetings by text, tag, mode and dates' · 'f or / · Meetings').

    The app's own keys (`app.` actions) are offered once, below, not per screen; keys that
    act where the cursor is (moving it, typing a rating) are not offered.
    """
    where = f" · {title}" if (title := title_of(screen)) else ""
    for key in screen_keys(screen):
        if key.binding.action.startswith("app.") or not key.in_palette or not key.available():
            continue
        yield SystemCommand(key.words, f"{key.binding.description}: {key.display(screen.app)}"
                            f"{where}",
                            partial(screen.app.run_action, key.binding.action, key.node))


def _open_export(app: MentorJournalApp) -> None:
    from mentorjournal.screens.export_screen import open_export  # loaded when first used

    open_export(app)


def _export_calendar(app: MentorJournalApp) -> None:
    from mentorjournal.screens.calendar_export import export_calendar_file  # icalendar: late

    export_calendar_file(app)


def _literal(text: str) -> str:
    """The palette parses help text as markup: titles of goals and the like must stay text."""
    return escape(printable(text))
