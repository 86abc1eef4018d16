"""Evaluation rules in the core: drafts, sealing, talking points, evidence, closing."""

from __future__ import annotations

import dataclasses

import pytest

from mentorjournal.core import evaluation as rules
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Evaluation, EvaluationKind, GoalRating, Role

CLOSING = EvaluationKind.CLOSING


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
    # the midpoint evaluation is separate
    assert journal.evaluations.status(Role.MENTOR, EvaluationKind.MIDPOINT) == "not started"


def test_one_evaluation_per_partner_and_kind(journal: Journal) -> None:
    journal.evaluations.save_draft(draft(Role.MENTOR, what_worked="a"))
    journal.evaluations.save_draft(draft(Role.MENTOR, what_worked="b"))
    mentor = [e for e in journal._records.all(Evaluation) if e.role is Role.MENTOR]
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
    assert journal._records.all(Evaluation) == []


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
