"""Receiving a message: one unit of work from inbound text to stored replies.

Read who is talking and where their conversation stands, let the dialogue
engine decide, apply its effects, store the new state and the replies (the
outbox), commit. Channels send the replies after the commit. A message the
channel has delivered before (same channel message id) changes nothing and
gets its first replies back.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from bot.dialogue import engine, resident
from bot.understanding import parsing
from bot.dialogue.catalogue import supported_language
from bot.dialogue.types import (
    Choice,
    Inbound,
    KnownPostcode,
    OfferSummary,
    PersonContext,
    PlaceSummary,
    FlagDanger,
    Reply,
    RequestSummary,
    State,
    VolunteerSummary,
)
from bot.services.running.effects import Services, apply_effects
from bot.services.shared.identities import mask_phone
from bot.services.help_requests.offers import rough_area
from bot.services.sending.outbox import Lane, attach
from bot.services.shared.plain_sql import PlainStatement
from bot.services.help_requests.receipts import needs_receipt
from bot.services.shared.references import unused_reference
from bot.services.shared.remembered import remembered_place
from bot.services.running.senders import Sender, find_or_create_sender
from bot.services.shared.states import next_waiting_question
from bot.services.help_requests.standing import summaries as standing_summaries
from bot.services.help_requests.volunteer_time import given_by
from bot.services.calls.checkins import held_for_new_caller
from bot.services.safeguarding import takeover
from bot.services.shared.unit_of_work import UnitOfWork
from bot.understanding.language import polish_words
from bot.understanding.model import shared_model
from bot.understanding.names import name_evidence
from models import (
    OPEN_STATUSES,
    CallSchedule,
    ContactIdentity,
    ConversationState,
    HelpRequest,
    IdentityKind,
    InboundMessage,
    NeedOffer,
    NeedOfferStatus,
    NeedStatus,
    Offer,
    OfferStatus,
    OutboundMessage,
    OutboundStatus,
    Partner,
    PartnerNeed,
    Person,
    PersonRole,
    RequestStatus,
    Role,
    ScheduleStatus,
)

log = logging.getLogger(__name__)

# A new person's first message can race with itself (a provider retry); a
# reference can collide. Both surface as IntegrityError and a retry settles them.
ATTEMPTS = 3


class AddressLookup(Protocol):
    def __call__(self, session: Session, text: str) -> KnownPostcode | None:
        """Where a typed address is, or None."""


class PostcodeLocator(Protocol):
    def __call__(self, postcode: str) -> KnownPostcode | None: ...


class UnusableMessage(ValueError):
    """A message the hub cannot keep as it came (its sender or id is longer than the hub
    keeps, or holds control characters): no provider sends one, and no retry would help."""


# The longest sender address and message id the hub keeps (models/people.py, messages.py).
ADDRESS_LENGTH = ContactIdentity.__table__.c.address.type.length
MESSAGE_ID_LENGTH = InboundMessage.__table__.c.channel_message_id.type.length
# What no text column should hold: control characters but newline and tab (PostgreSQL
# refuses NUL where SQLite keeps it), and lone surrogates, which JSON can carry ("\ud800")
# but no database can encode.
UNSTORABLE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def storable_text(text: str | None) -> str:
    """A message's text as its sender meant it, with nothing a database would refuse:
    line ends become newlines; other control characters and lone surrogates go."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return UNSTORABLE_CHARACTERS.sub("", text)


def storable_id(value: str, longest: int = MESSAGE_ID_LENGTH) -> bool:
    """Whether a provider's id (or a sender's address) can be kept as it is: present, no
    longer than its column, and printable. Ids are refused rather than cleaned: a cleaned
    id would be another message's."""
    return 0 < len(value) <= longest and value.isprintable()


