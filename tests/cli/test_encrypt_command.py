"""`mentorjournal encrypt|decrypt|passphrase|forget` and the commands on an encrypted journal,
run as a user runs them: subprocesses, the passphrase in MENTORJOURNAL_PASSPHRASE.

Every child runs in a session of its own (no controlling terminal), so that nothing can
ask on the terminal pytest runs in. Each unlock costs a second of scrypt, on purpose: the
tests share one encrypted demo journal, copied.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from pyrage import passphrase as scrypt
from pyrage import x25519

from mentorjournal.storage.sealed import AGE_HEADER, JournalKey, seal_key
from tests.conftest import ROOT, TODAY
from tests.storage.test_encrypted import folder_bytes
from tests.storage.test_unlock import NOW

PASSPHRASE = "a walk round the lake"


def run(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None
        ) -> subprocess.CompletedProcess[str]:
    """`python -m mentorjournal ARGS`, without a terminal, "today" pinned."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("EDITOR", "VISUAL") and not k.startswith("MENTORJOURNAL_")}
    environ["MENTORJOURNAL_TODAY"] = TODAY.isoformat()
    done = subprocess.run([sys.executable, "-m", "mentorjournal", *args], cwd=ROOT,
                          capture_output=True, env={**environ, **(env or {})}, timeout=120,
                          input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          start_new_session=True)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


WITH = {"MENTORJOURNAL_PASSPHRASE": PASSPHRASE}
WRONG = {"MENTORJOURNAL_PASSPHRASE": "not the passphrase"}


