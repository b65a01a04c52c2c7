"""Talking through the hub: TEXT, TAKE, RELEASE and "> message" (bot/dialogue/takeover.py).

TEXT R-7Q4K ... (or TEXT 07700 900123 ..., TEXT VOLUNTEER R-7Q4K ...) sends the coordinator's
words as the hub. TAKE puts the person's conversation in the coordinator's hands: their state
becomes the dialogue's TAKEN flow (keeping where it stood), the person is told, and what they
write is forwarded to the coordinator until RELEASE or until the coordinator has been silent
for `takeover_time`. Each step is audited with the request's reference as its subject, so SHOW
and the dashboard's request page tell it. Everything runs in the caller's unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dialogue import takeover
from bot.dialogue.types import State
from bot.services.shared import audit
from bot.services.shared.describe import name_of, reachable
from bot.services.shared.identities import TYPED_PHONE, InvalidPhoneNumber, normalise_phone
from bot.services.sending.notify import Notifier
from bot.understanding import parsing
from models import (
    OPEN_STATUSES,
    ContactIdentity,
    ConversationState,
    HelpRequest,
    IdentityKind,
    InboundMessage,
    OutboundMessage,
    Person,
)

DEFAULT_TAKEOVER_TIME = timedelta(minutes=60)


@dataclass(frozen=True)
class Held:
    """A conversation a coordinator holds."""

    person: Person
    reference: str
    conversation: ConversationState

    def label(self) -> str:
        return f"{name_of(self.person)} ({self.reference or number_of(self.person)})"


def number_of(person: Person) -> str:
    """How a coordinator tells someone with no request apart: their phone number."""
    return next((i.address for i in sorted(person.identities, key=lambda i: i.id)
                 if i.kind == IdentityKind.PHONE), f"person {person.id}")


def held_conversations(session: Session, coordinator_id: int | None = None) -> list[Held]:
    """Conversations in a coordinator's hands (one coordinator's, or everyone's), oldest first.
    Few at any time: read whole and chosen here rather than by JSON in SQL."""
    # Locked (PostgreSQL) so a held person's message and a hand-back queue up.
    rows = session.scalars(select(ConversationState).where(
        ConversationState.flow == takeover.FLOW).order_by(ConversationState.person_id)
        .with_for_update())
    held = []
    for conversation in rows:
        data = conversation.data or {}
        if coordinator_id is not None and data.get("by") != coordinator_id:
            continue
        person = session.get(Person, conversation.person_id)
        if person is not None:
            held.append(Held(person, data.get("reference") or "", conversation))
    return held


def holder_of(session: Session, person_id: int) -> ConversationState | None:
    conversation = session.get(ConversationState, person_id)
    if conversation is None or conversation.flow != takeover.FLOW:
        return None
    return conversation


def hand_back(session: Session, held: Held, notifier: Notifier, hub_name: str, now: datetime,
              *, actor_id: int | None, channel: str | None, reason: str,
              tell_person: bool = True) -> None:
    """The hub answers the person again: their conversation back where it stood."""
    conversation = held.conversation
    before = takeover.state_before(State(conversation.flow, conversation.step,
                                         dict(conversation.data or {})))
    conversation.flow, conversation.step, conversation.data = before.flow, before.step, before.data
    conversation.updated_at = now
    if tell_person:
        notifier.send(session, held.person, now, "takeover.hub_again", hub=hub_name)
    audit.record(session, "conversation.released", now, actor_id=actor_id, channel=channel,
                 subject=held.reference or f"person:{held.person.id}", to=held.person.id,
                 reason=reason)


def hand_back_ran_out(session: Session, notifier: Notifier, hub_name: str,
                      now: datetime) -> int:
    """Holds whose coordinator has been silent too long go back to the hub; both are told."""
    count = 0
    for held in held_conversations(session):
        state = State(held.conversation.flow, held.conversation.step, held.conversation.data)
        if not takeover.ran_out(state, now):
            continue
        coordinator = session.get(Person, (held.conversation.data or {}).get("by"))
        hand_back(session, held, notifier, hub_name, now, actor_id=None, channel=None,
                  reason="timeout")
        if coordinator is not None:
            notifier.send(session, coordinator, now, "takeover.admin_timed_out",
                          who=held.label())
        count += 1
    return count


def forward(session: Session, person: Person, effect: takeover.ForwardToCoordinator,
            notifier: Notifier, now: datetime) -> None:
    """What a held person wrote, to the coordinator holding their conversation."""
    coordinator = session.get(Person, effect.coordinator_id)
    if coordinator is None:
        return
    who = effect.reference or number_of(person)
    notifier.send(session, coordinator, now,
                  "takeover.forward_danger" if effect.danger else "takeover.forward",
                  name=name_of(person), who=who, text=effect.text)


def timed_out(session: Session, effect: takeover.HandBack, person: Person,
              notifier: Notifier, now: datetime, channel: str) -> None:
    """The person wrote after the hold ran out (their dialogue already told them)."""
    audit.record(session, "conversation.released", now, actor_id=None, channel=channel,
                 subject=effect.reference or f"person:{person.id}", to=person.id,
                 reason="timeout")
    coordinator = session.get(Person, effect.coordinator_id)
    if coordinator is not None:
        notifier.send(session, coordinator, now, "takeover.admin_timed_out",
                      who=f"{name_of(person)} ({effect.reference or 'no request'})")


def screened(session: Session, person_id: int, words: str, notifier: Notifier,
             hub_name: str, now: datetime, channel: str) -> None:
    """A held person's SMS keyword (STOP, START, HELP), answered before the dialogue: the
    coordinator still sees it, and a STOP ends the hold (the hub may not text them now)."""
    conversation = holder_of(session, person_id)
    if conversation is None:
        return
    person = session.get(Person, person_id)
    data = conversation.data or {}
    held = Held(person, data.get("reference") or "", conversation)
    coordinator = session.get(Person, data.get("by"))
    if coordinator is not None:
        notifier.send(session, coordinator, now, "takeover.forward", name=name_of(person),
                      who=held.reference or number_of(person), text=parsing.clean(words))
    if not reachable(person):
        hand_back(session, held, notifier, hub_name, now, actor_id=None, channel=channel,
                  reason="opted_out", tell_person=False)
        if coordinator is not None:
            notifier.send(session, coordinator, now, "takeover.admin_opted_out",
                          who=held.label())


class TakeoverCommands:
    """TEXT, TAKE, RELEASE and "> message", for AdminService (which supplies `notifier`,
    `hub_name`, `phone_region` and `request_named`)."""

    # How long a hold lasts after the coordinator's last word (NEIGHBOURLY_TAKEOVER_MINUTES:
    # the composition root sets it).
    takeover_time: timedelta = DEFAULT_TAKEOVER_TIME

    def do_text(self, session, coordinator, arguments, now, say) -> str:
        self.hand_back_ran_out(session, now)
        person, reference, rest, problem = self.person_meant(session, arguments, "TEXT", say)
        if person is None:
            return problem
        if not parsing.has_letters_or_digits(rest):
            return say("takeover.admin_text_how")
        return self.send_as_hub(session, coordinator, person, reference, rest, now, say)

    def do_reply(self, session, coordinator, arguments, now, say) -> str:
        self.hand_back_ran_out(session, now)
        held = held_conversations(session, coordinator.id)
        if not held:
            return say("takeover.admin_none_held")
        if len(held) > 1:
            return say("takeover.admin_which", held=", ".join(h.label() for h in held))
        if not parsing.has_letters_or_digits(arguments):
            return say("takeover.admin_text_how")
        return self.send_as_hub(session, coordinator, held[0].person, held[0].reference,
                                arguments, now, say)

    def do_take(self, session, coordinator, arguments, now, say) -> str:
        self.hand_back_ran_out(session, now)
        person, reference, _, problem = self.person_meant(session, arguments, "TAKE", say)
        if person is None:
            return problem
        if person.id == coordinator.id:
            return say("takeover.admin_not_yourself")
        conversation = session.get(ConversationState, person.id)
        if conversation is None:
            conversation = ConversationState(person_id=person.id, flow="idle", step="start",
                                             data={})
            session.add(conversation)
        until = now + self.takeover_time
        label = Held(person, reference, conversation).label()
        if conversation.flow == takeover.FLOW:
            data = dict(conversation.data or {})
            holder = session.get(Person, data.get("by"))
            if data.get("by") != coordinator.id:
                return say("takeover.admin_held_by", who=label, coordinator=name_of(holder))
            conversation.data = {**data, "until": until.isoformat()}
            return say("takeover.admin_already_yours", who=label)
        held = takeover.held_state(coordinator.id, reference, until,
                                   State(conversation.flow, conversation.step,
                                         dict(conversation.data or {})))
        conversation.flow, conversation.step, conversation.data = held.flow, held.step, held.data
        conversation.updated_at = now
        self.notifier.send(session, person, now, "takeover.taken", hub=self.hub_name,
                           coordinator=name_of(coordinator))
        audit.record(session, "conversation.taken", now, actor_id=coordinator.id,
                     subject=reference or f"person:{person.id}", to=person.id)
        return say("takeover.admin_taken", who=label, name=name_of(person),
                   reference=reference or number_of(person),
                   minutes=int(self.takeover_time.total_seconds() // 60))

    def do_release(self, session, coordinator, arguments, now, say) -> str:
        self.hand_back_ran_out(session, now)
        held = held_conversations(session, coordinator.id)
        if parsing.has_letters_or_digits(arguments):
            person, _, _, problem = self.person_meant(session, arguments, "RELEASE", say)
            if person is None:
                return problem
            held = [h for h in held if h.person.id == person.id]
            if not held:
                return say("takeover.admin_not_held", who=name_of(person))
        if not held:
            return say("takeover.admin_none_held")
        if len(held) > 1:
            return say("takeover.admin_which", held=", ".join(h.label() for h in held))
        hand_back(session, held[0], self.notifier, self.hub_name, now, actor_id=coordinator.id,
                  channel=None, reason="released")
        return say("takeover.admin_released", who=held[0].label())

    # Shared by the commands and the dashboard's reply box.

    def send_as_hub(self, session: Session, coordinator: Person, person: Person,
                    reference: str, words: str, now: datetime, say, channel: str | None = None
                    ) -> str:
        """The coordinator's words to the person, as the hub; audited. A hold of theirs on
        the person's conversation lasts another `takeover_time` from now."""
        words = words.strip()
        if not reachable(person):
            return say("takeover.admin_unreachable", who=name_of(person))
        self.notifier.send(session, person, now, "takeover.from_hub", hub=self.hub_name,
                           text=words)
        conversation = holder_of(session, person.id)
        if conversation is not None and (conversation.data or {}).get("by") == coordinator.id:
            conversation.data = {**conversation.data,
                                 "until": (now + self.takeover_time).isoformat()}
        audit.record(session, "hub.texted", now, actor_id=coordinator.id, channel=channel,
                     subject=reference or f"person:{person.id}", to=person.id, text=words[:500])
        return say("takeover.admin_sent", who=name_of(person))

    def hand_back_ran_out(self, session: Session, now: datetime) -> int:
        return hand_back_ran_out(session, self.notifier, self.hub_name, now)

    def person_meant(self, session: Session, arguments: str, command: str, say
                     ) -> tuple[Person | None, str, str, str]:
        """Whom TEXT / TAKE / RELEASE names, at the start of its arguments: [VOLUNTEER]
        R-7Q4K, or a phone number. Returns (person, request reference, the words after,
        problem)."""
        rest = parsing.clean(arguments)
        to_volunteer = False
        first, _, after = rest.partition(" ")
        if first.lower() == "volunteer":
            to_volunteer, rest = True, after.strip()
        first, _, after = rest.partition(" ")
        reference = parsing.find_reference(first) if first else None
        if reference is not None:
            request = session.scalar(select(HelpRequest).where(
                HelpRequest.reference == reference))
            if request is None:
                return None, "", "", say("admin_unknown_request", reference=reference)
            person_id = request.assigned_volunteer_id if to_volunteer else request.resident_id
            person = session.get(Person, person_id) if person_id is not None else None
            if person is None or person.erased_at is not None:
                return None, "", "", say("takeover.admin_nobody", reference=reference)
            return person, reference, after.strip(), ""
        typed = TYPED_PHONE.match(rest)
        if typed is None:
            return None, "", "", say("takeover.admin_whom", command=command)
        try:
            phone = normalise_phone(typed.group(0), self.phone_region)
        except InvalidPhoneNumber:
            return None, "", "", say("admin_unknown_volunteer", who=typed.group(0))
        person = session.scalar(
            select(Person).join(ContactIdentity, ContactIdentity.person_id == Person.id)
            .where(ContactIdentity.kind == IdentityKind.PHONE, ContactIdentity.address == phone,
                   Person.erased_at.is_(None)))
        if person is None:
            return None, "", "", say("admin_unknown_volunteer", who=phone)
        return person, latest_reference(session, person), rest[typed.end():].strip(), ""


