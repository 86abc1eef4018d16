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
from collections.abc import Callable
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
    record_type: type = cls  # a class is hashable; mypy cannot tell (python/mypy#11470)
    record: R = _record_decoder(record_type)(doc, doc_id)
    return record


Decoder = Callable[[Any], Any]


@cache
def _record_decoder(cls: type[Any]) -> Callable[[Any, int], Any]:
    """Compile, once per record type, a function that decodes its documents.

    The record is built without calling its `__init__` (the fields are set directly, as
    `__init__` would: the model has no `__post_init__`), which makes reading a big
    journal about twice as fast; a missing required field is still reported.
    """
    hints = typing.get_type_hints(cls)
    fields = [f for f in dataclasses.fields(cls) if f.name not in _SKIP]
    names = frozenset(f.name for f in dataclasses.fields(cls))
    plan = [(f.name, _decoder(hints[f.name])) for f in sorted(fields, key=lambda f: f.name)]
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    factories = [(f.name, f.default_factory) for f in fields
                 if f.default_factory is not dataclasses.MISSING]
    required = frozenset(f.name for f in fields) - defaults.keys() - dict(factories).keys()
    has_id = "id" in names
    assert not hasattr(cls, "__post_init__"), "the codec does not call __init__"
    new = object.__new__

    def decode(doc: Any, doc_id: int) -> Any:
        if not isinstance(doc, dict):  # a dict, or TinyDB's Document
            raise DocumentError(f"expected an object for {cls.__name__}, found {_kind(doc)}")
        values = defaults.copy()
        found = 0
        for name, field_decoder in plan:
            if name in doc:
                found += 1
                try:
                    values[name] = field_decoder(doc[name])
                except DocumentError as error:
                    raise DocumentError(f"{cls.__name__}.{name}: {error}") from None
        if not required <= doc.keys():
            missing = ", ".join(sorted(required - doc.keys()))
            raise DocumentError(f"{cls.__name__}: missing {missing}")
        for name, factory in factories:
            if name not in doc:
                values[name] = factory()
        unknown = len(doc) > found  # only then is there anything to keep in `extra`
        values["extra"] = {k: v for k, v in doc.items() if k not in names} if unknown else {}
        if has_id:
            values["id"] = doc_id
        record = new(cls)
        record.__dict__.update(values)
        return record

    return decode


@cache
def _decoder(hint: Any) -> Decoder:  # noqa: C901 - one branch per kind of hint
    """Compile the decoder of one field type."""
    origin = typing.get_origin(hint)
    if origin is types.UnionType or origin is typing.Union:
        (inner_hint,) = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _decoder(inner_hint)
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])

        def decode_tuple(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise DocumentError(f"expected a list, found {_kind(value)}")
            return tuple(map(item, value))

        return decode_tuple
    if origin is dict:
        return _checker(dict, "an object")
    if hint is Any:
        return lambda value: value
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_decoder(hint)
    if hint is datetime or hint is date:
        return _date_decoder(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record_type: type = hint  # hashable, as above (python/mypy#11470)
        record = _record_decoder(record_type)
        return lambda value: record(value, 0)
    if hint is float:
        def decode_float(value: Any) -> float:
            if type(value) is float or type(value) is int:
                return float(value)
            raise DocumentError(f"expected a number, found {_kind(value)}")

        return decode_float
    if hint in (str, int, bool):
        return _checker(hint, {str: "text", int: "a number", bool: "true/false"}[hint])
    raise DocumentError(f"unsupported field type {hint!r}")  # pragma: no cover


def _checker(kind: type[Any], name: str) -> Decoder:
    def check(value: Any) -> Any:
        if type(value) is kind:  # exact: True is not a number here
            return value
        raise DocumentError(f"expected {name}, found {_kind(value)}")

    return check


def _enum_decoder(enum: type[Enum]) -> Decoder:
    members = {member.value: member for member in enum}  # a lookup: enum(value) is 5x slower

    def decode_enum(value: Any) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise DocumentError(f"unknown value {value!r}") from None

    return decode_enum


def _date_decoder(kind: type[date]) -> Decoder:
    def decode_date(value: Any) -> date:
        if not isinstance(value, str):
            raise DocumentError(f"expected a date, found {_kind(value)}")
        try:
            return kind.fromisoformat(value)
        except ValueError:
            raise DocumentError(f"not a date: {value!r}") from None

    return decode_date


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
