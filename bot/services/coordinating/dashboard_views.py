"""What each dashboard page shows, read from the database as plain data.

The dashboard (bot/channels/dashboard*.py) draws pages from templates and never
touches the models: a page asks one function here for its rows, and gets frozen
dataclasses of ready-to-show text (names, districts, "3 hours"), so a template
has nothing left to look up after the transaction ends. The few changes a
dashboard form makes that no other service already owns (removing a directory
entry, finding the volunteer a form names) live here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.money import pounds
from bot.services.coordinating import case_actions
from bot.services.help_requests import receipts
from bot.services.safeguarding import takeover
from bot.services.coordinating.admin import checks_held_text, district_of, queue_state
from bot.services.coordinating.dashboard_auth import is_coordinator
from bot.services.shared.describe import aware, how_long, name_of
from bot.services.community.directory import entry_label
from bot.understanding import parsing
from models import (
    OPEN_STATUSES,
    CallResult,
    CallSchedule,
    Campaign,
    CampaignMember,
    Concern,
    ConcernStatus,
    DirectoryEntry,
    HelpRequest,
    NeedOffer,
    NeedOfferStatus,
    Person,
    ReceiptStatus,
    RequestStatus,
    ScheduleStatus,
    VettingStatus,
    VolunteerProfile,
)

ASSIGNABLE = (RequestStatus.NEW, RequestStatus.MATCHING, RequestStatus.OFFERED)


# Who is signed in.

def signed_in_coordinator(session: Session, person_id: int) -> Person | None:
    """The session's holder, while they are still a coordinator."""
    if not is_coordinator(session, person_id):
        return None
    return session.get(Person, person_id)


def person(session: Session, person_id: int) -> Person | None:
    return session.get(Person, person_id)


# The queue.

@dataclass(frozen=True)
class QueueRow:
    reference: str
    help: str
    district: str
    waiting: str
    why: str


def queue(session: Session, now: datetime, say: Callable[..., str]) -> list[QueueRow]:
    """Open requests that wait for something (unmatched, unanswered, overdue), oldest first."""
    rows = []
    for item in session.scalars(select(HelpRequest).where(
            HelpRequest.status.in_(OPEN_STATUSES))
            .order_by(HelpRequest.created_at, HelpRequest.id)):
        state = queue_state(session, item, now.date(), say)
        if state is not None:
            rows.append(QueueRow(item.reference, say(f"category.{item.category}"),
                                 district_of(item.postcode),
                                 how_long(now - aware(item.created_at, now)), state))
    return rows


# Concerns.

@dataclass(frozen=True)
class ConcernCard:
    number: int
    heading: str
    text: str
    raised_by: str
    source: str
    about: str | None  # the request's reference
    can_acknowledge: bool


def open_concerns(session: Session, now: datetime) -> list[ConcernCard]:
    """Concerns not yet resolved, urgent first, then oldest first."""
    cards = []
    for concern in session.scalars(
            select(Concern).where(Concern.status != ConcernStatus.RESOLVED)
            .order_by(Concern.urgent.desc(), Concern.raised_at)):
        raiser = session.get(Person, concern.raised_by_id) if concern.raised_by_id else None
        task = session.get(HelpRequest, concern.request_id) if concern.request_id else None
        heading = (f"C-{concern.id}{' · URGENT' if concern.urgent else ''} · "
                   f"{concern.status} · {how_long(now - aware(concern.raised_at, now))} ago")
        cards.append(ConcernCard(concern.id, heading, concern.text or "", name_of(raiser),
                                 concern.source or "", task.reference if task else None,
                                 concern.status == ConcernStatus.OPEN))
    return cards


# Volunteers.

@dataclass(frozen=True)
class VolunteerRow:
    person_id: int
    name: str
    district: str
    skills: str
    checks: str
    label: str  # "Ann (RM17)": names the volunteer on a button
    pending: bool
    paused: bool


def volunteers(session: Session) -> list[VolunteerRow]:
    """Volunteers waiting for checks or approved, by first name."""
    rows = session.execute(
        select(VolunteerProfile, Person).join(Person, Person.id == VolunteerProfile.person_id)
        .where(VolunteerProfile.left_at.is_(None), Person.erased_at.is_(None),
               VolunteerProfile.vetting_status.in_((VettingStatus.PENDING,
                                                    VettingStatus.APPROVED)))
        .order_by(Person.first_name, Person.id)).all()
    return [VolunteerRow(
        person_id=someone.id, name=someone.first_name or "?",
        district=district_of(profile.postcode),
        skills=", ".join(profile.skills or []) or "-",
        checks=checks_held_text(profile) or "none",
        label=f"{someone.first_name or '?'} ({district_of(profile.postcode)})",
        pending=profile.vetting_status == VettingStatus.PENDING, paused=bool(profile.paused))
        for profile, someone in rows]