@dataclass(frozen=True)
class IncomingMessage:
    channel: str  # "console", "sms", "telegram"
    identity_kind: str  # models.IdentityKind
    address: str  # E.164 phone, Telegram user id, console name
    channel_message_id: str
    text: str
    received_at: datetime
    # True when the channel hands the replies over in its own response (SMS
    # answered with TwiML): they are stored as sent, so the outbox never
    # sends them again. Otherwise the outbox worker delivers them.
    replies_inline: bool = False
    # The language the sender's app is set to, as the channel reports it ("pl", "en-GB");
    # it only sets the language of someone new, and only to one we write in.
    language_hint: str | None = None

    def __post_init__(self) -> None:
        # Every channel's message passes here, so the same input is kept the same way on
        # SQLite and PostgreSQL: text cleaned, what cannot be cleaned refused for good.
        object.__setattr__(self, "text", storable_text(self.text))
        if not storable_id(self.address, ADDRESS_LENGTH):
            raise UnusableMessage(f"{self.channel}: the sender is not an address the hub keeps")
        if not storable_id(self.channel_message_id):
            raise UnusableMessage(f"{self.channel}: the message id is not one the hub keeps")


class MessageScreen(Protocol):
    """Channel rules checked before the dialogue, in the same unit of work
    (SMS STOP/START/HELP). Returns the replies to send instead of the
    dialogue's (an empty list for silence), or None to let the dialogue answer."""

    def __call__(self, session: Session, sender: Sender,
                 message: IncomingMessage) -> list[Reply] | None: ...


@dataclass(frozen=True)
class ReplyToSend:
    outbound_id: int
    body: str
    choices: tuple[Choice, ...]
    language: str


@dataclass(frozen=True)
class HandledMessage:
    person_id: int
    replies: tuple[ReplyToSend, ...]
    duplicate: bool = False


def prepare_to_read() -> None:
    """Train (the first time) or read the reader's model now, and what it learns from the
    corpus besides (the words of Polish, the evidence for names), before anyone is waiting."""
    shared_model()
    polish_words()
    name_evidence()


