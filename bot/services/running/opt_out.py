"""Stopping and restarting messages: SMS keywords, and contacts that cannot be reached.

SMS carriers and Twilio expect STOP, START and HELP to work whatever the
conversation is doing, so they are handled here, before the dialogue, in the
same unit of work as the message. CANCEL alone is an opt-out word on SMS;
the dialogue's own cancel is "CANCEL REQUEST" or "CANCEL R-7Q4K", which are
not keywords (a keyword is the whole message), so both meanings stay reachable.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from functools import partial
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue.catalogue import text
from bot.dialogue.types import Reply
from bot.services.shared import audit
from bot.services.running.conversations import IncomingMessage, MessageScreen
from bot.services.shared.describe import coordinators, phone_of, reachable
from bot.services.help_requests.give_back import withdraw_open_offers
from bot.services.sending.notify import Notifier
from bot.services.running.senders import Sender
from bot.services.help_requests.offers import OfferService
from models import (
    OPEN_STATUSES,
    AuditEvent,
    ContactIdentity,
    HelpRequest,
    IdentityKind,
    Person,
    RequestStatus,
)


class SmsKeyword(StrEnum):
    STOP = "stop"
    START = "start"
    HELP = "help"


# Twilio's and the carriers' standard words (https://help.twilio.com/articles/223134027).
STOP_WORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
START_WORDS = frozenset({"start", "unstop"})
HELP_WORDS = frozenset({"help", "info"})
# Twilio's Advanced Opt-Out tells us which kind of keyword it recognised.
OPT_OUT_TYPES = {"STOP": SmsKeyword.STOP, "START": SmsKeyword.START, "HELP": SmsKeyword.HELP}

UNREACHABLE_PAUSE = "volunteer.paused_unreachable"


def sms_keyword(body: str, opt_out_type: str | None = None) -> SmsKeyword | None:
    """The keyword a whole message is, if it is one ("Stop." and " STOP " count)."""
    if opt_out_type and opt_out_type.upper() in OPT_OUT_TYPES:
        return OPT_OUT_TYPES[opt_out_type.upper()]
    word = re.sub(r"[\s.!]+", " ", body).strip().lower()
    if word in STOP_WORDS:
        return SmsKeyword.STOP
    if word in START_WORDS:
        return SmsKeyword.START
    if word in HELP_WORDS:
        return SmsKeyword.HELP
    return None


class SmsKeywords:
    """The SMS rules that come before the dialogue.

    STOP opts the number out at once with one confirmation; after that the
    number hears nothing until START or UNSTOP. HELP gives the hub's name and
    how to reach a person. When Twilio recognised the keyword itself
    (OptOutType is set), Twilio has already sent its own confirmation, so we
    record the change and stay silent rather than confirm twice.
    """

    def __init__(self, hub_name: str, hub_contact: str, clock: Callable[[], datetime],
                 offers: OfferService | None = None) -> None:
        self._hub_name = hub_name
        self._hub_contact = hub_contact
        self._clock = clock
        self._offers = offers

    def screen_for(self, opt_out_type: str | None) -> MessageScreen:
        """The screen for one message, knowing the OptOutType Twilio sent with it."""
        return partial(self.screen, opt_out_type=opt_out_type or None)

    def screen(self, session: Session, sender: Sender, message: IncomingMessage,
               opt_out_type: str | None = None) -> list[Reply] | None:
        keyword = sms_keyword(message.text, opt_out_type)
        twilio_confirmed = opt_out_type is not None and keyword in (SmsKeyword.STOP,
                                                                    SmsKeyword.START)
        now = self._clock()
        language, hub = sender.language, self._hub_name
        if keyword is SmsKeyword.STOP:
            if sender.opted_out_at is not None:
                return []  # already out: one confirmation only
            identity = sender.identity(session)
            opt_out(session, identity, now, "sms STOP", self._offers)
            if twilio_confirmed:
                return []
            still_open = open_requests_of(session, identity.person_id)
            if still_open:  # how to cancel without stopping texts, for next time
                promise = text(language, "sms.coordinator_will_ring") \
                    if coordinators(session) else ""
                return [Reply(text(language, "sms.stopped_requests_open", hub=hub,
                                   reference=still_open[0].reference, coordinator=promise))]
            return [Reply(text(language, "sms.stopped", hub=hub))]
        if sender.opted_out_at is not None:
            if keyword is not SmsKeyword.START:
                return []  # silence until START
            opt_in(session, sender.identity(session), now)
            return [] if twilio_confirmed else [Reply(text(language, "sms.started", hub=hub))]
        if keyword is SmsKeyword.HELP:
            help_text = text(language, "help", hub=hub)
            if self._hub_contact:
                help_text += " " + text(language, "sms.contact", contact=self._hub_contact)
            return [Reply(help_text)]
        # START from someone who never stopped is a greeting: the dialogue answers.
        return None


def opt_out(session: Session, identity: ContactIdentity, now: datetime, reason: str,
            offers: OfferService | None) -> None:
    """Stop using this contact; if it was the person's last, stop offering them tasks."""
    identity.opted_out_at = now
    audit.record(session, "contact.opted_out", now, actor_id=identity.person_id,
                 channel=identity.kind, reason=reason)
    session.flush()
    person = identity.person
    if reachable(person):
        return
    notifier = offers.notifier if offers is not None else Notifier()
    tell_about_requests_left_open(session, person, now, notifier)
    profile = person.volunteer_profile
    if profile is not None and profile.left_at is None and not profile.paused:
        # Offers would go nowhere: pause them, and say why so START can undo it.
        profile.paused = True
        audit.record(session, UNREACHABLE_PAUSE, now, actor_id=person.id, reason=reason)
    if offers is not None:
        withdraw_open_offers(session, person.id, now, offers)


