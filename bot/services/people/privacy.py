"""Forgetting people: erasure on request, and the retention limit on closed requests.

`erase_person` is what FORGET ME, a coordinator's ERASE and `neighbourly erase`
all run, inside the caller's transaction. What it deletes and what it keeps:

- contact_identities: deleted, so the same number or Telegram account texting
  again is a brand-new person with nothing of the old one.
- person_roles: deleted: the person is no longer a resident, volunteer or coordinator.
- people: the row is kept with `first_name` None and `erased_at` set. Deleting it
  would cascade (ON DELETE CASCADE) to their help requests and offers, and every
  statistic would lose them; the bare row says nothing about anyone.
- volunteer_profiles: kept but blanked (postcode, coordinates, lived experience,
  age band, skills, availability, languages, check dates), with `left_at` set.
  Changing the row moves its `updated_at`, which is how every server process's
  in-memory matching engine learns to drop the volunteer (it also drops anyone
  erased); a deleted row would leave them matchable until a restart.
- help_requests they made: kept with category, status, urgency, channel, consent
  wording and timestamps; details, street address, coordinates, "when" words, age
  band and feedback are removed and the postcode is cut to its district ("RM17"),
  which is not personal and keeps counts by area. Open ones are cancelled, open
  offers withdrawn, and a volunteer who had the task is told it is cancelled.
- tasks they had as a volunteer: open ones go back to matching (the resident is
  told), or to the coordinators' queue when nobody suitable is left.
- offers, and partners' needs offered to them: kept (they are counted); reasons and
  distance are removed.
- requests they helped with (or were offered): the resident's feedback, and any concern
  about them, keep their words with the person's name, number or words replaced by
  "[erased]".
- concerns they raised or that are about them or their requests: kept for counts
  (urgency, status, times); the text and resolution note are removed, and an
  unresolved one is closed, as there is nobody left to act on.
- inbound and outbound messages: kept for counts; every body to or from them is
  blanked, and so is any other message quoting them (their number, address, words,
  call notes, the references of their requests, or their first name in a message to
  someone they dealt with or a coordinator). A provider's message id that names their
  chat (Telegram's "<chat id>:<message id>") becomes "erased:<row id>", unique as the
  row is; ids that name nothing of them (Twilio's, Telegram's update ids) stay, so a
  redelivered message is still known as one and a late delivery report still finds
  its row. Messages still waiting to be sent to them or about them are not sent, nor
  is any export file still waiting (a coordinator's EXPORT on Telegram, which may
  list them): it is deleted.
- conversation state: theirs reset to idle, with no data; anyone else's (a question
  waiting for an answer, a draft) has each value quoting them replaced by "[erased]".
- audit events: kept; any detail value quoting them becomes "[erased]". One
  `person.erased` event records who erased whom (by id) and when.
- check-in call schedules: ended; call notes removed.
- geocoded_addresses: the addresses they typed are deleted from the cache (it would
  only cost a lookup again).

One thing remains on purpose: the reply confirming FORGET ME has to reach them,
so its outbox row holds their number (or chat) until it is sent.
`forget_sent_addresses` (run by the scheduler every few seconds) blanks the address,
body and chat-naming id of every message to an erased person once it is no longer
waiting to be sent.

On SQLite a page's old version stays in the write-ahead log until a checkpoint, and
deleted bytes stay in the file unless `secure_delete` is on (`bot.database` turns it
on for every connection). So every transaction that removes personal data (an
erasure, the retention purge, `forget_sent_addresses`) marks its session, and once it
commits the WAL is checkpointed and truncated (`checkpoint_after_removals`, wired by
the composition root).

`purge_expired_personal_data` applies the retention limit: requests closed
longer ago than NEIGHBOURLY_RETENTION_DAYS lose their personal details the same way,
with the concerns about them, their call notes, and the messages and audit details
quoting any of it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Iterable

from sqlalchemy import String, and_, case, cast, delete, func, literal, or_, select, update
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.orm import Session, sessionmaker

from bot.services.help_requests import cancelling
from bot.services.shared import audit
from bot.services.calls.campaigns import forget_members_of
from bot.services.shared.geocoding import address_query
from bot.services.help_requests.give_back import return_task, withdraw_open_offers
from bot.services.sending.notify import Notifier
from bot.services.help_requests.offers import OfferService
from models import (
    OPEN_STATUSES,
    AuditEvent,
    CallSchedule,
    CheckInCall,
    Concern,
    ConcernStatus,
    ConversationState,
    GeocodedAddress,
    HelpRequest,
    IdentityKind,
    InboundMessage,
    NeedOffer,
    Offer,
    OutboundAttachment,
    OutboundMessage,
    OutboundStatus,
    Person,
    PersonRole,
    ReceiptPhoto,
    RequestStatus,
    Role,
    ScheduleStatus,
)

log = logging.getLogger(__name__)

ERASED = "[erased]"
# A provider's message id that named the person's chat becomes this, with the row's id.
ANONYMOUS_ID = "erased:"
# Set in a session's info by work that removed personal data: see `checkpoint_after_removals`.
REMOVED_PERSONAL_DATA = "neighbourly.removed_personal_data"
NOT_SENT = "not sent: its personal data was removed"
# Free text shorter than this is not searched for in other messages ("ok", "yes").
SHORTEST_QUOTE = 6
CLOSED_STATUSES = (RequestStatus.DONE, RequestStatus.CANCELLED, RequestStatus.EXPIRED)


@dataclass(frozen=True)
class Erasure:
    person_id: int
    requests_cancelled: int = 0
    tasks_returned: int = 0
    messages_blanked: int = 0
    already_erased: bool = False


@dataclass
class Quotes:
    """What identifies someone in text: phrases quoted anywhere (a phone number, a
    street, their own words, a request's reference), and words (a first name, a
    postcode) that identify them only in the messages of people near them."""

    phrases: set[str]
    words: set[str]
    near: set[int]

    @staticmethod
    def of(phrases: Iterable[str | None], words: Iterable[str | None] = (),
           near: Iterable[int | None] = ()) -> Quotes:
        kept = {p.strip().lower() for p in phrases
                if p and len(p.strip()) >= SHORTEST_QUOTE}
        return Quotes(kept, {w.strip().lower() for w in words if w and w.strip()},
                      {n for n in near if n is not None})

    def found_in(self, body: str, *, words_too: bool = True) -> bool:
        lowered = body.lower()
        return any(p in lowered for p in self.phrases) or words_too and any(
            re.search(rf"(?<!\w){re.escape(w)}(?!\w)", lowered) for w in self.words)

    def redact(self, text: str | None) -> str | None:
        """Someone else's words with every phrase and word quoting the person replaced."""
        if not text:
            return text
        for phrase in sorted(self.phrases, key=len, reverse=True):
            text = re.sub(re.escape(phrase), ERASED, text, flags=re.IGNORECASE)
        for word in self.words:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", ERASED, text,
                          flags=re.IGNORECASE)
        return text


