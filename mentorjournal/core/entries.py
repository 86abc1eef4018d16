"""The creative journal: prompts, word counts, streaks, search, and `EntryService`.

The pure functions describe entries the caller already holds; `EntryService`
(`journal.entries`) checks and saves them, with their drafts.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Draft, JournalEntry, Prompt
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_BODY, MAX_LINE, MAX_TAG, MAX_TITLE, check_text, parse_tags

if TYPE_CHECKING:
    from mentorjournal.core.settings import SettingsService

BUILT_IN_PROMPTS: tuple[str, ...] = (
    "What did I try since our last meeting?",
    "Where do I want to be in a year?",
    "What surprised me this week, and what did it teach me?",
    "Which goal feels closest right now, and which feels stuck?",
    "What do I want to bring to our next meeting?",
    "What small win have I not celebrated yet?",
    "What advice did I get that I have not tried yet?",
    "When did I feel most like the person I want to become?",
)
"""Prompts tied to the mentoring arc; the pair adds its own as `Prompt` records."""

DRAFT_ENTRY = "entry"
"""`Draft.kind` of a journal entry being written."""

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)|[*_`~]+",
                    re.M)


def word_count(text: str) -> int:
    """Words as a writer counts them: "don't" and "walk-and-talk" are one each."""
    return len(_WORD.findall(text))


def writing_streak(days: Iterable[date], today: date) -> int:
    """Days in a row with writing, ending today (or yesterday: today is not over yet)."""
    written = set(days)
    day = today if today in written else today - timedelta(days=1)
    streak = 0
    while day in written:
        streak += 1
        day -= timedelta(days=1)
    return streak


def journal_stats(entries: Sequence[JournalEntry], today: date) -> str:
    """'6 entries · 1,204 words · writing streak: 3 days'."""
    words = sum(entry_facts(e).words for e in entries)
    streak = writing_streak((e.written_on for e in entries), today)
    return (f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'} · {words:,} words · "
            f"writing streak: {streak} day{'s' * (streak != 1)}")


def describe_draft(draft: Draft) -> str:
    """'You were writing “Title” (12 words, kept 2026-11-25 14:02).'"""
    title = str(draft.fields.get("title") or "").strip() or "an untitled entry"
    words = word_count(str(draft.fields.get("body", "")))
    kept = draft.saved_at.strftime("%Y-%m-%d %H:%M") if draft.saved_at else "earlier"
    return f"You were writing “{title}” ({words} word{'s' * (words != 1)}, kept {kept})."


def _fold_text(text: str) -> str:
    """Case- and accent-insensitive form of `text`, one character per input character."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(ch): _fold_char(ch) for ch in set(text)})


_fold = lru_cache(maxsize=4096)(_fold_text)
"""`_fold_text` of short, repeated texts (query words, titles, tags)."""


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch)[0].casefold()[:1] or ch


