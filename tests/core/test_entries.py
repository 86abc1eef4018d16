"""The journal's rules without Textual: counts, streaks, search, card order, and saving."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.core.drafts import DraftKey
from mentorjournal.core.entries import (
    BUILT_IN_PROMPTS,
    DRAFT_ENTRY,
    EntryFilter,
    describe_draft,
    filter_entries,
    journal_stats,
    match_spans,
    snippet,
    tags_and_moods,
    word_count,
    writing_streak,
)
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Draft, JournalEntry, VisionCard, VisionKind
from mentorjournal.core.text import parse_tags, printable
from mentorjournal.core.vision import complete_url, is_openable_url, reorder
from tests.conftest import TODAY, open_journal


def test_word_count() -> None:
    assert word_count("") == 0
    assert word_count("# Don't stop: a walk-and-talk, 2 times!") == 6


def test_writing_streak_counts_days_in_a_row() -> None:
    days = [TODAY - timedelta(days=n) for n in (0, 1, 2, 4)]
    assert writing_streak(days, TODAY) == 3
    assert writing_streak(days[1:], TODAY) == 2  # today is not over: yesterday still counts
    assert writing_streak([TODAY - timedelta(days=2)], TODAY) == 0
    assert writing_streak([], TODAY) == 0


def test_stats_and_draft_description() -> None:
    entries = [JournalEntry(written_on=TODAY, body="one two"),
               JournalEntry(written_on=TODAY - timedelta(days=1), body="three")]
    assert journal_stats(entries, TODAY) == "2 entries · 3 words · writing streak: 2 days"
    assert journal_stats([], TODAY) == "0 entries · 0 words · writing streak: 0 days"
    draft = Draft(kind=DRAFT_ENTRY, fields={"title": " ", "body": "word"})
    assert describe_draft(draft) == "You were writing “an untitled entry” (1 word, kept earlier)."


def test_parse_tags() -> None:
    assert parse_tags(" Growth, #walk ; growth,, ") == ("growth", "walk")


def test_search_is_case_and_accent_insensitive_and_spans_merge() -> None:
    assert match_spans("Café CAFE", "cafe") == [(0, 4), (5, 9)]
    assert match_spans("abcd", "abc bcd") == [(0, 4)]
    assert match_spans("anything", "") == []


@given(st.text(), st.text())
def test_match_spans_point_at_the_text(text: str, query: str) -> None:
    for start, end in match_spans(text, query):
        assert 0 <= start < end <= len(text)


def test_filter_by_words_tag_and_mood() -> None:
    a = JournalEntry(written_on=TODAY, title="River walk", body="calm", mood="Calm",
                     tags=("walk",))
    b = JournalEntry(written_on=TODAY, title="Meeting", body="river of ideas", tags=("work",))
    assert filter_entries([a, b], EntryFilter(query="RIVER")) == [a, b]
    assert filter_entries([a, b], EntryFilter(query="river ideas")) == [b]
    assert filter_entries([a, b], EntryFilter(query="work")) == [b]  # tags are searched
    assert filter_entries([a, b], EntryFilter(tag="walk")) == [a]
    assert filter_entries([a, b], EntryFilter(mood="calm")) == [a]
    assert tags_and_moods([a, b]) == (["walk", "work"], ["Calm"])


def test_snippet_skips_markdown_and_the_repeated_title() -> None:
    body = "# Title\n\nI **wait** too long.\n\n- one thing\n"
    assert snippet(body, "", title="Title") == "I wait too long. one thing"
    long = "word " * 40 + "needle " + "word " * 40
    assert "needle" in snippet(long, "needle") and snippet(long, "needle").startswith("…")


def test_safe_text_and_links() -> None:
    assert "\x1b" not in printable("a\x1b[2Jb\n\tc") and "\n\tc" in printable("a\n\tc")
    assert is_openable_url("https://example.org") and is_openable_url("mailto:a@b.c")
    assert not is_openable_url("file:///etc/passwd")
    assert not is_openable_url("javascript:alert(1)")


def test_reorder_renumbers_positions() -> None:
    cards = [VisionCard(text=t, position=p, id=i)
             for i, (t, p) in enumerate([("a", 0), ("b", 5), ("c", 9)], start=1)]
    moved = reorder(cards, 3, 0)
    assert [(c.text, c.position) for c in moved] == [("c", 0), ("a", 1), ("b", 2)]
    assert [c.text for c in reorder(cards, 1, 99)] == ["b", "c", "a"]


def test_save_entry_validates_and_replaces_its_draft(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError, match="The entry is empty"):
        empty_journal.entries.save(JournalEntry(written_on=TODAY))
    with pytest.raises(ValidationError) as error:
        empty_journal.entries.save(JournalEntry(written_on=TODAY, title="x" * 201))
    assert error.value.field == "title"
    draft = empty_journal.drafts.save(Draft(kind=DRAFT_ENTRY, fields={"body": "hi"}))
    again = empty_journal.drafts.save(Draft(kind=DRAFT_ENTRY, fields={"body": "hi!"}, id=draft.id))
    assert again.id == draft.id and len(empty_journal.drafts.of_kind(DRAFT_ENTRY)) == 1
    entry = empty_journal.drafts.settle(  # as the editor saves: the draft goes in that write
        DraftKey.of(again), lambda: empty_journal.entries.save(
            JournalEntry(written_on=TODAY, body="hi!")))
    assert entry.id and entry.updated_at is not None
    assert empty_journal.drafts.of_kind(DRAFT_ENTRY) == []


def test_a_saved_draft_is_on_disk(empty_journal: Journal, journal_path: Path) -> None:
    empty_journal.drafts.save(Draft(kind=DRAFT_ENTRY, fields={"body": "typed"}))
    empty_journal.close()
    reopened = open_journal(journal_path)
    try:
        assert reopened.drafts.of_kind(DRAFT_ENTRY)[0].fields["body"] == "typed"
    finally:
        reopened.close()


def test_prompts_built_in_then_own(empty_journal: Journal) -> None:
    empty_journal.entries.add_prompt("  What  scared me? ")
    assert empty_journal.entries.prompts() == [*BUILT_IN_PROMPTS, "What scared me?"]
    with pytest.raises(ValidationError, match="already"):
        empty_journal.entries.add_prompt(BUILT_IN_PROMPTS[0].upper())
    with pytest.raises(ValidationError):
        empty_journal.entries.add_prompt("   ")


def test_vision_cards_are_checked_appended_and_moved(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError) as error:
        empty_journal.vision.save(VisionCard(text="x", kind=VisionKind.LINK, url="ftp://x"))
    assert error.value.field == "url"
    with pytest.raises(ValidationError):
        empty_journal.vision.save(VisionCard(text="x", goal_id=99))
    for text in "abc":
        empty_journal.vision.save(VisionCard(text=f" {text} "))
    assert [(c.text, c.position) for c in empty_journal.vision.all()] == [
        ("a", 0), ("b", 1), ("c", 2)]
    c = empty_journal.vision.all()[2]
    order = empty_journal.vision.move(c.id, 0)
    assert [x.text for x in order] == ["c", "a", "b"]
    assert [x.position for x in order] == [0, 1, 2]


def test_streak_on_real_dates_is_not_fooled_by_gaps() -> None:
    assert writing_streak([date(2026, 2, 28), date(2026, 3, 1)], date(2026, 3, 1)) == 2


@pytest.mark.parametrize(("typed", "saved"), [
    ("example.org/talk", "https://example.org/talk"),
    ("  www.example.org ", "https://www.example.org"),
    ("example.org:8080/x", "https://example.org:8080/x"),  # a port, not a scheme
    ("http://example.org", "http://example.org"),
    ("mailto:sam@example.org", "mailto:sam@example.org"),
])
def test_a_link_without_its_scheme_is_a_web_address(empty_journal: Journal, typed: str,
                                                     saved: str) -> None:
    card = empty_journal.vision.save(VisionCard(text="x", kind=VisionKind.LINK, url=typed))
    assert card.url == saved and complete_url(typed) == saved


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x"])
def test_a_link_with_another_scheme_is_still_refused(empty_journal: Journal, typed: str) -> None:
    with pytest.raises(ValidationError) as error:
        empty_journal.vision.save(VisionCard(text="x", kind=VisionKind.LINK, url=typed))
    assert error.value.field == "url"
