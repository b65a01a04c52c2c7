"""Check-up campaigns: a list of people a coordinator imports to check on, and each
person's progress (texted, replied, asked for help, rung)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now
from models.people import Person


class CampaignStatus(StrEnum):
    IMPORTED = "imported"  # the list is in; nobody texted yet
    RUNNING = "running"  # started: check-ups go out at the provider's pace
    FINISHED = "finished"  # everyone texted (replies and calls may still come)


class CheckUpReply(StrEnum):
    FINE = "fine"  # "OK": nothing needed
    HELP = "help"  # asked for help (a request follows through the resident's questions)
    UNCLEAR = "unclear"  # words the hub could not read twice: someone rings


class CallResult(StrEnum):
    """What a coordinator recorded after ringing someone on the call list."""

    FINE = "fine"
    NEEDS_HELP = "needs_help"
    NO_ANSWER = "no_answer"  # stays on the list to try again
    WRONG_NUMBER = "wrong_number"


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Why the hub may hold and use this list: the legal basis or information-sharing
    # agreement, as the coordinator recorded it on import (UK GDPR Article 30 records).
    legal_basis: Mapped[str] = mapped_column(Text)
    # The coordinator's own short words, put into the hub's check-up text.
    own_words: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default=CampaignStatus.IMPORTED)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    members: Mapped[list[CampaignMember]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="CampaignMember.id")


class CampaignMember(Base):
    """One person on a campaign's list, with everything that happened about them."""

    __tablename__ = "campaign_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"),
                                             index=True)
    line: Mapped[int] = mapped_column(Integer)  # where they were in the imported file
    name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str] = mapped_column(String(32))  # E.164
    postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)
    # A landline (not 07 / +447) cannot take a text: rung instead.
    mobile: Mapped[bool] = mapped_column(Boolean, default=True)
    # The person the hub texts and whose replies it reads; set on import when the number
    # is already known to the hub (linked, never a second person), else made for them.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"),
                                                  index=True)
    known_before: Mapped[bool] = mapped_column(Boolean, default=False)
    # When the check-up was put in the outbox, and that message (its delivery shows there);
    # or why it never will be ("opted_out": they stopped our texts; "erased").
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outbound_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbound_messages.id", ondelete="SET NULL"))
    not_sent_because: Mapped[str | None] = mapped_column(String(16))
    reply: Mapped[str | None] = mapped_column(String(16))
    reply_text: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("help_requests.id", ondelete="SET NULL"))
    call_result: Mapped[str | None] = mapped_column(String(16))
    call_note: Mapped[str | None] = mapped_column(Text)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    called_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    campaign: Mapped[Campaign] = relationship(back_populates="members")
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])
