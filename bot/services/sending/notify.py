"""Messages the hub starts (offers, news for residents), in each person's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.catalogue import DEFAULT_LANGUAGE, text
from bot.dialogue.types import Choice
from bot.services.shared.describe import coordinators
from bot.services.shared.identities import mobile_of
from bot.services.sending.outbox import CONSOLE, Lane, queue_message
from models import HelpRequest, OutboundMessage, OutboundStatus, Person


@dataclass(frozen=True)
class Notifier:
    """Writes messages into the outbox for whichever channel reaches each person."""

    enabled_channels: frozenset[str] = frozenset()

    def send(self, session: Session, person: Person, now: datetime, key: str,
             choices: tuple[Choice, ...] = (), *, lane: Lane = Lane.CONVERSATION,
             offer_id: int | None = None, **params: object) -> OutboundMessage:
        """`lane`: how soon it goes when many wait (see `Lane`); `offer_id`: the offer the
        message makes, dropped unsent if the offer closes first."""
        body = text(person.language, key, **params)
        if person.id is not None and not person.identities:
            # Someone a coordinator recorded with only a landline: their news goes to whoever
            # referred them, or to the coordinators.
            passed = pass_on_news(session, person, body, now, self)
            if passed is not None:
                return passed
        return queue_message(session, person, body, now, self.enabled_channels, choices, lane,
                             offer_id)

    def say(self, person: Person, key: str, **params: object) -> str:
        return text(person.language, key, **params)

    def speaker(self, person: Person) -> Callable[..., str]:
        """`say(key, **params)` in this person's language."""
        return lambda key, **params: text(person.language, key, **params)


def pass_on_news(session: Session, person: Person, body: str, now: datetime, notifier,
                 region: str = "GB") -> OutboundMessage | None:
    """News for someone a coordinator recorded with no way to text them: to the mobile of
    whoever referred them, else to every coordinator. None when it is not such a person."""
    request = session.scalar(
        select(HelpRequest).where(HelpRequest.resident_id == person.id,
                                  HelpRequest.phone_to_ring.is_not(None))
        .order_by(HelpRequest.id.desc()).limit(1))
    if request is None:
        return None
    name = person.first_name or "?"
    referrer = mobile_of(request.referrer_contact, region)
    if referrer is not None:
        # By SMS; without it, to the console at that number, as anyone's would (outbox.py).
        row = OutboundMessage(
            person_id=None, channel="sms" if "sms" in notifier.enabled_channels else CONSOLE,
            address=referrer,
            body=text(DEFAULT_LANGUAGE, "news_for_referrer", name=name,
                      reference=request.reference, news=body),
            choices=[], status=OutboundStatus.PENDING, next_attempt_at=now, created_at=now)
        session.add(row)
        return row
    first = None
    for coordinator in coordinators(session):
        row = notifier.send(session, coordinator, now, "news_for_coordinator", name=name,
                            reference=request.reference, phone=request.phone_to_ring,
                            news=body)
        first = first or row
    return first
