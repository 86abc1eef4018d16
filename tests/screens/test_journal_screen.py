"""The journal and the vision board as a user drives them: keys, mouse, store afterwards."""

from __future__ import annotations

import webbrowser

import pytest
from textual.widgets import Input, OptionList, TextArea

from mentorjournal.app import MentorJournalApp
from mentorjournal.core.entries import BUILT_IN_PROMPTS, DRAFT_ENTRY
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import Draft, JournalEntry, VisionCard, VisionKind
from mentorjournal.screens.entry_editor import EntryEditorModal
from mentorjournal.screens.journal_screen import JournalScreen
from mentorjournal.screens.vision_screen import VisionScreen
from mentorjournal.textual_compat import notifications
from mentorjournal.widgets.choice_modal import ChoiceModal
from mentorjournal.widgets.entry_view import MATCH_STYLE
from mentorjournal.widgets.pick_modal import PickModal
from mentorjournal.widgets.vision_card import VisionCardView
from tests.conftest import HOSTILE, SIZE, TODAY


def entry_titled(journal: Journal, title: str) -> JournalEntry:
    return next(e for e in journal.entries.all() if e.title == title)


async def test_write_an_entry_with_a_prompt_then_mark_it_private(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(empty_app.screen, JournalScreen)
        assert "No entries yet" in str(empty_app.screen.query_one("#entry-title").render())
        await pilot.press("n")
        await pilot.pause()
        editor = empty_app.screen
        assert isinstance(editor, EntryEditorModal)
        assert editor.query_one("#editor-prompt").display  # a prompt is offered when empty
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(empty_app.screen, PickModal)
        await pilot.press("enter")  # the first built-in prompt
        await pilot.pause()
        assert editor.query_one("#title", Input).value == BUILT_IN_PROMPTS[0]
        await pilot.press(*"I tried a [bold] walk")
        await pilot.press("ctrl+s")
        await empty_app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(empty_app.screen, JournalScreen)
        entry = entry_titled(empty_journal, BUILT_IN_PROMPTS[0])
        assert entry.body == "I tried a [bold] walk" and not entry.private
        assert entry.written_on == TODAY
        assert empty_journal.drafts.of_kind(DRAFT_ENTRY) == []

        await pilot.press("p")
        await empty_app.workers.wait_for_complete()
        await pilot.pause()
        assert empty_journal.entries.get(entry.id).private  # type: ignore[union-attr]
        assert "🔒 private" in str(empty_app.screen.query_one("#entry-meta").render())
        await pilot.press("ctrl+t")  # review together: the private entry disappears
        await pilot.pause()
        assert empty_app.screen.query_one(OptionList).option_count == 0


async def test_search_highlights_and_filters(app: MentorJournalApp, journal: Journal) -> None:
    journal.entries.save(JournalEntry(written_on=TODAY, title="Kayak trip", body="Paddling calmly",
                             mood="glad", tags=("outdoors",)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash")
        await pilot.press(*"PADDLING", "enter")  # Enter searches now and goes to the list
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert [e.title for e in screen.shown] == ["Kayak trip"]
        prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
        assert any(span.style == MATCH_STYLE for span in prompt.spans)  # type: ignore[union-attr]
        await pilot.press("escape")  # Escape clears the search before it goes home
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert len(screen.shown) == len(journal.entries.all())
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        app.screen.query_one(OptionList).highlighted = app.screen._options.index("outdoors")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.title for e in screen.shown] == ["Kayak trip"]
        await pilot.press("c", "m")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = app.screen._options.index("unsure")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.title for e in screen.shown] == ["Doubts about the lead role"]


async def test_edit_an_entry_in_the_text_area(app: MentorJournalApp, journal: Journal) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        first = app.screen.shown[0]  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditorModal)
        editor.query_one("#body", TextArea).focus()
        await pilot.press("ctrl+home", "end")  # end of the first line
        await pilot.press(*" (edited)")
        await pilot.press("f2")  # the live preview follows the text
        await pilot.pause()
        assert editor.query_one("#preview").display
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        saved = journal.entries.get(first.id)
        assert saved is not None
        assert saved.body.splitlines()[0] == first.body.splitlines()[0] + " (edited)"
        assert saved.title == first.title and saved.updated_at is not None


async def test_hostile_text_is_refused_or_shown_literally(
    app: MentorJournalApp, journal: Journal,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "n")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#title", Input).value = HOSTILE
        editor.query_one("#written_on", Input).value = "2026-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorModal)  # kept open, input kept
        assert "not a real date" in str(editor.query_one("#form-error").render())
        editor.query_one("#written_on", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, JournalScreen)
        assert entry_titled(journal, HOSTILE).written_on.day == TODAY.day - 1
        assert "[bold]Ana[/]" in str(app.screen.query_one("#entry-title").render())
        saved = [str(n.message) for n in notifications(app) if "Saved" in str(n.message)]
        assert saved and not any("\x1b" in message for message in saved)


