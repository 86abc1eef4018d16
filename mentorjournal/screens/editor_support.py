"""What the entry editor leans on: the user's $EDITOR on the text being written."""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from mentorjournal.core.text import printable
from mentorjournal.storage.editor import NO_EDITOR, EditorFailed, chosen_editor, scratch_folder


def edit_externally(app: App[Any], text: str) -> str | None:
    """Let the user edit `text` in $VISUAL/$EDITOR while the app is suspended.

    Returns the new text, or None (with a notification) when there is no editor or
    the terminal cannot be handed over. This blocks the UI on purpose: the editor
    owns the terminal until it exits.
    """
    command = chosen_editor()
    if command is None:
        app.notify(NO_EDITOR, title="Editor", severity="warning", markup=False)
        return None
    try:
        scratch = scratch_folder()  # in memory while an encrypted journal is open
    except EditorFailed as error:
        app.notify(printable(str(error)), markup=False, severity="warning")
        return None
    with tempfile.TemporaryDirectory(prefix="mentorjournal-", dir=scratch) as folder:
        path = Path(folder) / "entry.md"
        path.write_text(text, encoding="utf-8")
        try:
            with app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
        except (SuspendNotSupported, OSError, ValueError) as error:
            app.notify(printable(f"Could not run {command}: {error}"), markup=False,
                       severity="error")
            return None
        return path.read_text(encoding="utf-8", errors="replace")
