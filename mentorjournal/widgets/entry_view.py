"""How a journal entry looks: a list line with highlighted matches, and the read view."""

from __future__ import annotations

from functools import partial
from time import monotonic
from weakref import WeakKeyDictionary

from rich.cells import cell_len, get_character_cell_size
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentorjournal.core.entries import EntryFacts, entry_facts, match_spans
from mentorjournal.core.model import JournalEntry
from mentorjournal.core.text import printable
from mentorjournal.textual_compat import set_option_visual
from mentorjournal.widgets.markdown_view import MarkdownView

MATCH_STYLE = "bold reverse"
PRIVATE_MARK = "🔒 private"
SNIPPET_WIDTH = 40
MARKDOWN_DELAY = 0.1
"""Seconds between entry switches under which the body waits for the cursor to stop."""


def highlighted(text: str, query: str) -> Content:
    """`text` as literal content with every match of `query` highlighted."""
    text = printable(text)
    content = Content(text)
    for start, end in match_spans(text, query) if query.strip() else []:
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def _meta_parts(entry: JournalEntry) -> list[tuple[str, str, bool]]:
    """The meta line's parts: (text, style, whether a search highlights it)."""
    parts = [(entry.written_on.isoformat(), "$text-muted", False)]
    if entry.mood:
        parts.append((entry.mood, "italic", False))
    if entry.tags:
        parts.append((" ".join(f"#{t}" for t in entry.tags), "$text-accent", True))
    if entry.private:
        parts.append((PRIVATE_MARK, "bold $text-warning", False))
    return parts


def entry_meta(entry: JournalEntry, query: str = "") -> Content:
    """'2026-11-25 · hopeful · #growth #meetings · 🔒 private' (user text literal)."""
    return Content(" · ").join(
        highlighted(text, query if searched else "").stylize(style)
        for text, style, searched in _meta_parts(entry))


def entry_option(entry: JournalEntry, query: str = "") -> Content:
    """The entry's lines in the list: title, meta, and a snippet around the first match."""
    title = highlighted(entry.title or "(untitled)", query).stylize("bold")
    lines = [title, entry_meta(entry, query)]
    if entry.body.strip():
        text = entry_facts(entry).snippet(query, width=SNIPPET_WIDTH)
        lines.append(highlighted(text, query).stylize("$text-muted"))
    return Content("\n").join(lines)


def _fits(text: str, width: int) -> bool:
    """`text` is one line no wider than `width` cells."""
    return _cells(text) <= width


class EntryOption(Option):
    """One entry of the list: its prompt is built only when it is drawn (or asked for)."""

    def __init__(self, entry: JournalEntry, query: str) -> None:
        super().__init__("", id=str(entry.id))
        self.entry = entry
        self.query = query
        self._lazy_prompt = _LazyPrompt(entry, query)
        set_option_visual(self, self._lazy_prompt)  # what OptionList measures and draws

    @property
    def prompt(self) -> Content:
        return self._lazy_prompt.content

_widths: WeakKeyDictionary[EntryFacts, int] = WeakKeyDictionary()


def _unwrapped_width(entry: JournalEntry) -> int:
    """The cells the entry's widest list line needs whatever the search: a huge number
    when a line has a line break, or when the body has wide characters (a snippet of
    `SNIPPET_WIDTH` characters of it could then need more cells)."""
    facts = entry_facts(entry)
    width = _widths.get(facts)
    if width is None:
        title = printable(entry.title or "(untitled)")
        meta = " · ".join(printable(text) for text, _, _ in _meta_parts(entry))
        narrow = all(get_character_cell_size(ch) <= 1 for ch in set(entry.body))
        snippet = SNIPPET_WIDTH + 2 if narrow else 10**6
        width = max(_cells(title), _cells(meta), snippet)
        _widths[facts] = width
    return width


def prepare_entries(entries: list[JournalEntry]) -> None:
    """Work out what listing `entries` needs (word counts, line widths) ahead of time."""
    for entry in entries:
        _ = entry_facts(entry).words
        _unwrapped_width(entry)


