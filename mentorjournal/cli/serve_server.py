"""textual-serve's Server with `serve_access`'s rules in front of every request.

textual-serve (github.com/Textualize/textual-serve, 1.1) checks no token, Host or Origin
and lists its static folder. Its extension points are used as they are: a subclass,
`handle_index` (the page, here with its URLs on the address the browser used),
`initialize_logging`, `on_startup`; one aiohttp middleware does the checks. Two things
have no public hook, and are marked where they are used: adding that middleware to the
aiohttp app (`_make_app`), and printing the URL once the port is listening (`serve`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import hdrs, web
from textual_serve.server import Server, to_int
from yarl import URL

from mentorjournal.cli.serve_access import NO_TOKEN, Access

log = logging.getLogger("mentorjournal.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

WEBSOCKET_ROUTE = "websocket"
"""textual-serve's name for its /ws route."""
STATIC_ROUTE = "static"
"""textual-serve's name for its /static route."""

OPEN_THE_URL = ("403: Forbidden. Open the URL that `mentorjournal serve` printed: it holds "
                "this start's token.\n")
REFUSED = "403: Forbidden.\n"


class GuardedServer(Server):
    """Serves the app only to requests that `access` lets in."""

    def __init__(self, command: str, access: Access, *, host: str, port: int,
                 url: str) -> None:
        super().__init__(command, host=host, port=port, title="mentorjournal")
        self.access = access
        self.url = url
        """The one URL to open, token included."""
        self.cookie = f"mentorjournal-token-{port}"
        """Cookies are kept per host, not per port: two serves must not share one."""
        self.static_files = frozenset(
            path.relative_to(self.statics_path).as_posix()
            for path in Path(self.statics_path).rglob("*") if path.is_file())
        """The only names under /static/ that are served (no listing, nothing else)."""

    def initialize_logging(self) -> None:
        """Plain lines on stderr. No access log: its request lines would hold the token."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO,
                            handlers=[handler], force=True)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: the URL is printed once the port is listening (`serve`)."""

    async def _make_app(self) -> web.Application:
        # textual-serve builds its aiohttp app (routes, templates) here and has no hook
        # for middleware; this adds ours to what it builds, before the app starts.
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.on_response_prepare.append(_private_headers)
        return app

    def serve(self, debug: bool = False) -> None:
        """textual-serve's `serve`, but with the URL printed once the port listens: its
        own passes aiohttp's after-listening `print` a no-op, the only hook there is."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # not on Windows
                loop.add_signal_handler(signum, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, print=self._listening)

    def _listening(self, *_message: object) -> None:
        print("mentorjournal: serving the journal to a browser; Ctrl+C stops it.\n"
              "Open this URL (it holds this start's token; give it only to your partner):",
              flush=True)
        print(self.url, flush=True)

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every request: the Host, the Origin and the token; then no listings; then a
        first visit with ?token= leaves it in a cookie and goes on without it."""
        websocket = request.match_info.route.name == WEBSOCKET_ROUTE
        query_token = request.query.get("token")
        # The header itself: without one, aiohttp's `request.host` would look up this
        # machine's name (a blocking DNS query).
        host = request.headers.get(hdrs.HOST, "")
        why = self.access.refusal(host, request.headers.get(hdrs.ORIGIN), websocket,
                                  (query_token, request.cookies.get(self.cookie)))
        if why is not None:
            log.warning("refused %s %s from %s: %s", request.method, request.path,
                        request.remote, why)
            raise web.HTTPForbidden(text=OPEN_THE_URL if why == NO_TOKEN else REFUSED)
        if (request.match_info.route.name == STATIC_ROUTE
                and request.match_info.get("filename") not in self.static_files):
            raise web.HTTPNotFound()
        if query_token is not None and not websocket:
            # On this server whatever the path: "//elsewhere/" would be another host.
            query = [(key, value) for key, value in request.query.items() if key != "token"]
            found = web.HTTPFound(URL.build(path="/" + request.path.lstrip("/"), query=query))
            if self.access.token_valid(query_token):
                found.set_cookie(self.cookie, query_token, path="/", httponly=True,
                                 samesite="Strict")
            raise found
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's page, its URLs on the address the browser used (`guard` checked
        it) rather than the bound one: through `ssh -L 9000:...`, or opened on localhost,
        the page would otherwise open its WebSocket elsewhere, and without the cookie."""
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}/ws",
            "config": {"static": {"url": f"http://{request.host}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)


async def _private_headers(_request: web.Request, response: web.StreamResponse) -> None:
    """No Referer with the page's address to the web font's host; not cached on disk."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
