"""Review together: a private journal entry appears on no screen while the pair looks together."""

from __future__ import annotations

import html
import re

from mentorjournal.app import MentorJournalApp
from mentorjournal.core.journal import Journal
from mentorjournal.core.sections import SECTIONS
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.screens.journal_screen import JournalScreen
from mentorjournal.widgets.choice_modal import ChoiceModal

BIG = (160, 60)


def drawn_text(app: MentorJournalApp) -> str:
    """Everything drawn on the terminal right now, spaces removed (styles split words)."""
    svg = app.export_screenshot()
    fragments = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return re.sub(r"\s+", "", html.unescape("".join(fragments)).replace("\xa0", " "))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


async def test_private_entry_is_nowhere_in_review_together(app: MentorJournalApp,
                                                          journal: Journal) -> None:
    private = [e for e in journal.entries.all() if e.private]
    public = [e for e in journal.entries.all() if not e.private]
    assert private and public
    secret = squeeze(private[0].title)
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert secret in drawn_text(app)  # shown while the protégé is on their own
        await pilot.press("escape")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "REVIEW TOGETHER" in app.sub_title

        seen = {}
        assert isinstance(app.screen, HomeScreen)
        seen["home"] = drawn_text(app)
        for section in SECTIONS:
            app.open_section(section.name)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen[section.name] = drawn_text(app)
        for where, text in seen.items():
            assert secret not in text, f"the private entry's title shows on {where}"
        assert squeeze(public[0].title)[:20] in seen["journal"]  # the list itself is there

        app.go_home()
        await pilot.pause()
        await pilot.press("ctrl+t")  # leaving the mode is explicit
        await pilot.pause()
        assert "REVIEW TOGETHER" not in app.sub_title


async def test_a_served_app_starts_in_review_together_and_asks_to_leave(
        app: MentorJournalApp, journal: Journal) -> None:
    secret = squeeze(next(e for e in journal.entries.all() if e.private).title)
    app.served = True  # what `mentorjournal --served` sets in a tab of `serve`
    async with app.run_test(size=BIG) as pilot:
        await pilot.pause()
        assert app.review_together and "REVIEW TOGETHER" in app.sub_title
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert secret not in drawn_text(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)  # the screen may be shared: ask first
        assert squeeze("Show private entries?") in drawn_text(app)
        await pilot.press("ctrl+t")  # asked once, not twice
        await pilot.press("enter")  # "Keep them hidden" has the focus
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen) and app.review_together
        assert secret not in drawn_text(app)
        await pilot.press("ctrl+t", "tab", "enter")  # "Show them"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.review_together and "REVIEW TOGETHER" not in app.sub_title
        assert secret in drawn_text(app)
        await pilot.press("ctrl+t")  # hiding them again needs no question
        await pilot.pause()
        assert app.review_together and isinstance(app.screen, JournalScreen)
