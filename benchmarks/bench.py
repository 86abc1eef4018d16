"""Measure mentorjournal on a ten-year journal, each figure beside its floor, in one run.

    python benchmarks/bench.py [--quick] [--json]

Start-up and export are whole processes (medians); saves and screens are in-process.
With --json the last line is one JSON object of the ratios and figures. The same heavy
journal is also measured encrypted (docs/file-format.md): its saves and opens against the
plain journal's, and the unlock (age's scrypt) on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # this checkout's mentorjournal, not the installed one
from encrypted_bench import bench_encrypted, encrypted_copy  # noqa: E402
from heavy_journal import TODAY, build_heavy  # noqa: E402

from mentorjournal.core.journal import Journal  # noqa: E402
from mentorjournal.core.model import JournalEntry  # noqa: E402
from mentorjournal.storage.store import atomic_write  # noqa: E402

TARGETS = {"start_ratio": 1.25, "save_ratio": 2.0, "export_vs_jrnl": 0.5,
           "peak_rss_mib": 100.0, "open_screen_ms": 100.0, "keystroke_ms": 50.0,
           "encrypted_save_ratio": 1.5, "encrypted_open_extra_ms": 50.0}



def compile_package() -> None:
    """Byte-compile this checkout's package, as `pip install` does for an installed app.

    Otherwise, with PYTHONDONTWRITEBYTECODE set (as on some CI machines), every measured
    process would compile mentorjournal from source (~20 ms) while Textual, installed,
    loads from bytecode: the comparison would not be like for like.
    """
    compileall.compile_dir(HERE.parent / "mentorjournal", quiet=1)


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_child(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True,
                            check=True, stdin=subprocess.DEVNULL)
    return result.stdout


def bench_startup(path: Path, runs: int) -> dict[str, float]:
    """Process start to first screen, bare app and ours interleaved (same machine state)."""
    script = str(HERE / "_startup.py")
    rss: list[float] = []
    bare: list[float] = []
    ours: list[float] = []
    for _ in range(runs):
        for args, times in (((script, "bare"), bare), ((script, "app", str(path)), ours)):
            spawned = time.time()
            ready, peak = run_child(*args).split()[-2:]
            times.append(float(ready) - spawned)
            if args[1] == "app":
                rss.append(float(peak))
    return {"bare_s": statistics.median(bare), "app_s": statistics.median(ours),
            "peak_rss_mib": max(rss)}


def bench_save(path: Path, runs: int) -> dict[str, float]:
    journal = Journal.open(path, today=lambda: TODAY)
    try:
        meeting = journal.meetings.all()[100]
        counter = iter(range(10**6))

        def edit() -> None:
            changed = dataclasses.replace(meeting, notes=f"{meeting.notes} {next(counter)}")
            journal.meetings.log(changed)

        data = journal.store._storage.read()
        floor_path = path.with_name("floor.json")

        def floor() -> None:
            atomic_write(floor_path, orjson.dumps(data))

        return {"save_ms": median_time(edit, runs) * 1e3,
                "floor_ms": median_time(floor, runs) * 1e3}
    finally:
        journal.close()


def jrnl_journal(folder: Path, entries: list[JournalEntry]) -> Path | None:
    """The same 3,000 entries as a jrnl journal and its config; None without jrnl."""
    if shutil.which("jrnl") is None and not (Path(sys.executable).parent / "jrnl").exists():
        return None
    text = folder / "jrnl.txt"
    with text.open("w", encoding="utf-8") as handle:
        for entry in sorted(entries, key=lambda e: (e.written_on, e.id)):
            handle.write(f"[{entry.written_on.isoformat()} 09:00] {entry.title}\n{entry.body}\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        f"indent_character: '|'\njournals: {{default: {{journal: {text}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.6\n", encoding="utf-8")
    return config


def bench_export(path: Path, runs: int) -> dict[str, float | None]:
    try:
        import mentorjournal.export  # noqa: F401
    except ImportError:
        return {"export_s": None, "jrnl_s": None}
    out = path.with_name("export.md")
    ours = median_time(lambda: run_child("-m", "mentorjournal", "export", "--db", str(path),
                                         "--include-private", "-o", str(out), "--force"), runs)
    journal = Journal.open(path, readonly=True, today=lambda: TODAY)
    config = jrnl_journal(path.parent, journal.entries.all())
    journal.close()
    if config is None:
        return {"export_s": ours, "jrnl_s": None}
    jrnl = str(Path(sys.executable).parent / "jrnl")
    theirs = median_time(lambda: subprocess.run(
        [jrnl, "--config-file", str(config), "--export", "markdown"], check=True,
        capture_output=True, stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"}), runs)
    return {"export_s": ours, "jrnl_s": theirs}


class Frames:
    """Times from an action to the first frame on which `shown()` holds.

    After each frame Textual draws (in headless mode it then writes nothing), the hook
    notes the time, then checks what the widgets draw.
    """

    def __init__(self, app: Any) -> None:
        from mentorjournal.textual_compat import watch_frames

        self.app = app
        self._shown: Callable[[], bool] | None = None
        self._at: asyncio.Future[float] | None = None
        watch_frames(app, self._frame)

    def _frame(self) -> None:
        if self._shown is not None and self._at is not None:
            now = time.perf_counter()
            if not self._at.done() and self._shown():
                self._at.set_result(now)

    async def time(self, action: Callable[[], object], shown: Callable[[], bool]) -> float:
        """Milliseconds from `action()` to the first frame showing its effect."""
        self._shown, self._at = shown, asyncio.get_running_loop().create_future()
        start = time.perf_counter()
        action()
        at = await asyncio.wait_for(self._at, 10)
        self._shown = None
        return (at - start) * 1e3


def drawn(widget: Any) -> str:
    """The text a widget draws now, line by line."""
    from textual.geometry import Region

    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.size)))


def _section_shown(app: Any, section: str, journal: Journal) -> Callable[[], bool]:
    """True once the section's screen draws its newest item and that item in full."""

    if section == "meetings":
        newest = max(journal.meetings.all(), key=lambda m: (m.held_on, m.id))
        texts = {"#meetings-table": [newest.held_on.isoformat()],
                 "#detail-facts": [newest.held_on.strftime("%A %d %B %Y")],
                 "#detail-notes": [_opening_words(newest.notes)]}
    else:
        entry = journal.entries.all(include_private=True)[0]
        texts = {"#journal-entries": [entry.title],
                 "#journal-view MarkdownView": [_opening_words(entry.body)]}
    texts["FooterKey"] = ["Home"]

    def shown() -> bool:
        screen = app.screen
        if type(screen).__name__.lower() != f"{section}screen":
            return False
        return all(text in "\n".join(drawn(widget) for widget in screen.query(selector))
                   for selector, wanted in texts.items() for text in wanted)

    return shown