class ConversationService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        hub_name: str,
        locate_postcode: PostcodeLocator,
        clock: Callable[[], datetime],
        services: Services,
        find_address: AddressLookup | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._hub_name = hub_name
        self._locate_postcode = locate_postcode
        self._clock = clock
        self._services = services
        self._find_address = find_address

    @property
    def session_factory(self) -> sessionmaker[Session]:
        """For a channel's short look before a message's own unit of work (may a photo
        be fetched? bot/services/running/receipt_photos.py)."""
        return self._session_factory

    def receive(self, message: IncomingMessage,
                screen: MessageScreen | None = None) -> HandledMessage:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._receive_once(message, screen)
            except IntegrityError:
                previous = self.replies_already_sent(message.channel, message.channel_message_id)
                if previous is not None:
                    return previous
                if attempt == ATTEMPTS:
                    raise
                log.info("retrying message from %s after a conflict", mask_phone(message.address))
        raise AssertionError("unreachable")

    def replies_already_sent(self, channel: str, channel_message_id: str) -> HandledMessage | None:
        with UnitOfWork(self._session_factory) as uow:
            inbound = find_inbound(uow.session, channel, channel_message_id)
            if inbound is None:
                return None
            return HandledMessage(inbound.person_id or 0,
                                  replies_to(uow.session, inbound), duplicate=True)

    def _receive_once(self, message: IncomingMessage,
                      screen: MessageScreen | None) -> HandledMessage:
        with UnitOfWork(self._session_factory) as uow:
            session = uow.session
            sender = find_or_create_sender(session, message.identity_kind, message.address,
                                           language=supported_language(message.language_hint))
            # A message delivered twice trips the unique (channel, message id)
            # constraint right here; `receive` then answers with the replies
            # already sent. No look-up first: most messages are new. (On SQLite
            # this first write also takes the lock, so what is read next is current.)
            # The message and its replies are written as plain rows, not ORM
            # objects: nothing else in this unit of work reads them.
            [(inbound_id,)] = INSERT_INBOUND.rows(session, {
                "channel": message.channel, "channel_message_id": message.channel_message_id,
                "person_id": sender.person_id, "body": parsing.clean(message.text),
                "received_at": message.received_at})
            replies = screen(session, sender, message) if screen else None
            if replies is not None:  # STOP / START / HELP: a coordinator holding them sees it
                takeover.screened(session, sender.person_id, message.text,
                                  self._services.admin.notifier, self._hub_name, self._clock(),
                                  message.channel)
            lane = Lane.CONVERSATION
            if replies is None:
                replies, lane = self._converse(session, sender, message)
            sent = self._store_replies(session, sender.person_id, sender.current_language(),
                                       message, inbound_id, replies, lane)
            uow.commit()
            return HandledMessage(sender.person_id, sent)

    def _store_replies(self, session: Session, person_id: int, language: str,
                       message: IncomingMessage, inbound_id: int,
                       replies: list[Reply], lane: Lane) -> tuple[ReplyToSend, ...]:
        """The replies in the outbox: as sent when the channel answers inline, else waiting
        in `lane`."""
        now = self._clock()
        inline = message.replies_inline
        stored = []
        for reply in replies:
            choices = [[c.value, c.label] for c in reply.choices]
            [(outbound_id,)] = INSERT_OUTBOUND.rows(session, {
                "person_id": person_id, "channel": message.channel,
                "address": message.address, "body": reply.text, "choices": choices,
                "in_reply_to_id": inbound_id, "lane": int(lane),
                "status": OutboundStatus.SENT if inline else OutboundStatus.PENDING,
                "attempts": 0, "next_attempt_at": None if inline else now,
                "sent_at": now if inline else None, "created_at": now})
            if reply.attachment is not None:
                attach(session, outbound_id, message.channel, reply.attachment)
            stored.append(ReplyToSend(outbound_id, reply.text, reply.choices, language))
        return tuple(stored)

    def _converse(self, session: Session, sender: Sender, message: IncomingMessage
                  ) -> tuple[list[Reply], Lane]:
        """Let the dialogue engine answer; store its new state and carry out its effects.
        The lane of the replies: safety when the words suggest danger (the advice must not
        wait behind a queue of offers), else conversation."""
        saved = read_conversation_for_update(session, sender.person_id)
        state = saved.state if saved else State("idle", "start", {})
        postcodes = postcodes_in(message.text or "", self._locate_postcode)
        place = None
        if self._find_address and not postcodes and resident.may_be_an_address(state):
            place = self._find_address(session, message.text or "")
        inbound = Inbound(
            text=message.text or "",
            channel=message.channel,
            received_at=message.received_at,
            person=self._context_for(session, sender, resident.references_needed(state)),
            postcodes=postcodes,
            place=place,
        )
        new_state, replies, effects = engine.step(state, inbound)
        if not effects and not (saved and saved.questions_waiting):
            # Most messages only move the conversation on: one plain write.
            save_conversation(session, sender.person_id, new_state, self._clock(),
                              exists=saved is not None)
            return replies, Lane.CONVERSATION
        lane = Lane.SAFETY if any(isinstance(effect, FlagDanger) for effect in effects) \
            else Lane.CONVERSATION
        # Effects may ask this same person something next (expect_answer): they
        # and this message share one ORM conversation row, changed in order.
        conversation = load_conversation(session, sender.person_id)
        more, follow_up = apply_effects(session, sender.person(session), effects,
                                        message.channel, self._clock(), self._services)
        replies += more
        new_state = follow_up or new_state
        if new_state.flow == "idle" and conversation.questions_waiting:
            waiting = next_waiting_question(session, conversation)
            if waiting is not None:
                new_state, question = waiting
                replies.append(question)

        conversation.flow, conversation.step = new_state.flow, new_state.step
        conversation.data = new_state.data
        conversation.updated_at = self._clock()
        return replies, lane

    def _calls_context(self, session: Session, sender: Sender, is_volunteer: bool) -> dict:
        """Whether the person has regular calls, and a due call a volunteer may log."""
        if not sender.roles:
            return {}
        person_id = sender.person_id
        has_calls = session.scalar(select(CallSchedule.id).where(
            or_(CallSchedule.volunteer_id == person_id, CallSchedule.resident_id == person_id),
            CallSchedule.status != ScheduleStatus.ENDED).limit(1)) is not None
        pending = None
        if has_calls and is_volunteer:
            call = self._services.checkins.pending_call(session, person_id, self._clock())
            pending = (call.schedule.resident.first_name or "") if call else None
        return {"has_calls": has_calls, "call_pending_with": pending}

    def _context_for(self, session: Session, sender: Sender,
                     references_needed: int) -> PersonContext:
        # Someone who has never asked for anything has nothing open: skip the query.
        requests = () if not sender.has_role(Role.RESIDENT) else OPEN_REQUESTS_OF.rows(
            session, {"resident_id": sender.person_id})
        standing = sender.volunteer
        volunteer = None
        if standing is not None and not standing.left:
            volunteer = VolunteerSummary(standing.vetting_status, standing.paused,
                                         tasks=volunteer_tasks(session, sender.person_id,
                                                               self._services.checkins.voice_on),
                                         offers=open_offers(session, sender.person_id),
                                         places=partner_places(session, sender.person_id,
                                                               self._clock().date()),
                                         given=given_by(session, sender.person_id,
                                                        self._clock(), self._hub_zone()))
        calls = self._calls_context(session, sender, volunteer is not None)
        return PersonContext(
            **calls,
            first_name=sender.first_name,
            language=sender.language,
            roles=sender.roles,
            open_requests=tuple(
                RequestSummary(reference, category, status, when, volunteer=helper or "",
                               calls=bool(calls))
                for reference, category, status, when, helper, calls in requests),
            coordinated=not requests or COORDINATORS_COUNTED.rows(
                session, {"role": Role.COORDINATOR})[0][0] > 0,
            remembered_place=remembered_place(session, sender.person_id)
            if sender.has_role(Role.RESIDENT) else None,
            volunteer=volunteer,
            hub_name=self._hub_name,
            next_reference=unused_reference(session) if references_needed else "",
            spare_references=spare_references(session, references_needed - 1),
            consent_withdrawn=sender.consent_withdrawn_at is not None,
            standing=standing_summaries(session, sender.person_id,
                                        self._clock().astimezone(self._hub_zone()).date())
            if sender.has_role(Role.RESIDENT) else (),
        )

    def _hub_zone(self) -> ZoneInfo:
        """The hub's time zone, for its days and months (standing requests, hours given)."""
        standing = self._services.standing
        return standing.zone if standing is not None else ZoneInfo("UTC")


