"""The home screen: who the pair is, and a card per section with counts and next steps."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from mentorjournal.core.model import Pair
from mentorjournal.core.sections import SECTIONS
from mentorjournal.core.summaries import home_summaries
from mentorjournal.core.text import printable
from mentorjournal.core.wins import on_this_day
from mentorjournal.screens.base import JournalAccess
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, NAVIGATE, Purpose
from mentorjournal.widgets.on_this_day import OnThisDay
from mentorjournal.widgets.section_card import SectionCard


def describe_pair(pair: Pair) -> Content:
    """'Ana, protégé · Sam, mentor · since 2026-05-27', names as literal text."""
    since = f" · since {pair.started_on.isoformat()}" if pair.started_on else ""
    owner = "the protégé's" if pair.owner.value == "protege" else "the mentor's"
    return Content.from_markup(
        "[b]$protege[/b] (protégé) and [b]$mentor[/b] (mentor)$since · $owner journal",
        protege=printable(pair.protege), mentor=printable(pair.mentor), since=since, owner=owner,
    )


OPEN = Purpose("Open a section")


class HomeScreen(JournalAccess, Screen[None]):
    """The pair at a glance; each card opens its section."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("plus", "app.add_win", "Add a win", key_display="+", group=ADD,
                tooltip="Note a win, small ones too"),
        *(Binding(s.key, f"app.open_section('{s.name}')", s.title, show=False,
                  group=OPEN, tooltip=f"{s.title}: {s.description}") for s in SECTIONS),
        Binding("left,up", "app.focus_previous", "Previous card", show=False,
                group=NAVIGATE, tooltip="The card before"),
        Binding("right,down", "app.focus_next", "Next card", show=False,
                group=NAVIGATE, tooltip="The next card"),
    ]
    keys_title = "Home"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Opening your journal…", id="pair", markup=False)
            with Grid(id="cards"):
                for section in SECTIONS:
                    yield SectionCard(section.name, section.title, section.key)
            yield OnThisDay(id="home-on-this-day")
            yield Static(
                Content.from_markup(
                    "Press a card's letter or click it · [b]Ctrl+P[/b] finds anything · "
                    "[b]F1[/b] lists the keys"
                ),
                id="home-help",
            )
        yield Footer()

    _stale = False
    """A save changed the journal since home last showed it."""

    def on_mount(self) -> None:
        self.follow_journal_changes(self._journal_changed)
        self.follow_review_together(lambda _together: self.refresh_summary())
        self.refresh_summary()

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def _journal_changed(self, _: None) -> None:
        """After a save: refresh once the frame is drawn, if home is still in view then
        (under a dialog at most; otherwise returning home refreshes it)."""
        self._stale = True
        self.call_after_refresh(self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        stack = self.app.screen_stack
        if not self._stale or self not in stack:
            return
        if all(isinstance(screen, ModalScreen) for screen in stack[stack.index(self) + 1:]):
            self.refresh_summary()

    def refresh_summary(self) -> None:
        """Show the journal's current counts (when it opens, on every return, after saves)."""
        self._stale = False
        if self.mj.journal is None or not self.is_mounted:
            return
        pair = self.journal.pair.get()
        self.query_one("#pair", Static).update(
            describe_pair(pair) if pair else Content("A new journal: first, who are you two?")
        )
        if not self.journal.verified:
            return  # the cards follow once every record has been read
        for summary in home_summaries(self.journal, include_private=self.show_private):
            card = self.query_one(f"#card-{summary.section}", SectionCard)
            card.show(summary.figure, summary.hint, alert=summary.alert)
        self._show_on_this_day()

    def _show_on_this_day(self) -> None:
        started = pair.started_on if (pair := self.journal.pair.get()) else None
        entries = self.journal.entries.all(include_private=self.show_private)
        memories = on_this_day(self.journal.wins.all(), entries, self.journal.today(), started)
        self.query_one(OnThisDay).show(memories)

    @on(SectionCard.Chosen)
    def _open(self, event: SectionCard.Chosen) -> None:
        self.mj.open_section(event.section)
