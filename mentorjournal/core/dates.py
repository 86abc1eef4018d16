"""Typed dates: ISO and a few forgiving forms, impossible dates refused with a message."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.text import one_line

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_ISO_LIKE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_AGO = re.compile(r"^(\d{1,3})\s*(day|days|d|week|weeks|w)\s*(ago)?$")
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


def parse_date(text: str, today: date, *, field: str = "date") -> date:
    """Read a typed date: 2026-11-03, 2026/11/3, today, yesterday, tomorrow, '3 days ago'."""
    cleaned = text.strip().lower()
    if not cleaned:
        raise ValidationError(field, "Enter a date, for example 2026-11-03 or 'today'.")
    if cleaned in _RELATIVE:
        return today + timedelta(days=_RELATIVE[cleaned])
    ago = _AGO.match(cleaned)
    if ago:
        days = int(ago.group(1)) * (7 if ago.group(2).startswith("w") else 1)
        return today - timedelta(days=days)
    iso = _ISO_LIKE.match(cleaned)
    if not iso:
        raise ValidationError(
            field, f"'{one_line(text, 40)}' is not a date I can read: use YYYY-MM-DD or 'today'."
        )
    year, month, day = (int(part) for part in iso.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise ValidationError(field,
                              f"{one_line(text, 40)} is not a real date ({error}).") from None


def parse_optional_date(text: str, today: date, *, field: str = "date") -> date | None:
    """Like parse_date, but an empty field means no date."""
    return parse_date(text, today, field=field) if text.strip() else None


def parse_time(text: str, *, field: str = "time") -> time:
    """A time of day: 17:30, 9:05, 17.30 or 17h30 (24-hour clock)."""
    match = _TIME.match(text.strip().lower())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError(field, f"'{one_line(text, 40)}' is not a time of day: use HH:MM "
                                     "(24-hour), for example 17:30.")
    return time(int(match[1]), int(match[2]))
