"""User text is drawn with its control characters made visible."""

from __future__ import annotations

from mentorjournal.core.text import printable


def test_escape_sequences_become_visible() -> None:
    assert printable("\x1b[2J clear") == "␛[2J clear"
    assert printable("osc \x1b]52;c;aGk=\x07") == "osc ␛]52;c;aGk=␇"
    assert printable("nul\x00 del\x7f c1\x9b") == "nul␀ del␡ c1\ufffd"


def test_ordinary_text_is_untouched() -> None:
    text = "[bold]Ana[/] 🚀 مرحبا\u200f\u200d\nline two\ttab"
    assert printable(text) == text
