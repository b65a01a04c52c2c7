"""What `neighbourly demo` reads back from the hub to narrate its day, as plain data.

The demo (bot/channels/demo.py) is a channel like the console: it talks to the hub
through services and never touches the models. These are the few questions its
narration asks: who has console messages waiting, who someone is, the newest request
a resident made, the matching engine's latest round, the regular calls booked, and
what a coordinator has been told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import (
    CallSchedule,
    HelpRequest,
    IdentityKind,
    Offer,
    OutboundMessage,
    OutboundStatus,
    Person,
    ScheduleStatus,
)

PHONE = IdentityKind.PHONE
TELEGRAM = IdentityKind.TELEGRAM


def waiting_on_channel(session: Session, channel: str) -> list[int]:
    """People with messages waiting to go out on `channel`, the longest waiting first."""
    return list(session.scalars(
        select(OutboundMessage.person_id)
        .where(OutboundMessage.channel == channel,
               OutboundMessage.status == OutboundStatus.PENDING)
        .group_by(OutboundMessage.person_id)
        .order_by(func.min(OutboundMessage.id))))


@dataclass(frozen=True)
class Someone:
    name: str
    kind: str  # their first identity's kind: PHONE or TELEGRAM
    address: str


def someone(session: Session, person_id: int) -> Someone:
    """A person as the demo introduces them: first name and first way of reaching them."""
    person = session.get(Person, person_id)
    identity = min(person.identities, key=lambda i: i.id)
    return Someone(person.first_name or "someone", identity.kind, identity.address)


def latest_reference(session: Session, resident_id: int | None) -> str | None:
    return session.scalar(
        select(HelpRequest.reference).where(HelpRequest.resident_id == resident_id)
        .order_by(HelpRequest.id.desc()).limit(1))


@dataclass(frozen=True)
class OfferMade:
    rank: int
    volunteer: str
    reasons: str


@dataclass(frozen=True)
class MatchingRound:
    """The newest round of offers for a request; `round` None when nobody was offered it."""

    reference: str
    category: str
    district: str
    round: int | None
    unmatched_reason: str | None
    offers: list[OfferMade]


def latest_matching(session: Session, reference: str) -> MatchingRound:
    request = session.scalar(select(HelpRequest).where(HelpRequest.reference == reference))
    latest = session.scalar(select(func.max(Offer.round)).where(Offer.request_id == request.id))
    offers = [] if latest is None else [
        OfferMade(offer.rank, name, offer.reasons) for offer, name in session.execute(
            select(Offer, Person.first_name).join(Person, Person.id == Offer.volunteer_id)
            .where(Offer.request_id == request.id, Offer.round == latest)
            .order_by(Offer.rank))]
    return MatchingRound(reference, request.category, (request.postcode or "").split(" ")[0],
                         latest, request.unmatched_reason, offers)


@dataclass(frozen=True)
class BookedCalls:
    volunteer: str
    resident: str
    when: str  # "every Tuesday at 2pm", as the check-in service says it
    next_call_at: datetime  # in UTC


def booked_calls(session: Session, describe: Callable) -> list[BookedCalls]:
    """Regular calls not ended; `describe(volunteer, schedule)` says when (CheckinService)."""
    return [BookedCalls(schedule.volunteer.first_name, schedule.resident.first_name,
                        describe(schedule.volunteer, schedule),
                        schedule.next_call_at.replace(tzinfo=UTC))
            for schedule in session.scalars(select(CallSchedule).where(
                CallSchedule.status != ScheduleStatus.ENDED).order_by(CallSchedule.id))]


def told(session: Session, person_id: int | None) -> list[str]:
    """What the hub has said to someone, newest first."""
    return list(session.scalars(select(OutboundMessage.body).where(
        OutboundMessage.person_id == person_id).order_by(OutboundMessage.id.desc())))


def call_start_minute(session: Session, resident_first_name: str) -> int | None:
    """The minute of the day a resident's regular call starts."""
    return session.scalar(select(CallSchedule.start_minute).join(
        Person, Person.id == CallSchedule.resident_id)
        .where(Person.first_name == resident_first_name))
