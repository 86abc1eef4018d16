"""The one rule for user text: its limits, and how it is made safe to show anywhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.text import (
    MAX_TAG,
    check_text,
    first_line,
    hard_breaks,
    is_safe,
    one_line,
    parse_tags,
    printable,
)
from tests.conftest import HOSTILE


def test_escape_sequences_become_visible_escapes() -> None:
    assert printable("\x1b[2J clear") == "\\x1b[2J clear"
    assert printable("osc \x1b]52;c;aGk=\x07") == "osc \\x1b]52;c;aGk=\\x07"
    assert printable("nul\x00 del\x7f c1\x9b") == "nul\\x00 del\\x7f c1\\x9b"
    assert printable(HOSTILE) == "[bold]Ana[/] [@click=app.quit]x[/] \\x1b[2J 🚀 مرحبا"


def test_bidi_overrides_and_isolates_become_visible() -> None:
    assert printable("abc\u202edcba") == "abc\\u202edcba"
    assert printable("\u2066x\u2069") == "\\u2066x\\u2069"


def test_ordinary_text_is_untouched() -> None:
    text = "[bold]Ana[/] 🚀 مرحبا\u200f\u200d\nline two\ttab"  # RLM and ZWJ are text
    assert printable(text) == text and is_safe(text)


def test_line_endings_and_separators_are_line_breaks() -> None:
    assert printable("a\r\nb\u2028c") == "a\nb\nc"


@given(st.text())
def test_printable_output_is_always_safe(text: str) -> None:
    assert is_safe(printable(text))
    assert is_safe(one_line(text)) and "\n" not in one_line(text)


def test_one_line_folds_whitespace_and_cuts() -> None:
    assert one_line("  a\n\n b\tc \u2029 d ") == "a b c d"
    assert one_line("abcdef", 4) == "abc…"


def test_first_line_skips_markdown_marks() -> None:
    assert first_line("\n\n## **Kick-off** with _Sam_\nmore") == "Kick-off with Sam"
    assert first_line("- [ ] do *this*") == "do this"
    assert first_line("> quoted\x1b[2J") == "quoted\\x1b[2J"
    assert first_line("#\n\n") == ""


def test_check_text_names_the_field_and_the_limit() -> None:
    assert check_text("ok", "title", limit=10) == "ok"
    with pytest.raises(ValidationError, match="The title cannot be empty.") as empty:
        check_text("  ", "title", required=True)
    assert empty.value.field == "title"
    with pytest.raises(ValidationError, match="is 1,001 characters long; keep it under 1,000"):
        check_text("x" * 1001, "success_measure", limit=1000)
    with pytest.raises(ValidationError, match="cannot store"):
        check_text("bad \ud800", "notes")


def test_parse_tags() -> None:
    assert parse_tags(" Growth, #walk ; growth,, Two  Words") == ("growth", "walk", "two words")
    with pytest.raises(ValidationError, match="too long"):
        parse_tags("x" * (MAX_TAG + 1))
    with pytest.raises(ValidationError, match="control characters"):
        parse_tags("fine, bad\x1b[2J")


# -- typed line breaks (issue 22, item 7) ---------------------------------------------

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
"""How Rich (the app) and the export's readers parse the pair's Markdown."""


def test_each_typed_line_of_a_paragraph_renders_as_its_own_line() -> None:
    assert hard_breaks("one\ntwo\nthree") == "one\\\ntwo\\\nthree"
    assert MD.render(hard_breaks("one\ntwo\nthree")) == (
        "<p>one<br />\ntwo<br />\nthree</p>\n")
    assert hard_breaks("a\nb\n\nc\nd") == "a\\\nb\n\nc\\\nd"  # blank lines stay paragraphs


def test_a_break_before_a_block_would_show_as_a_backslash() -> None:
    """Why the rule asks the parser: before a list item, a heading or a quote a backslash
    is no break but a literal backslash."""
    for block in ("- b", "# b", "> b", "```\nb\n```", "1. b"):
        assert MD.render(f"a\\\n{block}").startswith("<p>a\\</p>")
        assert hard_breaks(f"a\n{block}") == f"a\n{block}"


@pytest.mark.parametrize(("typed", "kept"), [
    ("- a\n- b\n- c", "- a\n- b\n- c"),                       # list items stay items
    ("- a\n  more\n- b", "- a\\\n  more\n- b"),                # a line inside an item breaks
    ("- a\nlazy", "- a\\\nlazy"),                              # a lazy continuation too
    ("# Plan\nfirst\nsecond", "# Plan\nfirst\\\nsecond"),       # a heading is one line
    ("> q\n> r", "> q\\\n> r"),                                # inside a quote
    ("```\ncode\nmore\n```\na\nb", "```\ncode\nmore\n```\na\\\nb"),  # never in a fence
    ("    code\n    more", "    code\n    more"),               # nor in indented code
    ("a | b\n--|--\n1 | 2", "a | b\n--|--\n1 | 2"),             # nor in a table
    ("Big\n===\ntext", "Big\n===\ntext"),                      # nor in a setext heading
    ("a\n2. b", "a\\\n2. b"),                                  # not a list: a typed line
    ("a\\\nb", "a\\\nb"), ("a  \nb", "a  \nb"),                # already a hard break
    ("a\\\\\nb", "a\\\\\\\nb"),                            # an escaped backslash is none
    ("a *\nb*", "a *  \nb*"), ("**bold**\nb", "**bold**  \nb"),  # "\\" could open emphasis
    ("a\n+ \nb", "a\\\n+  \nb"),  # a lone marker is text: "+ \\" would be an item
    ("a\n\\  \nb", "a\\\n\\  \\\nb"),  # markdown-it: after a backslash, two spaces are none
    ("a `code\nspan` b\nc", "a `code\nspan` b\nc"),            # a code span's line is no break
    ("a [link](https://x.org) b\nc", "a [link](https://x.org) b\\\nc"),
    ("one line", "one line"), ("", ""), ("a\n", "a\n"),
])
def test_only_lines_inside_a_paragraph_get_a_break(typed: str, kept: str) -> None:
    assert hard_breaks(typed) == kept


LINES = st.lists(st.text(alphabet="ab #>-*+=_`~|<1.)\\[]():", max_size=8), max_size=8)


def blocks(markdown: str) -> list[tuple[str, str, list[int] | None, int]]:
    return [(t.type, t.tag, t.map, t.level) for t in MD.parse(markdown) if t.type != "inline"]


def text_of(markdown: str) -> list[str]:
    """Each inline token's text, every break (soft or hard) as a newline."""
    def flat(children: list[Token]) -> str:
        return "".join(flat(c.children) if c.children else
                       "\n" if c.type in ("softbreak", "hardbreak") else c.content
                       for c in children)
    return [re.sub(r"[ \t]+\n", "\n", flat(t.children or []))
            for t in MD.parse(markdown) if t.type == "inline"]


