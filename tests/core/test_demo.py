"""The demo shows the whole arc: varied entries, a review whose agenda reaches the next
meeting, a midpoint evaluation both partners have shared."""

from __future__ import annotations

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import EvaluationKind, ReviewMark


def test_the_demo_entries_are_each_their_own(journal: Journal) -> None:
    demo = [e for e in journal.entries.all() if e.tags]  # the fixture adds one untagged
    assert len(demo) == 5 and len({e.body for e in demo}) == 5
    assert sum("\n" in e.body.strip() for e in demo) == 5  # lines typed on their own
    assert [e.private for e in demo].count(True) == 1


def test_the_demo_review_leaves_an_agenda_the_next_meeting_meets(journal: Journal) -> None:
    [review] = journal.reviews.all()
    to_discuss = [i for i, item in enumerate(review.items)
                  if item.mark is ReviewMark.TO_DISCUSS]
    assert len(to_discuss) == 3 and all(review.items[i].comment for i in to_discuss)
    after = [m for m in journal.meetings.all() if m.held_on > review.held_at.date()]
    assert [item.ref for m in after for item in m.discussed] == [(review.id, to_discuss[0])]
    assert [a.ref for a in journal.reviews.agenda()] == [(review.id, i) for i in to_discuss[1:]]
    assert journal.reviews.changes_since(), "the review was a while ago: there is news"


def test_the_demo_midpoint_evaluation_is_shared_and_due(journal: Journal) -> None:
    assert journal.evaluations.due() is EvaluationKind.MIDPOINT
    assert journal.evaluations.is_shared(EvaluationKind.MIDPOINT)
    assert not journal.evaluations.is_shared(EvaluationKind.CLOSING)
