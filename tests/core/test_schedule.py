"""The pair's schedule: the next meeting's rule, the evaluations' days, typed times."""

from __future__ import annotations

from datetime import date, time

import pytest

from mentorjournal.core.dates import parse_time
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import AgreementVersion, EvaluationKind, Meeting, MeetingMode, Pair
from mentorjournal.core.schedule import evaluation_dates, next_meeting

EARLY = Meeting(held_on=date(2026, 10, 1), id=1, duration_minutes=30,
                next_meeting_on=date(2026, 10, 9))
LATE = Meeting(held_on=date(2026, 10, 15), id=2, duration_minutes=40, mode=MeetingMode.PHONE)
AGREED = AgreementVersion(frequency_days=14, usual_length_minutes=45, mode=MeetingMode.VIDEO)


def test_the_latest_meetings_date_wins_and_the_agreement_gives_length_and_mode() -> None:
    planned = next_meeting([EARLY], AGREED)
    assert planned is not None and not planned.suggested
    assert (planned.on, planned.after, planned.length_minutes, planned.mode) == (
        date(2026, 10, 9), EARLY, 45, MeetingMode.VIDEO)


def test_without_a_date_the_agreed_frequency_suggests_one_after_the_latest() -> None:
    suggested = next_meeting([LATE, EARLY], AGREED)  # order given does not matter
    assert suggested is not None and suggested.suggested and suggested.after is LATE
    assert suggested.on == date(2026, 10, 29)


def test_without_an_agreement_the_latest_meeting_gives_length_and_mode() -> None:
    assert next_meeting([LATE], None) is None  # no date, no frequency: nothing to suggest
    planned = next_meeting([EARLY], AgreementVersion())
    assert planned is not None and planned.length_minutes == 30 and planned.mode is None
    assert next_meeting([], AGREED) is None


@pytest.mark.parametrize(("started", "end", "expected"), [
    (date(2026, 1, 1), date(2027, 1, 1), {EvaluationKind.MIDPOINT: date(2026, 7, 2),
                                          EvaluationKind.CLOSING: date(2027, 1, 1)}),
    (date(2026, 1, 1), date(2026, 1, 2), {EvaluationKind.MIDPOINT: date(2026, 1, 1),
                                          EvaluationKind.CLOSING: date(2026, 1, 2)}),
    (None, date(2027, 1, 1), {EvaluationKind.CLOSING: date(2027, 1, 1)}),
    (date(2026, 1, 1), None, {}),
])
def test_evaluations_fall_halfway_and_at_the_planned_end(
        started: date | None, end: date | None, expected: dict[EvaluationKind, date]) -> None:
    pair = Pair(mentor="M", protege="P", started_on=started, planned_end=end)
    assert evaluation_dates(pair) == expected
    assert list(evaluation_dates(pair)) == [k for k in EvaluationKind if k in expected]


@pytest.mark.parametrize(("typed", "expected"), [
    ("17:30", time(17, 30)), ("9:05", time(9, 5)), (" 07.45 ", time(7, 45)),
    ("18h00", time(18, 0)), ("0:00", time(0, 0)), ("23:59", time(23, 59)),
])
def test_a_time_of_day_is_read(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "12:60", "noon", "1730", "", "5 pm", "\x1b[2J"])
def test_anything_else_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_time(typed, field="at")
    assert error.value.field == "at" and "is not a time of day" in str(error.value)
    assert "\x1b" not in str(error.value)
