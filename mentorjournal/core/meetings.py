"""The meeting log: filters, homework follow-up and carry-over, typed fields, `MeetingService`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import (
    BUILT_IN_TAGS,
    Goal,
    Homework,
    HomeworkStatus,
    Meeting,
    MeetingMode,
    Review,
    Role,
    Win,
    WinSize,
)
from mentorjournal.core.records import Records
from mentorjournal.core.text import (
    MAX_LINE,
    MAX_NOTES,
    MAX_WIN,
    check_text,
    first_line,
    one_line,
    parse_tags,
)

if TYPE_CHECKING:
    from mentorjournal.core.wins import WinService

DEBRIEF_TEMPLATE = (
    "## Walk-and-talk debrief\n\n"
    "**Where we walked:** \n\n"
    "**What came up:**\n\n- \n\n"
    "**One thing to try:** \n"
)
"""Offered when a walk-and-talk meeting is logged with empty notes."""
DEBRIEF_CURSOR = (2, len("**Where we walked:** "))
"""(row, column) where typing starts in the template."""

_DURATION = re.compile(
    r"^(?:(\d{1,2})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,3})\s*(?:m(?:in(?:utes?|s)?)?)?)?$"
)
class Settle(StrEnum):
    """What happens to an open homework item when the next meeting is logged."""

    DONE = "done"
    CARRY = "carry"
    DROP = "drop"
    LEAVE = "leave"


HomeworkRef = tuple[int, int]
"""(meeting id, index): one homework item wherever it was given."""


@dataclass(frozen=True)
class MeetingFilter:
    """Find: tag, mode, text in notes and homework, date range. Empty fields match all."""

    tag: str = ""
    mode: MeetingMode | None = None
    text: str = ""
    since: date | None = None
    until: date | None = None

    @property
    def is_empty(self) -> bool:
        return self == MeetingFilter()

    def matches(self, meeting: Meeting) -> bool:
        if self.tag and self.tag.lower() not in (t.lower() for t in meeting.tags):
            return False
        if self.mode is not None and meeting.mode is not self.mode:
            return False
        if self.since is not None and meeting.held_on < self.since:
            return False
        if self.until is not None and meeting.held_on > self.until:
            return False
        if self.text:
            haystack = "\n".join([meeting.notes, *(h.text for h in meeting.homework)])
            return self.text.casefold() in haystack.casefold()
        return True

    def describe(self) -> str:
        """'tag homework · text "river" · from 2026-10-01', for the visible filter bar."""
        parts = []
        if self.tag:
            parts.append(f"tag {self.tag}")
        if self.mode is not None:
            parts.append(f"mode {self.mode.value}")
        if self.text:
            parts.append(f'text "{self.text}"')
        if self.since is not None:
            parts.append(f"from {self.since.isoformat()}")
        if self.until is not None:
            parts.append(f"to {self.until.isoformat()}")
        return " · ".join(parts)


def filter_meetings(meetings: Iterable[Meeting], find: MeetingFilter) -> list[Meeting]:
    """The meetings that match, in the order given."""
    return [m for m in meetings if find.matches(m)]


def known_tags(meetings: Iterable[Meeting]) -> list[str]:
    """The built-in tags, then the pair's own, most used first (for completion)."""
    counts: dict[str, int] = {}
    for meeting in meetings:
        for tag in meeting.tags:
            if tag not in BUILT_IN_TAGS:
                counts[tag] = counts.get(tag, 0) + 1
    own = sorted(counts, key=lambda t: (-counts[t], t))
    return [*BUILT_IN_TAGS, *own]


def parse_due(text: str, today: date) -> date | None:
    """A homework item's due date as typed (empty: none); the refusal names the field, as
    the meeting form's message stands below all of its fields."""
    try:
        return parse_optional_date(text, today, field="homework_due")
    except ValidationError as error:
        raise ValidationError("homework_due", f"Homework due date: {error}") from None


def open_homework(meetings: Iterable[Meeting], held_on: date,
                 exclude_id: int = 0) -> list[tuple[Meeting, int, Homework]]:
    """Every open homework item of the meetings held on or before `held_on` (other than
    `exclude_id`), oldest first: what the next meeting settles, however far back it was given."""
    earlier = sorted((m for m in meetings if m.held_on <= held_on and m.id != exclude_id),
                     key=lambda m: (m.held_on, m.id))
    return [(m, i, item) for m in earlier for i, item in open_items(m)]


def open_items(meeting: Meeting | None) -> list[tuple[int, Homework]]:
    """(index, item) for each open homework item of a meeting."""
    if meeting is None:
        return []
    return [(i, h) for i, h in enumerate(meeting.homework) if h.status is HomeworkStatus.OPEN]


