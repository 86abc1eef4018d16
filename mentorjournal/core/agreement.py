"""The expectations agreement: its sections, status, diffs, checks, and `AgreementService`.

The pure functions describe and check `AgreementVersion` records; `AgreementService`
(`journal.agreement`) saves versions and signatures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from mentorjournal.core.dates import parse_optional_date
from mentorjournal.core.errors import ValidationError
from mentorjournal.core.model import AgreementVersion, MeetingMode, Role, Signature
from mentorjournal.core.records import Records
from mentorjournal.core.text import MAX_ANSWER, check_text

if TYPE_CHECKING:
    from mentorjournal.core.pair import PairService

MAX_FREQUENCY_DAYS = 365
MAX_LENGTH_MINUTES = 24 * 60
MAX_HOURS_PER_MONTH = 24 * 31

FREQUENCIES: tuple[tuple[str, int], ...] = (("weekly", 7), ("fortnightly", 14), ("monthly", 30))
"""The named meeting frequencies; anything else is 'custom' (a number of days)."""

FIELD_LABELS: dict[str, str] = {
    "about_mentor": "About the mentor",
    "about_protege": "About the protégé",
    "protege_expects": "What the protégé expects",
    "mentor_expects": "What the mentor expects",
    "working_style": "Working style",
    "frequency_days": "Meeting frequency",
    "usual_length_minutes": "Usual length (minutes)",
    "mode": "Mode",
    "scheduler": "Who schedules",
    "mentor_hours_per_month": "Mentor's hours a month",
    "protege_hours_per_month": "Protégé's hours a month",
    "confidentiality": "Confidentiality",
    "boundaries": "Boundaries",
    "feedback": "How we give feedback",
    "no_fault_ending": "No-fault ending",
    "review_on": "Next review date",
}
"""Every field the pair fills in, with the label shown on screen and in errors."""

TEXT_FIELDS = frozenset({
    "about_mentor", "about_protege", "protege_expects", "mentor_expects", "working_style",
    "confidentiality", "boundaries", "feedback", "no_fault_ending",
})


@dataclass(frozen=True)
class AgreementSection:
    """One section of the agreement: a guided step, a block on screen, a unit of the diff."""

    key: str
    title: str
    prompt: str
    fields: tuple[str, ...]
    example: str = ""


SECTIONS: tuple[AgreementSection, ...] = (
    AgreementSection("about_mentor", "About the mentor",
                     "Mentor, a few lines about you: your work, your path, how you like to talk.",
                     ("about_mentor",), "e.g. Engineering director, 15 years in; "
                     "I like direct questions."),
    AgreementSection("about_protege", "About the protégé",
                     "Protégé, a few lines about you: where you are and where you are heading.",
                     ("about_protege",), "e.g. Senior engineer moving towards team lead; "
                     "I learn by doing."),
    AgreementSection("protege_expects", "What the protégé expects",
                     "Protégé, what do you hope to get from this mentoring?",
                     ("protege_expects",), "e.g. Honest feedback and help preparing for a "
                     "lead role."),
    AgreementSection("mentor_expects", "What the mentor expects",
                     "Mentor, what do you expect from the protégé?",
                     ("mentor_expects",), "e.g. You set the agenda and bring one question "
                     "each time."),
    AgreementSection("working_style", "Working style",
                     "How do you like to work together?",
                     ("working_style",), "e.g. Direct and informal; homework between meetings."),
    AgreementSection("meetings", "How we meet",
                     "How often do you meet, for how long, how, and who books the meetings?",
                     ("frequency_days", "usual_length_minutes", "mode", "scheduler")),
    AgreementSection("commitment", "Commitment",
                     "How many hours a month can each of you give? Be honest: this is the "
                     "commitment.", ("mentor_hours_per_month", "protege_hours_per_month")),
    AgreementSection("confidentiality", "Confidentiality",
                     "What stays between you two?",
                     ("confidentiality",), "e.g. What we discuss stays between us unless we "
                     "agree otherwise."),
    AgreementSection("boundaries", "Boundaries",
                     "Anything off limits?",
                     ("boundaries",), "e.g. No talk about my performance review with my "
                     "manager."),
    AgreementSection("feedback", "How we give feedback",
                     "How do you want to give and receive feedback?",
                     ("feedback",), "e.g. Ask first: 'do you want feedback on that?'"),
    AgreementSection("no_fault_ending", "No-fault ending",
                     "How can either of you end this without blame?",
                     ("no_fault_ending",), "e.g. Either of us can end it with one "
                     "conversation, no reasons owed."),
    AgreementSection("review_on", "Next review",
                     "When will you look at this agreement again?",
                     ("review_on",), "e.g. 2027-02-25, or '90 days' from today is common"),
)

CONTENT_FIELDS: tuple[str, ...] = tuple(f for s in SECTIONS for f in s.fields)


# -- status -------------------------------------------------------------------

@dataclass(frozen=True)
class AgreementState:
    """Where the agreement stands: its status, latest version, and the version last signed."""

    status: str
    latest: AgreementVersion | None
    signed: AgreementVersion | None
    """The newest version before `latest` signed by both (what changed is shown against it)."""


def fully_signed(version: AgreementVersion) -> bool:
    return {s.role for s in version.signatures} >= set(Role)


def agreement_state(versions: list[AgreementVersion]) -> AgreementState:
    """not started / draft / signed by one / signed by both / changed since signed."""
    if not versions:
        return AgreementState("not started", None, None)
    ordered = sorted(versions, key=lambda v: v.number)
    latest = ordered[-1]
    earlier = [v for v in ordered[:-1] if v.signatures]
    signed = next((v for v in reversed(earlier) if fully_signed(v)), None)
    signed = signed or (earlier[-1] if earlier else None)
    if fully_signed(latest):
        status = "signed by both"
    elif signed is not None:
        status = "changed since signed"
    elif latest.signatures:
        status = "signed by one"
    else:
        status = "draft"
    return AgreementState(status, latest, signed)


def missing_signers(version: AgreementVersion) -> list[Role]:
    """The partners who have not signed this version, protégé first."""
    signed = {s.role for s in version.signatures}
    return [r for r in (Role.PROTEGE, Role.MENTOR) if r not in signed]


def is_empty(version: AgreementVersion) -> bool:
    """True when the pair has not filled in any section yet."""
    blank = AgreementVersion()
    return all(getattr(version, f) == getattr(blank, f) for f in CONTENT_FIELDS
               if f != "scheduler")


def same_content(a: AgreementVersion, b: AgreementVersion) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in CONTENT_FIELDS)


# -- showing values and differences ---------------------------------------------

def frequency_text(days: int | None) -> str:
    if days is None:
        return ""
    for name, value in FREQUENCIES:
        if days == value:
            return f"{name} (every {days} days)"
    return "every day" if days == 1 else f"every {days} days"


def _number(value: float) -> str:
    return f"{value:g}"


def field_text(version: AgreementVersion, name: str) -> str:
    """A field as plain text for the screen and the diff ('' when not filled in)."""
    value: Any = getattr(version, name)
    if value is None or value == "":
        return ""
    if name == "frequency_days":
        return frequency_text(value)
    if name == "usual_length_minutes":
        return f"{value} minutes"
    if name == "scheduler":
        return f"the {Role(value).label}"
    if name.endswith("_hours_per_month"):
        return f"{_number(value)} hours"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions."""

    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class SectionChange:
    """A section that changed between two versions, with its changed fields."""

    section: AgreementSection
    changes: tuple[FieldChange, ...]


