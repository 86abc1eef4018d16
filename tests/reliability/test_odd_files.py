"""Odd paths as the journal or the export: folders, devices, FIFOs, read-only files, two names,
a file nested too deeply to save. Each is refused or opened read-only, saying why, and left
exactly as it was; nothing blocks, nothing is renamed, nothing is locked beside it.

Driven as a user would: the shell in subprocesses, the app with the Pilot.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from mentorjournal.app import make_app
from mentorjournal.core.model import Pair, Win
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.storage.errors import JournalDamaged
from mentorjournal.widgets.choice_modal import ChoiceModal
from tests.conftest import ROOT, SIZE, TODAY, open_journal

pytestmark = pytest.mark.reliability


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m mentorjournal ARGS`; a command that blocks fails the test after 20 s."""
    env = {**os.environ, "MENTORJOURNAL_TODAY": TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "mentorjournal", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    """Exit 2 with one line on stderr saying `words`, and no traceback."""
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def kinds(folder: Path) -> dict[str, tuple[int, int]]:
    """Each name in a folder with its inode and kind: equal before and after = untouched."""
    return {p.name: (p.lstat().st_ino, stat.S_IFMT(p.lstat().st_mode)) for p in folder.iterdir()}


@pytest.fixture
def journal(journal_path: Path) -> Path:
    """A journal with its pair and a win, closed."""
    opened = open_journal(journal_path)
    opened.pair.save(Pair(mentor="Sam", protege="Ana", started_on=TODAY))
    opened.wins.add(Win(won_on=TODAY, text="kept"))
    opened.close()
    return journal_path


@contextlib.contextmanager
def released(fifo: Path) -> Iterator[None]:
    """Whatever the code under test does, no reader stays blocked on `fifo` afterwards."""
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # EOF for a stuck reader


# -- 2. "Move it aside" renamed whatever was at the path; /dev/null got a lock beside it --


async def test_a_folder_is_refused_in_the_app_and_never_moved_aside(tmp_path: Path) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    before = kinds(tmp_path)
    app = make_app(folder, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        message = str(app.screen.query_one("#choice-message").render())
        assert f"{folder} is a folder, not a journal file" in message
        assert not app.screen.query("#choice-aside") and not app.screen.query("#choice-restore")
        await pilot.click("#choice-quit")
    assert app.return_code == 2
    assert kinds(tmp_path) == before and (folder / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("command", [("add", "win", "x"), ("list", "wins"), ("export",)])
def test_a_folder_or_device_is_refused_by_the_shell(tmp_path: Path,
                                                    command: tuple[str, ...]) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    before = kinds(tmp_path)
    refused(run(*command, "--db", str(folder)), f"{folder} is a folder, not a journal file")
    assert kinds(tmp_path) == before
    lock = Path("/dev/null.lock")
    existed = lock.exists()
    try:
        refused(run(*command, "--db", "/dev/null"), "/dev/null is a character device")
        assert lock.exists() == existed, "a lock file was made beside /dev/null"
    finally:
        if lock.exists() and not existed:
            lock.unlink()


# -- 3. `export -o /dev/full --force` replaced the device with a regular file --------


def device_node(tmp_path: Path) -> Path:
    """A character device node like /dev/full, made in tmp_path (needs CAP_MKNOD)."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (needs root and CAP_MKNOD)")
    return node


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink to a fifo", "folder"])
def test_export_writes_only_regular_files_even_with_force(journal: Path, tmp_path: Path,
                                                          kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "export.md"
    if kind == "device":
        target = device_node(out)
    elif kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(out / "pipe" if kind != "fifo" else target)
        if kind != "fifo":
            target.symlink_to(out / "pipe")
    before = kinds(out)
    with released(out / "pipe" if kind != "fifo" else target):
        result = run("export", "--db", str(journal), "-o", str(target), "--force")
    what = {"fifo": "a named pipe (FIFO)", "device": "a character device",
            "symlink to a fifo": "a named pipe (FIFO)", "folder": "a folder"}[kind]
    refused(result, f" is {what}")
    assert kinds(out) == before  # the node kept, and no temp file beside it


def test_export_through_a_symlink_writes_the_file_it_points_to(journal: Path,
                                                               tmp_path: Path) -> None:
    """The temp file goes beside the file written, the link stays a link."""
    real = tmp_path / "real" / "export.md"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "export.md"
    link.symlink_to(real)
    result = run("export", "--db", str(journal), "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and real.read_text().startswith("# Mentoring journal")
    assert sorted(p.name for p in real.parent.iterdir()) == ["export.md"]


def test_export_refuses_the_journal_under_another_name(journal: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    os.link(journal, other)
    before = journal.read_bytes()
    refused(run("export", "--db", str(journal), "-o", str(other), "--force"),
            "is the journal itself")
    assert journal.read_bytes() == before


# -- 4. A FIFO as the journal hung `add`, `list` and the app forever ------------------


@pytest.mark.parametrize("command", [("add", "win", "x"), ("list", "wins"), ("export",)])
def test_a_fifo_journal_is_refused_at_once_by_the_shell(tmp_path: Path,
                                                        command: tuple[str, ...]) -> None:
    fifo = tmp_path / "journal.json"
    os.mkfifo(fifo)
    with released(fifo):
        result = run(*command, "--db", str(fifo))
    refused(result, f"{fifo} is a named pipe (FIFO), not a journal file")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and sorted(os.listdir(tmp_path)) == [fifo.name]


async def test_a_fifo_journal_is_refused_at_once_by_the_app(tmp_path: Path) -> None:
    fifo = tmp_path / "journal.json"
    os.mkfifo(fifo)
    app = make_app(fifo, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        with released(fifo):  # before the app shuts down, were its worker stuck on the FIFO
            await asyncio.wait_for(app.workers.wait_for_complete(), 10)
            await pilot.pause()
            assert isinstance(app.screen, ChoiceModal)
            assert "named pipe (FIFO)" in str(app.screen.query_one("#choice-message").render())
            await pilot.click("#choice-quit")
    assert sorted(os.listdir(tmp_path)) == [fifo.name]


# -- 5. A `chmod 0400` journal was silently rewritten (and made 0600) by `add` --------


@pytest.mark.parametrize("what", ["file", "folder"])
def test_add_refuses_a_read_only_journal_and_never_rewrites_it(journal: Path, what: str) -> None:
    """Decided from the mode bits, so it holds for root too (whom chmod does not stop)."""
    before = journal.read_bytes()
    target, mode = (journal, 0o400) if what == "file" else (journal.parent, 0o500)
    target.chmod(mode)
    try:
        result = run("add", "win", "never", "--db", str(journal))
        assert stat.S_IMODE(target.stat().st_mode) == mode
    finally:
        target.chmod(0o600 if what == "file" else 0o700)
    refused(result, "Not saved: " + (f"the journal {journal} is read-only" if what == "file"
                                     else f"its folder {journal.parent} is read-only"))
    assert journal.read_bytes() == before


async def test_the_app_opens_a_read_only_journal_read_only_and_says_why(journal: Path) -> None:
    before = journal.read_bytes()
    journal.chmod(0o400)
    try:
        app = make_app(journal, today=lambda: TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen) and "read-only" in app.sub_title
            assert app.journal is not None and app.journal.readonly
            said = [n.message for n in app._notifications]
            assert said == [f"Opened read-only: the journal {journal} is read-only "
                            "(its permissions do not allow writing)."]
            await pilot.press("ctrl+q")
    finally:
        journal.chmod(0o600)
    assert journal.read_bytes() == before
    assert sorted(os.listdir(journal.parent)) == ["journal.json", "journal.json.lock"]


# -- 6. Hard links were not locked together: two names split into two journals -------


def test_add_through_a_second_name_is_refused(journal: Path) -> None:
    """The app has j.json open; `add` on a hard link j2.json would lock j2.json.lock, save,
    and leave the two names on two different files."""
    before = journal.read_bytes()
    app = open_journal(journal)
    other = journal.with_name("j2.json")
    os.link(journal, other)
    try:
        refused(run("add", "win", "x", "--db", str(other)),
                f"The journal {other} has 2 names (hard links)")
        listed = run("list", "wins", "--db", str(other))  # reading cannot split them
        assert listed.returncode == 0 and "kept" in listed.stdout
    finally:
        app.close()
    assert journal.read_bytes() == other.read_bytes() == before
    assert journal.stat().st_ino == other.stat().st_ino


async def test_the_app_offers_read_only_for_a_journal_with_two_names(journal: Path) -> None:
    os.link(journal, journal.with_name("j2.json"))
    app = make_app(journal, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert "Keep one name" in str(app.screen.query_one("#choice-message").render())
        await pilot.click("#choice-readonly")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and "read-only" in app.sub_title


# -- 7. A journal that opened but could never be saved (nested 300 levels deep) -------


def nested(journal: Path, depth: int) -> bytes:
    """The journal with an unknown field nested `depth` lists deep in its first win."""
    data = orjson.loads(journal.read_bytes())
    data["wins"]["1"]["from_elsewhere"] = "NESTED"
    payload = orjson.dumps(data).replace(b'"NESTED"', b"[" * depth + b"]" * depth)
    journal.write_bytes(payload)
    return payload


def test_a_journal_nested_too_deeply_to_save_is_refused_at_open(journal: Path) -> None:
    payload = nested(journal, 300)
    with pytest.raises(JournalDamaged, match="nested too deeply to be saved again"):
        open_journal(journal)
    refused(run("add", "win", "x", "--db", str(journal)), "nested too deeply to be saved again")
    assert journal.read_bytes() == payload
    nested(journal, 250)  # root, table, record, field: 254 levels, as deep as a save writes
    opened = open_journal(journal)
    opened.wins.add(Win(won_on=TODAY, text="saved"))
    opened.close()


async def test_the_app_refuses_a_journal_it_could_never_save(journal: Path) -> None:
    payload = nested(journal, 300)
    app = make_app(journal, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert "nested too deeply to be saved again" in str(
            app.screen.query_one("#choice-message").render())
        await pilot.click("#choice-quit")
    assert journal.read_bytes() == payload
