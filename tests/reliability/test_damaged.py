"""Damaged journals: a clear message, the file never overwritten, quarantine and restore work."""

from __future__ import annotations

import errno
import functools
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mentorjournal.app import make_app
from mentorjournal.cli import main as cli_main
from mentorjournal.cli.main import main
from mentorjournal.core.demo import build_demo
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import RECORD_TYPES, Win
from mentorjournal.core.summaries import home_summaries
from mentorjournal.core.wins import on_this_day
from mentorjournal.screens.home_screen import HomeScreen
from mentorjournal.storage import store as store_module
from mentorjournal.storage.backups import backups_of, quarantine, restore_backup
from mentorjournal.storage.errors import JournalDamaged, JournalFromFuture
from mentorjournal.widgets.choice_modal import ChoiceModal
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


# -- damage in any field of any record, the pair and the settings included -------------


@functools.cache
def full_payload() -> bytes:
    """The demo journal with a settings record too: every table an open reads."""
    data = orjson.loads(demo_payload())
    data["settings"] = {"1": {"theme": "textual-light", "backup_days": 7,
                              "private_by_default": False}}
    return orjson.dumps(data)


@pytest.mark.parametrize(("table", "field", "value"), [
    ("pair", "owner", "nobody"), ("pair", "mentor", 42), ("pair", "started_on", "2026-13-01"),
    ("settings", "theme", 42), ("settings", "backup_days", "7"),
])
async def test_damage_in_the_pair_or_settings_gets_the_dialog_not_a_crash(
    journal_path: Path, table: str, field: str, value: Any,
) -> None:
    """The app read the pair and settings on the UI thread, undecoded: a traceback."""
    data = orjson.loads(full_payload())
    data[table]["1"][field] = value
    payload = orjson.dumps(data)
    journal_path.write_bytes(payload)
    app = make_app(journal_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ChoiceModal)
        assert str(app.screen.query_one("#choice-title").render()) == "The journal cannot be read"
        message = str(app.screen.query_one("#choice-message").render())
        assert f"cannot be read ({table}: " in message
        await pilot.click("#choice-quit")
    assert app.return_code == 2
    assert journal_path.read_bytes() == payload


JSON_TYPES = (type(None), bool, int, float, str, list, dict)


def json_type(value: Any) -> type:
    return next(kind for kind in JSON_TYPES if type(value) is kind)


def value_slots(value: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every value inside a record, nested records and lists included."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    slots = []
    for key, item in items:
        slots.append((value, key))
        if isinstance(item, dict | list):
            slots += value_slots(item)
    return slots


NESTED = "\x00nested\x00"
"""Stands for a deeply nested value: orjson cannot write one past 254 levels, so it is
put into the bytes afterwards."""


@st.composite
def damaged_journal(draw: st.DrawFn) -> bytes:
    """The full journal with one thing wrong: any one value anywhere (a field of any record,
    nested or not, the pair, settings and meta included) replaced by a value of another
    JSON type, or deleted, or replaced by (or given a new field holding) JSON nested
    1 to 1,100 levels deep."""
    data = orjson.loads(full_payload())
    table = draw(st.sampled_from(sorted(data)))
    doc_id = draw(st.sampled_from(sorted(data[table])))
    doc = data[table][doc_id]
    fields = value_slots(doc)
    whole = [(data, table), (data[table], doc_id)]  # a whole table or record, too
    container, key = draw(st.sampled_from(fields + whole))
    how = draw(st.sampled_from(["retype", "retype", "delete", "nest", "new nested field"]))
    if how == "retype":
        old = json_type(container[key])
        container[key] = draw(JSON.filter(lambda new: json_type(new) is not old))
    elif how == "delete" and isinstance(container, dict) and (container, key) not in whole:
        del container[key]  # a field, not a whole record: a pair deleted is a new journal
    elif how == "new nested field":
        doc["from_elsewhere"] = NESTED
    else:
        container[key] = NESTED
    depth = draw(st.integers(1, 1100))
    opening, closing = draw(st.sampled_from([("[", "]"), ('{"k":', "}")]))
    leaf = draw(st.sampled_from(["1", '"x"', "null", "[]"]))
    return orjson.dumps(data).replace(orjson.dumps(NESTED),
                                      (opening * depth + leaf + closing * depth).encode())


def opened_as_the_app_does(path: Path) -> JournalDamaged | None:
    """What the app does with the file, in its order: open in a worker (verify=False), paint
    the pair with the theme, verify in a worker, fill the home cards. Only JournalDamaged
    may stop it."""
    try:
        journal = Journal.open(path, today=lambda: TODAY, verify=False)
    except JournalDamaged as error:
        return error
    try:
        journal.pair.get(), journal.settings.get()  # on the UI thread: must never raise
        try:
            journal.verify()
        except JournalDamaged as error:
            return error
        home_summaries(journal)
        on_this_day(journal.wins.all(), journal.entries.all(), TODAY, None)
    finally:
        journal.close()
    return None


PARSER = functools.cache(cli_main.build_parser)
"""The shell's parser, built once: the same parser a run builds, without rebuilding it 1,000
times (argparse and gettext took a third of the test's time)."""

ANYWHERE = settings(max_examples=500, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@ANYWHERE
@given(payload=damaged_journal())
def test_any_damage_anywhere_is_refused_alike_by_the_app_and_the_shell(
    journal_path: Path, payload: bytes, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Never anything but JournalDamaged: the "cannot be read" dialog in the app, exit 2 in
    the shell, the file byte-identical; or, when the damage is one the journal can hold
    (None for an optional date, an unknown field), it opens, exports and saves."""
    monkeypatch.setenv("MENTORJOURNAL_TODAY", TODAY.isoformat())
    monkeypatch.setattr(cli_main, "build_parser", PARSER)  # a third of the time, otherwise
    journal_path.write_bytes(payload)
    refused = opened_as_the_app_does(journal_path)
    assert journal_path.read_bytes() == payload
    exported = main(["export", "--db", str(journal_path), "--include-private"])
    added = main(["add", "win", "still saves", "--db", str(journal_path)])
    err = capsys.readouterr().err
    event("refused" if refused else "opened")
    if refused is not None:
        assert "not been changed" in str(refused)
        assert added == 2 and "cannot be read (" in err, err
        assert journal_path.read_bytes() == payload
    else:
        assert (exported, added) == (0, 0), err


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=damaged_journal())
async def test_any_damage_in_the_real_app_is_the_dialog_or_the_home_screen(
    journal_path: Path, payload: bytes,
) -> None:
    """The same damage in the app itself, fewer times (an app run is ~0.3 s): the "cannot be
    read" dialog or the journal's home screen; never an error, never a change to the file."""
    journal_path.write_bytes(payload)
    app = make_app(journal_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.is_running
        assert not [n.message for n in app._notifications if n.severity == "error"]
        if isinstance(app.screen, ChoiceModal):
            title = str(app.screen.query_one("#choice-title").render())
            assert title == "The journal cannot be read"
        else:
            assert isinstance(app.screen, HomeScreen) and app.journal is not None
    assert journal_path.read_bytes() == payload
