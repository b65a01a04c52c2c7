"""What suspending a volunteer does to the help they had already taken on.

A suspension is often about safeguarding, so a suspended volunteer must not
turn up at anyone's door or ring anyone: open offers close, one-off tasks
they had taken are offered to others (the resident is told), and regular
calls go on hold until a coordinator hands them to someone else (HANDOVER
resumes them), and places taken on partners' needs are given back (the
partner is told; others are asked). The volunteer is told which tasks not to
go ahead with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferService
from bot.services.community.partners import PartnerService
from bot.services.calls.checkins import hold_calls
from bot.services.help_requests.give_back import return_task, withdraw_open_offers
from models import (
    CallSchedule,
    HelpRequest,
    Person,
    RequestStatus,
    ScheduleStatus,
    VettingStatus,
)


@dataclass(frozen=True)
class Suspension:
    offers_withdrawn: int
    tasks_returned: tuple[str, ...]  # references now offered to others
    calls_held: tuple[str, ...]  # references whose regular calls wait for HANDOVER
    places_given_back: tuple[str, ...] = ()  # partners' needs (N-…) offered to others


def suspend(session: Session, volunteer: Person, now: datetime, offers: OfferService,
            notifier: Notifier, partners: PartnerService | None = None) -> Suspension:
    volunteer.volunteer_profile.vetting_status = VettingStatus.SUSPENDED
    withdrawn = withdraw_open_offers(session, volunteer.id, now, offers)
    held = []
    for schedule in session.scalars(select(CallSchedule).where(
            CallSchedule.volunteer_id == volunteer.id,
            CallSchedule.status != ScheduleStatus.ENDED).order_by(CallSchedule.id)):
        hold_calls(session, schedule, volunteer, notifier, now)
        held.append(schedule.request)
    held_ids = {request.id for request in held}
    returned = [request for request in session.scalars(select(HelpRequest).where(
        HelpRequest.assigned_volunteer_id == volunteer.id,
        HelpRequest.status == RequestStatus.ASSIGNED).order_by(HelpRequest.id))
        if request.id not in held_ids]
    for request in returned:
        return_task(session, request, volunteer.id, now, offers, notifier,
                    event="request.volunteer_suspended",
                    unmatched="the volunteer was suspended: a coordinator should find someone")
    places = partners.give_back_places(session, volunteer, now) if partners else []
    references = [request.reference for request in [*held, *returned]] + places
    notifier.send(session, volunteer, now, "volunteer_suspended",
                  name=volunteer.first_name or "")
    if references:
        notifier.send(session, volunteer, now, "volunteer_suspended_tasks",
                      references=", ".join(references))
    return Suspension(withdrawn, tuple(r.reference for r in returned),
                      tuple(r.reference for r in held), tuple(places))


