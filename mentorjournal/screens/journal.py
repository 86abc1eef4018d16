"""The creative journal: entries by date, the selected one as Markdown, search and filters."""

from __future__ import annotations

import dataclasses
from functools import partial

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from mentorjournal.model import Draft, JournalEntry
from mentorjournal.screens.base import SectionScreen
from mentorjournal.screens.entry_editor import EntryEditorModal
from mentorjournal.screens.prompt_picker import PromptModal
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.entry_view import EntryView, entry_option
from mentorjournal.widgets.pick_modal import PickModal
from mentorjournal.writing import (
    DRAFT_ENTRY,
    EntryFilter,
    filter_entries,
    tags_and_moods,
    word_count,
    writing_streak,
)

EMPTY = "No entries yet. Press n to write one: F3 in the editor offers a writing prompt."


class JournalScreen(SectionScreen):
    """The protégé's creative journal; private entries vanish in review-together mode."""

    BINDINGS = [
        Binding("escape", "back", "Home"),
        Binding("n", "new_entry", "New"),
        Binding("e", "edit_entry", "Edit"),
        Binding("p", "toggle_private", "Private"),
        Binding("slash", "search", "Search"),
        Binding("t", "filter_tag", "Tag"),
        Binding("m", "filter_mood", "Mood"),
        Binding("c", "clear_filter", "Clear", show=False),
        Binding("delete", "delete_entry", "Delete", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(name="journal")
        self.rule = EntryFilter()
        self.shown: list[JournalEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="journal-main"):
            with Vertical(id="journal-side"):
                yield Input(placeholder="Search title, text and tags  (/)", id="journal-search")
                yield Static(id="journal-filter", markup=False)
                yield OptionList(id="journal-entries")
            yield EntryView(id="journal-view")
        yield Static(id="journal-stats", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "review_together", lambda _on: self.reload(), init=False)
        self.reload()
        self.query_one(OptionList).focus()
        self.call_after_refresh(self.offer_draft)

    # -- showing ---------------------------------------------------------------

    def entries(self) -> list[JournalEntry]:
        return self.journal.entries(include_private=self.show_private)

    def reload(self, select: int | None = None) -> None:
        """Re-read the entries, apply the filter, keep (or move to) the selected entry."""
        current = self.selected()
        select = select if select is not None else (current.id if current else None)
        everything = self.entries()
        self.shown = filter_entries(everything, self.rule)
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options([  # each entry followed by a divider (None)
            item for e in self.shown
            for item in (Option(entry_option(e, self.rule.query), id=str(e.id)), None)])
        ids = [e.id for e in self.shown]
        option_list.highlighted = ids.index(select) if select in ids else (0 if ids else None)
        self._show_filter(len(everything))
        self._show_stats(everything)
        self._show_selected()

    def _show_filter(self, total: int) -> None:
        text = ""
        if self.rule.active:
            text = f"{len(self.shown)} of {total} match {self.rule.describe()} · c clears"
        elif not self.show_private:
            text = "Review together: private entries are hidden."
        self.query_one("#journal-filter", Static).update(Content(text))

    def _show_stats(self, entries: list[JournalEntry]) -> None:
        words = sum(word_count(e.body) for e in entries)
        streak = writing_streak((e.written_on for e in entries), self.journal.today())
        self.query_one("#journal-stats", Static).update(Content(
            f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} · {words:,} words · "
            f"writing streak: {streak} day{'s' * (streak != 1)}"))

    def selected(self) -> JournalEntry | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    def _show_selected(self) -> None:
        empty = (f"Nothing matches {self.rule.describe()}. Press c to clear the filter."
                 if self.rule.active else EMPTY)
        self.query_one(EntryView).show(self.selected(), empty)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_selected()

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.action_edit_entry()

    @on(Input.Changed, "#journal-search")
    def _searched(self, event: Input.Changed) -> None:
        self.rule = dataclasses.replace(self.rule, query=event.value)
        self.reload()

    @on(Input.Submitted, "#journal-search")
    def _search_done(self) -> None:
        self.query_one(OptionList).focus()

    # -- writing ---------------------------------------------------------------

    def action_new_entry(self) -> None:
        private = self.journal.settings().private_by_default and self.show_private
        self.edit(JournalEntry(written_on=self.journal.today(), private=private))

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
        self.notify(Content.from_markup("Saved “$title”.", title=entry.title or "entry"))
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

    def offer_draft(self) -> None:
        """Offer back a draft a crash or a closed terminal left behind."""
        drafts = [d for d in self.journal.drafts(DRAFT_ENTRY)
                  if self.show_private or not d.fields.get("private")]
        if not drafts:
            return
        draft = drafts[0]
        title = str(draft.fields.get("title") or "an untitled entry")
        words = word_count(str(draft.fields.get("body", "")))
        kept = draft.saved_at.strftime("%Y-%m-%d %H:%M") if draft.saved_at else "earlier"
        self.app.push_screen(
            ChoiceModal("Carry on writing?",
                        f"You were writing “{title}” ({words} words, kept {kept}).",
                        [Choice("restore", "Restore draft", "primary"),
                         Choice("later", "Later"), Choice("discard", "Discard", "error")]),
            partial(self._restore, draft))

    def _restore(self, draft: Draft, choice: str | None) -> None:
        if choice == "discard":
            self.save(lambda: self.journal.discard_draft(draft),
                      lambda _none: self.notify("Draft discarded."))
        elif choice == "restore":
            target = self.journal.get(JournalEntry, draft.target_id) if draft.target_id else None
            self.edit(target or JournalEntry(written_on=self.journal.today()), draft)

    def action_toggle_private(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        changed = dataclasses.replace(entry, private=not entry.private)
        self.save(lambda: self.journal.save_entry(changed), self._privacy_saved)

    def _privacy_saved(self, entry: JournalEntry) -> None:
        self.notify("Marked private: hidden in review-together mode." if entry.private
                    else "No longer private.")
        self.reload(select=entry.id)

    def action_delete_entry(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self.app.push_screen(
            ChoiceModal("Delete this entry?", f"“{entry.title or '(untitled)'}” will be gone.",
                        [Choice("delete", "Delete", "error"), Choice("keep", "Keep it")]),
            lambda key: key == "delete" and self.save(
                lambda: self.journal.delete(entry), lambda _none: self.reload()))

    # -- search and filters ----------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    def action_filter_tag(self) -> None:
        tags, _moods = tags_and_moods(self.entries())
        self.app.push_screen(PickModal("Show entries tagged", tags, empty="No tags yet."),
                             lambda tag: self._filter(tag=tag))

    def action_filter_mood(self) -> None:
        _tags, moods = tags_and_moods(self.entries())
        self.app.push_screen(PickModal("Show entries with the mood", moods,
                                       empty="No moods yet."),
                             lambda mood: self._filter(mood=mood))

    def _filter(self, **change: str | None) -> None:
        if any(value for value in change.values()):
            self.rule = dataclasses.replace(self.rule, **change)
            self.reload()

    def action_clear_filter(self) -> None:
        self.rule = EntryFilter()
        self.query_one("#journal-search", Input).value = ""
        self.reload()

    def action_add_prompt(self) -> None:
        self.app.push_screen(PromptModal(), lambda prompt: prompt and self._new_from(prompt))

    def _new_from(self, prompt: str) -> None:
        private = self.journal.settings().private_by_default and self.show_private
        self.edit(JournalEntry(written_on=self.journal.today(), title=prompt, private=private))

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand("Journal: new entry", "Write a new entry (n)", self.action_new_entry),
            SystemCommand("Journal: write from a prompt", "Pick or add a writing prompt",
                          self.action_add_prompt),
            SystemCommand("Journal: edit entry", "Edit the selected entry (e, Enter)",
                          self.action_edit_entry),
            SystemCommand("Journal: toggle private", "Mark the selected entry private or not (p)",
                          self.action_toggle_private),
            SystemCommand("Journal: delete entry", "Delete the selected entry (Delete)",
                          self.action_delete_entry),
            SystemCommand("Journal: search", "Search title, text and tags (/)",
                          self.action_search),
            SystemCommand("Journal: filter by tag", "Show entries with one tag (t)",
                          self.action_filter_tag),
            SystemCommand("Journal: filter by mood", "Show entries with one mood (m)",
                          self.action_filter_mood),
            SystemCommand("Journal: clear filter", "Show every entry again (c)",
                          self.action_clear_filter),
            SystemCommand("Journal: restore draft", "Offer back unsaved drafts",
                          self.offer_draft),
        ]
