"""The calendar file: read back by two independent parsers, stable, private text kept out."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import ics
import orjson
import pytest
from icalendar import Calendar, Component

from mentorjournal.core.journal import Journal
from mentorjournal.core.meetings import Settle
from mentorjournal.core.model import (
    AgreementVersion,
    Evaluation,
    EvaluationKind,
    Homework,
    HomeworkStatus,
    JournalEntry,
    Meeting,
    MeetingMode,
    Pair,
    Review,
    ReviewItem,
    ReviewMark,
    Role,
)
from mentorjournal.core.schedule import evaluation_dates
from mentorjournal.export.calendar import CalendarOptions, export_calendar
from tests.conftest import HOSTILE, TODAY, fixed_today, open_journal, put


def parsed(payload: bytes) -> Calendar:
    return Calendar.from_ical(payload)


def by_uid(payload: bytes) -> dict[str, Component]:
    return {str(c["UID"]): c for c in parsed(payload).walk() if c.name in ("VEVENT", "VTODO")}


def day_of(component: Component, name: str) -> date:
    value = component.decoded(name)
    return value.date() if isinstance(value, datetime) else value


def text_values(payload: bytes) -> str:
    """Every property value of the file, unescaped and unfolded: what a calendar app shows."""
    values = [str(value) for component in parsed(payload).walk()
              for value in component.values()]
    return "\n".join(values)


# -- the demo journal, read back --------------------------------------------------


def test_both_parsers_read_the_same_items(journal: Journal) -> None:
    payload = export_calendar(journal)
    assert payload.startswith(b"BEGIN:VCALENDAR\r\n") and payload.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in payload.split(b"\r\n"))  # RFC 5545 folding
    ours = by_uid(payload)
    other = ics.Calendar(payload.decode("utf-8"))
    theirs = {e.uid: e for e in other.events} | {t.uid: t for t in other.todos}
    assert set(theirs) == set(ours) and len(ours) == len(other.events) + len(other.todos)
    for uid, component in ours.items():
        assert theirs[uid].name == str(component["SUMMARY"])
    assert len(ours) == len(set(ours))  # every UID once


def test_it_holds_the_next_meeting_with_the_agreed_length_and_mode(journal: Journal) -> None:
    latest = journal.meetings.all()[0]
    assert latest.next_meeting_on is not None
    agreement = journal.agreement.latest()
    assert agreement is not None and agreement.usual_length_minutes == 45
    events = [c for c in by_uid(export_calendar(journal)).values()
              if c.name == "VEVENT" and day_of(c, "DTSTART") == latest.next_meeting_on]
    assert len(events) == 1
    (event,) = events
    assert str(event["SUMMARY"]) == "Mentoring meeting with Sam Okafor"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Mode: mixed" in str(event["DESCRIPTION"])
    assert "Length: 45 minutes" in str(event["DESCRIPTION"])
    other = ics.Calendar(export_calendar(journal).decode())
    (seen,) = [e for e in other.events if e.uid == str(event["UID"])]
    assert seen.begin.date() == latest.next_meeting_on and seen.all_day


def test_it_holds_every_open_homework_item_with_its_due_date(journal: Journal) -> None:
    payload = export_calendar(journal)
    todos = [c for c in by_uid(payload).values() if c.name == "VTODO"]
    other = {t.uid: t for t in ics.Calendar(payload.decode()).todos}
    open_items = [(m, h) for m in journal.meetings.all() for h in m.homework
                  if h.status is HomeworkStatus.OPEN]
    assert len(open_items) >= 3
    for meeting, item in open_items:
        name = "Ana Lima" if item.who is Role.PROTEGE else "Sam Okafor"
        matching = [c for c in todos
                    if str(c["SUMMARY"]) == f"Homework for {name}: {item.text}"
                    and day_of(c, "DUE") == item.due and str(c["STATUS"]) == "NEEDS-ACTION"]
        assert matching, (meeting.id, item)
        assert any(other[str(c["UID"])].due.date() == item.due for c in matching)


def test_it_holds_the_review_date_goal_targets_and_evaluations(journal: Journal) -> None:
    components = list(by_uid(export_calendar(journal)).values())
    agreement = journal.agreement.latest()
    assert agreement is not None and agreement.review_on is not None
    days = {(str(c["SUMMARY"]), day_of(c, "DTSTART")) for c in components if c.name == "VEVENT"}
    assert ("Agreement review with Sam Okafor", agreement.review_on) in days
    for goal in journal.goals.all():
        assert goal.target_date is not None
        assert any(s.startswith(f"Goal target date: {goal.title}") and d == goal.target_date
                   for s, d in days)
    dates = evaluation_dates(journal.pair.get())
    assert ("Midpoint evaluation with Sam Okafor", dates[EvaluationKind.MIDPOINT]) in days
    assert ("Closing evaluation with Sam Okafor", dates[EvaluationKind.CLOSING]) in days


def test_every_item_says_when_its_record_last_changed_not_when_it_was_written(
        journal: Journal) -> None:
    components = by_uid(export_calendar(journal)).values()
    stamps = {c.decoded("DTSTAMP") for c in components}
    assert max(stamps).date() <= TODAY  # no clock, no future: dates from the records
    for component in components:
        assert component.decoded("DTSTAMP").tzinfo is not None  # UTC, as RFC 5545 asks


def test_a_shared_evaluation_says_so(journal: Journal) -> None:
    def closing(payload: bytes) -> Component:
        return next(c for uid, c in by_uid(payload).items()
                    if uid.startswith("evaluation-closing."))

    before = closing(export_calendar(journal))
    assert "Both evaluations are in." not in str(before["DESCRIPTION"])
    for role, hour in ((Role.MENTOR, 9), (Role.PROTEGE, 11)):
        put(journal, Evaluation(role=role, kind=EvaluationKind.CLOSING,
                                submitted_at=datetime(2026, 11, 20, hour)))
    after = closing(export_calendar(journal))
    assert "Both evaluations are in." in str(after["DESCRIPTION"])
    assert after["UID"] == before["UID"] and after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTAMP") == datetime(2026, 11, 20, 11, tzinfo=UTC)


# -- stable: the same bytes, and one change changes one item ------------------------


def test_two_runs_give_identical_bytes_also_after_reopening(journal: Journal,
                                                            journal_path: Path) -> None:
    first = export_calendar(journal)
    assert export_calendar(journal) == first
    again = Journal.open(journal_path, readonly=True, today=fixed_today)  # as the shell does
    try:
        assert export_calendar(again) == first
    finally:
        again.close()


def blocks(payload: bytes) -> list[bytes]:
    """The file cut before each item: the calendar's own lines, then one block per item."""
    return re.split(rb"(?=BEGIN:V(?:EVENT|TODO)\r\n)", payload)


