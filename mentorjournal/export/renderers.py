"""One renderer per section of the Markdown export; each yields the section's blocks.

A block is a heading, a paragraph, a list or a table; export.py joins blocks with a
blank line. Only `###` headings are made here; user text goes through markdown_text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import (
    AgreementVersion,
    Evaluation,
    EvaluationKind,
    Goal,
    HomeworkStatus,
    Meeting,
    Pair,
    Role,
    VisionKind,
)
from mentorjournal.core.vision import is_openable_url
from mentorjournal.export.markdown import cell, code, inline, paragraphs, user_markdown

if TYPE_CHECKING:
    from mentorjournal.export.options import ExportOptions

ROLES = (Role.PROTEGE, Role.MENTOR)
"""The order partners appear in, also as table columns: the protégé drives."""


@dataclass(frozen=True)
class Context:
    """What every renderer needs: the journal, the options, and escaped names and titles."""

    journal: Journal
    options: ExportOptions
    pair: Pair | None
    goal_titles: dict[int, str]

    def who(self, role: Role) -> str:
        """'Ana Lima (protégé)', escaped; just 'protégé' without a pair."""
        if self.pair is None:
            return role.label
        return f"{inline(self.pair.name_of(role))} ({role.label})"

    def goal(self, goal_id: int) -> str:
        return self.goal_titles.get(goal_id, f"goal {goal_id} (deleted)")


def when(moment: datetime | None) -> str:
    """An ISO date and minute, '2026-06-01 17:00' ('' when unknown)."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def of_five(value: int | None) -> str:
    return f"{value}/5" if value is not None else "—"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _fact(label: str, text: str) -> list[str]:
    """A '- Label: text' list item for literal user text (empty text: no item)."""
    return [f"- {label}: {paragraphs(text, '  ')}"] if text.strip() else []


def _day(label: str, day: date | None) -> list[str]:
    return [f"- {label}: {day.isoformat()}"] if day else []


# -- agreement -----------------------------------------------------------------

AGREEMENT_TEXTS = (
    ("About the mentor", "about_mentor"), ("About the protégé", "about_protege"),
    ("What the protégé expects", "protege_expects"),
    ("What the mentor expects", "mentor_expects"), ("Working style", "working_style"),
    ("Confidentiality", "confidentiality"), ("Boundaries", "boundaries"),
    ("Feedback", "feedback"), ("No-fault ending", "no_fault_ending"),
)


def agreement(context: Context) -> Iterator[str]:
    """Every version, newest first; older versions show only the sections that differ."""
    versions = sorted(context.journal.agreement.versions(),
                      key=lambda v: (v.number, v.id), reverse=True)
    for index, version in enumerate(versions):
        newer = versions[index - 1] if index else None
        created = f" · {version.created_at.date().isoformat()}" if version.created_at else ""
        yield f"### Version {version.number}{created}" + ("" if newer else " · current")
        yield "\n".join(_agreement_facts(context, version))
        same = []
        for label, attr in AGREEMENT_TEXTS:
            text: str = getattr(version, attr)
            if newer is not None and getattr(newer, attr) == text:
                same.append(label.lower())
            elif text.strip():
                yield f"**{label}:** {paragraphs(text)}"
        if newer is not None and same:
            yield f"_As in version {newer.number}: {', '.join(same)}._"


def _agreement_facts(context: Context, version: AgreementVersion) -> list[str]:
    signed = {s.role: s for s in version.signatures}
    facts = [f"- Signed by {inline(signed[r].name)} ({r.label}) on {when(signed[r].signed_at)}"
             if r in signed else f"- Not signed by the {r.label}" for r in ROLES]
    meets = [f"every {version.frequency_days} days" if version.frequency_days else "",
             f"{version.usual_length_minutes} minutes" if version.usual_length_minutes else "",
             version.mode.value if version.mode else "",
             f"scheduled by the {version.scheduler.label}"]
    facts.append("- Meetings: " + " · ".join(part for part in meets if part))
    hours = [f"{role.label} {value:g} hours a month" for role, value in (
        (Role.PROTEGE, version.protege_hours_per_month),
        (Role.MENTOR, version.mentor_hours_per_month)) if value is not None]
    if hours:
        facts.append("- Commitment: " + " · ".join(hours))
    return facts + _day("Review on", version.review_on)


# -- goals -----------------------------------------------------------------------

