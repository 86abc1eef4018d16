"""Every touch of a private Textual name, each with its upstream issue and why we need it.

Nothing else in the package, the tests or the benchmarks reaches past Textual's public API.
Textual is pinned exactly (pyproject.toml); on an upgrade, tests/test_textual_compat.py
names each function here whose private name is gone or no longer behaves as relied on.
At run time these functions stay quiet where they can (a missing cache is not cleared); the
tests are the loud part.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from textual._compositor import CompositorUpdate
from textual._styles_cache import StylesCache
from textual.widgets._footer import FooterKey

# Only for annotations: importing TextArea here would load it (with its document and
# tree-sitter modules) at start-up, which the home screen does not need.
if TYPE_CHECKING:
    from rich.console import Console
    from textual.app import App
    from textual.driver import Driver
    from textual.notifications import Notification
    from textual.visual import Visual
    from textual.widgets import DataTable, Input, TextArea
    from textual.widgets.data_table import RowKey
    from textual.widgets.option_list import Option

__all__ = [
    "FixedWidthDimensions",
    "FooterKey",
    "clear_styles_cache",
    "counting_cell_measures",
    "default_cursor_blink",
    "forget_closed_watchers",
    "hangup_safe_driver",
    "notifications",
    "option_visual",
    "screen_output",
    "set_option_visual",
    "watch_frames",
]


# --- Closed screens kept alive (used by screens/base.py: release_closed_screens) ---------

def forget_closed_watchers(watched: object) -> None:
    """Drop the watchers that closed widgets left on `watched` (the app, say).

    Textualize/textual#6666: `self.watch(other, ...)` (and `data_bind`) stores the watcher
    in `other.__watchers` and prunes closed owners (`_closing`) only when the watched value
    next changes, so a closed screen stays alive until then. This prunes them now, exactly
    as `Reactive._check_watchers` would.
    """
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(watched, "__watchers", {})
    for entries in watchers.values():
        entries[:] = [(owner, callback) for owner, callback in entries
                      if not getattr(owner, "_closing", False)]


def clear_styles_cache() -> None:
    """Empty the cache of styled lines that holds on to dead widgets.

    Textualize/textual#6665: `StylesCache.get_inner_outer` is an `lru_cache` on a method,
    keyed by the cache instance, so it keeps up to 1,024 dead widgets' caches (and their
    rendered lines). Clearing it costs the next frame a few recomputed colours.
    """
    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()


# --- Widgets of ours that lean on internals ---------------------------------------------

if TYPE_CHECKING:
    _TableBase = DataTable[Any]
else:  # DataTable is loaded with the first screen that shows a table, not at start-up
    _TableBase = object


class FixedWidthDimensions(_TableBase):
    """Mixed in before DataTable: new cells are measured only while a column is auto-width.

    Textualize/textual#1892 (a lazily filled DataTable; closed without one): we fill rows
    as they come into view (widgets/lazy_table.py), and DataTable measures every new cell
    in `_update_dimensions` for column widths that only auto-width columns use. With fixed
    widths, passing no new rows updates just the virtual size.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:  # fixed widths, one-line rows: only the virtual size needs updating
            super()._update_dimensions(())


def set_option_visual(option: Option, visual: Visual) -> None:
    """Give `option` the visual OptionList measures and draws, instead of its prompt's.

    Textualize/textual#5498 (large OptionLists are slow to load): OptionList builds every
    option's visual from its prompt up front; the journal list (widgets/entry_view.py)
    hands it a visual that tells its height without building the prompt. OptionList keeps
    a visual in the option's private `_visual` and builds one only while that is None.
    """
    option._visual = visual


def option_visual(option: Option) -> Visual | None:
    """The visual OptionList measures and draws for `option` (None until it needs one)."""
    return option._visual


# --- For tests and benchmarks -----------------------------------------------------------

@contextmanager
def default_cursor_blink(widget_class: type[Input] | type[TextArea],
                         blink: bool) -> Iterator[None]:
    """Within the block, `widget_class` cursors (and its subclasses') blink or not by default.

    No upstream issue filed yet: Textual has no switch for steady cursors in tests, and a
    snapshot must not depend on when in the blink it was taken. `cursor_blink` is a
    Reactive whose default sits in its private `_default`; this swaps it and puts it back.
    """
    reactive = widget_class.cursor_blink
    saved = reactive._default
    reactive._default = blink
    try:
        yield
    finally:
        reactive._default = saved


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications `app` is showing, oldest first.

    No upstream issue filed yet: App keeps them in its private `_notifications`, and there
    is no public way to read them back.
    """
    return list(app._notifications)


def screen_output(app: App[Any]) -> str:
    """What `app` would write to a real terminal to draw its whole current screen.

    No upstream issue filed yet: only the screen's private `_compositor` renders a full
    update as terminal output (`export_screenshot` gives SVG, with escapes already made
    harmless), and hostile-text tests must see the bytes a terminal would get.
    """
    update = app.screen._compositor.render_update(full=True)
    if not isinstance(update, CompositorUpdate):
        raise RuntimeError(f"the screen gave {update!r}, not a compositor update")
    return update.render_segments(app.console)


@contextmanager
def counting_cell_measures() -> Iterator[list[object]]:
    """Within the block, the list holds one item per cell (or header) DataTable measured.

    No upstream issue filed yet: DataTable measures through `measure` in its private module
    `textual.widgets._data_table`; tests count the calls to show a long table measures
    none of its rows (see FixedWidthDimensions).
    """
    from textual.widgets import DataTable

    names = vars(sys.modules[DataTable.__module__])  # textual.widgets._data_table
    measured: list[object] = []
    real: Callable[..., int] = names["measure"]

    def counting(console: Console, renderable: object, default: int, **kwargs: Any) -> int:
        measured.append(renderable)
        return real(console, renderable, default, **kwargs)

    names["measure"] = counting
    try:
        yield measured
    finally:
        names["measure"] = real


def watch_frames(app: App[Any], on_frame: Callable[[], None]) -> None:
    """Call `on_frame()` right after each frame `app` draws (not those skipped in a batch).

    No upstream issue filed yet: Textual has no frame hook. Every frame passes through the
    private `App._display` (in headless mode it then writes nothing), and a frame asked for
    during `batch_update` (`_batch_count` above 0) is not drawn. For benchmarks/bench.py.
    """
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None and not app._batch_count:
            on_frame()

    app._display = display  # type: ignore[method-assign]


# --- A terminal that hangs up (used by cli/main.py: the app on a terminal) ---------------

class _WritesToGoneTerminal:
    """The driver's output file, whose writes are dropped once the terminal is gone."""

    def __init__(self, file: TextIO) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except OSError:  # EIO once the terminal hung up, EPIPE...: nobody is reading
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def hangup_safe_driver(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class`, made to survive a terminal that hangs up while it writes.

    Textualize/textual#6692: the LinuxDriver's output thread (`WriterThread`) dies on the
    first write that fails, and every later write then blocks for ever in its bounded
    queue. A closed terminal makes writes fail (EIO) until our SIGHUP handler points the
    output at /dev/null, which under load can be a while: the app then hung for good,
    holding the journal's lock. The driver's private output file (`_file`, handed to its
    writer thread when application mode starts) is wrapped so that such writes are dropped.
    Other drivers (the web driver of `serve`, Windows) are returned unchanged.
    """
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # no termios: not a POSIX terminal
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class HangupSafeDriver(driver_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.__dict__["_file"] = _WritesToGoneTerminal(self.__dict__["_file"])

    return HangupSafeDriver
