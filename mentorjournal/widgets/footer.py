"""The footer of every screen and dialog: its most important keys that fit, F1 and Ctrl+P always."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from textual import widgets

from mentorjournal.textual_compat import FooterKey
from mentorjournal.widgets.keys import PINNED, pinned_binding, rank

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.binding import ActiveBinding
    from textual.screen import Screen

PALETTE_EDGE = 2
"""The palette key's left border and right padding."""


class Shown(NamedTuple):
    """One key as the footer shows it (what `compose` needs, comparable)."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


class Footer(widgets.Footer):
    """Key hints for the current screen, ranked as keys.py says, as many as the width holds.

    The focused widget's keys come first, then the screen's, then the app's, each node's
    own keys before the ones it inherits, in the order its BINDINGS lists them; F1 and the
    command palette key are never dropped. Textual's footer rebuilds all its keys whenever
    the bindings *might* have changed (a dozen times while a section opens): this one
    rebuilds only when what it would show differs from what it shows.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[tuple[Shown, ...], tuple[Shown, ...]] | None = None

    def compose(self) -> ComposeResult:
        self._shown = keys, pinned = self._keys()
        for key in keys:
            yield self._key(key)
        for key in pinned:
            yield self._key(key, "-command-palette" if key.key in PINNED[1:] else "")

    def _key(self, key: Shown, classes: str = "") -> FooterKey:
        return FooterKey(key.key, key.display, key.description, key.action,
                         disabled=not key.enabled, tooltip=key.tooltip,
                         classes=classes).data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def on_resize(self) -> None:
        self.call_after_refresh(self._recompose_if_changed)

    def _shown_of(self, active: ActiveBinding) -> Shown:
        binding = active.binding
        return Shown(binding.key, self.app.get_key_display(binding), binding.description,
                     binding.action, active.enabled, active.tooltip or binding.tooltip)

    def _pinned(self, key: str, active: dict[str, ActiveBinding]) -> Shown | None:
        if key in active:
            return self._shown_of(active[key])
        binding = pinned_binding(self.app, key)
        if binding is None:
            return None  # an app without the key (a test harness)
        return Shown(binding.key, self.app.get_key_display(binding), binding.description,
                     binding.action, True, binding.tooltip)

    def _keys(self) -> tuple[tuple[Shown, ...], tuple[Shown, ...]]:
        """The ranked keys that fit beside the pinned ones, and the pinned ones."""
        active = self.screen.active_bindings
        pinned = tuple(shown for key in PINNED if (shown := self._pinned(key, active)))
        chain = {id(node): depth for depth, node in enumerate(
            dict.fromkeys(a.node for a in active.values()))}
        candidates: dict[tuple[int, str], tuple[tuple[int, int, int], ActiveBinding]] = {}
        for order, item in enumerate(active.values()):
            binding = item.binding
            if not binding.show or binding.key in PINNED or binding.system:
                continue
            slot = (id(item.node), binding.action)  # "f,slash": one hint, the first key
            if slot not in candidates:
                candidates[slot] = ((chain[id(item.node)], rank(item.node, binding), order),
                                    item)
        room = max(self.app.size.width, self.size.width) - sum(map(_width, pinned)) \
            - PALETTE_EDGE
        chosen: list[Shown] = []
        for _rank, item in sorted(candidates.values(), key=lambda c: c[0]):
            shown = self._shown_of(item)
            if _width(shown) <= room:
                chosen.append(shown)
                room -= _width(shown)
            else:
                room = 0  # keep the order of importance: no lesser key after a gap
        return tuple(chosen), pinned

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            await self.recompose()


def _width(key: Shown) -> int:
    """Cells a key takes in the footer: ' key ' then 'description '."""
    return cell_len(key.display) + 2 + cell_len(key.description) + 1
