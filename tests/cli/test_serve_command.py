"""`mentorjournal serve`'s command line: what it refuses, what it runs, what it prints.

The server itself: test_serve_http.py (aiohttp's client) and test_serve_browser.py
(headless Chromium); its access rules: test_serve_access.py."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from mentorjournal.cli.serve_command import app_command, is_local, start_url
from mentorjournal.core.demo import build_demo
from tests.cli.serving import free_port, run, serve_command, started, wait_for_url
from tests.conftest import open_journal


def test_a_non_local_host_needs_public() -> None:
    before = run("serve", "--host", "0.0.0.0", "--port", "1")
    assert before.returncode == 2 and before.stdout == ""
    assert "refusing to serve on 0.0.0.0" in before.stderr
    assert "anyone who can reach that port" in before.stderr and "--public" in before.stderr
    assert before.stderr.count("\n") == 1


def test_a_bad_port_is_refused() -> None:
    result = run("serve", "--port", "70000")
    assert result.returncode == 2 and "not a port number" in result.stderr


@pytest.mark.parametrize("host, local", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False), ("::", False),
    ("example.org", False),
])
def test_only_loopback_counts_as_local(host: str, local: bool) -> None:
    assert is_local(host) is local


def test_each_tab_runs_this_app_on_this_journal_served(tmp_path: Path) -> None:
    # --served (since the token issue): the tab's app starts in review-together mode.
    path = tmp_path / "my journal.json"
    assert app_command(str(path)) == (f"{sys.executable} -m mentorjournal "
                                      f"--db '{path}' --served")


@pytest.mark.parametrize("host, url", [
    ("127.0.0.1", "http://127.0.0.1:8000/?token=T"), ("localhost", "http://localhost:8000/?token=T"),
    ("::1", "http://[::1]:8000/?token=T"), ("0.0.0.0", "http://127.0.0.1:8000/?token=T"),
    ("::", "http://[::1]:8000/?token=T"), ("MyBox.lan", "http://mybox.lan:8000/?token=T"),
])
def test_the_url_to_open_names_the_served_address(host: str, url: str) -> None:
    assert start_url(host, 8000, "T") == url


def test_serve_help_has_examples() -> None:
    result = run("serve", "--help")
    assert result.returncode == 0 and "examples:" in result.stdout and "--public" in result.stdout
    assert "--token-file" in result.stdout and "--served" not in result.stdout
    assert "--served" not in run("--help").stdout  # only `serve` passes it


def test_a_token_file_others_can_read_is_refused_before_serving(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("A" * 43 + "\n")
    token_file.chmod(0o644)
    result = run("serve", "--db", str(tmp_path / "pair.json"), "--port", str(free_port()),
                 "--token-file", str(token_file))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"mentorjournal: --token-file {token_file} is open to other users "
                             f"(mode 0644): anyone who reads it can open the journal. Run: "
                             f"chmod 600 {token_file}\n")


def test_a_token_file_keeps_the_url_from_start_to_start(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install '.[serve]'")
    db, token_file = tmp_path / "pair.json", tmp_path / "private" / "token"
    journal = open_journal(db)
    build_demo(journal)
    journal.close()
    token_file.parent.mkdir(mode=0o700)
    urls = []
    for start in range(2):
        port = free_port()
        log = tmp_path / f"serve-{start}.log"
        with started(serve_command(db, port, "--token-file", str(token_file)), log) as server:
            url, token = wait_for_url(log, server)
        assert url == f"http://127.0.0.1:{port}/?token={token}"
        urls.append(url.replace(str(port), "PORT"))
        assert token_file.read_text() == token + "\n"
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert urls[0] == urls[1]