def goals(context: Context) -> Iterator[str]:
    for goal in context.journal.goals.all():
        yield f"### {context.goal(goal.id)}" + (" · archived" if goal.archived else "")
        yield "\n".join(_goal_facts(goal))
        if goal.objectives:
            yield "**Objectives**"
            yield "\n".join(
                f"- [{'x' if o.done else ' '}] {paragraphs(o.text, '  ') or '—'}"
                + (f" · done {o.done_on.isoformat()}" if o.done_on else "")
                + (" · archived" if o.archived else "") for o in goal.objectives)
        if goal.adjustments:
            yield "**Adjustments**"
            yield "\n".join(
                f"- {a.on.isoformat()} · {inline(a.what) or 'changed'}"
                + (f": {inline(a.before) or '—'} → {inline(a.after) or '—'}"
                   if a.before or a.after else "")
                + (f" · why: {paragraphs(a.why, '  ')}" if a.why.strip() else "")
                for a in goal.adjustments)


def _goal_facts(goal: Goal) -> list[str]:
    status = goal.status.value + (f" on {goal.achieved_on.isoformat()}"
                                  if goal.achieved_on else "")
    facts = [f"- Status: {status}", *_day("Target date", goal.target_date),
             *_day("Set on", goal.created_on)]
    live = [o for o in goal.objectives if not o.archived]
    if live:
        done = sum(o.done for o in live)
        facts.append(f"- Progress: {done} of {len(live)} objectives done "
                     f"({done / len(live):.0%})")
    return facts + _fact("Why", goal.why) + _fact("Success measure", goal.success_measure)


# -- meetings --------------------------------------------------------------------

def meetings(context: Context) -> Iterator[str]:
    """Oldest first, so a later export only adds at the end of the section."""
    for meeting in reversed(context.journal.meetings.all()):
        if not context.options.covers(meeting.held_on):
            continue
        parts = [meeting.held_on.isoformat(), meeting.mode.value if meeting.mode else "",
                 f"{meeting.duration_minutes} minutes" if meeting.duration_minutes else ""]
        yield "### " + " · ".join(part for part in parts if part)
        facts = _meeting_facts(context, meeting)
        if facts:
            yield "\n".join(facts)
        notes = user_markdown(meeting.notes)
        if notes:
            yield notes
        if meeting.homework:
            yield "**Homework**"
            yield "\n".join(_homework_items(meeting))


def _meeting_facts(context: Context, meeting: Meeting) -> list[str]:
    facts = []
    tags = [code(tag) for tag in meeting.tags if tag.strip()]
    if tags:
        facts.append("- Tags: " + " ".join(tags))
    if meeting.goal_ids:
        facts.append("- Goals discussed: " + "; ".join(context.goal(g) for g in meeting.goal_ids))
    checkin = meeting.checkin
    if checkin is not None:
        facts.append(f"- Check-in: meaningful {of_five(checkin.meaningful)} · "
                     f"expectations met {of_five(checkin.expectations_met)}")
        facts += _fact("What should change", checkin.change)
    if meeting.discussed:
        facts.append("- Discussed from the review: "
                     + "; ".join(inline(item.summary) for item in meeting.discussed))
    return facts + _day("Next meeting", meeting.next_meeting_on)


def _homework_items(meeting: Meeting) -> Iterator[str]:
    for item in meeting.homework:
        notes = [item.who.label, *(["due " + item.due.isoformat()] if item.due else [])]
        if item.status is HomeworkStatus.DONE:
            notes.append("done " + item.done_on.isoformat() if item.done_on else "done")
        elif item.status is HomeworkStatus.DROPPED:
            notes.append("dropped")
        if item.carried_over:
            notes.append(f"carried over {_times(item.carried_over)}")
        box = "x" if item.status is HomeworkStatus.DONE else " "
        yield f"- [{box}] {paragraphs(item.text, '  ') or '—'} · " + " · ".join(notes)


# -- wins, journal, vision board -------------------------------------------------

def wins(context: Context) -> Iterator[str]:
    held = {m.id: m.held_on for m in context.journal.meetings.all()}
    items = []
    for win in reversed(context.journal.wins.all()):
        if not context.options.covers(win.won_on):
            continue
        links = [f"goal: {context.goal(win.goal_id)}" if win.goal_id is not None else "",
                 f"meeting of {held[win.meeting_id].isoformat()}"
                 if win.meeting_id in held else ""]
        items.append(f"- {win.won_on.isoformat()} · {win.size.value} win · "
                     + " · ".join([paragraphs(win.text, "  ") or "—",
                                   *(link for link in links if link)]))
    if items:
        yield "\n".join(items)