def query_words(query: str) -> list[str]:
    return [_fold(word) for word in query.split() if word.strip()]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of `query` occur in `text` (case- and accent-insensitive), merged."""
    folded = _fold(text)
    spans: list[tuple[int, int]] = []
    for word in query_words(query):
        start = folded.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def entry_matches(entry: JournalEntry, query: str) -> bool:
    """Every word of `query` is in the title, the body or a tag."""
    haystack = entry_facts(entry).haystack
    return all(word in haystack for word in query_words(query))


@dataclass(frozen=True)
class EntryFilter:
    """What the journal list shows: a search, a tag and a mood (empty: any)."""

    query: str = ""
    tag: str = ""
    mood: str = ""

    @property
    def active(self) -> bool:
        return bool(self.query.strip() or self.tag or self.mood)

    def describe(self) -> str:
        parts = [f"“{self.query.strip()}”"] if self.query.strip() else []
        parts += [f"tag {self.tag}"] if self.tag else []
        parts += [f"mood {self.mood}"] if self.mood else []
        return ", ".join(parts)


def filter_entries(entries: Sequence[JournalEntry], rule: EntryFilter) -> list[JournalEntry]:
    return [
        e for e in entries
        if (not rule.tag or rule.tag in e.tags)
        and (not rule.mood or e.mood.casefold() == rule.mood.casefold())
        and (not rule.query.strip() or entry_matches(e, rule.query))
    ]


@lru_cache(maxsize=4096)
def plain_text(body: str, title: str = "") -> str:
    """The body without Markdown marks, and without a first heading that repeats the title."""
    lines = body.strip().splitlines()
    if lines and lines[0].lstrip("# ").strip() == title.strip() and lines[0].startswith("#"):
        lines = lines[1:]
    return _MARKS.sub("", "\n".join(lines))


def snippet(body: str, query: str, width: int = 48, title: str = "") -> str:
    """One line of the body around the first match (or its start), for the entry list."""
    flat = " ".join(plain_text(body, title).split())
    spans = match_spans(flat, query) if query.strip() else []
    return _cut(flat, spans[0][0] if spans else None, width)


def _cut(flat: str, match: int | None, width: int) -> str:
    start = max(0, match - width // 3) if match is not None else 0
    text = flat[start:start + width]
    return ("…" if start else "") + text + ("…" if start + width < len(flat) else "")


class EntryFacts:
    """What the list, the search and the stats derive from one entry, each worked out once.

    Get them with `entry_facts(entry)`: a journal of thousands of entries then folds,
    counts and flattens each entry once, not on every keystroke or redraw.
    """

    def __init__(self, entry: JournalEntry) -> None:
        self.entry = entry

    @cached_property
    def words(self) -> int:
        return word_count(self.entry.body)

    @cached_property
    def haystack(self) -> str:
        """Title, body and tags folded for search (see `entry_matches`)."""
        entry = self.entry
        return _fold_text(" ".join((entry.title, entry.body, *entry.tags)))

    @cached_property
    def flat(self) -> str:
        """The body as one line of plain text (no Markdown marks, no repeated title)."""
        return " ".join(plain_text.__wrapped__(self.entry.body, self.entry.title).split())

    @cached_property
    def _folded_flat(self) -> str:
        return _fold_text(self.flat)

    def snippet(self, query: str, width: int = 48) -> str:
        """`snippet(entry.body, query, width, entry.title)`, from the cached flat text."""
        folded = self._folded_flat if query.strip() else ""
        starts = [i for word in query_words(query) if (i := folded.find(word)) != -1]
        return _cut(self.flat, min(starts) if starts else None, width)


FACTS_KEPT = 20_000
"""How many entry versions `entry_facts` remembers before it starts afresh."""
_facts: dict[tuple[object, ...], EntryFacts] = {}


def entry_facts(entry: JournalEntry) -> EntryFacts:
    """The facts of this version of `entry` (any change to its text gives new facts)."""
    key = (entry.id, entry.updated_at, entry.title, entry.body, entry.tags)
    facts = _facts.get(key)
    if facts is None:
        if len(_facts) >= FACTS_KEPT:
            _facts.clear()
        facts = _facts[key] = EntryFacts(entry)
    return facts


def tags_and_moods(entries: Iterable[JournalEntry]) -> tuple[list[str], list[str]]:
    """Every tag and every mood used, sorted: the choices for the filters."""
    entries = list(entries)
    tags = sorted({t for e in entries for t in e.tags})
    moods = sorted({e.mood for e in entries if e.mood}, key=str.casefold)
    return tags, moods


def check_entry(entry: JournalEntry, today: date, *, complete: bool = True) -> JournalEntry:
    """Refuse an entry a journal should not hold, naming the field; returns it unchanged.

    With `complete=False` an empty entry passes: the shell checks the title, tags and date
    before the text is typed.
    """
    check_text(entry.title, "title", limit=MAX_TITLE)
    check_text(entry.body, "body", "entry", limit=MAX_BODY)
    check_text(entry.mood, "mood", limit=MAX_TAG)
    if parse_tags(", ".join(entry.tags)) != entry.tags:
        raise ValidationError("tags", "Tags are a word or two each, in lower case.")
    if entry.written_on > today:
        raise ValidationError("written_on", f"The date {entry.written_on.isoformat()} is in "
                                            "the future: an entry is dated today or earlier.")
    if complete and not (entry.title.strip() or entry.body.strip()):
        raise ValidationError("body", "The entry is empty: write a title or a few words.")
    return entry


class EntryService:
    """`journal.entries`: the creative journal's entries and prompts, checked before saving."""

    def __init__(self, records: Records, settings: SettingsService) -> None:
        self._records = records
        self._settings = settings

    def all(self, *, include_private: bool = True) -> list[JournalEntry]:
        """Journal entries, newest first; private ones only when asked."""
        entries = self._records.all(JournalEntry)
        if not include_private:
            entries = [e for e in entries if not e.private]
        return sorted(entries, key=lambda e: (e.written_on, e.id), reverse=True)

    def get(self, entry_id: int) -> JournalEntry | None:
        return self._records.get(JournalEntry, entry_id)

    def check(self, entry: JournalEntry) -> JournalEntry:
        """Refuse an entry a journal should not hold, naming the field; returns it unchanged."""
        return check_entry(entry, self._records.today())

    def save(self, entry: JournalEntry) -> JournalEntry:
        """Check and save an entry (new or changed). The editor saves it through
        `journal.drafts.settle`, which removes its draft in the same write."""
        self.check(entry)
        entry = dataclasses.replace(entry, updated_at=self._records.now())
        return self._records.update(entry) if entry.id else self._records.add(entry)

    def write(self, *, title: str, body: str, tags: str = "", private: bool | None = None,
              written_on: date | None = None) -> JournalEntry:
        """Save a new entry as typed: `tags` comma-separated, `private=None` follows the
        journal's private-by-default setting (`mentorjournal add entry`)."""
        if private is None:
            private = self._settings.get().private_by_default
        return self.save(JournalEntry(
            written_on=written_on or self._records.today(), title=title, body=body,
            tags=parse_tags(tags), private=private))

    def delete(self, entry: JournalEntry) -> None:
        self._records.delete(entry)

    def prompts(self) -> list[str]:
        """The built-in writing prompts, then the pair's own."""
        return [*BUILT_IN_PROMPTS, *(p.text for p in self._records.all(Prompt))]

    def add_prompt(self, text: str) -> Prompt:
        text = " ".join(check_text(text, "prompt", required=True, limit=MAX_LINE).split())
        if text.casefold() in (p.casefold() for p in self.prompts()):
            raise ValidationError("prompt", "That prompt is already in the list.")
        return self._records.add(Prompt(text=text))
