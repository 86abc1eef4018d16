"""`mentorjournal add win|entry|homework`: quick capture from the shell.

Gathers an entry's text (stdin, $EDITOR or typed), opens the journal with its lock and
saves through the same section operations the app uses, so the shell and the app refuse
the same input with the same words. The one-line acknowledgement is printed only once the
journal file on disk holds the record.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentorjournal.cli.common import Sub, journal_key, subcommand, today
from mentorjournal.core.dates import parse_date
from mentorjournal.core.entries import check_entry
from mentorjournal.core.errors import NotSetUp
from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import parse_due
from mentorjournal.core.model import JournalEntry, Role, Win, WinSize
from mentorjournal.core.text import one_line, parse_tags, printable
from mentorjournal.storage import lock
from mentorjournal.storage.editor import EditorFailed, chosen_editor, edit_text, scratch_folder
from mentorjournal.storage.errors import JournalError, JournalLocked, ReadOnlyJournal
from mentorjournal.storage.lock import APP, COMMAND
from mentorjournal.storage.paths import resolve_journal_path
from mentorjournal.storage.sealed import SUFFIX, JournalKey

PREVIEW = 60
"""How much of the saved text the acknowledgement echoes."""

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


def add_parser(sub: Sub) -> None:
    """The `add` subcommand and its kinds."""
    add = sub.add_parser(
        "add", help="quick capture: save a win, an entry or homework from the shell",
        description="Save a win, a journal entry or homework without opening the app.",
        epilog=ADD_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    kinds = add.add_subparsers(title="what to add", metavar="KIND", required=True)

    win = subcommand(kinds, "win", "save a win (small ones count too)", WIN_EPILOG)
    win.add_argument("text", metavar="TEXT", help="what went well (quote it)")
    win.add_argument("--big", action="store_true", help="a big win (default: small)")
    win.add_argument("--goal", metavar="ID|TITLE", help="the goal it moves (id or part of title)")
    win.add_argument("--date", metavar="DATE", help="when (default today; 'yesterday' works)")
    win.set_defaults(func=run_add_win)

    entry = subcommand(kinds, "entry", "write a journal entry", ENTRY_EPILOG)
    entry.add_argument("title", metavar="TITLE", nargs="?", default="", help="the entry's title")
    entry.add_argument("--private", action=argparse.BooleanOptionalAction, default=None,
                       help="never shown in review-together mode (default: the journal's "
                            "private-by-default setting)")
    entry.add_argument("--tag", metavar="TAG", action="append", default=[],
                       help="a tag (repeat for more)")
    entry.add_argument("--date", metavar="DATE", help="when it was written (default today)")
    entry.set_defaults(func=run_add_entry)

    homework = subcommand(kinds, "homework", "give homework on the latest meeting",
                          HOMEWORK_EPILOG)
    homework.add_argument("text", metavar="TEXT", help="what to do")
    homework.add_argument("--who", choices=[r.value for r in Role], default=Role.PROTEGE.value,
                          help="who does it (default: protege)")
    homework.add_argument("--due", metavar="DATE", help="when it is due")
    homework.set_defaults(func=run_add_homework)


def run_add_win(args: argparse.Namespace) -> int:
    won_on = parse_date(args.date, today(), field="won_on") if args.date else today()
    with _journal_for_add(*_unlocked(args)) as journal:
        goal_id = journal.goals.find(args.goal).id if args.goal is not None else None
        win = journal.wins.add(Win(won_on=won_on, text=args.text, goal_id=goal_id,
                                   size=WinSize.BIG if args.big else WinSize.SMALL))
    goal = f", goal {win.goal_id}" if win.goal_id else ""
    print(f"Saved win {win.id} ({win.size}, {win.won_on}{goal}): {one_line(win.text, PREVIEW)}")
    return 0


def run_add_homework(args: argparse.Namespace) -> int:
    due = parse_due(args.due, today()) if args.due else None
    with _journal_for_add(*_unlocked(args)) as journal:
        meeting, number = journal.meetings.add_homework(args.text, Role(args.who), due)
    print(f"Saved homework {meeting.id}.{number} on the meeting of {meeting.held_on} "
          f"(meeting {meeting.id}): {one_line(args.text, PREVIEW)}")
    return 0


def run_add_entry(args: argparse.Namespace) -> int:
    written_on = parse_date(args.date, today(), field="written_on") if args.date else today()
    tags = ", ".join(args.tag)
    # Everything but the text is checked before any typing.
    check_entry(JournalEntry(written_on=written_on, title=args.title, tags=parse_tags(tags)),
                today(), complete=False)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    path, key = _unlocked(args)  # the passphrase is asked once, before any typing
    if interactive:
        with _journal_for_add(path, key):  # refused now (locked, no pair...), not after typing
            pass
    body = _read_body(interactive, off_disk=key is not None)
    try:
        with _journal_for_add(path, key) as journal:
            entry = journal.entries.write(title=args.title, body=body, tags=tags,
                                          private=args.private, written_on=written_on)
    except JournalError as error:
        if interactive and body.strip():
            error.args = (f"{error} {_keep(body, key)}",)
        raise
    private = "private " if entry.private else ""
    print(f"Saved {private}entry {entry.id} ({entry.written_on}): "
          f"{one_line(entry.title or entry.body, PREVIEW)}")
    return 0


def _read_body(interactive: bool, *, off_disk: bool = False) -> str:
    """The entry's text: piped stdin, else $VISUAL/$EDITOR, else typed until end of input.

    For an encrypted journal (`off_disk`) the editor's file is kept in memory; where no
    folder can be, the text is typed here instead.
    """
    if not interactive:
        return _decode(sys.stdin.buffer.read()) if sys.stdin is not None else ""
    editor = chosen_editor()
    if editor and off_disk:
        try:
            scratch_folder(off_disk)
        except EditorFailed as error:
            print(printable(str(error)), file=sys.stderr)
            editor = None
    if editor:
        try:
            return edit_text("", editor, off_disk=off_disk)
        except EditorFailed as error:
            raise JournalError(f"{error} Nothing was saved.") from None
    print("Type the entry; end with Ctrl+D on a new line (Ctrl+Z then Enter on Windows).",
          file=sys.stderr)
    return _decode(sys.stdin.buffer.read())


def _decode(payload: bytes) -> str:
    """Bytes as text; bytes that are not UTF-8 become lone surrogates, which the save refuses."""
    return payload.decode("utf-8", "surrogateescape")


def _keep(body: str, key: JournalKey | None = None) -> str:
    """Keep typed text that could not be saved: in a private file, or else on stdout.

    Returns the sentence that says where it is. The text of an encrypted journal is kept
    encrypted to its key (an age file). The last resort (a full disk, no writable temp
    folder) prints the text itself: typed text is never lost.
    """
    payload = body.encode("utf-8", "surrogateescape")
    suffix = ".md" if key is None else ".md" + SUFFIX
    try:
        kept = payload if key is None else key.seal(payload)
        fd, name = tempfile.mkstemp(prefix="mentorjournal-entry-", suffix=suffix)
    except OSError as error:
        return _print_instead(payload, error)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(kept)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(name)
        return _print_instead(payload, error)
    if key is not None:
        return (f"Your text is kept in {name}, encrypted like the journal (age -d -i "
                "<the journal's key file> opens it).")
    return f"Your text is kept in {name}"


def _print_instead(payload: bytes, error: OSError) -> str:
    """Print the text on stdout, exactly (made safe on a terminal); says that it did."""
    why = error.strerror or str(error)
    out = sys.stdout
    try:
        if out.isatty():
            out.write(printable(payload.decode("utf-8", "replace")) + "\n")
            out.flush()
        else:
            out.buffer.write(payload)
            out.buffer.flush()
    except (OSError, ValueError) as failed:  # ValueError: stdout is closed
        return (f"It could not be kept in a file ({why}) nor printed "
                f"({getattr(failed, 'strerror', None) or failed}).")
    return (f"It could not be kept in a file either ({why}), so it is printed on "
            "standard output: copy it from there.")


def _unlocked(args: argparse.Namespace) -> tuple[Path, JournalKey | None]:
    """The journal's file and, for an encrypted one, its key (asked for here, before the
    lock is taken: a person typing a passphrase must not keep other commands waiting)."""
    path = resolve_journal_path(args.db)
    if not path.exists():
        raise NotSetUp(path, missing=True)
    return path, journal_key(path, args)


@contextmanager
def _journal_for_add(path: Path, key: JournalKey | None) -> Iterator[Journal]:
    """The journal opened for writing (with its lock), refused clearly when it cannot be."""
    try:
        journal = Journal.open(path, today=today, role=COMMAND, key=key)
    except JournalLocked as error:
        raise LockedForAdd(error) from None
    try:
        if journal.readonly:  # the file or its folder is read-only: say so before any typing
            raise ReadOnlyJournal(journal.store.readonly_reason)
        journal.pair.require()
        yield journal
    finally:
        journal.close()


class LockedForAdd(JournalLocked):
    """Another mentorjournal holds the journal: say who, and what to do, in the shell's words."""

    def __init__(self, error: JournalLocked) -> None:
        super().__init__(error.path, error.holder, error.role)
        if error.role == COMMAND:
            advice = (f"is in use by another mentorjournal command ({error.holder}), which did "
                      f"not finish within {lock.COMMAND_WAIT:g} seconds. Nothing was saved: "
                      "run this again.")
        elif error.role == APP:
            advice = (f"is open in the app ({error.holder}). Nothing was saved: close the app "
                      "and run this again, or add it there.")
        else:
            advice = (f"is open in another mentorjournal ({error.holder}). Nothing was saved: "
                      "close it and run this again.")
        self.args = (f"The journal {error.path} {advice}",)