def test_marking_one_homework_item_done_changes_only_that_item(journal: Journal) -> None:
    before = export_calendar(journal)
    meeting = next(m for m in journal.meetings.all()
                   if any(h.status is HomeworkStatus.OPEN for h in m.homework))
    index = next(i for i, h in enumerate(meeting.homework) if h.status is HomeworkStatus.OPEN)
    journal.meetings.set_homework_status(meeting.id, index, HomeworkStatus.DONE)
    after = export_calendar(journal)
    old, new = blocks(before), blocks(after)
    assert len(old) == len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert len(changed) == 1
    uid = f"homework-{meeting.id}-{index + 1}."
    assert uid.encode() in new[changed[0]] and new[changed[0]].startswith(b"BEGIN:VTODO")
    (was,) = [c for u, c in by_uid(before).items() if u.startswith(uid)]
    (item,) = [c for u, c in by_uid(after).items() if u.startswith(uid)]
    assert item["UID"] == was["UID"]
    assert str(was["STATUS"]) == "NEEDS-ACTION" and str(item["STATUS"]) == "COMPLETED"
    assert item.decoded("COMPLETED").date() == TODAY
    assert item["SEQUENCE"] > was["SEQUENCE"] and item.decoded("DTSTAMP") > was.decoded("DTSTAMP")


def test_carried_and_dropped_homework_is_cancelled(small: Journal) -> None:
    first = small.meetings.all()[0]
    first = put(small, dataclasses.replace(first, homework=(
        Homework(text="Read the primer", due=date(2026, 11, 20)),
        Homework(text="Book a chat", who=Role.MENTOR))))
    second = small.meetings.log(Meeting(held_on=TODAY), {(first.id, 0): Settle.CARRY})
    small.meetings.set_homework_status(first.id, 1, HomeworkStatus.DROPPED)
    items = by_uid(export_calendar(small))
    old_copy, dropped, new_copy = (items[next(u for u in items if u.startswith(ref))]
                                   for ref in (f"homework-{first.id}-1.",
                                               f"homework-{first.id}-2.",
                                               f"homework-{second.id}-1."))
    assert str(old_copy["STATUS"]) == "CANCELLED" == str(dropped["STATUS"])
    assert old_copy.decoded("DTSTAMP").date() == TODAY  # carried when the next was logged
    assert "Carried over to the next meeting" in str(old_copy["DESCRIPTION"])
    assert str(new_copy["STATUS"]) == "NEEDS-ACTION"
    assert "Carried over 1 time." in str(new_copy["DESCRIPTION"])
    assert day_of(new_copy, "DUE") == date(2026, 11, 20)
    assert "DUE" not in dropped  # no due date: none invented


