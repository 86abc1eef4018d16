"""Edit text in the user's own editor ($VISUAL / $EDITOR) through a private temporary file.

While an encrypted journal is open, that file must not reach the disk: it goes to a
folder held in memory (tmpfs: $XDG_RUNTIME_DIR, /dev/shm), and where there is none the
editor is refused (the text is typed in the app or on standard input instead).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from mentorjournal.storage.errors import JournalError

NO_EDITOR = ("No editor is set: set $VISUAL or $EDITOR (for example EDITOR=nano) to write "
             "in your own editor.")


def chosen_editor() -> str | None:
    """The user's editor command ($VISUAL, else $EDITOR), or None when neither is set."""
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


class EditorFailed(JournalError):
    """The editor could not be started or did not finish cleanly; the text is unchanged."""


MEMORY_FILE_SYSTEMS = frozenset({"tmpfs", "ramfs"})
_off_disk: set[int] = set()
"""The open stores of encrypted journals (by id): while there is one, scratch files of
their text are kept in memory."""


def keep_off_disk(owner: object) -> None:
    """An encrypted journal is open: scratch files must stay off the disk until `release`."""
    _off_disk.add(id(owner))


def release(owner: object) -> None:
    _off_disk.discard(id(owner))


def scratch_folder(off_disk: bool = False) -> str | None:
    """Where a scratch file of journal text may go: None for the usual temp folder, or,
    with `off_disk` or while an encrypted journal is open, a folder held in memory (else
    EditorFailed)."""
    if not (off_disk or _off_disk):
        return None
    for candidate in (os.environ.get("XDG_RUNTIME_DIR"), "/dev/shm"):
        if candidate and os.path.isdir(candidate) and os.access(candidate, os.W_OK | os.X_OK):
            real = os.path.realpath(candidate)
            if _file_system_of(real) in MEMORY_FILE_SYSTEMS:
                return real
    raise EditorFailed("The journal is encrypted, and this system has no folder held in "
                       "memory for the editor's file, so its text would reach the disk: "
                       "write it here instead.")


def _file_system_of(folder: str) -> str:
    """The type of the file system `folder` is on (Linux's mount table; "" elsewhere)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            table = [line.split() for line in mounts.read().splitlines()]
    except OSError:
        return ""
    found, kind = "", ""
    for fields in table:
        if len(fields) < 3:
            continue
        mount = fields[1].replace("\\040", " ")
        inside = folder == mount or folder.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(found):  # the deepest mount holding it decides
            found, kind = mount, fields[2]
    return kind


def edit_text(
    text: str,
    editor: str,
    *,
    suffix: str = ".md",
    run: Callable[[Sequence[str]], int] = subprocess.call,
    off_disk: bool = False,
) -> str:
    """Open `text` in `editor` (a command line, e.g. 'code --wait') and return what was saved.

    The file is created readable only by the user and removed afterwards, in memory
    with `off_disk` or while an encrypted journal is open (`scratch_folder`). A failing
    editor raises EditorFailed and the caller keeps its text.
    """
    command = shlex.split(editor)
    if not command:
        raise EditorFailed(NO_EDITOR)
    folder = scratch_folder(off_disk)
    handle, name = tempfile.mkstemp(prefix="mentorjournal-", suffix=suffix, dir=folder)
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
