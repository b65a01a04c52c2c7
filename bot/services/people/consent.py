"""Withdrawing consent short of FORGET ME, and giving it again.

Consent is recorded where it is given: on each help request (its wording and
time, asked before anything is shared with a volunteer) and, for a volunteer,
the time they agreed to the volunteer code. WITHDRAW CONSENT stops the hub using
someone's details from then on, without erasing them:

- `people.consent_withdrawn_at` records when, and a `consent.withdrawn` audit event;
- their open requests are cancelled (open offers withdrawn, a volunteer who had
  the task is told not to visit or call, regular calls end);
- as a volunteer they are paused and their open offers withdrawn (each moves on),
  and RESUME waits until they give consent again; tasks they already took stay
  theirs, so nobody who counts on them is let down without a word;
- everything else is kept only as long as it must be: closed requests lose their
  personal details at the retention limit (`privacy.purge_expired_personal_data`),
  and FORGET ME erases it all at once.

GIVE CONSENT clears the withdrawal (a `consent.given` event); so does answering
YES to a new request's consent question, or signing up to volunteer again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.types import Reply
from bot.services.help_requests import cancelling
from bot.services.shared import audit
from bot.services.help_requests.offers import OfferService
from bot.services.help_requests.give_back import withdraw_open_offers
from models import (
    OPEN_STATUSES,
    HelpRequest,
    Person,
    RequestStatus,
)


def withdraw_consent(session: Session, person: Person, channel: str, now: datetime,
                     offers: OfferService) -> list[Reply]:
    """Stop using the person's details: cancel their open requests, pause them as a
    volunteer; returns the reply saying what was done."""
    say = offers.notifier.speaker(person)
    if person.consent_withdrawn_at is not None:
        return [Reply(say("consent_already_withdrawn"))]
    person.consent_withdrawn_at = now
    open_requests = list(session.scalars(
        select(HelpRequest).where(HelpRequest.resident_id == person.id,
                                  HelpRequest.status.in_(OPEN_STATUSES))
        .order_by(HelpRequest.id)))
    cancelled = [cancel_request(session, request, channel, now, offers)
                 for request in open_requests]
    profile = person.volunteer_profile
    volunteering = profile is not None and profile.left_at is None
    withdrawn = pause_volunteer(session, person, now, offers) if volunteering else 0
    tasks_kept = volunteering and session.scalar(select(HelpRequest.id).where(
        HelpRequest.assigned_volunteer_id == person.id,
        HelpRequest.status == RequestStatus.ASSIGNED).limit(1)) is not None
    audit.record(session, "consent.withdrawn", now, actor_id=person.id, channel=channel,
                 subject=f"person:{person.id}", requests_cancelled=cancelled,
                 offers_withdrawn=withdrawn, paused=volunteering)
    parts = []
    if cancelled:
        parts.append(say("consent_requests_cancelled", count=len(cancelled),
                         references=", ".join(cancelled)))
    if volunteering:
        parts.append(say("consent_no_offers"))
    if tasks_kept:
        parts.append(say("consent_tasks_kept"))
    return [Reply(say("consent_withdrawn", done=" ".join(parts) + " " if parts else ""))]


def cancel_request(session: Session, request: HelpRequest, channel: str, now: datetime,
                   offers: OfferService) -> str:
    """Cancel one open request for a withdrawal; its reference."""
    cancelling.cancel_request(session, request, now, offers.notifier,
                              why=cancelling.CONSENT_WITHDRAWN, actor_id=request.resident_id,
                              channel=channel)
    return request.reference


def pause_volunteer(session: Session, volunteer: Person, now: datetime,
                    offers: OfferService) -> int:
    """No more offers: paused, and open offers withdrawn (each request moves on)."""
    volunteer.volunteer_profile.paused = True
    return withdraw_open_offers(session, volunteer.id, now, offers)


def give_consent(session: Session, person: Person, channel: str, now: datetime,
                 offers: OfferService) -> list[Reply]:
    """GIVE CONSENT: the withdrawal is over; a volunteer chooses when to RESUME."""
    say = offers.notifier.speaker(person)
    if person.consent_withdrawn_at is None:
        return [Reply(say("consent_not_withdrawn"))]
    consent_given_again(session, person, channel, now, how="give_consent")
    profile = person.volunteer_profile
    volunteering = profile is not None and profile.left_at is None
    return [Reply(say("consent_given_again",
                      resume=say("consent_resume_when_ready") + " " if volunteering else ""))]


def consent_given_again(session: Session, person: Person, channel: str, now: datetime,
                        how: str) -> None:
    """Clear a withdrawal (if any): by GIVE CONSENT, a new request's YES, signing up again."""
    if person.consent_withdrawn_at is None:
        return
    audit.record(session, "consent.given", now, actor_id=person.id, channel=channel,
                 subject=f"person:{person.id}", how=how,
                 withdrawn_at=person.consent_withdrawn_at.isoformat())
    person.consent_withdrawn_at = None
