"""HomeworkEditor (rows of what / who / due) and CarryOverPanel (settle earlier homework)."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Select, Static
from textual.widgets.select import NoSelection

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.meetings import HomeworkRef, Settle, parse_due
from mentorjournal.core.model import Homework, Meeting, Role
from mentorjournal.core.text import MAX_LINE, printable
from mentorjournal.widgets.form_field import JSONValue

WHO = [("protégé", Role.PROTEGE), ("mentor", Role.MENTOR)]


class HomeworkItemRow(Horizontal):
    """One homework item being edited; keeps the item's status and carry-over count.

    `typed` (what, who, due) fills the row instead of the item's own fields.
    """

    def __init__(self, item: Homework | None = None,
                 typed: tuple[str, str, str] | None = None) -> None:
        super().__init__(classes="homework-row")
        self.item = item
        if typed is None:
            due = item.due.isoformat() if item and item.due else ""
            typed = (item.text, item.who.value, due) if item else ("", Role.PROTEGE.value, "")
        self._typed = typed

    def compose(self) -> ComposeResult:
        text, who, due = self._typed
        yield Input(text, placeholder="What", max_length=MAX_LINE, classes="hw-text")
        yield Select(WHO, value=Role(who) if who in set(Role) else Role.PROTEGE,
                     allow_blank=False, classes="hw-who")
        yield Input(due, placeholder="Due", classes="hw-due")
        yield Button("✕", classes="hw-remove", tooltip="Remove this item")

    def raw(self) -> tuple[str, str, str]:
        who = self.query_one(".hw-who", Select).value
        return (self.query_one(".hw-text", Input).value, str(who),
                self.query_one(".hw-due", Input).value)

    def read(self, today: date) -> Homework | None:
        """The item as typed (the meeting's check refuses one without text); None when
        the row was left empty."""
        text, who, due_text = self.raw()
        if not text.strip() and not due_text.strip():
            return None
        due = parse_due(due_text, today)
        base = self.item or Homework(text=text)
        return dataclasses.replace(base, text=text.strip(), who=Role(who), due=due)


class HomeworkEditor(Vertical):
    """The homework given in this meeting: add and remove rows."""

    DEFAULT_CSS = """
    HomeworkEditor {
        height: auto;
        .homework-row { height: auto; }
        .hw-text { width: 1fr; }
        .hw-who { width: 16; }
        .hw-due { width: 14; }
        .hw-remove { min-width: 5; width: 5; }
        #hw-add { margin-top: 0; }
    }
    """

    def __init__(self, items: tuple[Homework, ...] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items = items

    def compose(self) -> ComposeResult:
        for item in self._items:
            yield HomeworkItemRow(item)
        yield Button("Add homework", id="hw-add")

    @on(Button.Pressed, "#hw-add")
    async def add_row(self) -> None:
        row = HomeworkItemRow()
        await self.mount(row, before="#hw-add")
        row.query_one(".hw-text", Input).focus()

    @on(Button.Pressed, ".hw-remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.query_ancestor(HomeworkItemRow)
        await row.remove()

    def raw(self) -> list[tuple[str, str, str]]:
        return [row.raw() for row in self.query(HomeworkItemRow)]

    def form_value(self) -> JSONValue:
        """The rows as typed, [what, who, due] each (a form's `FormField`)."""
        return [list(row) for row in self.raw()]

    def restore_form_value(self, value: JSONValue) -> None:
        """Rows as `form_value` gave them; each keeps the item at its place (its status)."""
        rows = [row for row in value if isinstance(row, list) and len(row) == 3] if isinstance(
            value, list) else []
        items = [row.item for row in self.query(HomeworkItemRow)]
        self.remove_children(HomeworkItemRow)
        self.mount_all(
            [HomeworkItemRow(items[n] if n < len(items) else None,
                             (str(row[0]), str(row[1]), str(row[2])))
             for n, row in enumerate(rows)], before="#hw-add")

    def focus_due_at_fault(self, today: date) -> None:
        """Put the cursor on the first due date that cannot be read."""
        for row in self.query(HomeworkItemRow):
            try:
                parse_due(row.raw()[2], today)
            except ValidationError:
                row.query_one(".hw-due", Input).focus()
                return

    def items(self, today: date) -> tuple[Homework, ...]:
        read = (row.read(today) for row in self.query(HomeworkItemRow))
        return tuple(item for item in read if item is not None)


SETTLE_CHOICES = [("done", Settle.DONE), ("carry over", Settle.CARRY), ("drop", Settle.DROP),
                  ("leave open", Settle.LEAVE)]


class CarryOverPanel(Vertical):
    """Open homework from every earlier meeting: done, carry over, drop or leave it open."""

    DEFAULT_CSS = """
    CarryOverPanel {
        height: auto; border: round $accent; padding: 0 1; margin-bottom: 1;
        .carry-row { height: auto; }
        .carry-text { width: 1fr; padding: 1 1 0 0; }
        Select { width: 20; }
    }
    """

    def __init__(self, items: list[tuple[Meeting, int, Homework]]) -> None:
        super().__init__(id="carry-over")
        self._items = items
        self.border_title = Content(f"Open homework ({len(items)})")

    def compose(self) -> ComposeResult:
        for meeting, index, item in self._items:
            times = f" · carried over {item.carried_over}×" if item.carried_over else ""
            with Horizontal(classes="carry-row"):
                yield Static(Content.assemble(
                    printable(item.text),
                    (f" ({item.who.label} · given {meeting.held_on.isoformat()}{times})", "dim")),
                    classes="carry-text")
                yield Select(SETTLE_CHOICES, value=Settle.CARRY, allow_blank=False,
                             id=f"settle-{meeting.id}-{index}")

    def decisions(self) -> dict[HomeworkRef, Settle]:
        """What to do with each open item, by (meeting id, index in that meeting)."""
        return {(meeting.id, index): self._decision(f"#settle-{meeting.id}-{index}")
                for meeting, index, _item in self._items}

    def _decision(self, selector: str) -> Settle:
        value = self.query_one(selector, Select).value
        assert not isinstance(value, NoSelection), "allow_blank=False: always a choice"
        return Settle(value)
