"""`mentorjournal export`: the options, every check before any reading, one write at the end."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mentorjournal.cli.common import Sub, fail, journal_key, say, subcommand, today
from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.journal import Journal
from mentorjournal.core.sections import SECTIONS
from mentorjournal.export.document import export_markdown
from mentorjournal.export.file import NOT_ENCRYPTED, check_target, write_export
from mentorjournal.export.options import ExportOptions, check_period, parse_sections
from mentorjournal.storage.paths import resolve_journal_path

EPILOG = "example: mentorjournal export -o journal.md --section goals,meetings --since 2026-09-01"


def add_parser(sub: Sub) -> None:
    export = subcommand(sub, "export", "write the journal as a Markdown document", EPILOG)
    export.description = ("Write the journal as one Markdown document (docs/export-format.md). "
                          "Reads the journal read-only, so it works while the app is open.")
    export.add_argument("-o", "--output", metavar="FILE", default="-",
                        help="the Markdown file to write, or - for standard output (default)")
    export.add_argument("--section", action="append", default=[], metavar="NAMES",
                        help="only these sections, comma-separated (repeatable): "
                             + ", ".join(s.name for s in SECTIONS))
    export.add_argument("--since", metavar="DATE",
                        help="meetings, wins, journal entries and reviews from this date")
    export.add_argument("--until", metavar="DATE", help="... up to and including this date")
    export.add_argument("--include-private", action="store_true",
                        help="include private journal entries (marked private)")
    export.add_argument("--force", action="store_true",
                        help="replace FILE if it already exists")
    export.set_defaults(func=run_export)


def options_from_args(args: argparse.Namespace, day: date) -> ExportOptions:
    """The options as ExportOptions; raises ValidationError naming the option at fault."""
    since = parse_optional_date(args.since or "", day, field="since")
    until = parse_optional_date(args.until or "", day, field="until")
    check_period(since, until)
    return ExportOptions(sections=parse_sections(args.section), since=since, until=until,
                         include_private=args.include_private)


def run_export(args: argparse.Namespace) -> int:
    """Every check before any reading, one write at the end."""
    # One pass that builds ~100,000 objects and no garbage cycles, then exits: the
    # cyclic collector's passes would be a tenth of the time, for nothing.
    gc.disable()
    options = options_from_args(args, today())
    return deliver(args, lambda journal: export_markdown(journal, options).encode("utf-8"),
                   _lines)


def _lines(payload: bytes) -> str:
    lines = payload.count(b"\n")
    return f"Wrote {lines} lines of Markdown"


def deliver(args: argparse.Namespace, render: Callable[[Journal], bytes],
            describe: Callable[[bytes], str]) -> int:
    """Render the journal read-only and write it to `args.output` (or stdout): the target is
    checked before the journal is read (`--force` to replace a file), written atomically,
    and the report says what was written (`describe`) and where."""
    journal_path = resolve_journal_path(args.db)
    target = None
    if args.output != "-":
        target = check_target(Path(args.output), force=args.force, journal_path=journal_path)
    if not journal_path.exists():  # anything else there is refused by the open, saying what
        return fail(f"There is no journal at {journal_path}.")
    key = journal_key(journal_path, args)
    journal = Journal.open(journal_path, readonly=True, today=today, key=key)
    try:
        payload = render(journal)
    finally:
        journal.close()
    if target is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_export(target, payload, force=args.force, journal_path=journal_path)
        say(f"{describe(payload)} to {target}")
    if key is not None:
        print(f"mentorjournal: {NOT_ENCRYPTED}", file=sys.stderr)
    return 0
