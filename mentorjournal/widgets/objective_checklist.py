"""ObjectiveChecklist: a goal's objectives; Space, Enter or a click ticks one."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mentorjournal.core.model import Objective
from mentorjournal.core.text import one_line
from mentorjournal.widgets.keys import MOVE, Purpose


def objective_prompt(objective: Objective) -> Content:
    """'☑ text  done 2026-11-20', '☐ text', or a dimmed archived line."""
    text = one_line(objective.text)
    if objective.archived:
        return Content.assemble(("▫ ", "$text-disabled"), (text, "strike $text-disabled"),
                                ("  archived", "$text-muted"))
    if objective.done:
        done_on = f"  done {objective.done_on.isoformat()}" if objective.done_on else ""
        return Content.assemble(("☑ ", "$text-success"), text, (done_on, "$text-muted"))
    return Content.assemble(("☐ ", "bold"), text)


OBJECTIVES = Purpose("Objectives")


class ObjectiveChecklist(OptionList):
    """The checklist; results go up as messages carrying the objective's index."""

    DEFAULT_CSS = """
    ObjectiveChecklist {
        height: auto; max-height: 60%; margin-bottom: 1;
        & > .option-list--option { padding: 0 1; }
    }
    """
    BINDINGS = [
        Binding("space", "select", "Tick", group=OBJECTIVES,
                tooltip="Tick the highlighted objective done, or not done"),
        Binding("e", "edit", "Edit objective", group=OBJECTIVES,
                tooltip="Reword the highlighted objective"),
        Binding("z", "archive", "Archive objective", group=OBJECTIVES,
                tooltip="Archive the highlighted objective, or bring it back"),
        Binding("shift+up", "move(-1)", "Move up", key_display="⇧↑", group=MOVE,
                tooltip="Move the highlighted objective up"),
        Binding("shift+down", "move(1)", "Move down", key_display="⇧↓", group=MOVE,
                tooltip="Move the highlighted objective down"),
    ]

    class Toggled(Message):
        """The user ticked or unticked the objective at `index` (`done` is the wish)."""

        def __init__(self, index: int, done: bool, archived: bool) -> None:
            super().__init__()
            self.index = index
            self.done = done
            self.archived = archived

    class EditRequested(Message):
        """The user wants to reword the objective at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class ArchiveRequested(Message):
        """Archive (or bring back, if `archived` is False) the objective at `index`."""

        def __init__(self, index: int, archived: bool) -> None:
            super().__init__()
            self.index = index
            self.archived = archived

    class MoveRequested(Message):
        """Move the objective at `index` by `delta` places."""

        def __init__(self, index: int, delta: int) -> None:
            super().__init__()
            self.index = index
            self.delta = delta

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._objectives: tuple[Objective, ...] = ()

    def show_objectives(self, objectives: tuple[Objective, ...], keep: int | None = None) -> None:
        """Show these objectives, keeping the highlight at index `keep` (or the current one)."""
        keep = self.highlighted if keep is None else keep
        if len(objectives) == len(self._objectives):
            for index, (old, new) in enumerate(zip(self._objectives, objectives, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(index, objective_prompt(new))
        else:
            self.set_options(Option(objective_prompt(o)) for o in objectives)
        self._objectives = objectives
        if objectives:
            self.highlighted = min(keep or 0, len(objectives) - 1)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        objective = self._objectives[event.option_index]
        self.post_message(self.Toggled(event.option_index, not objective.done,
                                       objective.archived))

    def action_edit(self) -> None:
        if self.highlighted is not None and self._objectives:
            self.post_message(self.EditRequested(self.highlighted))

    def action_archive(self) -> None:
        if self.highlighted is not None and self._objectives:
            archived = self._objectives[self.highlighted].archived
            self.post_message(self.ArchiveRequested(self.highlighted, not archived))

    def action_move(self, delta: int) -> None:
        index = self.highlighted
        if index is not None and 0 <= index + delta < len(self._objectives):
            self.post_message(self.MoveRequested(index, delta))