def latest_reference(session: Session, person: Person) -> str:
    """The person's request their talk with the hub is most likely about: an open one they
    asked for, else their latest; "" for someone who never asked (a volunteer)."""
    requests = list(session.scalars(select(HelpRequest).where(
        HelpRequest.resident_id == person.id).order_by(HelpRequest.created_at.desc(),
                                                       HelpRequest.id.desc())))
    open_ones = [r for r in requests if r.status in OPEN_STATUSES]
    chosen = (open_ones or requests or [None])[0]
    return chosen.reference if chosen is not None else ""


@dataclass(frozen=True)
class ExchangedMessage:
    """One message between the hub and a person, for the dashboard's conversation view."""

    at: datetime
    from_person: bool
    body: str


def person_asking(session: Session, request) -> Person | None:
    """Who asked for a request, for the page that shows their conversation; None once
    erased."""
    person = session.get(Person, request.resident_id)
    return None if person is None or person.erased_at is not None else person


def recent_messages(session: Session, person_id: int, how_many: int = 20
                    ) -> list[ExchangedMessage]:
    """The last messages with a person, both ways, oldest first."""
    inbound = session.execute(
        select(InboundMessage.received_at, InboundMessage.id, InboundMessage.body)
        .where(InboundMessage.person_id == person_id)
        .order_by(InboundMessage.received_at.desc(), InboundMessage.id.desc()).limit(how_many))
    outbound = session.execute(
        select(OutboundMessage.created_at, OutboundMessage.id, OutboundMessage.body)
        .where(OutboundMessage.person_id == person_id)
        .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc()).limit(how_many))
    # Inbound first at the same moment: the hub's reply follows what it answers; several
    # written in one turn share a moment and keep the order they were written in (their ids).
    both = [(at, 0, row_id, ExchangedMessage(at, True, body or ""))
            for at, row_id, body in inbound]
    both += [(at, 1, row_id, ExchangedMessage(at, False, body or ""))
             for at, row_id, body in outbound]
    both.sort(key=lambda item: (item[0].replace(tzinfo=None), item[1], item[2]))
    return [message for *_, message in both[-how_many:]]


def holder_name(session: Session, person_id: int) -> str | None:
    """The first name of the coordinator holding the person's conversation, if one does."""
    conversation = holder_of(session, person_id)
    if conversation is None:
        return None
    return name_of(session.get(Person, (conversation.data or {}).get("by")))
