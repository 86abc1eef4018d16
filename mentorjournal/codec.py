"""Records <-> JSON documents, driven by the dataclasses' type hints.

One generic codec serves every record type: dates are ISO strings, enums their
values, tuples JSON arrays. Fields this version does not know are kept in
`extra` and written back unchanged. A document of the wrong shape raises
`DocumentError` naming the field, so a damaged journal is reported, not guessed at.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

R = TypeVar("R")

_SKIP = ("id", "extra")


class DocumentError(ValueError):
    """A stored document does not have the shape its record type needs."""


def to_doc(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict (without its id)."""
    doc: dict[str, Any] = dict(record.extra)
    for f in dataclasses.fields(record):
        if f.name not in _SKIP:
            doc[f.name] = _encode(getattr(record, f.name))
    return doc


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_doc(value)
    return value


def from_doc(cls: type[R], doc: Any, doc_id: int = 0) -> R:
    """The record of type `cls` stored as `doc`; raises DocumentError on a bad shape."""
    if not isinstance(doc, dict):
        raise DocumentError(f"expected an object for {cls.__name__}, found {_kind(doc)}")
    hints, names = _schema(cls)
    values: dict[str, Any] = {}
    for name, hint in hints.items():
        if name in doc:
            try:
                values[name] = _decode(hint, doc[name])
            except DocumentError as error:
                raise DocumentError(f"{cls.__name__}.{name}: {error}") from None
    if "id" in names:
        values["id"] = doc_id
    values["extra"] = {k: v for k, v in doc.items() if k not in names}
    try:
        return cls(**values)
    except TypeError as error:  # a required field is missing
        raise DocumentError(f"{cls.__name__}: {error}") from None


@cache
def _schema(cls: type[Any]) -> tuple[dict[str, Any], frozenset[str]]:
    all_hints = typing.get_type_hints(cls)
    names = frozenset(f.name for f in dataclasses.fields(cls))
    hints = {n: all_hints[n] for n in names if n not in _SKIP}
    return hints, names


def _decode(hint: Any, value: Any) -> Any:  # noqa: C901 - one branch per kind of hint
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(inner, value)
    if origin is tuple:
        if not isinstance(value, list):
            raise DocumentError(f"expected a list, found {_kind(value)}")
        inner = typing.get_args(hint)[0]
        return tuple(_decode(inner, v) for v in value)
    if origin is dict:
        if not isinstance(value, dict):
            raise DocumentError(f"expected an object, found {_kind(value)}")
        return value
    if hint is Any:
        return value
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            try:
                return hint(value)
            except ValueError:
                raise DocumentError(f"unknown value {value!r}") from None
        if hint is datetime or hint is date:
            if not isinstance(value, str):
                raise DocumentError(f"expected a date, found {_kind(value)}")
            try:
                return hint.fromisoformat(value)
            except ValueError:
                raise DocumentError(f"not a date: {value!r}") from None
        if dataclasses.is_dataclass(hint):
            return from_doc(hint, value)
        if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if hint is int and isinstance(value, bool):
            raise DocumentError("expected a number, found true/false")
        if isinstance(value, hint):
            return value
        raise DocumentError(f"expected {hint.__name__}, found {_kind(value)}")
    raise DocumentError(f"unsupported field type {hint!r}")  # pragma: no cover


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
