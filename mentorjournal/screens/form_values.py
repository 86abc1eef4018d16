"""Reading a form's inputs as plain JSON values, and putting such values back (drafts)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from enum import Enum
from typing import TypeAlias

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea
from textual.widgets.select import InvalidSelectValueError
from textual.widgets.selection_list import Selection

from mentorjournal.widgets.form_field import FormField, JSONValue

FormValues: TypeAlias = "dict[str, JSONValue]"
"""What a form's inputs hold, by input id, as plain JSON values (what a draft keeps)."""

INPUTS = (Input, TextArea, Select, Checkbox, SelectionList)
"""The widgets a form reads; a FormField with an id is read as one value."""


def read_inputs(node: Widget) -> FormValues:
    """Every input's value under `node`, by id."""
    return {widget.id: _read(widget) for widget in _inputs(node) if widget.id}


def restore_inputs(node: Widget, values: FormValues) -> None:
    """Put `values` back into the inputs under `node` (unknown ids and choices ignored)."""
    for widget in _inputs(node):
        if widget.id in values:
            _restore(widget, values[widget.id])


def _inputs(node: Widget) -> Iterator[Widget]:
    """The inputs under `node` (not the parts of an input, such as a Select's list)."""
    for child in node.children:
        if isinstance(child, INPUTS) or (isinstance(child, FormField) and child.id):
            yield child
        else:
            yield from _inputs(child)


def _plain(value: object) -> JSONValue:
    if value is Select.NULL or value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    return value if isinstance(value, str | int | float | bool) else str(value)


def _read(widget: Widget) -> JSONValue:
    if isinstance(widget, FormField):
        return widget.form_value()
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, Select):
        return _plain(widget.value)
    assert isinstance(widget, SelectionList)
    return [_plain(value) for value in widget.selected]


def _restore(widget: Widget, value: JSONValue) -> None:
    if isinstance(widget, FormField):
        widget.restore_form_value(value)
    elif isinstance(widget, Input | TextArea) and isinstance(value, str):
        if isinstance(widget, Input):
            widget.value = value
        else:
            widget.text = value
    elif isinstance(widget, Checkbox) and isinstance(value, bool):
        widget.value = value
    elif isinstance(widget, Select):
        # An option gone since (a deleted goal): the choice stays as it is.
        with contextlib.suppress(InvalidSelectValueError):
            widget.value = Select.NULL if value is None else value
    elif isinstance(widget, SelectionList) and isinstance(value, list):
        options = (widget.get_option_at_index(i) for i in range(widget.option_count))
        offered = {option.value for option in options if isinstance(option, Selection)}
        widget.deselect_all()
        for selected in value:
            if selected in offered:
                widget.select(selected)
