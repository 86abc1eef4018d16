"""What textual_compat relies on in Textual's internals still holds: each failure names the
function to revisit and its upstream issue."""

from __future__ import annotations

from importlib.metadata import version

from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.reactive import Reactive, reactive
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from mentorjournal.textual_compat import (
    FixedWidthDimensions,
    clear_styles_cache,
    counting_cell_measures,
    default_cursor_blink,
    forget_closed_watchers,
    notifications,
    option_visual,
    screen_output,
    set_option_visual,
    watch_frames,
)

ROWS = 50


def changed(function: str, issue: str, what: str) -> str:
    """The message of a failure: which function, which issue, what Textual does now."""
    return (f"textual_compat.{function} ({issue}): in Textual {version('textual')}, {what}. "
            "Revisit the function (and this test), or drop it if fixed upstream.")


class Watched(App[None]):
    value = reactive(0)

    def compose(self) -> ComposeResult:
        yield Watcher(id="closed")
        yield Watcher(id="open")


class Watcher(Widget):
    def on_mount(self) -> None:
        self.watch(self.app, "value", lambda _value: None, init=False)


def watchers_of(app: App[None], owner: Widget) -> int:
    entries = getattr(app, "__watchers", {}).get("value", [])
    return sum(1 for entry_owner, _callback in entries if entry_owner is owner)


async def test_forget_closed_watchers() -> None:
    issue = "Textualize/textual#6666"
    app = Watched()
    async with app.run_test() as pilot:
        closed, kept = app.query_one("#closed"), app.query_one("#open")
        assert isinstance(getattr(app, "__watchers", None), dict), changed(
            "forget_closed_watchers", issue, "watchers are no longer kept in `__watchers`")
        assert watchers_of(app, closed) == 1, changed(
            "forget_closed_watchers", issue, "`__watchers` no longer holds (owner, callback)")
        await closed.remove()
        await pilot.pause()
        assert getattr(closed, "_closing", None) is True, changed(
            "forget_closed_watchers", issue, "a removed widget no longer has `_closing` set")
        assert watchers_of(app, closed) == 1, changed(
            "forget_closed_watchers", issue, "a removed widget's watcher is already gone")
        forget_closed_watchers(app)
        assert (watchers_of(app, closed), watchers_of(app, kept)) == (0, 1), changed(
            "forget_closed_watchers", issue, "pruning `__watchers` by `_closing` does not work")
        app.value += 1  # what is left still works
        await pilot.pause()


async def test_clear_styles_cache() -> None:
    issue = "Textualize/textual#6665"
    cache = StylesCache.get_inner_outer
    assert hasattr(cache, "cache_clear") and hasattr(cache, "cache_info"), changed(
        "clear_styles_cache", issue, "`StylesCache.get_inner_outer` is no longer an lru_cache")
    app = App[None]()
    async with app.run_test() as pilot:
        await app.mount(Static("styled", classes="box"))
        await pilot.pause()
        assert cache.cache_info().currsize > 0, changed(
            "clear_styles_cache", issue, "drawing a widget no longer fills the cache")
        clear_styles_cache()
        assert cache.cache_info().currsize == 0, changed(
            "clear_styles_cache", issue, "`cache_clear` leaves the cache filled")


class CountingTable(FixedWidthDimensions, DataTable[str]):
    updates = 0

    def _update_dimensions(self, new_rows: object) -> None:
        CountingTable.updates += 1
        super()._update_dimensions(new_rows)  # type: ignore[arg-type]


async def test_fixed_width_data_table_measures_no_row() -> None:
    name, issue = "FixedWidthDimensions", "Textualize/textual#1892"
    for table, measures_rows in ((DataTable[str](), True), (CountingTable(), False)):
        app = App[None]()
        async with app.run_test() as pilot:
            await app.mount(table)
            table.add_column("When", width=10)
            table.add_column("What", width=30)
            with counting_cell_measures() as measured:
                for n in range(ROWS):
                    table.add_row(f"day {n}", f"thing {n}")
                await pilot.pause()
            assert table.virtual_size.height >= ROWS
            if measures_rows:  # DataTable itself measures each new cell...
                assert len(measured) >= ROWS, changed(
                    "counting_cell_measures", "no upstream issue",
                    "DataTable no longer measures cells through `_data_table.measure`")
            else:  # ...but not in ours
                assert CountingTable.updates > 0, changed(
                    name, issue, "DataTable no longer calls `_update_dimensions`")
                assert measured == [], changed(
                    name, issue, "cells are measured outside `_update_dimensions`")


