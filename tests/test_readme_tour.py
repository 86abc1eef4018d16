"""README's "A short tour" tells each section's keys, in the order its footer shows them."""

from __future__ import annotations

import re

import pytest

from mentorjournal.core.sections import SECTIONS
from mentorjournal.screens import section_screen
from mentorjournal.widgets.keys import own_bindings
from tests.conftest import ROOT

WORDS = {"slash": "`/`", "plus": "+", "less_than_sign": "`<`", "greater_than_sign": "`>`",
         "delete": "Delete", "enter": "Enter", "escape": "Escape", "space": "Space",
         "left": "arrows", "right": "arrows", "up": "arrows", "down": "arrows"}


def as_written(key: str) -> str:
    """How the README writes a key: `n`, Ctrl+S, F2, Delete, Shift+arrows..."""
    *mods, last = key.split("+")
    if mods:
        name = "arrows" if last in ("left", "right", "up", "down") else last.upper()
        return "+".join([*(m.capitalize() for m in mods), name])
    if key in WORDS:
        return WORDS[key]
    return f"`{key}`" if len(key) == 1 else key.upper()  # f2 -> F2


def tour_paragraph(title: str, key: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme[readme.index("## A short tour"):readme.index("## From the shell")]
    match = re.search(rf"\*\*{re.escape(title)}\*\* \(`{key}`\)\.(.*?)\n\n", tour, re.S)
    assert match, f"no paragraph for {title} in the tour"
    return match.group(1)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.name)
def test_the_tour_tells_every_key_in_footer_order(section: object) -> None:
    name, title, key = section.name, section.title, section.key  # type: ignore[attr-defined]
    text = tour_paragraph(title, key)
    shown: list[int] = []
    for binding in own_bindings(section_screen(name)):
        if not binding.description or binding.description == "Home":
            continue  # Escape goes home everywhere (a draft kept first): told once, above
        found = [text.find(as_written(k.strip())) for k in binding.key.split(",")]
        places = [at for at in found if at >= 0]
        assert places, f"{title}: the tour does not tell {binding.key} ({binding.description})"
        if binding.show:
            shown.append(min(places))
    assert shown == sorted(shown), f"{title}: the tour tells the keys in another order"
