"""A real `mentorjournal serve` on 127.0.0.1, asked with aiohttp's client: only the pair,
with the printed URL (then its cookie), on a served name, from the page's own origin."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from subprocess import Popen
from typing import Any

import pytest

from mentorjournal.core.demo import build_demo
from tests.cli.serving import free_port, serve_command, started, wait_for_line, wait_for_url
from tests.conftest import open_journal

aiohttp = pytest.importorskip("aiohttp", reason="needs the serve extra: pip install '.[serve]'")
pytest.importorskip("textual_serve", reason="needs the serve extra: pip install '.[serve]'")

STATIC_FILE = "/static/js/textual.js"
"""A file textual-serve's page loads."""


@dataclass
class Served:
    """The running server: where it is, the URL it printed, its log."""

    port: int
    url: str
    token: str
    log: Path
    process: Popen[Any]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cookie(self) -> dict[str, str]:
        return {"Cookie": f"mentorjournal-token-{self.port}={self.token}"}

    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws?width=80&height=24"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module: starting one takes a second."""
    folder = tmp_path_factory.mktemp("serve")
    journal = open_journal(folder / "pair.json")
    build_demo(journal)
    journal.close()
    port, log = free_port(), folder / "serve.log"
    with started(serve_command(folder / "pair.json", port), log) as process:
        url, token = wait_for_url(log, process)
        yield Served(port, url, token, log, process)


async def status(path: str, headers: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession() as session, session.get(
            path, headers=headers or {}, allow_redirects=False) as response:
        return int(response.status)


async def raw_head(served: Served, target: str) -> str:
    """The status line and headers for a request line no client library would send."""
    reader, writer = await asyncio.open_connection("127.0.0.1", served.port)
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
                 "Connection: close\r\n\r\n".encode())
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    writer.close()
    return head.decode()


async def ws_status(served: Served, headers: dict[str, str],
                    origin: str | None = None) -> int:
    """The status of a WebSocket handshake (101: open)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(served.ws(), headers=headers, origin=origin,
                                          timeout=aiohttp.ClientWSTimeout(ws_close=5)):
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return int(refused.status)


async def test_without_the_token_every_request_is_refused(served: Served) -> None:
    for path in ("/", STATIC_FILE, "/static/x", "/static/", "/download/x", "/nowhere"):
        assert await status(served.origin + path) == 403, path
    assert await status(f"{served.origin}/?token=wrong") == 403
    assert await status(f"{served.origin}/?token={served.token[:-1]}") == 403
    assert await status(served.origin + "/", {"Cookie": f"mentorjournal-token-{served.port}="
                                                        f"{served.token}x"}) == 403
    assert await status(served.origin + "/", {"Cookie": f"mentorjournal-token-1={served.token}"
                                              }) == 403  # another serve's cookie
    assert await ws_status(served, {}, origin=served.origin) == 403
    async with aiohttp.ClientSession() as session, session.get(served.origin) as page:
        assert "Open the URL that `mentorjournal serve` printed" in await page.text()


async def test_the_printed_url_leaves_a_cookie_then_the_cookie_alone_works(
        served: Served) -> None:
    assert served.url == f"http://127.0.0.1:{served.port}/?token={served.token}"
    async with aiohttp.ClientSession() as session:
        async with session.get(served.url, allow_redirects=False) as first:
            assert first.status == 302 and first.headers["Location"] == "/"
            cookie = SimpleCookie(first.headers["Set-Cookie"])[f"mentorjournal-token-{served.port}"]
            assert cookie.value == served.token and cookie["path"] == "/"
            assert cookie["httponly"] and cookie["samesite"] == "Strict"
        async with session.get(served.origin + "/", headers=served.cookie) as page:
            assert page.status == 200 and page.content_type == "text/html"
            assert page.headers["Referrer-Policy"] == "no-referrer"
            assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in (
                await page.text())
        async with session.get(served.origin + STATIC_FILE, headers=served.cookie) as script:
            assert script.status == 200 and len(await script.read()) > 1000
        async with session.get(f"{served.url}&fontsize=20", allow_redirects=False) as other:
            assert other.headers["Location"] == "/?fontsize=20"  # only the token is taken out
        head = await raw_head(served, f"//evil.example/?token={served.token}")
        assert "\r\nLocation: /evil.example/\r\n" in head  # stays on this server
        async with session.ws_connect(served.ws(), headers=served.cookie,
                                      origin=served.origin) as ws:
            first_screen = await asyncio.wait_for(ws.receive(), 30)  # the app has started
            assert first_screen.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)


async def test_a_host_this_server_does_not_serve_is_refused(served: Served) -> None:
    for host in (f"evil.example:{served.port}", f"127.0.0.1.nip.io:{served.port}", "evil"):
        assert await status(served.url, {"Host": host}) == 403, host
        assert await status(served.origin + "/", {**served.cookie, "Host": host}) == 403
    wait_for_line(served.log, rf"refused GET / from 127\.0\.0\.1: Host 'evil\.example:"
                              rf"{served.port}' is not a name this server serves$")


async def test_each_served_name_gets_a_page_on_the_address_it_used(served: Served) -> None:
    for host in (f"localhost:{served.port}", f"[::1]:{served.port}",
                 "127.0.0.1:9000"):  # through `ssh -L 9000:127.0.0.1:PORT`
        async with aiohttp.ClientSession() as session, session.get(
                served.origin + "/", headers={**served.cookie, "Host": host}) as page:
            assert page.status == 200, host
            assert f'"ws://{host}/ws"' in await page.text()


async def test_a_websocket_from_another_origin_is_refused(served: Served) -> None:
    for origin in ("http://evil.example", f"http://127.0.0.1:{free_port()}", "null",
                   f"http://localhost:{served.port}", None):
        assert await ws_status(served, served.cookie, origin) == 403, origin
    wait_for_line(served.log, r"refused GET /ws from 127\.0\.0\.1: Origin 'http://evil\.example' "
                              r"is not the page's own")
    wait_for_line(served.log, r"refused GET /ws from .*: a WebSocket without an Origin$")


async def test_no_listings_and_static_files_only_by_name(served: Served) -> None:
    for path in ("/static/", "/static/js/", "/static/css", "/static/js/nothing.js"):
        assert await status(served.origin + path, served.cookie) == 404, path
    assert await status(served.origin + STATIC_FILE, served.cookie) == 200