# -- the next meeting: planned, suggested, then held --------------------------------


@pytest.fixture
def small(empty_journal: Journal) -> Journal:
    """A pair with a fortnightly agreement and one meeting with no next date set."""
    put(empty_journal, AgreementVersion(frequency_days=14, usual_length_minutes=50,
                                        mode=MeetingMode.VIDEO, created_at=datetime(2026, 11, 1),
                                        review_on=date(2027, 2, 1)))
    put(empty_journal, Meeting(held_on=date(2026, 11, 10), duration_minutes=40,
                               mode=MeetingMode.PHONE, notes="NOTE-SECRET"))
    return empty_journal


def next_meetings(payload: bytes) -> list[Component]:
    return [c for uid, c in by_uid(payload).items()
            if uid.startswith(("meeting-after-", "first-meeting")) and c["SEQUENCE"] < 2]


def test_no_next_date_gives_a_tentative_meeting_from_the_agreed_frequency(small: Journal
                                                                           ) -> None:
    (suggested,) = next_meetings(export_calendar(small))
    assert str(suggested["STATUS"]) == "TENTATIVE"
    assert day_of(suggested, "DTSTART") == date(2026, 11, 24)
    description = str(suggested["DESCRIPTION"])
    assert "Mode: video" in description and "Length: 50 minutes" in description
    assert "Suggested, not yet agreed: fortnightly (every 14 days) after the meeting of " \
           "2026-11-10; Ana Lima schedules the meetings." in description
    # the pair sets a date: the same item, now confirmed
    meeting = small.meetings.all()[0]
    put(small, dataclasses.replace(meeting, next_meeting_on=date(2026, 11, 26)))
    (planned,) = next_meetings(export_calendar(small))
    assert planned["UID"] == suggested["UID"] and str(planned["STATUS"]) == "CONFIRMED"
    assert day_of(planned, "DTSTART") == date(2026, 11, 26)
    assert planned["SEQUENCE"] > suggested["SEQUENCE"]
    # the meeting is held two days late: still the same item, on the day it was held
    put(small, Meeting(held_on=date(2026, 11, 28)))
    held = by_uid(export_calendar(small))[str(planned["UID"])]
    assert day_of(held, "DTSTART") == date(2026, 11, 28) and held["SEQUENCE"] == 2


def test_no_meeting_or_no_frequency_gives_no_next_meeting(empty_journal: Journal) -> None:
    assert next_meetings(export_calendar(empty_journal)) == []
    put(empty_journal, Meeting(held_on=date(2026, 11, 10)))
    assert next_meetings(export_calendar(empty_journal)) == []


def test_the_agenda_goes_with_the_next_meeting_but_never_the_notes(small: Journal) -> None:
    put(small, Review(held_at=datetime(2026, 11, 12, 18, 0), items=(
        ReviewItem(kind="win", summary="Ran the dry run", mark=ReviewMark.TO_DISCUSS,
                   comment="COMMENT-SECRET"),
        ReviewItem(kind="meeting", summary="Agreed item", mark=ReviewMark.AGREED))))
    (upcoming,) = next_meetings(export_calendar(small))
    description = str(upcoming["DESCRIPTION"])
    assert "Agenda (from the review of 2026-11-12):\n- Ran the dry run" in description
    assert "Agreed item" not in description
    text = text_values(export_calendar(small))
    assert "NOTE-SECRET" not in text and "COMMENT-SECRET" not in text


def test_a_time_makes_timed_meetings_of_the_agreed_length(small: Journal) -> None:
    options = CalendarOptions(at=time(17, 30))
    (upcoming,) = next_meetings(export_calendar(small, options))
    assert upcoming.decoded("DTSTART") == datetime(2026, 11, 24, 17, 30)
    assert upcoming.decoded("DTEND") - upcoming.decoded("DTSTART") == timedelta(minutes=50)
    held = by_uid(export_calendar(small, options))
    first = next(c for uid, c in held.items() if uid.startswith("first-meeting"))
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=40)


# -- options ------------------------------------------------------------------------


