"""The Markdown export's contract (docs/export-format.md), checked by parsing the output."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mentorjournal.core.demo import build_demo
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    CheckIn,
    Evaluation,
    EvaluationKind,
    Goal,
    GoalRating,
    Homework,
    JournalEntry,
    Meeting,
    Objective,
    Review,
    ReviewItem,
    ReviewMark,
    Role,
    Win,
)
from mentorjournal.core.text import hard_breaks
from mentorjournal.export.document import export_markdown
from mentorjournal.export.markdown import cell, code, fenced, inline, user_markdown
from mentorjournal.export.options import EXPORT_SECTIONS, ExportOptions, parse_sections
from mentorjournal.storage.store import JournalStore
from tests.conftest import HOSTILE, TODAY, fixed_today, open_journal, put

GOLDEN = Path(__file__).parent / "golden" / "demo-export.md"
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
H2 = ["Agreement", "Goals", "Meetings", "Wins", "Journal", "Vision board", "Evaluation",
      "Reviews"]
EVIL_TITLE = "# Big *bold* [link](x) `code` | pipe\n## second line\n===\n<b>x</b> &amp; \\ ~~s~~"
EVIL_NOTES = "# Big\n\nSetext\n===\n\n> ## quoted\n\n- # in a list\n\n<b>|</b>\n"
UNCLOSED = "# Lost\n\n<!-- never closed\n\n```\n# in a fence that never closes\n"


def demo_journal() -> Journal:
    journal = Journal(JournalStore.in_memory(), today=fixed_today)
    build_demo(journal)
    return journal


def headings(markdown: str) -> list[tuple[int, str]]:
    tokens = MD.parse(markdown)
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens)
            if t.type == "heading_open"]


def list_items(markdown: str) -> list[str]:
    """The text of every list item's first paragraph."""
    tokens = MD.parse(markdown)
    return [tokens[i + 2].content for i, t in enumerate(tokens)
            if t.type == "list_item_open" and tokens[i + 1].type == "paragraph_open"]


def tasks(markdown: str) -> list[str]:
    return [item for item in list_items(markdown) if item[:4] in ("[ ] ", "[x] ")]


def table_rows(markdown: str) -> Iterator[int]:
    """The number of cells in each table row."""
    tokens = MD.parse(markdown)
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            cells = 0
            for follower in tokens[i + 1:]:
                if follower.type == "tr_close":
                    break
                cells += follower.type in ("th_open", "td_open")
            yield cells


def literal(inline_token: Token) -> str:
    """What an inline token renders as, if it is plain text only (else a marker)."""
    children = inline_token.children or []
    if any(c.type != "text" for c in children):
        return "<not plain: " + ",".join(c.type for c in children) + ">"
    return "".join(c.content for c in children)


# -- the outline ------------------------------------------------------------------

def test_demo_outline_title_sections_items() -> None:
    journal = demo_journal()
    outline = headings(export_markdown(journal))
    assert [level for level, _ in outline].count(1) == 1 and outline[0][0] == 1
    assert "Ana Lima (protégé) and Sam Okafor (mentor), 2026-05-27 to 2027-05-27" in outline[0][1]
    assert [text for level, text in outline if level == 2] == H2
    items = [(level, text) for level, text in outline if level == 3]
    goals = [g.title for g in journal.goals.all()]
    assert [text for _, text in items if text in goals] == goals
    # versions, goals, meetings, non-private entries, the midpoint evaluation, the review
    assert len(items) == 2 + 4 + 20 + 4 + 1 + 1
    section = None
    for level, text in outline:  # user headings (journal bodies) sit below an item
        section = text if level == 2 else section
        assert level != 4 or section == "Journal"


def test_sections_are_chosen_in_the_fixed_order() -> None:
    assert parse_sections(["review,goals", "meetings"]) == ("goals", "meetings", "review")
    assert parse_sections([]) == EXPORT_SECTIONS
    with pytest.raises(ValidationError, match="Unknown section 'foo'"):
        parse_sections(["goals,foo"])
    text = export_markdown(demo_journal(), ExportOptions(sections=("wins", "agreement")))
    assert [t for level, t in headings(text) if level == 2] == ["Agreement", "Wins"]


