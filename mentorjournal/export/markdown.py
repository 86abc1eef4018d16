"""User text made safe for a Markdown document: literal titles, and notes that keep their place.

Two kinds of user text reach an export:
- *plain* text (titles, names, answers): every character must render as itself, so
  Markdown's punctuation is backslash-escaped and line breaks become hard breaks;
- *Markdown* text (meeting notes, journal bodies): kept as Markdown, but its headings are
  demoted below the document's item level, each line typed in a paragraph ends in a hard
  break (as the app shows it: `core.text.hard_breaks`), and text that would swallow what
  follows (an unclosed code fence or HTML block) is exported as a code block instead.
Both pass the one safety rule of core/text.py (control characters and bidi overrides shown
as `\x1b`-style escapes): an export may be `cat` to a terminal.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from mentorjournal.core.text import hard_breaks, is_safe, printable

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ITEM_LEVEL = 3
"""`###` is the document's item level; user headings start one below it."""

_SPACE = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"([\\`*_\[<#|~]|&(?=#?\w+;))")
_LEADING = re.compile(r"^(?:([-+=>])|(\d{1,9})([.)]))")
_BACKTICKS = re.compile(r"`+")
# Markdown that can reach past its own text (fences, HTML blocks), setext underlines,
# and headings inside containers: these need the parser; anything else takes the fast path.
# Line patterns start with "\n" and run on "\n" + text + "\n": the regex engine then
# jumps from newline to newline instead of trying every character (ten times faster
# than `^` with re.MULTILINE on a long note).
_NEEDS_PARSER = re.compile(
    r"\n(?:(?<=[^\n]\n) {0,3}(?:=+|-+)[ \t]*(?=\n)"
    r"|[ \t]*(?:[>*+-]|\d+[.)])[ \t>*+\d.)-]*#| {4,}#|[ \t]*\t[ \t]*#)")
_BESIDES_FENCES = re.compile(
    r"\n(?:(?<=[^\n]\n) {0,3}(?:=+|-+)[ \t]*(?=\n)|[ \t>]|(?:[*+-]|\d+[.)])[ \t>*+\d.)-]*[#`~])")
"""With none of these (and no `<`), the only structure besides headings is top-level fences."""
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)", re.MULTILINE)
_ATX_LINE = re.compile(r"\n( {0,3})(#{1,6})(?=[ \t\n])")
"""`_ATX` for "\n" + text + "\n" (see `_NEEDS_PARSER`)."""
_PREFIX = re.compile(r"^((?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*)")
_SENTINEL = "# \u2063end of user text\u2063"
_SAFE = r"[^\\`*_\[<#|~&\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\s]"
_PLAIN = re.compile(rf"(?![-+=>]|\d{{1,9}}[.)]){_SAFE}+(?: {_SAFE}+)*")
"""Text that is already its own Markdown: one line, single spaces, nothing to escape."""


def clean(text: str) -> str:
    """Unify line endings and show control characters and bidi overrides as escapes."""
    if is_safe(text):
        return text
    return printable(text.replace("\r\n", "\n").replace("\r", "\n"))


def inline(text: str) -> str:
    """One line of literal text: whitespace collapsed, Markdown punctuation escaped."""
    if _PLAIN.fullmatch(text):
        return text
    line = _SPACE.sub(" ", clean(text)).strip()
    line = _PUNCTUATION.sub(r"\\\1", line)
    return _LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)


def cell(text: str) -> str:
    """Literal text for one table cell: `|` escaped, line breaks as <br>, never empty."""
    lines = [inline(line) for line in clean(text).split("\n")]
    return "<br>".join(line for line in lines if line) or "—"


@lru_cache(maxsize=1024)
def code(text: str) -> str:
    """Literal text as an inline code span (tags), whatever backticks it holds."""
    body = _SPACE.sub(" ", clean(text)).strip()
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def paragraphs(text: str, indent: str = "") -> str:
    """Literal multi-line text: blank lines separate paragraphs, other breaks are kept.

    With `indent` (inside a list item) all lines are kept in one paragraph.
    """
    if "\n" not in text and "\r" not in text:
        return inline(text)
    blocks: list[list[str]] = [[]]
    for raw in clean(text).split("\n"):
        line = inline(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1] and not indent:
            blocks.append([])
    joined = ["\\\n".join(block).replace("\n", "\n" + indent) for block in blocks if block]
    return "\n\n".join(joined)


