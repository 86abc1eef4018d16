"""Build the "ten years" heavy journal through the project's own core: seeded, deterministic.

2,000 meetings (notes ~600 chars, 2 homework items, tags), 300 goals x 5 objectives,
1,000 wins, 3,000 journal entries (~1,200 chars of Markdown, some private), an agreement
with versions and two evaluations: about 6-7 MB.

    python benchmarks/heavy_journal.py /tmp/heavy.json
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    AgreementVersion,
    CheckIn,
    Evaluation,
    Goal,
    GoalRating,
    Homework,
    JournalEntry,
    Meeting,
    MeetingMode,
    Objective,
    Pair,
    Role,
    Signature,
    Win,
    WinSize,
)

START = date(2016, 11, 1)
TODAY = date(2026, 11, 25)
WORDS = (
    "mentor", "protégé", "goal", "meeting", "walk", "talk", "feedback", "plan", "team", "lead",
    "budget", "workshop", "listen", "question", "confidence", "network", "practice", "reflect",
    "decide", "priority", "habit",
)


def _text(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)


def _markdown(rng: random.Random, length: int) -> str:
    paragraphs = [_text(rng, length // 4) for _ in range(3)]
    return (f"## {_text(rng, 30)}\n\n{paragraphs[0]}\n\n- **{_text(rng, 20)}**\n"
            f"- {_text(rng, 40)}\n\n{paragraphs[1]}\n\n> {paragraphs[2]}\n")


def build_heavy(journal: Journal, seed: int = 1) -> None:
    """Fill `journal` with ten years of a pair's records (one atomic write)."""
    rng = random.Random(seed)
    days = (TODAY - START).days
    records = journal._records  # ten years as they stand: past dates, straight to the records
    with journal.batch():
        journal.pair.save(Pair(mentor="Sam Okafor", protege="Ana Lima", started_on=START))
        for number in range(1, 6):
            records.add(AgreementVersion(
                number=number, created_at=datetime(2016 + 2 * number, 1, 1),
                protege_expects=_text(rng, 300), mentor_expects=_text(rng, 300),
                working_style=_text(rng, 200), frequency_days=14, review_on=TODAY,
                signatures=tuple(Signature(role=r, name="x", signed_at=datetime(2017, 1, 1))
                                 for r in Role)))
        for g in range(300):
            records.add(Goal(
                title=_text(rng, 40), why=_text(rng, 120), success_measure=_text(rng, 80),
                target_date=START + timedelta(days=rng.randrange(days)), position=g,
                objectives=tuple(Objective(text=_text(rng, 50), done=rng.random() < 0.6)
                                 for _ in range(5))))
        for m in range(2000):
            held = START + timedelta(days=m * days // 2000)
            records.add(Meeting(
                held_on=held, duration_minutes=45, mode=rng.choice(list(MeetingMode)),
                tags=tuple(rng.sample(["walk-and-talk", "homework", "check-in", "budget"], 2)),
                notes=_markdown(rng, 560), goal_ids=(rng.randrange(1, 301),),
                homework=tuple(Homework(text=_text(rng, 60), due=held + timedelta(days=7))
                               for _ in range(2)),
                checkin=CheckIn(meaningful=rng.randint(1, 5), expectations_met=rng.randint(1, 5))))
        for w in range(1000):
            records.add(Win(won_on=START + timedelta(days=w * days // 1000),
                            text=_text(rng, 80), size=rng.choice(list(WinSize))))
        for e in range(3000):
            records.add(JournalEntry(
                written_on=START + timedelta(days=e * days // 3000), title=_text(rng, 30),
                body=_markdown(rng, 1150), mood=rng.choice(["calm", "hopeful", "tired"]),
                tags=(rng.choice(WORDS),), private=rng.random() < 0.1))
        for role in Role:
            records.add(Evaluation(role=role, what_worked=_text(rng, 300),
                                   goal_ratings=tuple(GoalRating(goal_id=i, rating=3)
                                                      for i in range(1, 301))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    if args.path.exists():
        print(f"{args.path} exists; choose a new path", file=sys.stderr)
        return 2
    journal = Journal.open(args.path, today=lambda: TODAY)
    try:
        build_heavy(journal)
    finally:
        journal.close()
    print(f"{args.path}: {args.path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
