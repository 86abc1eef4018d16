"""The pair's schedule: when the next meeting is, and when the evaluations fall.

Pure functions of the records (no clock): the calendar export reads the schedule here,
so the rule for "the next meeting" lives once. docs/calendar.md explains each rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from mentorjournal.core.model import AgreementVersion, EvaluationKind, Meeting, MeetingMode, Pair


@dataclass(frozen=True)
class NextMeeting:
    """The meeting after the latest one logged: the day the pair set, or a suggested one."""

    on: date
    after: Meeting
    """The latest meeting: the next one was planned at it (or is suggested from it)."""
    suggested: bool
    """True when no date was set: the agreed frequency after the latest meeting."""
    length_minutes: int | None
    mode: MeetingMode | None


def latest_meeting(meetings: Iterable[Meeting]) -> Meeting | None:
    return max(meetings, key=lambda m: (m.held_on, m.id), default=None)


def next_meeting(meetings: Iterable[Meeting],
                 agreement: AgreementVersion | None) -> NextMeeting | None:
    """The latest meeting's "next meeting" date; else, if the agreement has a frequency,
    that many days after the latest meeting (suggested); else None (also with no meetings).

    Its length and mode are the agreement's usual ones, else the latest meeting's.
    """
    latest = latest_meeting(meetings)
    if latest is None:
        return None
    length = (agreement.usual_length_minutes if agreement else None) or latest.duration_minutes
    mode = (agreement.mode if agreement else None) or latest.mode
    if latest.next_meeting_on is not None:
        return NextMeeting(latest.next_meeting_on, latest, False, length, mode)
    if agreement is not None and agreement.frequency_days:
        return NextMeeting(latest.held_on + timedelta(days=agreement.frequency_days), latest,
                           True, length, mode)
    return None


def evaluation_dates(pair: Pair | None) -> dict[EvaluationKind, date]:
    """When each evaluation falls: the closing one on the planned end, the midpoint one
    halfway from the start to the planned end (rounded down to a day). A pair without a
    planned end has neither; without a start, only the closing one."""
    if pair is None or pair.planned_end is None:
        return {}
    dates = {EvaluationKind.CLOSING: pair.planned_end}
    if pair.started_on is not None and pair.started_on <= pair.planned_end:
        half = (pair.planned_end - pair.started_on).days // 2
        dates = {EvaluationKind.MIDPOINT: pair.started_on + timedelta(days=half), **dates}
    return dates