def erase_person(session: Session, person_id: int, now: datetime, actor_id: int | None,
                 channel: str | None, *, offers: OfferService | None = None) -> Erasure:
    """Remove a person's personal data from every table, keeping anonymous rows for counts.

    Pass the hub's `offers` service so a returned task is offered again and
    volunteers and residents are told on their own channel; without it tasks go
    to the coordinators' queue and notices wait in the console inbox."""
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")
    if person.erased_at is not None:
        return Erasure(person_id, already_erased=True)
    notifier = offers.notifier if offers is not None else Notifier()
    own = list(session.scalars(select(HelpRequest).where(HelpRequest.resident_id == person_id)))
    tasks = list(session.scalars(select(HelpRequest).where(
        HelpRequest.assigned_volunteer_id == person_id)))
    own_ids = [r.id for r in own]
    concerns = list(session.scalars(select(Concern).where(or_(
        Concern.raised_by_id == person_id, Concern.resident_id == person_id,
        Concern.request_id.in_(own_ids)))))
    profile = person.volunteer_profile
    addresses = [i.address for i in person.identities]
    quotes = Quotes.of(
        [i.address for i in person.identities if i.kind != IdentityKind.CONSOLE]
        + [r.reference for r in own] + [r.address_line for r in own]
        + [r.details for r in own] + [r.feedback for r in own]
        + [c.text for c in concerns] + [c.resolution_note for c in concerns]
        + call_notes(session, or_(CallSchedule.resident_id == person_id,
                                  CallSchedule.volunteer_id == person_id))
        + ([profile.lived_experience] if profile else []),
        words=[person.first_name] + [r.postcode for r in own]
        + ([profile.postcode] if profile else [])
        + [i.address for i in person.identities if i.kind == IdentityKind.CONSOLE],
        near=people_dealt_with(session, person_id, own_ids, tasks, concerns))

    blanked = blank_messages(session, person_id, addresses, quotes)
    scrub_audit(session, quotes)
    scrub_conversations(session, person_id, quotes)
    forget_geocoded(session, [r.address_line for r in own])
    drop_waiting_files(session)
    forget_members_of(session, person_id, addresses)  # their line on any check-up list
    forget_photos(session, own_ids, person_id)  # receipts of their shopping, or they sent
    redact_what_others_said(session, person_id, own_ids, concerns, quotes)

    cancelled = 0
    for request in own:
        if request.status in OPEN_STATUSES:
            cancelled += 1
            cancelling.cancel_request(session, request, now, notifier, why=cancelling.ERASED,
                                      actor_id=None, channel=None)
        forget_request_details(request, whole_postcode=False)
        request.needed_when_text = None
        request.resident_age_band = None
    returned = 0
    for request in tasks:
        if request.status == RequestStatus.ASSIGNED:
            returned += 1
            return_task(session, request, person_id, now, offers, notifier)
    withdraw_open_offers(session, person_id, now, offers)
    session.execute(update(Offer).where(or_(Offer.volunteer_id == person_id,
                                            Offer.request_id.in_(own_ids)))
                    .values(reasons="", distance_km=None)
                    .execution_options(synchronize_session="fetch"))
    session.execute(update(NeedOffer).where(NeedOffer.volunteer_id == person_id)
                    .values(reasons="", distance_km=None)
                    .execution_options(synchronize_session="fetch"))
    for concern in concerns:
        concern.text = ""
        concern.resolution_note = None
        if concern.status != ConcernStatus.RESOLVED:
            concern.status = ConcernStatus.RESOLVED
            concern.resolved_at = now
            concern.resolved_by_id = actor_id if actor_id != person_id else None
    end_call_schedules(session, person_id, now)

    if profile is not None:
        blank_profile(profile, now)
    conversation = session.get(ConversationState, person_id)
    if conversation is not None:
        conversation.flow, conversation.step, conversation.data = "idle", "start", {}
        conversation.questions_waiting, conversation.updated_at = None, now
    person.identities.clear()
    person.roles.clear()
    person.first_name = None
    person.erased_at = now
    session.flush()
    audit.record(session, "person.erased", now, actor_id=actor_id, channel=channel,
                 subject=f"person:{person_id}", requests_cancelled=cancelled,
                 tasks_returned=returned)
    removed_personal_data(session)
    return Erasure(person_id, cancelled, returned, blanked)


