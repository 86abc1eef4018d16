"""The pair's schedule as an iCalendar file (RFC 5545): the contract is docs/calendar.md.

`export_calendar(journal, options)` returns the file's bytes; nothing here does I/O or
reads the clock. Each item's UID comes from the journal's identity and its record, and
its DTSTAMP from the record's last recorded change, so the same journal always gives the
same bytes and importing the file again updates its items instead of adding them twice.
Only the schedule goes in: no journal entry at all, and of a meeting only who, when, the
mode and the agenda's item titles, never its notes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import CLASS, STATUS, TRANSP, Calendar, Component, Event, Todo

from mentorjournal.core.agreement import frequency_text
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    AgreementVersion,
    GoalStatus,
    Homework,
    HomeworkStatus,
    Meeting,
    MeetingMode,
    Pair,
    Role,
)
from mentorjournal.core.schedule import NextMeeting, evaluation_dates, next_meeting
from mentorjournal.core.text import one_line

CALENDAR_SECTIONS = ("meetings", "homework", "goals", "agreement", "evaluation")
"""What a calendar can hold, in the file's order."""
CALENDAR_FILE = "mentoring-calendar.ics"
"""The file the app writes, beside the Markdown export: the same name each time, so
writing it again and importing it again is how it stays current."""
PRODID = "-//mentorjournal//Mentoring calendar//EN"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""DTSTAMP of an item whose record has no date at all (old data)."""

_SUGGESTED, _PLANNED, _HELD = 0, 1, 2
"""A meeting's SEQUENCE: a suggested day, then the day the pair set, then the day it was held."""
_HOMEWORK_STATUS = {HomeworkStatus.OPEN: STATUS.NEEDS_ACTION,
                    HomeworkStatus.DONE: STATUS.COMPLETED,
                    HomeworkStatus.CARRIED: STATUS.CANCELLED,
                    HomeworkStatus.DROPPED: STATUS.CANCELLED}


@dataclass(frozen=True, kw_only=True)
class CalendarOptions:
    """What the calendar holds: which sections, from which day, whose homework, what time."""

    sections: tuple[str, ...] = CALENDAR_SECTIONS
    since: date | None = None
    for_role: Role | None = None
    """Only this partner's homework, and meetings named from their side; None: all
    homework, meetings named from the side of the partner whose journal it is."""
    at: time | None = None
    """The time meetings start (floating: local wherever it is imported); None: all-day."""

    def covers(self, day: date) -> bool:
        return self.since is None or day >= self.since


def parse_role(text: str, *, field: str = "for") -> Role | None:
    """'mentor', 'protege' or 'protégé' -> the partner; '' -> None (both)."""
    cleaned = text.strip().lower().replace("é", "e")
    if not cleaned:
        return None
    if cleaned not in {role.value for role in Role}:
        raise ValidationError(field, f"'{one_line(text, 40)}' is not a partner: "
                                     "choose mentor or protege.")
    return Role(cleaned)


def export_calendar(journal: Journal, options: CalendarOptions | None = None) -> bytes:
    """The calendar file (CRLF lines, UTF-8). Raises NotSetUp for a journal without a pair."""
    options = options or CalendarOptions()
    items = _Items(journal, journal.pair.require(), options)
    names = f"{items.name(Role.PROTEGE)} and {items.name(Role.MENTOR)}"
    calendar = Calendar.new(
        prodid=PRODID, uid=items.uid("calendar"), method="PUBLISH",
        name=f"Mentoring: {names}",
        description=f"The schedule in the mentoring journal of {names}, written by "
                    "mentorjournal. Write it again and import it to bring it up to date.")
    for section in CALENDAR_SECTIONS:
        if section in options.sections:
            for component in _BUILDERS[section](items):
                calendar.add_component(component)
    return bytes(calendar.to_ical())


def _utc(moment: date | datetime) -> datetime:
    """A recorded day (midnight UTC) or time (as recorded, taken as UTC) for DTSTAMP."""
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return datetime.combine(moment, time(), UTC)


def _stamp(*moments: date | datetime | None) -> datetime:
    """The latest of the recorded changes behind an item: its DTSTAMP."""
    return max((_utc(m) for m in moments if m is not None), default=EPOCH)


