"""User text made safe for a terminal: control characters shown, never sent as commands."""

from __future__ import annotations

_VISIBLE: dict[int, int] = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},  # ␛ ␀ ␇ ...
    0x7F: 0x2421,  # ␡
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1 controls: 0x9B is a CSI on its own
}


def visible(text: str) -> str:
    """`text` with control characters replaced by visible symbols (ESC shows as ␛).

    Textual's Content strips only a few control codes and writes the rest, ESC included,
    straight to the terminal: a name holding "\\x1b[2J" would clear the screen and OSC 52
    would write the clipboard. Tabs and newlines are kept. Use it on user text before
    display; never before saving (the journal keeps the text unchanged).
    """
    return text.translate(_VISIBLE)
