"""The journal as one Markdown document: the contract is docs/export-format.md.

`export_markdown(journal, options)` returns the document as a string; nothing here
does I/O. The same journal and options always give byte-identical output: records
are ordered by date and id, and no clock is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Pair, Role
from mentorjournal.export.markdown import inline, paragraphs
from mentorjournal.export.options import (
    EXPORT_SECTIONS,
    SECTION_TITLES,
    ExportOptions,
    check_period,
)
from mentorjournal.export.renderers import RENDERERS, Context


def export_markdown(journal: Journal, options: ExportOptions | None = None) -> str:
    """The journal as Markdown text (blocks separated by one blank line, ending in a newline)."""
    options = options or ExportOptions()
    check_period(options.since, options.until)
    goals = journal.goals.all()
    context = Context(journal, options, journal.pair.get(),
                      {g.id: inline(g.title) for g in goals})
    blocks = [*_front_matter(context)]
    for name in EXPORT_SECTIONS:
        if name in options.sections:
            blocks.append(f"## {SECTION_TITLES[name]}")
            body = list(RENDERERS[name](context))
            blocks.extend(body or [f"_No {_nothing(name)}._"])
    return "\n\n".join(blocks) + "\n"


def _nothing(section: str) -> str:
    return {"agreement": "agreement yet", "goals": "goals yet",
            "meetings": "meetings in this period", "wins": "wins in this period",
            "journal": "journal entries in this period", "vision": "vision cards yet",
            "evaluation": "evaluations submitted yet",
            "review": "reviews in this period"}[section]


def period_text(pair: Pair | None, options: ExportOptions) -> str:
    """'2026-05-27 to 2027-05-27', 'from 2026-05-27', or '' when nothing is known."""
    start = options.since or (pair.started_on if pair else None)
    end = options.until or (pair and (pair.closed_on or pair.planned_end)) or None
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    return f"until {end.isoformat()}" if end else ""


def _front_matter(context: Context) -> Iterator[str]:
    pair, options = context.pair, context.options
    period = period_text(pair, options)
    if pair is None:
        yield "# Mentoring journal" + (f", {period}" if period else "")
    else:
        yield (f"# Mentoring journal of {context.who(Role.PROTEGE)} and "
               f"{context.who(Role.MENTOR)}" + (f", {period}" if period else ""))
    facts = []
    if pair is not None:
        facts.append(f"- Whose journal: {context.who(pair.owner)}")
        facts += _dated("Started", pair.started_on) + _dated("Planned end", pair.planned_end)
        facts += _dated("Closed", pair.closed_on)
        if pair.closing_note.strip():
            facts.append(f"- Closing note: {paragraphs(pair.closing_note, '  ')}")
    if options.since or options.until:
        facts.append(f"- Period exported: {period} (meetings, wins, journal entries and "
                     "reviews; the rest is complete)")
    facts.append("- Private journal entries: " + (
        "included, marked private" if options.include_private else "left out"))
    yield "\n".join(facts)


def _dated(label: str, day: date | None) -> list[str]:
    return [f"- {label}: {day.isoformat()}"] if day else []
