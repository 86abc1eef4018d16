"""The footer of every screen: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import widgets

from mentorjournal.textual_compat import mark_footer_bindings_ready

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class Footer(widgets.Footer):
    """Key hints for the current screen.

    Textual's footer rebuilds all its keys whenever the screen's bindings *might* have
    changed: each focus change and each `refresh_bindings()`, a dozen times while a
    section screen opens. This one first compares what it would show with what it shows,
    and shows the keys from its first frame.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        # Textual's footer stays empty until the first refresh after mounting and shows
        # its keys a frame later (~60 ms): ours shows them in the screen's first frame.
        mark_footer_bindings_ready(self)
        self._shown = self._keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        mark_footer_bindings_ready(self)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    def _keys(self) -> tuple[object, ...]:
        """Everything `compose` reads from the bindings, as one comparable value."""
        return tuple(
            (binding.key, self.app.get_key_display(binding), binding.action,
             binding.description, binding.show, binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