def diff_versions(old: AgreementVersion, new: AgreementVersion) -> list[SectionChange]:
    """What changed from `old` to `new`, section by section (unchanged sections left out)."""
    result = []
    for section in SECTIONS:
        changes = tuple(
            FieldChange(f, FIELD_LABELS[f], field_text(old, f), field_text(new, f))
            for f in section.fields if getattr(old, f) != getattr(new, f)
        )
        if changes:
            result.append(SectionChange(section, changes))
    return result


# -- validation -----------------------------------------------------------------

def check_agreement(version: AgreementVersion, today: date) -> None:
    """Refuse values no pair means: raises ValidationError naming the field at fault."""
    for name in (f for f in CONTENT_FIELDS if f in TEXT_FIELDS):
        check_text(getattr(version, name), name, FIELD_LABELS[name], limit=MAX_ANSWER)
    days = version.frequency_days
    if days is not None and not 1 <= days <= MAX_FREQUENCY_DAYS:
        raise ValidationError("frequency_days", f"Meet every 1 to {MAX_FREQUENCY_DAYS} days: "
                                                f"{days} days is not a meeting frequency.")
    minutes = version.usual_length_minutes
    if minutes is not None and not 1 <= minutes <= MAX_LENGTH_MINUTES:
        raise ValidationError("usual_length_minutes",
                              f"A meeting lasts 1 to {MAX_LENGTH_MINUTES} minutes, not {minutes}.")
    for role in Role:
        name = f"{role.value}_hours_per_month"
        hours = getattr(version, name)
        if hours is not None and hours < 0:
            raise ValidationError(name, f"The {role.label}'s hours a month cannot be negative.")
        if hours is not None and hours > MAX_HOURS_PER_MONTH:
            raise ValidationError(name, f"{_number(hours)} hours a month is more than a month "
                                        "holds.")
    if version.review_on is not None and version.review_on < today:
        raise ValidationError("review_on", f"The review date {version.review_on.isoformat()} "
                                           "is in the past: pick today or a later date.")