def forget_photos(session: Session, request_ids: list[int], volunteer_id: int | None) -> int:
    """Photos of receipts (bot/services/running/receipt_photos.py) for these requests, and every one
    this volunteer sent: a picture cannot be blanked word by word, so it goes whole."""
    where = ReceiptPhoto.request_id.in_(request_ids)
    if volunteer_id is not None:
        where = where | (ReceiptPhoto.volunteer_id == volunteer_id)
    return session.execute(delete(ReceiptPhoto).where(where)
                           .execution_options(synchronize_session=False)).rowcount or 0


def call_notes(session: Session, schedules_where) -> list[str]:
    """The notes of the check-in calls of the schedules that match."""
    return list(session.scalars(
        select(CheckInCall.note).join(CallSchedule, CallSchedule.id == CheckInCall.schedule_id)
        .where(schedules_where, CheckInCall.note.is_not(None))))


def redact_what_others_said(session: Session, person_id: int, own_ids: list[int],
                            concerns: list[Concern], quotes: Quotes) -> None:
    """Requests they helped with, or were offered, stay the resident's: their feedback and
    the concerns about them keep their words, less what quotes the person."""
    helped = set(session.scalars(select(HelpRequest.id).where(
        HelpRequest.assigned_volunteer_id == person_id)))
    helped |= set(session.scalars(select(Offer.request_id).where(
        Offer.volunteer_id == person_id)))
    helped -= set(own_ids)
    if not helped:
        return
    for request in session.scalars(select(HelpRequest).where(HelpRequest.id.in_(helped),
                                                             HelpRequest.feedback.is_not(None))):
        request.feedback = quotes.redact(request.feedback)
    handled = [c.id for c in concerns]
    for concern in session.scalars(select(Concern).where(Concern.request_id.in_(helped),
                                                         Concern.id.not_in(handled))):
        concern.text = quotes.redact(concern.text) or ""
        concern.resolution_note = quotes.redact(concern.resolution_note)