def volunteer_to_manage(session: Session, person_id: int) -> Person | None:
    """The volunteer a form names, unless they have left or been erased."""
    found = session.get(Person, person_id)
    if found is None or found.erased_at is not None or found.volunteer_profile is None \
            or found.volunteer_profile.left_at is not None:
        return None
    return found


# The map.

def district_counts(session: Session, locate: Callable[[str], Any],
                    on_error: Callable[[str], None] = lambda district: None
                    ) -> list[dict[str, Any]]:
    """Open requests and available volunteers counted per postcode district, at the
    district's centre: the postcode index's centroid of the district (the average of its
    postcodes), else the average of the points counted there; rounded to about a
    kilometre. Full postcodes and coordinates never leave this function."""
    points: dict[str, list[tuple[float, float]]] = {}
    counts: dict[str, dict[str, int]] = {}

    def count(postcode, latitude, longitude, kind):
        district = district_of(postcode).upper()
        if district == "?":
            return
        counts.setdefault(district, {"requests": 0, "volunteers": 0})[kind] += 1
        if latitude is not None and longitude is not None:
            points.setdefault(district, []).append((latitude, longitude))

    for postcode, latitude, longitude in session.execute(
            select(HelpRequest.postcode, HelpRequest.latitude, HelpRequest.longitude)
            .where(HelpRequest.status.in_(OPEN_STATUSES))):
        count(postcode, latitude, longitude, "requests")
    for postcode, latitude, longitude in session.execute(
            select(VolunteerProfile.postcode, VolunteerProfile.latitude,
                   VolunteerProfile.longitude)
            .join(Person, Person.id == VolunteerProfile.person_id)
            .where(VolunteerProfile.vetting_status == VettingStatus.APPROVED,
                   VolunteerProfile.paused.is_(False), VolunteerProfile.left_at.is_(None),
                   Person.erased_at.is_(None))):
        count(postcode, latitude, longitude, "volunteers")
    districts = []
    for district in sorted(counts):
        centre = _district_centre(district, points.get(district, []), locate, on_error)
        if centre is None:
            continue
        districts.append({"district": district, "latitude": centre[0],
                          "longitude": centre[1], **counts[district]})
    return districts


def _district_centre(district: str, points: list[tuple[float, float]], locate,
                     on_error) -> tuple[float, float] | None:
    try:
        place = locate(district)
    except Exception:  # noqa: BLE001 - a broken index must not take the map down
        on_error(district)
        place = None
    if place is not None:
        latitude, longitude = place.latitude, place.longitude
    elif points:
        latitude = sum(p[0] for p in points) / len(points)
        longitude = sum(p[1] for p in points) / len(points)
    else:
        return None
    # To about a kilometre: even a district of one postcode gives no house away.
    return round(latitude, 2), round(longitude, 2)


# The directory.

@dataclass(frozen=True)
class DirectoryRow:
    entry_id: int
    label: str
    name: str
    kind: str
    districts: str
    phone: str
    opening_hours: str
    payment_by_phone: bool
    notes: str


def directory_rows(session: Session, directory, say: Callable[..., str]) -> list[DirectoryRow]:
    """The directory's entries as the page lists them (`directory`: the DirectoryService)."""
    return [DirectoryRow(entry.id, entry_label(entry), entry.name or "",
                         say(f"kind.{entry.kind}"), " ".join(entry.districts or []),
                         entry.phone or "", entry.opening_hours or "",
                         bool(entry.takes_payment_by_phone), entry.notes or "")
            for entry in directory.entries(session)]


def remove_directory_entry(session: Session, entry_id: int, now: datetime
                           ) -> tuple[str, str] | None:
    """Takes an entry out of the directory; its (label, name), or None if it was gone."""
    entry = session.get(DirectoryEntry, entry_id)
    if entry is None or entry.removed_at is not None:
        return None
    entry.removed_at = now
    return entry_label(entry), entry.name


# Partners and their needs.

@dataclass(frozen=True)
class PartnerRow:
    name: str
    kind: str
    contact: str


@dataclass(frozen=True)
class NeedRow:
    reference: str
    partner: str
    help: str
    filled: str
    postcode: str
    how_often: str
    dates: str
    coming: str


def partners_and_needs(session: Session, partners, say: Callable[..., str]
                       ) -> tuple[list[PartnerRow], list[NeedRow]]:
    """Active partners and their needs still open (`partners`: the PartnerService)."""
    partner_rows = [PartnerRow(p.name or "", p.kind or "",
                               name_of(p.contact) if p.contact else "-")
                    for p in partners.active_partners(session)]
    needs = []
    for need in partners.open_needs(session):
        coming = session.scalars(
            select(Person.first_name).join(NeedOffer, NeedOffer.volunteer_id == Person.id)
            .where(NeedOffer.need_id == need.id,
                   NeedOffer.status == NeedOfferStatus.ACCEPTED)).all()
        dates = (f"{need.starts_on:%-d %b} to {need.ends_on:%-d %b}"
                 if need.starts_on and need.ends_on else "-")
        needs.append(NeedRow(need.reference, need.partner.name or "",
                             say(f"need_kind.{need.category}"),
                             f"{need.places_taken} of {need.volunteers_needed}",
                             need.postcode or "", need.how_often or "-", dates,
                             ", ".join(n or "?" for n in coming) or "-"))
    return partner_rows, needs