class _Items:
    """Everything an item needs: the journal, its pair and identity, the options."""

    def __init__(self, journal: Journal, pair: Pair, options: CalendarOptions) -> None:
        self.journal = journal
        self.pair = pair
        self.options = options
        self.agreement: AgreementVersion | None = journal.agreement.latest()
        self.meetings = list(reversed(journal.meetings.all()))  # oldest first
        seed = f"mentorjournal calendar\x00{journal.identity}".encode()
        self._key = hashlib.sha256(seed).hexdigest()[:20]
        viewer = options.for_role or pair.owner
        self.other = self.name(Role.MENTOR if viewer is Role.PROTEGE else Role.PROTEGE)

    def name(self, role: Role) -> str:
        return one_line(self.pair.name_of(role))

    def uid(self, *parts: object) -> str:
        """'homework-20-1.<journal key>@mentorjournal': the record's kind, id and item number,
        and a hash of the journal's identity (two journals never share a UID)."""
        return f"{'-'.join(str(p) for p in parts)}.{self._key}@mentorjournal"

    def event(self, uid: str, day: date, summary: str, *, status: STATUS, sequence: int,
              stamp: datetime, lines: list[str], category: str,
              minutes: int | None = None, timed: bool = False) -> Event:
        """An all-day event, or (`timed` with a time in the options) one at that time."""
        event = Event.new(uid=uid, stamp=stamp, summary=summary, status=status,
                          sequence=sequence, categories=["Mentoring", category],
                          classification=CLASS.PRIVATE, description="\n".join(lines) or None)
        at = self.options.at if timed else None
        if at is None:
            event.start, event.end = day, day + timedelta(days=1)
            event.transparency = TRANSP.TRANSPARENT  # a reminder of the day, not busy all day
        else:
            event.start = start = datetime.combine(day, at)
            if minutes:
                event.end = start + timedelta(minutes=minutes)
        return event

    def meeting(self, uid: str, day: date, minutes: int | None, mode: MeetingMode | None, *,
                status: STATUS, sequence: int, stamp: datetime, lines: list[str]) -> Event:
        facts = [f"Mode: {mode.value}"] if mode else []
        facts += [f"Length: {minutes} minutes"] if minutes else []
        return self.event(uid, day, f"Mentoring meeting with {self.other}", status=status,
                          sequence=sequence, stamp=stamp, lines=facts + lines,
                          category="Meeting", minutes=minutes, timed=True)


def _meetings(items: _Items) -> Iterator[Component]:
    """Every meeting held, then the next one. A meeting's UID names the meeting before it
    ("the meeting after meeting 19"): the next meeting planned at a meeting is the same
    item as the meeting held after it, so logging it moves the item to the day it was held."""
    before: Meeting | None = None
    for meeting in items.meetings:
        if items.options.covers(meeting.held_on):
            yield items.meeting(_slot(items, before), meeting.held_on, meeting.duration_minutes,
                                meeting.mode, status=STATUS.CONFIRMED, sequence=_HELD,
                                stamp=_stamp(meeting.held_on), lines=[])
        before = meeting
    upcoming = next_meeting(items.meetings, items.agreement)
    if upcoming is not None and items.options.covers(upcoming.on):
        yield _next_meeting(items, upcoming)


def _slot(items: _Items, before: Meeting | None) -> str:
    return items.uid("meeting-after", before.id) if before else items.uid("first-meeting")


def _next_meeting(items: _Items, upcoming: NextMeeting) -> Event:
    agreement, lines = items.agreement, []
    if upcoming.suggested and agreement is not None:
        lines.append(f"Suggested, not yet agreed: {frequency_text(agreement.frequency_days)} "
                     f"after the meeting of {upcoming.after.held_on.isoformat()}; "
                     f"{items.name(agreement.scheduler)} schedules the meetings.")
    agenda = items.journal.reviews.agenda()
    review = items.journal.reviews.last() if agenda else None
    if review is not None:
        lines.append(f"Agenda (from the review of {review.held_at.date().isoformat()}):")
        lines += [f"- {one_line(item.summary)}" for item in agenda]
    stamp = _stamp(upcoming.after.held_on, agreement.created_at if agreement else None,
                   review.held_at if review else None)
    return items.meeting(
        _slot(items, upcoming.after), upcoming.on, upcoming.length_minutes, upcoming.mode,
        status=STATUS.TENTATIVE if upcoming.suggested else STATUS.CONFIRMED,
        sequence=_SUGGESTED if upcoming.suggested else _PLANNED, stamp=stamp, lines=lines)


def _homework(items: _Items) -> Iterator[Component]:
    """Every homework item (only one partner's with `for_role`), as a to-do due on its day."""
    for position, meeting in enumerate(items.meetings):
        following = items.meetings[position + 1] if position + 1 < len(items.meetings) else None
        for number, item in enumerate(meeting.homework, start=1):
            if items.options.for_role is not None and item.who is not items.options.for_role:
                continue
            if items.options.covers(item.due or meeting.held_on):
                yield _todo(items, meeting, number, item, following)