def softbreaks(token: Token) -> int:
    return sum(softbreaks(c) if c.children else c.type == "softbreak"
               for c in token.children or [])


@given(LINES.map("\n".join))
@settings(max_examples=500, deadline=None)
def test_every_typed_line_stays_a_line_and_nothing_else_changes(typed: str) -> None:
    result = hard_breaks(typed)
    assert hard_breaks(result) == result                      # once is enough
    assert blocks(result) == blocks(typed)                    # the same lists, headings, code
    assert text_of(result) == text_of(typed)                  # the same text, no stray "\\"
    before = [t for t in MD.parse(typed) if t.type == "inline"]
    after = [t for t in MD.parse(result) if t.type == "inline"]
    for old, new in zip(before, after, strict=True):
        # every line break inside a paragraph is a hard one (a paragraph with a line break
        # inside a code span or inline HTML is left as typed)
        assert softbreaks(new) == 0 or new.content == old.content


@given(st.lists(st.text(alphabet="ab -*#", min_size=1, max_size=6), min_size=2, max_size=6))
@settings(max_examples=300, deadline=None)
def test_rendered_lines_of_plain_notes_are_the_typed_lines(lines: list[str]) -> None:
    """Notes of words, `-` items and `#` headings: the HTML has each typed line on its own."""
    tokens = MD.parse(hard_breaks("\n".join(lines)))
    assert all(softbreaks(t) == 0 for before, t in zip(tokens, tokens[1:], strict=False)
               if before.type == "paragraph_open")  # a setext heading's lines are one heading