# Shopping money.

@dataclass(frozen=True)
class ReceiptRow:
    request_id: int
    reference: str
    resident: str
    volunteer: str
    amount: str
    status: str
    since: str
    can_settle: bool


def outstanding_receipts(session: Session, now: datetime) -> list[ReceiptRow]:
    """Receipts the resident has not confirmed, oldest first."""
    rows = []
    for item in session.scalars(select(HelpRequest).where(
            HelpRequest.receipt_status.in_(receipts.OUTSTANDING)).order_by(HelpRequest.receipt_at)):
        resident = session.get(Person, item.resident_id)
        volunteer = session.get(Person, item.assigned_volunteer_id) \
            if item.assigned_volunteer_id else None
        since = how_long(now - aware(item.receipt_at, now)) if item.receipt_at else "-"
        rows.append(ReceiptRow(item.id, item.reference, name_of(resident), name_of(volunteer),
                               pounds(item.receipt_pence or 0), str(item.receipt_status),
                               since, item.receipt_status != ReceiptStatus.AWAITING))
    return rows


def request_by_id(session: Session, request_id: int) -> HelpRequest | None:
    return session.get(HelpRequest, request_id)


# One request.

def request_named(session: Session, written: str) -> HelpRequest | None:
    """The request a page's address names (a reference as written), if there is one."""
    reference = parsing.find_reference(written)
    if reference is None:
        return None
    return session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))


@dataclass(frozen=True)
class MessageLine:
    at: str  # "3 Dec 14:05" in the hub's zone
    from_person: bool
    who: str
    body: str


@dataclass(frozen=True)
class ConversationView:
    name: str
    holder: str | None  # the coordinator who holds it (TAKE), if one does
    messages: list[MessageLine]


@dataclass(frozen=True)
class RequestView:
    reference: str
    summary: str
    history: list[str]
    assignable: bool
    has_calls: bool  # regular calls that can be handed over
    still_open: bool
    urgent: bool
    conversation: ConversationView | None
    # Photos of its receipt (bot/services/help_requests/receipts.py), each a link that serves the
    # picture to a signed-in coordinator only.
    receipt_photos: tuple[ReceiptPhotoLine, ...] = ()


@dataclass(frozen=True)
class ReceiptPhotoLine:
    path: str
    received: str  # in the hub's time zone
    size_kb: int


def receipt_photo_path(photo_id: int) -> str:
    return f"/dashboard/receipts/{photo_id}"


def request_view(session: Session, item: HelpRequest, shown: str, zone: tzinfo,
                 how_many_messages: int) -> RequestView:
    """A request's page: `shown` is what SHOW says about it (a summary line, then its
    history), and the last messages with the person who asked."""
    summary, *history = shown.splitlines()
    has_calls = session.scalar(select(CallSchedule.id).where(
        CallSchedule.request_id == item.id,
        CallSchedule.status != ScheduleStatus.ENDED)) is not None
    return RequestView(item.reference, summary, history, item.status in ASSIGNABLE, has_calls,
                       case_actions.still_open(item), item.urgency == "urgent",
                       conversation(session, item, zone, how_many_messages),
                       tuple(ReceiptPhotoLine(receipt_photo_path(photo.photo_id),
                                              f"{local(photo.received_at, zone):%-d %b %H:%M}",
                                              photo.size_kb)
                             for photo in receipts.photos_of(session, item.id)))


def conversation(session: Session, item: HelpRequest, zone: tzinfo,
                 how_many: int) -> ConversationView | None:
    resident = takeover.person_asking(session, item)
    if resident is None:
        return None
    name = name_of(resident)
    lines = [MessageLine(f"{local(m.at, zone):%-d %b %H:%M}", m.from_person,
                         name if m.from_person else "Hub", m.body)
             for m in takeover.recent_messages(session, resident.id, how_many)]
    return ConversationView(name, takeover.holder_name(session, resident.id), lines)


def local(moment: datetime, zone: tzinfo) -> datetime:
    """A stored time in the hub's zone (SQLite gives times back without their zone: UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


# Check-up campaigns: bot/services/calls/campaigns.py does the work; the pages find what they name.

# How a call went, in the order the call list's buttons show them.
CALL_RESULTS = (CallResult.FINE, CallResult.NEEDS_HELP, CallResult.NO_ANSWER,
                CallResult.WRONG_NUMBER)


def campaign_numbered(session: Session, number: int) -> Campaign | None:
    return session.get(Campaign, number)


def campaign_member(session: Session, member_id: int) -> CampaignMember | None:
    return session.get(CampaignMember, member_id)
