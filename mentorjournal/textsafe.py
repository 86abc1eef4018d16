"""Make user text safe to draw: control characters become visible symbols, never terminal codes.

Textual's `Content` passes characters through to the terminal as they are, so an ESC in a
journal entry would reach the terminal as the start of an escape sequence (clear the screen,
set the clipboard through OSC 52, ...). Everything a user typed goes through `printable`
before it is drawn; the stored text is never changed.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␀ for NUL
    return "␡" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """`text` with every control character but newline and tab shown as a visible symbol."""
    return _CONTROL.sub(_picture, text)