def test_for_one_partner_only_their_homework(journal: Journal) -> None:
    payload = export_calendar(journal, CalendarOptions(for_role=Role.MENTOR))
    summaries = [str(c["SUMMARY"]) for c in by_uid(payload).values() if c.name == "VTODO"]
    assert summaries and all(s.startswith("Homework for Sam Okafor: ") for s in summaries)
    meetings = [str(c["SUMMARY"]) for c in by_uid(payload).values()
                if str(c["SUMMARY"]).startswith("Mentoring meeting")]
    assert set(meetings) == {"Mentoring meeting with Ana Lima"}


def test_sections_and_since_choose_what_goes_in(journal: Journal) -> None:
    since = TODAY - timedelta(days=30)
    payload = export_calendar(journal, CalendarOptions(sections=("homework", "agreement"),
                                                       since=since))
    components = list(by_uid(payload).values())
    assert {c.name for c in components} == {"VTODO", "VEVENT"}
    events = [c for c in components if c.name == "VEVENT"]
    assert [str(c["SUMMARY"]) for c in events] == ["Agreement review with Sam Okafor"]
    for todo in (c for c in components if c.name == "VTODO"):
        assert day_of(todo, "DUE") >= since
    whole = by_uid(export_calendar(journal))
    assert all(whole[uid].to_ical() == c.to_ical() for uid, c in by_uid(payload).items())


# -- identity -----------------------------------------------------------------------


def test_two_journals_never_share_a_uid(journal: Journal, tmp_path: Path) -> None:
    other = open_journal(tmp_path / "other.json")
    try:
        from mentorjournal.core.demo import build_demo

        build_demo(other)
        assert set(by_uid(export_calendar(other))).isdisjoint(by_uid(export_calendar(journal)))
    finally:
        other.close()


def test_an_old_journal_keeps_the_uids_it_was_first_shown_with(tmp_path: Path) -> None:
    """A journal from before meta.journal_id: read-only it is named after its pair; the
    first writable open adopts that name and the next save keeps it, renames and all."""
    path = tmp_path / "old.json"
    journal = open_journal(path)
    journal.pair.save(Pair(mentor="Sam", protege="Ana", started_on=TODAY))
    journal.close()
    data = orjson.loads(path.read_bytes())
    del data["meta"]["1"]["journal_id"]
    path.write_bytes(orjson.dumps(data))
    reader = Journal.open(path, readonly=True, today=fixed_today)
    shown = export_calendar(reader)
    reader.close()
    writer = open_journal(path)
    writer.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", started_on=TODAY))
    writer.close()
    assert orjson.loads(path.read_bytes())["meta"]["1"]["journal_id"]
    reader = Journal.open(path, readonly=True, today=fixed_today)
    try:
        assert by_uid(export_calendar(reader)).keys() == by_uid(shown).keys()
    finally:
        reader.close()


# -- never private text -------------------------------------------------------------


def test_no_journal_entry_and_no_meeting_notes_reach_the_file(journal: Journal) -> None:
    journal.entries.save(JournalEntry(written_on=TODAY, title="PRIVATE-TITLE", private=True,
                                      body="PRIVATE-BODY about my doubts"))
    payload = export_calendar(journal)
    text = text_values(payload) + payload.decode("utf-8").replace("\r\n ", "")
    entries = journal.entries.all()
    assert any(e.private for e in entries)
    for entry in entries:
        assert entry.title not in text
        for line in entry.body.splitlines():
            if len(line.strip(" #-")) > 3:
                assert line.strip(" #-") not in text, line
    for meeting in journal.meetings.all():
        for line in meeting.notes.splitlines():
            if len(line) > 12:
                assert line not in text, line


def test_hostile_text_is_shown_not_obeyed(small: Journal) -> None:
    meeting = small.meetings.all()[0]
    put(small, dataclasses.replace(meeting, homework=(
        Homework(text=HOSTILE + "\u202e; DTSTART:19990101\nEND:VTODO", who=Role.MENTOR,
                 due=date(2026, 12, 1)),)))
    payload = export_calendar(small)
    assert b"\x1b" not in payload and "\u202e".encode() not in payload
    assert not [b for b in payload.replace(b"\r\n", b"") if b < 0x20 and b != 0x09]
    (todo,) = [c for c in by_uid(payload).values() if c.name == "VTODO"]
    assert str(todo["SUMMARY"]).startswith("Homework for Sam Okafor: [bold]Ana[/]")
    assert "\\x1b[2J" in str(todo["SUMMARY"]) and "\\u202e" in str(todo["SUMMARY"])
    other = ics.Calendar(payload.decode())
    assert [t.due.date() for t in other.todos] == [date(2026, 12, 1)]
