"""The footer of every screen: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import widgets

if TYPE_CHECKING:
    from textual.screen import Screen


class Footer(widgets.Footer):
    """Key hints for the current screen.

    Textual's footer rebuilds all its keys whenever the screen's bindings *might* have
    changed: each focus change and each `refresh_bindings()`, a dozen times while a
    section screen opens. This one first compares what it would show with what it shows.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def _keys(self) -> tuple[object, ...]:
        """Everything `compose` reads from the bindings, as one comparable value."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.show,
             binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