_inbound, _outbound = InboundMessage.__table__.c, OutboundMessage.__table__.c
INSERT_INBOUND = PlainStatement(
    insert(InboundMessage.__table__).returning(_inbound.id),
    ("channel", "channel_message_id", "person_id", "body", "received_at"))
INSERT_OUTBOUND = PlainStatement(
    insert(OutboundMessage.__table__).returning(_outbound.id),
    ("person_id", "channel", "address", "body", "choices", "in_reply_to_id", "lane", "status",
     "attempts",
     "next_attempt_at", "sent_at", "created_at"))

_helper = aliased(Person)
OPEN_REQUESTS_OF = PlainStatement(
    select(HelpRequest.reference, HelpRequest.category, HelpRequest.status,
           HelpRequest.needed_when_text, _helper.first_name,
           select(CallSchedule.id).where(CallSchedule.request_id == HelpRequest.id,
                                         CallSchedule.status != ScheduleStatus.ENDED)
           .exists().label("calls"))
    .outerjoin(_helper, _helper.id == HelpRequest.assigned_volunteer_id)
    # One equality per status rather than IN, which a plain statement cannot take.
    .where(HelpRequest.resident_id == bindparam("resident_id"),
           or_(*(HelpRequest.status == status for status in OPEN_STATUSES)))
    .order_by(HelpRequest.created_at, HelpRequest.id)
)
# (No LIMIT: a plain statement cannot take one on every driver; a count is as cheap here.)
COORDINATORS_COUNTED = PlainStatement(
    select(func.count()).select_from(PersonRole).where(PersonRole.role == bindparam("role")))