def people_dealt_with(session: Session, person_id: int, own_ids: list[int],
                      tasks: list[HelpRequest], concerns: list[Concern]) -> set[int]:
    """Whose messages may name the person: volunteers and residents they dealt with,
    whoever raised or handled a concern about them, and every coordinator."""
    near = {person_id}
    near |= set(session.scalars(select(Offer.volunteer_id).where(Offer.request_id.in_(own_ids))))
    near |= {r.resident_id for r in tasks}
    near |= set(session.scalars(select(HelpRequest.resident_id).join(
        Offer, Offer.request_id == HelpRequest.id).where(Offer.volunteer_id == person_id)))
    for concern in concerns:
        near |= {concern.raised_by_id, concern.acknowledged_by_id, concern.resolved_by_id}
    near |= set(session.scalars(select(PersonRole.person_id).where(
        PersonRole.role == Role.COORDINATOR)))
    near.discard(None)
    return near


def blank_messages(session: Session, person_id: int | None, addresses: list[str],
                   quotes: Quotes, *, before: datetime | None = None) -> int:
    """Blank the bodies of messages to or from the person, or quoting them, and the
    provider ids of their own messages that name their chat.

    A message still waiting to be sent is not sent. The retention purge only
    touches messages older than `before`."""
    count = 0
    for model, stamp in ((InboundMessage, InboundMessage.received_at),
                         (OutboundMessage, OutboundMessage.created_at)):
        body = func.lower(model.body)
        conditions = [body.contains(p, autoescape=True) for p in quotes.phrases]
        if quotes.words and quotes.near:
            conditions.append(and_(model.person_id.in_(quotes.near), or_(
                *(body.contains(w, autoescape=True) for w in quotes.words))))
        if person_id is not None:
            conditions.append(model.person_id == person_id)
        if model is OutboundMessage and addresses:
            conditions.append(model.address.in_(addresses))
        if not conditions:
            continue
        query = select(model).where(or_(*conditions))
        if before is not None:
            query = query.where(stamp < before)
        for row in session.scalars(query):
            own = (person_id is not None and row.person_id == person_id) or (
                model is OutboundMessage and row.address in addresses)
            if not own and not quotes.found_in(row.body or "",
                                               words_too=row.person_id in quotes.near):
                continue  # a name inside another word, or someone else's message
            if own and names_any(row.channel_message_id, addresses):
                row.channel_message_id = f"{ANONYMOUS_ID}{row.id}"
            if model is OutboundMessage:
                if row.status == OutboundStatus.PENDING:
                    row.status, row.next_attempt_at, row.last_error = (
                        OutboundStatus.FAILED, None, NOT_SENT)
                row.choices = []
                if own:
                    row.address = ""
                    if names_any(row.last_error, addresses):
                        row.last_error = None
            if row.body:
                row.body = ""
                count += 1
    return count


def names_any(value: str | None, addresses: list[str]) -> bool:
    return bool(value) and any(a and a in value for a in addresses)


def drop_waiting_files(session: Session) -> int:
    """Files (exports) not yet sent were made before the erasure and may list the
    person: their messages are not sent and the files are deleted."""
    waiting = list(session.scalars(
        select(OutboundMessage).join(OutboundAttachment,
                                     OutboundAttachment.outbound_message_id == OutboundMessage.id)
        .where(OutboundMessage.status == OutboundStatus.PENDING)))
    for row in waiting:
        row.status, row.next_attempt_at, row.last_error = (OutboundStatus.FAILED, None,
                                                           NOT_SENT)
    if waiting:
        session.execute(delete(OutboundAttachment).where(
            OutboundAttachment.outbound_message_id.in_([row.id for row in waiting]))
            .execution_options(synchronize_session=False))
    return len(waiting)


def as_in_json(needles: set[str]) -> set[str]:
    """Each needle, and as it reads inside stored JSON (non-ASCII letters escaped)."""
    return needles | {json.dumps(n)[1:-1] for n in needles}


def scrub_audit(session: Session, quotes: Quotes) -> None:
    """Replace any audit detail value that quotes the person."""
    needles = as_in_json(quotes.phrases | quotes.words)
    if not needles:
        return
    detail = func.lower(cast(AuditEvent.detail, String))
    events = session.scalars(select(AuditEvent).where(or_(
        *(detail.contains(n, autoescape=True) for n in needles))))
    for event in events:
        scrubbed = scrub_value(event.detail or {}, quotes)
        if scrubbed != event.detail:
            event.detail = scrubbed


