"""The core never imports Textual or Rich; screens and widgets never import TinyDB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "mentorjournal"
SERVER = "mentorjournal.cli.serve_server"
"""The running `serve` (textual-serve brings Rich): like the app, loaded only to run it."""
TEXTUAL_FREE = sorted(
    name
    for layer in ("core", "storage", "export", "cli")
    for path in (PACKAGE / layer).glob("*.py")
    if (name := ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)) != SERVER
)
"""Every module below the Textual shell (the cli too: only launching the app or the
server loads it)."""


@pytest.mark.parametrize("module", TEXTUAL_FREE)
def test_core_is_textual_free(module: str) -> None:
    code = (f"import sys, {module}; "
            "bad = [m for m in ('textual', 'rich') if m in sys.modules]; "
            "print(*bad, file=sys.stderr); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imports {result.stderr.strip()}"


def test_ui_never_touches_tinydb() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for folder in ("screens", "widgets")
        for path in (PACKAGE / folder).rglob("*.py")
        if "tinydb" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