def _opening_words(markdown: str) -> str:
    """The first words of a note as drawn (its first line, without heading marks)."""
    return " ".join(markdown.strip().splitlines()[0].lstrip("#").split()[:3])


async def bench_screens(path: Path) -> dict[str, float | None]:
    """Open the meeting log and the journal screen in-process; time keys in an editor."""
    from mentorjournal.app import make_app

    journal = Journal.open(path, today=lambda: TODAY)
    app = make_app(journal=journal)
    figures: dict[str, float | None] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        frames = Frames(app)
        await pilot.pause(0.5)
        first, warm, idle = [], [], []
        for visit in range(4):
            for section in ("meetings", "journal"):
                ms = await frames.time(lambda s=section: app.open_section(s),  # type: ignore[misc]
                                       _section_shown(app, section, journal))
                (first if visit == 0 else warm).append(ms)
                start = time.perf_counter()
                await pilot.pause()
                idle.append(ms + (time.perf_counter() - start) * 1e3)
                app.go_home()
                await pilot.pause(0.2)
        figures["open_first_ms"] = max(first)
        figures["open_warm_ms"] = statistics.median(warm)
        figures["open_screen_ms"] = max(max(first), statistics.median(warm))
        figures["open_idle_ms"] = statistics.median(idle)
        figures["bare_idle_ms"] = await _bare_screen(app, pilot)
        figures["keystroke_ms"] = await _keystroke(app, pilot, frames)
    journal.close()
    return figures


async def _bare_screen(app: Any, pilot: Any) -> float:
    """Pushing a Header + Static + Footer screen until the Pilot finds the app idle."""
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    class Bare(Screen[None]):
        def compose(self) -> Any:
            yield Header()
            yield Static("hello")
            yield Footer()

    times = []
    for _ in range(5):
        start = time.perf_counter()
        app.push_screen(Bare())
        await pilot.pause()
        times.append((time.perf_counter() - start) * 1e3)
        app.pop_screen()
        await pilot.pause(0.1)
    return statistics.median(times)