def tell_about_requests_left_open(session: Session, person: Person, now: datetime,
                                  notifier: Notifier) -> None:
    """Someone we can no longer text still has requests open: stopping texts is not
    cancelling, so nobody is left hanging. The volunteer helping hears that a coordinator
    will be in touch by phone, and the coordinators get one alert with the number."""
    requests = open_requests_of(session, person.id)
    if not requests:
        return
    for request in requests:
        audit.record(session, "request.resident_unreachable", now, subject=request.reference)
        helper = request.assigned_volunteer if request.status == RequestStatus.ASSIGNED \
            else None
        if helper is not None and reachable(helper):
            notifier.send(session, helper, now, "resident_stopped_texts_volunteer",
                          name=person.first_name or "", reference=request.reference)
    for coordinator in coordinators(session):
        say = notifier.speaker(coordinator)
        lines = "\n".join(say("resident_stopped_texts_line", reference=r.reference,
                                category=say(f"category.{r.category}").lower(),
                                status=say(f"status.{r.status}"))
                           for r in requests)
        notifier.send(session, coordinator, now, "resident_stopped_texts_alert",
                      name=person.first_name or "", phone=phone_of(session, person.id),
                      lines=lines)


def open_requests_of(session: Session, person_id: int) -> list[HelpRequest]:
    return list(session.scalars(select(HelpRequest).where(
        HelpRequest.resident_id == person_id, HelpRequest.status.in_(OPEN_STATUSES))
        .order_by(HelpRequest.id)))


def opt_in(session: Session, identity: ContactIdentity, now: datetime) -> None:
    identity.opted_out_at = None
    audit.record(session, "contact.opted_in", now, actor_id=identity.person_id,
                 channel=identity.kind)
    person = identity.person
    profile = person.volunteer_profile
    if profile is not None and profile.paused and last_pause_was_unreachable(session, person.id):
        profile.paused = False
        audit.record(session, "volunteer.resumed_reachable", now, actor_id=person.id)


def last_pause_was_unreachable(session: Session, person_id: int) -> bool:
    """Did we pause this volunteer (not they themselves) the last time they were paused?"""
    last = session.scalar(
        select(AuditEvent.action)
        .where(AuditEvent.actor_person_id == person_id,
               AuditEvent.action.in_([UNREACHABLE_PAUSE, "volunteer.paused"]))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(1))
    return last == UNREACHABLE_PAUSE


def contact_unreachable(offers: OfferService | None):
    """An `UnreachableHandler` for the outbox worker: the provider refused the address."""

    def mark(session: Session, person_id: int | None, channel: str, address: str, reason: str,
             now: datetime) -> None:
        kind = {"telegram": IdentityKind.TELEGRAM,
                "whatsapp": IdentityKind.WHATSAPP}.get(channel, IdentityKind.PHONE)
        identity = session.scalar(select(ContactIdentity).where(
            ContactIdentity.kind == kind, ContactIdentity.address == address))
        if identity is None or identity.opted_out_at is not None:
            return
        opt_out(session, identity, now, f"{channel}: {reason}", offers)

    return mark
