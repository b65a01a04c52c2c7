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
from bot.services import audit
from bot.services.describe import coordinators, phone_of
from bot.services.offers import OfferService
from bot.services.privacy import return_task
from bot.services.suspension import hold_calls
from models import CallSchedule, HelpRequest, Person, RequestStatus, ScheduleStatus


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