def _cells(text: str) -> int:
    return 10**6 if "\n" in text or "\t" in text else cell_len(text)


class _LazyPrompt(Visual):
    """An entry's lines in the list: tells its height cheaply, builds them only to draw."""

    def __init__(self, entry: JournalEntry, query: str) -> None:
        self._entry = entry
        self._query = query
        self._content: Content | None = None
        self._height = (0, 0)
        """(width, height) last measured."""
        self._unwrapped: tuple[int, int] | None = None
        """(lines, cells of the widest line) when nothing wraps."""

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = entry_option(self._entry, self._query)
        return self._content

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if self._height[0] != width:
            height = self._height_if_unwrapped(width)
            if height is None:
                height = self.content.get_height(rules, width)
            self._height = (width, height)
        return self._height[1]

    def _height_if_unwrapped(self, width: int) -> int | None:
        """The number of lines when none of them wraps at `width`, else None.

        Worked out from the entry's text alone (once per entry), without the content.
        """
        if self._unwrapped is None:
            entry = self._entry
            self._unwrapped = (3 if entry.body.strip() else 2, _unwrapped_width(entry))
        lines, unwrapped = self._unwrapped
        if unwrapped <= width:  # the usual case, and all a new width costs
            return lines
        entry = self._entry
        if lines == 2 or not _fits(printable(entry.title or "(untitled)"), width):
            return None
        meta = " · ".join(printable(text) for text, _, _ in _meta_parts(entry))
        snippet = entry_facts(entry).snippet(self._query, SNIPPET_WIDTH)
        return 3 if _fits(meta, width) and _fits(snippet, width) else None


class EntryList(OptionList):
    """Entries newest first, each with a divider after it.

    Virtualised: an entry's lines are only built when they scroll into view, and the
    list's height comes from the entries' text lengths, so thousands of entries open
    as fast as a handful.
    """

    def show(self, entries: list[JournalEntry], query: str, select: int | None) -> None:
        """List `entries` (matches of `query` highlighted), the cursor on entry id `select`."""
        self.clear_options()
        self.add_options([item for e in entries for item in (EntryOption(e, query), None)])
        index = next((n for n, e in enumerate(entries) if e.id == select), None)
        self.highlighted = index if index is not None else (0 if entries else None)


class EntryView(VerticalScroll):
    """The selected entry: its title and meta, then the body rendered as Markdown."""

    DEFAULT_CSS = """
    EntryView {
        padding: 0 1;
        #entry-title { text-style: bold; padding: 1 1 0 1; }
        #entry-meta { padding: 0 1; }
        MarkdownView { padding: 1 1 0 1; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body: str | None = None
        """The body the Markdown shows (or is about to show)."""
        self._switched_at = -MARKDOWN_DELAY
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="entry-title", markup=False)
        yield Static(id="entry-meta", markup=False)
        yield MarkdownView()

    def show(self, entry: JournalEntry | None, empty: str = "") -> None:
        """Show `entry`, or the `empty` message when there is none.

        The title and meta change at once; the body is rendered as Markdown only when
        it is a different text, and while the cursor runs through the list (entries
        switching within `MARKDOWN_DELAY`) only for the entry it stops on.
        """
        title = self.query_one("#entry-title", Static)
        meta = self.query_one("#entry-meta", Static)
        if entry is None:
            title.update(Content(empty))
            meta.update("")
        else:
            title.update(Content(printable(entry.title or "(untitled)")))
            words = entry_facts(entry).words
            meta.update(entry_meta(entry).append(f" · {words} word{'s' * (words != 1)}"))
        body = printable(entry.body) if entry is not None else ""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if body == self._body:
            return
        now = monotonic()
        running, self._switched_at = now - self._switched_at < MARKDOWN_DELAY, now
        if running:
            self._pending = self.set_timer(MARKDOWN_DELAY, partial(self._show_body, body))
        else:
            self._show_body(body)

    def _show_body(self, body: str) -> None:
        self._pending = None
        self._body = body
        self.query_one(MarkdownView).update(body)
        self.scroll_home(animate=False)
