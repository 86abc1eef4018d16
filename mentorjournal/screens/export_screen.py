"""The export screen: a live Markdown preview of the export, written to a file on request."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.worker import get_current_worker

from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.text import printable
from mentorjournal.export.document import export_markdown
from mentorjournal.export.file import (
    NOT_ENCRYPTED,
    ExportFileExists,
    beside_exports,
    write_export,
)
from mentorjournal.export.options import ExportOptions, check_period
from mentorjournal.screens.base import SectionScreen
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal
from mentorjournal.widgets.footer import Footer
from mentorjournal.widgets.keys import FORM, VIEW
from mentorjournal.widgets.markdown_view import MarkdownView

if TYPE_CHECKING:
    from textual.app import SystemCommand

    from mentorjournal.app import MentorJournalApp

PREVIEW_LINES = 150
"""The rendered preview stops near here (at an item boundary): laying out a long document
is slow."""
SOURCE_LINES = 3_000
"""The Markdown tab stops near here: loading a ten-year export (~100,000 lines) into a
TextArea froze the screen for a second. The file written holds every line."""


def open_export(app: MentorJournalApp) -> None:
    """Show the export screen on top of home (the palette's 'Export to Markdown')."""
    if app.journal is None or app.journal.pair.get() is None:
        return
    app.go_home()
    app.push_screen(ExportScreen())


def preview_of(text: str, limit: int = PREVIEW_LINES) -> str:
    """The start of the export: `limit` lines, cut before an item heading if one is near."""
    cut = -1
    for _ in range(limit):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            return text
    boundary = text.rfind("\n### ", cut * 4 // 5, cut)  # an item heading in the last fifth
    head = text[: boundary if boundary > 0 else cut]
    total = text.count("\n")
    return f"{head}\n\n---\n\n_The preview stops here; the file holds all {total} lines._\n"


class ExportScreen(SectionScreen):
    """Choose a file and a period, look at the Markdown, write it (never silently replacing)."""

    BINDINGS = [
        Binding("ctrl+s", "write_file", "Write file", group=FORM,
                tooltip="Write the export shown to the chosen file"),
        Binding("f2", "switch_view", "Preview/Markdown", group=VIEW,
                tooltip="Switch between the rendered preview and the Markdown source"),
    ]
    keys_title = "Export"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self) -> None:
        super().__init__(name="export")
        self._options = ExportOptions()
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        today = self.journal.today().isoformat()
        yield Header()
        with Horizontal(id="export-form"):  # narrow: the period below the file
            with Horizontal(id="export-file"):
                yield Input(str(beside_exports(f"mentoring-journal-{today}.md")),
                            id="export-path", placeholder="File to write",
                            tooltip="The Markdown file to write")
                yield Button("Write file", id="export-write", variant="primary")
            with Horizontal(id="export-period"):
                yield Input(id="export-since", placeholder="Since (date)",
                            tooltip="Meetings, wins, entries and reviews from this date")
                yield Input(id="export-until", placeholder="Until (date)",
                            tooltip="... up to and including this date")
                yield Checkbox("Private entries", id="export-private")
        yield Static("Preparing the preview…", id="export-status", markup=False)
        with TabbedContent(id="export-views"):
            with TabPane("Preview", id="export-rendered"), VerticalScroll(id="export-preview"):
                yield MarkdownView()
            with TabPane("Markdown", id="export-source"):
                yield TextArea(read_only=True, soft_wrap=False, show_line_numbers=True,
                               id="export-text")
        yield Footer()

    def on_mount(self) -> None:
        self.follow_review_together(lambda _together: self._mode_changed())
        self._mode_changed()

    def _mode_changed(self) -> None:
        private = self.query_one("#export-private", Checkbox)
        private.disabled = not self.show_private
        if not self.show_private:
            private.value = False
        self._refresh_preview(force=True)

    def palette_commands(self) -> list[SystemCommand]:
        from textual.app import SystemCommand

        return [
            SystemCommand("Export: include private entries" if not self._options.include_private
                          else "Export: leave private entries out",
                          "Private journal entries are marked when included",
                          self._toggle_private),
        ]

    def action_switch_view(self) -> None:
        views = self.query_one(TabbedContent)
        views.active = ("export-source" if views.active == "export-rendered"
                        else "export-rendered")

    def _toggle_private(self) -> None:
        if self.show_private:
            private = self.query_one("#export-private", Checkbox)
            private.value = not private.value

    # -- the preview ---------------------------------------------------------------

    @on(Input.Changed, "#export-since, #export-until")
    @on(Checkbox.Changed)
    def _options_changed(self) -> None:
        self._refresh_preview()

    def _refresh_preview(self, force: bool = False) -> None:
        """Read the options; if they are valid and new, export again in a worker."""
        options = self._read_options()
        if options is None:
            return
        if force or options != self._options or self._shown is None:
            self._options = options
            self.export_preview(options)
        else:  # back to what is shown: just clear the error
            self._show_preview(self._shown, options)

    def _read_options(self) -> ExportOptions | None:
        today = self.journal.today()
        try:
            since = self._date("#export-since", "start date", today)
            until = self._date("#export-until", "end date", today)
            check_period(since, until)
        except JournalError as error:
            self._status(str(error), error=True)
            return None
        private = self.show_private and self.query_one("#export-private", Checkbox).value
        return ExportOptions(since=since, until=until, include_private=private)

    def _date(self, selector: str, field: str, today: date) -> date | None:
        return parse_optional_date(self.query_one(selector, Input).value, today, field=field)

    @work(thread=True, group="export-preview", exclusive=True, exit_on_error=False)
    def export_preview(self, options: ExportOptions) -> None:
        """Build the export off the UI thread; a newer request makes this one's result moot."""
        text = export_markdown(self.journal, options)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_preview, text, options)

    def _show_preview(self, text: str, options: ExportOptions) -> None:
        lines = text.count("\n")
        private = ("private entries included, marked" if options.include_private
                   else "private entries left out" if self.show_private
                   else "private entries left out (review together)")
        self._status(f"{lines} lines of Markdown · {private} · Ctrl+S writes the file")
        if text != self._shown:
            self._shown = text
            self.query_one(MarkdownView).update(preview_of(text))
            self.query_one(TextArea).load_text(preview_of(text, SOURCE_LINES))

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Content(message))
        status.set_class(error, "-error")

    # -- writing -------------------------------------------------------------------

    @on(Button.Pressed, "#export-write")
    @on(Input.Submitted, "#export-path")
    def action_write_file(self) -> None:
        options = self._read_options()
        raw = self.query_one("#export-path", Input).value.strip()
        if options is None:
            return
        if not raw:
            self._status("Enter the file to write.", error=True)
            return
        self._status("Writing…")
        self.export_file(Path(raw), options, force=False)

    @work(thread=True, group="export-write", exit_on_error=False)
    def export_file(self, path: Path, options: ExportOptions, force: bool) -> None:
        """Export and write atomically; an existing file is only replaced once confirmed."""
        text = export_markdown(self.journal, options)
        try:
            written = write_export(path, text, force=force, journal_path=self.mj.path)
        except ExportFileExists as exists:
            self.app.call_from_thread(self._ask_replace, exists.path, options)
        except JournalError as error:
            self.app.call_from_thread(self._write_failed, printable(str(error)))
        else:
            self.app.call_from_thread(self._written, written, text.count("\n"))

    def _ask_replace(self, path: Path, options: ExportOptions) -> None:
        def chosen(key: str | None) -> None:
            if key == "replace":
                self.export_file(path, options, force=True)
            else:
                self._status("Not written: the existing file was kept.")

        self.app.push_screen(ChoiceModal.confirm(
            "Replace the file?", f"{path} already exists. Replace it with this export?",
            Choice("replace", "Replace", "warning")), chosen)

    def _write_failed(self, message: str) -> None:
        self._status(message, error=True)
        self.notify(message, title="Not written", severity="error", markup=False)

    def _written(self, path: Path, lines: int) -> None:
        self._status(f"Wrote {lines} lines to {path}")
        self.notify(printable(f"Wrote {lines} lines to {path}"), title="Exported", markup=False)
        if self.journal.store.key is not None:
            self.notify(NOT_ENCRYPTED, title="Not encrypted", severity="warning",
                        timeout=15)
