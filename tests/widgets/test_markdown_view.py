"""MarkdownView: user Markdown drawn literally, styled by the theme, links opened safely."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from mentorjournal.textual_compat import notifications
from mentorjournal.widgets.markdown_view import MarkdownView
from tests.conftest import HOSTILE, drawn_text

NOTE = "# Plan\n\n- [the primer](https://example.org/primer)\n- [a file](../secrets.txt)\n- [a script](file:///bin/sh)\n"


class Viewer(App[None]):
    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield MarkdownView(self.source)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)


async def test_web_links_open_on_click_and_others_never() -> None:
    app = Viewer(NOTE)
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(MarkdownView)
        lines = drawn_text(view).splitlines()
        assert lines[0].startswith("Plan")  # a heading, on the left, without its #
        row = next(n for n, line in enumerate(lines) if "the primer" in line)
        await pilot.click(MarkdownView, offset=(lines[row].index("primer"), row))
        row = next(n for n, line in enumerate(lines) if "a file" in line)
        await pilot.click(MarkdownView, offset=(lines[row].index("file"), row))
        await pilot.pause()
        assert app.opened == ["https://example.org/primer"]
        assert any("Not opened: ../secrets.txt" in str(n.message)
                   for n in notifications(app))
        assert "[a script](file:///bin/sh)" in drawn_text(view)  # never even a link


@pytest.mark.parametrize("source", [HOSTILE, "[bold]x[/] [@click=app.quit]q[/]", "😀 日本語 עברית"])
async def test_text_is_drawn_literally(source: str) -> None:
    app = Viewer(source)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.click(MarkdownView)
        text = drawn_text(app.query_one(MarkdownView))
        assert "\x1b" not in text and app.is_running
        if "[" in source and "\x1b" not in source:
            assert source in text


async def test_update_changes_the_text_and_the_height() -> None:
    app = Viewer("one line")
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(MarkdownView)
        assert view.size.height == 1
        view.update("first\n\nsecond\n\nthird")
        await pilot.pause()
        assert view.size.height == 5
        assert "third" in drawn_text(view)


async def test_a_theme_change_recolours_it() -> None:
    app = Viewer("# Plan")
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(MarkdownView)

        def heading_colour() -> object:
            strip = view.render_lines(view.size.region)[0]
            return next(s.style.color for s in strip if s.text.strip() and s.style)

        dark = heading_colour()
        app.theme = "textual-light"
        await pilot.pause()
        assert heading_colour() != dark


async def test_each_typed_line_is_drawn_on_its_own_line() -> None:
    app = Viewer("one\ntwo\nthree\n\n- item\n- next\n\n```\ncode\n```")
    async with app.run_test(size=(60, 12)):
        lines = [line.strip() for line in drawn_text(app.query_one(MarkdownView)).splitlines()]
        assert lines[:3] == ["one", "two", "three"]  # not "one two three"
        assert not any("\\" in line for line in lines)
        assert sum("item" in line or "next" in line for line in lines) == 2
