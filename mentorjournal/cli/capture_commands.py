"""`mentorjournal add ...` and `mentorjournal list ...`: the shell side of quick capture.

Parses the command line, gathers an entry's text (stdin, $EDITOR or typed), opens the
journal (read-write with its lock for `add`, read-only for `list`) and prints. The
rules are in capture.py. An `add` prints its one-line acknowledgement only once the
journal file on disk holds the record.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeAlias

from mentorjournal.cli.main import fail
from mentorjournal.core import capture
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Role
from mentorjournal.storage.errors import JournalError, JournalLocked
from mentorjournal.storage.paths import resolve_journal_path

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
DbOption: TypeAlias = Callable[[argparse.ArgumentParser, object], None]

ADD_EPILOG = """examples:
  mentorjournal add win "Asked my first question in the leadership meeting"
  mentorjournal add entry "After the workshop" --tag reflection < notes.md
  mentorjournal add homework "Read the finance primer" --due 2026-12-01
"""
WIN_EPILOG = """examples:
  mentorjournal add win "Ran the dry run without notes"
  mentorjournal add win "Facilitated the Q3 workshop" --big --goal "Q3 planning"
  mentorjournal add win "Booked three coffee chats" --goal 3 --date yesterday
"""
ENTRY_EPILOG = """The text comes from standard input when it is piped; otherwise $VISUAL or
$EDITOR is opened; with neither set, type it and end with Ctrl+D.

examples:
  echo "Said no to a side project. It felt fine." | mentorjournal add entry "Saying no"
  mentorjournal add entry "Fears" --private --tag reflection --tag fear
  pbpaste | mentorjournal add entry --date 2026-11-03
"""
HOMEWORK_EPILOG = """The homework goes on the latest meeting (log meetings in the app).

examples:
  mentorjournal add homework "Draft the workshop agenda" --due tomorrow
  mentorjournal add homework "Send Ana the finance primer" --who mentor --due 2026-12-01
"""
LIST_EPILOG = """examples:
  mentorjournal list wins -n 5
  mentorjournal list entries --since "30 days ago" --tag reflection
  mentorjournal list homework --json | jq '.[] | select(.status == "open")'
  mentorjournal list entries --include-private --json > entries.json

Works while the app is open (the journal is read, never written).
"""


def add_parsers(sub: Sub, db_option: DbOption) -> None:
    """The `add` and `list` subcommands."""
    add = sub.add_parser(
        "add", help="quick capture: save a win, an entry or homework from the shell",
        description="Save a win, a journal entry or homework without opening the app.",
        epilog=ADD_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    kinds = add.add_subparsers(title="what to add", metavar="KIND", required=True)
    _win_parser(kinds, db_option)
    _entry_parser(kinds, db_option)
    _homework_parser(kinds, db_option)
    _list_parser(sub, db_option)


def _parser(sub: Sub, name: str, help: str, epilog: str, db_option: DbOption,
            ) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".",
                            epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    db_option(parser, argparse.SUPPRESS)
    return parser


def _win_parser(kinds: Sub, db_option: DbOption) -> None:
    win = _parser(kinds, "win", "save a win (small ones count too)", WIN_EPILOG, db_option)
    win.add_argument("text", metavar="TEXT", help="what went well (quote it)")
    win.add_argument("--big", action="store_true", help="a big win (default: small)")
    win.add_argument("--goal", metavar="ID|TITLE", help="the goal it moves (id or part of title)")
    win.add_argument("--date", metavar="DATE", help="when (default today; 'yesterday' works)")
    win.set_defaults(func=run_add_win)


def _entry_parser(kinds: Sub, db_option: DbOption) -> None:
    entry = _parser(kinds, "entry", "write a journal entry", ENTRY_EPILOG, db_option)
    entry.add_argument("title", metavar="TITLE", nargs="?", default="", help="the entry's title")
    entry.add_argument("--private", action=argparse.BooleanOptionalAction, default=None,
                       help="never shown in review-together mode (default: the journal's "
                            "private-by-default setting)")
    entry.add_argument("--tag", metavar="TAG", action="append", default=[],
                       help="a tag (repeat for more)")
    entry.add_argument("--date", metavar="DATE", help="when it was written (default today)")
    entry.set_defaults(func=run_add_entry)


def _homework_parser(kinds: Sub, db_option: DbOption) -> None:
    homework = _parser(kinds, "homework", "give homework on the latest meeting",
                       HOMEWORK_EPILOG, db_option)
    homework.add_argument("text", metavar="TEXT", help="what to do")
    homework.add_argument("--who", choices=[r.value for r in Role], default=Role.PROTEGE.value,
                          help="who does it (default: protege)")
    homework.add_argument("--due", metavar="DATE", help="when it is due")
    homework.set_defaults(func=run_add_homework)


def _list_parser(sub: Sub, db_option: DbOption) -> None:
    listing = _parser(sub, "list", "show wins, entries, homework or meetings, newest first",
                      LIST_EPILOG, db_option)
    listing.add_argument("kind", choices=capture.KINDS, metavar="{" + ",".join(capture.KINDS) + "}",
                         help="what to show")
    listing.add_argument("--since", metavar="DATE", help="only from this date on")
    listing.add_argument("--tag", metavar="TAG", help="only entries or meetings with this tag")
    listing.add_argument("-n", dest="limit", metavar="N", type=int, help="only the newest N")
    listing.add_argument("--json", action="store_true", help="JSON for scripts (all fields)")
    listing.add_argument("--include-private", action="store_true",
                         help="also show private entries (hidden by default)")
    listing.set_defaults(func=run_list)


TODAY_VAR = "MENTORJOURNAL_TODAY"
"""Pins "today" (an ISO date) for tests and demos; unset, the clock decides."""


def today() -> date:
    pinned = os.environ.get(TODAY_VAR)
    return date.fromisoformat(pinned) if pinned else date.today()


# -- add --------------------------------------------------------------------------


def run_add_win(args: argparse.Namespace) -> int:
    won_on = capture.parse_day(args.date, today(), "--date", past_only=True)
    with _journal_for_add(args) as journal:
        win = capture.add_win(journal, args.text, big=args.big, goal=args.goal, won_on=won_on)
    goal = f", goal {win.goal_id}" if win.goal_id else ""
    print(f"Saved win {win.id} ({win.size}, {win.won_on}{goal}): {capture.preview(win.text)}")
    return 0


def run_add_homework(args: argparse.Namespace) -> int:
    due = capture.parse_day(args.due, today(), "--due")
    with _journal_for_add(args) as journal:
        meeting, number = capture.add_homework(journal, args.text, who=Role(args.who), due=due)
    print(f"Saved homework {meeting.id}.{number} on the meeting of {meeting.held_on} "
          f"(meeting {meeting.id}): {capture.preview(args.text)}")
    return 0


def run_add_entry(args: argparse.Namespace) -> int:
    written_on = capture.parse_day(args.date, today(), "--date", past_only=True)
    tags = capture.clean_tags(args.tag)
    capture.check_title(args.title)  # before any typing
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive:
        with _journal_for_add(args):  # refused now (locked, no pair...) rather than after typing
            pass
    body = _read_body(interactive)
    try:
        with _journal_for_add(args) as journal:
            entry = capture.add_entry(journal, title=args.title, body=body, private=args.private,
                                      tags=tags, written_on=written_on)
    except JournalError as error:
        if interactive and body.strip():
            error.args = (f"{error} Your text is kept in {_rescue(body)}",)
        raise
    private = "private " if entry.private else ""
    print(f"Saved {private}entry {entry.id} ({entry.written_on}): "
          f"{capture.preview(entry.title or entry.body)}")
    return 0


def _read_body(interactive: bool) -> str:
    """The entry's text: piped stdin, else $VISUAL/$EDITOR, else typed until end of input."""
    if not interactive:
        return _decode(sys.stdin.buffer.read()) if sys.stdin is not None else ""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        return _edit(editor)
    print("Type the entry; end with Ctrl+D on a new line (Ctrl+Z then Enter on Windows).",
          file=sys.stderr)
    return _decode(sys.stdin.buffer.read())


