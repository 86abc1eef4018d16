"""`mentorjournal list wins|entries|homework|meetings`: what the journal holds, newest first.

Reads the journal read-only (it works while the app is open). On a terminal every user
value is shown through the one safety rule (`core/text.py`); `--json` gives the stored
fields exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentorjournal.cli.common import Sub, fail, journal_key, subcommand, today
from mentorjournal.core.dates import parse_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Role, WinSize
from mentorjournal.core.text import one_line, printable
from mentorjournal.storage.codec import to_doc
from mentorjournal.storage.paths import resolve_journal_path

KINDS = ("wins", "entries", "homework", "meetings")
PREVIEW = 60

LIST_EPILOG = """examples:
  mentorjournal list wins -n 5
  mentorjournal list entries --since "30 days ago" --tag reflection
  mentorjournal list homework --json | jq '.[] | select(.status == "open")'
  mentorjournal list entries --include-private --json > entries.json

Works while the app is open (the journal is read, never written).
"""
EMPTY_HINTS = {
    "wins": "No wins yet. Add one: mentorjournal add win \"Asked my first question\"",
    "entries": "No entries yet. Add one: echo \"Today I...\" | mentorjournal add entry \"Title\"",
    "homework": "No homework yet. Add some: mentorjournal add homework \"Read the primer\"",
    "meetings": "No meetings yet: log one in the app (press m on the home screen).",
}


def add_parser(sub: Sub) -> None:
    listing = subcommand(sub, "list", "show wins, entries, homework or meetings, newest first",
                         LIST_EPILOG)
    listing.add_argument("kind", choices=KINDS, metavar="{" + ",".join(KINDS) + "}",
                         help="what to show")
    listing.add_argument("--since", metavar="DATE", help="only from this date on")
    listing.add_argument("--tag", metavar="TAG", help="only entries or meetings with this tag")
    listing.add_argument("-n", dest="limit", metavar="N", type=int, help="only the newest N")
    listing.add_argument("--json", action="store_true", help="JSON for scripts (all fields)")
    listing.add_argument("--include-private", action="store_true",
                         help="also show private entries (hidden by default)")
    listing.set_defaults(func=run_list)


@dataclass(frozen=True)
class ListQuery:
    """What `mentorjournal list` was asked for."""

    kind: str
    since: date | None = None
    tag: str | None = None
    limit: int | None = None
    include_private: bool = False


def run_list(args: argparse.Namespace) -> int:
    path = resolve_journal_path(args.db)
    if not path.exists():
        return fail(f"There is no journal at {path}. Run `mentorjournal` to start one, "
                    "or pass --db PATH.")
    query = ListQuery(
        kind=args.kind, tag=args.tag, limit=args.limit, include_private=args.include_private,
        since=parse_date(args.since, today(), field="since") if args.since else None,
    )
    journal = Journal.open(path, readonly=True, today=today, key=journal_key(path, args))
    try:
        rows = list_rows(journal, query)
    finally:
        journal.close()
    if args.json:
        _write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", "utf-8")
    elif rows:
        width = max(40, shutil.get_terminal_size((200, 24)).columns - 30)
        _write("".join(format_row(args.kind, row, width) + "\n" for row in rows),
               sys.stdout.encoding or "utf-8")
    else:
        filtered = query.since or query.tag
        print(f"No {args.kind} match." if filtered else EMPTY_HINTS[args.kind], file=sys.stderr)
    return 0


def list_rows(journal: Journal, query: ListQuery) -> list[dict[str, Any]]:
    """The records asked for, newest first, as JSON-ready dicts (the stored fields plus ids)."""
    if query.tag is not None and query.kind not in ("entries", "meetings"):
        raise ValidationError("tag", "Only entries and meetings have tags.")
    if query.limit is not None and query.limit < 1:
        raise ValidationError("limit", "-n must be 1 or more.")
    since = query.since or date.min
    rows: list[dict[str, Any]]
    if query.kind == "wins":
        rows = [_row(w) for w in journal.wins.all() if w.won_on >= since]
    elif query.kind == "entries":
        rows = [_row(e) for e in journal.entries.all(include_private=query.include_private)
                if e.written_on >= since and _tagged(e.tags, query)]
    elif query.kind == "meetings":
        rows = [_row(m) for m in journal.meetings.all()
                if m.held_on >= since and _tagged(m.tags, query)]
    else:
        rows = [{"id": f"{m.id}.{n}", "meeting_id": m.id, "meeting_on": m.held_on.isoformat(),
                 "number": n, **to_doc(item)}
                for m in journal.meetings.all() if m.held_on >= since
                for n, item in enumerate(m.homework, start=1)]
    return rows if query.limit is None else rows[: query.limit]


def _row(record: Any) -> dict[str, Any]:
    return {"id": record.id, **to_doc(record)}


def _tagged(tags: tuple[str, ...], query: ListQuery) -> bool:
    if query.tag is None:
        return True
    wanted = query.tag.strip().lstrip("#").casefold()
    return any(tag.casefold() == wanted for tag in tags)


def format_row(kind: str, row: dict[str, Any], width: int = 200) -> str:
    """One row of `list` output for a terminal; every user value made safe."""
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
        return (f"{row['id']:>7} {row['meeting_on']}  "
                f"{row['status']:<7} {who:<8}{due}  {one_line(row['text'], width)}")
    mode = f"  {one_line(row['mode'])}" if row.get("mode") else ""
    minutes = f"  {row['duration_minutes']} min" if row.get("duration_minutes") else ""
    homework = f"  homework: {len(row['homework'])}" if row["homework"] else ""
    return (f"{row['id']:>4}  {row['held_on']}{mode}{minutes}{homework}{_tags(row['tags'])}"
            f"  {one_line(row['notes'], PREVIEW)}").rstrip()


def _tags(tags: list[str]) -> str:
    return "  " + " ".join(f"#{printable(t)}" for t in tags) if tags else ""


def _write(text: str, encoding: str) -> None:
    """Print to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.buffer.write(text.encode(encoding, "replace"))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not complain
        os.close(devnull)
