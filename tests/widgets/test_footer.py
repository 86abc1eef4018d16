"""The footer shows the screen's keys, and rebuilds only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from mentorjournal.textual_compat import FooterKey
from mentorjournal.widgets.footer import Footer


class Form(App[None]):
    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("f4", "delete", "Delete")]

    can_delete = False
    saved = 0

    def action_save(self) -> None:
        self.saved += 1

    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_delete if action == "delete" else True


def keys_shown(app: App[None]) -> list[str]:
    return [key.description for key in app.query(FooterKey)]


async def test_rebuilt_only_when_the_keys_change() -> None:
    app = Form()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        assert keys_shown(app)[:1] == ["Save"] and "Delete" not in keys_shown(app)
        shown = list(footer.query(FooterKey))
        for _ in range(3):  # each focus change asks the footer to refresh its keys
            await pilot.press("tab")
            await pilot.pause()
        assert list(footer.query(FooterKey)) == shown  # the same widgets: nothing rebuilt
        app.can_delete = True
        app.refresh_bindings()
        await pilot.pause()
        assert "Delete" in keys_shown(app)  # a real change still shows
        await pilot.click(FooterKey)  # and the keys still work with the mouse
        await pilot.pause()
        assert app.saved == 1
