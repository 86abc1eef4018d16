"""Screens: one module per section (`<name>_screen.py`), the home screen and the dialogs."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mentorjournal.screens.base import SectionScreen


def section_screen(name: str) -> type[SectionScreen]:
    """The screen class of a section (`goals` -> goals_screen.GoalsScreen), imported on first use.

    Section screens load when first opened, not at start-up: the home screen paints
    without loading every screen's widgets.
    """
    module = import_module(f"mentorjournal.screens.{name}_screen")
    screen: type[SectionScreen] = getattr(module, f"{name.capitalize()}Screen")
    return screen