def user_markdown(text: str, below: int = ITEM_LEVEL) -> str:
    """The user's Markdown with headings demoted below level `below` and nothing leaking out.

    `# Big` becomes `#### Big` (capped at `######`); a setext heading becomes an ATX one.
    Each line typed inside a paragraph stays its own line (a hard break, `hard_breaks`).
    If the text would still change the document around it, it is exported as a code block.
    """
    body = clean(text).strip("\n")
    if not body.strip():
        return ""
    demoted = _demoted(body, below)
    return fenced(body) if demoted is None else hard_breaks(demoted)


def _demoted(body: str, below: int) -> str | None:
    """`body` with its headings demoted; None if it cannot be kept inside (see above)."""
    lines = f"\n{body}\n"
    html = "<" in body
    if not (html or "```" in body or "~~~" in body or _NEEDS_PARSER.search(lines)):
        if "#" not in body:
            return body
        return _ATX_LINE.sub(lambda m: f"\n{m[1]}{_marker(len(m[2]), below)}", lines)[1:-1]
    if not (html or _BESIDES_FENCES.search(lines)):
        around = _demote_around_fences(body, below)
        if around is not None:
            return around
    demoted, rejoined = _demote_parsed(body, below)
    if demoted is None or (rejoined and not _stays_inside(demoted, below)):
        return None
    return demoted


def _demote_around_fences(body: str, below: int) -> str | None:
    """Demote headings outside top-level code fences; None if a fence is left open.

    Only for text with no indented, quoted or HTML lines, where a fence is simply a line
    starting with three backticks or tildes (CommonMark 4.5): parsing costs ~20x more.
    """
    lines = body.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            if (match and match[1][0] == fence[0] and len(match[1]) >= len(fence)
                    and not match[2].strip()):
                fence = ""
        elif match and not (match[1][0] == "`" and "`" in match[2]):
            fence = match[1]
        elif line.startswith("#"):
            lines[index] = _ATX.sub(lambda m: m[1] + _marker(len(m[2]), below), line)
    return None if fence else "\n".join(lines)


def fenced(text: str) -> str:
    """Text as a fenced code block whose fence no line of the text can close."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _marker(level: int, below: int) -> str:
    return "#" * min(6, level + below)


@cache
def _parser() -> MarkdownIt:
    """Block structure only: headings, fences and HTML blocks are all we look at.

    Imported here, not at the top: most notes never need it, and it is a third of
    the export command's import time.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"], True)


def _demote_parsed(body: str, below: int) -> tuple[str | None, bool]:
    """Rewrite each heading the parser finds; None if the text swallows what follows it.

    Lengthening a top-level ATX marker or joining a top-level setext heading into one
    line cannot change the structure; anything nested asks for a check (second value).
    """
    lines = body.split("\n")
    tokens = _parser().parse(body + "\n\n" + _SENTINEL)
    last = tokens[-3] if len(tokens) >= 3 else None
    if last is None or last.type != "heading_open" or last.map != [len(lines) + 1,
                                                                    len(lines) + 2]:
        return None, False
    dropped: set[int] = set()
    check = False
    for token in tokens[:-3]:
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        marker = _marker(int(token.tag[1]), below)
        check = check or token.level > 0
        if token.markup.startswith("#"):
            lines[start] = _retag(lines[start], token.markup, marker)
        else:  # setext: the content lines become one ATX heading, the underline goes
            lines[start] = _join_setext(lines[start:end - 1], marker)
            dropped.update(range(start + 1, end))
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped), check


def _join_setext(content: list[str], marker: str) -> str:
    head = _PREFIX.match(content[0])
    prefix = head[1] if head else ""
    text = " ".join([content[0][len(prefix):].strip(),
                     *(_PREFIX.sub("", line).strip() for line in content[1:])])
    return f"{prefix}{marker} {text}" + (" #" if text.endswith("#") else "")


def _retag(line: str, old: str, new: str) -> str:
    head = _PREFIX.match(line)
    prefix = head[1] if head else ""
    rest = line[len(prefix):]
    return prefix + new + rest[len(old):] if rest.startswith(old) else line


def _stays_inside(markdown: str, below: int) -> bool:
    """True if the text's headings are all below `below` and the text ends where it ends."""
    tokens = _parser().parse(markdown + "\n\n" + _SENTINEL)
    headings = [t for t in tokens if t.type == "heading_open"]
    return (bool(headings) and headings[-1].tag == "h1"
            and tokens[-3] is headings[-1]
            and all(int(t.tag[1]) > below for t in headings[:-1]))
