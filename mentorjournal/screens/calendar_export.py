"""The palette's "Export calendar": the .ics written beside the Markdown export, in a
worker, asking before it replaces a file (the Markdown export's rules)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mentorjournal.core.text import printable
from mentorjournal.export.calendar import CALENDAR_FILE, export_calendar
from mentorjournal.export.file import (
    NOT_ENCRYPTED,
    ExportFileExists,
    beside_exports,
    write_export,
)
from mentorjournal.storage.errors import JournalError
from mentorjournal.widgets.choice_modal import Choice, ChoiceModal

if TYPE_CHECKING:
    from mentorjournal.app import MentorJournalApp


def export_calendar_file(app: MentorJournalApp, *, force: bool = False) -> None:
    """Write the calendar to ~/mentoring-calendar.ics; an existing file is replaced only
    once the user says so."""
    if app.journal is None or app.journal.pair.get() is None:
        return
    app.run_worker(partial(_write, app, beside_exports(CALENDAR_FILE), force),
                   name="export_calendar", group="export-calendar", thread=True,
                   exit_on_error=False)


def _write(app: MentorJournalApp, target: Path, force: bool) -> None:
    """In the worker: build the calendar and write it atomically, then report back."""
    journal = app.journal
    assert journal is not None
    try:
        payload = export_calendar(journal)
        written = write_export(target, payload, force=force, journal_path=journal.path)
    except ExportFileExists as exists:
        app.call_from_thread(_ask_replace, app, exists.path)
    except JournalError as error:
        app.call_from_thread(app.notify, printable(str(error)), title="Calendar not written",
                             severity="error", markup=False)
    else:
        items = payload.count(b"\r\nBEGIN:VEVENT") + payload.count(b"\r\nBEGIN:VTODO")
        app.call_from_thread(app.notify, printable(
            f"Wrote {items} calendar items to {written}. Import it into your calendar app; "
            "importing it again updates them."), title="Calendar written", markup=False)
        if journal.store.key is not None:
            app.call_from_thread(app.notify, NOT_ENCRYPTED, title="Not encrypted",
                                 severity="warning", timeout=15)


def _ask_replace(app: MentorJournalApp, path: Path) -> None:
    def chosen(key: str | None) -> None:
        if key == "replace":
            export_calendar_file(app, force=True)
        else:
            app.notify("Not written: the existing file was kept.", title="Calendar",
                       markup=False)

    app.push_screen(ChoiceModal.confirm(
        "Replace the calendar file?",
        f"{path} already exists. Replace it with the calendar as it stands now? "
        "(Importing the new file updates the items you imported before.)",
        Choice("replace", "Replace", "warning")), chosen)
