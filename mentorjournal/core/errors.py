"""Errors of the domain: input a rule refuses. The file's errors are in storage/errors.py."""

from __future__ import annotations

from pathlib import Path

from mentorjournal.storage.errors import JournalError


class ValidationError(JournalError, ValueError):
    """User input that cannot be accepted; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class NotSetUp(JournalError):
    """No journal file, or one without a pair yet: the app's first run sets it up."""

    def __init__(self, path: Path, *, missing: bool = False) -> None:
        what = f"There is no journal at {path} yet" if missing else (
            f"The journal {path} has no pair yet")
        super().__init__(f"{what}. Run `mentorjournal` once to set up the pair (or pass "
                         "--db PATH to choose another journal); nothing was saved.")
