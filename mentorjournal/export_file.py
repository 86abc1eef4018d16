"""Writing an export to a file, for the CLI and the app: checked first, written atomically."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mentorjournal.dates import parse_optional_date
from mentorjournal.errors import JournalError, ValidationError
from mentorjournal.export import ExportOptions, check_period, export_markdown, parse_sections
from mentorjournal.journal import Journal
from mentorjournal.store import atomic_write


class ExportFileError(JournalError):
    """The export cannot be written where asked; nothing was written."""


class ExportFileExists(ExportFileError):
    """The target exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} already exists; choose another file or allow replacing it "
                         "(--force).")


def check_target(target: Path, *, force: bool = False, journal_path: Path | None = None) -> Path:
    """The absolute path an export may be written to; raises ExportFileError otherwise."""
    target = target.expanduser().absolute()
    if journal_path is not None and target.resolve() == journal_path.resolve():
        raise ExportFileError(f"{target} is the journal itself; choose another file.")
    if target.is_dir():
        raise ExportFileError(f"{target} is a folder; give a file name.")
    if not target.parent.is_dir():
        raise ExportFileError(f"Cannot write {target}: the folder {target.parent} "
                              "does not exist.")
    if target.exists() and not force:
        raise ExportFileExists(target)
    return target


def write_export(target: Path, text: str, *, force: bool = False,
                 journal_path: Path | None = None) -> Path:
    """Write the export atomically (a reader never sees half a file); returns the path."""
    target = check_target(target, force=force, journal_path=journal_path)
    try:
        atomic_write(target, text.encode("utf-8"))
    except OSError as error:
        raise ExportFileError(f"Cannot write {target}: "
                              f"{error.strerror or error}. Nothing was written.") from None
    return target


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
