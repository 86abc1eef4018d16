"""`serve`'s access rules on their own: the token and its file, Host names, the Origin."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mentorjournal.cli.serve_access import (
    Access,
    TokenFileError,
    host_name,
    new_token,
    token_from_file,
)

TOKEN = "A" * 43


def test_a_new_token_is_url_safe_and_new_each_time() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(len(token) == 43 and token.replace("-", "").replace("_", "").isalnum()
               for token in tokens)


@pytest.mark.parametrize("header, name", [
    ("127.0.0.1:8000", "127.0.0.1"), ("localhost", "localhost"), ("LocalHost:80", "localhost"),
    ("[::1]:8000", "[::1]"), ("[0:0:0:0:0:0:0:1]:8000", "[::1]"), ("mybox.lan:8000", "mybox.lan"),
    ("evil.example:8000", "evil.example"), ("", None), ("a b:8000", None), ("::1:8000", None),
    ("[::1", None), ("localhost:80:80", None), ("localhost:", None), ("ev\x1bil", None),
])
def test_the_name_in_a_host_header(header: str, name: str | None) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000",
                                  "127.0.0.1:9000", "localhost"])  # ssh -L may change the port
def test_a_local_serve_answers_to_the_loopback_names(host: str) -> None:
    assert Access.serving(TOKEN, "127.0.0.1").host_allowed(host)


@pytest.mark.parametrize("host", [
    "evil.example:8000",  # DNS rebinding: a name the attacker controls, resolved to 127.0.0.1
    "127.0.0.1.nip.io:8000", "localhost.evil.example:8000", "localhost.:8000", "127.1:8000",
    "127.0.0.2:8000", "0.0.0.0:8000", "192.168.1.5:8000", "", "[::1",
])
def test_a_local_serve_refuses_every_other_host(host: str) -> None:
    assert not Access.serving(TOKEN, "127.0.0.1").host_allowed(host)


def test_the_given_host_is_served_too() -> None:
    public = Access.serving(TOKEN, "MyBox.lan")
    assert public.host_allowed("mybox.lan:8000") and public.host_allowed("localhost:8000")
    assert not public.host_allowed("192.168.1.5:8000")
    assert Access.serving(TOKEN, "::1").host_allowed("[::1]:8000")
    assert Access.serving(TOKEN, "127.0.0.2").host_allowed("127.0.0.2:8000")


@pytest.mark.parametrize("bind", ["0.0.0.0", "::"])
def test_a_wildcard_serve_answers_to_any_address_but_to_no_other_name(bind: str) -> None:
    anywhere = Access.serving(TOKEN, bind)
    assert anywhere.host_allowed("192.168.1.5:8000") and anywhere.host_allowed("[fe80::1]:80")
    assert not anywhere.host_allowed("evil.example:8000")


def test_the_token_is_checked_in_full() -> None:
    access = Access.serving(TOKEN, "127.0.0.1")
    assert access.token_valid(TOKEN)
    for wrong in (None, "", TOKEN[:-1], TOKEN + "A", "B" * 43, "é" * 43, "\ud800" * 43):
        assert not access.token_valid(wrong)


def test_a_request_needs_the_host_then_the_origin_then_the_token() -> None:
    access = Access.serving(TOKEN, "127.0.0.1")
    host = "127.0.0.1:8000"

    def why(host: str = host, origin: str | None = None, websocket: bool = False,
            tokens: tuple[str | None, ...] = (TOKEN,)) -> str | None:
        return access.refusal(host, origin, websocket, tokens)

    assert why() is None
    assert why(tokens=(None, TOKEN)) is None and why(tokens=("wrong", TOKEN)) is None
    assert why(tokens=(None, None)) == why(tokens=("wrong",)) == "no valid token"
    assert why(origin="http://127.0.0.1:8000", websocket=True) is None
    assert why("evil.example:8000") == "Host 'evil.example:8000' is not a name this server serves"
    assert why("ev\x1bil") == "Host 'ev\\\\x1bil' is not a name this server serves"
    assert why(websocket=True) == "a WebSocket without an Origin"
    for origin in ("http://evil.example", "http://127.0.0.1:9000", "null",
                   "https://127.0.0.1:8000", "http://localhost:8000"):
        refused = why(origin=origin, websocket=True)
        assert refused == f"Origin {origin!r} is not the page's own, 'http://127.0.0.1:8000'"
    assert why(origin="http://evil.example") is not None  # on any request that has one


def test_a_token_file_is_made_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "token"
    token = token_from_file(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == token + "\n" and len(token) == 43
    assert token_from_file(path) == token


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_token_file_others_can_open_is_refused(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n")
    path.chmod(mode)
    with pytest.raises(TokenFileError) as refused:
        token_from_file(path)
    assert str(refused.value) == (
        f"--token-file {path} is open to other users (mode {mode:04o}): anyone who reads it "
        f"can open the journal. Run: chmod 600 {path}")


@pytest.mark.parametrize("text", ["", "short", "A" * 31, "with space " + "A" * 40,
                                  "A" * 40 + "\n" + "B" * 40, "é" * 40])
def test_a_token_file_without_a_usable_token_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "token"
    path.write_text(text)
    path.chmod(0o600)
    with pytest.raises(TokenFileError, match="holds no usable token"):
        token_from_file(path)


def test_a_token_file_that_is_no_file_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.write_text(TOKEN)
    real.chmod(0o600)
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(TokenFileError, match="cannot read --token-file"):
        token_from_file(tmp_path / "link")  # a link could point anywhere: not followed
    (tmp_path / "folder").mkdir(mode=0o700)
    with pytest.raises(TokenFileError, match="is not a regular file"):
        token_from_file(tmp_path / "folder")
    with pytest.raises(TokenFileError, match="cannot make --token-file"):
        token_from_file(tmp_path / "missing" / "token")
    assert not os.path.exists(tmp_path / "missing")
