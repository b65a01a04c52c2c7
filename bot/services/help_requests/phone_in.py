"""Residents who ring the hub's number instead of texting it.

Not everyone can text. A call to the hub's Twilio number is kept in the caller's
history (an inbound message on the "voice" channel, once per CallSid, so Twilio's
retries change nothing); when no coordinator takes it (no line to forward to, or
nobody answered there), every coordinator is asked to ring the caller back, once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.shared import audit
from bot.services.shared.describe import coordinators, name_of
from bot.services.shared.identities import find_or_create_person
from bot.services.sending.notify import Notifier
from models import OPEN_STATUSES, AuditEvent, HelpRequest, IdentityKind, InboundMessage, Person

CHANNEL = "voice"
CALL_NOTE = "(rang the hub)"


def record_call(session: Session, caller: str, call_sid: str, now: datetime) -> Person:
    """The caller (someone new if we don't know the number), with this call in their
    history; a call Twilio tells us about twice is kept once."""
    person, _ = find_or_create_person(session, IdentityKind.PHONE, caller)
    try:
        with session.begin_nested():
            session.add(InboundMessage(channel=CHANNEL, channel_message_id=call_sid,
                                       person_id=person.id, body=CALL_NOTE, received_at=now))
    except IntegrityError:
        pass  # already kept
    return person


def ask_for_call_back(session: Session, person: Person, caller: str, call_sid: str,
                      now: datetime, notifier: Notifier, zone) -> bool:
    """Every coordinator is asked to ring the caller back; False when this call already
    asked (or there is no coordinator to ask: the log says so, as for concerns)."""
    subject = f"call:{call_sid}"
    if session.scalar(select(AuditEvent.id).where(AuditEvent.subject == subject).limit(1)):
        return False
    open_requests = session.scalars(select(HelpRequest.reference).where(
        HelpRequest.resident_id == person.id, HelpRequest.status.in_(OPEN_STATUSES))
        .order_by(HelpRequest.id)).all()
    told = coordinators(session)
    for coordinator in told:
        say = notifier.speaker(coordinator)
        notifier.send(session, coordinator, now, "call_back_alert", name=name_of(person),
                      phone=caller, time=f"{now.astimezone(zone):%H:%M}",
                      requests=say("call_back_requests", references=", ".join(open_requests))
                      if open_requests else "")
    audit.record(session, "call.call_back_asked", now, channel=CHANNEL, subject=subject,
                 person=person.id, coordinators=len(told))
    return bool(told)
