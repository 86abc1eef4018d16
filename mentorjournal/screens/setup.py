"""The first-run form: who the pair is and whose journal this is."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from mentorjournal.core.dates import parse_date, parse_optional_date
from mentorjournal.core.model import Pair, Role
from mentorjournal.core.text import MAX_NAME
from mentorjournal.screens.form_modal import FormModal


class PairSetupModal(FormModal[Pair]):
    """Asks for the pair in one short form; dismisses with the saved Pair.

    A journal needs its pair: leaving this form (Escape, or Quit) quits the app, after
    asking as every form does when names were typed (they may be kept as a draft, offered
    back at the next start), rather than leave a half-made journal.
    """

    heading = "Welcome to mentorjournal"
    submit_label = "Start the journal"
    cancel_label = "Quit"
    draft_kind = "pair"

    def fields(self) -> ComposeResult:
        today = self.journal.today().isoformat()
        yield Static("One private file for your whole mentoring relationship. "
                     "First, who are you two?", markup=False)
        with Horizontal(classes="row"):
            with Vertical():
                yield Label("Protégé's name (drives the bus)")
                yield Input(id="protege", max_length=MAX_NAME, placeholder="e.g. Ana Lima")
            with Vertical():
                yield Label("Mentor's name (the GPS)")
                yield Input(id="mentor", max_length=MAX_NAME, placeholder="e.g. Sam Okafor")
        with Horizontal(classes="row"):
            with Vertical():
                yield Label("Whose journal is this?")
                yield Select(
                    [("The protégé's", Role.PROTEGE), ("The mentor's", Role.MENTOR)],
                    value=Role.PROTEGE, allow_blank=False, id="owner",
                )
            with Vertical():
                yield Label("Started on")
                yield Input(today, id="started_on", placeholder="YYYY-MM-DD or 'today'")
            with Vertical():
                yield Label("Planned end (optional)")
                yield Input(id="planned_end", placeholder="YYYY-MM-DD")

    def prepare(self) -> Callable[[], Pair]:
        today = self.journal.today()
        pair = Pair(
            mentor=self.value("mentor").strip(), protege=self.value("protege").strip(),
            owner=Role(self.choice("owner")),
            started_on=parse_date(self.value("started_on"), today, field="started_on"),
            planned_end=parse_optional_date(self.value("planned_end"), today,
                                            field="planned_end"))
        return lambda: self.journal.pair.save(pair)

    def leave(self) -> None:
        self.app.exit()
