"""The outbox: messages written with the state change and delivered after commit.

Until Telegram or SMS are configured, every message for a person waits in
their console inbox and is shown the next time they open `neighbourly chat`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.dialogue.types import Attachment, Choice
from models import (
    ContactIdentity,
    IdentityKind,
    OutboundAttachment,
    OutboundLane,
    OutboundMessage,
    OutboundStatus,
    Person,
)

# The priority lanes (1 safety … 5 broadcasts and campaigns): pass one to `queue_message`,
# `outbox_values` or `Notifier.send` as `lane=Lane.BROADCASTS`.
Lane = OutboundLane

CONSOLE = "console"
# Which channel reaches a person, best first, by the kind of identity they have.
CHANNEL_FOR_IDENTITY = {IdentityKind.TELEGRAM: "telegram", IdentityKind.WHATSAPP: "whatsapp",
                        IdentityKind.PHONE: "sms"}
# Channels whose sender delivers a reply's attachment (a file); elsewhere nothing may carry one.
FILE_CHANNELS = frozenset({"telegram"})


@dataclass(frozen=True)
class InboxMessage:
    outbound_id: int
    body: str
    choices: tuple[Choice, ...]
    created_at: datetime
    language: str = "en"  # the person's now, for the words around the choices


def channel_for(person: Person, enabled_channels: frozenset[str]) -> tuple[str, str]:
    """(channel, address) to reach a person now: their Telegram, else their number by
    WhatsApp or SMS, whichever they came by first (writing once the other way does not
    change where the hub writes to them), else the console. (WhatsApp outside its 24-hour
    window goes by template, or by SMS instead: see bot.channels.whatsapp.)"""
    identities: list[ContactIdentity] = sorted(person.identities, key=lambda i: i.id)
    for kinds in ((IdentityKind.TELEGRAM,), (IdentityKind.WHATSAPP, IdentityKind.PHONE)):
        for identity in identities:
            channel = CHANNEL_FOR_IDENTITY.get(identity.kind)
            if identity.kind in kinds and channel in enabled_channels \
                    and not identity.opted_out_at:
                return channel, identity.address
    address = identities[0].address if identities else f"person:{person.id}"
    return CONSOLE, address


def queue_message(
    session: Session,
    person: Person,
    body: str,
    now: datetime,
    enabled_channels: frozenset[str] = frozenset(),
    choices: tuple[Choice, ...] = (),
    lane: Lane = Lane.CONVERSATION,
    offer_id: int | None = None,
) -> OutboundMessage:
    """Write a message for a person into the outbox, in the caller's transaction.
    `offer_id`: the offer it makes, so it is dropped rather than sent once the offer closed."""
    row = OutboundMessage(**outbox_values(person, body, now, enabled_channels, choices, lane,
                                          offer_id))
    session.add(row)
    return row


def outbox_values(person: Person, body: str, now: datetime,
                  enabled_channels: frozenset[str] = frozenset(),
                  choices: tuple[Choice, ...] = (), lane: Lane = Lane.CONVERSATION,
                  offer_id: int | None = None) -> dict:
    """The columns of one outbox row; many at once can go in one INSERT (the scheduler)."""
    channel, address = channel_for(person, enabled_channels)
    return dict(person_id=person.id, channel=channel, address=address, body=body,
                choices=[[c.value, c.label] for c in choices], status=OutboundStatus.PENDING,
                lane=int(lane), offer_id=offer_id, next_attempt_at=now, created_at=now)


def take_console_inbox(session: Session, person_id: int, now: datetime) -> list[InboxMessage]:
    """Everything waiting for a person on the console, oldest first, marked delivered."""
    rows = list(
        session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.person_id == person_id,
                OutboundMessage.channel == CONSOLE,
                OutboundMessage.status == OutboundStatus.PENDING,
            )
            .order_by(OutboundMessage.id)
            .with_for_update()
        )
    )
    for row in rows:
        row.status = OutboundStatus.DELIVERED
        row.sent_at = row.delivered_at = now
    person = session.get(Person, person_id) if rows else None
    return [
        InboxMessage(row.id, row.body, tuple(Choice(v, label) for v, label in row.choices),
                     row.created_at, person.language)
        for row in rows
    ]


def waiting_counts(session: Session) -> dict[str, int]:
    """How many messages wait to be sent, by channel (the outbox depth)."""
    rows = session.execute(
        select(OutboundMessage.channel, func.count())
        .where(OutboundMessage.status == OutboundStatus.PENDING)
        .group_by(OutboundMessage.channel)
    )
    return {channel: count for channel, count in rows}


def attach(session: Session, outbound_id: int, channel: str, attachment: Attachment) -> None:
    """Store a file to go with the outbox row `outbound_id`, sent on `channel`."""
    if channel not in FILE_CHANNELS:
        raise ValueError(f"{channel} cannot carry a file")
    session.add(OutboundAttachment(outbound_message_id=outbound_id, filename=attachment.filename,
                                   media_type=attachment.media_type,
                                   content=attachment.content))


def forget_sent_attachments(session: Session) -> int:
    """Delete the files of messages no longer waiting to be sent (sent, or given up):
    an export may hold personal data and must not outlive its delivery."""
    waiting = select(OutboundMessage.id).where(OutboundMessage.status == OutboundStatus.PENDING)
    result = session.execute(
        delete(OutboundAttachment)
        .where(OutboundAttachment.outbound_message_id.not_in(waiting.scalar_subquery()))
        .execution_options(synchronize_session=False))
    return result.rowcount or 0
