"""`mentorjournal export` as a user runs it: output, refusals, exit codes, nothing partial."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorjournal.core.journal import Journal
from mentorjournal.export.document import export_markdown
from mentorjournal.export.options import ExportOptions
from tests.cli.test_main import run
from tests.conftest import open_journal


def expected(path: Path, options: ExportOptions | None = None) -> str:
    journal = Journal.open(path, readonly=True)
    try:
        return export_markdown(journal, options)
    finally:
        journal.close()


def assert_refused(result: object, needle: str) -> None:
    assert result.returncode == 2, result.stderr  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and needle in lines[0], lines
    assert result.stdout == ""  # type: ignore[attr-defined]


def test_export_to_stdout_while_the_app_holds_the_journal(demo_path: Path) -> None:
    holder = open_journal(demo_path)  # the app has it open (and locked)
    try:
        result = run("export", "--db", str(demo_path), "--include-private")
    finally:
        holder.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected(demo_path, ExportOptions(include_private=True))
    assert "· private" in result.stdout


def test_export_to_a_file_never_overwrites_without_force(demo_path: Path,
                                                         tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    first = run("export", "--db", str(demo_path), "-o", str(target), "--section", "goals,wins",
                "--since", "2026-01-01", "--until", "2030-12-31")
    assert first.returncode == 0, first.stderr
    written = target.read_text(encoding="utf-8")
    assert written.count("\n## ") == 2 and "\n## Goals\n" in written
    target.write_text("mine", encoding="utf-8")
    assert_refused(run("export", "--db", str(demo_path), "-o", str(target)), "already exists")
    assert target.read_text(encoding="utf-8") == "mine"
    forced = run("export", "--db", str(demo_path), "-o", str(target), "--force")
    assert forced.returncode == 0 and target.read_text(encoding="utf-8") == expected(demo_path)


@pytest.mark.parametrize(("args", "needle"), [
    (["--section", "goals,diary"], "Unknown section 'diary'"),
    (["--since", "2026-02-30"], "2026-02-30 is not a real date"),
    (["--until", "soon"], "'soon' is not a date"),
    (["--since", "2026-10-01", "--until", "2026-09-01"], "starts (2026-10-01) after it ends"),
    (["-o", "{tmp}/missing/out.md"], "does not exist"),
    (["-o", "{tmp}"], "is a folder"),
    (["-o", "{db}"], "is the journal itself"),
])
def test_bad_requests_exit_2_with_one_line_and_write_nothing(
    demo_path: Path, tmp_path: Path, args: list[str], needle: str,
) -> None:
    before = sorted(tmp_path.iterdir())
    args = [a.format(tmp=tmp_path, db=demo_path) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "out.md")]
    assert_refused(run("export", "--db", str(demo_path), *args), needle)
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_unwritable_place_exits_2(demo_path: Path) -> None:
    assert_refused(run("export", "--db", str(demo_path), "-o", "/proc/export.md"),
                   "Cannot write /proc/export.md")


def test_a_missing_journal_exits_2(tmp_path: Path) -> None:
    assert_refused(run("export", "--db", str(tmp_path / "none.json")), "no journal at")
    assert list(tmp_path.iterdir()) == []


def test_an_entry_added_from_the_shell_with_two_lines_exports_as_two_lines(
        tmp_path: Path) -> None:
    """Issue 22, item 7: `add entry` reads its body from stdin; each line stays a line."""
    from markdown_it import MarkdownIt

    from mentorjournal.core.model import Pair, Role
    from tests.cli.test_add_list import run as run_add

    path = tmp_path / "journal.json"
    journal = open_journal(path)
    journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", owner=Role.PROTEGE))
    journal.close()
    added = run_add("add", "entry", "Two lines", "--db", str(path),
                    stdin=b"First line typed\nSecond line typed\n")
    assert added.returncode == 0, added.stderr
    result = run("export", "--db", str(path), "--section", "journal")
    assert result.returncode == 0, result.stderr
    html = MarkdownIt().render(result.stdout)
    assert "<p>First line typed<br />\nSecond line typed</p>" in html
