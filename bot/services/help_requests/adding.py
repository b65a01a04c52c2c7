"""More of what was asked for, added to a saved request: its details grow, and a volunteer
who has taken the task already is told what was added."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.sending.notify import Notifier
from bot.services.shared import audit
from bot.understanding.text import MAX_TEXT_LENGTH
from models import OPEN_STATUSES, HelpRequest, Person

# What a volunteer's text quotes of the addition: the first words, enough for a list of
# shopping, within two SMS segments with the rest of the message.
QUOTED_FOR_VOLUNTEER = 160


def add_to_request(session: Session, resident: Person, reference: str, words: str,
                   channel: str, now: datetime, notifier: Notifier) -> None:
    """Add the resident's words to their open request's details. Nothing is added twice, and
    nothing to a request that is closed or someone else's."""
    request = session.scalar(select(HelpRequest).where(
        HelpRequest.reference == reference, HelpRequest.resident_id == resident.id))
    if request is None or request.status not in OPEN_STATUSES or not words \
            or words in request.details:
        return
    request.details = (f"{request.details}; {words}" if request.details
                       else words)[:MAX_TEXT_LENGTH]
    audit.record(session, "request.details_added", now, actor_id=resident.id, channel=channel,
                 subject=reference)
    if request.assigned_volunteer_id is not None:
        volunteer = session.get(Person, request.assigned_volunteer_id)
        if volunteer is not None:
            quoted = words if len(words) <= QUOTED_FOR_VOLUNTEER \
                else words[:QUOTED_FOR_VOLUNTEER].rsplit(" ", 1)[0] + "..."
            notifier.send(session, volunteer, now, "task_details_added",
                          reference=reference, added=quoted)
