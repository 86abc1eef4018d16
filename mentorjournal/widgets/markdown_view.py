"""MarkdownView: the user's Markdown (notes, entries, the export preview) drawn as one widget."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Heading
from rich.markdown import Markdown as RichMarkdown
from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme
from textual.reactive import reactive
from textual.widget import Widget

from mentorjournal.core.text import hard_breaks, printable
from mentorjournal.core.vision import is_openable_url


class MarkdownView(Widget):
    """Markdown rendered by Rich's renderer into a single widget, coloured by the theme.

    Textual's `Markdown` widget mounts a widget per block: a typical meeting note took
    ~25 ms to show, the screen's slowest step. Rich draws the same text in ~1 ms. Links
    are not handed to the terminal: clicking one runs `action_link`, which opens web and
    mail links only (a journal must not launch files or scripts). Control characters are
    shown as symbols, never sent (`printable`). Each line typed in a paragraph is drawn
    on its own line (`hard_breaks`, as the export writes it).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "markdown-view--heading", "markdown-view--code", "markdown-view--quote",
        "markdown-view--link", "markdown-view--rule",
    }
    DEFAULT_CSS = """
    MarkdownView {
        height: auto;
        & > .markdown-view--heading { color: $text-primary; text-style: bold; }
        & > .markdown-view--code { color: $text-warning; background: $surface-lighten-1; }
        & > .markdown-view--quote { color: $text-muted; text-style: italic; }
        & > .markdown-view--link { color: $text-accent; text-style: underline; }
        & > .markdown-view--rule { color: $text-muted; }
    }
    """

    source: reactive[str] = reactive("", layout=True)
    """The Markdown shown."""

    def __init__(self, source: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(MarkdownView.source, source)
        self._rendered: _Themed | None = None
        """The last rendering: a repaint (a hover, a scroll) reuses it."""

    def update(self, source: str) -> None:
        self.source = source

    def render(self) -> _Themed:
        styles = tuple(self.get_component_rich_style(f"markdown-view--{part}")
                       for part in ("heading", "code", "quote", "link", "rule"))
        key = (self.source, styles)
        if self._rendered is None or self._rendered.key != key:
            markdown = _Markdown(hard_breaks(printable(self.source)), hyperlinks=True)
            self._rendered = _Themed(markdown, _theme(*styles), key)
        return self._rendered

    def action_link(self, href: str) -> None:
        if is_openable_url(href):
            self.app.open_url(href)
        else:
            self.notify(f"Not opened: {printable(href)}", markup=False, severity="warning")


def _theme(heading: Style, code: Style, quote: Style, link: Style, rule: Style) -> Theme:
    """Rich's Markdown styles, taken from the widget's CSS (so from the app's theme)."""
    plain = Style()
    return Theme({
        "markdown.h1": heading + Style(underline=True), "markdown.h2": heading,
        "markdown.h3": Style(bold=True), "markdown.h4": Style(bold=True, italic=True),
        "markdown.h5": Style(italic=True), "markdown.h6": Style(italic=True, dim=True),
        "markdown.h1.border": rule, "markdown.code": code, "markdown.code_block": code,
        "markdown.block_quote": quote, "markdown.link": link, "markdown.link_url": link,
        "markdown.hr": rule, "markdown.list": plain, "markdown.item.number": plain,
        "markdown.table.border": rule, "markdown.table.header": Style(bold=True),
    }, inherit=True)



class _LeftHeading(Heading):
    LEVEL_ALIGN: ClassVar[dict[str, str]] = dict.fromkeys(  # type: ignore[assignment]
        ("h1", "h2", "h3", "h4", "h5", "h6"), "left")
    """Rich centres `#` headings: in a side pane they read better on the left."""


class _Markdown(RichMarkdown):
    elements: ClassVar = {**RichMarkdown.elements, "heading_open": _LeftHeading}


class _Themed:
    """Render `renderable` under `theme`, each link turned into a click on `action_link`.

    The lines are kept per width: Textual asks again on every repaint.
    """

    def __init__(self, renderable: RichMarkdown, theme: Theme, key: object) -> None:
        self.renderable = renderable
        self.theme = theme
        self.key = key
        self._lines: dict[int, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines.get(options.max_width)
        if lines is None:
            lines = self._lines[options.max_width] = list(self._render(console, options))
        yield from lines

    def _render(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        with console.use_theme(self.theme):
            for text, style, control in console.render(self.renderable, options):
                if style is not None and style.link:
                    style = style.update_link(None) + Style.from_meta(
                        {"@click": f"link({style.link!r})"})
                yield Segment(text, style, control)
