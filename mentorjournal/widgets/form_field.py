"""FormField: an input made of several widgets that a form reads and restores as one value."""

from __future__ import annotations

from typing import Protocol, TypeAlias, runtime_checkable

JSONValue: TypeAlias = "str | int | float | bool | None | list[JSONValue] | dict[str, JSONValue]"
"""A plain JSON value: what a form's input holds, as a draft keeps it."""


@runtime_checkable
class FormField(Protocol):
    """A composite input (the rows of homework) with an id: a form reads its value with
    `form_value` and puts an earlier one back with `restore_form_value`."""

    def form_value(self) -> JSONValue: ...

    def restore_form_value(self, value: JSONValue) -> None: ...
