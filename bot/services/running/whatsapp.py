"""WhatsApp senders as people: one person behind a number, whichever way it writes.

A WhatsApp address is a phone number (`whatsapp:+447700900123`), so the number's WhatsApp
identity belongs to the person who already texts from it, and someone who first writes on
WhatsApp gets the number's SMS identity too: later texts from it are the same person, the
same conversation, the same history. Each identity keeps its own opt-out.

WhatsApp lets a business write freely only within 24 hours of the person's last message
(the customer-service window); `last_whatsapp_message_at` says when that was.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.dialogue.types import Reply
from bot.services.running.conversations import IncomingMessage, MessageScreen
from bot.services.sending.delivery import fallback_allowed
from bot.services.running.opt_out import SmsKeyword, SmsKeywords, opt_in, sms_keyword
from bot.services.running.senders import Sender
from bot.services.shared.unit_of_work import UnitOfWork
from models import (
    ContactIdentity,
    IdentityKind,
    InboundMessage,
    OutboundMessage,
    OutboundStatus,
    Person,
)

CHANNEL = "whatsapp"
SMS = "sms"
# How a row's last_error says its fallback was dealt with (see delivery.fallback_allowed).
FALLBACK_NOTE = re.compile(r"; (sent by sms|sms is off|sms opted out)$")
# WhatsApp's customer-service window, less a margin for the time a send takes.
SERVICE_WINDOW = timedelta(hours=24) - timedelta(minutes=2)


def link_whatsapp_number(session_factory: sessionmaker[Session], number: str) -> None:
    """Make sure the number's WhatsApp identity exists, with the person its SMS identity
    belongs to (or a new person holding both). Its own short transaction, before the
    message's unit of work, which then finds the sender as usual; safe to repeat."""
    for attempt in range(2):
        try:
            with UnitOfWork(session_factory) as uow:
                _link(uow.session, number)
                uow.commit()
            return
        except IntegrityError:
            # Another message from the same number linked it at the same moment.
            if attempt:
                raise


def _link(session: Session, number: str) -> None:
    identities = {identity.kind: identity for identity in session.scalars(
        select(ContactIdentity).where(
            ContactIdentity.address == number,
            ContactIdentity.kind.in_((IdentityKind.WHATSAPP, IdentityKind.PHONE))))}
    whatsapp, phone = identities.get(IdentityKind.WHATSAPP), identities.get(IdentityKind.PHONE)
    if whatsapp is not None and phone is not None:
        return
    if whatsapp is not None:
        person_id = whatsapp.person_id
        session.add(ContactIdentity(person_id=person_id, kind=IdentityKind.PHONE, address=number))
    elif phone is not None:
        session.add(ContactIdentity(person_id=phone.person_id, kind=IdentityKind.WHATSAPP,
                                    address=number))
    else:
        person = Person()
        person.identities.append(ContactIdentity(kind=IdentityKind.WHATSAPP, address=number))
        person.identities.append(ContactIdentity(kind=IdentityKind.PHONE, address=number))
        session.add(person)
    session.flush()


def last_whatsapp_message_at(session: Session, number: str) -> datetime | None:
    """When the person behind this WhatsApp number last wrote to the hub on WhatsApp."""
    person_id = select(ContactIdentity.person_id).where(
        ContactIdentity.kind == IdentityKind.WHATSAPP, ContactIdentity.address == number)
    return session.scalar(
        select(func.max(InboundMessage.received_at))
        .where(InboundMessage.channel == CHANNEL,
               InboundMessage.person_id.in_(person_id.scalar_subquery())))


def within_service_window(last_message_at: datetime | None, now: datetime) -> bool:
    return last_message_at is not None and now - last_message_at < SERVICE_WINDOW


def read_last_whatsapp_message_at(session_factory: sessionmaker[Session], number: str
                                  ) -> datetime | None:
    with session_factory() as session:
        return last_whatsapp_message_at(session, number)


class WhatsAppKeywords:
    """STOP, START and HELP on WhatsApp, where no carrier or Twilio handles them: the hub's
    own, with SMS's effects. A number is one person, so STOP on WhatsApp stops the hub's
    texts to the same number as well (nobody who said STOP should start getting SMS
    instead), and START brings both back."""

    def __init__(self, sms_keywords: SmsKeywords, clock: Callable[[], datetime]) -> None:
        self._sms_keywords = sms_keywords
        self._clock = clock

    def screen(self, session: Session, sender: Sender, message: IncomingMessage
               ) -> list[Reply] | None:
        keyword = sms_keyword(message.text)
        if keyword is SmsKeyword.STOP and sender.opted_out_at is None:
            # The SMS identity first, quietly: the shared rules then find the person
            # unreachable and do what SMS's STOP does (requests left open, offers withdrawn).
            for phone in self._same_number(session, sender, IdentityKind.PHONE):
                phone.opted_out_at = self._clock()
        replies = self._sms_keywords.screen(session, sender, message)
        if keyword is SmsKeyword.START and sender.opted_out_at is not None:
            for phone in self._same_number(session, sender, IdentityKind.PHONE):
                if phone.opted_out_at is not None:
                    opt_in(session, phone, self._clock())
        return replies

    @staticmethod
    def _same_number(session: Session, sender: Sender, kind: str) -> list[ContactIdentity]:
        identity = sender.identity(session)
        return list(session.scalars(select(ContactIdentity).where(
            ContactIdentity.person_id == identity.person_id, ContactIdentity.kind == kind,
            ContactIdentity.address == identity.address)))


def whatsapp_screen(keywords: WhatsAppKeywords, then: MessageScreen | None = None
                    ) -> MessageScreen:
    """The keywords first (silence while opted out), then `then` (a photo's answer)."""

    def screen(session: Session, sender: Sender, message: IncomingMessage
               ) -> list[Reply] | None:
        replies = keywords.screen(session, sender, message)
        if replies is not None or then is None:
            return replies
        return then(session, sender, message)

    return screen


# Twilio's words for a message that did not arrive.
FAILED_STATUSES = frozenset({"failed", "undelivered"})


def send_by_sms_after_failure(session_factory: sessionmaker[Session], provider_message_id: str,
                              status: str, channels_on: frozenset[str], now: datetime) -> bool:
    """WhatsApp reported later that a message failed (Twilio reports 63016, outside the
    window, this way): the same words go by SMS to the same number, once however often the
    report comes. True when a text was queued."""
    if status not in FAILED_STATUSES:
        return False
    with UnitOfWork(session_factory) as uow:
        row = uow.session.scalar(
            select(OutboundMessage)
            .where(OutboundMessage.channel == CHANNEL,
                   OutboundMessage.channel_message_id == provider_message_id)
            .with_for_update())
        if row is None or row.status not in (OutboundStatus.FAILED,
                                             OutboundStatus.UNDELIVERABLE):
            return False
        if row.last_error and FALLBACK_NOTE.search(row.last_error):
            return False  # already handled: the fallback goes once
        allowed, note = fallback_allowed(uow.session, SMS, row.address, channels_on)
        row.last_error = f"{row.last_error or status}; {note}"[:200]
        if allowed:
            uow.session.add(OutboundMessage(
                person_id=row.person_id, channel=SMS, address=row.address, body=row.body,
                choices=row.choices, status=OutboundStatus.PENDING, next_attempt_at=now,
                created_at=now))
        uow.commit()
        return allowed
