"""The agreement's rules: status, section-by-section diff, validation, signing, versions."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from mentorjournal.core.agreement import (
    SECTIONS,
    agreement_state,
    diff_versions,
    field_text,
    missing_signers,
    normalise_name,
    parse_agreement,
)
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.journal import Journal
from mentorjournal.core.model import AgreementVersion, MeetingMode, Role, Signature
from mentorjournal.core.summaries import agreement_status, home_summaries
from tests.conftest import HOSTILE, TODAY, open_journal

NOON = datetime(2026, 11, 20, 12)


def signed(version: AgreementVersion, *roles: Role) -> AgreementVersion:
    return dataclasses.replace(version, signatures=tuple(
        Signature(role=r, name=r.label, signed_at=NOON) for r in roles))


V1 = AgreementVersion(number=1, working_style="Direct", frequency_days=14)
V2 = dataclasses.replace(V1, number=2, working_style="Direct; walks monthly")


# -- status -------------------------------------------------------------------

@pytest.mark.parametrize(("versions", "status"), [
    ([], "not started"),
    ([V1], "draft"),
    ([signed(V1, Role.MENTOR)], "signed by one"),
    ([signed(V1, Role.MENTOR, Role.PROTEGE)], "signed by both"),
    ([signed(V1, *Role), V2], "changed since signed"),
    ([signed(V1, *Role), signed(V2, Role.PROTEGE)], "changed since signed"),
    ([signed(V1, *Role), signed(V2, *Role)], "signed by both"),
    ([signed(V2, *Role), V1], "signed by both"),  # order in the file does not matter
])
def test_status(versions: list[AgreementVersion], status: str) -> None:
    assert agreement_status(versions) == status


def test_state_names_the_version_to_compare_with() -> None:
    v3 = dataclasses.replace(V2, number=3, boundaries="None")
    state = agreement_state([signed(V1, *Role), signed(V2, Role.MENTOR), v3])
    assert state.latest == v3 and state.signed is not None and state.signed.number == 1
    assert missing_signers(signed(V2, Role.MENTOR)) == [Role.PROTEGE]


# -- diff -----------------------------------------------------------------------

def test_diff_is_section_by_section_and_leaves_out_unchanged() -> None:
    new = dataclasses.replace(V2, frequency_days=7, mode=MeetingMode.VIDEO)
    changes = diff_versions(V1, new)
    assert [c.section.key for c in changes] == ["working_style", "meetings"]
    meeting = changes[1].changes
    assert [(c.label, c.before, c.after) for c in meeting] == [
        ("Meeting frequency", "fortnightly (every 14 days)", "weekly (every 7 days)"),
        ("Mode", "", "video"),
    ]
    assert diff_versions(V1, V1) == []


def test_every_field_belongs_to_one_section() -> None:
    fields = [f for s in SECTIONS for f in s.fields]
    content = {f.name for f in dataclasses.fields(AgreementVersion)} - {
        "number", "created_at", "signatures", "id", "extra"}
    assert sorted(fields) == sorted(content)


def test_field_text() -> None:
    version = AgreementVersion(frequency_days=10, mentor_hours_per_month=2.5,
                               usual_length_minutes=45)
    assert field_text(version, "frequency_days") == "every 10 days"
    assert field_text(version, "mentor_hours_per_month") == "2.5 hours"
    assert field_text(version, "scheduler") == "the protégé"
    assert field_text(version, "review_on") == ""


# -- validation -----------------------------------------------------------------------

GOOD = {"working_style": HOSTILE, "frequency_choice": "custom", "frequency_custom": "10",
        "usual_length_minutes": "45", "mentor_hours_per_month": "2,5",
        "protege_hours_per_month": "", "mode": "walk-and-talk", "scheduler": "mentor",
        "review_on": "2027-01-01"}


def test_parse_agreement_reads_every_kind_of_field() -> None:
    version = parse_agreement(GOOD, TODAY)
    assert version.working_style == HOSTILE
    assert version.frequency_days == 10 and version.usual_length_minutes == 45
    assert version.mentor_hours_per_month == 2.5 and version.protege_hours_per_month is None
    assert version.mode is MeetingMode.WALK_AND_TALK and version.scheduler is Role.MENTOR
    assert parse_agreement({**GOOD, "frequency_choice": "30"}, TODAY).frequency_days == 30
    assert parse_agreement({**GOOD, "frequency_choice": ""}, TODAY).frequency_days is None


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"review_on": "2026-11-24"}, "review_on", "is in the past"),
    ({"review_on": "someday"}, "review_on", "not a date"),
    ({"frequency_custom": "0"}, "frequency_days", "Meet every 1 to 365 days"),
    ({"frequency_custom": "-3"}, "frequency_days", "Meet every 1 to 365 days"),
    ({"frequency_custom": "366"}, "frequency_days", "366 days is not a meeting frequency"),
    ({"frequency_custom": "often"}, "frequency_days", "'often' is not a whole number"),
    ({"frequency_custom": " "}, "frequency_days", "how many days apart"),
    ({"mentor_hours_per_month": "-1"}, "mentor_hours_per_month", "cannot be negative"),
    ({"protege_hours_per_month": "-0.5"}, "protege_hours_per_month", "cannot be negative"),
    ({"protege_hours_per_month": "nan"}, "protege_hours_per_month", "real number"),
    ({"usual_length_minutes": "0"}, "usual_length_minutes", "1 to 1440 minutes"),
    ({"boundaries": "\ud800"}, "boundaries", "cannot store"),
])
def test_bad_input_is_refused_with_a_message(change: dict[str, str], field: str,
                                             message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_agreement({**GOOD, **change}, TODAY)
    assert caught.value.field == field and message in str(caught.value)


def test_overlong_text_is_kept_whole() -> None:
    text = "word " * 2000
    assert parse_agreement({**GOOD, "feedback": text}, TODAY).feedback == text


# -- journal operations ----------------------------------------------------------------

def test_editing_a_draft_keeps_one_version(empty_journal: Journal) -> None:
    first = empty_journal.agreement.save(V1)
    again = empty_journal.agreement.save(dataclasses.replace(V1, boundaries="None"))
    assert first.id == again.id and again.number == 1
    assert [v.boundaries for v in empty_journal.agreement.versions()] == ["None"]


def test_sign_both_then_edit_makes_a_new_version(empty_journal: Journal) -> None:
    empty_journal.agreement.save(V1)
    empty_journal.agreement.sign(Role.PROTEGE, "  ana   LIMA ")
    version = empty_journal.agreement.sign(Role.MENTOR, "Sam Okafor")
    assert agreement_status(empty_journal.agreement.versions()) == "signed by both"
    assert version.signatures[0].name == "ana LIMA"
    assert version.signatures[0].signed_at.date() == TODAY
    unchanged = empty_journal.agreement.save(version)  # nothing changed: nothing new
    assert unchanged == version and len(empty_journal.agreement.versions()) == 1
    empty_journal.agreement.save(dataclasses.replace(version, feedback="Ask first"))
    versions = empty_journal.agreement.versions()
    assert [v.number for v in versions] == [1, 2] and versions[1].signatures == ()
    assert versions[0] == version  # the signed version stays as it was
    assert agreement_status(versions) == "changed since signed"
    summary = home_summaries(empty_journal)[0]
    assert summary.figure == "Changed since signed"


def test_signing_rules(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError, match="Write the agreement"):
        empty_journal.agreement.sign(Role.PROTEGE, "Ana Lima")
    empty_journal.agreement.save(V1)
    with pytest.raises(ValidationError, match="not the protégé's name.*'Ana Lima'"):
        empty_journal.agreement.sign(Role.PROTEGE, "Sam Okafor")
    with pytest.raises(ValidationError, match="Type the mentor's name"):
        empty_journal.agreement.sign(Role.MENTOR, "  ")
    empty_journal.agreement.sign(Role.PROTEGE, "Ana Lima")
    with pytest.raises(ValidationError, match="already signed"):
        empty_journal.agreement.sign(Role.PROTEGE, "Ana Lima")
    assert normalise_name(" Ana\tLIMA ") == "ana lima"


def test_save_refuses_a_past_review_date(empty_journal: Journal) -> None:
    with pytest.raises(ValidationError, match="in the past"):
        empty_journal.agreement.save(
            dataclasses.replace(V1, review_on=TODAY - timedelta(days=1)))
    assert empty_journal.agreement.versions() == []


def test_versions_survive_reopening(empty_journal: Journal) -> None:
    empty_journal.agreement.save(V1)
    empty_journal.agreement.sign(Role.PROTEGE, "Ana Lima")
    path = empty_journal.store.path
    assert path is not None
    empty_journal.close()
    reopened = open_journal(path)
    assert agreement_status(reopened.agreement.versions()) == "signed by one"
    reopened.close()


def test_demo_agreement_is_signed_by_both_with_two_versions(journal: Journal) -> None:
    versions = journal.agreement.versions()
    assert [v.number for v in versions] == [1, 2]
    assert all(missing_signers(v) == [] for v in versions)
    assert agreement_status(versions) == "signed by both"
    assert [c.section.key for c in diff_versions(*versions)] == ["working_style", "review_on"]
