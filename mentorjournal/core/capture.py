"""Quick capture from the shell: add a win, an entry or homework; list records back.

The rules behind `mentorjournal add ...` and `mentorjournal list ...` (capture_cli.py
parses the command line and does the printing). No Textual, no Rich: user text is
stored exactly as given, and shown on a terminal only through `neutralise`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from mentorjournal.core.dates import parse_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal, check_text
from mentorjournal.core.model import Goal, Homework, JournalEntry, Meeting, Pair, Role, Win, WinSize
from mentorjournal.storage.codec import to_doc
from mentorjournal.storage.errors import JournalError

KINDS = ("wins", "entries", "homework", "meetings")
"""What `list` can show."""
MAX_TITLE = 200
MAX_LINE = 20_000
"""A win's or a homework item's text: a line, or a long paragraph, but not a book."""
MAX_BODY = 1_000_000
MAX_TAG = 40
PREVIEW = 60

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (escape sequences start with one) and bidi overrides."""


class NotSetUp(JournalError):
    """No journal file, or one without a pair yet: the app's first run sets it up."""

    def __init__(self, path: Path, *, missing: bool = False) -> None:
        what = f"There is no journal at {path} yet" if missing else (
            f"The journal {path} has no pair yet")
        super().__init__(f"{what}. Run `mentorjournal` once to set up the pair (or pass "
                         "--db PATH to choose another journal); nothing was saved.")


# -- reading the command line's values ------------------------------------------


def parse_day(text: str | None, today: date, field: str, *, past_only: bool = False) -> date | None:
    """A date typed on the command line (None when not given); `past_only` refuses the future."""
    if text is None:
        return None
    day = parse_date(text, today, field=field)
    if past_only and day > today:
        raise ValidationError(field, f"{field} {day.isoformat()} is in the future; "
                                     "use today or an earlier date.")
    return day


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as typed, without a leading '#' or blanks; duplicates (any case) dropped."""
    cleaned: list[str] = []
    for tag in tags:
        tag = check_text(tag.strip().lstrip("#").strip(), "tag", required=True, limit=MAX_TAG)
        if _UNSAFE.search(tag) or "\n" in tag:
            raise ValidationError("tag", "A tag cannot hold control characters or line breaks.")
        if tag.casefold() not in {t.casefold() for t in cleaned}:
            cleaned.append(tag)
    return tuple(cleaned)


def require_pair(journal: Journal) -> Pair:
    pair = journal.pair()
    if pair is None:
        raise NotSetUp(journal.store.path or Path("(in memory)"))
    return pair


def find_goal(journal: Journal, ref: str) -> Goal:
    """A goal by id, by exact title, or by a part of its title that only one goal has."""
    goals = journal.goals()
    wanted = ref.strip()
    if wanted.isdigit():
        found = journal.get(Goal, int(wanted))
        if found is not None:
            return found
    folded = wanted.casefold()
    for matches in ([g for g in goals if g.title.casefold() == folded],
                    [g for g in goals if folded and folded in g.title.casefold()]):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            options = "; ".join(f"{g.id}: {g.title}" for g in matches[:5])
            raise ValidationError("--goal", f"'{neutralise(wanted)}' matches several goals "
                                            f"({neutralise(options)}); give its id.")
    listing = "; ".join(f"{g.id}: {g.title}" for g in goals[:8]) or "none yet"
    raise ValidationError("--goal", f"No goal '{neutralise(wanted)}'. Goals: "
                                    f"{neutralise(listing)}.")


# -- adding ---------------------------------------------------------------------


def add_win(journal: Journal, text: str, *, big: bool = False, goal: str | None = None,
            won_on: date | None = None) -> Win:
    """Save a win (today unless `won_on`), optionally linked to a goal by id or title.

    The wins wall's own rules apply (Journal.add_win): the shell and the app agree.
    """
    goal_id = find_goal(journal, goal).id if goal is not None else None
    return journal.add_win(Win(won_on=won_on or journal.today(), text=text, goal_id=goal_id,
                               size=WinSize.BIG if big else WinSize.SMALL))


def check_title(title: str) -> None:
    """Refuse an entry title that is too long or that a journal file cannot hold."""
    check_text(title, "title", limit=MAX_TITLE)


def check_entry(title: str, body: str) -> None:
    """Refuse an entry that is empty or that a journal file cannot hold."""
    check_title(title)
    check_text(body, "entry", limit=MAX_BODY)
    if not title.strip() and not body.strip():
        raise ValidationError("entry", "The entry is empty: give a title or some text.")


def add_entry(journal: Journal, *, title: str, body: str, private: bool | None = None,
              tags: tuple[str, ...] = (), written_on: date | None = None) -> JournalEntry:
    """Save a journal entry; `private=None` follows the journal's private-by-default setting."""
    check_entry(title, body)
    if private is None:
        private = journal.settings().private_by_default
    return journal.add(JournalEntry(
        written_on=written_on or journal.today(), title=title, body=body, private=private,
        tags=clean_tags(tags), updated_at=journal.now(),
    ))


def add_homework(journal: Journal, text: str, *, who: Role = Role.PROTEGE,
                 due: date | None = None) -> tuple[Meeting, int]:
    """Add homework to the latest meeting; returns the meeting and the item's number (from 1)."""
    text = check_text(text, "homework", required=True, limit=MAX_LINE)
    meetings = journal.meetings()
    if not meetings:
        raise ValidationError("homework", "There is no meeting yet: homework belongs to a "
                                          "meeting. Log one in the app (m), then try again.")
    latest = meetings[0]
    item = Homework(text=text, who=who, due=due)
    saved = journal.update(dataclasses.replace(latest, homework=(*latest.homework, item)))
    return saved, len(saved.homework)


