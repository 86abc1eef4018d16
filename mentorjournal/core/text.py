"""Every limit on what a user types, and the one rule that makes user text safe to show.

The journal stores text exactly as given: any language, emoji, `[brackets]`, even
terminal escape codes. What is checked before a save is here (`check_text` with the
limits below, `parse_tags`); what is shown is made safe here (`printable`, `one_line`,
`first_line`), the same for the app, the shell, notifications and the export:

- C0 control characters but tab and newline, DEL and the C1 controls (0x9B is a CSI on
  its own): an ESC reaching a terminal can clear it, retitle it, or write the clipboard
  (OSC 52); Textual's `Content` passes most of them through;
- bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make text read in
  another order than it is stored ("Trojan source"); the marks LRM and RLM stay, as
  right-to-left scripts need them.

Each is shown as a visible escape (`\\x1b`, `\\u202e`); the stored text never changes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from mentorjournal.core.errors import ValidationError

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# -- limits: what one field may hold -----------------------------------------------

MAX_NAME = 80
"""A partner's name."""
MAX_TAG = 40
"""A tag or a mood: a word or two."""
MAX_TITLE = 200
"""A goal's, an objective's or a journal entry's title."""
MAX_LINE = 500
"""One line: a homework item, a check-in's "what to change", a vision card, a prompt."""
MAX_TEXT = 2_000
"""A paragraph: a goal's why and success measure, a reason for a change, a review comment."""
MAX_URL = 2_000
MAX_WIN = 10_000
"""A win: a sentence or a paragraph; a novel belongs in the journal."""
MAX_ANSWER = 20_000
"""A long answer: an agreement section, an evaluation answer, a closing note."""
MAX_NOTES = 50_000
"""A meeting's notes."""
MAX_BODY = 200_000
"""A journal entry's body."""
MIN_PASSPHRASE = 8
"""An encrypted journal's passphrase: a lost laptop's journal resists guessing only as
well as its passphrase does (each guess costs about a second of scrypt)."""
MAX_PASSPHRASE = 1_000

# -- showing user text ----------------------------------------------------------------

_ESCAPES: dict[int, str] = {
    **{code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))
       if code not in (0x09, 0x0A)},
    **{code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    0x2028: "\n",  # the line and paragraph separators are line breaks
    0x2029: "\n",
}
_UNSAFE = re.compile("[" + "".join(f"\\U{code:08x}" for code in _ESCAPES) + "]")
_LINE_BREAKS = re.compile(r"\r\n?|[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_MARKS = re.compile(r"^\s*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|#{1,6}(?:\s+|$)|>\s*)+")
_EMPHASIS = re.compile(r"\*\*|__|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")


def is_safe(text: str) -> bool:
    """True when `text` holds nothing `printable` would change."""
    return _UNSAFE.search(text) is None and "\r" not in text


def printable(text: str) -> str:
    """`text` with every unsafe character shown as a visible escape (see the module's doc).

    Line breaks stay line breaks (a Windows "\\r\\n" is one).
    """
    if _UNSAFE.search(text) is None and "\r" not in text:
        return text
    return text.replace("\r\n", "\n").translate(_ESCAPES)


def one_line(text: str, limit: int | None = None) -> str:
    """User text as one safe line: whitespace and line breaks folded into single spaces,
    cut to `limit` characters with an ellipsis."""
    line = " ".join(_LINE_BREAKS.sub(" ", text).split())
    line = printable(line)
    if limit is not None and len(line) > limit:
        return line[: max(limit - 1, 0)] + "…"
    return line


def first_line(text: str, limit: int | None = None) -> str:
    """The first line with words of a Markdown text, without its list, heading, quote or
    emphasis marks: what a list shows of a meeting's notes or an entry's body."""
    for line in _LINE_BREAKS.split(text):
        words = _EMPHASIS.sub("", _MARKS.sub("", line))
        if words.strip():
            return one_line(words, limit)
    return ""


# -- line breaks in the pair's Markdown ---------------------------------------------------

_MAY_CONTINUE = re.compile(
    r"\n(?<!\n\n) {0,3}+(?![ \t]*$|[-*+][ \t]+[^ \t\n]|#{1,6}(?:[ \t]|$)|`{3,}[^`\n]*$|~{3,})",
    re.MULTILINE)
"""A line, then one that may continue its paragraph: not blank, a list item with text, an
ATX heading or a fence, which all end a paragraph. Without one, no break is needed."""
# Text the line-by-line reading below cannot settle, left to the parser: HTML, tables,
# link definitions, escaped backticks, a link whose destination is more than a word (its
# title may go on the next line).
_ASK_PARSER = re.compile(r"[<|]|\]:|\\`|\]\((?![^()\s\"'<>]*\))")
_ORDERED = re.compile(r"\d{1,9}[.)]")
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_RULE_LIKE = frozenset("-*_=+ \t")
"""A line of only these may be a thematic break, a setext underline or an empty item."""
_NESTED = frozenset("-*+>#=_~`|<0123456789\t")
"""A list item's text starting with one of these may open a block inside the item."""
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)")
"""A fence opened at the margin (inside a list item it would be the parser's)."""
_EMPTY_ITEM = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+$")
"""A list marker alone: inside a paragraph it is text (an empty item cannot end one)."""
_BLANK, _TEXT, _ITEM, _HEADING, _CODE = range(5)


