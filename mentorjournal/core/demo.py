"""A realistic sample journal: a pair six months in, for a newcomer to look around."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from typing import Any

from mentorjournal.core.evaluation import TEXT_QUESTIONS
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    Adjustment,
    AgendaItem,
    AgreementVersion,
    CheckIn,
    Evaluation,
    EvaluationKind,
    Goal,
    GoalRating,
    GoalStatus,
    Homework,
    HomeworkStatus,
    JournalEntry,
    Meeting,
    MeetingMode,
    Objective,
    Pair,
    Review,
    ReviewMark,
    Role,
    Signature,
    VisionCard,
    VisionKind,
    Win,
    WinSize,
)

GOALS = [
    ("Lead the Q3 planning workshop", "I want to be seen as someone who can run a room.",
     "I facilitate the workshop and the team rates it 4/5 or better.",
     ["Observe two workshops run by others", "Draft an agenda with Sam", "Run a dry run",
      "Facilitate the workshop"]),
    ("Speak up in leadership meetings", "My ideas get lost when I wait to be asked.",
     "I contribute at least one point in every leadership meeting for a month.",
     ["Prepare one point before each meeting", "Ask Dana for feedback", "Track for a month"]),
    ("Build a network outside my team", "I only know the people I sit with.",
     "Five coffee chats with people in other departments.",
     ["List ten people to meet", "Book the first three chats", "Book two more chats"]),
    ("Learn the basics of budgeting", "A team lead owns a budget.",
     "I can read our department's budget and explain one variance.",
     ["Read the finance primer", "Sit in on a budget review"]),
]

ENTRIES = [
    ("What I want from this year", "hopeful", False,
     "To lead a team by next spring.\nTo run a meeting without rehearsing it twice.\n"
     "To stop waiting to be asked.\n\n"
     "Sam asked what *lead* means to me. I had no answer yet: that is the first homework."),
    ("After the first leadership meeting", "nervous", False,
     "I had a point ready and did not make it.\n"
     "Dana made the same point ten minutes later and everyone nodded.\n\n"
     "- next time: say it in the first ten minutes\n- write it down before I go in\n"),
    ("Doubts about the lead role", "unsure", True,
     "Do I want this, or do I want to be *seen* wanting it?\n"
     "Not for the journal we share. Not yet."),
    ("The walk by the river", "calm", False,
     "We walked instead of sitting down. Easier to say the hard things side by side.\n\n"
     "Sam's advice on side projects: **say no with a reason and an offer**.\n"
     "I tried it on Friday. It worked."),
    ("Where do I want to be in a year?", "energised", False,
     "## A year from now\n\n"
     "1. I lead the platform team\n2. I have run three workshops\n"
     "3. I can explain our budget to a new hire\n\n"
     "Halfway there on the workshops."),
]
"""Five entries as a protégé writes them: plans, a setback, a private doubt, a walk."""

NOTES = [
    "We talked about **what makes a workshop feel safe**. Sam shared the 'parking lot' trick.",
    "Check-in: both of us find this useful. I want more concrete feedback, less encouragement.",
    "Walked along the river. We talked about saying *no* to side projects.",
    "Reviewed my agenda draft. Too much content: pick three outcomes, not seven.",
    "Role-played the opening of the workshop. Slow down; pause after questions.",
]


def build_demo(journal: Journal) -> None:
    """Fill an empty journal with the sample pair; dates are relative to `journal.today()`.

    Six months of history are written as they stand, past dates and all, straight to the
    journal's records (the section services date what they save today).
    """
    records = journal._records
    today = journal.today()
    start = today - timedelta(days=182)

    def at(day_offset: int, hour: int = 17) -> datetime:
        return datetime.combine(start + timedelta(days=day_offset), time(hour, 0))

    with journal.batch():
        journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", owner=Role.PROTEGE,
                              started_on=start, planned_end=start + timedelta(days=365)))
        first = AgreementVersion(
            number=1, created_at=at(1),
            about_mentor="Engineering director, 15 years in; likes direct questions.",
            about_protege="Senior engineer moving towards team lead; learns by doing.",
            protege_expects="Honest feedback and help preparing for a lead role.",
            mentor_expects="Ana sets the agenda and comes with one question each time.",
            working_style="Direct and informal; homework between meetings.",
            frequency_days=14, usual_length_minutes=45, mode=MeetingMode.MIXED,
            mentor_hours_per_month=2, protege_hours_per_month=4,
            confidentiality="What we discuss stays between us unless we agree otherwise.",
            boundaries="No talk about Ana's performance review with her manager.",
            feedback="Ask first: 'do you want feedback on that?'",
            no_fault_ending="Either of us can end it with one conversation, no reasons owed.",
            review_on=start + timedelta(days=90),
            signatures=(Signature(role=Role.PROTEGE, name="Ana Lima", signed_at=at(2)),
                        Signature(role=Role.MENTOR, name="Sam Okafor", signed_at=at(3))),
        )
        records.add(first)
        records.add(dataclasses.replace(
            first, number=2, created_at=at(95), review_on=today + timedelta(days=30),
            working_style="Direct and informal; homework between meetings; "
                          "one walk-and-talk a month.",
            signatures=(Signature(role=Role.PROTEGE, name="Ana Lima", signed_at=at(95)),
                        Signature(role=Role.MENTOR, name="Sam Okafor", signed_at=at(96)))))

        goal_ids = []
        for index, (title, why, measure, objectives) in enumerate(GOALS):
            done = len(objectives) if index == 2 else max(0, len(objectives) - 2 + index % 2)
            goal = Goal(
                title=title, why=why, success_measure=measure, position=index,
                created_on=start + timedelta(days=7),
                target_date=start + timedelta(days=120 + 40 * index),
                status=GoalStatus.ACHIEVED if index == 2 else GoalStatus.ACTIVE,
                achieved_on=start + timedelta(days=150) if index == 2 else None,
                objectives=tuple(
                    Objective(text=t, done=i < done,
                              done_on=start + timedelta(days=20 + 15 * i) if i < done else None)
                    for i, t in enumerate(objectives)),
                adjustments=(Adjustment(on=start + timedelta(days=60), what="target date",
                                        before=(start + timedelta(days=100)).isoformat(),
                                        after=(start + timedelta(days=120)).isoformat(),
                                        why="The workshop moved to September."),)
                if index == 0 else (),
            )
            goal_ids.append(records.add(goal).id)

        for n in range(20):
            held = start + timedelta(days=9 * n + (n % 3))
            walk = n % 5 == 2
            tags = ["walk-and-talk"] if walk else []
            homework: tuple[Homework, ...] = ()
            if n % 2 == 0:
                tags.append("homework")
                homework = (
                    Homework(text=f"Write down one thing to try before meeting {n + 2}",
                             who=Role.PROTEGE, due=held + timedelta(days=7),
                             status=HomeworkStatus.DONE if n < 18 else HomeworkStatus.OPEN,
                             done_on=held + timedelta(days=6) if n < 18 else None),
                    Homework(text="Send an article on facilitation", who=Role.MENTOR,
                             due=held + timedelta(days=3),
                             status=HomeworkStatus.DONE if n < 16 else HomeworkStatus.OPEN,
                             carried_over=1 if n >= 16 else 0),
                )
            checkin = None
            if n % 4 == 3:
                tags.append("check-in")
                checkin = CheckIn(meaningful=3 + n % 3, expectations_met=4,
                                  change="More time on real situations.")
            records.add(Meeting(
                held_on=held, duration_minutes=45 if not walk else 60,
                mode=MeetingMode.WALK_AND_TALK if walk else
                (MeetingMode.VIDEO if n % 2 else MeetingMode.IN_PERSON),
                tags=tuple(tags), notes=NOTES[n % len(NOTES)] + f"\n\nMeeting {n + 1}.",
                goal_ids=(goal_ids[n % 4],), homework=homework, checkin=checkin,
                next_meeting_on=held + timedelta(days=14)))

        for n, (text, size, goal_index) in enumerate([
            ("Drafted the workshop agenda in one sitting", WinSize.SMALL, 0),
            ("Spoke first in the leadership meeting", WinSize.BIG, 1),
            ("Had five coffee chats across three departments", WinSize.BIG, 2),
            ("Said no to a side project, kindly", WinSize.SMALL, None),
            ("Explained a budget variance to my manager", WinSize.SMALL, 3),
            ("Ran the dry run; the team laughed at the right moments", WinSize.SMALL, 0),
        ]):
            records.add(Win(won_on=start + timedelta(days=25 * n + 10), text=text, size=size,
                            goal_id=goal_ids[goal_index] if goal_index is not None else None))

        for n, (title, mood, private, body) in enumerate(ENTRIES):
            records.add(JournalEntry(
                written_on=start + timedelta(days=30 * n + 5), title=title, mood=mood,
                private=private, tags=("reflection",) if n % 2 else ("meetings",), body=body))

        _review(journal, start)
        _midpoint(journal, (at(178), at(177, 9)), goal_ids)

        for n, (text, kind, url) in enumerate([
            ("Run a room with calm and curiosity", VisionKind.TEXT, ""),
            ("“The best way to learn is to teach.”", VisionKind.QUOTE, ""),
            ("Facilitation guide", VisionKind.LINK, "https://example.org/facilitation"),
        ]):
            records.add(VisionCard(text=text, kind=kind, url=url, position=n,
                                   goal_id=goal_ids[0] if n == 0 else None))


REVIEW_DAY = 140
"""The pair reviewed together a month before the last meeting: four meetings came since."""


def _review(journal: Journal, start: date) -> Review:
    """The review of day 140: most items agreed, three to discuss; the meeting after it
    discussed the first, the other two wait on the next meeting's agenda."""
    records = journal._records
    changes = journal.reviews.changes_since(start)
    marks = [
        ("objective done", "Book two more chats", ReviewMark.AGREED, "Five chats: done!"),
        ("adjusted goal", "The workshop moved to September.", ReviewMark.AGREED, ""),
        ("win", "Explained a budget variance", ReviewMark.AGREED, ""),
        ("objective done", "Ask Dana for feedback", ReviewMark.TO_DISCUSS,
         "What did Dana say? Decide the next step."),
        ("win", "Ran the dry run", ReviewMark.TO_DISCUSS,
         "Plan the opening of the real workshop."),
        ("objective done", "Read the finance primer", ReviewMark.TO_DISCUSS,
         "Who can take Ana to a budget review?"),
    ]
    items = [dataclasses.replace(
                 next(c for c in changes if c.kind == kind and words in c.summary),
                 mark=mark, comment=comment)
             for kind, words, mark, comment in marks]
    review = records.add(Review(
        held_at=datetime.combine(start + timedelta(days=REVIEW_DAY), time(12, 30)),
        items=tuple(items)))
    after = [m for m in journal.meetings.all() if m.held_on > review.held_at.date()]
    first = next((i for i, item in enumerate(items) if item.mark is ReviewMark.TO_DISCUSS),
                 None)
    if after and first is not None:
        records.update(dataclasses.replace(after[0], discussed=(AgendaItem(
            review_id=review.id, index=first, summary=items[first].summary,
            comment=items[first].comment),)))
    return review


