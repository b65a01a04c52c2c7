"""Help requests from residents."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UtcDateTime, utc_now
from models.people import Person


class HelpCategory(StrEnum):
    SHOPPING = "shopping"
    PRESCRIPTION = "prescription"
    BEFRIENDING = "befriending"  # befriending / welfare call
    DOG_WALKING = "dog_walking"
    TRANSPORT = "transport"  # transport to an appointment
    OTHER = "other"


class PaymentMethod(StrEnum):
    """How a resident pays for shopping or a prescription. Volunteers never take bank details."""

    SHOP_BY_PHONE = "shop_by_phone"  # the shop takes payment by phone
    PREPAID_CARD = "prepaid_card"  # the resident's prepaid card
    CASH_ON_DELIVERY = "cash"  # cash on delivery against the receipt
    OTHER = "other"
    # Free (an exempt prescription, a prepayment certificate) or paid already (an order paid
    # online, a food bank parcel): no money passes through the volunteer, so no receipt.
    NOTHING_TO_PAY = "nothing_to_pay"
    # The resident has said they cannot pay ("I can't afford it"): the coordinators are told
    # at once, to arrange how it is paid (a food bank, a hardship fund) before anyone spends.
    CANNOT_PAY = "cannot_pay"


class ReceiptStatus(StrEnum):
    AWAITING = "awaiting"  # the resident has been asked to confirm the amount
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"  # the resident said no: with the coordinators
    UNANSWERED = "unanswered"  # no answer in time: with the coordinators
    SETTLED = "settled"  # a coordinator sorted out a disputed or unanswered one


class RequestStatus(StrEnum):
    NEW = "new"
    MATCHING = "matching"
    OFFERED = "offered"
    ASSIGNED = "assigned"
    DONE = "done"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


OPEN_STATUSES = frozenset(
    {RequestStatus.NEW, RequestStatus.MATCHING, RequestStatus.OFFERED, RequestStatus.ASSIGNED}
)


class HelpRequest(Base):
    __tablename__ = "help_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What people type to refer to it: "R-7Q4K".
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    details: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str | None] = mapped_column(String(10))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    address_line: Mapped[str | None] = mapped_column(String(200))
    needed_on: Mapped[date | None] = mapped_column(Date)
    needed_when_text: Mapped[str | None] = mapped_column(String(80))
    # Only asked for befriending, to suggest a caller of about the same age.
    resident_age_band: Mapped[str | None] = mapped_column(String(8))
    urgency: Mapped[str] = mapped_column(String(8), default="normal")
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_wording: Mapped[str | None] = mapped_column(Text)
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    channel: Mapped[str | None] = mapped_column(String(16))
    # Who asked: None or "self" (the resident), "family", "partner" (a GP, an occupational
    # therapist, a discharge team) or "coordinator" (a call taken by phone); who referred it
    # and how to reach them; the coordinator who recorded the person's consent on the phone;
    # and a number to ring (a landline) for a resident who cannot get texts.
    source: Mapped[str | None] = mapped_column(String(16))
    referrer_name: Mapped[str | None] = mapped_column(String(120))
    referrer_contact: Mapped[str | None] = mapped_column(String(80))
    consent_recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    phone_to_ring: Mapped[str | None] = mapped_column(String(32))
    # Someone writing for another person ("for my mum Joan"): the resident is the writer,
    # whose phone it is; the help is for this person, by name when given, and how they are
    # related to the writer ("mum", "neighbour"; "someone" when not said). Both None when
    # the writer asks for themselves (or for a husband or wife, who shares the home).
    helped_name: Mapped[str | None] = mapped_column(String(80))
    helped_relation: Mapped[str | None] = mapped_column(String(16))
    # One week's task of a standing request ("shopping every Friday"), models/standing.py.
    standing_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("standing_requests.id", ondelete="SET NULL"), index=True)
    # The time the volunteer said the task took (DONE R-7Q4K 45 min); None when not said.
    minutes_given: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.NEW, index=True)
    assigned_volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    # Why matching found nobody, in plain words, for the coordinators' queue; since when,
    # and when the coordinators were alerted (once) and the resident told who is looking.
    unmatched_reason: Mapped[str | None] = mapped_column(Text)
    unmatched_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    unmatched_alerted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # What the resident said when asked how it went.
    feedback: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Shopping money: how the resident pays, and the receipt they are asked to confirm.
    payment_method: Mapped[str | None] = mapped_column(String(16))
    receipt_pence: Mapped[int | None] = mapped_column(Integer)
    receipt_status: Mapped[str | None] = mapped_column(String(16), index=True)
    receipt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    receipt_settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    matching_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    offered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    assigned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    resident: Mapped[Person] = relationship(foreign_keys=[resident_id])
    assigned_volunteer: Mapped[Person | None] = relationship(foreign_keys=[assigned_volunteer_id])

    def move_to(self, status: RequestStatus, at: datetime) -> None:
        """Change status and stamp the time the request reached it."""
        self.status = status
        if status != RequestStatus.NEW:
            setattr(self, f"{status.value}_at", at)


class ReceiptPhoto(Base):
    """A photo of a receipt a volunteer sent for a task that spends the resident's money,
    kept so a coordinator can look when an amount is questioned. It holds what the resident
    bought, so it goes with the request (and with the volunteer who sent it) on erasure."""

    __tablename__ = "receipt_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"),
                                            index=True)
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
