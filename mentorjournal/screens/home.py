"""The home screen: who the pair is, and a card per section with counts and next steps."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from mentorjournal.model import Pair
from mentorjournal.queries import home_summaries
from mentorjournal.screens.base import JournalAccess
from mentorjournal.sections import SECTIONS
from mentorjournal.widgets.section_card import SectionCard


def describe_pair(pair: Pair) -> Content:
    """'Ana, protégé · Sam, mentor · since 2026-05-27', names as literal text."""
    since = f" · since {pair.started_on.isoformat()}" if pair.started_on else ""
    owner = "the protégé's" if pair.owner.value == "protege" else "the mentor's"
    return Content.from_markup(
        "[b]$protege[/b] (protégé) and [b]$mentor[/b] (mentor)$since · $owner journal",
        protege=pair.protege, mentor=pair.mentor, since=since, owner=owner,
    )


class HomeScreen(JournalAccess, Screen[None]):
    """The pair at a glance; each card opens its section."""

    BINDINGS = [
        *(Binding(s.key, f"app.open_section('{s.name}')", s.title, show=False)
          for s in SECTIONS),
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Opening your journal…", id="pair", markup=False)
            with Grid(id="cards"):
                for section in SECTIONS:
                    yield SectionCard(section.name, section.title, section.key)
            yield Static(
                Content.from_markup(
                    "Press a card's letter or click it · [b]Ctrl+P[/b] finds anything · "
                    "[b]F1[/b] lists the keys"
                ),
                id="home-help",
            )
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    def on_mount(self) -> None:
        self.refresh_summary()

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """Show the journal's current counts (called when it opens and on every return)."""
        if self.mj.journal is None or not self.is_mounted:
            return
        pair = self.journal.pair()
        if pair is None:
            return  # the setup form is up: cards fill in once the pair is saved
        self.query_one("#pair", Static).update(describe_pair(pair))
        for summary in home_summaries(self.journal, include_private=self.show_private):
            card = self.query_one(f"#card-{summary.section}", SectionCard)
            card.show(summary.figure, summary.hint)

    @on(SectionCard.Chosen)
    def _open(self, event: SectionCard.Chosen) -> None:
        self.mj.open_section(event.section)