def scrub_conversations(session: Session, person_id: int | None, quotes: Quotes) -> None:
    """Replace any value quoting the person in someone else's conversation: a draft, or a
    question waiting for an answer ("Julia says the receipt came to £12: is that right?"
    keeps Julia's name). A first name counts only in the conversations of people near them;
    their own conversation is reset by the caller."""
    needles = as_in_json(quotes.phrases | quotes.words)
    if not needles:
        return
    text = func.lower(cast(ConversationState.data, String) + " "
                      + func.coalesce(cast(ConversationState.questions_waiting, String), ""))
    query = select(ConversationState).where(or_(
        *(text.contains(n, autoescape=True) for n in needles)))
    if person_id is not None:
        query = query.where(ConversationState.person_id != person_id)
    for conversation in session.scalars(query):
        words_too = conversation.person_id in quotes.near
        data = scrub_value(conversation.data or {}, quotes, words_too=words_too)
        if data != conversation.data:
            conversation.data = data
        waiting = scrub_value(conversation.questions_waiting, quotes, words_too=words_too)
        if waiting != conversation.questions_waiting:
            conversation.questions_waiting = waiting


def forget_geocoded(session: Session, addresses: Iterable[str | None]) -> None:
    """The cached lookups of addresses the person typed (the cache key is the typed text)."""
    keys = {address_query(a) for a in addresses if a} - {None}
    if keys:
        session.execute(delete(GeocodedAddress).where(GeocodedAddress.query.in_(keys))
                        .execution_options(synchronize_session=False))


def scrub_value(value: Any, quotes: Quotes, *, words_too: bool = True) -> Any:
    if isinstance(value, str):
        return ERASED if quotes.found_in(value, words_too=words_too) else value
    if isinstance(value, dict):
        return {key: scrub_value(item, quotes, words_too=words_too)
                for key, item in value.items()}
    if isinstance(value, list):
        return [scrub_value(item, quotes, words_too=words_too) for item in value]
    return value


def end_call_schedules(session: Session, person_id: int, now: datetime) -> None:
    schedules = list(session.scalars(select(CallSchedule).where(or_(
        CallSchedule.resident_id == person_id, CallSchedule.volunteer_id == person_id))))
    for schedule in schedules:
        if schedule.status != ScheduleStatus.ENDED:
            schedule.status, schedule.ended_at = ScheduleStatus.ENDED, now
    if schedules:
        session.execute(update(CheckInCall)
                        .where(CheckInCall.schedule_id.in_([s.id for s in schedules]))
                        .values(note=None).execution_options(synchronize_session="fetch"))


def blank_profile(profile, now: datetime) -> None:
    profile.postcode = None
    profile.latitude = profile.longitude = None
    profile.lived_experience = None
    profile.age_band = None
    profile.skills, profile.availability, profile.languages = [], [], []
    profile.id_checked_on = profile.dbs_checked_on = profile.training_completed_on = None
    profile.id_check_expires_on = profile.dbs_expires_on = profile.training_expires_on = None
    profile.paused = True
    profile.left_at = profile.left_at or now


def forget_request_details(request: HelpRequest, *, whole_postcode: bool) -> None:
    request.details = ""
    request.address_line = None
    request.latitude = request.longitude = None
    request.feedback = None
    # A landline and a referrer taken by a coordinator (bot/services/help_requests/intake.py).
    request.phone_to_ring = request.referrer_name = request.referrer_contact = None
    request.helped_name = None  # the person written for; "mum" alone names nobody
    if request.postcode and not whole_postcode:
        request.postcode = request.postcode.split(" ")[0]


def forget_sent_addresses(session: Session) -> int:
    """Blank the address and body of messages to erased people once they are no longer
    waiting, and the provider's id of each when it names their chat."""
    erased = select(Person.id).where(Person.erased_at.is_not(None))
    row = OutboundMessage
    # Every SET reads the row as it was, so each still sees the address being blanked.
    names_chat = row.channel_message_id.contains(row.address)
    result = session.execute(
        update(row)
        .where(row.person_id.in_(erased.scalar_subquery()),
               row.status != OutboundStatus.PENDING,
               row.address != "")
        .values(address="", body="", choices=[],
                channel_message_id=case(
                    (names_chat, literal(ANONYMOUS_ID, String) + cast(row.id, String)),
                    else_=row.channel_message_id),
                last_error=case((row.last_error.contains(row.address), None),
                                else_=row.last_error))
        .execution_options(synchronize_session=False))
    if result.rowcount:
        removed_personal_data(session)
    return result.rowcount or 0


