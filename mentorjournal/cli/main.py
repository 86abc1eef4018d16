"""The command line: `mentorjournal [--db PATH]` runs the app; subcommands do the rest."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from mentorjournal import __version__
from mentorjournal.cli.common import EXIT_LOCKED, Sub, db_option, fail, say
from mentorjournal.core.text import printable
from mentorjournal.storage.errors import JournalError, JournalLocked
from mentorjournal.storage.paths import resolve_journal_path

DEMO_EPILOG = "example: mentorjournal demo --db /tmp/demo.json && mentorjournal --db /tmp/demo.json"


def _run_app(args: argparse.Namespace) -> int:
    from mentorjournal.app import make_app  # Textual is imported only when the app runs
    from mentorjournal.textual_compat import hangup_safe_driver

    app = make_app(resolve_journal_path(args.db))
    app.handle_signals = True  # SIGTERM / SIGHUP end it cleanly: drafts kept, saves done
    app.driver_class = hangup_safe_driver(app.driver_class)  # a closed terminal: no hang
    app.served = args.served  # a browser tab of `serve`: the screen is being shared
    app.remember = args.remember  # an encrypted journal's key kept in the keyring once unlocked
    app.run()
    return app.return_code or 0


def _add_demo(sub: Sub) -> None:
    demo = sub.add_parser(
        "demo", help="write a sample journal to look around in",
        description="Write a realistic sample journal (a pair six months in). "
                    "Refuses to overwrite an existing journal.", epilog=DEMO_EPILOG)
    db_option(demo, argparse.SUPPRESS)
    demo.set_defaults(func=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    from mentorjournal.core.demo import build_demo
    from mentorjournal.core.journal import Journal
    from mentorjournal.storage.lock import COMMAND

    path = resolve_journal_path(args.db)
    if path.exists():
        return fail(f"{path} already exists; the demo never overwrites a journal. "
                    "Pass --db with a new path.")
    journal = Journal.open(path, role=COMMAND)
    try:
        build_demo(journal)
    finally:
        journal.close()
    say(f"Wrote a sample journal to {path}. Open it with: mentorjournal --db {path}")
    return 0


def _add_add(sub: Sub) -> None:
    from mentorjournal.cli.add_command import add_parser

    add_parser(sub)


def _add_list(sub: Sub) -> None:
    from mentorjournal.cli.list_command import add_parser

    add_parser(sub)


def _add_serve(sub: Sub) -> None:
    from mentorjournal.cli.serve_command import add_parser

    add_parser(sub)


def _add_export(sub: Sub) -> None:
    from mentorjournal.cli.export_command import add_parser

    add_parser(sub)


def _add_calendar(sub: Sub) -> None:
    from mentorjournal.cli.calendar_command import add_parser

    add_parser(sub)


def _add_encryption(sub: Sub) -> None:
    from mentorjournal.cli.encrypt_command import add_parser

    add_parser(sub)


SUBCOMMANDS: list[Callable[[Sub], None]] = [_add_demo, _add_add, _add_list, _add_serve,
                                            _add_export, _add_calendar, _add_encryption]
"""Each adds one subcommand whose `func(args) -> exit code` runs it."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its error line made safe: it echoes what was typed, some of it raw
    ("unrecognized arguments: ..."). Subcommands' parsers are of the same class."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="mentorjournal",
        description="A private journal for a mentoring pair. Without a subcommand, "
                    "opens the app on the journal.",
    )
    parser.add_argument("--version", action="version", version=f"mentorjournal {__version__}")
    db_option(parser)
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)  # by `serve`
    parser.set_defaults(func=_run_app)
    sub = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


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