class Options(App[None]):
    def __init__(self, option: Option) -> None:
        super().__init__()
        self.option = option

    def compose(self) -> ComposeResult:
        yield OptionList(self.option)


async def test_set_option_visual() -> None:
    name, issue = "set_option_visual", "Textualize/textual#5498"
    option = Option("the prompt")
    assert option_visual(option) is None, changed(
        "option_visual", issue, "an Option no longer starts without a visual")
    set_option_visual(option, Content("our own visual"))
    app = Options(option)
    async with app.run_test() as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        drawn = "".join(strip.text for strip in options.render_lines(
            Region(0, 0, *options.outer_size)))
        assert "our own visual" in drawn and "the prompt" not in drawn, changed(
            name, issue, "OptionList no longer draws the visual kept in `Option._visual`")


def test_default_cursor_blink() -> None:
    class OurInput(Input):
        pass

    for widget_class, subclass in ((Input, OurInput), (TextArea, None)):
        assert isinstance(vars(widget_class)["cursor_blink"], Reactive)
        blinking = widget_class().cursor_blink
        with default_cursor_blink(widget_class, not blinking):
            assert widget_class().cursor_blink is not blinking, changed(
                "default_cursor_blink", "no upstream issue",
                "a Reactive's default no longer comes from its `_default`")
            if subclass is not None:
                assert subclass().cursor_blink is not blinking
        assert widget_class().cursor_blink is blinking


async def test_notifications() -> None:
    app = App[None]()
    async with app.run_test() as pilot:
        app.notify("first", title="One")
        app.notify("second", severity="error")
        await pilot.pause()
        assert [(n.message, n.severity) for n in notifications(app)] == [
            ("first", "information"), ("second", "error")], changed(
            "notifications", "no upstream issue", "App._notifications is not what was notified")


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("hello \x1b[2J", markup=False)


async def test_screen_output() -> None:
    app = Hello()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        output = screen_output(app)
        assert "hello" in output and "\x1b[" in output, changed(
            "screen_output", "no upstream issue",
            "the compositor's full update no longer renders terminal output")


async def test_watch_frames() -> None:
    app = Hello()
    assert hasattr(app, "_display") and app._batch_count == 0, changed(
        "watch_frames", "no upstream issue", "App has no `_display` or `_batch_count`")
    frames: list[None] = []
    watch_frames(app, lambda: frames.append(None))
    async with app.run_test() as pilot:
        await pilot.pause()
        drawn = len(frames)
        assert drawn > 0, changed("watch_frames", "no upstream issue",
                                  "frames no longer pass through `App._display`")
        app.query_one(Static).update("changed")
        await pilot.pause()
        assert len(frames) > drawn


async def test_hangup_safe_driver() -> None:
    """The driver's output file is what its writer thread writes to, and the wrapped one
    drops writes once they fail (as on a terminal that hung up)."""
    import errno
    import inspect
    import io

    from textual.drivers.linux_driver import LinuxDriver

    from mentorjournal.textual_compat import hangup_safe_driver

    issue = "Textualize/textual#6692"
    assert "WriterThread(self._file)" in inspect.getsource(LinuxDriver.start_application_mode), (
        changed("hangup_safe_driver", issue, "the writer thread no longer writes to `_file`"))
    driver_class = hangup_safe_driver(LinuxDriver)
    assert issubclass(driver_class, LinuxDriver)
    driver = driver_class(App(), debug=False, mouse=False, size=(80, 24))
    out = vars(driver)["_file"]

    class GoneTerminal(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(errno.EIO, "Input/output error")

    out._file = GoneTerminal()
    assert out.write("\x1b[?1049l") == 8  # dropped, not raised: the writer thread lives on
    out.flush()
    assert out.gone
