"""How a journal entry looks: a list line with highlighted matches, and the read view."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from mentorjournal.model import JournalEntry
from mentorjournal.writing import is_openable_url, match_spans, safe_text, snippet, word_count

MATCH_STYLE = "bold reverse"
PRIVATE_MARK = "🔒 private"


def highlighted(text: str, query: str) -> Content:
    """`text` as literal content with every match of `query` highlighted."""
    text = safe_text(text)
    content = Content(text)
    for start, end in match_spans(text, query) if query.strip() else []:
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def entry_meta(entry: JournalEntry, query: str = "") -> Content:
    """'2026-11-25 · hopeful · #growth #meetings · 🔒 private' (user text literal)."""
    parts = [Content(entry.written_on.isoformat()).stylize("$text-muted")]
    if entry.mood:
        parts.append(highlighted(entry.mood, "").stylize("italic"))
    if entry.tags:
        parts.append(highlighted(" ".join(f"#{t}" for t in entry.tags), query)
                     .stylize("$text-accent"))
    if entry.private:
        parts.append(Content(PRIVATE_MARK).stylize("bold $text-warning"))
    return Content(" · ").join(parts)


def entry_option(entry: JournalEntry, query: str = "") -> Content:
    """The entry's lines in the list: title, meta, and a snippet around the first match."""
    title = highlighted(entry.title or "(untitled)", query).stylize("bold")
    lines = [title, entry_meta(entry, query)]
    if entry.body.strip():
        text = snippet(entry.body, query, width=40, title=entry.title)
        lines.append(highlighted(text, query).stylize("$text-muted"))
    return Content("\n").join(lines)


class EntryList(OptionList):
    """Entries newest first, each with a divider after it; only visible lines are drawn."""

    def show(self, entries: list[JournalEntry], query: str, select: int | None) -> None:
        """List `entries` (matches of `query` highlighted), the cursor on entry id `select`."""
        self.clear_options()
        self.add_options([
            item for e in entries
            for item in (Option(entry_option(e, query), id=str(e.id)), None)])
        ids = [e.id for e in entries]
        self.highlighted = ids.index(select) if select in ids else (0 if ids else None)


class EntryView(VerticalScroll):
    """The selected entry: its title and meta, then the body rendered as Markdown."""

    DEFAULT_CSS = """
    EntryView {
        padding: 0 1;
        #entry-title { text-style: bold; padding: 1 1 0 1; }
        #entry-meta { padding: 0 1; }
        Markdown { margin: 0; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="entry-title", markup=False)
        yield Static(id="entry-meta", markup=False)
        yield Markdown(open_links=False)

    def show(self, entry: JournalEntry | None, empty: str = "") -> None:
        """Show `entry`, or the `empty` message when there is none."""
        title = self.query_one("#entry-title", Static)
        meta = self.query_one("#entry-meta", Static)
        markdown = self.query_one(Markdown)
        if entry is None:
            title.update(Content(empty))
            meta.update("")
            markdown.update("")
            return
        title.update(Content(safe_text(entry.title or "(untitled)")))
        words = word_count(entry.body)
        meta.update(entry_meta(entry).append(f" · {words} word{'s' * (words != 1)}"))
        markdown.update(safe_text(entry.body))
        self.scroll_home(animate=False)

    @on(Markdown.LinkClicked)
    def _open_link(self, event: Markdown.LinkClicked) -> None:
        """Open web links only: a journal must not launch files or scripts."""
        event.stop()
        if is_openable_url(event.href):
            self.app.open_url(event.href)
        else:
            self.notify(f"Not opened: {event.href}", markup=False, severity="warning")