def preview(text: str) -> str:
    """A short, safe, one-line echo of user text for the acknowledgement."""
    line = one_line(text)
    return line if len(line) <= PREVIEW else line[: PREVIEW - 1] + "…"


# -- listing --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ListQuery:
    """What `mentorjournal list` was asked for."""

    kind: str
    since: date | None = None
    tag: str | None = None
    limit: int | None = None
    include_private: bool = False


def list_rows(journal: Journal, query: ListQuery) -> list[dict[str, Any]]:
    """The records asked for, newest first, as JSON-ready dicts (the stored fields plus ids)."""
    if query.tag is not None and query.kind not in ("entries", "meetings"):
        raise ValidationError("--tag", "Only entries and meetings have tags.")
    if query.limit is not None and query.limit < 1:
        raise ValidationError("-n", "-n must be 1 or more.")
    rows = _ROWS[query.kind](journal, query)
    return rows if query.limit is None else rows[: query.limit]


def _wins(journal: Journal, query: ListQuery) -> list[dict[str, Any]]:
    return [_row(w) for w in journal.wins() if _since(w.won_on, query)]


def _entries(journal: Journal, query: ListQuery) -> list[dict[str, Any]]:
    return [_row(e) for e in journal.entries(include_private=query.include_private)
            if _since(e.written_on, query) and _tagged(e.tags, query)]


def _meetings(journal: Journal, query: ListQuery) -> list[dict[str, Any]]:
    return [_row(m) for m in journal.meetings()
            if _since(m.held_on, query) and _tagged(m.tags, query)]


def _homework(journal: Journal, query: ListQuery) -> list[dict[str, Any]]:
    return [
        {"meeting_id": m.id, "meeting_on": m.held_on.isoformat(), "number": n, **to_doc(item)}
        for m in journal.meetings() if _since(m.held_on, query)
        for n, item in enumerate(m.homework, start=1)
    ]


_ROWS = {"wins": _wins, "entries": _entries, "homework": _homework, "meetings": _meetings}


def _row(record: Any) -> dict[str, Any]:
    return {"id": record.id, **to_doc(record)}


def _since(day: date, query: ListQuery) -> bool:
    return query.since is None or day >= query.since


def _tagged(tags: tuple[str, ...], query: ListQuery) -> bool:
    if query.tag is None:
        return True
    wanted = query.tag.strip().lstrip("#").casefold()
    return any(tag.casefold() == wanted for tag in tags)


# -- showing on a terminal --------------------------------------------------------


def neutralise(text: str) -> str:
    """User text made safe for a terminal: control characters shown as \\x.. escapes."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def one_line(text: str, limit: int | None = None) -> str:
    """Neutralised text on one line (line breaks shown as ⏎), cut to `limit` characters."""
    line = neutralise(" ⏎ ".join(part.strip() for part in text.strip().splitlines()))
    if limit is not None and len(line) > limit:
        return line[: limit - 1] + "…"
    return line


def format_row(kind: str, row: dict[str, Any], width: int = 200) -> str:
    """One row of `list` output for a terminal; every user value neutralised."""
    if kind == "wins":
        size = "big  " if row["size"] == WinSize.BIG else "small"
        goal = f"  (goal {row['goal_id']})" if row.get("goal_id") else ""
        return f"{row['id']:>4}  {row['won_on']}  {size}  {one_line(row['text'], width)}{goal}"
    if kind == "entries":
        title = one_line(row["title"], 80) or "(untitled)"
        body = one_line(row["body"], min(PREVIEW, max(10, width - len(title))))
        flag = "private  " if row["private"] else ""
        return (f"{row['id']:>4}  {row['written_on']}  {flag}{title}"
                f"{' — ' + body if body else ''}{_tags(row['tags'])}")
    if kind == "homework":
        due = f"  due {row['due']}" if row.get("due") else ""
        who = Role(row["who"]).label
        return (f"{row['meeting_id']:>4}.{row['number']:<2} {row['meeting_on']}  "
                f"{row['status']:<7} {who:<8}{due}  {one_line(row['text'], width)}")
    mode = f"  {one_line(row['mode'])}" if row.get("mode") else ""
    minutes = f"  {row['duration_minutes']} min" if row.get("duration_minutes") else ""
    homework = f"  homework: {len(row['homework'])}" if row["homework"] else ""
    return (f"{row['id']:>4}  {row['held_on']}{mode}{minutes}{homework}{_tags(row['tags'])}"
            f"  {one_line(row['notes'], PREVIEW)}").rstrip()


def _tags(tags: list[str]) -> str:
    return "  " + " ".join(f"#{neutralise(t)}" for t in tags) if tags else ""


EMPTY_HINTS = {
    "wins": "No wins yet. Add one: mentorjournal add win \"Asked my first question\"",
    "entries": "No entries yet. Add one: echo \"Today I...\" | mentorjournal add entry \"Title\"",
    "homework": "No homework yet. Add some: mentorjournal add homework \"Read the primer\"",
    "meetings": "No meetings yet: log one in the app (press m on the home screen).",
}
