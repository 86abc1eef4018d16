"""Damaged journals: a clear message, the file never overwritten, quarantine and restore work."""

from __future__ import annotations

import errno
import functools
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorjournal.app import make_app
from mentorjournal.core.demo import build_demo
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import RECORD_TYPES, Win
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.storage import store as store_module
from mentorjournal.storage.backups import backups_of, quarantine, restore_backup
from mentorjournal.storage.errors import JournalDamaged, JournalFromFuture
from tests.conftest import SIZE, TODAY, open_journal
from tests.reliability.support import failing

pytestmark = pytest.mark.reliability

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@functools.cache
def demo_payload() -> bytes:
    """The demo journal's bytes (built once): every record type, nested records, markup."""
    journal = Journal(store_module.JournalStore.in_memory(), lambda: TODAY)
    build_demo(journal)
    return orjson.dumps(journal.store._storage.read())


def refused_untouched(path: Path, payload: bytes) -> JournalDamaged | JournalFromFuture:
    """Write `payload`, open it: it must be refused with a sentence, and left byte-identical."""
    path.write_bytes(payload)
    with pytest.raises((JournalDamaged, JournalFromFuture)) as refused:
        open_journal(path)
    assert path.read_bytes() == payload
    assert str(path) in str(refused.value) and "not been changed" in str(refused.value)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, f"{path.name}.lock"]
    return refused.value


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(demo_payload()) - 1))
def test_truncated_anywhere_is_refused(journal_path: Path, cut: int) -> None:
    refused_untouched(journal_path, demo_payload()[:cut])


@pytest.mark.parametrize(("payload", "reason"), [
    (b"", "the file is empty"),
    (b"\n\n", "the file is empty"),
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe{}", "not valid JSON"),
    (b"[1, 2]", "does not hold a journal object"),
    (b'{"meta": {"1": {"schema_version": "1"}}}', "no valid schema_version"),
    (b'{"meta": {"1": {"schema_version": true}}}', "no valid schema_version"),
    (b'{"meta": {"1": {"schema_version": 1}}, "wins": {"\xc2\xb2": {}}}', "wrong shape"),
    (b'{"meta": {"1": {"schema_version": 1}}, "wins": {"07": {}, "7": {}}}', "wrong shape"),
    (b'{"meta": {"1": {"schema_version": 1}}, "wins": {"1": {"won_on": "2026-02-30", '
     b'"text": "x"}}}', "wins: Win.won_on: not a date"),
    (b'{"meta": {"1": {"schema_version": 1}}, "goals": {"1": {"title": "t", '
     b'"objectives": "x"}}}', "goals: Goal.objectives: expected a list"),
])
def test_each_kind_of_damage_is_named(journal_path: Path, payload: bytes, reason: str) -> None:
    assert reason in str(refused_untouched(journal_path, payload))


def test_future_schema_is_refused_with_upgrade_advice(journal_path: Path) -> None:
    data = orjson.loads(demo_payload())
    data["meta"]["1"]["schema_version"] = 2
    error = refused_untouched(journal_path, orjson.dumps(data))
    assert isinstance(error, JournalFromFuture) and "Upgrade mentorjournal" in str(error)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(max_size=8)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=6,
)
DELETE = object()


@FUZZ
@given(data=st.data(), value=st.one_of(JSON, st.just(DELETE)))
def test_wrong_field_values_never_crash_the_open(journal_path: Path, data: st.DataObject,
                                                 value: Any) -> None:
    """Any field of any record set to any JSON value (or deleted): opens, or a clear refusal."""
    journal = orjson.loads(demo_payload())
    table = data.draw(st.sampled_from(sorted(set(journal) & set(RECORD_TYPES))))
    doc = journal[table][data.draw(st.sampled_from(sorted(journal[table])))]
    field = data.draw(st.sampled_from(sorted(doc)))
    if value is DELETE:
        del doc[field]
    else:
        doc[field] = value
    payload = orjson.dumps(journal)
    journal_path.write_bytes(payload)
    try:
        opened = open_journal(journal_path)
    except JournalDamaged as error:
        assert journal_path.read_bytes() == payload
        assert f"({table}: " in str(error)
        return
    opened.wins.add(Win(won_on=TODAY, text="still saves"))  # a journal that opens also saves
    opened.close()


def test_quarantine_never_replaces_an_earlier_damaged_file(journal_path: Path) -> None:
    moment = datetime(2026, 11, 25, 9, 30)
    journal_path.write_bytes(b"first")
    first = quarantine(journal_path, moment)
    journal_path.write_bytes(b"second")
    second = quarantine(journal_path, moment)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


@pytest.fixture
def damaged_with_backup(journal_path: Path) -> Path:
    """A journal with a pair, backed up today, then damaged."""
    journal = open_journal(journal_path)
    build_demo(journal)
    journal.close()
    open_journal(journal_path).close()  # today's backup
    journal_path.write_bytes(b'{"meta": {"1": {"schema_version": 1}}, "wins": {"1": {"te')
    return journal_path


def test_backups_are_valid_json_and_restore(damaged_with_backup: Path) -> None:
    path = damaged_with_backup
    (backup,) = backups_of(path)
    assert orjson.loads(backup.read_bytes())["meta"]["1"]["schema_version"] == 1
    restore_backup(path, backup)
    journal = open_journal(path)
    assert len(journal.meetings.all()) == 20 and journal.pair.get() is not None
    journal.close()
    (aside,) = path.parent.glob("journal.json.damaged-*")
    assert aside.read_bytes().endswith(b'"te') and backup.exists()


def test_a_failed_restore_never_leaves_the_journal_missing(
    damaged_with_backup: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Were the damaged file moved away first, a crash would leave no journal: a new empty one
    would open in its place. It is kept aside by a link, and the backup renamed over it."""
    path = damaged_with_backup
    damaged = path.read_bytes()
    monkeypatch.setattr(store_module.os, "replace", failing(errno.EIO))
    with pytest.raises(OSError):
        restore_backup(path, backups_of(path)[0])
    monkeypatch.undo()
    assert path.read_bytes() == damaged
    restore_backup(path, backups_of(path)[0])
    assert open_journal(path).pair.get() is not None


def test_a_damaged_backup_is_not_restored(damaged_with_backup: Path) -> None:
    path = damaged_with_backup
    (backup,) = backups_of(path)
    backup.write_bytes(b"[]")
    damaged = path.read_bytes()
    with pytest.raises(JournalDamaged):
        restore_backup(path, backup)
    assert path.read_bytes() == damaged


async def test_app_restores_the_backup_when_asked(damaged_with_backup: Path) -> None:
    path = damaged_with_backup
    app = make_app(path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "cannot be read" in str(app.screen.query_one("#choice-message").render())
        await pilot.click("#choice-restore")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.journal is not None and len(app.journal.meetings.all()) == 20
        await pilot.press("ctrl+q")
    assert [p.read_bytes()[-3:] for p in path.parent.glob("*.damaged-*")] == [b'"te']