def test_task_lists_match_objectives_and_homework() -> None:
    journal = demo_journal()
    text = export_markdown(journal)
    items = tasks(text)
    objectives = [o for g in journal.goals.all() for o in g.objectives]
    homework = [h for m in journal.meetings.all() for h in m.homework]
    assert len(items) == len(objectives) + len(homework)
    done = sum(o.done for o in objectives) + sum(h.status.value == "done" for h in homework)
    assert sum(item.startswith("[x]") for item in items) == done
    assert "[x] Observe two workshops run by others · done 2026-06-16" in items


def test_tags_are_inline_code_and_dates_iso() -> None:
    text = export_markdown(demo_journal())
    assert "- Tags: `walk-and-talk` `homework`" in text
    assert "### 2026-06-16 · walk-and-talk · 60 minutes" in text
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"


def complete_journal() -> Journal:
    """The demo plus what it lacks: both evaluations, a sealed one, and a review."""
    journal = demo_journal()
    goal = journal.goals.all()[0]
    put(journal, Evaluation(role=Role.PROTEGE, submitted_at=datetime(2026, 11, 20, 9),
                           match_rating=5, what_worked="The homework.\nAnd the walks.",
                           would_do_again="Yes", goal_ratings=(
                               GoalRating(goal_id=goal.id, rating=4, comment="Nearly"),)))
    put(journal, Evaluation(role=Role.MENTOR, submitted_at=datetime(2026, 11, 21, 9),
                           match_rating=4, what_worked="Ana drove | every meeting",
                           goal_ratings=(GoalRating(goal_id=goal.id, rating=5),)))
    put(journal, Evaluation(role=Role.MENTOR, kind=EvaluationKind.MIDPOINT,
                           submitted_at=datetime(2026, 8, 21, 9), what_worked="sealed text"))
    put(journal, Evaluation(role=Role.PROTEGE, what_worked="an unsubmitted draft"))
    put(journal, Review(held_at=datetime(2026, 11, 22, 10), items=(
        ReviewItem(kind="goal", summary=goal.title, mark=ReviewMark.AGREED, comment="Dec"),
        ReviewItem(kind="homework", summary="Articles", mark=ReviewMark.TO_DISCUSS))))
    return journal


@pytest.mark.parametrize(("name", "make", "options"), [
    ("demo-export.md", demo_journal, ExportOptions()),
    ("complete-export.md", complete_journal, ExportOptions(include_private=True)),
])
def test_exports_match_the_golden_files(name: str, make: Any, options: ExportOptions) -> None:
    """Regenerate with UPDATE_GOLDEN=1 after a deliberate change, and read the diff."""
    text = export_markdown(make(), options)
    golden = GOLDEN.with_name(name)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "sealed text" not in text and "unsubmitted draft" not in text


def test_output_is_byte_identical_across_runs_and_reopens(journal_path: Path) -> None:
    journal = open_journal(journal_path)
    build_demo(journal)
    first = export_markdown(journal, ExportOptions(include_private=True))
    journal.close()
    again = open_journal(journal_path)
    assert export_markdown(again, ExportOptions(include_private=True)) == first
    again.close()


# -- private entries and the period ----------------------------------------------

def test_private_entries_only_on_request_and_then_marked() -> None:
    journal = demo_journal()
    private = next(e for e in journal.entries.all() if e.private)
    assert private.title not in export_markdown(journal)
    text = export_markdown(journal, ExportOptions(include_private=True))
    assert (3, f"{private.written_on.isoformat()} · {private.title} · private") in headings(text)
    assert "- Private: exported on request" in text


def test_period_selects_dated_records_and_names_itself() -> None:
    journal = demo_journal()
    options = ExportOptions(since=date(2026, 7, 1), until=date(2026, 7, 31))
    text = export_markdown(journal, options)
    outline = headings(text)
    assert outline[0][1].endswith("2026-07-01 to 2026-07-31")
    meetings = [t for level, t in outline if level == 3 and t[:2] == "20" and "·" in t
                and t[:7] == "2026-07" and "minutes" in t]
    assert len(meetings) == sum(1 for m in journal.meetings.all() if m.held_on.month == 7)
    assert not any(t.startswith("2026-06") for _, t in outline)
    assert len([t for level, t in outline if level == 3]) > len(meetings)  # goals stay
    with pytest.raises(ValidationError):
        export_markdown(journal, ExportOptions(since=date(2026, 8, 1), until=date(2026, 7, 1)))


