"""The creative journal: entries by date, the selected one as Markdown, search and filters."""

from __future__ import annotations

import dataclasses
from functools import partial

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Static

from mentorjournal.core.entries import (
    DRAFT_ENTRY,
    EntryFilter,
    filter_entries,
    journal_stats,
    tags_and_moods,
)
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Draft, JournalEntry
from mentorjournal.core.text import one_line, printable
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.drafts import offer_draft
from mentorjournal.screens.entry_editor import EntryEditorModal
from mentorjournal.screens.prompt_picker import PromptModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.entry_view import EntryList, EntryView, prepare_entries
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import ADD, FIND, LEAVE, STATUS
from mentorjournal.widgets.pick_modal import PickModal

PALETTE = [
    ("Journal: write from a prompt", "Pick or add a writing prompt", "write_from_prompt"),
    ("Journal: restore draft", "Offer back a draft left unsaved", "offer_draft"),
    ("Journal: private by default on/off", "Whether new entries start private",
     "private_by_default"),
]
"""What the palette offers beyond the keys (title, help, action name)."""

SEARCH_DELAY = 0.15
EMPTY = "No entries yet. Press n to write one: F3 in the editor offers a writing prompt."


class JournalScreen(SectionScreen):
    """The protégé's creative journal; private entries vanish in review-together mode."""

    BINDINGS = [  # most important first: the footer shows as many as fit
        Binding("n", "new_entry", "New", group=ADD, tooltip="Write a new entry"),
        Binding("e", "edit_entry", "Edit", group=ADD, tooltip="Edit the highlighted entry"),
        Binding("slash", "search", "Search", group=FIND,
                tooltip="Search titles, text and tags"),
        Binding("p", "toggle_private", "Private", group=STATUS,
                tooltip="Mark the entry private, or shared again"),
        Binding("t", "filter('tag')", "Tag", group=FIND,
                tooltip="Show only the entries with one tag"),
        Binding("m", "filter('mood')", "Mood", group=FIND,
                tooltip="Show only the entries with one mood"),
        Binding("c", "clear_filter", "Clear", group=FIND,
                tooltip="Clear the search and filter: show every entry"),
        Binding("delete", "delete_entry", "Delete", group=ADD,
                tooltip="Delete the highlighted entry (asks first)"),
        Binding("escape", "back", "Home", group=LEAVE,
                tooltip="Leave the search, then clear the filter, then go home"),
    ]

    def __init__(self) -> None:
        super().__init__(name="journal")
        self.rule = EntryFilter()
        self.shown: list[JournalEntry] = []
        self._search_timer: Timer | None = None

    @classmethod
    def prepare(cls, journal: Journal) -> None:
        prepare_entries(journal.entries.all(include_private=True))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journal-main"):
            with Vertical(id="journal-side"):
                yield Input(placeholder="Search title, text and tags  (/)", id="journal-search")
                yield Static(id="journal-filter", markup=False)
                yield EntryList(id="journal-entries")
            yield EntryView(id="journal-view")
        yield Static(id="journal-stats", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.follow_review_together(lambda _together: self.reload())
        self.reload()
        self.query_one(OptionList).focus()

    def entries(self) -> list[JournalEntry]:
        return self.journal.entries.all(include_private=self.show_private)

    def reload(self, select: int | None = None) -> None:
        """Re-read the entries, apply the filter, keep (or move to) the selected entry."""
        current = self.selected()
        select = select if select is not None else (current.id if current else None)
        everything = self.entries()
        self.shown = filter_entries(everything, self.rule)
        self.query_one(EntryList).show(self.shown, self.rule.query, select)
        self._show_filter(len(everything))
        stats = journal_stats(everything, self.journal.today())
        self.query_one("#journal-stats", Static).update(Content(stats))
        self._show_selected()

    def _show_filter(self, total: int) -> None:
        text = ""
        if self.rule.active:
            text = f"{len(self.shown)} of {total} match {self.rule.describe()} · c clears"
        elif not self.show_private:
            text = "Review together: private entries are hidden."
        self.query_one("#journal-filter", Static).update(Content(text))

    def selected(self) -> JournalEntry | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(OptionList.OptionHighlighted)
    def _show_selected(self) -> None:
        empty = (f"Nothing matches {self.rule.describe()}. Press c to clear the filter."
                 if self.rule.active else EMPTY)
        self.query_one(EntryView).show(self.selected(), empty)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_edit_entry()

    @on(Input.Changed, "#journal-search")
    def _searched(self) -> None:
        """Search once typing pauses: a long journal redraws its whole list."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._apply_search)

    def _apply_search(self) -> None:
        query = self.query_one("#journal-search", Input).value
        if query != self.rule.query:
            self.rule = dataclasses.replace(self.rule, query=query)
            self.reload()

    @on(Input.Submitted, "#journal-search")
    def _search_done(self) -> None:
        self._apply_search()
        self.query_one(OptionList).focus()

    def action_new_entry(self, title: str = "") -> None:
        private = self.journal.settings.get().private_by_default and self.show_private
        self.edit(JournalEntry(written_on=self.journal.today(), title=title, private=private))

    def action_edit_entry(self) -> None:
        entry = self.selected()
        if entry is None:
            self.notify("No entry selected: press n to write one.")
            return
        self.edit(entry)

    def edit(self, entry: JournalEntry, draft: Draft | None = None) -> None:
        self.app.push_screen(EntryEditorModal(entry, draft), self._edited)

    def _edited(self, entry: JournalEntry | None) -> None:
        if entry is None:
            return
        self.notify(f"Saved “{printable(entry.title) or 'the entry'}”.", markup=False)
        if not self.show_private and entry.private:
            self.notify("It is private, so it stays hidden while you review together.")
        elif self.rule.active and not filter_entries([entry], self.rule):
            self.action_clear_filter()
        self.reload(select=entry.id)

    def action_back(self) -> None:
        """Escape: leave the search box first, then clear the filter, then go home."""
        search = self.query_one("#journal-search", Input)
        if search.has_focus:
            self.query_one(OptionList).focus()
        elif self.rule.active:
            self.action_clear_filter()
        else:
            self.mj.go_home()

    def action_offer_draft(self) -> None:
        """Offer back a draft a crash or a closed terminal left behind (the app offers the
        newest at the start; this finds the others)."""
        drafts = self.journal.drafts.of_kind(DRAFT_ENTRY, include_private=self.show_private)
        if not drafts:
            self.notify("No draft is waiting.")
            return
        offer_draft(self, drafts[0], self.restore_draft)

    def restore_draft(self, draft: Draft) -> None:
        """Open the editor on `draft` (its entry, or a new one)."""
        target = self.journal.entries.get(draft.target_id) if draft.target_id else None
        self.edit(target or JournalEntry(written_on=self.journal.today()), draft)

    def action_private_by_default(self) -> None:
        value = not self.journal.settings.get().private_by_default
        self.save(lambda: self.journal.settings.update(private_by_default=value),
                  lambda _settings: self.notify("New entries now start private." if value
                                                else "New entries now start shared."))

    def action_toggle_private(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        changed = dataclasses.replace(entry, private=not entry.private)
        self.save(lambda: self.journal.entries.save(changed), self._privacy_saved)

    def _privacy_saved(self, entry: JournalEntry) -> None:
        self.notify("Marked private: hidden in review-together mode." if entry.private
                    else "No longer private.")
        self.reload(select=entry.id)

    def action_delete_entry(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.app.push_screen(
            ChoiceModal.confirm("Delete this entry?",
                                f"“{one_line(entry.title) or '(untitled)'}” of "
                                f"{entry.written_on.isoformat()} goes for good.",
                                Choice("delete", "Delete", "error")),
            lambda key: self._delete(entry) if key == "delete" else None)

    def _delete(self, entry: JournalEntry) -> None:
        self.save(lambda: self.journal.entries.delete(entry), lambda _none: self.reload())

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_filter(self, field: str) -> None:
        """Pick a tag or a mood (`field`) to show only the entries that have it."""
        tags, moods = tags_and_moods(self.entries())
        choices, title = (tags, "tagged") if field == "tag" else (moods, "with the mood")
        self.app.push_screen(PickModal(f"Show entries {title}", choices,
                                       empty=f"No {field}s yet."),
                             lambda value: self._filter(field, value))

    def _filter(self, field: str, value: str | None) -> None:
        if value:
            self.rule = dataclasses.replace(self.rule, **{field: value})
            self.reload()

    def action_clear_filter(self) -> None:
        self.rule = EntryFilter()
        self.query_one("#journal-search", Input).value = ""
        self.reload()

    def action_write_from_prompt(self) -> None:
        self.app.push_screen(PromptModal(), lambda p: self.action_new_entry(p) if p else None)

    def palette_commands(self) -> list[SystemCommand]:
        return [SystemCommand(title, help, partial(self.run_action, action))
                for title, help, action in PALETTE]
