"""A volunteer giving back a task they took but can no longer do ("GIVE BACK R-7Q4K").

People fall ill and plans change: a task given back goes to other volunteers at
once, and the resident is told we are finding someone else. Regular calls can't
simply be re-offered (the resident knows their caller): they go on hold, the
resident is told a new caller is coming, and the coordinators are asked to hand
them over.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.types import Reply
from bot.services.shared import audit
from bot.services.calls.checkins import hold_calls
from bot.services.shared.describe import coordinators, phone_of
from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferService, left_unmatched
from models import (
    CallSchedule,
    HelpRequest,
    NeedOffer,
    NeedOfferStatus,
    Offer,
    OfferStatus,
    Person,
    RequestStatus,
    ScheduleStatus,
)


def give_back(session: Session, volunteer: Person, reference: str, now: datetime,
              channel: str, offers: OfferService) -> list[Reply]:
    notifier = offers.notifier
    say = notifier.speaker(volunteer)
    request = session.scalar(select(HelpRequest).where(
        HelpRequest.reference == reference, HelpRequest.assigned_volunteer_id == volunteer.id,
        HelpRequest.status == RequestStatus.ASSIGNED))
    if request is None:
        return [Reply(say("task_unknown", reference=reference))]
    schedule = session.scalar(select(CallSchedule).where(
        CallSchedule.request_id == request.id, CallSchedule.status != ScheduleStatus.ENDED))
    audit.record(session, "request.given_back", now, actor_id=volunteer.id, channel=channel,
                 subject=reference, calls=schedule is not None)
    if schedule is None:
        resident = session.get(Person, request.resident_id)
        return_task(session, request, volunteer.id, now, offers, notifier,
                    event="request.volunteer_gave_back",
                    unmatched="the volunteer gave it back: a coordinator should find someone")
        return [Reply(say("give_back_done", reference=reference,
                          name=resident.first_name or ""))]
    resident = hold_calls(session, schedule, volunteer, notifier, now)
    for coordinator in coordinators(session):
        notifier.send(session, coordinator, now, "calls_given_back_alert", reference=reference,
                      volunteer=volunteer.first_name or "", resident=resident.first_name or "",
                      phone=phone_of(session, resident.id))
    return [Reply(say("give_back_calls_done", name=resident.first_name or ""))]


def return_task(session: Session, request: HelpRequest, volunteer_id: int, now: datetime,
                offers: OfferService | None, notifier: Notifier,
                event: str = "request.volunteer_erased",
                unmatched: str = "the volunteer's details were erased: a coordinator should "
                                 "find someone") -> None:
    """A task its volunteer can no longer do (erased, suspended): offered again, or to the
    coordinators' queue."""
    for offer in session.scalars(select(Offer).where(Offer.request_id == request.id,
                                                     Offer.volunteer_id == volunteer_id)):
        offer.status = OfferStatus.WITHDRAWN  # frees the one-accepted-offer slot
        offer.answered_at = offer.answered_at or now
    request.assigned_volunteer_id = None
    request.assigned_at = None
    session.flush()
    audit.record(session, event, now, subject=request.reference)
    resident = session.get(Person, request.resident_id)
    if resident is not None and resident.erased_at is None:
        notifier.send(session, resident, now, "volunteer_withdrawn",
                      category=notifier.say(resident, f"category.{request.category}").lower())
    if offers is not None and request.consent_given:
        request.move_to(RequestStatus.MATCHING, now)
        offers.offer_next_round(session, request, now)
        return
    request.move_to(RequestStatus.NEW, now)
    left_unmatched(request, unmatched, now)


def withdraw_open_offers(session: Session, volunteer_id: int, now: datetime,
                         offers: OfferService | None) -> int:
    """Close a volunteer's open offers (each request moves on to others); how many."""
    open_offers = list(session.scalars(select(Offer).where(
        Offer.volunteer_id == volunteer_id, Offer.status == OfferStatus.OFFERED)))
    for offer in open_offers:
        offer.status, offer.answered_at = OfferStatus.WITHDRAWN, now
    # Partners' needs offered to them close too (places already taken stay with the partner).
    for need_offer in session.scalars(select(NeedOffer).where(
            NeedOffer.volunteer_id == volunteer_id, NeedOffer.status == NeedOfferStatus.OFFERED)):
        need_offer.status, need_offer.answered_at = NeedOfferStatus.DECLINED, now
    if offers is not None:
        for offer in open_offers:
            request = session.get(HelpRequest, offer.request_id)
            if request is not None:
                offers.continue_if_round_finished(session, request, now)
    return len(open_offers)
