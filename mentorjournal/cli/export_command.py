"""`mentorjournal export`: the options, every check before any reading, one write at the end."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.export.document import export_markdown
from mentorjournal.export.file import check_target, write_export
from mentorjournal.export.options import ExportOptions, check_period, parse_sections


def _date_option(value: str | None, name: str, today: date) -> date | None:
    try:
        return parse_optional_date(value or "", today, field=name)
    except ValidationError as error:
        raise ValidationError(name, f"{name}: {error}") from None


def options_from_args(args: argparse.Namespace, today: date) -> ExportOptions:
    """The CLI options as ExportOptions; raises ValidationError naming the option at fault."""
    since = _date_option(args.since, "--since", today)
    until = _date_option(args.until, "--until", today)
    check_period(since, until)
    return ExportOptions(sections=parse_sections(args.section), since=since, until=until,
                         include_private=args.include_private)


def run_export(args: argparse.Namespace, journal_path: Path,
               fail: Callable[[str], int]) -> int:
    """`mentorjournal export`: every check before any reading, one write at the end."""
    options = options_from_args(args, date.today())
    target = None
    if args.output != "-":
        target = check_target(Path(args.output), force=args.force, journal_path=journal_path)
    if not journal_path.is_file():
        return fail(f"There is no journal at {journal_path}.")
    journal = Journal.open(journal_path, readonly=True)
    try:
        text = export_markdown(journal, options)
    finally:
        journal.close()
    if target is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        write_export(target, text, force=args.force, journal_path=journal_path)
        print(f"Wrote {text.count(chr(10))} lines of Markdown to {target}")
    return 0