async def _keystroke(app: Any, pilot: Any, frames: Frames) -> float | None:
    """Median time from a key to the frame showing it, typing in a new journal entry."""
    from textual import events
    from textual.widgets import TextArea

    app.open_section("journal")
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    areas = app.screen.query(TextArea)
    if not areas:
        return None
    area = areas.first()
    area.focus()
    await pilot.pause()
    times = []
    typed = ""
    for char in "a quick note between meetings, typed as fast as the screen allows":
        typed += char
        key = "space" if char == " " else ("comma" if char == "," else char)
        times.append(await frames.time(
            lambda k=key, c=char: app.post_message(events.Key(k, c)),  # type: ignore[misc]
            lambda t=typed: t in drawn(area)))
        await pilot.pause(0.05)  # a fast typist: about 20 keys a second
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (under 45 s)")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "heavy.json"
        journal = Journal.open(path, today=lambda: TODAY)
        build_heavy(journal)
        journal.close()
        size_mb = path.stat().st_size / 1e6
        # Start-up compares two ~0.2 s processes on a busy machine: with fewer than 11
        # pairs, one slow run moves the median by several percent.
        start = bench_startup(path, max(runs, 11))
        save = bench_save(path, runs * 4)
        sealed, key = encrypted_copy(path)
        encrypted = bench_encrypted(path, sealed, key, runs * 4)
        export = bench_export(path, max(3, runs // 2))
        screens = asyncio.run(bench_screens(path))
    result = {
        "start_ratio": start["app_s"] / start["bare_s"],
        "save_ratio": save["save_ms"] / save["floor_ms"],
        "export_vs_jrnl": (export["export_s"] / export["jrnl_s"]
                           if export["export_s"] and export["jrnl_s"] else None),
        "peak_rss_mib": start["peak_rss_mib"],
        "open_screen_ms": screens["open_screen_ms"],
        "keystroke_ms": screens["keystroke_ms"],
        "encrypted_save_ratio": encrypted["sealed_save_ms"] / encrypted["plain_save_ms"],
        "encrypted_open_extra_ms": encrypted["sealed_open_ms"] - encrypted["plain_open_ms"],
        "unlock_s": encrypted["unlock_s"],
    }
    rows = [
        ("heavy journal", f"{size_mb:.1f} MB", "", ""),
        ("start-up to home", f"{start['app_s']:.3f} s", f"bare app {start['bare_s']:.3f} s",
         f"{result['start_ratio']:.2f}x"),
        ("save one meeting", f"{save['save_ms']:.1f} ms",
         f"orjson atomic write {save['floor_ms']:.1f} ms", f"{result['save_ratio']:.2f}x"),
        ("export to Markdown", _fmt(export["export_s"], "s"),
         f"jrnl 3,000 entries {_fmt(export['jrnl_s'], 's')}", _fmt(result["export_vs_jrnl"], "x")),
        ("peak memory", f"{start['peak_rss_mib']:.0f} MiB", "", ""),
        ("open meetings/journal", _fmt(screens["open_screen_ms"], "ms"),
         f"first visit {_fmt(screens['open_first_ms'], 'ms')}, "
         f"later {_fmt(screens['open_warm_ms'], 'ms')}", ""),
        ("  until idle (Pilot)", _fmt(screens["open_idle_ms"], "ms"),
         f"bare screen {_fmt(screens['bare_idle_ms'], 'ms')}", ""),
        ("key to screen", _fmt(screens["keystroke_ms"], "ms"), "", ""),
        ("encrypted: save", f"{encrypted['sealed_save_ms']:.1f} ms",
         f"plain, same journal {encrypted['plain_save_ms']:.1f} ms",
         f"{result['encrypted_save_ratio']:.2f}x"),
        ("encrypted: open", f"{encrypted['sealed_open_ms']:.1f} ms",
         f"plain, same journal {encrypted['plain_open_ms']:.1f} ms",
         f"+{result['encrypted_open_extra_ms']:.1f} ms"),
        ("encrypted: unlock", f"{encrypted['unlock_s']:.2f} s", "age scrypt, once per open",
         ""),
    ]
    for name, figure, floor, ratio in rows:
        print(f"{name:<22} {figure:>12}   {floor:<34} {ratio}")
    failed = [k for k, limit in TARGETS.items() if result[k] is not None and result[k] > limit]
    print("targets:", "all met" if not failed else "missed: " + ", ".join(failed),
          "(figures marked None were not measurable here)" if None in result.values() else "")
    if args.json:
        print(json.dumps({k: (round(v, 3) if v is not None else None) for k, v in result.items()}))
    return 0


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.3f} s"
    return f"{value:.2f}x" if unit == "x" else f"{value:.1f} {unit}"


if __name__ == "__main__":
    sys.exit(main())