def settle_homework(
    previous: Meeting, decisions: dict[int, Settle], today: date
) -> tuple[Meeting, tuple[Homework, ...]]:
    """Apply done / carry-over decisions to the previous meeting's open items.

    Returns the previous meeting changed, and the items carried into the new meeting
    (open again, their carry-over count one higher). A dropped item stays where it was given.
    """
    items = list(previous.homework)
    carried: list[Homework] = []
    for index, decision in sorted(decisions.items()):
        item = items[index]
        if item.status is not HomeworkStatus.OPEN or decision is Settle.LEAVE:
            continue
        if decision is Settle.DONE:
            items[index] = dataclasses.replace(item, status=HomeworkStatus.DONE, done_on=today)
        elif decision is Settle.DROP:
            items[index] = dataclasses.replace(item, status=HomeworkStatus.DROPPED)
        else:
            items[index] = dataclasses.replace(item, status=HomeworkStatus.CARRIED)
            carried.append(dataclasses.replace(item, carried_over=item.carried_over + 1))
    return dataclasses.replace(previous, homework=tuple(items)), tuple(carried)


class HomeworkState(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    CARRIED = "carried"
    DROPPED = "dropped"


@dataclass(frozen=True)
class HomeworkRow:
    """One homework item in the view across meetings."""

    meeting: Meeting
    index: int
    item: Homework
    state: HomeworkState


def homework_state(item: Homework, today: date) -> HomeworkState:
    if item.status is HomeworkStatus.OPEN:
        overdue = item.due is not None and item.due < today
        return HomeworkState.OVERDUE if overdue else HomeworkState.OPEN
    return HomeworkState(item.status.value)


def homework_rows(meetings: Iterable[Meeting], today: date,
                  states: set[HomeworkState] | None = None) -> list[HomeworkRow]:
    """Every homework item (or those in `states`): overdue, then open, then the rest by due."""
    order = list(HomeworkState)
    rows = [HomeworkRow(m, i, h, homework_state(h, today))
            for m in meetings for i, h in enumerate(m.homework)]
    if states is not None:
        rows = [r for r in rows if r.state in states]
    far = date.max
    return sorted(rows, key=lambda r: (order.index(r.state) if r.state is not HomeworkState.OVERDUE
                                       else -1, r.item.due or far, -r.meeting.id))


def homework_counts(meeting: Meeting) -> tuple[int, int]:
    """(open, done) items of one meeting, for the table."""
    open_ = sum(1 for h in meeting.homework if h.status is HomeworkStatus.OPEN)
    done = sum(1 for h in meeting.homework if h.status is HomeworkStatus.DONE)
    return open_, done


def meeting_lines(meeting: Meeting) -> list[str]:
    """Every line of a meeting that could become a win: notes, homework, what to change."""
    lines = [first_line(line) for line in meeting.notes.splitlines()]
    lines += [one_line(h.text) for h in meeting.homework]
    if meeting.checkin is not None:
        lines.append(one_line(meeting.checkin.change))
    seen: dict[str, None] = {}
    for line in lines:
        if line and len(line) <= MAX_LINE:
            seen.setdefault(line, None)
    return list(seen)


# -- typed fields ---------------------------------------------------------------

def parse_duration(text: str, *, field: str = "duration") -> int | None:
    """'45', '45m', '1h', '1h30', '1 h 30 min' -> minutes; empty -> None."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if cleaned.isdigit():
        minutes = int(cleaned)
    else:
        match = _DURATION.match(cleaned)
        if not match or not any(match.groups()):
            raise ValidationError(
                field, f"'{text.strip()}' is not a duration: try 45, 45m or 1h30."
            )
        minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError(field, "A meeting lasts between 1 minute and 24 hours.")
    return minutes


def parse_rating(text: str, label: str, *, field: str) -> int | None:
    """A check-in rating 1-5; empty -> None."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= 5:
        raise ValidationError(field, f"Rate '{label}' from 1 to 5, or leave it empty.")
    return int(cleaned)


# -- the service ---------------------------------------------------------------------


class MeetingService:
    """`journal.meetings`: the meeting log and its homework, checked before they are saved."""

    def __init__(self, records: Records, wins: WinService) -> None:
        self._records = records
        self._wins = wins

    def all(self) -> list[Meeting]:
        """Newest first."""
        return sorted(self._records.all(Meeting), key=lambda m: (m.held_on, m.id),
                      reverse=True)

    def get(self, meeting_id: int) -> Meeting | None:
        return self._records.get(Meeting, meeting_id)

    def check(self, meeting: Meeting) -> Meeting:
        """Refuse a meeting a journal should not hold, naming the field; returns it unchanged."""
        check_text(meeting.notes, "notes", limit=MAX_NOTES)
        for item in meeting.homework:
            check_text(item.text, "homework", required=True, limit=MAX_LINE)
        if meeting.checkin is not None:
            check_text(meeting.checkin.change, "change", "what to change", limit=MAX_LINE)
            for name, rating in (("meaningful", meeting.checkin.meaningful),
                                 ("expectations_met", meeting.checkin.expectations_met)):
                if rating is not None and not 1 <= rating <= 5:
                    raise ValidationError(name, "Rate the check-in from 1 to 5.")
        if parse_tags(", ".join(meeting.tags)) != meeting.tags:
            raise ValidationError("tags", "Tags are a word or two each, in lower case.")
        minutes = meeting.duration_minutes
        if minutes is not None and not 1 <= minutes <= 24 * 60:
            raise ValidationError("duration", "A meeting lasts between 1 minute and 24 hours.")
        for goal_id in meeting.goal_ids:
            if self._records.get(Goal, goal_id) is None:
                raise ValidationError("goals", "A goal it names is no longer in the journal.")
        for agenda_item in meeting.discussed:
            review = self._records.get(Review, agenda_item.review_id)
            if review is None or not 0 <= agenda_item.index < len(review.items):
                raise ValidationError("discussed", "An agenda item it names is no longer in "
                                                   "the journal.")
        return meeting

    def log(self, meeting: Meeting, settle: Mapping[HomeworkRef, Settle] | None = None) -> Meeting:
        """Save a new or edited meeting; `settle` decides open homework of earlier meetings
        (see `open_homework`): the items carried over open the new meeting's homework, and
        the meetings they came from are saved with it, in one batch."""
        earlier, carried = self._settle(settle or {})
        meeting = self.check(dataclasses.replace(meeting, homework=carried + meeting.homework))
        with self._records.batch():
            saved = (self._records.update(meeting) if meeting.id
                     else self._records.add(meeting))
            for changed in earlier:
                self._records.update(changed)
        return saved

    def _settle(self, decisions: Mapping[HomeworkRef, Settle]
                ) -> tuple[list[Meeting], tuple[Homework, ...]]:
        """The earlier meetings with their homework settled, and the items carried over."""
        changed: list[Meeting] = []
        carried: tuple[Homework, ...] = ()
        found = {mid: self.get(mid) for mid, _index in decisions}
        for mid, index in decisions:
            given = found[mid]
            if given is None or not 0 <= index < len(given.homework):
                raise ValidationError("homework", "That homework item no longer exists.")
        for meeting in sorted(filter(None, found.values()), key=lambda m: (m.held_on, m.id)):
            settled, more = settle_homework(
                meeting, {i: choice for (mid, i), choice in decisions.items() if mid == meeting.id},
                self._records.today())
            if settled != meeting:
                changed.append(settled)
            carried += more
        return changed, carried

    def delete(self, meeting: Meeting) -> None:
        self._records.delete(meeting)

    def add_homework(self, text: str, who: Role = Role.PROTEGE,
                     due: date | None = None) -> tuple[Meeting, int]:
        """Give homework on the latest meeting; returns it and the item's number (from 1)."""
        check_text(text, "homework", required=True, limit=MAX_LINE)
        meetings = self.all()
        if not meetings:
            raise ValidationError("homework", "There is no meeting yet: homework belongs to a "
                                              "meeting. Log one in the app (m), then try again.")
        latest = meetings[0]
        item = Homework(text=text, who=who, due=due)
        saved = self.log(dataclasses.replace(latest, homework=(*latest.homework, item)))
        return saved, len(saved.homework)

    def set_homework_status(self, meeting_id: int, index: int,
                            status: HomeworkStatus) -> Meeting:
        """Mark one homework item done, open again, or dropped."""
        meeting = self.get(meeting_id)
        if meeting is None or not 0 <= index < len(meeting.homework):
            raise ValidationError("homework", "That homework item no longer exists.")
        items = list(meeting.homework)
        done_on = self._records.today() if status is HomeworkStatus.DONE else None
        items[index] = dataclasses.replace(items[index], status=status, done_on=done_on)
        return self._records.update(dataclasses.replace(meeting, homework=tuple(items)))

    def promote_to_win(self, meeting: Meeting, text: str,
                       size: WinSize = WinSize.SMALL) -> Win:
        """A line of a meeting becomes a win on the wins wall, linked to the meeting."""
        check_text(text, "win", required=True, limit=MAX_WIN)
        goal_id = meeting.goal_ids[0] if len(meeting.goal_ids) == 1 else None
        return self._wins.add(Win(won_on=min(meeting.held_on, self._records.today()),
                                  text=text.strip(), size=size, meeting_id=meeting.id,
                                  goal_id=goal_id))