def texts_of(value: Any) -> Iterator[str]:
    """Every string stored in a journal's JSON: names, titles, texts, tags, dates."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item)


def forms(text: str) -> set[bytes]:
    """The ways `text` could sit in a file: UTF-8, UTF-16 (both orders), JSON-escaped."""
    escaped = json.dumps(text)[1:-1]
    return {text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be"),
            escaped.encode(), escaped.encode("utf-16-le")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The demo journal, opened once (a backup beside it) and then encrypted; and its plain
    bytes as they were."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "journal.json"
    assert run("demo", "--db", str(path)).returncode == 0
    assert run("list", "wins", "--db", str(path)).returncode == 0
    assert run("add", "win", "A backup is taken first", "--db", str(path)).returncode == 0
    original = path.read_bytes()
    done = run("encrypt", "--db", str(path), env=WITH)
    assert done.returncode == 0, done.stderr
    assert "journal.json.age" in done.stdout
    return folder, original


@pytest.fixture
def folder(demo: tuple[Path, bytes], tmp_path: Path) -> Path:
    copy = tmp_path / "pair"
    shutil.copytree(demo[0], copy)
    return copy


def test_after_encrypt_no_file_holds_any_text_of_the_demo(demo: tuple[Path, bytes]) -> None:
    folder, original = demo
    stored = {t for t in texts_of(json.loads(original)) if len(t) >= 4}
    assert {"Ana Lima", "Sam Okafor"} <= stored and len(stored) > 50
    needles = {form for text in stored for form in forms(text)}
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["journal.json.age", f"journal.json.age.backup-{TODAY}",
                     "journal.json.age.key", "journal.json.lock"]
    for path in folder.iterdir():
        content = path.read_bytes()
        found = [n for n in needles if n in content]
        assert not found, f"{path.name} holds {found[:3]}"
    assert (folder / "journal.json.lock").read_bytes() == b""  # a holder's line, when held


def test_list_add_export_with_the_passphrase(folder: Path, tmp_path: Path) -> None:
    db = str(folder / "journal.json")  # the plain name finds the encrypted journal
    added = run("add", "win", "Presented without notes", "--db", db, env=WITH)
    assert added.returncode == 0, added.stderr
    listed = run("list", "wins", "--json", "--db", db, env=WITH)
    assert listed.returncode == 0, listed.stderr
    assert "Presented without notes" in [w["text"] for w in json.loads(listed.stdout)]
    out = tmp_path / "export.md"
    exported = run("export", "-o", str(out), "--db", db, env=WITH)
    assert exported.returncode == 0, exported.stderr
    assert "Presented without notes" in out.read_text()
    assert "this export is not" in exported.stderr  # it says the file is plain text
    assert b"Presented" not in (folder / "journal.json.age").read_bytes()


def test_the_variable_db_finds_it_too(folder: Path) -> None:
    env = {**WITH, "MENTORJOURNAL_DB": str(folder / "journal.json")}
    assert run("list", "meetings", env=env).returncode == 0


@pytest.mark.parametrize("args", [("list", "wins"), ("add", "win", "never saved"),
                                  ("decrypt",)])
def test_a_wrong_passphrase_exits_2_and_changes_nothing(folder: Path, args: tuple[str, ...]
                                                        ) -> None:
    before = folder_bytes(folder)
    done = run(*args, "--db", str(folder / "journal.json.age"), env=WRONG)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"mentorjournal: Wrong passphrase for the journal {folder / 'journal.json.age'}. "
        "Nothing was changed."]
    assert folder_bytes(folder) == before


def test_no_passphrase_and_no_terminal_says_how(folder: Path) -> None:
    before = folder_bytes(folder)
    done = run("list", "wins", "--db", str(folder / "journal.json"))
    assert done.returncode == 2
    assert "MENTORJOURNAL_PASSPHRASE" in done.stderr and len(done.stderr.splitlines()) == 1
    assert folder_bytes(folder) == before


def test_a_missing_key_file_or_another_key_or_a_cut_file(folder: Path) -> None:
    db = str(folder / "journal.json.age")
    key = folder / "journal.json.age.key"
    own = key.read_bytes()
    key.unlink()
    before = folder_bytes(folder)
    done = run("list", "wins", "--db", db, env=WITH)
    assert (done.returncode, done.stderr.count("\n")) == (2, 1)
    assert "journal.json.age.key is not beside it" in done.stderr
    assert folder_bytes(folder) == before
    key.write_bytes(seal_key(JournalKey.generate(), PASSPHRASE, NOW))  # another journal's
    before = folder_bytes(folder)
    done = run("add", "win", "x", "--db", db, env=WITH)
    assert (done.returncode, done.stderr.count("\n")) == (2, 1)
    assert "encrypted to another key" in done.stderr
    assert folder_bytes(folder) == before
    key.write_bytes(own)
    journal = folder / "journal.json.age"
    journal.write_bytes(journal.read_bytes()[:-100])
    before = folder_bytes(folder)
    done = run("list", "wins", "--db", db, env=WITH)
    assert (done.returncode, done.stderr.count("\n")) == (2, 1)
    assert "cut short or altered" in done.stderr
    assert folder_bytes(folder) == before


def test_pyrage_opens_it_with_the_key_file_as_age_would(demo: tuple[Path, bytes]) -> None:
    folder, original = demo
    identity_file = scrypt.decrypt((folder / "journal.json.age.key").read_bytes(), PASSPHRASE)
    identities = [x25519.Identity.from_str(line) for line in identity_file.decode().splitlines()
                  if line.startswith("AGE-SECRET-KEY-1")]
    assert pyrage.decrypt((folder / "journal.json.age").read_bytes(), identities) == original


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed "
                    "(apt-get install age)")
def test_the_age_commands_of_the_readme(demo: tuple[Path, bytes], tmp_path: Path) -> None:
    """`age -d -i journal.json.age.key journal.json.age > journal.json`, with age asking
    for the passphrase on a terminal (a pseudo-terminal here)."""
    import pty

    folder, original = demo
    out = tmp_path / "journal.json"
    command = ["age", "-d", "-i", str(folder / "journal.json.age.key"), "-o", str(out),
               str(folder / "journal.json.age")]
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvp(command[0], command)
    prompt = b""
    while b"passphrase" not in prompt.lower():
        prompt += os.read(fd, 1024)
    os.write(fd, PASSPHRASE.encode() + b"\r")
    while True:
        try:
            if not os.read(fd, 1024):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert out.read_bytes() == original


def test_decrypt_gives_back_the_journal_record_for_record(folder: Path,
                                                          demo: tuple[Path, bytes]) -> None:
    done = run("decrypt", "--db", str(folder / "journal.json.age"), env=WITH)
    assert done.returncode == 0, done.stderr
    journal = folder / "journal.json"
    assert json.loads(journal.read_bytes()) == json.loads(demo[1])
    assert journal.read_bytes() == demo[1]  # byte for byte, as it was encrypted
    assert sorted(p.name for p in folder.iterdir()) == [
        "journal.json", f"journal.json.backup-{TODAY}", "journal.json.lock"]
    assert run("list", "wins", "--db", str(journal)).returncode == 0  # no passphrase now


def test_passphrase_changes_it(folder: Path) -> None:
    db = str(folder / "journal.json")
    journal = (folder / "journal.json.age").read_bytes()
    short = run("passphrase", "--db", db,
                env={**WITH, "MENTORJOURNAL_NEW_PASSPHRASE": "short"})
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    done = run("passphrase", "--db", db,
               env={**WITH, "MENTORJOURNAL_NEW_PASSPHRASE": "a brand new passphrase"})
    assert done.returncode == 0, done.stderr
    assert (folder / "journal.json.age").read_bytes() == journal
    assert run("list", "wins", "--db", db,
               env={"MENTORJOURNAL_PASSPHRASE": "a brand new passphrase"}).returncode == 0
    assert run("list", "wins", "--db", db, env=WITH).returncode == 2


def test_remember_without_a_keyring_says_so_and_goes_on(folder: Path) -> None:
    done = run("list", "wins", "--remember", "--db", str(folder / "journal.json"), env=WITH)
    assert done.returncode == 0, done.stderr
    assert "not remembered: no keyring is available here" in done.stderr
    assert run("forget", "--db", str(folder / "journal.json")).stdout.startswith(
        "The keyring holds no key")


def test_encrypt_refusals(folder: Path, tmp_path: Path) -> None:
    again = run("encrypt", "--db", str(folder / "journal.json"), env=WITH)
    assert again.returncode == 2 and "encrypted already" in again.stderr
    plain = tmp_path / "plain.json"
    assert run("demo", "--db", str(plain)).returncode == 0
    no_terminal = run("encrypt", "--db", str(plain))
    assert no_terminal.returncode == 2 and "MENTORJOURNAL_PASSPHRASE" in no_terminal.stderr
    assert run("decrypt", "--db", str(plain), env=WITH).stderr.count("not encrypted") == 1
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("plain")) == [
        "plain.json", "plain.json.lock"]
    assert AGE_HEADER not in plain.read_bytes()


def on_a_terminal(args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run mentorjournal ARGS on a pseudo-terminal, typing each answer after a prompt
    that ends in ': '; returns the exit code and everything the terminal showed."""
    import pty

    environ = {k: v for k, v in os.environ.items() if not k.startswith("MENTORJOURNAL_")}
    environ["MENTORJOURNAL_TODAY"] = TODAY.isoformat()
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "mentorjournal", *args], environ)
    shown, pending = b"", list(answers)
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if pending and shown.rstrip(b" ").endswith(b":"):
            os.write(fd, pending.pop(0).encode() + b"\r")
            shown += b"\n"
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def test_on_a_terminal_it_asks_twice_then_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    assert run("demo", "--db", str(path)).returncode == 0
    code, shown = on_a_terminal(["encrypt", "--db", str(path)],
                                ["short", "long enough one", "long enough two",
                                 "long enough one", "long enough one"])
    assert code == 0, shown
    assert "at least 8 characters" in shown and "differ" in shown
    assert shown.count("New passphrase:") == 3 and "Encrypted the journal" in shown
    assert PASSPHRASE not in shown and "long enough one" not in shown  # never echoed
    code, shown = on_a_terminal(["list", "wins", "--db", str(path)], ["long enough one"])
    assert code == 0 and "Ran the dry run" in shown
    before = folder_bytes(tmp_path)
    code, shown = on_a_terminal(["list", "wins", "--db", str(path)], ["one", "two", "three"])
    assert code == 2 and shown.count("Passphrase for journal.json.age:") == 3
    assert "Wrong passphrase for the journal" in shown
    assert folder_bytes(tmp_path) == before


