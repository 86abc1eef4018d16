"""The keys a screen offers, in one place for the footer, F1 and the command palette.

A screen (or dialog, or widget of ours) lists its keys in `BINDINGS` **most important
first**: that order is the one mechanism that ranks them. Each binding of ours says what it
is for in `group` (a purpose below, or the screen's own, a heading in F1) and in `tooltip`
(what it does, in our words: F1's line, the palette's help, the footer's hover).
`show=False` keeps a key out of the footer, never out of F1 or the palette.

- The footer shows the focused widget's keys, then the screen's, then the app's, each
  node's own keys before those it inherits, as many as fit; F1 and the palette key always.
- F1 lists the screen's keys grouped by purpose, then the app's: only bindings declared in
  mentorjournal, none of Textual's own.
- The palette offers every one of those keys (commands.py), so none is written twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.actions import parse
from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

@dataclass(frozen=True)
class Purpose(Binding.Group):
    """What a key is for: F1 lists a screen's keys under these headings."""

    palette: bool = True
    """False for keys that act where the cursor is (move it, type a rating): the palette
    does not offer them."""


ADD = Purpose("Add and change")
STATUS = Purpose("Mark and settle")
FIND = Purpose("Find and filter")
VIEW = Purpose("Show")
MOVE = Purpose("Reorder")
NAVIGATE = Purpose("Move around", palette=False)
FORM = Purpose("Save or leave")
LEAVE = Purpose("Go back")
APP = Purpose("Anywhere in the app")

HELP_KEY = "f1"
PALETTE_KEY = "ctrl+p"
PINNED = (HELP_KEY, PALETTE_KEY)
"""Always in the footer, whatever its width."""


def is_ours(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "mentorjournal"


def own_bindings(cls: type) -> Iterator[Binding]:
    """The bindings declared by `cls` and its bases of ours: the class's own first, in the
    order written, then each base's (Textual's own classes are left out)."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        declared = klass.__dict__.get("BINDINGS")
        if not declared or not is_ours(klass):
            continue
        for binding in declared:
            if isinstance(binding, Binding) and binding.key not in seen:
                seen.add(binding.key)
                yield binding


def rank(node: DOMNode, binding: Binding) -> int:
    """Where `binding` stands among `node`'s keys: own keys first, most important first."""
    for index, declared in enumerate(own_bindings(type(node))):
        if declared.action == binding.action:
            return index
    return 1_000


@dataclass(frozen=True)
class Key:
    """A key of ours as F1 and the palette show it: on `node`, all its keys in one line."""

    node: DOMNode
    binding: Binding

    @property
    def keys(self) -> list[str]:
        return [key.strip() for key in self.binding.key.split(",")]

    def display(self, app: App[Any]) -> str:
        """'f or /', 'Ctrl+S' style is Textual's: '^s'."""
        if self.binding.key_display:
            return self.binding.key_display
        return " or ".join(app.get_key_display(Binding(key, "")) for key in self.keys)

    @property
    def purpose(self) -> str:
        return self.binding.group.description if self.binding.group else "Keys"

    @property
    def words(self) -> str:
        """What it does, in our words."""
        return self.binding.tooltip or self.binding.description

    @property
    def in_palette(self) -> bool:
        group = self.binding.group
        return not isinstance(group, Purpose) or group.palette

    def available(self) -> bool:
        """Whether the action can run now (its node's `check_action` says yes)."""
        namespace, name, parameters = parse(self.binding.action)
        if namespace:
            return True  # app.*: the app's own actions are always there
        return bool(self.node.check_action(name, parameters)) and bool(
            getattr(self.node, "display", True))


def screen_keys(screen: Screen[Any]) -> list[Key]:
    """The keys of ours on `screen`: its own (most important first), then its widgets'
    (one set per kind of widget), each with a description; Textual's are left out."""
    found: list[Key] = []
    seen: set[tuple[type, str]] = set()
    for node in (screen, *screen.walk_children()):
        for binding in own_bindings(type(node)):
            if binding.description and (type(node), binding.key) not in seen:
                seen.add((type(node), binding.key))
                found.append(Key(node, binding))
    return found


def app_keys(app: App[Any], screen: Screen[Any] | None = None) -> list[Key]:
    """The app's own keys (F1, review together, add a win, quit); over a dialog (`screen`
    modal) only those that still work there, the priority ones."""
    modal = screen is not None and screen.is_modal
    return [Key(app, binding) for binding in own_bindings(type(app))
            if binding.description and (binding.priority or not modal)]


def pinned_binding(app: App[Any], key: str) -> Binding | None:
    """F1's or the palette's binding as the app declares it (a dialog's `active_bindings`
    leave out the app's keys, though these two, priority keys, work there too)."""
    if key == PALETTE_KEY and app.ENABLE_COMMAND_PALETTE:
        return Binding(app.COMMAND_PALETTE_BINDING, "app.command_palette", "palette",
                       key_display=app.COMMAND_PALETTE_DISPLAY,
                       tooltip="Open the command palette")
    return next((b for b in own_bindings(type(app)) if b.key == key and b.priority), None)


def title_of(screen: Screen[Any]) -> str:
    """What a person calls the screen ('Goals', 'Log a meeting'): its `keys_title`."""
    return str(getattr(screen, "keys_title", "") or "")
