"""CSV exports for coordinators: requests and check-in calls (volunteers: volunteers_csv.py).

Exports carry what running the hub needs and no more: first names, postcode
districts and outcomes, never phone numbers or street addresses, since a
CSV file travels further than the database it came from.
"""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bot.services.shared.csv_cells import csv_writer
from models import CallSchedule, CheckInCall, HelpRequest, Person

REQUEST_HEADER = ("reference", "category", "status", "urgency", "district", "when", "created",
                  "assigned", "done", "resident", "volunteer", "consent", "waiting_because",
                  "feedback", "for_someone_else")
# "minutes": the time the caller said the call took ("DONE 30 min"), for the funder's hours.
CALL_HEADER = ("reference", "resident", "volunteer", "frequency", "due", "attempt", "outcome",
               "logged", "minutes", "note")


def export_requests(session: Session, stream: TextIO) -> int:
    resident, volunteer = aliased(Person), aliased(Person)
    rows = session.execute(
        select(HelpRequest, resident.first_name, volunteer.first_name,
               resident.consent_withdrawn_at)
        .join(resident, resident.id == HelpRequest.resident_id)
        .outerjoin(volunteer, volunteer.id == HelpRequest.assigned_volunteer_id)
        .order_by(HelpRequest.created_at, HelpRequest.id))
    writer = csv_writer(stream)
    writer.writerow(REQUEST_HEADER)
    count = 0
    for request, resident_name, volunteer_name, withdrawn_at in rows:
        writer.writerow([
            request.reference, request.category, request.status, request.urgency,
            (request.postcode or "").split(" ")[0], request.needed_when_text or "",
            stamp(request.created_at), stamp(request.assigned_at), stamp(request.done_at),
            resident_name or "", volunteer_name or "",
            consent_of(request, withdrawn_at),
            request.unmatched_reason or "", request.feedback or "",
            # Whom the resident wrote for: a name, else how they are related ("mum").
            request.helped_name or request.helped_relation or ""])
        count += 1
    return count


def export_calls(session: Session, stream: TextIO) -> int:
    resident, volunteer = aliased(Person), aliased(Person)
    rows = session.execute(
        select(CheckInCall, CallSchedule.frequency, HelpRequest.reference, resident.first_name,
               volunteer.first_name)
        .join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id)
        .join(HelpRequest, HelpRequest.id == CallSchedule.request_id)
        .join(resident, resident.id == CallSchedule.resident_id)
        .join(volunteer, volunteer.id == CallSchedule.volunteer_id)
        .order_by(CheckInCall.due_at, CheckInCall.id))
    writer = csv_writer(stream)
    writer.writerow(CALL_HEADER)
    count = 0
    for call, frequency, reference, resident_name, volunteer_name in rows:
        writer.writerow([reference, resident_name or "", volunteer_name or "", frequency,
                         stamp(call.due_at), call.attempt, call.outcome or "due",
                         stamp(call.outcome_at),
                         "" if call.minutes_given is None else call.minutes_given,
                         call.note or ""])
        count += 1
    return count


def consent_of(request: HelpRequest, withdrawn_at: datetime | None) -> str:
    """yes, no, or "withdrawn" when the resident withdrew the consent given with it."""
    if not request.consent_given:
        return "no"
    if withdrawn_at is not None and (request.consent_at is None
                                     or withdrawn_at >= request.consent_at):
        return "withdrawn"
    return "yes"


def stamp(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""
