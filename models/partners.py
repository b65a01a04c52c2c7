"""Signposting and partners: the directory of local services, the organisations
(care homes, charities) that ask for volunteers, and their needs."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now
from models.people import Person


class ServiceKind(StrEnum):
    SHOP_DELIVERY = "shop"  # a shop that delivers
    PHARMACY_DELIVERY = "pharmacy"  # a pharmacy that delivers
    FOOD_BANK = "food_bank"
    BEFRIENDING = "befriending"  # befriending or carers' charity
    MENTAL_HEALTH = "mental_health"  # a listening or mental-health line
    OTHER = "other"


class DirectoryEntry(Base):
    """A local service coordinators can point residents to."""

    __tablename__ = "directory_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    # Postcode districts it serves ("RM17"); read whole, never queried inside.
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Where it is, for "nearest first"; from its own postcode when it has one.
    postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    phone: Mapped[str] = mapped_column(String(32), default="")
    opening_hours: Mapped[str] = mapped_column(String(120), default="")
    takes_payment_by_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ServiceSuggestion(Base):
    """A directory entry suggested to a resident, kept on their request."""

    __tablename__ = "service_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("help_requests.id", ondelete="CASCADE"), index=True)
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("directory_entries.id", ondelete="SET NULL"))
    entry_name: Mapped[str] = mapped_column(String(120))
    suggested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Partner(Base):
    """An organisation that asks the hub for volunteers: a care home, charity or day centre."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(40), default="")
    # The person there who is told who is coming; reached like anyone else.
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Set by PARTNER REMOVE: kept (their past needs name them), no longer listed or asked for.
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    contact: Mapped[Person | None] = relationship()


class NeedStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class PartnerNeed(Base):
    """A partner's call for several volunteers, e.g. three trained befrienders at a care home."""

    __tablename__ = "partner_needs"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What volunteers type: "N-4".
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"),
                                            index=True)
    category: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    required_checks: Mapped[list[str]] = mapped_column(JSON, default=list)
    volunteers_needed: Mapped[int] = mapped_column(Integer)
    # Counted up by one conditional UPDATE per acceptance, so two volunteers saying
    # YES at the same moment can never take more places than there are.
    places_taken: Mapped[int] = mapped_column(Integer, default=0)
    postcode: Mapped[str] = mapped_column(String(10))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    how_often: Mapped[str] = mapped_column(String(80), default="")
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=NeedStatus.OPEN, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    filled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    partner: Mapped[Partner] = relationship()


class NeedOfferStatus(StrEnum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    FULL = "full"  # said yes after the last place went, or the need closed first
    WITHDRAWN = "withdrawn"  # had a place, given back when they were suspended


class NeedOffer(Base):
    """A partner's need offered to one volunteer, and their answer."""

    __tablename__ = "need_offers"
    __table_args__ = (UniqueConstraint("need_id", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("partner_needs.id", ondelete="CASCADE"),
                                         index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"),
                                              index=True)
    status: Mapped[str] = mapped_column(String(16), default=NeedOfferStatus.OFFERED)
    reasons: Mapped[str] = mapped_column(Text, default="")
    distance_km: Mapped[float | None] = mapped_column(Float)
    offered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    need: Mapped[PartnerNeed] = relationship()
    volunteer: Mapped[Person] = relationship()
