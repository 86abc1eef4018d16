"""`mentorjournal calendar`: the pair's schedule as an iCalendar file, every check first."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mentorjournal.cli.common import Sub, fail, journal_key, subcommand, today
from mentorjournal.core.dates import parse_optional_date, parse_time
from mentorjournal.core.journal import Journal
from mentorjournal.storage.paths import resolve_journal_path

EPILOG = """examples:
  mentorjournal calendar -o ~/mentoring.ics
  mentorjournal calendar --for protege --section meetings,homework --since 2026-09-01 -o -
  mentorjournal calendar --at 17:30 -o ~/mentoring.ics --force   # write it again: an update

Import the file into your calendar app (README: "Your schedule in your calendar");
importing it again updates the items instead of adding them twice."""


def add_parser(sub: Sub) -> None:
    calendar = subcommand(sub, "calendar", "write the pair's schedule as an iCalendar file",
                          EPILOG)
    calendar.description = (
        "Write the next meeting, the meetings held, homework (as to-dos), goal target\n"
        "dates, the agreement review and the evaluations as one .ics file\n"
        "(docs/calendar.md). No journal entry and no meeting notes go in. Reads the\n"
        "journal read-only, so it works while the app is open.")
    calendar.add_argument("-o", "--output", metavar="FILE", default="-",
                          help="the .ics file to write, or - for standard output (default)")
    calendar.add_argument("--for", dest="for_role", metavar="mentor|protege", default="",
                          help="only this partner's homework (default: both partners')")
    calendar.add_argument("--section", action="append", default=[], metavar="NAMES",
                          help="only these, comma-separated (repeatable): meetings, "
                               "homework, goals, agreement, evaluation")
    calendar.add_argument("--since", metavar="DATE",
                          help="only items on or after this date (homework by its due date)")
    calendar.add_argument("--at", metavar="HH:MM",
                          help="the time your meetings start (default: all-day events)")
    calendar.add_argument("--force", action="store_true",
                          help="replace FILE if it already exists")
    calendar.set_defaults(func=run_calendar)


def run_calendar(args: argparse.Namespace) -> int:
    """Every check before any reading, one write at the end."""
    # icalendar is imported here, not at the top: `mentorjournal --help` stays fast.
    from mentorjournal.export.calendar import (
        CALENDAR_SECTIONS,
        CalendarOptions,
        export_calendar,
        parse_role,
    )
    from mentorjournal.export.file import NOT_ENCRYPTED, check_target, write_export
    from mentorjournal.export.options import parse_sections

    journal_path = resolve_journal_path(args.db)
    options = CalendarOptions(
        sections=parse_sections(args.section, CALENDAR_SECTIONS),
        since=parse_optional_date(args.since or "", today(), field="since"),
        for_role=parse_role(args.for_role),
        at=parse_time(args.at, field="at") if args.at is not None else None)
    target = None
    if args.output != "-":
        target = check_target(Path(args.output), force=args.force, journal_path=journal_path)
    if not journal_path.is_file():
        return fail(f"There is no journal at {journal_path}.")
    journal = Journal.open(journal_path, readonly=True, today=today,
                           key=journal_key(journal_path, args))
    try:
        payload = export_calendar(journal, options)
    finally:
        journal.close()
    if target is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_export(target, payload, force=args.force, journal_path=journal_path)
        items = payload.count(b"\r\nBEGIN:VEVENT") + payload.count(b"\r\nBEGIN:VTODO")
        print(f"Wrote {items} calendar items to {target}")
    if journal.store.key is not None:
        print(f"mentorjournal: {NOT_ENCRYPTED}", file=sys.stderr)
    return 0