def test_an_empty_journal_still_has_every_section(empty_journal: Journal) -> None:
    text = export_markdown(empty_journal)
    assert [t for level, t in headings(text) if level == 2] == H2
    assert "_No meetings in this period._" in text


# -- user text cannot break the structure -----------------------------------------

def hostile_journal() -> Journal:
    journal = demo_journal()
    goal = journal.goals.add(Goal(title=EVIL_TITLE, why=EVIL_NOTES, position=9, objectives=(
        Objective(text=EVIL_TITLE, done=True), Objective(text="- [x] fake\n# h"))))
    # Tags the rules refuse today (an older version, or a hand-edited file): exported safely.
    put(journal, Meeting(held_on=TODAY, tags=("a`b", "|x|", "# t"), notes=EVIL_NOTES,
                         goal_ids=(goal.id,), checkin=CheckIn(change=EVIL_TITLE),
                         homework=(Homework(text=EVIL_TITLE),)))
    put(journal, JournalEntry(written_on=TODAY, title=EVIL_TITLE, body=EVIL_NOTES + UNCLOSED,
                              mood=EVIL_TITLE, tags=(EVIL_TITLE,)))
    journal.wins.add(Win(won_on=TODAY, text=EVIL_TITLE, goal_id=goal.id))
    for role in Role:
        put(journal, Evaluation(role=role, submitted_at=datetime(2026, 11, 20, 9),
                               what_worked=f"a | b | c\n\n{EVIL_TITLE}", match_rating=4,
                               goal_ratings=(GoalRating(goal_id=goal.id, comment="|"),)))
    put(journal, Review(held_at=datetime(2026, 11, 21, 10), items=(
        ReviewItem(kind="goal", summary=EVIL_TITLE, mark=ReviewMark.AGREED),)))
    return journal


def test_hostile_titles_and_notes_add_or_remove_no_heading() -> None:
    journal = hostile_journal()
    pair = journal.pair.get()
    assert pair is not None
    journal.pair.save(dataclasses.replace(pair, protege=HOSTILE + " | # x", mentor="*Sam*"))
    text = export_markdown(journal)
    outline = headings(text)
    assert [level for level, _ in outline].count(1) == 1
    assert [t for level, t in outline if level == 2] == H2
    flat = " ".join(EVIL_TITLE.split())
    tokens = MD.parse(text)
    h3 = [literal(tokens[i + 1]) for i, t in enumerate(tokens) if t.tag == "h3"
          and t.type == "heading_open"]
    assert flat in h3 and f"{TODAY.isoformat()} · {flat}" in h3  # goal and entry, literally
    # versions, goals, meetings, entries, evaluations (the demo's midpoint), reviews
    assert len(h3) == 2 + 5 + 21 + 5 + 2 + 2
    assert "\x1b" not in text and "[2J" in text
    meeting_notes = [(4, "Big"), (4, "Setext"), (5, "quoted"), (4, "in a list")]
    assert [h for h in outline if h[1] in ("Big", "Setext", "quoted", "in a list")] == \
        meeting_notes  # the entry's body swallows what follows: exported as a code block
    assert "````text\n# Big" in text and (4, "Lost") not in outline


def test_hostile_text_keeps_each_table_row_three_cells() -> None:
    text = export_markdown(hostile_journal(), ExportOptions(sections=("evaluation",)))
    rows = list(table_rows(text))
    # each: header, submitted, match, goals (the demo's four; the hostile one), six answers
    assert len(rows) == (1 + 1 + 1 + 4 + 6) + (1 + 1 + 1 + 1 + 6)
    assert set(rows) == {3}


def test_hostile_task_items_stay_single_items() -> None:
    text = export_markdown(hostile_journal(), ExportOptions(sections=("goals",)))
    evil = [item for item in tasks(text) if "fake" in item or "Big" in item]
    assert len(evil) == 2
    assert "- [ ] \\- \\[x] fake\\\n  \\# h" in text


@given(st.text(alphabet="#=-`~<>*_[]()|!\\&;:/ \n\tab1.\x1b", max_size=60))
@settings(max_examples=300, deadline=None)
def test_any_title_renders_literally_as_one_heading(title: str) -> None:
    tokens = MD.parse(f"### {inline(title)}\n\ntail\n")
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h3"]
    expected = " ".join(title.split()).replace("\x1b", "\\x1b")  # shown, never sent
    assert literal(tokens[1]) == expected


