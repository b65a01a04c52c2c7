"""Volunteers in and out as CSV, for hubs that start from a spreadsheet.

Invalid rows are reported by line number and skipped; valid rows are kept.
A volunteer is recognised by phone (or Telegram id), so importing the same
file again updates people instead of adding them twice.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterable, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.understanding import parsing
from bot.understanding.names import tidy_name
from bot.dialogue.types import KnownPostcode
from bot.services import audit
from bot.services.effects import grant_role
from bot.services.identities import InvalidPhoneNumber, find_identity, normalise_phone
from models import ContactIdentity, IdentityKind, Person, Role, VettingStatus, VolunteerProfile

HEADER = ("name", "phone", "telegram_id", "postcode", "radius_km", "skills", "availability",
          "languages", "age_band", "experience", "vetted")
TRUE_WORDS = {"yes", "y", "true", "1", "approved", "vetted"}
FALSE_WORDS = {"", "no", "n", "false", "0", "pending"}
CHECK_WORDS = {"id": "id", "dbs": "dbs", "dbs_enhanced": "dbs", "training": "training",
               "befriending_training": "training"}
DEFAULT_RADIUS_KM = 3.0


class RowError(ValueError):
    pass


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    # Rows saved but not approved, by line: why (no ID check, or suspended).
    not_approved: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class VolunteerRow:
    name: str
    phone: str | None
    telegram_id: str | None
    place: KnownPostcode
    radius_km: float
    skills: list[str]
    availability: list[str]
    languages: list[str]
    age_band: str | None
    experience: str | None
    checks: frozenset[str]


def import_volunteers(
    session: Session,
    stream: TextIO,
    locate_postcode: Callable[[str], KnownPostcode | None],
    now: datetime,
    default_region: str = "GB",
) -> ImportReport:
    report = ImportReport()
    reader = csv.DictReader(stream)
    missing = [column for column in HEADER if column not in (reader.fieldnames or [])]
    if missing:
        report.errors.append((1, f"missing column(s): {', '.join(missing)}"))
        return report
    seen: set[tuple[str, str]] = set()
    for row in reader:
        line = reader.line_num
        try:
            parsed = parse_row(row, locate_postcode, default_region)
            key = identity_key(parsed)
            if key in seen:
                raise RowError("the same volunteer appears earlier in this file")
            seen.add(key)
        except RowError as error:
            report.errors.append((line, str(error)))
            continue
        added, held_back = save_volunteer(session, parsed, now)
        if added:
            report.added += 1
        else:
            report.updated += 1
        if held_back:
            report.not_approved.append((line, held_back))
    audit.record(session, "volunteers.imported", now, channel="cli", added=report.added,
                 updated=report.updated, rejected=len(report.errors))
    return report


def identity_key(row: VolunteerRow) -> tuple[str, str]:
    if row.phone:
        return IdentityKind.PHONE, row.phone
    return IdentityKind.TELEGRAM, row.telegram_id or ""


def parse_row(
    row: dict[str, str | None],
    locate_postcode: Callable[[str], KnownPostcode | None],
    default_region: str,
) -> VolunteerRow:
    value = {key: (row.get(key) or "").strip() for key in HEADER}
    name = tidy_name(value["name"].split(" ")[0]) if value["name"] else None
    if not name:
        raise RowError("name is missing or not a name")
    phone = None
    if value["phone"]:
        try:
            phone = normalise_phone(value["phone"], default_region)
        except InvalidPhoneNumber:
            raise RowError(f"phone {value['phone']!r} is not a valid phone number") from None
    telegram_id = value["telegram_id"] or None
    if telegram_id is not None and not telegram_id.isdigit():
        raise RowError("telegram_id must be the numeric Telegram user id")
    if not phone and not telegram_id:
        raise RowError("needs a phone or a telegram_id")
    postcode = parsing.normalise_postcode(value["postcode"])
    if postcode is None:
        raise RowError(f"postcode {value['postcode']!r} is not a UK postcode (e.g. RM17 6SL)")
    place = locate_postcode(postcode)
    if place is None:
        raise RowError(f"postcode {postcode} was not found")
    return VolunteerRow(
        name=name,
        phone=phone,
        telegram_id=telegram_id,
        place=place,
        radius_km=parse_radius(value["radius_km"]),
        skills=parse_list(value["skills"], parse_skill, "skill"),
        availability=parse_availability_cell(value["availability"]),
        languages=parse_list(value["languages"] or "en", parse_language, "language"),
        age_band=parse_age_band_cell(value["age_band"]),
        experience=value["experience"] or None,
        checks=parse_vetted(value["vetted"]),
    )


def parse_radius(cell: str) -> float:
    if not cell:
        return DEFAULT_RADIUS_KM
    try:
        radius = float(cell)
    except ValueError:
        raise RowError(f"radius_km {cell!r} is not a number") from None
    if not 0 < radius <= 200:
        raise RowError("radius_km must be between 0 and 200")
    return radius


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def parse_list(cell: str, parse_one: Callable[[str], str | None], what: str) -> list[str]:
    items = []
    for item in split_list(cell):
        parsed = parse_one(item)
        if parsed is None:
            raise RowError(f"unknown {what} {item!r}")
        if parsed not in items:
            items.append(parsed)
    if not items:
        raise RowError(f"at least one {what} is needed")
    return items


def parse_skill(item: str) -> str | None:
    key = item.lower().replace(" ", "_")
    if key in parsing.CATEGORIES:
        return key
    found = parsing.parse_skills(item)
    return found[0] if len(found) == 1 else None


def parse_language(item: str) -> str | None:
    code = item.lower()
    if code in parsing.LANGUAGE_LABELS:
        return code
    found = parsing.parse_languages(item)
    return found[0] if found else None


def parse_availability_cell(cell: str) -> list[str]:
    if not cell:
        raise RowError("availability is missing (e.g. mon_morning;sat_afternoon)")
    slots: list[str] = []
    for item in split_list(cell):
        item_slots = [item.lower()] if item.lower().count("_") == 1 else list(
            parsing.parse_availability(item))
        valid = {f"{d}_{p}" for d in parsing.DAYS for p in parsing.DAY_PARTS}
        if not item_slots or any(slot not in valid for slot in item_slots):
            raise RowError(f"unknown availability {item!r} (e.g. mon_morning or weekday evenings)")
        slots.extend(slot for slot in item_slots if slot not in slots)
    return slots


def parse_age_band_cell(cell: str) -> str | None:
    if not cell:
        return None
    band = parsing.parse_age_band(cell)
    if band is None:
        raise RowError(f"age_band {cell!r} is not one of {', '.join(parsing.AGE_BANDS)}")
    return band


def parse_vetted(cell: str) -> frozenset[str]:
    """'yes' means ID-checked and approved; 'id;dbs;training' names the checks done."""
    lowered = cell.lower()
    if lowered in FALSE_WORDS:
        return frozenset()
    if lowered in TRUE_WORDS:
        return frozenset({"id"})
    checks = set()
    for item in split_list(lowered):
        if item not in CHECK_WORDS:
            raise RowError(f"vetted {cell!r} should be yes, no, or checks like id;dbs;training")
        checks.add(CHECK_WORDS[item])
    return frozenset(checks)


def save_volunteer(session: Session, row: VolunteerRow, now: datetime) -> tuple[bool, str]:
    """Insert or update one volunteer: (True when they are new, why the row's checks
    did not approve them, or "")."""
    kind, address = identity_key(row)
    identity = find_identity(session, kind, address)
    added = identity is None
    if identity is None:
        person = Person(first_name=row.name)
        person.identities.append(ContactIdentity(kind=kind, address=address))
        session.add(person)
    else:
        person = identity.person
        person.first_name = row.name
    if row.phone and row.telegram_id:
        other_kind, other = IdentityKind.TELEGRAM, row.telegram_id
        if find_identity(session, other_kind, other) is None:
            person.identities.append(ContactIdentity(kind=other_kind, address=other))
    grant_role(person, Role.VOLUNTEER)
    profile = person.volunteer_profile or VolunteerProfile(joined_at=now)
    person.volunteer_profile = profile
    profile.postcode = row.place.postcode
    profile.latitude = row.place.latitude
    profile.longitude = row.place.longitude
    profile.travel_radius_km = row.radius_km
    profile.skills = row.skills
    profile.availability = row.availability
    profile.languages = row.languages
    profile.age_band = row.age_band
    profile.lived_experience = row.experience
    profile.left_at = None
    profile.paused = bool(profile.paused)
    held_back = apply_checks(profile, row.checks, now)
    session.flush()
    return added, held_back


def apply_checks(profile: VolunteerProfile, checks: frozenset[str], now: datetime) -> str:
    """Record the checks; approve as APPROVE does, only with an ID check (in this row or
    before), and never lift a coordinator's suspension. Why not approved, or ""."""
    today = now.date()
    if "id" in checks and profile.id_checked_on is None:
        profile.id_checked_on = today
    if "dbs" in checks and profile.dbs_checked_on is None:
        profile.dbs_checked_on = today
    if "training" in checks and profile.training_completed_on is None:
        profile.training_completed_on = today
    if profile.vetting_status is None:
        profile.vetting_status = VettingStatus.PENDING
    if not checks or profile.vetting_status == VettingStatus.APPROVED:
        return ""
    if profile.vetting_status == VettingStatus.SUSPENDED:
        return "suspended: only a coordinator's APPROVE lifts a suspension"
    if profile.id_checked_on is None:
        return "no ID check: saved as pending (an ID check is always needed to approve)"
    profile.vetting_status = VettingStatus.APPROVED
    return ""


