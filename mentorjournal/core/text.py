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

from mentorjournal.core.errors import ValidationError

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
