"""A long journal stays fast by construction (no wall clock here): the list builds only the
entries it draws, each entry's search text and word count are worked out once, and the
read view renders Markdown only when the entry shown changes."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from textual.content import Content

from mentorjournal.app import make_app
from mentorjournal.core import entries as writing
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import JournalEntry
from mentorjournal.screens.journal_screen import JournalScreen
from mentorjournal.textual_compat import option_visual
from mentorjournal.widgets import entry_view
from mentorjournal.widgets.entry_view import EntryList, EntryOption
from mentorjournal.widgets.markdown_view import MarkdownView
from tests.conftest import HOSTILE, SIZE, TODAY

MANY = 600  # dozens of screenfuls

BODY = ("## Walk and talk\n\nI asked **two questions** before giving my view, then listened. "
        "Sam noticed. It felt slow but good; next time I try it in the team meeting.\n")


@pytest.fixture
def long_journal(empty_journal: Journal) -> Journal:
    with empty_journal.batch():
        for n in range(MANY):
            empty_journal.entries.save(JournalEntry(
                written_on=TODAY - timedelta(days=n), title=f"Entry {n}", body=BODY,
                mood="calm", tags=("growth",), private=n % 7 == 0))
    return empty_journal


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the entries whose list lines were built, one item per build."""
    ids: list[int] = []
    real = entry_view.entry_option

    def counting(entry: JournalEntry, query: str = "") -> Content:
        ids.append(entry.id)
        return real(entry, query)

    monkeypatch.setattr(entry_view, "entry_option", counting)
    return ids


async def test_the_list_builds_only_the_entries_it_draws(
        long_journal: Journal, built: list[int]) -> None:
    app = make_app(journal=long_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        entries = screen.query_one(EntryList)
        assert entries.option_count == MANY
        assert 0 < len(built) <= 15  # a screenful (4 lines an entry), not 600
        assert len(set(built)) == len(built)  # and each of them once

        built.clear()
        await pilot.press("end")  # the oldest entry: only the screenful around it is built
        await pilot.pause()
        assert 0 < len(built) <= 15 and long_journal.entries.all()[-1].id in built

        built.clear()
        await pilot.press("slash", *"walk", "enter")  # every entry matches
        await pilot.pause()
        assert len(screen.shown) == MANY
        assert 0 < len(built) <= 15


async def test_the_view_renders_markdown_only_when_the_entry_changes(
        long_journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    sources: list[str] = []
    real = MarkdownView.update

    def counting(self: MarkdownView, markdown: str):  # type: ignore[no-untyped-def]
        sources.append(markdown)
        return real(self, markdown)

    monkeypatch.setattr(MarkdownView, "update", counting)
    app = make_app(journal=long_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert sources.count(BODY) == 1  # once, although the entry was shown twice
        rendered = len(sources)
        screen.reload()
        await pilot.press("slash", *"Entry", "enter")  # the same entry stays selected
        await pilot.pause()
        assert len(sources) == rendered


def test_facts_are_worked_out_once_per_version_of_an_entry(
        monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[str] = []
    real = writing.word_count
    monkeypatch.setattr(writing, "word_count", lambda text: counted.append(text) or real(text))
    entries = [JournalEntry(written_on=TODAY, title=f"Facts {n}", body=f"{BODY} {n}", id=n + 1)
               for n in range(50)]
    stats = writing.journal_stats(entries, TODAY)
    assert writing.journal_stats(entries, TODAY) == stats
    assert len(counted) == 50
    for _ in range(3):
        assert len(writing.filter_entries(entries, writing.EntryFilter(query="sam walk"))) == 50
        assert writing.entry_facts(entries[0]).snippet("team") == writing.snippet(
            entries[0].body, "team", title=entries[0].title)
    changed = dataclasses.replace(entries[0], body="Something new")
    assert writing.entry_matches(changed, "new") and not writing.entry_matches(changed, "sam")
    assert writing.journal_stats([changed], TODAY).startswith("1 entry · 2 words")


@pytest.mark.parametrize("entry", [
    JournalEntry(written_on=TODAY, title="Short", body=BODY),
    JournalEntry(written_on=TODAY, title="No body"),
    JournalEntry(written_on=TODAY, title=HOSTILE, body=HOSTILE, mood="[b]", tags=("[x]",)),
    JournalEntry(written_on=TODAY, title="A title long enough to wrap in a narrow list " * 2,
                 body=BODY, mood="hopeful", tags=("growth", "meetings"), private=True),
    JournalEntry(written_on=TODAY, title="Tab\tand\nbreak", body="line\tone\nline two"),
    JournalEntry(written_on=TODAY, title="宽字符的标题", body="这是一个很长的中文日记条目，" * 9,
                 mood="平静", tags=("成长",)),
], ids=["short", "no-body", "hostile", "long", "tab-break", "wide"])
@pytest.mark.parametrize("query", ["", "wait", "中文"])
def test_lazy_heights_match_the_built_prompt(entry: JournalEntry, query: str) -> None:
    """The list's heights, worked out without building a prompt, are the prompt's heights."""
    option = EntryOption(entry, query)
    styles = EntryList().styles
    visual = option_visual(option)  # what the list measures
    assert visual is not None
    for width in (20, 34, 41, 42, 53, 80, 200):
        assert visual.get_height(styles, width) == option.prompt.get_height(styles, width), width


async def test_the_first_visit_finds_the_words_already_counted(
        long_journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[str] = []
    real = writing.word_count
    app = make_app(journal=long_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the app prepares the sections once read
        monkeypatch.setattr(writing, "word_count", lambda text: counted.append(text) or real(text))
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert len(app.screen.shown) == MANY
        assert counted == []