MIDPOINT = [
    (Role.PROTEGE, [4, 2, 5, 3], (
        "The homework: one small thing to try each time.",
        "More practice on real meetings, fewer general talks.",
        "Yes, though I cancelled twice in the summer.",
        "Yes.",
        "Say the point in the first ten minutes.",
        "Run the Q3 workshop; a budget review before the winter.")),
    (Role.MENTOR, [4, 4, 5, 2], (
        "Ana sets the agenda and comes prepared.",
        "I should send the articles I promise on time.",
        "Mostly: two meetings slipped past the fortnight.",
        "Yes, gladly.",
        "Walking meetings suit hard topics.",
        "Find Ana a budget review to sit in on.")),
]
"""Each partner's midpoint evaluation: the goals' ratings, then an answer to each of
TEXT_QUESTIONS in order."""


def _midpoint(journal: Journal, submitted: tuple[datetime, datetime], goal_ids: list[int]
              ) -> None:
    """Both partners' midpoint evaluations, submitted at `submitted` (the protégé's time,
    then the mentor's): shared."""
    for (role, ratings, answers), submitted_at in zip(MIDPOINT, submitted, strict=True):
        evaluation = Evaluation(
            role=role, kind=EvaluationKind.MIDPOINT, match_rating=5, submitted_at=submitted_at,
            goal_ratings=tuple(GoalRating(goal_id=g, rating=r)
                               for g, r in zip(goal_ids, ratings, strict=True)))
        by_field: dict[str, Any] = dict(
            zip((field for field, _question in TEXT_QUESTIONS), answers, strict=True))
        journal._records.add(dataclasses.replace(evaluation, **by_field))
