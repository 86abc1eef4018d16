"""Drafts: what was typed in a form and not yet saved, kept in the journal and offered back.

The rules, in one place: a draft holds a form's inputs as plain JSON values by input id;
there is one draft per form target (`DraftKey`: the form's kind and what it edits,
"meeting:new", "goal:12"), written over as the typing goes on; it is removed in the same
write that saves the form (`settle`); a draft whose form has its private box ticked is
private, never offered in review-together mode.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from mentorjournal.core.entries import DRAFT_ENTRY, describe_draft
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Draft, EvaluationKind, Goal, Pair, Role
from mentorjournal.core.records import SINGLETON_ID, Records
from mentorjournal.core.text import MAX_BODY, check_text, one_line

R = TypeVar("R")

PRIVATE_FIELD = "private"
"""The input whose tick makes a draft private (the journal entry's "Private" box)."""


@dataclass(frozen=True)
class DraftKey:
    """What a draft is of: a form's kind and the record it edits (None: a new one)."""

    kind: str
    target_id: int | None = None

    def __str__(self) -> str:
        return f"{self.kind}:{self.target_id or 'new'}"

    @classmethod
    def of(cls, draft: Draft) -> DraftKey:
        return cls(draft.kind, draft.target_id or None)


@dataclass(frozen=True)
class DraftKind:
    """A kind of form that keeps drafts: how its draft is named, and its section."""

    noun: str
    """'a meeting', 'the agreement': what "You were writing …" names."""
    section: str | None
    """The section whose screen opens the form (None: none, the first-run form's)."""
    detail: str = ""
    """The input whose text names the draft further ("on 2026-11-20", "“Run a workshop”")."""
    quoted: bool = True


KINDS: dict[str, DraftKind] = {
    DRAFT_ENTRY: DraftKind("a journal entry", "journal", "title"),
    "meeting": DraftKind("a meeting on", "meetings", "held_on", quoted=False),
    "goal": DraftKind("a goal", "goals", "title"),
    "objectives": DraftKind("objectives for a goal", "goals"),
    "win": DraftKind("a win", "wins", "text"),
    "vision": DraftKind("a vision card", "vision", "text"),
    "agreement": DraftKind("the agreement", "agreement"),
    "evaluation": DraftKind("an evaluation", "evaluation"),
    "pair": DraftKind("who the pair is", None),
}
"""Every kind of draft a form keeps (an evaluation's kind also names whose and which one)."""


def evaluation_kind(kind: EvaluationKind, role: Role) -> str:
    """The draft kind of one partner's evaluation form: 'evaluation-closing-mentor'."""
    return f"evaluation-{kind.value}-{role.value}"


def kind_of(draft: Draft) -> DraftKind:
    """The draft's kind ('evaluation-closing-mentor' is an 'evaluation')."""
    base = draft.kind.split("-", 1)[0]
    return KINDS.get(base, DraftKind("a form", None))


def is_private(draft: Draft) -> bool:
    """A private entry's draft: never offered while the pair reviews together."""
    return draft.fields.get(PRIVATE_FIELD) is True


def check_fields(fields: Mapping[str, Any], field: str = "") -> None:
    """Refuse what a draft cannot hold: only JSON values, text a journal file can store."""
    for name, value in fields.items():
        _check_value(value, field or str(name))


def _check_value(value: Any, field: str) -> None:
    if isinstance(value, str):
        check_text(value, field, "draft", limit=MAX_BODY)
    elif isinstance(value, Mapping):
        check_fields(value, field)
    elif isinstance(value, Sequence):
        for item in value:
            _check_value(item, field)
    elif value is not None and not isinstance(value, bool | int | float):
        raise ValidationError(field, f"A draft cannot hold {type(value).__name__} values.")


class DraftService:
    """`journal.drafts`: unfinished text, one draft per form target, newest first."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def all(self, *, include_private: bool = True) -> list[Draft]:
        """Every draft waiting, newest first; private ones only when asked."""
        drafts = [d for d in self._records.all(Draft) if include_private or not is_private(d)]
        return sorted(drafts, key=lambda d: (d.saved_at or datetime.min, d.id), reverse=True)

    def of_kind(self, kind: str, *, include_private: bool = True) -> list[Draft]:
        """Unfinished drafts of a kind, newest first."""
        return [d for d in self.all(include_private=include_private) if d.kind == kind]

    def find(self, key: DraftKey) -> Draft | None:
        """The draft of that form target, if one waits."""
        return next((d for d in self._records.all(Draft) if DraftKey.of(d) == key), None)

    def keep(self, key: DraftKey, fields: Mapping[str, Any]) -> Draft:
        """Keep what is typed so far (one atomic write), over the target's earlier draft."""
        check_fields(fields)
        found = self.find(key)
        draft = Draft(kind=key.kind, target_id=key.target_id, fields=dict(fields),
                      saved_at=self._records.now(), id=found.id if found else 0)
        return self._records.update(draft) if found else self._records.add(draft)

    def save(self, draft: Draft) -> Draft:
        """`keep` the fields of `draft` (over its target's earlier draft, whatever its id)."""
        return self.keep(DraftKey.of(draft), draft.fields)

    def discard(self, draft: Draft | DraftKey) -> None:
        """Forget a draft (its text was saved, or the user threw it away)."""
        found = self.find(draft) if isinstance(draft, DraftKey) else (
            self._records.get(Draft, draft.id) if draft.id else None)
        if found is not None:
            self._records.delete(found)

    def settle(self, key: DraftKey, operation: Callable[[], R]) -> R:
        """Run a form's save and remove its draft in the same write (both or neither)."""
        with self._records.batch():
            result = operation()
            self.discard(key)
        return result

    def describe(self, draft: Draft) -> str:
        """'You were writing a meeting on 2026-11-20 (kept 2026-11-25 14:02).'"""
        if draft.kind == DRAFT_ENTRY:
            return describe_draft(draft)
        kept = draft.saved_at.strftime("%Y-%m-%d %H:%M") if draft.saved_at else "earlier"
        return f"You were writing {self._what(draft)} (kept {kept})."

    def _what(self, draft: Draft) -> str:
        kind = kind_of(draft)
        if draft.kind.startswith("evaluation-"):
            return self._evaluation(draft.kind)
        if draft.kind == "objectives" and draft.target_id:
            goal = self._records.get(Goal, draft.target_id)
            return f"objectives for “{one_line(goal.title, 60)}”" if goal else kind.noun
        if draft.kind == "goal" and draft.target_id:
            return f"changes to the goal “{one_line(str(draft.fields.get('title', '')), 60)}”"
        detail = one_line(str(draft.fields.get(kind.detail) or ""), 60) if kind.detail else ""
        if not detail:
            return kind.noun.removesuffix(" on")
        return f"{kind.noun} “{detail}”" if kind.quoted else f"{kind.noun} {detail}"

    def _evaluation(self, kind: str) -> str:
        _evaluation, which, role = kind.split("-", 2)
        pair = self._records.get(Pair, SINGLETON_ID)
        try:
            name = pair.name_of(Role(role)) if pair else role
        except ValueError:
            name = role
        return f"the {which} evaluation of {one_line(name, 60)}"