def test_remember_keeps_the_key_until_forget(folder: Path, tmp_path: Path) -> None:
    keyring = {"PYTHON_KEYRING_BACKEND": "tests.cli.file_keyring.FileKeyring",
               "TEST_KEYRING_FILE": str(tmp_path / "keyring.json")}
    db = str(folder / "journal.json")
    done = run("list", "wins", "--remember", "--db", db, env={**WITH, **keyring})
    assert done.returncode == 0 and "the key is remembered" in done.stderr, done.stderr
    assert PASSPHRASE not in (tmp_path / "keyring.json").read_text()  # the key, not it
    assert run("add", "win", "No passphrase asked", "--db", db, env=keyring).returncode == 0
    changed = run("passphrase", "--db", db,
                  env={**WITH, **keyring, "MENTORJOURNAL_NEW_PASSPHRASE": "another long one"})
    assert changed.returncode == 0, changed.stderr
    assert len(json.loads((tmp_path / "keyring.json").read_text())) == 1  # the old one gone
    assert run("list", "wins", "--db", db, env=keyring).returncode == 0
    assert run("forget", "--db", db, env=keyring).stdout.startswith("Forgot the journal's key")
    assert run("list", "wins", "--db", db, env=keyring).returncode == 2


def test_a_rescued_entry_is_kept_encrypted(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from mentorjournal.cli.add_command import _keep

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    key = JournalKey.generate()
    said = _keep("What I would tell no one", key)
    [kept] = tmp_path.glob("mentorjournal-entry-*.md.age")
    assert str(kept) in said and "encrypted like the journal" in said
    assert kept.read_bytes().startswith(AGE_HEADER)
    assert key.open(kept, kept.read_bytes()) == b"What I would tell no one"
