"""The journal's data: plain frozen dataclasses, no rendering and no I/O.

Every record has an `id` (its document id in the store, 0 before it is saved) and
`extra`: fields this version does not know, kept so that saving never drops them.
Change a record with `dataclasses.replace` and hand it to the `Journal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """The two partners of a pair."""

    MENTOR = "mentor"
    PROTEGE = "protege"

    @property
    def label(self) -> str:
        return "protégé" if self is Role.PROTEGE else "mentor"


class MeetingMode(StrEnum):
    """How a meeting happens."""

    IN_PERSON = "in person"
    VIDEO = "video"
    PHONE = "phone"
    WALK_AND_TALK = "walk-and-talk"
    MIXED = "mixed"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    ADJUSTED = "adjusted"
    DROPPED = "dropped"


class HomeworkStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CARRIED = "carried"
    DROPPED = "dropped"


class WinSize(StrEnum):
    SMALL = "small"
    BIG = "big"


class VisionKind(StrEnum):
    TEXT = "text"
    QUOTE = "quote"
    LINK = "link"


class EvaluationKind(StrEnum):
    MIDPOINT = "midpoint"
    CLOSING = "closing"


class ReviewMark(StrEnum):
    AGREED = "agreed"
    TO_DISCUSS = "to discuss"


BUILT_IN_TAGS = ("walk-and-talk", "homework", "check-in")


def _extra() -> dict[str, Any]:
    return {}


@dataclass(frozen=True, kw_only=True)
class Pair:
    """The mentor, the protégé, and whose journal this is."""

    mentor: str
    protege: str
    owner: Role = Role.PROTEGE
    started_on: date | None = None
    planned_end: date | None = None
    closed_on: date | None = None
    closing_note: str = ""
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)

    def name_of(self, role: Role) -> str:
        return self.mentor if role is Role.MENTOR else self.protege


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Per-journal preferences."""

    theme: str = "textual-dark"
    backup_days: int = 7
    private_by_default: bool = False
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Signature:
    role: Role
    name: str
    signed_at: datetime
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class AgreementVersion:
    """One version of the expectations agreement; signing again makes a new one."""

    number: int = 1
    created_at: datetime | None = None
    about_mentor: str = ""
    about_protege: str = ""
    protege_expects: str = ""
    mentor_expects: str = ""
    working_style: str = ""
    frequency_days: int | None = None
    usual_length_minutes: int | None = None
    mode: MeetingMode | None = None
    scheduler: Role = Role.PROTEGE
    mentor_hours_per_month: float | None = None
    protege_hours_per_month: float | None = None
    confidentiality: str = ""
    boundaries: str = ""
    feedback: str = ""
    no_fault_ending: str = ""
    review_on: date | None = None
    signatures: tuple[Signature, ...] = ()
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Objective:
    text: str
    done: bool = False
    done_on: date | None = None
    done_at: datetime | None = None
    """When it was ticked (journals written before this field have only `done_on`)."""
    archived: bool = False
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Adjustment:
    """A recorded change to a goal: what changed, from what to what, and why."""

    on: date
    what: str
    before: str = ""
    after: str = ""
    why: str = ""
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Goal:
    title: str
    why: str = ""
    success_measure: str = ""
    target_date: date | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    created_on: date | None = None
    achieved_on: date | None = None
    position: int = 0
    archived: bool = False
    objectives: tuple[Objective, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)

    @property
    def progress(self) -> float | None:
        """Done objectives / all objectives, or None when there are none yet."""
        live = [o for o in self.objectives if not o.archived]
        if not live:
            return None
        return sum(o.done for o in live) / len(live)


@dataclass(frozen=True, kw_only=True)
class Homework:
    text: str
    who: Role = Role.PROTEGE
    due: date | None = None
    status: HomeworkStatus = HomeworkStatus.OPEN
    carried_over: int = 0
    done_on: date | None = None
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class AgendaItem:
    """A review's item to discuss, on the agenda until a meeting discusses it; that meeting
    keeps it (what was discussed, in the words of the review)."""

    review_id: int
    index: int
    summary: str
    comment: str = ""
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)

    @property
    def ref(self) -> tuple[int, int]:
        """(review id, index of the item in the review): the same item in every meeting."""
        return (self.review_id, self.index)


@dataclass(frozen=True, kw_only=True)
class CheckIn:
    """Is this meaningful? Are we living up to expectations? What should change?"""

    meaningful: int | None = None
    expectations_met: int | None = None
    change: str = ""
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Meeting:
    held_on: date
    duration_minutes: int | None = None
    mode: MeetingMode | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    goal_ids: tuple[int, ...] = ()
    homework: tuple[Homework, ...] = ()
    checkin: CheckIn | None = None
    next_meeting_on: date | None = None
    discussed: tuple[AgendaItem, ...] = ()
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Win:
    won_on: date
    text: str
    size: WinSize = WinSize.SMALL
    goal_id: int | None = None
    meeting_id: int | None = None
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class JournalEntry:
    written_on: date
    title: str = ""
    body: str = ""
    mood: str = ""
    tags: tuple[str, ...] = ()
    private: bool = False
    updated_at: datetime | None = None
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Draft:
    """Unsaved text kept as the user types, offered back after a crash."""

    kind: str
    target_id: int | None = None
    fields: dict[str, Any] = field(default_factory=_extra)
    saved_at: datetime | None = None
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Prompt:
    """A writing prompt the pair added to the built-in ones."""

    text: str
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class VisionCard:
    text: str
    kind: VisionKind = VisionKind.TEXT
    url: str = ""
    goal_id: int | None = None
    position: int = 0
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class GoalRating:
    goal_id: int
    rating: int | None = None
    comment: str = ""
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Evaluation:
    """One partner's evaluation; sealed until both partners have submitted."""

    role: Role
    kind: EvaluationKind = EvaluationKind.CLOSING
    goal_ratings: tuple[GoalRating, ...] = ()
    what_worked: str = ""
    what_to_change: str = ""
    match_rating: int | None = None
    agreement_kept: str = ""
    would_do_again: str = ""
    biggest_learning: str = ""
    what_next: str = ""
    submitted_at: datetime | None = None
    reopened_at: tuple[datetime, ...] = ()
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class ReviewItem:
    kind: str
    ref: int | None = None
    summary: str = ""
    mark: ReviewMark | None = None
    comment: str = ""
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


@dataclass(frozen=True, kw_only=True)
class Review:
    """A pair-review session: when, what was looked at, what was agreed."""

    held_at: datetime
    items: tuple[ReviewItem, ...] = ()
    id: int = 0
    extra: dict[str, Any] = field(default_factory=_extra, compare=False)


RECORD_TYPES: dict[str, type[Any]] = {
    "pair": Pair,
    "settings": Settings,
    "agreement": AgreementVersion,
    "goals": Goal,
    "meetings": Meeting,
    "wins": Win,
    "entries": JournalEntry,
    "drafts": Draft,
    "prompts": Prompt,
    "vision": VisionCard,
    "evaluations": Evaluation,
    "reviews": Review,
}
"""Table name -> record type. The table names are the file format (docs/file-format.md)."""

TABLE_OF: dict[type[Any], str] = {cls: name for name, cls in RECORD_TYPES.items()}
