"""People, the ways they reach the hub, their roles and volunteer profiles."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now


class Role(StrEnum):
    RESIDENT = "resident"
    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"


class IdentityKind(StrEnum):
    PHONE = "phone"  # E.164, used by SMS and the console
    TELEGRAM = "telegram"  # Telegram user id
    CONSOLE = "console"  # a name typed at `neighbourly chat --as`
    WHATSAPP = "whatsapp"  # E.164, the number behind a `whatsapp:+44...` address


class VettingStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    SUSPENDED = "suspended"


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str | None] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When they withdrew consent to their details being used (WITHDRAW CONSENT);
    # None while consent stands or once given again. Consent itself is recorded,
    # with its wording and time, on each request (and a volunteer's code_agreed_at).
    consent_withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    identities: Mapped[list[ContactIdentity]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    roles: Mapped[list[PersonRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    volunteer_profile: Mapped[VolunteerProfile | None] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    def has_role(self, role: Role) -> bool:
        return any(r.role == role for r in self.roles)


class ContactIdentity(Base):
    """One way a person reaches us; a person may have several (SMS and Telegram)."""

    __tablename__ = "contact_identities"
    __table_args__ = (UniqueConstraint("kind", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(64))
    opted_out_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    person: Mapped[Person] = relationship(back_populates="identities")


class PersonRole(Base):
    __tablename__ = "person_roles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    person: Mapped[Person] = relationship(back_populates="roles")


class VolunteerProfile(Base):
    __tablename__ = "volunteer_profiles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    travel_radius_km: Mapped[float] = mapped_column(Float, default=3.0)
    # Lists kept as JSON: categories, availability slots ("mon_morning") and
    # ISO 639-1 language codes. They are read whole, never queried inside.
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    availability: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    age_band: Mapped[str | None] = mapped_column(String(8))
    lived_experience: Mapped[str | None] = mapped_column(Text)
    vetting_status: Mapped[str] = mapped_column(String(16), default=VettingStatus.PENDING)
    id_checked_on: Mapped[date | None] = mapped_column(Date)
    dbs_checked_on: Mapped[date | None] = mapped_column(Date)
    training_completed_on: Mapped[date | None] = mapped_column(Date)
    # When each check stops counting (it counts on that day, not after); None: it does not
    # run out, or nobody said when.
    id_check_expires_on: Mapped[date | None] = mapped_column(Date)
    dbs_expires_on: Mapped[date | None] = mapped_column(Date)
    training_expires_on: Mapped[date | None] = mapped_column(Date)
    weekly_task_cap: Mapped[int] = mapped_column(Integer, default=3)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    code_agreed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Lets each server process refresh its in-memory volunteer index with only
    # what changed since it last looked.
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now,
                                                 index=True)

    person: Mapped[Person] = relationship(back_populates="volunteer_profile")
