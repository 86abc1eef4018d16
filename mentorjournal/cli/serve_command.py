"""`mentorjournal serve`: the app in a web browser, for a pair that meets remotely.

textual-serve (the optional `serve` extra) runs one `mentorjournal --db PATH --served`
process per browser tab and streams its screen over a websocket. Each of those processes is
the same app as in a terminal, with the same journal lock: one session writes, any other is
offered read-only; served, it starts in review-together mode, as the screen is being shared.
There are no accounts: a secret token per start, printed in the URL to open, lets the pair
in (`serve_access`), and the server listens on this machine only unless `--public` says
otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

from mentorjournal.cli.common import EXIT_USAGE, Sub, db_option
from mentorjournal.cli.serve_access import (
    Access,
    TokenFileError,
    new_token,
    token_from_file,
    url_host,
)
from mentorjournal.core.text import printable
from mentorjournal.storage.paths import resolve_journal_path

LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")

SERVED_FLAG = "--served"
"""The app's hidden option for a process that textual-serve runs (defined in cli/main.py)."""

EPILOG = """examples:
  mentorjournal serve                       # then open the URL it prints (with ?token=)
  mentorjournal serve --db ~/pair.json --port 8080
  mentorjournal serve --token-file ~/.config/mentorjournal/serve-token   # the same URL each time
  ssh -L 8000:127.0.0.1:8000 you@your-machine   # your partner, to reach a local serve
  mentorjournal serve --host 192.168.1.5 --public   # on the LAN: anyone with the URL gets in

Needs the serve extra: pip install 'mentorjournal[serve]'
"""


def add_parser(sub: Sub) -> None:
    serve = sub.add_parser(
        "serve", help="open the app in a web browser (for a remote pair)",
        description="Serve the app to a web browser: every tab runs the same app on the "
                    "same journal, with the same lock, private entries hidden until asked. "
                    "No accounts: the URL it prints holds a secret token, new each start.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    db_option(serve, argparse.SUPPRESS)
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve.add_argument("--public", action="store_true",
                       help="allow an address other machines can reach (read the warning)")
    serve.add_argument("--token-file", metavar="PATH", type=Path,
                       help="keep the token in PATH (made 0600 if missing; refused if others "
                            "can read it) instead of a new one each start")
    serve.set_defaults(func=run_serve)


def is_local(host: str) -> bool:
    """Only this machine can connect: a loopback address or the name localhost."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, port: int) -> str:
    return (f"serving on {host}:{port} opens the journal to anyone who can reach that port "
            "and has the URL; plain http sends its token unencrypted, so whoever sees the "
            "traffic can read and change the journal, private entries included.")


def app_command(db: str | None) -> str:
    """The shell command textual-serve runs for each browser tab: this app, on this journal."""
    path = resolve_journal_path(db)
    return shlex.join([sys.executable, "-m", "mentorjournal", "--db", str(path), SERVED_FLAG])


def start_url(host: str, port: int, token: str) -> str:
    """The one URL to open: it holds the token (the page then keeps it in a cookie)."""
    return f"http://{url_host(host)}:{port}/?token={token}"


def run_serve(args: argparse.Namespace) -> int:
    def say(message: str) -> None:
        print(f"mentorjournal: {printable(message)}", file=sys.stderr)  # --host is typed text

    if not 0 < args.port < 65536:
        say(f"--port {args.port} is not a port number (1-65535).")
        return EXIT_USAGE
    if not is_local(args.host):
        if not args.public:
            say(f"refusing to serve on {args.host}: {exposure_warning(args.host, args.port)} "
                "Add --public if that is what you want, or leave out --host.")
            return EXIT_USAGE
        say(f"warning: {exposure_warning(args.host, args.port)}")
    try:
        token = new_token() if args.token_file is None else token_from_file(args.token_file)
    except TokenFileError as error:
        say(str(error))
        return EXIT_USAGE
    try:
        from mentorjournal.cli.serve_server import GuardedServer
    except ImportError:
        say("serve needs textual-serve: pip install 'mentorjournal[serve]'")
        return EXIT_USAGE
    server = GuardedServer(app_command(args.db), Access.serving(token, args.host),
                           host=args.host, port=args.port,
                           url=start_url(args.host, args.port, token))
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        say(f"cannot listen on {args.host}:{args.port} ({error.strerror or error}).")
        return EXIT_USAGE
    return 0
