"""Small helpers for coordinators' messages: who coordinates, people and times in words."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.wording import who_is_helped
from bot.understanding.quoting import task_words
from models import (
    ContactIdentity, HelpCategory, HelpRequest, IdentityKind, Person, PersonRole, Role,
)


def coordinators(session: Session) -> list[Person]:
    """Everyone who coordinates, to be told of concerns and missed calls."""
    return list(session.scalars(
        select(Person).join(PersonRole, PersonRole.person_id == Person.id)
        .where(PersonRole.role == Role.COORDINATOR, Person.erased_at.is_(None))
        .order_by(Person.id)))


# The identities proactive messages can go to.
MESSAGING_KINDS = (IdentityKind.PHONE, IdentityKind.TELEGRAM, IdentityKind.WHATSAPP)


def reachable(person: Person) -> bool:
    """Whether any channel that can carry proactive messages still reaches the person."""
    return any(identity.kind in MESSAGING_KINDS
               and identity.opted_out_at is None for identity in person.identities)


def cannot_be_texted(person: Person | None) -> bool:
    """Someone we could text once and can't now (STOP, or the provider refused the number):
    news about their requests has to go by phone."""
    return person is not None and person.erased_at is None and not reachable(person) \
        and any(identity.kind in MESSAGING_KINDS for identity in person.identities)


def district_of(postcode: str | None) -> str:
    """"RM17 6SL" -> "RM17": an area, not an address."""
    return (postcode or "?").split(" ")[0]


def name_of(person: Person | None) -> str:
    return (person.first_name if person else None) or "someone"


def helped_by(request: HelpRequest, resident: Person, say) -> str:
    """Whom a volunteer helps: the resident, or the person they wrote for ("Edna"); the
    request a HelpRequest or a row of its helped_name and helped_relation."""
    return who_is_helped(say, resident.first_name or "", request.helped_name,
                         request.helped_relation)


def task_for_volunteer(request: HelpRequest, say) -> str:
    """The kind of help as volunteers are offered it; for "something else", which says
    nothing of the job, what was asked in the resident's words, without their contact
    ("something else ("go to the butchers for me")")."""
    kind = say(f"category.{request.category}").lower()
    words = task_words(request.details) if request.category == HelpCategory.OTHER else ""
    return say("category_with_words", category=kind, words=words) if words else kind


def asked_by(request: HelpRequest, resident: Person | None, say) -> str:
    """The resident, for coordinators: "Dave for Edna" when he wrote for her, and "Dave's
    mum" when he did not say her name (which names him already)."""
    if resident is None or not request.helped_relation:
        return name_of(resident)
    if not request.helped_name:
        return helped_by(request, resident, say)
    return say("asked_for_someone", writer=name_of(resident), helped=request.helped_name)


def phone_of(session: Session, person_id: int | None) -> str:
    """A person's phone number, for coordinators; they may be on Telegram only."""
    if person_id is None:
        return "-"
    phone = session.scalar(select(ContactIdentity.address).where(
        ContactIdentity.person_id == person_id, ContactIdentity.kind == IdentityKind.PHONE))
    return phone or "Telegram only"


def number_to_ring(session: Session, request: HelpRequest) -> str | None:
    """The phone a volunteer rings for this request: the number given for it (the person
    written for, or a landline a coordinator took), else the resident's own; None when they
    have none (Telegram only)."""
    if request.phone_to_ring:
        return request.phone_to_ring
    return session.scalar(select(ContactIdentity.address).where(
        ContactIdentity.person_id == request.resident_id,
        ContactIdentity.kind == IdentityKind.PHONE))


def aware(moment: datetime, like: datetime) -> datetime:
    """SQLite hands back naive datetimes; they are UTC."""
    return moment.replace(tzinfo=like.tzinfo) if moment.tzinfo is None else moment


def how_long(elapsed: timedelta) -> str:
    minutes = max(0, int(elapsed.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"
