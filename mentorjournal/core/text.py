"""Make user text safe to draw: control characters become visible symbols, never terminal codes.

Textual's `Content` strips only a few control codes and passes the rest, ESC included,
straight to the terminal: a name holding "\\x1b[2J" would clear the screen and OSC 52 could
write the clipboard. Everything a user typed goes through `printable` before it is drawn;
the stored text is never changed.
"""

from __future__ import annotations

_PICTURES: dict[int, int] = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},  # ␛ ␀ ␇
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls: 0x9B is a CSI on its own
}


def printable(text: str) -> str:
    """`text` with every control character but newline and tab shown as a visible symbol."""
    return text.translate(_PICTURES)
