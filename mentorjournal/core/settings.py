"""Per-journal preferences: the theme, how many daily backups, private by default."""

from __future__ import annotations

import dataclasses
from typing import Any

from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import Settings
from mentorjournal.core.records import SINGLETON_ID, Records

MAX_BACKUP_DAYS = 366


class SettingsService:
    """`journal.settings`: the one settings record."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def get(self) -> Settings:
        return self._records.get(Settings, SINGLETON_ID) or Settings(id=SINGLETON_ID)

    def update(self, **changes: Any) -> Settings:
        settings = dataclasses.replace(self.get(), id=SINGLETON_ID, **changes)
        if not 1 <= settings.backup_days <= MAX_BACKUP_DAYS:
            raise ValidationError("backup_days", f"Keep 1 to {MAX_BACKUP_DAYS} daily backups.")
        return self._records.put(settings)
