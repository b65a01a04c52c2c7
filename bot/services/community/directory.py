"""The directory of local services: kept by coordinators, suggested to residents.

A resident asking "who delivers food near me?" gets the nearest few entries
that serve their postcode district; a new shopping or prescription request is
answered with a matching service alongside the volunteer search, and what was
suggested is kept on the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue import signposting
from bot.understanding import parsing
from bot.dialogue.turn import Turn
from bot.dialogue.types import KnownPostcode, Reply, State
from bot.services.shared import audit
from matching import geodesic_km
from models import (
    DirectoryEntry,
    HelpRequest,
    Person,
    ServiceKind,
    ServiceSuggestion,
    VolunteerProfile,
)

SHOWN = 3  # entries in one answer: enough to choose from, short enough for SMS
SUGGESTED_FOR = {
    "shopping": ("shop",),
    "prescription": ("pharmacy",),
    "befriending": ("befriending", "mental_health"),
}
KIND_NAMES = {
    "shop": "shop", "shops": "shop", "supermarket": "shop", "grocer": "shop",
    "pharmacy": "pharmacy", "chemist": "pharmacy",
    "food bank": "food_bank", "foodbank": "food_bank", "food_bank": "food_bank",
    "befriending": "befriending", "charity": "befriending", "carers": "befriending",
    "mental health": "mental_health", "mental_health": "mental_health",
    "helpline": "mental_health", "listening line": "mental_health", "other": "other",
}
PAYS_BY_PHONE = re.compile(r"\b(?:takes? )?(?:payment|pay|card) (?:by|over the) phone\b",
                           re.IGNORECASE)
ENTRY_NUMBER = re.compile(r"\bD-?(\d+)\b", re.IGNORECASE)


def kind_named(words: str) -> str | None:
    return KIND_NAMES.get(parsing.clean(words).lower().strip(" ."))


def districts_in(text: str) -> list[str]:
    """Postcode districts named in `text`: "RM17 RM16", "RM17, RM18", or full postcodes."""
    found: list[str] = []
    for word in re.split(r"[\s,;]+", text.upper()):
        if parsing.OUTWARD_ONLY_PATTERN.match(word) and word not in found:
            found.append(word)
    for postcode in parsing.find_postcodes(text):
        district = postcode.split(" ")[0]
        if district not in found:
            found.append(district)
    return found


@dataclass(frozen=True)
class EntryDetails:
    """One entry as a coordinator or a CSV row gives it."""

    name: str
    kind: str
    districts: list[str]
    phone: str = ""
    opening_hours: str = ""
    takes_payment_by_phone: bool = False
    notes: str = ""
    postcode: str | None = None


class DirectoryService:
    def __init__(self, locate_postcode: Callable[[str], KnownPostcode | None],
                 say: Callable[..., str]) -> None:
        self.locate_postcode = locate_postcode
        self.say = say  # say(person, key, **params), the notifier's

    # Finding.

    def serving(self, session: Session, district: str, kinds: tuple[str, ...],
                latitude: float | None = None, longitude: float | None = None,
                limit: int = SHOWN) -> list[DirectoryEntry]:
        """Entries of these kinds that serve the district, nearest first."""
        entries = [entry for entry in session.scalars(
            select(DirectoryEntry).where(DirectoryEntry.kind.in_(kinds),
                                         DirectoryEntry.removed_at.is_(None))
            .order_by(DirectoryEntry.id))
            if district in (entry.districts or ())]

        def distance(entry: DirectoryEntry) -> float:
            if latitude is None or entry.latitude is None:
                return float("inf")
            return float(geodesic_km(latitude, longitude, entry.latitude, entry.longitude))

        entries.sort(key=distance)
        return entries[:limit]

    def describe(self, person: Person, entry: DirectoryEntry) -> str:
        say = lambda key, **params: self.say(person, key, **params)  # noqa: E731
        what = say(f"kind.{entry.kind}")
        if entry.takes_payment_by_phone:
            what = f"{what}, {say('directory_pays_by_phone')}"
        details = ", ".join(part for part in (entry.phone, entry.opening_hours) if part)
        return f"- {entry.name} ({what}): {details}" if details else f"- {entry.name} ({what})"

    def answer_question(self, session: Session, person: Person, kinds: tuple[str, ...],
                        place: KnownPostcode | None, district: str | None = None
                        ) -> tuple[list[Reply], State | None]:
        """A resident's question: the nearest entries serving where they are."""
        if place is None and district:
            place = self.locate_postcode(district)
        place = place or self.last_known_place(session, person)
        if place is None:
            turn = Turn.hub_asks(person.language)
            state = signposting.ask_for_postcode(turn, kinds)
            return turn.replies, state
        district = place.postcode.split(" ")[0]
        entries = self.serving(session, district, kinds, place.latitude, place.longitude)
        if not entries:
            names = f" {self.say(person, 'and')} ".join(self.say(person, f"kind.{k}")
                                                         for k in kinds)
            return [Reply(self.say(person, "directory_none", kinds=names, district=district))], None
        lines = "\n".join(self.describe(person, entry) for entry in entries)
        return [Reply(self.say(person, "directory_found", district=district, lines=lines))], None

    def last_known_place(self, session: Session, person: Person) -> KnownPostcode | None:
        """Where the person last told us they are: their latest request, or volunteer profile."""
        postcode = session.scalar(
            select(HelpRequest.postcode).where(HelpRequest.resident_id == person.id,
                                               HelpRequest.postcode.is_not(None))
            .order_by(HelpRequest.created_at.desc(), HelpRequest.id.desc()).limit(1))
        if postcode is None:
            postcode = session.scalar(select(VolunteerProfile.postcode).where(
                VolunteerProfile.person_id == person.id))
        return self.locate_postcode(postcode) if postcode else None

    def suggest_alongside(self, session: Session, request: HelpRequest, person: Person,
                          now: datetime) -> list[Reply]:
        """Services that fit a new request, offered next to (not instead of) a volunteer."""
        kinds = SUGGESTED_FOR.get(request.category)
        if not kinds or not request.postcode:
            return []
        entries = self.serving(session, request.postcode.split(" ")[0], kinds,
                               request.latitude, request.longitude)
        if not entries:
            return []
        for entry in entries:
            session.add(ServiceSuggestion(request_id=request.id, entry_id=entry.id,
                                          entry_name=entry.name, suggested_at=now))
        audit.record(session, "request.signposted", now, subject=request.reference,
                     entries=[entry.id for entry in entries])
        lines = "\n".join(self.describe(person, entry) for entry in entries)
        return [Reply(self.say(person, "directory_alongside", lines=lines))]

    # Keeping the directory.

    def add(self, session: Session, details: EntryDetails, now: datetime) -> DirectoryEntry:
        entry = DirectoryEntry(created_at=now)
        self.update(entry, details)
        session.add(entry)
        session.flush()
        return entry

    def update(self, entry: DirectoryEntry, details: EntryDetails) -> None:
        place = self.locate_postcode(details.postcode) if details.postcode else None
        entry.name, entry.kind = details.name[:120], details.kind
        entry.districts = list(details.districts)
        entry.postcode = place.postcode if place else None
        entry.latitude = place.latitude if place else None
        entry.longitude = place.longitude if place else None
        entry.phone, entry.opening_hours = details.phone[:32], details.opening_hours[:120]
        entry.takes_payment_by_phone, entry.notes = details.takes_payment_by_phone, details.notes

    def entries(self, session: Session, district: str | None = None) -> list[DirectoryEntry]:
        rows = session.scalars(select(DirectoryEntry).where(DirectoryEntry.removed_at.is_(None))
                               .order_by(DirectoryEntry.kind, DirectoryEntry.name))
        return [entry for entry in rows if district is None or district in entry.districts]


def entry_label(entry: DirectoryEntry) -> str:
    return f"D-{entry.id}"


def details_from_command(text: str) -> EntryDetails | None:
    """DIRECTORY ADD name | kind | areas | phone | hours | notes; None when it can't be read."""
    fields = [field.strip() for field in text.split("|")]
    if len(fields) < 3 or not fields[0]:
        return None
    kind = kind_named(fields[1])
    districts = districts_in(fields[2])
    if kind is None or not districts:
        return None
    full = parsing.find_postcodes(fields[2])
    rest = fields[3:] + [""] * 3
    notes = " | ".join(field for field in fields[5:] if field)
    return EntryDetails(name=fields[0], kind=kind, districts=districts, phone=rest[0],
                        opening_hours=rest[1],
                        takes_payment_by_phone=bool(PAYS_BY_PHONE.search(notes)),
                        notes=notes, postcode=full[0] if full else None)


def entry_number(text: str) -> int | None:
    match = ENTRY_NUMBER.search(text)
    return int(match.group(1)) if match else None


KINDS = tuple(kind.value for kind in ServiceKind)
