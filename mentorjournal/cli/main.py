"""The command line: `mentorjournal [--db PATH]` runs the app; subcommands do the rest."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence

from mentorjournal import __version__
from mentorjournal.storage.errors import JournalError, JournalLocked
from mentorjournal.storage.paths import ENV_VAR, resolve_journal_path

EXIT_USAGE = 2
"""Bad input, a damaged journal or one from a newer version."""
EXIT_LOCKED = 3
"""The journal is open in a running mentorjournal."""


def _db_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--db", metavar="PATH", default=default,
        help=f"the journal file (default: ${ENV_VAR}, else the per-user data folder)",
    )


def _run_app(args: argparse.Namespace) -> int:
    from mentorjournal.app import make_app  # Textual is imported only when the app runs

    app = make_app(resolve_journal_path(args.db))
    app.handle_signals = True  # SIGTERM / SIGHUP quit cleanly, every queued save on disk
    app.run()
    return app.return_code or 0


def _add_demo(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser(
        "demo", help="write a sample journal to look around in",
        description="Write a realistic sample journal (a pair six months in). "
                    "Refuses to overwrite an existing journal.",
        epilog="example: mentorjournal demo --db /tmp/demo.json && "
               "mentorjournal --db /tmp/demo.json",
    )
    _db_option(demo, argparse.SUPPRESS)
    demo.set_defaults(func=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    from mentorjournal.core.demo import build_demo
    from mentorjournal.core.journal import Journal

    path = resolve_journal_path(args.db)
    if path.exists():
        return fail(f"{path} already exists; the demo never overwrites a journal. "
                    "Pass --db with a new path.")
    journal = Journal.open(path)
    try:
        build_demo(journal)
    finally:
        journal.close()
    print(f"Wrote a sample journal to {path}. Open it with: mentorjournal --db {path}")
    return 0


def _add_capture(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from mentorjournal.cli.capture_commands import add_parsers

    add_parsers(sub, _db_option)


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from mentorjournal.cli.serve_command import add_parser

    add_parser(sub, _db_option)


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export", help="write the journal as a Markdown document",
        description="Write the journal as one Markdown document (docs/export-format.md). "
                    "Reads the journal read-only, so it works while the app is open.",
        epilog="example: mentorjournal export -o journal.md --section goals,meetings "
               "--since 2026-09-01",
    )
    _db_option(export, argparse.SUPPRESS)
    export.add_argument("-o", "--output", metavar="FILE", default="-",
                        help="the Markdown file to write, or - for standard output (default)")
    export.add_argument("--section", action="append", default=[], metavar="NAMES",
                        help="only these sections, comma-separated (repeatable): "
                             "agreement, goals, meetings, wins, journal, vision, "
                             "evaluation, review")
    export.add_argument("--since", metavar="DATE",
                        help="meetings, wins, journal entries and reviews from this date")
    export.add_argument("--until", metavar="DATE", help="... up to and including this date")
    export.add_argument("--include-private", action="store_true",
                        help="include private journal entries (marked private)")
    export.add_argument("--force", action="store_true",
                        help="replace FILE if it already exists")
    export.set_defaults(func=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from mentorjournal.cli.export_command import run_export

    # One pass that builds ~100,000 objects and no garbage cycles, then exits: the
    # cyclic collector's passes would be a tenth of the time, for nothing.
    gc.disable()

    return run_export(args, resolve_journal_path(args.db), fail)


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _add_demo,
    _add_capture,
    _add_serve,

    _add_export,
]
"""Each adds one subcommand whose `func(args) -> exit code` runs it."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentorjournal",
        description="A private journal for a mentoring pair. Without a subcommand, "
                    "opens the app on the journal.",
    )
    parser.add_argument("--version", action="version", version=f"mentorjournal {__version__}")
    _db_option(parser)
    parser.set_defaults(func=_run_app)
    sub = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Print a one-line error on stderr and return the exit code."""
    print(f"mentorjournal: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except JournalLocked as error:
        return fail(str(error), EXIT_LOCKED)
    except JournalError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