def _decode(payload: bytes) -> str:
    """Bytes as text; bytes that are not UTF-8 become lone surrogates, which the save refuses."""
    return payload.decode("utf-8", "surrogateescape")


def _edit(editor: str) -> str:
    with tempfile.TemporaryDirectory(prefix="mentorjournal-") as folder:
        path = Path(folder) / "entry.md"
        path.write_text("", encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as error:
            raise JournalError(f"Could not start the editor {editor!r} ({error.strerror}). "
                               "Set $EDITOR, or pipe the text in. Nothing was saved.") from None
        if done.returncode != 0:
            raise JournalError(f"The editor exited with status {done.returncode}; "
                               "nothing was saved.")
        return _decode(path.read_bytes())


def _rescue(body: str) -> str:
    """Keep typed text that could not be saved in a private file; returns its path."""
    fd, name = tempfile.mkstemp(prefix="mentorjournal-entry-", suffix=".md")
    with os.fdopen(fd, "wb") as handle:
        handle.write(body.encode("utf-8", "surrogateescape"))
    return name


@contextmanager
def _journal_for_add(args: argparse.Namespace) -> Iterator[Journal]:
    """The journal opened for writing (with its lock), refused clearly when it cannot be."""
    path = resolve_journal_path(args.db)
    if not path.exists():
        raise capture.NotSetUp(path, missing=True)
    try:
        journal = Journal.open(path, today=today)
    except JournalLocked as error:
        raise LockedForAdd(error) from None
    try:
        capture.require_pair(journal)
        yield journal
    finally:
        journal.close()


class LockedForAdd(JournalLocked):
    """The app holds the journal: say so in the shell's words."""

    def __init__(self, error: JournalLocked) -> None:
        super().__init__(error.path, error.holder)
        self.args = (f"The journal {error.path} is open in the app ({error.holder}). "
                     "Nothing was saved: close the app and run this again, or add it there.",)


# -- list -------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    path = resolve_journal_path(args.db)
    if not path.exists():
        return fail(f"There is no journal at {path}. Run `mentorjournal` to start one, "
                    "or pass --db PATH.")
    query = capture.ListQuery(
        kind=args.kind, tag=args.tag, limit=args.limit, include_private=args.include_private,
        since=capture.parse_day(args.since, today(), "--since"),
    )
    journal = Journal.open(path, readonly=True, today=today)
    try:
        rows = capture.list_rows(journal, query)
    finally:
        journal.close()
    if args.json:
        _write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", "utf-8")
    elif rows:
        width = max(40, shutil.get_terminal_size((200, 24)).columns - 30)
        _write("".join(capture.format_row(args.kind, row, width) + "\n" for row in rows),
               sys.stdout.encoding or "utf-8")
    else:
        filtered = query.since or query.tag
        print(f"No {args.kind} match." if filtered else capture.EMPTY_HINTS[args.kind],
              file=sys.stderr)
    return 0


def _write(text: str, encoding: str) -> None:
    """Print to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.buffer.write(text.encode(encoding, "replace"))
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not complain
        os.close(devnull)