@given(st.text(alphabet="#=-`~<>*_[]|!\\ \n\tab1.)", max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_notes_stay_below_the_item_and_end_where_they_end(notes: str) -> None:
    outline = headings(f"### Item\n\n{user_markdown(notes)}\n\n### Next\n")
    assert outline[0] == (3, "Item") and outline[-1] == (3, "Next")
    assert all(level >= 4 for level, _ in outline[1:-1])


FRAGMENTS = ["# ", "## ", "===", "---", "```", "~~~", "<!--", "-->", "<pre>", "</pre>", "<div>",
             "<?", "> ", "- ", "1. ", "    ", "\t", "\n", "\n", "\n\n", "a", "b", "|", "*", "\\"]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_markdown_fragments_stay_inside(notes: str) -> None:
    outline = headings(f"### Item\n\n{user_markdown(notes)}\n\n### Next\n")
    assert outline[0] == (3, "Item") and outline[-1] == (3, "Next")
    assert all(level >= 4 for level, _ in outline[1:-1])


@given(st.lists(st.sampled_from(["# ", "## x", "```", "````", "~~~", "``` a`", "~~~ `", "- ",
                                  "1. ", "a", "\n", "\n\n", " ", "```\n", "\n# h\n"]),
                max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_every_heading_is_kept_and_demoted(notes: str) -> None:
    result = user_markdown(notes)
    if result != fenced(notes.strip("\n")):
        before = [level for level, _ in headings(notes)]
        assert [level for level, _ in headings(result)] == [min(6, n + 3) for n in before]


@given(st.text(alphabet="|\\`#*ab \n<>", max_size=30))
@settings(max_examples=200, deadline=None)
def test_any_cell_stays_one_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {cell(text)} | x |\n"
    assert list(table_rows(table)) == [2, 2]


def test_user_headings_are_demoted_atx_and_setext() -> None:
    assert user_markdown("# Big\n\ntext") == "#### Big\n\ntext"
    assert user_markdown("Big\n===\n\nSmall\n---") == "#### Big\n\n##### Small"
    assert user_markdown("###### deep") == "###### deep"
    assert user_markdown("> # quoted") == "> #### quoted"
    assert user_markdown("```\n# code\n```") == "```\n# code\n```"
    assert user_markdown("```\n# never closed").startswith("````text\n")


# -- typed line breaks (issue 22, item 7) ---------------------------------------------

TYPED_NOTES = ("Went well:\nthe opening\nthe pauses\n\n- a list item\n- another\n\n"
               "## Next\nslow down")


def test_lines_typed_in_notes_and_bodies_are_lines_in_the_export() -> None:
    journal = demo_journal()
    put(journal, Meeting(held_on=TODAY, notes=TYPED_NOTES))
    put(journal, JournalEntry(written_on=TODAY, title="Three lines", body="one\ntwo\nthree"))
    html = MD.render(export_markdown(journal))
    assert "<p>Went well:<br />\nthe opening<br />\nthe pauses</p>" in html
    assert "<li>a list item</li>\n<li>another</li>" in html  # items stay items
    assert "<h5>Next</h5>\n<p>slow down</p>" in html  # a heading stays a heading
    assert "<p>one<br />\ntwo<br />\nthree</p>" in html
    assert "\\</" not in html  # no stray backslash


def test_user_markdown_breaks_typed_lines_but_not_code() -> None:
    assert user_markdown("one\ntwo") == "one\\\ntwo"
    assert user_markdown("# Big\nfirst\nsecond") == "#### Big\nfirst\\\nsecond"
    assert user_markdown("```\nx\ny\n```\na\nb") == "```\nx\ny\n```\na\\\nb"
    never_closed = "a\nb\n```\ncode"
    assert user_markdown(never_closed) == fenced(never_closed)  # as typed, in a code block


def test_the_export_is_already_its_own_hard_breaks() -> None:
    """The app's preview runs the export through `hard_breaks` again: it changes nothing."""
    journal = hostile_journal()
    put(journal, Meeting(held_on=TODAY, notes=TYPED_NOTES))
    text = export_markdown(journal, ExportOptions(include_private=True))
    assert hard_breaks(text) == text
