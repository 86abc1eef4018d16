"""Errors of the domain: input a rule refuses. The file's errors are in storage/errors.py."""

from __future__ import annotations

from mentorjournal.storage.errors import JournalError


class ValidationError(JournalError, ValueError):
    """User input that cannot be accepted; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)