def _ends_in_hard_break(line: str) -> bool:
    """The line ends in two spaces, or in a backslash that is not itself escaped.

    Not two spaces after a backslash: markdown-it reads the backslash and one space as
    one piece of text, so one space is left and the break is a soft one.
    """
    if line.endswith("  "):
        return not line.rstrip(" ").endswith("\\")
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def hard_breaks(markdown: str) -> str:
    """The pair's Markdown with every line break they typed inside a paragraph made a
    CommonMark hard break (a backslash at the line's end), so each typed line renders as
    its own line in the app and in any Markdown reader.

    Only lines the parser puts in one paragraph get one: a list item, heading, quote,
    table, code block or fence keeps its lines (a backslash before a list item would show
    as a backslash), blank lines still separate paragraphs, and a line that already ends
    in a hard break (backslash or two spaces) is left. A line ending in `*`, `_` or `~`
    gets two spaces instead, as a backslash after them could make them start emphasis.
    A paragraph where a break would change more than the break (a line break inside a
    code span, inline HTML or a link; a link definition) is left as typed. Applying it
    twice changes nothing more. Plain notes (text, `#` headings, `-` lists, fences at the
    margin) are read line by line; the rest is parsed with markdown-it-py, as Rich (the
    app) and the export's readers parse it.
    """
    if "\r" in markdown:
        markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in markdown or not _MAY_CONTINUE.search(markdown):
        return markdown
    lines = markdown.split("\n")
    kinds = _kinds(markdown, lines)
    if kinds is None:
        breaks = _paragraph_lines(markdown)
    else:
        breaks = [n for n in range(len(lines) - 1)
                  if kinds[n] in (_TEXT, _ITEM) and kinds[n + 1] == _TEXT]
    for n in breaks:
        lines[n] = _with_break(lines[n])
    return "\n".join(lines)


def _with_break(line: str) -> str:
    """The line ending in a hard break: a backslash, or two spaces after `*`, `_` or `~`
    (a backslash after them could make them start emphasis) or a lone list marker."""
    if _ends_in_hard_break(line):
        return line
    if _EMPTY_ITEM.match(line):
        return line.rstrip(" \t") + "  "  # "- \\" would be an item, ending the paragraph
    return line + ("  " if line[-1] in "*_~" else "\\")


def _kinds(markdown: str, lines: list[str]) -> list[int] | None:
    """What each line is, when that is plain from the line alone: blank, paragraph text,
    a `-` list item with text, an ATX heading, a line of a fence opened at the margin;
    None when only the parser can tell."""
    kinds: list[int] = []
    fence = ""
    for line in lines:
        if fence:  # code until a closing fence: as long, up to three spaces in, bare
            text = line.lstrip(" ")
            if (len(line) - len(text) <= 3 and text.startswith(fence)
                    and not text.lstrip(fence[0]).strip(" \t")):
                fence = ""
            kinds.append(_CODE)
            continue
        text = line.lstrip(" ")
        if not text.strip(" \t"):
            kinds.append(_BLANK)
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            if opening[1][0] == "`" and "`" in opening[2]:
                return None  # not a fence: inline code
            fence = opening[1]
            kinds.append(_CODE)
            continue
        if len(line) - len(text) > 3 or _RULE_LIKE.issuperset(text):
            return None  # code, or a rule, an underline or an empty list item
        first = text[0]
        if first in ">\t" or text.startswith(("```", "~~~")) or _ORDERED.match(text):
            return None
        if first == "#" and _ATX_HEADING.match(text):
            kinds.append(_HEADING)
        elif first in "-*+" and text[1:2] in (" ", "\t"):
            item = text[1:].lstrip(" ")
            if len(text) - len(item) > 5 or item[0] in _NESTED:
                return None  # code in the item, or a block nested in it
            kinds.append(_ITEM)
        else:
            kinds.append(_TEXT)
    if _CODE in kinds:
        markdown = "\n".join(line for line, kind in zip(lines, kinds, strict=True)
                             if kind != _CODE)
        lines = markdown.split("\n")
    if _ASK_PARSER.search(markdown) or ("`" in markdown and not _code_spans_close(lines)):
        return None
    return kinds


