"""Volunteers in and out as CSV, for hubs that start from a spreadsheet.

Invalid rows are reported by line number and skipped; valid rows are kept.
A volunteer is recognised by phone (or Telegram id), so importing the same
file again updates people instead of adding them twice.

The checks column says which checks are done, each with the date it runs out
if it does (`id;dbs:2027-03-31;training`). The older vetted column is still
read, but `yes` there can only mean an ID check, so the report says so. The
report ends with what the imported volunteers can and cannot be offered, kind
by kind, found by matching's own rules.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Iterable, TextIO

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.understanding import parsing
from bot.understanding.names import tidy_name
from bot.dialogue.types import KnownPostcode
from bot.services.shared import audit
from bot.services.shared.csv_cells import csv_dict_reader, csv_writer
from bot.services.shared.identities import (InvalidPhoneNumber, find_identity, grant_role,
                                     normalise_phone)
from bot.services.help_requests.matching import (
    CHECK_FIELDS,
    checks_held,
    checks_recorded,
    volunteer_of,
)
from matching import CATEGORIES, RULES, HelpNeeded, MatchConfig, Volunteer, VolunteerTable
from matching.rules import rule_masks
from models import ContactIdentity, IdentityKind, Person, Role, VettingStatus, VolunteerProfile

HEADER = ("name", "phone", "telegram_id", "postcode", "radius_km", "skills", "availability",
          "languages", "age_band", "experience", "vetted", "checks")
# Files from before the checks column have vetted alone: one of the two will do.
CHECK_COLUMNS = ("vetted", "checks")
TRUE_WORDS = {"yes", "y", "true", "1", "approved", "vetted"}
FALSE_WORDS = {"", "no", "n", "false", "0", "pending", "none", "-", "n/a"}
# The checks by the names the file uses, and matching's names for them.
MATCHING_CHECK = {"id": "id", "dbs": "dbs_enhanced", "training": "befriending_training"}
FILE_CHECK = {matching: name for name, matching in MATCHING_CHECK.items()}
CHECK_WORDS = {"id": "id", "identity": "id", "identification": "id",
               "dbs": "dbs", "dbs_enhanced": "dbs",
               "training": "training", "trained": "training", "befriending_training": "training"}
# Words that may stand beside a check or its date and add nothing: "DBS check", "enhanced
# DBS", "befriending training", "photo ID", "dbs until 31/03/2027".
CHECK_FILLER = {"check", "checks", "checked", "enhanced", "photo", "befriending", "done",
                "completed", "course", "and", "until", "till", "to", "expires", "expiry",
                "exp", "valid", "runs", "out", "on"}
# A basic or standard DBS check is not the enhanced one money, medicines and lifts need.
LESSER_DBS = {"basic", "standard"}
CHECK_TOKENS = re.compile(r"\d[\d/.-]*\d|\d|[a-z_]+")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
CHECKS_HOW = "use id, dbs and training, each with the date it runs out if it does (dbs:2027-03-31)"
SKILL_NAMES = tuple(category.replace("_", " ") for category in CATEGORIES)
SKILLS_HOW = (f"the skills are {', '.join(SKILL_NAMES[:-1])} and {SKILL_NAMES[-1]}; everyday "
              "words work too (phone calls, driving, groceries, pharmacy, dogs)")
# Checks as the report names them.
CHECK_LABELS = {"id": "ID check", "dbs_enhanced": "DBS check",
                "befriending_training": "befriending training"}
KIND_LABELS = dict(zip(CATEGORIES, SKILL_NAMES)) | {"other": "other help"}
DEFAULT_RADIUS_KM = 3.0


class RowError(ValueError):
    pass


@dataclass
class KindOfHelp:
    """How many of the imported volunteers who offer one kind of help can be offered it."""

    can: int = 0
    cannot: Counter[str] = field(default_factory=Counter)  # why not -> how many


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    # Rows saved but not approved, by line: why (no ID check, or suspended).
    not_approved: list[tuple[int, str]] = field(default_factory=list)
    # Rows saved as read, but read in a way worth saying, by line.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    # Kind of help -> what the imported volunteers offering it can be offered.
    offerable: dict[str, KindOfHelp] = field(default_factory=dict)

    def what_they_can_be_offered(self) -> list[str]:
        """ "3 can be offered shopping", "12 can't be offered shopping: no DBS check"."""
        lines = []
        for category, kind in self.offerable.items():
            label = KIND_LABELS[category]
            lines.append(f"{kind.can} can be offered {label}")
            lines.extend(f"{count} can't be offered {label}: {why}"
                         for why, count in sorted(kind.cannot.items(), key=lambda i: -i[1]))
        return lines


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
    # The checks the row records (by the file's names): the date each runs out, or None.
    checks: dict[str, date | None]
    # The vetted column said yes, and the checks column nothing more.
    vetted_yes_only: bool = False


def import_volunteers(
    session: Session,
    stream: TextIO,
    locate_postcode: Callable[[str], KnownPostcode | None],
    now: datetime,
    default_region: str = "GB",
    config: MatchConfig | None = None,
) -> ImportReport:
    """Add or update the file's volunteers; `config` says which checks each kind of help
    needs, for the report (the hub's own: `bot.services.help_requests.matching.match_config`)."""
    report = ImportReport()
    reader = csv_dict_reader(stream)
    columns = reader.fieldnames or []
    missing = [column for column in HEADER if column not in columns + list(CHECK_COLUMNS)]
    if not any(column in columns for column in CHECK_COLUMNS):
        missing.append("checks (or vetted)")
    if missing:
        report.errors.append((1, f"missing column(s): {', '.join(missing)}"))
        return report
    seen: set[tuple[str, str]] = set()
    imported: list[VolunteerProfile] = []
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
        added, held_back, profile = save_volunteer(session, parsed, now)
        if added:
            report.added += 1
        else:
            report.updated += 1
        if held_back:
            report.not_approved.append((line, held_back))
        report.warnings.extend((line, warning) for warning in warnings_for(parsed, now.date()))
        imported.append(profile)
    report.offerable = what_they_can_be_offered(imported, config or MatchConfig(), now.date())
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
    value = {key: (row.get(key) or "").strip() for key in HEADER}  # a column left out: ""
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
        skills=parse_skills_cell(value["skills"]),
        availability=parse_availability_cell(value["availability"]),
        languages=parse_list(value["languages"] or "en", parse_language, "language"),
        age_band=parse_age_band_cell(value["age_band"]),
        experience=value["experience"] or None,
        checks=merge_checks(parse_vetted(value["vetted"]),
                            parse_checks(value["checks"], "checks")),
        vetted_yes_only=(value["vetted"].lower() in TRUE_WORDS
                         and value["checks"].lower() in FALSE_WORDS),
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


def parse_skills_cell(cell: str) -> list[str]:
    """ "shopping;dog_walking", "Phone calls, driving", "groceries; dogs": the kinds of help,
    read as the volunteer dialogue reads them (`parsing.parse_skills`)."""
    skills: list[str] = []
    for item in re.split(r"[;,]", cell):
        if not item.strip():
            continue
        found = parse_skill(item)
        if not found:
            raise RowError(f"unknown skill {item.strip()!r}: {SKILLS_HOW}")
        skills.extend(skill for skill in found if skill not in skills)
    if not skills:
        raise RowError(f"at least one skill is needed: {SKILLS_HOW}")
    return skills


def parse_skill(item: str) -> tuple[str, ...]:
    """The kinds of help one item names: "dog_walking", "Dog walks", "lifts"; () if none."""
    key = "_".join(item.lower().split())
    if key in parsing.CATEGORIES:
        return (key,)
    # Words only: in a spreadsheet "3" is not the third kind on the chat's menu.
    return parsing.parse_skills(item, menu_numbers=False)


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


def parse_vetted(cell: str) -> dict[str, date | None]:
    """'yes' can only mean an ID check (and approval); 'id;dbs;training' names the checks."""
    lowered = cell.lower()
    if lowered in TRUE_WORDS:
        return {"id": None}
    return parse_checks(cell, "vetted")


def parse_checks(cell: str, column: str) -> dict[str, date | None]:
    """The checks done, by the file's names (id, dbs, training), each with the date it runs
    out or None: "id;dbs:2027-03-31;training", "ID, DBS check until 31/03/2027", "trained".
    Items are separated by ; , or spaces, in any case."""
    if cell.lower() in FALSE_WORDS:
        return {}
    checks: dict[str, date | None] = {}
    for item in re.split(r"[;,]", cell.lower()):
        named = []  # the checks this item names, in order, for a date to follow
        for token in CHECK_TOKENS.findall(item):
            if token in CHECK_WORDS:
                named.append(CHECK_WORDS[token])
                checks.setdefault(named[-1], None)
            elif token[0].isdigit():
                if not named:
                    raise RowError(f"{column} {cell!r}: the date {token} follows no check; "
                                   f"{CHECKS_HOW}")
                checks[named[-1]] = parse_expiry(token, named[-1], column)
            elif token in LESSER_DBS:
                raise RowError(f"{column} {cell!r}: a {token} DBS check is not the enhanced "
                               "one shopping, prescriptions and transport need; record only "
                               "an enhanced DBS check as dbs")
            elif token not in CHECK_FILLER:
                raise RowError(f"unknown check {token!r} in {column} {cell!r}: {CHECKS_HOW}")
        if not named and item.strip(" -"):
            raise RowError(f"unknown check {item.strip()!r} in {column} {cell!r}: {CHECKS_HOW}")
    return checks


def parse_expiry(token: str, check: str, column: str) -> date:
    """2027-03-31 or 31/03/2027 (day first, as in the UK)."""
    iso, uk = ISO_DATE.fullmatch(token), UK_DATE.fullmatch(token)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if uk:
            return date(int(uk.group(3)), int(uk.group(2)), int(uk.group(1)))
    except ValueError:
        pass
    raise RowError(f"{column}: {check} date {token!r} is not a date: write it as 2027-03-31")


def merge_checks(vetted: dict[str, date | None],
                 checks: dict[str, date | None]) -> dict[str, date | None]:
    """Both columns' checks; where both name one, the date one of them gives (the checks
    column's, if both do)."""
    merged = dict(vetted)
    for check, expires in checks.items():
        if expires is not None or check not in merged:
            merged[check] = expires
    return merged


def warnings_for(row: VolunteerRow, today: date) -> list[str]:
    """What the row was read as, where that may not be what was meant."""
    warnings = []
    if row.vetted_yes_only:
        warnings.append(f"{row.name}: 'vetted=yes' is read as an ID check only, not a DBS "
                        "check or training; use the checks column (id;dbs;training) to say more")
    for check, expires in row.checks.items():
        if expires is not None and expires < today:
            warnings.append(f"{row.name}: the {CHECK_LABELS[MATCHING_CHECK[check]]} ran out on "
                            f"{expires.isoformat()}, so it does not count until renewed")
    return warnings


def save_volunteer(session: Session, row: VolunteerRow,
                   now: datetime) -> tuple[bool, str, VolunteerProfile]:
    """Insert or update one volunteer: (True when they are new, why the row's checks
    did not approve them or "", their profile)."""
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
    return added, held_back, profile


def apply_checks(profile: VolunteerProfile, checks: dict[str, date | None],
                 now: datetime) -> str:
    """Record the checks and when they run out (the row's date replaces one recorded
    before; no date, none); approve as APPROVE does, only with an ID check that counts
    today (in this row or before), and never lift a coordinator's suspension. Why not
    approved, or ""."""
    today = now.date()
    fields = {check: (done, expires) for check, done, expires in CHECK_FIELDS}
    for check, expires_on in checks.items():
        done, expires = fields[MATCHING_CHECK[check]]
        if getattr(profile, done) is None:
            setattr(profile, done, today)
        setattr(profile, expires, expires_on)
    if profile.vetting_status is None:
        profile.vetting_status = VettingStatus.PENDING
    if not checks or profile.vetting_status == VettingStatus.APPROVED:
        return ""
    if profile.vetting_status == VettingStatus.SUSPENDED:
        return "suspended: only a coordinator's APPROVE lifts a suspension"
    if "id" not in checks_held(profile, today):
        if profile.id_check_expires_on is not None and profile.id_checked_on is not None:
            return (f"the ID check ran out on {profile.id_check_expires_on.isoformat()}: saved "
                    "as pending (an ID check in date is always needed to approve)")
        return "no ID check: saved as pending (an ID check is always needed to approve)"
    profile.vetting_status = VettingStatus.APPROVED
    return ""


def what_they_can_be_offered(profiles: list[VolunteerProfile], config: MatchConfig,
                             today: date) -> dict[str, KindOfHelp]:
    """For each kind of help the volunteers offer: how many can be offered it, and why the
    others cannot, by matching's own rules (`matching.rules`) as they stand today. Where
    they live, when they are free and which languages they speak depend on the request,
    so only the rules about the volunteer themselves can fail here."""
    volunteers = [volunteer for profile in profiles
                  if (volunteer := volunteer_of(profile, profile.person.first_name, today))]
    if not volunteers:
        return {}
    lapsed = {profile.person_id: set(checks_recorded(profile)) - checks_held(profile, today)
              for profile in profiles}
    table = VolunteerTable.from_volunteers(volunteers, with_experience=False)
    rows = np.arange(len(volunteers))
    anywhere = np.zeros(len(volunteers))  # each is asked at their own door
    offerable = {}
    for category in CATEGORIES:
        need = HelpNeeded(request_id=0, resident_id=0, resident_first_name="",
                          category=category, latitude=0.0, longitude=0.0, slots=None,
                          language="en", age_band=None, circumstances="")
        masks = rule_masks(table, rows, anywhere, need, config)
        if not masks["skill"].any():
            continue
        kind = offerable[category] = KindOfHelp()
        for row in np.flatnonzero(masks["skill"]):
            broken = [rule for rule in RULES if not masks[rule][row]]
            if broken:
                volunteer = volunteers[row]
                kind.cannot[why_not(broken, volunteer, config.checks_needed(category),
                                    lapsed.get(volunteer.volunteer_id, set()))] += 1
            else:
                kind.can += 1
    return offerable


def why_not(broken: list[str], volunteer: Volunteer, needed: frozenset[str],
            lapsed: set[str]) -> str:
    """The rules broken, in words: "pending approval; no ID check, DBS check ran out"."""
    reasons = []
    for rule in broken:
        if rule == "approved":
            reasons.append("suspended" if volunteer.vetting == VettingStatus.SUSPENDED
                           else "pending approval")
        elif rule == "not_paused":
            reasons.append("paused")
        elif rule == "checks":
            missing = [check for check in CHECK_LABELS if check in needed - volunteer.checks]
            reasons.append(", ".join(f"{CHECK_LABELS[check]} ran out" if check in lapsed
                                     else f"no {CHECK_LABELS[check]}" for check in missing))
        elif rule == "capacity":
            reasons.append("a weekly limit of 0 tasks")
        else:
            reasons.append(f"breaks the {rule} rule")
    return "; ".join(reasons)


def export_volunteers(session: Session, stream: TextIO) -> int:
    writer = csv_writer(stream)
    writer.writerow(HEADER)
    count = 0
    for profile in volunteers_in_order(session):
        person = profile.person
        phones = [i.address for i in person.identities if i.kind == IdentityKind.PHONE]
        telegrams = [i.address for i in person.identities if i.kind == IdentityKind.TELEGRAM]
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
            "",  # vetted: the checks column says it all
            checks_cell(profile),
        ])
        count += 1
    return count


def checks_cell(profile: VolunteerProfile) -> str:
    """ "id;dbs:2027-03-31;training": every check recorded, run out or not, with its date."""
    return ";".join(FILE_CHECK[check] + (f":{expires.isoformat()}" if expires else "")
                    for check, expires in checks_recorded(profile).items())


def volunteers_in_order(session: Session) -> Iterable[VolunteerProfile]:
    return session.scalars(
        select(VolunteerProfile)
        .where(VolunteerProfile.left_at.is_(None))
        .order_by(VolunteerProfile.person_id)
    )