def journal(context: Context) -> Iterator[str]:
    """Oldest first; private entries only when asked for, and then marked."""
    entries = context.journal.entries.all(include_private=context.options.include_private)
    for entry in reversed(entries):
        if not context.options.covers(entry.written_on):
            continue
        title = inline(entry.title) or "Untitled"
        yield (f"### {entry.written_on.isoformat()} · {title}"
               + (" · private" if entry.private else ""))
        tags = [code(tag) for tag in entry.tags if tag.strip()]
        facts = _fact("Mood", entry.mood) + (["- Tags: " + " ".join(tags)] if tags else [])
        if entry.private:
            facts.append("- Private: exported on request")
        if facts:
            yield "\n".join(facts)
        body = user_markdown(entry.body)
        if body:
            yield body


def vision(context: Context) -> Iterator[str]:
    cards = context.journal.vision.all()
    items = []
    for card in cards:
        text = paragraphs(card.text, "  ") or "—"
        if card.kind is VisionKind.QUOTE:
            text = f"Quote: {text}"
        url = "".join(card.url.split())
        if url:
            safe = is_openable_url(url) and not set("<>`\\") & set(url)
            text += f" · <{url}>" if safe else f" · {inline(url)}"
        if card.goal_id is not None:
            text += f" · goal: {context.goal(card.goal_id)}"
        items.append(f"- {text}")
    if items:
        yield "\n".join(items)


# -- evaluation and reviews ------------------------------------------------------

EVALUATION_ROWS = (
    ("What worked", "what_worked"), ("What to change", "what_to_change"),
    ("Agreement kept", "agreement_kept"), ("Would do it again", "would_do_again"),
    ("Biggest learning", "biggest_learning"), ("What next", "what_next"),
)


def evaluation(context: Context) -> Iterator[str]:
    """Per kind, both partners side by side; sealed while only one has submitted."""
    submitted = context.journal.evaluations.submitted()
    for kind in (EvaluationKind.MIDPOINT, EvaluationKind.CLOSING):
        latest: dict[Role, Evaluation] = {}
        for item in sorted((e for e in submitted if e.kind is kind),
                           key=lambda e: (e.submitted_at, e.id)):
            latest[item.role] = item
        if not latest:
            continue
        yield f"### {kind.value.capitalize()} evaluation"
        if len(latest) < len(ROLES):
            (role,) = latest
            yield (f"_Sealed: submitted by the {role.label} only. Both evaluations are shown "
                   "side by side once both partners have submitted._")
            continue
        yield _evaluation_table(context, [latest[role] for role in ROLES])


def _evaluation_table(context: Context, pair: list[Evaluation]) -> str:
    rows = [["Question", *(context.who(e.role) for e in pair)], ["---"] * 3,
            ["Submitted", *(when(e.submitted_at) for e in pair)],
            ["Match rating", *(of_five(e.match_rating) for e in pair)]]
    ratings = [{r.goal_id: r for r in e.goal_ratings} for e in pair]
    goal_ids = [g.id for g in context.journal.goals.all()]
    goal_ids += sorted({i for r in ratings for i in r} - set(goal_ids))
    for goal_id in goal_ids:
        found = [r.get(goal_id) for r in ratings]
        if any(found):
            rows.append([f"Goal: {context.goal(goal_id)}", *(
                " · ".join(p for p in (of_five(r.rating), cell(r.comment) if r.comment.strip()
                                       else "") if p) if r else "—" for r in found)])
    for label, attr in EVALUATION_ROWS:
        rows.append([label, *(cell(getattr(e, attr)) for e in pair)])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def reviews(context: Context) -> Iterator[str]:
    for review in context.journal.reviews.all():
        if not context.options.covers(review.held_at.date()):
            continue
        yield f"### Review · {when(review.held_at)}"
        items = []
        for item in review.items:
            mark = item.mark.value.capitalize() if item.mark else "Looked at"
            parts = [inline(item.kind), paragraphs(item.summary, "  "),
                     paragraphs(item.comment, "  ")]
            items.append(f"- {mark}: " + " · ".join(p for p in parts if p))
        yield "\n".join(items) if items else "_Nothing was marked in this review._"


RENDERERS: dict[str, Callable[[Context], Iterator[str]]] = {
    "agreement": agreement, "goals": goals, "meetings": meetings, "wins": wins,
    "journal": journal, "vision": vision, "evaluation": evaluation, "review": reviews,
}
"""Section name (export.EXPORT_SECTIONS) -> its renderer."""
