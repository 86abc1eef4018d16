"""The pair: who the mentor and the protégé are, whose journal it is, and its dates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mentorjournal.core.errors import NotSetUp, ValidationError
from mentorjournal.core.model import Pair, Role
from mentorjournal.core.records import SINGLETON_ID, Records
from mentorjournal.core.text import MAX_ANSWER, MAX_NAME, check_text


class PairService:
    """`journal.pair`: the one pair record, set up on the first run."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def get(self) -> Pair | None:
        return self._records.get(Pair, SINGLETON_ID)

    def require(self) -> Pair:
        """The pair, or NotSetUp: the shell adds nothing to a journal without one."""
        pair = self.get()
        if pair is None:
            raise NotSetUp(self._records.store.path or Path("(in memory)"))
        return pair

    def save(self, pair: Pair) -> Pair:
        """Create or change who the pair is."""
        for role in Role:  # `.field` is the input's id: "protege", "mentor"
            check_text(pair.name_of(role), role.value, f"{role.label}'s name", required=True,
                       limit=MAX_NAME)
        check_text(pair.closing_note, "closing_note", "closing note", limit=MAX_ANSWER)
        if pair.started_on and pair.planned_end and pair.planned_end < pair.started_on:
            raise ValidationError("planned_end", "The planned end is before the start.")
        if pair.started_on and pair.closed_on and pair.closed_on < pair.started_on:
            raise ValidationError("closed_on", "The closing date is before the mentorship "
                                               "started.")
        return self._records.put(dataclasses.replace(pair, id=SINGLETON_ID))