def _code_spans_close(lines: list[str]) -> bool:
    """Every code span opened on a line closes on it (so no line break is inside one)."""
    for line in lines:
        runs = [len(run) for run in re.findall("`+", line)]
        while runs:
            opener = runs.pop(0)
            if opener not in runs:
                return False
            del runs[: runs.index(opener) + 1]
    return True


def _paragraph_lines(markdown: str) -> list[int]:
    """The lines whose next line continues the same paragraph, where a break changes
    nothing else: each paragraph is checked by rendering its text both ways."""
    env: dict[str, object] = {}
    parser = _parser()
    tokens = parser.parse(markdown, env)
    found: list[int] = []
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.map is None:
            continue
        start, end = token.map
        text = tokens[index + 1].content
        if text.startswith("[") and "]:" in text:
            continue  # a break in it could make it a link definition
        lines = text.split("\n")
        if len(lines) != end - start:
            continue
        broken = "\n".join([*map(_with_break, lines[:-1]), lines[-1]])
        if _as_lines(parser.renderInline(broken, env)) == _as_lines(
                parser.renderInline(text, env)):
            found.extend(range(start, end - 1))
    return found


def _as_lines(html: str) -> str:
    """Rendered inline HTML with every line break (soft or hard) as a bare newline."""
    return re.sub(r"[ \t]*(?:<br />)?\n", "\n", html)


@cache
def _parser() -> MarkdownIt:
    """The app's Markdown as Rich parses it (CommonMark, tables, strikethrough); imported
    only when needed: most notes take the line-by-line path."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


# -- checking what is typed -------------------------------------------------------------


def check_text(value: str, field: str, label: str | None = None, *,
               required: bool = False, limit: int | None = None) -> str:
    """`value` unchanged, or ValidationError: empty when `required`, longer than `limit`,
    or holding characters a journal file cannot store (lone surrogates).

    `field` names the input at fault (a form focuses it); `label` is how the message
    calls it (by default the field, with spaces for underscores).
    """
    label = label or field.replace("_", " ")
    if required and not value.strip():
        raise ValidationError(field, f"The {label} cannot be empty.")
    if limit is not None and len(value) > limit:
        raise ValidationError(
            field, f"The {label} is {len(value):,} characters long; keep it under {limit:,}.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field, f"The {label} holds characters a journal file cannot store "
                   "(text that is not valid UTF-8).") from None
    return value


def parse_tags(text: str, field: str = "tags") -> tuple[str, ...]:
    """'Growth, #walk ;growth' -> ('growth', 'walk'): split on commas and semicolons,
    without '#', in lower case, each once. A tag is a word or two on one line: one that is
    too long or holds control characters is refused, naming it."""
    tags: dict[str, None] = {}
    for raw in re.split(r"[,;]", text):
        tag = " ".join(raw.strip().lstrip("#").split()).lower()
        if not tag:
            continue
        if not is_safe(raw) or "\n" in raw or "\t" in raw:
            raise ValidationError(field, f"The tag '{one_line(tag, 30)}' holds control "
                                         "characters; a tag is a word or two.")
        if len(tag) > MAX_TAG:
            raise ValidationError(field, f"The tag '{one_line(tag, 30)}' is too long; keep "
                                         f"tags under {MAX_TAG} characters.")
        check_text(tag, field, "tag")
        tags.setdefault(tag, None)
    return tuple(tags)


def check_passphrase(passphrase: str) -> str:
    """A new passphrase unchanged, or ValidationError: too short or long, or not storable."""
    if len(passphrase) < MIN_PASSPHRASE or not passphrase.strip():
        raise ValidationError("passphrase", f"A passphrase needs at least {MIN_PASSPHRASE} "
                                            "characters; a few words are easy to remember.")
    return check_text(passphrase, "passphrase", limit=MAX_PASSPHRASE)
