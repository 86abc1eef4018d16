"""Evaluation rules in the core: drafts, sealing, talking points, evidence, closing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from mentorjournal.core import evaluation as rules
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    Evaluation,
    EvaluationKind,
    GoalRating,
    Homework,
    Meeting,
    Pair,
    Role,
    Win,
)
from tests.conftest import put

CLOSING = EvaluationKind.CLOSING
MIDPOINT = EvaluationKind.MIDPOINT


def draft(role: Role, **answers: object) -> Evaluation:
    return Evaluation(role=role, kind=CLOSING, **answers)  # type: ignore[arg-type]


def test_sealed_until_both_have_submitted(journal: Journal) -> None:
    assert journal.evaluations.status(Role.MENTOR, CLOSING) == "not started"
    journal.evaluations.save_draft(draft(Role.MENTOR, what_worked="walks"))
    assert journal.evaluations.status(Role.MENTOR, CLOSING) == "draft"
    assert not journal.evaluations.is_sealed(Role.MENTOR, CLOSING)

    journal.evaluations.submit(draft(Role.MENTOR, what_worked="walks"))
    assert journal.evaluations.is_sealed(Role.MENTOR, CLOSING)
    assert journal.evaluations.status(Role.MENTOR, CLOSING).startswith("submitted — sealed")
    assert not journal.evaluations.is_shared(CLOSING)

    journal.evaluations.submit(draft(Role.PROTEGE, what_worked="homework"))
    assert journal.evaluations.is_shared(CLOSING)
    assert not journal.evaluations.is_sealed(Role.MENTOR, CLOSING)
    assert journal.evaluations.status(Role.PROTEGE, CLOSING) == "shared"
    # the midpoint evaluation is separate: the demo's, shared, is as it was
    assert journal.evaluations.status(Role.MENTOR, EvaluationKind.MIDPOINT) == "shared"


def test_one_evaluation_per_partner_and_kind(journal: Journal) -> None:
    journal.evaluations.save_draft(draft(Role.MENTOR, what_worked="a"))
    journal.evaluations.save_draft(draft(Role.MENTOR, what_worked="b"))
    mentor = [e for e in journal._records.all(Evaluation)
              if e.role is Role.MENTOR and e.kind is CLOSING]
    assert [e.what_worked for e in mentor] == ["b"]


def test_submitted_cannot_be_edited_until_reopened_and_reopening_is_recorded(
    journal: Journal,
) -> None:
    journal.evaluations.submit(draft(Role.MENTOR))
    with pytest.raises(ValidationError, match="reopen"):
        journal.evaluations.save_draft(draft(Role.MENTOR, what_worked="sneaky"))
    reopened = journal.evaluations.reopen(Role.MENTOR, CLOSING)
    assert reopened.submitted_at is None and len(reopened.reopened_at) == 1
    journal.evaluations.save_draft(dataclasses.replace(reopened, what_worked="honest"))
    with pytest.raises(ValidationError):
        journal.evaluations.reopen(Role.MENTOR, CLOSING)  # a draft is not reopened


def test_ratings_must_be_one_to_five(journal: Journal) -> None:
    with pytest.raises(ValidationError, match="1 .* 5"):
        journal.evaluations.save_draft(draft(Role.MENTOR, match_rating=7))
    with pytest.raises(ValidationError):
        journal.evaluations.save_draft(draft(Role.MENTOR,
                                        goal_ratings=(GoalRating(goal_id=1, rating=0),)))
    assert [e.kind for e in journal._records.all(Evaluation)] == [MIDPOINT] * 2  # the demo's


def test_talking_points_are_ratings_two_or_more_apart() -> None:
    mentor = draft(Role.MENTOR, match_rating=5,
                   goal_ratings=(GoalRating(goal_id=1, rating=4), GoalRating(goal_id=2, rating=2)))
    protege = draft(Role.PROTEGE, match_rating=4,
                    goal_ratings=(GoalRating(goal_id=1, rating=2), GoalRating(goal_id=2, rating=3)))
    assert rules.talking_points(mentor, protege) == {"goal:1"}
    assert rules.talking_points(mentor, draft(Role.PROTEGE)) == set()  # unrated is no point


def test_portfolio_of_a_demo_goal_lists_its_record(journal: Journal) -> None:
    goal = journal.goals.all()[0]
    (item,) = journal.evaluations.portfolios([goal])
    assert len(item.objectives) == 4
    assert item.meetings and all(goal.id in m.goal_ids for m in item.meetings)
    assert [m.held_on for m in item.meetings] == sorted(m.held_on for m in item.meetings)
    assert {w.text for w in item.wins} == {"Drafted the workshop agenda in one sitting",
                                           "Ran the dry run; the team laughed at the right moments"}
    assert item.adjustments[0].why == "The workshop moved to September."
    assert len(item.homework) == sum(len(m.homework) for m in item.meetings)


def test_closing_needs_the_shared_closing_evaluation(journal: Journal) -> None:
    today = journal.today()
    with pytest.raises(ValidationError, match="closing evaluation"):
        journal.evaluations.close_mentorship(today, "thanks")
    journal.evaluations.submit(draft(Role.MENTOR))
    journal.evaluations.submit(draft(Role.PROTEGE))
    pair = journal.evaluations.close_mentorship(today, "Thank you, Sam.")
    assert pair.closed_on == today and journal.pair.get() == pair


TEN_MONTHS = Pair(mentor="Sam", protege="Ana", started_on=date(2026, 1, 1),
                  planned_end=date(2026, 11, 1))
"""A ten-month plan: 304 days, three quarters in on day 228 (2026-08-17)."""


@pytest.mark.parametrize(("pair", "today", "due"), [
    (TEN_MONTHS, date(2026, 4, 1), MIDPOINT),  # three months in: was the closing one
    (TEN_MONTHS, date(2025, 12, 1), MIDPOINT),  # before the start
    (TEN_MONTHS, date(2026, 6, 1), MIDPOINT),  # past halfway, short of three quarters
    (TEN_MONTHS, date(2026, 8, 16), MIDPOINT),
    (TEN_MONTHS, date(2026, 8, 17), CLOSING),  # three quarters in
    (TEN_MONTHS, date(2026, 11, 1), CLOSING),  # the planned end
    (TEN_MONTHS, date(2027, 3, 1), CLOSING),  # long after it
    (dataclasses.replace(TEN_MONTHS, closed_on=date(2026, 3, 1)), date(2026, 4, 1), CLOSING),
    (dataclasses.replace(TEN_MONTHS, planned_end=None), date(2030, 1, 1), MIDPOINT),
    (dataclasses.replace(TEN_MONTHS, started_on=None), date(2026, 10, 31), MIDPOINT),
    (dataclasses.replace(TEN_MONTHS, started_on=None), date(2026, 11, 1), CLOSING),
    (dataclasses.replace(TEN_MONTHS, started_on=date(2026, 11, 1)), date(2026, 10, 1),
     MIDPOINT),  # a plan that ends as it starts: nothing to go by before its end
    (None, date(2026, 4, 1), MIDPOINT),
])
def test_the_evaluation_due_goes_by_where_today_falls_in_the_plan(
        pair: Pair | None, today: date, due: EvaluationKind) -> None:
    assert rules.due_kind(pair, today) is due


def test_the_demo_pair_halfway_through_its_year_is_due_its_midpoint_evaluation(
        journal: Journal) -> None:
    assert journal.evaluations.due() is MIDPOINT  # the screen opened on the closing one


@pytest.mark.parametrize(("answers", "empty"), [
    ({}, True),
    ({"what_worked": "  \n ", "goal_ratings": (GoalRating(goal_id=1),)}, True),
    ({"what_next": "more walks"}, False),
    ({"match_rating": 4}, False),
    ({"goal_ratings": (GoalRating(goal_id=1, rating=2),)}, False),
    ({"goal_ratings": (GoalRating(goal_id=1, comment="halfway"),)}, False),
])
def test_an_evaluation_with_nothing_filled_in_is_empty(answers: dict[str, object],
                                                       empty: bool) -> None:
    assert rules.is_empty(draft(Role.MENTOR, **answers)) is empty


def test_the_evidence_reads_as_plain_text_one_line_an_item(journal: Journal) -> None:
    goal = journal.goals.all()[0]
    put(journal, Meeting(held_on=date(2026, 9, 15), goal_ids=(goal.id,),
                         notes="# Kick-off\n\nWe met **by the river**.",
                         homework=(Homework(text="Read\nchapter 2"),)))
    put(journal, Meeting(held_on=date(2026, 9, 16), goal_ids=(goal.id,),
                         notes="## **Dry run** _notes_\n- one"))
    put(journal, Win(won_on=date(2026, 9, 17), goal_id=goal.id,
                     text="Ran the dry run\nand the team laughed"))
    text = rules.evidence_text(journal.evaluations.portfolios([goal])[0])
    lines = text.splitlines()
    assert "  2026-09-15 Kick-off" in lines and "  2026-09-16 Dry run notes" in lines
    assert "  ☐ Read chapter 2" in lines
    assert "  2026-09-17 Ran the dry run and the team laughed" in lines
    assert "#" not in text and "**" not in text


def test_the_status_line_names_the_kind_and_each_partner(journal: Journal) -> None:
    journal.evaluations.save_draft(draft(Role.PROTEGE, what_worked="walks"))
    assert journal.evaluations.summary(CLOSING) == (
        "Closing evaluation · Ana Lima: draft · Sam Okafor: not started")