def spare_references(session: Session, how_many: int) -> tuple[str, ...]:
    """References for the other kinds of help one message asks for ("shopping and my
    prescription": two requests)."""
    found: list[str] = []
    while len(found) < how_many:
        reference = unused_reference(session)
        if reference not in found:
            found.append(reference)
    return tuple(found)


def volunteer_tasks(session: Session, volunteer_id: int,
                    masked_calls: bool = False) -> tuple[RequestSummary, ...]:
    """The volunteer's open tasks with the resident's details; a finished task shows none,
    nor does a befriending match whose calls go through the hub."""
    rows = session.execute(
        select(HelpRequest, Person.first_name, ContactIdentity.address)
        .join(Person, Person.id == HelpRequest.resident_id)
        .outerjoin(ContactIdentity, (ContactIdentity.person_id == Person.id)
                   & (ContactIdentity.kind == IdentityKind.PHONE))
        # Calls given back (or held at a suspension) wait for a new caller: not theirs now.
        .outerjoin(CallSchedule, CallSchedule.request_id == HelpRequest.id)
        .where(HelpRequest.assigned_volunteer_id == volunteer_id,
               HelpRequest.status == RequestStatus.ASSIGNED,
               or_(CallSchedule.id.is_(None), ~held_for_new_caller()))
        .order_by(HelpRequest.assigned_at, HelpRequest.id)
    )
    return tuple(
        RequestSummary(r.reference, r.category, r.status, r.needed_when_text,
                       first_name=first_name or "",
                       phone="" if masked_calls and r.category == "befriending" else phone or "",
                       address=", ".join(p for p in (r.address_line, r.postcode) if p),
                       needs_receipt=needs_receipt(r), helped_name=r.helped_name,
                       helped_relation=r.helped_relation)
        for r, first_name, phone in rows)


def open_offers(session: Session, volunteer_id: int) -> tuple[OfferSummary, ...]:
    rows = session.execute(
        select(Offer, HelpRequest, Person.first_name)
        .join(HelpRequest, Offer.request_id == HelpRequest.id)
        .join(Person, HelpRequest.resident_id == Person.id)
        .where(Offer.volunteer_id == volunteer_id, Offer.status == OfferStatus.OFFERED)
        .order_by(Offer.offered_at, Offer.id)
    )
    requests = tuple(
        OfferSummary(request.reference, request.category, request.needed_when_text,
                     first_name or "", rough_area(request), offer.distance_km)
        for offer, request, first_name in rows
    )
    # Partners' needs offered to the volunteer answer to YES and NO the same way.
    needs = session.execute(
        select(NeedOffer, PartnerNeed, Partner.name)
        .join(PartnerNeed, NeedOffer.need_id == PartnerNeed.id)
        .join(Partner, PartnerNeed.partner_id == Partner.id)
        .where(NeedOffer.volunteer_id == volunteer_id, NeedOffer.status == NeedOfferStatus.OFFERED)
        .order_by(NeedOffer.offered_at, NeedOffer.id))
    return requests + tuple(
        OfferSummary(need.reference, need.category, need.how_often or None, partner,
                     need.postcode.split(" ")[0], offer.distance_km)
        for offer, need, partner in needs)


