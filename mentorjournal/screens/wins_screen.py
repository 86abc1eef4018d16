"""The wins wall: every win as a card, newest first, with filters, a chart and memories."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Select, Static

from mentorjournal.core.model import Draft, Win, WinSize
from mentorjournal.core.text import one_line
from mentorjournal.core.wins import (
    Period,
    WinFilter,
    filter_wins,
    link_label,
    on_this_day,
    wins_per_month,
)
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.win_form import WinFormModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, FIND
from mentorjournal.widgets.month_bars import MonthBars
from mentorjournal.widgets.on_this_day import OnThisDay
from mentorjournal.widgets.win_card import WinCard
from mentorjournal.widgets.win_filter_bar import WinFilterBar
from mentorjournal.widgets.win_wall import WinWall

if TYPE_CHECKING:
    from textual.app import SystemCommand

GLOW_SECONDS = 4.0


class WinsScreen(SectionScreen):
    """The wins wall. Keys: + add, e edit, d delete, u undo, b big only, p period, c clear."""

    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("plus", "app.add_win", "Add", key_display="+", group=ADD,
                tooltip="Add a win (+ works on every screen)"),
        Binding("e", "edit_win", "Edit", group=ADD,
                tooltip="Edit the highlighted win: text, date, size, link"),
        Binding("d,delete", "delete_win", "Delete", group=ADD,
                tooltip="Delete the highlighted win (asks first; u undoes)"),
        Binding("u", "undo_delete", "Undo", group=ADD,
                tooltip="Undo the last delete: the win is back"),
        Binding("b", "toggle_big", "Big only", group=FIND,
                tooltip="Show big wins only, or every size again"),
        Binding("p", "next_period", "Period", group=FIND,
                tooltip="Show this month, this quarter or all time"),
        Binding("g", "focus_goal", "Goal", group=FIND,
                tooltip="Pick a goal to show only its wins"),
        Binding("c", "clear_filter", "Clear filter", group=FIND,
                tooltip="Show every win again: no filter"),
    ]

    def __init__(self) -> None:
        super().__init__(name="wins")
        self.filter = WinFilter()
        self.last_deleted: Win | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield WinFilterBar(id="wins-bar")
        yield MonthBars(id="wins-chart")
        yield OnThisDay(limit=2, id="wins-memories")
        yield WinWall(id="wins-wall")
        yield Static("", id="wins-empty", classes="empty-state", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.follow_review_together(lambda _together: self.reload())
        self.query_one(WinWall).focus()

    def on_screen_resume(self) -> None:
        """Back from elsewhere: goals may have changed (a filtered goal may be gone)."""
        goals = self.journal.goals.all()
        if self.filter.goal_id not in {None, *(g.id for g in goals)}:
            self.filter = WinFilter(self.filter.size, None, self.filter.period)
        self.query_one(WinFilterBar).set_goals(goals)
        self.reload()

    def on_resize(self) -> None:
        memories = self.query_one(OnThisDay)
        limit = 1 if self.size.height < 30 else 2
        if memories.limit != limit:
            memories.limit = limit
            self.call_after_refresh(self.reload)  # not mid-layout: the new height must count

    # -- showing -----------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the wins again and redraw the wall, chart, counts and memories."""
        if not self.is_mounted:
            return
        journal, today = self.journal, self.journal.today()
        wins = journal.wins.all()
        shown = filter_wins(wins, self.filter, today)
        goals = {g.id: g for g in journal.goals.all()}
        meetings = {m.id: m for m in journal.meetings.all()}
        wall = self.query_one(WinWall)
        wall.set_cards([WinCard.of(w, link_label(w, goals, meetings)) for w in shown], select_id)
        pair = journal.pair.get()
        started = pair.started_on if pair else None
        charted = filter_wins(wins, WinFilter(self.filter.size, self.filter.goal_id), today)
        self.query_one(MonthBars).show(wins_per_month(charted, started, today))
        entries = journal.entries.all(include_private=self.show_private)
        self.query_one(OnThisDay).show(on_this_day(wins, entries, today, started))
        self._show_counts(wins, shown)

    def _show_counts(self, wins: list[Win], shown: list[Win]) -> None:
        big = sum(1 for w in shown if w.size is WinSize.BIG)
        count = f"{len(shown)} of {len(wins)} wins" if self.filter.active else f"{len(wins)} wins"
        self.query_one(WinFilterBar).show(self.filter, f"{count} · {big} big")
        self.query_one("#wins-bar").display = self.query_one(MonthBars).display = bool(wins)
        self.refresh_bindings()
        empty = self.query_one("#wins-empty", Static)
        empty.display = not shown
        wall = self.query_one(WinWall)
        if shown and not wall.display and self.focused is None:
            wall.focus()
        wall.display = bool(shown)
        if not wins:
            empty.update(Content.from_markup(
                "[b]No wins yet.[/b]\n\nSmall wins count too: a question you dared to ask, "
                "a draft you finished, a no you said kindly.\nPress [b]+[/b] to add one "
                "(from any screen), or [b]Ctrl+P[/b] → 'Add a win'."))
        elif not shown:
            empty.update(Content.from_markup(
                "[b]No wins match this filter.[/b]\n\nPress [b]c[/b] to show every win."))

    def show_new_win(self, win: Win) -> None:
        """Celebrate a win just added: select its card and let it glow for a moment."""
        if not filter_wins([win], self.filter, self.journal.today()):
            self.filter = WinFilter()
        self.reload(select_id=win.id)
        wall = self.query_one(WinWall)
        wall.glow(win.id)
        self.set_timer(GLOW_SECONDS, lambda: wall.glow(None) if wall.glowing == win.id else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dim the keys that have nothing to act on (no selected win, nothing to undo)."""
        if action in ("edit_win", "delete_win"):
            walls = self.query(WinWall)
            return bool(walls) and walls.first().selected is not None or None
        if action == "undo_delete":
            return self.last_deleted is not None or None
        return True

    # -- filters -----------------------------------------------------------------

    def set_filter(self, wanted: WinFilter) -> None:
        """Show only the wins that pass `wanted` (the filter bar follows)."""
        self.filter = wanted
        self.reload()

    @on(WinFilterBar.Changed)
    def _filter_picked(self, event: WinFilterBar.Changed) -> None:
        self.set_filter(event.wanted)

    def action_toggle_big(self) -> None:
        size = None if self.filter.size is WinSize.BIG else WinSize.BIG
        self.set_filter(WinFilter(size, self.filter.goal_id, self.filter.period))

    def action_next_period(self) -> None:
        periods = list(Period)
        period = periods[(periods.index(self.filter.period) + 1) % len(periods)]
        self.set_filter(WinFilter(self.filter.size, self.filter.goal_id, period))

    def action_clear_filter(self) -> None:
        self.set_filter(WinFilter())

    def action_focus_goal(self) -> None:
        self.query_one("#wins-goal", Select).focus()

    # -- editing -----------------------------------------------------------------

    def _selected_win(self) -> Win | None:
        card = self.query_one(WinWall).selected
        return self.journal.wins.get(card.win_id) if card else None

    @on(WinWall.Chosen)
    def action_edit_win(self) -> None:
        win = self._selected_win()
        if win is not None:
            self.app.push_screen(WinFormModal(win), self._edited)

    def restore_draft(self, draft: Draft) -> None:
        """A draft of changes to a win (a new win's form is the app's, `add_win`)."""
        if (win := self.journal.wins.get(draft.target_id or 0)) is not None:
            self.app.push_screen(WinFormModal(win).carry_on(draft), self._edited)

    def _edited(self, win: Win | None) -> None:
        if win is not None:
            self.notify("Win updated.")
            self.reload(select_id=win.id)

    def action_delete_win(self) -> None:
        win = self._selected_win()
        if win is None:
            return
        preview = one_line(win.text)
        preview = preview if len(preview) <= 200 else preview[:199] + "…"
        self.app.push_screen(
            ChoiceModal.confirm("Delete this win?", f"{win.won_on.isoformat()}: {preview}\n"
                                "It leaves the wall; u brings it back.",
                                Choice("delete", "Delete", "error")),
            partial(self._delete_chosen, win),
        )

    def _delete_chosen(self, win: Win, choice: str | None) -> None:
        if choice == "delete":
            self.save(lambda: self.journal.wins.delete(win), self._deleted)

    def _deleted(self, win: Win) -> None:
        self.last_deleted = win
        self.reload()
        self.notify("Win deleted. Press u to undo.", title="Deleted")

    def action_undo_delete(self) -> None:
        win = self.last_deleted
        if win is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.last_deleted = None
        self.save(lambda: self.journal.wins.restore(win), self._restored)

    def _restored(self, win: Win) -> None:
        self.notify("The win is back.")
        self.reload(select_id=win.id)

    # -- palette -----------------------------------------------------------------

    def palette_commands(self) -> list[SystemCommand]:
        """Each period and goal by name (the keys are offered from the bindings)."""
        from textual.app import SystemCommand

        commands = [
            SystemCommand("Show small and big wins", "Drop the size filter",
                          lambda: self.set_filter(WinFilter(None, self.filter.goal_id,
                                                            self.filter.period))),
        ]
        for period in Period:
            commands.append(SystemCommand(
                f"Show wins: {period.label.lower()}", "Filter the wall by period (p)",
                partial(self.set_filter, WinFilter(self.filter.size, self.filter.goal_id,
                                                   period))))
        for goal in self.journal.goals.all():
            commands.append(SystemCommand(
                f"Show wins for goal: {one_line(goal.title)}",
                "Filter the wall by goal (g)",
                partial(self.set_filter, WinFilter(self.filter.size, goal.id,
                                                   self.filter.period))))
        return commands
