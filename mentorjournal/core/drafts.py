"""Drafts: what was typed in a form and not yet saved, kept in the journal and offered back."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from mentorjournal.core.model import Draft
from mentorjournal.core.records import Records
from mentorjournal.core.text import check_text


class DraftService:
    """`journal.drafts`: unfinished text by form kind ("entry", ...), newest first."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def of_kind(self, kind: str) -> list[Draft]:
        """Unfinished drafts of a kind, newest first."""
        drafts = [d for d in self._records.all(Draft) if d.kind == kind]
        return sorted(drafts, key=lambda d: (d.saved_at or datetime.min, d.id), reverse=True)

    def save(self, draft: Draft) -> Draft:
        """Keep what is typed so far (one atomic write); returns the draft with its id."""
        for name, value in draft.fields.items():
            if isinstance(value, str):
                check_text(value, name)
        draft = dataclasses.replace(draft, saved_at=self._records.now())
        if draft.id and self._records.get(Draft, draft.id) is not None:
            return self._records.update(draft)
        return self._records.add(dataclasses.replace(draft, id=0))

    def discard(self, draft: Draft) -> None:
        """Forget a draft (its text was saved, or the user threw it away)."""
        if draft.id and self._records.get(Draft, draft.id) is not None:
            self._records.delete(draft)