def export_volunteers(session: Session, stream: TextIO) -> int:
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    count = 0
    for profile in volunteers_in_order(session):
        person = profile.person
        phones = [i.address for i in person.identities if i.kind == IdentityKind.PHONE]
        telegrams = [i.address for i in person.identities if i.kind == IdentityKind.TELEGRAM]
        checks = [name for name, done in (("id", profile.id_checked_on),
                                          ("dbs", profile.dbs_checked_on),
                                          ("training", profile.training_completed_on)) if done]
        vetted = ";".join(checks) if profile.vetting_status == VettingStatus.APPROVED else "no"
        writer.writerow([
            person.first_name or "",
            phones[0] if phones else "",
            telegrams[0] if telegrams else "",
            profile.postcode or "",
            f"{profile.travel_radius_km:g}",
            ";".join(profile.skills or []),
            ";".join(profile.availability or []),
            ";".join(profile.languages or []),
            profile.age_band or "",
            profile.lived_experience or "",
            vetted or "no",
        ])
        count += 1
    return count


def volunteers_in_order(session: Session) -> Iterable[VolunteerProfile]:
    return session.scalars(
        select(VolunteerProfile)
        .where(VolunteerProfile.left_at.is_(None))
        .order_by(VolunteerProfile.person_id)
    )