# SQLite keeps what was removed in its write-ahead log until a checkpoint.


def removed_personal_data(session: Session) -> None:
    """Mark the session's transaction as one that removed personal data."""
    session.info[REMOVED_PERSONAL_DATA] = True


def checkpoint_after_removals(session_factory: sessionmaker[Session]) -> None:
    """On SQLite, once a transaction that removed personal data commits, copy the
    write-ahead log into the database and truncate it to nothing: until then the pages
    as they were before (names, numbers, words) stay in the -wal file. With
    `secure_delete` on, the pages that replace them hold no trace of the old bytes."""
    sqlalchemy_event.listen(session_factory, "after_commit", checkpoint_if_removed)
    sqlalchemy_event.listen(session_factory, "after_transaction_end", forget_removal)


def forget_removal(session: Session, transaction) -> None:
    """A transaction rolled back (or committed, after its checkpoint) removed nothing more."""
    if transaction.parent is None:
        session.info.pop(REMOVED_PERSONAL_DATA, None)


def checkpoint_if_removed(session: Session) -> None:
    if not session.info.pop(REMOVED_PERSONAL_DATA, False):
        return
    engine = session.get_bind().engine
    if engine.dialect.name != "sqlite":
        return
    try:
        # Its own connection: the session's is still finishing its commit. Outside a
        # transaction, as a checkpoint must be; it waits (busy timeout) for readers to go.
        with engine.connect() as connection:
            busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    except Exception:  # the removal is committed: a failed checkpoint must not undo the reply
        log.exception("privacy: the write-ahead log could not be checkpointed after a removal")
        return
    if busy:
        log.warning("privacy: the write-ahead log is still in use and was not truncated "
                    "after a removal; the next removal or checkpoint will")


# Retention.


def purge_expired_personal_data(session: Session, now: datetime, days: int) -> int:
    """Remove personal data from requests closed more than `days` ago; returns how many.

    The request keeps its category, status, times, district and consent wording;
    its details, street, coordinates and feedback go, and so do the bodies of
    messages quoting them or its reference (once they have been sent)."""
    cutoff = now - timedelta(days=days)
    closed_at = func.coalesce(HelpRequest.done_at, HelpRequest.cancelled_at,
                              HelpRequest.expired_at, HelpRequest.created_at)
    due = list(session.scalars(
        select(HelpRequest)
        .where(HelpRequest.status.in_(CLOSED_STATUSES), closed_at < cutoff,
               or_(HelpRequest.details != "", HelpRequest.address_line.is_not(None),
                   HelpRequest.latitude.is_not(None), HelpRequest.feedback.is_not(None),
                   HelpRequest.postcode.contains(" ")))
        .order_by(HelpRequest.id).with_for_update(skip_locked=True)))
    for request in due:
        near = {request.resident_id, request.assigned_volunteer_id} | set(session.scalars(
            select(Offer.volunteer_id).where(Offer.request_id == request.id)))
        concerns = list(session.scalars(select(Concern).where(
            Concern.request_id == request.id)))
        on_this_request = CallSchedule.request_id == request.id
        quotes = Quotes.of([request.reference, request.address_line, request.details,
                            request.feedback] + [c.text for c in concerns]
                           + [c.resolution_note for c in concerns]
                           + call_notes(session, on_this_request),
                           words=[request.postcode], near=near)
        blank_messages(session, None, [], quotes, before=cutoff)
        scrub_audit(session, quotes)
        scrub_conversations(session, None, quotes)
        forget_geocoded(session, [request.address_line])
        forget_photos(session, [request.id], None)  # what was bought goes with the details
        session.execute(update(Offer).where(Offer.request_id == request.id)
                        .values(reasons="", distance_km=None)
                        .execution_options(synchronize_session="fetch"))
        for concern in concerns:
            concern.text, concern.resolution_note = "", None
        schedules = select(CallSchedule.id).where(on_this_request).scalar_subquery()
        session.execute(update(CheckInCall).where(CheckInCall.schedule_id.in_(schedules))
                        .values(note=None).execution_options(synchronize_session="fetch"))
        forget_request_details(request, whole_postcode=False)
    if due:
        audit.record(session, "retention.purged", now, requests=len(due), days=days)
        removed_personal_data(session)
    return len(due)
