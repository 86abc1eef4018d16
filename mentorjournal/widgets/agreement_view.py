"""AgreementView: one agreement version, read-only, section by section; changes marked."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from mentorjournal.core.agreement import (
    FIELD_LABELS,
    SECTIONS,
    AgreementSection,
    SectionChange,
    field_text,
)
from mentorjournal.core.model import AgreementVersion, Signature
from mentorjournal.core.text import printable

NOT_FILLED = "(not filled in yet)"

def section_content(section: AgreementSection, version: AgreementVersion,
                    changed: bool = False) -> Content:
    """A section's title and values as literal text (user text is never markup)."""
    parts: list[str | Content | tuple[str, str]] = [(section.title, "bold")]
    if changed:
        parts.append(("  · changed", "bold italic"))
    values = [(f, field_text(version, f)) for f in section.fields]
    if len(values) == 1:
        parts.append("\n" + (printable(values[0][1]) or NOT_FILLED))
    else:
        for name, text in values:
            parts.append(f"\n{FIELD_LABELS[name]}: {printable(text) or '—'}")
    return Content.assemble(*parts)


def changes_content(changes: Iterable[SectionChange]) -> Content:
    """Each changed section with its fields' old and new values."""
    parts: list[str | Content | tuple[str, str]] = []
    for change in changes:
        parts.append((f"\n{change.section.title}", "bold"))
        for field in change.changes:
            label = f"{field.label}: " if len(change.section.fields) > 1 else ""
            parts.append(f"\n  {label}was  ")
            parts.append((printable(field.before) or "(empty)", "strike"))
            parts.append(f"\n  {label}now  {printable(field.after) or '(empty)'}")
    return Content.assemble(*parts)


def signatures_content(signatures: Iterable[Signature]) -> Content:
    """'Signed by the protégé, Ana Lima, 2026-05-30 17:00' lines, or a note that none is."""
    lines = [
        f"Signed by the {s.role.label}, {printable(s.name)}, {s.signed_at:%Y-%m-%d %H:%M}"
        for s in signatures
    ]
    return Content.assemble("\n".join(lines) or "Not signed yet.")


class AgreementView(VerticalScroll):
    """Shows a version: a block per section; `show` marks the sections that changed."""

    DEFAULT_CSS = """
    AgreementView {
        height: 1fr;
        padding: 0 1;
        .agreement-section { margin-bottom: 1; padding: 0 1; }
        .agreement-section.-changed { border-left: thick $warning; background: $boost; }
        .agreement-section.-empty { color: $text-muted; }
    }
    """

    def compose(self) -> ComposeResult:
        for section in SECTIONS:
            yield Static("", id=f"section-{section.key}", classes="agreement-section",
                         markup=False)

    def show(self, version: AgreementVersion, changed: Iterable[str] = ()) -> None:
        """Show `version`; sections whose key is in `changed` are marked as changed."""
        changed_keys = set(changed)
        for section in SECTIONS:
            block = self.query_one(f"#section-{section.key}", Static)
            is_changed = section.key in changed_keys
            block.update(section_content(section, version, is_changed))
            block.set_class(is_changed, "-changed")
            empty = not any(field_text(version, f) for f in section.fields
                            if f != "scheduler")
            block.set_class(empty, "-empty")
