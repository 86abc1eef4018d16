"""What an export holds: its sections, its period, and whether private entries go in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.sections import SECTIONS

EXPORT_SECTIONS = tuple(section.name for section in SECTIONS)
"""Every section an export can hold, in the order the document always uses."""

SECTION_TITLES = {section.name: section.heading or section.title for section in SECTIONS}
"""Each section's `##` heading in the document."""


@dataclass(frozen=True, kw_only=True)
class ExportOptions:
    """What to export: which sections, which period, and whether private entries go in."""

    sections: tuple[str, ...] = EXPORT_SECTIONS
    since: date | None = None
    until: date | None = None
    include_private: bool = False

    def covers(self, day: date) -> bool:
        """Is a dated record (meeting, win, entry, review) inside the chosen period?"""
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until)


def parse_sections(values: Iterable[str],
                   known: tuple[str, ...] = EXPORT_SECTIONS) -> tuple[str, ...]:
    """'goals,wins' and 'meetings' -> the chosen sections in document order (all when
    none is named); `known` are the sections of the document at hand.

    Raises ValidationError naming an unknown section and listing the known ones.
    """
    chosen = {name.strip().lower() for value in values for name in value.split(",")}
    chosen.discard("")
    unknown = sorted(chosen - set(known))
    if unknown:
        raise ValidationError("section", f"Unknown section {unknown[0]!r}; choose from "
                                         f"{', '.join(known)}.")
    return tuple(name for name in known if name in chosen) or known


def check_period(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise ValidationError("since", f"The period starts ({since.isoformat()}) after it "
                                       f"ends ({until.isoformat()}).")