def partner_places(session: Session, volunteer_id: int, today: date) -> tuple[PlaceSummary, ...]:
    """Places the volunteer took on partners' needs that are not over yet."""
    contact = aliased(Person)
    rows = session.execute(
        select(PartnerNeed, Partner.name, contact.first_name, ContactIdentity.address)
        .join(NeedOffer, NeedOffer.need_id == PartnerNeed.id)
        .join(Partner, PartnerNeed.partner_id == Partner.id)
        .outerjoin(contact, contact.id == Partner.contact_id)
        .outerjoin(ContactIdentity, (ContactIdentity.person_id == contact.id)
                   & (ContactIdentity.kind == IdentityKind.PHONE))
        .where(NeedOffer.volunteer_id == volunteer_id,
               NeedOffer.status == NeedOfferStatus.ACCEPTED,
               PartnerNeed.status != NeedStatus.CLOSED,
               or_(PartnerNeed.ends_on.is_(None), PartnerNeed.ends_on >= today))
        .order_by(PartnerNeed.starts_on, PartnerNeed.id))
    return tuple(
        PlaceSummary(need.reference, need.category, partner, need.postcode, need.how_often,
                     " ".join(p for p in (first_name, phone) if p) or partner, need.ends_on)
        for need, partner, first_name, phone in rows)


def postcodes_in(text: str, locate: PostcodeLocator) -> dict[str, KnownPostcode]:
    """Look up every postcode in a message (or a lone outward code like "RM17")."""
    candidates = parsing.find_postcodes(text)
    whole = parsing.clean(text).upper()
    if parsing.OUTWARD_ONLY_PATTERN.match(whole):
        candidates.append(whole)
    found = {}
    for postcode in candidates:
        place = locate(postcode)
        if place is not None:
            found[postcode] = place
    return found


def find_inbound(session: Session, channel: str, channel_message_id: str) -> InboundMessage | None:
    return session.scalar(
        select(InboundMessage).where(
            InboundMessage.channel == channel,
            InboundMessage.channel_message_id == channel_message_id,
        )
    )


def replies_to(session: Session, inbound: InboundMessage) -> tuple[ReplyToSend, ...]:
    rows = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.in_reply_to_id == inbound.id)
        .order_by(OutboundMessage.id)
    )
    language = session.get(Person, inbound.person_id).language if inbound.person_id else "en"
    return tuple(as_reply(row, language) for row in rows)


def as_reply(row: OutboundMessage, language: str) -> ReplyToSend:
    return ReplyToSend(row.id, row.body, tuple(Choice(v, label) for v, label in row.choices),
                       language)


_conversation = ConversationState.__table__.c


@dataclass(frozen=True)
class SavedConversation:
    state: State
    questions_waiting: list | None


def read_conversation_for_update(session: Session, person_id: int) -> SavedConversation | None:
    """Where the person's conversation stands, locked so two messages from one person
    queue up (PostgreSQL; on SQLite the message's own insert already holds the lock)."""
    rows = READ_CONVERSATION.rows(session, {"person_id": person_id})
    if not rows:
        return None
    [(flow, step, data, questions_waiting)] = rows
    return SavedConversation(State(flow, step, dict(data or {})), questions_waiting)


def save_conversation(session: Session, person_id: int, state: State, now: datetime,
                      exists: bool) -> None:
    values = {"flow": state.flow, "step": state.step, "data": state.data, "updated_at": now}
    if exists:
        UPDATE_CONVERSATION.rows(session, {"of_person": person_id, **values})
    else:
        INSERT_CONVERSATION.rows(session, {"person_id": person_id, **values})


def load_conversation(session: Session, person_id: int) -> ConversationState:
    """The person's conversation as an ORM row, for effects to change with it."""
    conversation = session.get(ConversationState, person_id)
    if conversation is None:
        conversation = ConversationState(person_id=person_id, flow="idle", step="start", data={})
        session.add(conversation)
        session.flush()
    return conversation


READ_CONVERSATION = PlainStatement(
    select(_conversation.flow, _conversation.step, _conversation.data,
           _conversation.questions_waiting)
    .where(_conversation.person_id == bindparam("person_id"))
    .with_for_update()
)
_SAVED = ("flow", "step", "data", "updated_at")
INSERT_CONVERSATION = PlainStatement(insert(ConversationState.__table__),
                                     ("person_id", *_SAVED))
UPDATE_CONVERSATION = PlainStatement(
    update(ConversationState.__table__)
    .where(_conversation.person_id == bindparam("of_person")), _SAVED)
