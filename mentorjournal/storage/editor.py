"""Edit text in the user's own editor ($VISUAL / $EDITOR) through a private temporary file."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from mentorjournal.storage.errors import JournalError


class EditorFailed(JournalError):
    """The editor could not be started or did not finish cleanly; the text is unchanged."""


def edit_text(
    text: str,
    editor: str,
    *,
    suffix: str = ".md",
    run: Callable[[Sequence[str]], int] = subprocess.call,
) -> str:
    """Open `text` in `editor` (a command line, e.g. 'code --wait') and return what was saved.

    The file is created readable only by the user and removed afterwards. A failing
    editor raises EditorFailed and the caller keeps its text.
    """
    command = shlex.split(editor)
    if not command:
        raise EditorFailed("No editor is set: set $EDITOR, for example EDITOR=nano.")
    handle, name = tempfile.mkstemp(prefix="mentorjournal-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            status = run([*command, str(path)])
        except OSError as error:
            raise EditorFailed(f"Could not start the editor '{command[0]}': "
                               f"{error.strerror or error}.") from None
        if status != 0:
            raise EditorFailed(f"The editor '{command[0]}' stopped with status {status}; "
                               "the text was left as it was.")
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise EditorFailed(f"Could not read the edited text back ({error}); "
                               "the text was left as it was.") from None
    finally:
        path.unlink(missing_ok=True)