async def test_a_left_draft_is_offered_back(app: MentorJournalApp, journal: Journal) -> None:
    journal.drafts.save(Draft(kind=DRAFT_ENTRY, fields={"title": "Half a thought",
                                                       "body": "where was I", "private": True}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("enter")  # restore
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditorModal)
        assert editor.query_one("#body", TextArea).text == "where was I"
        await pilot.press(*" now")
        editor.drafts.keep()  # what the debounce timer does
        await app.workers.wait_for_complete()
        [draft] = journal.drafts.of_kind(DRAFT_ENTRY)
        assert draft.fields["body"] == "where was I now" and draft.fields["private"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.click("#choice-discard")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen) and journal.drafts.of_kind(DRAFT_ENTRY) == []


async def test_private_drafts_are_not_offered_when_reviewing_together(
    app: MentorJournalApp, journal: Journal,
) -> None:
    journal.drafts.save(Draft(kind=DRAFT_ENTRY, fields={"title": "secret", "private": True}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", "j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert all(not e.private for e in app.screen.shown)


def card_texts(journal: Journal) -> list[str]:
    return [c.text for c in journal.vision.all()]


async def test_reorder_vision_cards_with_keys_and_mouse(
    app: MentorJournalApp, journal: Journal,
) -> None:
    first, second, third = card_texts(journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VisionScreen)
        await pilot.press("greater_than_sign")  # move the first card one on
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert card_texts(journal) == [second, first, third]
        await pilot.press("shift+right")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert card_texts(journal) == [second, third, first]
        assert app.screen.current.text == first  # type: ignore[attr-defined]
        views = list(app.screen.query(VisionCardView))
        await pilot.mouse_down(views[2])  # drag the last card onto the first
        await pilot.mouse_up(views[0])
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert card_texts(journal) == [first, second, third]
        assert [c.position for c in journal.vision.all()] == [0, 1, 2]


async def test_link_cards_open_and_bad_links_are_refused(
    app: MentorJournalApp, journal: Journal, monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    monkeypatch.setattr(webbrowser, "get", lambda *_a: object())  # a browser is there
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "right", "right", "enter")
        await app.workers.wait_for_complete()  # the browser is looked up in a worker
        await pilot.pause()
        assert opened == ["https://example.org/facilitation"]
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#kind").value = VisionKind.LINK  # type: ignore[attr-defined]
        form.query_one("#text", Input).value = HOSTILE
        form.query_one("#url", Input).value = "file:///etc/passwd"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "web address" in str(form.query_one("#form-error").render())
        form.query_one("#url", Input).value = "https://example.org/x"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, VisionScreen)
        card = journal.vision.all()[-1]
        assert (card.text, card.url, card.position) == (HOSTILE.strip(), "https://example.org/x", 3)
        assert app.screen.current == card  # type: ignore[attr-defined]


async def test_empty_vision_board_says_what_to_do(empty_app: MentorJournalApp) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert empty_app.screen.query_one("#vision-empty").display
        empty_app.screen.journal.vision.save(VisionCard(text="x"))  # type: ignore[attr-defined]
        empty_app.screen.reload()  # type: ignore[attr-defined]
        await pilot.pause()
        assert not empty_app.screen.query_one("#vision-empty").display


async def test_palette_adds_a_prompt_and_writes_from_it(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "ctrl+p", *"write from a prompt", "enter")
        await pilot.pause()
        assert isinstance(empty_app.screen, PickModal)
        empty_app.screen.query_one("#pick-add", Input).focus()
        await pilot.press(*"What did [b]Sam[/b] say?", "enter")
        await empty_app.workers.wait_for_complete()
        await pilot.pause()
        assert empty_journal.entries.prompts()[-1] == "What did [b]Sam[/b] say?"
        await pilot.press("shift+tab", "enter")  # the new prompt is highlighted
        await pilot.pause()
        editor = empty_app.screen
        assert isinstance(editor, EntryEditorModal)
        assert editor.query_one("#title", Input).value == "What did [b]Sam[/b] say?"


async def test_private_by_default_and_review_together_while_writing(
    empty_app: MentorJournalApp, empty_journal: Journal,
) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "ctrl+p", *"private by default", "enter")
        await empty_app.workers.wait_for_complete()
        await pilot.pause()
        assert empty_journal.settings.get().private_by_default
        await pilot.press("n")
        await pilot.pause()
        editor = empty_app.screen
        assert isinstance(editor, EntryEditorModal)
        assert editor.form_values()["private"]
        await pilot.press(*"A secret")
        empty_app.action_toggle_review_together()  # however it is switched on (Ctrl+T is
        # not active inside the editor), the private text is put away as a draft
        await empty_app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(empty_app.screen, JournalScreen)
        [draft] = empty_journal.drafts.of_kind(DRAFT_ENTRY)
        assert draft.fields["title"] == "A secret" and draft.fields["private"]
