"""TagSuggester: completes the tag being typed in a comma-separated list of tags."""

from __future__ import annotations

from textual.suggester import Suggester


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags used before."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self._tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        _head, _, last = value.rpartition(",")
        stem = last.lstrip()
        if not stem:
            return None
        for tag in self._tags:
            if tag.startswith(stem) and tag != stem:
                return value + tag[len(stem):]
        return None
