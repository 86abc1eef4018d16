"""The one rule for user text: its limits, and how it is made safe to show anywhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.text import (
    MAX_TAG,
    check_text,
    first_line,
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
