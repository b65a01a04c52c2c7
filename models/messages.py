"""Conversation state, the message log and outbox, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, utc_now


class OutboundStatus(StrEnum):
    PENDING = "pending"  # waiting for its channel (or for the console inbox)
    SENT = "sent"  # handed to the provider
    DELIVERED = "delivered"  # provider confirmed, or shown on the console
    FAILED = "failed"  # gave up after retries
    UNDELIVERABLE = "undeliverable"  # opted out, blocked, invalid number
    DROPPED = "dropped"  # an offer that waited past its use (request taken, cancelled, timed out)


class OutboundLane(IntEnum):
    """Which messages go first when the provider's sending rate is the bottleneck:
    the lowest number that is due is always sent before any higher one."""

    SAFETY = 1  # danger advice, urgent concern alerts and their repeats
    CONVERSATION = 2  # replies to someone who just wrote; acceptance and cancellation news
    OFFERS = 3  # a task offered to a volunteer (dropped if it waits past its use)
    REMINDERS = 4  # call reminders, checks running out, receipts to confirm
    BROADCASTS = 5  # broadcasts and campaigns


class ConversationState(Base):
    """Where a person's conversation stands, shared by every channel they use."""

    __tablename__ = "conversation_states"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str] = mapped_column(String(32), default="idle")
    step: Mapped[str] = mapped_column(String(32), default="start")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Questions the hub asked while the person was busy with another conversation
    # (is this receipt right? when will you ring?): each {"flow", "step", "data",
    # "message_id"}, asked again, oldest first, when that conversation ends.
    questions_waiting: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)


class InboundMessage(Base):
    __tablename__ = "inbound_messages"
    # A provider may deliver the same message twice; its id makes that harmless.
    __table_args__ = (UniqueConstraint("channel", "channel_message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    channel_message_id: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class OutboundMessage(Base):
    """Every message the hub sends; also the outbox the senders work from."""

    __tablename__ = "outbound_messages"
    __table_args__ = (
        UniqueConstraint("channel", "channel_message_id"),
        Index("ix_outbound_messages_due", "status", "next_attempt_at"),
        # The workers' claim: what waits on one channel, highest lane first.
        Index("ix_outbound_messages_lane_due", "status", "channel", "lane", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    # Choices offered with the message: [[value, label], ...], rendered as
    # buttons on Telegram and as "Reply YES or NO" on SMS.
    choices: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    in_reply_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbound_messages.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=OutboundStatus.PENDING)
    # An OutboundLane; rows written without one (replies, news) are conversation.
    lane: Mapped[int] = mapped_column(Integer, default=OutboundLane.CONVERSATION,
                                      server_default=str(int(OutboundLane.CONVERSATION)))
    # The offer this message makes: once the offer is no longer open the message is dropped
    # rather than sent late.
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"),
                                                 index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    channel_message_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(200))
    # Written at; with sent_at, each lane's wait (a surge benchmark reads them).
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutboundAttachment(Base):
    """A file that goes with one outbound message, on a channel that carries files
    (a coordinator's CSV export on Telegram). Kept only while the message waits to
    be sent: once it is sent or given up the file is deleted
    (`bot.services.sending.outbox.forget_sent_attachments`), as it may hold personal data."""

    __tablename__ = "outbound_attachments"

    outbound_message_id: Mapped[int] = mapped_column(
        ForeignKey("outbound_messages.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    actor_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str | None] = mapped_column(String(48))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
