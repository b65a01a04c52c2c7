"""Cancelling a request: one path, whoever cancels, and everyone it touches is told.

A resident's CANCEL, a withdrawal of consent, an erasure and a coordinator's
cancel all end a request the same way: offers still open are withdrawn, regular
calls stop, and the volunteer who took it hears at once, in their own
language, so nobody turns up at the door or rings a number that no longer
wants them. What differs is only why, and so the words the volunteer reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.dialogue.catalogue import DEFAULT_LANGUAGE, catalogue
from bot.services.shared import audit
from bot.services.sending.notify import Notifier
from models import (
    OPEN_STATUSES,
    CallSchedule,
    HelpRequest,
    Offer,
    OfferStatus,
    Person,
    RequestStatus,
    ScheduleStatus,
)

# Why a request was cancelled; each has its own words for the volunteer
# (`task_cancelled_<why>`, and `..._calls`, where written, when regular calls stop with it).
BY_RESIDENT = "resident"
CONSENT_WITHDRAWN = "consent"
ERASED = "erased"
BY_COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Cancelled:
    """What cancelling changed, for the words said back to whoever cancelled."""

    reference: str
    volunteer_told: str | None  # the first name of the volunteer who was told, if any
    calls_ended: bool


def cancel_request(session: Session, request: HelpRequest, now: datetime, notifier: Notifier,
                   *, why: str, actor_id: int | None, channel: str | None,
                   reason: str | None = None) -> Cancelled | None:
    """Cancel an open request; None when it was already closed (cancelling twice is
    harmless)."""
    if request.status not in OPEN_STATUSES:
        return None
    volunteer_id = request.assigned_volunteer_id \
        if request.status == RequestStatus.ASSIGNED else None
    request.move_to(RequestStatus.CANCELLED, now)
    session.execute(update(Offer).where(Offer.request_id == request.id,
                                        Offer.status == OfferStatus.OFFERED)
                    .values(status=OfferStatus.WITHDRAWN, answered_at=now)
                    .execution_options(synchronize_session="fetch"))
    calls_ended = False
    for schedule in session.scalars(select(CallSchedule).where(
            CallSchedule.request_id == request.id, CallSchedule.status != ScheduleStatus.ENDED)):
        schedule.status, schedule.ended_at = ScheduleStatus.ENDED, now
        calls_ended = True
    volunteer = session.get(Person, volunteer_id) if volunteer_id else None
    if volunteer is not None and volunteer.erased_at is not None:
        volunteer = None
    resident = session.get(Person, request.resident_id)
    if volunteer is not None:
        key = f"task_cancelled_{why}"
        if calls_ended and f"{key}_calls" in catalogue(DEFAULT_LANGUAGE):
            key += "_calls"  # "please don't ring again" rather than "please don't go"
        notifier.send(session, volunteer, now, key, reference=request.reference,
                      category=notifier.say(volunteer, f"category.{request.category}").lower(),
                      name=(resident.first_name if resident else None) or "")
    audit.record(session, "request.cancelled", now, actor_id=actor_id, channel=channel,
                 subject=request.reference, by=why, reason=reason,
                 volunteer_told=volunteer is not None, calls_ended=calls_ended)
    return Cancelled(request.reference, volunteer.first_name if volunteer else None,
                     calls_ended)
