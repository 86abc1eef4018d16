"""The agreement's input widgets, one set per section, shared by the form and the guided flow."""

from __future__ import annotations

from collections.abc import Iterator

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from mentorjournal.core.agreement import (
    FIELD_LABELS,
    FREQUENCIES,
    TEXT_FIELDS,
    AgreementSection,
    field_text,
)
from mentorjournal.core.model import AgreementVersion, MeetingMode, Role

FIELD_WIDGET_ID = {"frequency_days": "frequency_custom"}
"""Where to put the cursor for an error about a field whose input has another id."""

_PLACEHOLDERS = {
    "usual_length_minutes": "minutes, e.g. 45",
    "mentor_hours_per_month": "hours a month, e.g. 2",
    "protege_hours_per_month": "hours a month, e.g. 4",
    "review_on": "YYYY-MM-DD, e.g. in three months",
}
_INPUT_IDS = ("frequency_custom", *_PLACEHOLDERS)
_SELECT_IDS = ("frequency_choice", "mode", "scheduler")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _frequency_editors(days: int | None) -> Iterator[Widget]:
    named = {value: name for name, value in FREQUENCIES}
    options = [(f"{name} (every {value} days)", str(value)) for name, value in FREQUENCIES]
    choice = "" if days is None else (str(days) if days in named else "custom")
    yield Horizontal(
        Select([*options, ("custom: every N days", "custom")], prompt="not decided yet",
               value=choice or Select.NULL, id="frequency_choice"),
        Input("" if choice != "custom" else str(days), id="frequency_custom",
              placeholder="custom: days apart, e.g. 10"),
        classes="agreement-frequency",
    )


def _editor(field: str, version: AgreementVersion, example: str) -> Iterator[Widget]:
    value = getattr(version, field)
    if field in TEXT_FIELDS:
        yield TextArea(value, id=field, placeholder=example, classes="agreement-text")
    elif field == "frequency_days":
        yield from _frequency_editors(value)
    elif field == "mode":
        yield Select([(m.value, m.value) for m in MeetingMode], prompt="not decided yet",
                     value=value.value if value else Select.NULL, id="mode")
    elif field == "scheduler":
        yield Select([(f"the {r.label}", r.value) for r in (Role.PROTEGE, Role.MENTOR)],
                     allow_blank=False, value=version.scheduler.value, id="scheduler")
    elif field == "review_on":
        yield Input(field_text(version, field), id=field, placeholder=_PLACEHOLDERS[field])
    else:
        yield Input(_number(value), id=field, placeholder=_PLACEHOLDERS[field])


def section_editors(section: AgreementSection, version: AgreementVersion) -> Iterator[Widget]:
    """A label and an input per field of `section`, filled from `version`."""
    for field in section.fields:
        if len(section.fields) > 1 or field not in TEXT_FIELDS:
            yield Label(FIELD_LABELS[field])
        yield from _editor(field, version, section.example)


def read_editors(root: Widget) -> dict[str, str]:
    """The typed values of every agreement input under `root`, by field name."""
    values = {area.id: area.text for area in root.query(TextArea) if area.id in TEXT_FIELDS}
    values |= {i.id: i.value for i in root.query(Input) if i.id in _INPUT_IDS}
    for select in root.query(Select):
        if select.id in _SELECT_IDS:
            values[select.id] = "" if select.value is Select.NULL else str(select.value)
    return {k: v for k, v in values.items() if k is not None}