def _todo(items: _Items, meeting: Meeting, number: int, item: Homework,
          following: Meeting | None) -> Todo:
    done = item.status is HomeworkStatus.DONE
    carried = item.status is HomeworkStatus.CARRIED
    changed = item.done_on if done else (following.held_on if carried and following else None)
    lines = [f"For {items.name(item.who)} ({item.who.label}), from the meeting of "
             f"{meeting.held_on.isoformat()}."]
    if item.carried_over:
        lines.append(f"Carried over {item.carried_over} time"
                     f"{'s' if item.carried_over > 1 else ''}.")
    if carried:
        lines.append("Carried over to the next meeting: see the item there.")
    todo = Todo.new(uid=items.uid("homework", meeting.id, number),
                    stamp=_stamp(meeting.held_on, changed),
                    summary=f"Homework for {items.name(item.who)}: {one_line(item.text)}",
                    status=_HOMEWORK_STATUS[item.status],
                    sequence=0 if item.status is HomeworkStatus.OPEN else 1,
                    categories=["Mentoring", "Homework"], classification=CLASS.PRIVATE,
                    description="\n".join(lines))
    if item.due is not None:
        todo.DUE = item.due
    if done and item.done_on is not None:
        todo.add("completed", _utc(item.done_on))
        todo.add("percent-complete", 100)
    return todo


def _goals(items: _Items) -> Iterator[Component]:
    """Each goal's target date; a dropped goal's is cancelled."""
    for goal in items.journal.goals.all():
        if goal.target_date is None or not items.options.covers(goal.target_date):
            continue
        outcome = {GoalStatus.ACHIEVED: " (achieved)", GoalStatus.DROPPED: " (dropped)"}
        lines = ([f"Success measure: {one_line(goal.success_measure)}"]
                 if goal.success_measure.strip() else [])
        lines.append(f"Status: {goal.status.value}")
        achieved = goal.status is GoalStatus.ACHIEVED
        yield items.event(
            items.uid("goal", goal.id), goal.target_date,
            f"Goal target date: {one_line(goal.title)}{outcome.get(goal.status, '')}",
            status=STATUS.CANCELLED if goal.status is GoalStatus.DROPPED else STATUS.CONFIRMED,
            # Every recorded change counts; achieving is not recorded as one, so it counts
            # in between (reopening an achieved goal still raises the number).
            sequence=2 * len(goal.adjustments) + achieved,
            stamp=_stamp(goal.created_on, goal.achieved_on, *(a.on for a in goal.adjustments)),
            lines=lines, category="Goal")


def _agreement(items: _Items) -> Iterator[Component]:
    """The agreement's review date (one item, whichever version set it)."""
    agreement = items.agreement
    if agreement is None or agreement.review_on is None:
        return
    if items.options.covers(agreement.review_on):
        yield items.event(
            items.uid("agreement-review"), agreement.review_on,
            f"Agreement review with {items.other}", status=STATUS.CONFIRMED,
            sequence=agreement.number - 1, stamp=_stamp(agreement.created_at),
            lines=[f"Look at the mentoring agreement (version {agreement.number}) together: "
                   "is it still what you both want?"], category="Agreement")


def _evaluations(items: _Items) -> Iterator[Component]:
    """The midpoint and closing evaluations, on the days core/schedule.py gives them."""
    for kind, day in evaluation_dates(items.pair).items():
        if not items.options.covers(day):
            continue
        shared = items.journal.evaluations.is_shared(kind)
        submitted = []
        if shared:  # when the second one came in is when this item last changed
            submitted = [e.submitted_at for role in Role
                         if (e := items.journal.evaluations.of(role, kind)) is not None]
        lines = [f"Each of you fills in the {kind.value} evaluation; then you share them "
                 "in a meeting."]
        if shared:
            lines.append("Both evaluations are in.")
        yield items.event(
            items.uid("evaluation", kind.value), day,
            f"{kind.value.capitalize()} evaluation with {items.other}", status=STATUS.CONFIRMED,
            sequence=int(shared), stamp=_stamp(items.pair.started_on, *submitted), lines=lines,
            category="Evaluation")


_BUILDERS: dict[str, Callable[[_Items], Iterator[Component]]] = {
    "meetings": _meetings, "homework": _homework, "goals": _goals,
    "agreement": _agreement, "evaluation": _evaluations,
}