def _parse_number(text: str, field: str, *, whole: bool) -> float | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        value = int(cleaned) if whole else float(cleaned)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ValidationError(field, f"{FIELD_LABELS[field]}: '{text.strip()}' is not "
                                     f"{kind}.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValidationError(field, f"{FIELD_LABELS[field]}: enter a real number.")
    return value


def read_frequency(choice: str, custom: str) -> int | None:
    """The frequency picked ('7', '14', '30', 'custom' or '') as a number of days."""
    if choice == "custom":
        if not custom.strip():
            raise ValidationError("frequency_days", "Enter how many days apart you meet, "
                                                    "for example 10.")
        return int(_parse_number(custom, "frequency_days", whole=True) or 0)
    return int(choice) if choice else None


def parse_agreement(values: Mapping[str, str], today: date,
                    base: AgreementVersion | None = None) -> AgreementVersion:
    """Typed form values -> a checked AgreementVersion built on `base` (signatures kept).

    `values` maps field names to the typed text; `frequency_choice` and `frequency_custom`
    stand in for frequency_days. Raises ValidationError naming the field at fault.
    """
    changes: dict[str, Any] = {f: values[f] for f in TEXT_FIELDS if f in values}
    if "frequency_choice" in values:
        changes["frequency_days"] = read_frequency(values["frequency_choice"],
                                                   values.get("frequency_custom", ""))
    if "usual_length_minutes" in values:
        minutes = _parse_number(values["usual_length_minutes"], "usual_length_minutes",
                                whole=True)
        changes["usual_length_minutes"] = None if minutes is None else int(minutes)
    for name in ("mentor_hours_per_month", "protege_hours_per_month"):
        if name in values:
            changes[name] = _parse_number(values[name], name, whole=False)
    if "mode" in values:
        changes["mode"] = MeetingMode(values["mode"]) if values["mode"] else None
    if values.get("scheduler"):
        changes["scheduler"] = Role(values["scheduler"])
    if "review_on" in values:
        changes["review_on"] = parse_optional_date(values["review_on"], today, field="review_on")
    version = dataclasses.replace(base or AgreementVersion(), **changes)
    check_agreement(version, today)
    return version


# -- signing ------------------------------------------------------------------------

def normalise_name(name: str) -> str:
    """Names compare without case and with runs of whitespace as one space."""
    return " ".join(name.split()).casefold()


def check_signature(version: AgreementVersion | None, role: Role, typed: str,
                    expected: str) -> None:
    """Refuse a signature that cannot be given, with the reason as the message."""
    if version is None or is_empty(version):
        raise ValidationError("name", "Write the agreement before signing it.")
    if role in {s.role for s in version.signatures}:
        raise ValidationError("name", f"The {role.label} has already signed version "
                                      f"{version.number}.")
    if not typed.strip():
        raise ValidationError("name", f"Type the {role.label}'s name to sign.")
    if normalise_name(typed) != normalise_name(expected):
        raise ValidationError("name", f"That is not the {role.label}'s name: to sign as "
                                      f"{role.label}, type '{expected}'.")


class AgreementService:
    """`journal.agreement`: the agreement's versions, and signing them."""

    def __init__(self, records: Records, pair: PairService) -> None:
        self._records = records
        self._pair = pair

    def versions(self) -> list[AgreementVersion]:
        """Every version of the expectations agreement, oldest first."""
        return sorted(self._records.all(AgreementVersion), key=lambda v: (v.number, v.id))

    def latest(self) -> AgreementVersion | None:
        versions = self.versions()
        return versions[-1] if versions else None

    def state(self) -> AgreementState:
        return agreement_state(self.versions())

    def save(self, content: AgreementVersion) -> AgreementVersion:
        """Save the agreement's sections (number, signatures and id of `content` are ignored).

        A draft is changed in place; once the latest version carries a signature, a
        change makes a new version that both sign again. Saving unchanged sections
        changes nothing. Returns the latest version.
        """
        check_agreement(content, self._records.today())
        latest = self.latest()
        if latest is not None and same_content(latest, content):
            return latest
        if latest is not None and not latest.signatures:
            return self._records.update(dataclasses.replace(
                content, number=latest.number, created_at=latest.created_at,
                signatures=(), id=latest.id, extra=latest.extra))
        number = latest.number + 1 if latest else 1
        return self._records.add(dataclasses.replace(
            content, number=number, created_at=self._records.now(), signatures=(), id=0))

    def sign(self, role: Role, typed_name: str) -> AgreementVersion:
        """Sign the latest version as `role`; the typed name must be that partner's name."""
        pair = self._pair.get()
        latest = self.latest()
        check_signature(latest, role, typed_name, pair.name_of(role) if pair else "")
        assert latest is not None
        signature = Signature(role=role, name=" ".join(typed_name.split()),
                              signed_at=self._records.now())
        return self._records.update(
            dataclasses.replace(latest, signatures=(*latest.signatures, signature)))
