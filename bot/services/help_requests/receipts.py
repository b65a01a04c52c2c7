"""Shopping money: how each resident pays, the receipts volunteers report, and the
resident's confirmation. A NO, or no answer in time, goes to the coordinators.

The hub never holds bank details: it records a way of paying and an amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.dialogue.money import CHECK_FLOW, PAID_FOR, ask_payment, pounds
from bot.dialogue.turn import Turn
from bot.dialogue.types import Choice, Reply, State
from bot.services.shared import audit
from bot.services.shared.describe import coordinators, name_of, phone_of
from bot.services.sending.notify import Notifier
from bot.services.shared.states import expect_answer
from models import HelpRequest, PaymentMethod, Person, ReceiptPhoto, ReceiptStatus

OUTSTANDING = (ReceiptStatus.AWAITING, ReceiptStatus.DISPUTED, ReceiptStatus.UNANSWERED)


def needs_receipt(request: HelpRequest) -> bool:
    """Money passes through the volunteer: shopping or a prescription not paid to the shop
    by phone, nor free or paid already (a way not yet given counts: better to ask than to
    miss it)."""
    return (request.category in PAID_FOR
            and request.payment_method not in (PaymentMethod.SHOP_BY_PHONE,
                                               PaymentMethod.NOTHING_TO_PAY))


@dataclass(frozen=True)
class Outstanding:
    awaiting: int
    disputed: int  # disputed or unanswered
    pence: int


class ReceiptService:
    def __init__(self, notifier: Notifier, answer_within: timedelta = timedelta(days=2)) -> None:
        self.notifier = notifier
        self.answer_within = answer_within

    def set_payment_method(self, session: Session, resident: Person, reference: str,
                           method: str, channel: str, now: datetime) -> None:
        request = session.scalar(select(HelpRequest).where(
            HelpRequest.reference == reference, HelpRequest.resident_id == resident.id))
        if request is None or method not in set(PaymentMethod):
            return
        request.payment_method = method
        audit.record(session, "request.payment_method", now, actor_id=resident.id,
                     channel=channel, subject=reference, method=method)
        if method == PaymentMethod.CANNOT_PAY:
            self.alert_coordinators(session, request, "payment_alert_cannot_pay", now)

    def ask_resident(self, session: Session, request: HelpRequest, volunteer: Person,
                     pence: int, now: datetime) -> list[Reply]:
        """The volunteer gave the receipt's amount: ask the resident to confirm it."""
        request.receipt_pence = pence
        request.receipt_status = ReceiptStatus.AWAITING
        request.receipt_at = now
        resident = session.get(Person, request.resident_id)
        amount = pounds(pence)
        say = self.notifier.speaker(resident)
        choices = (Choice("YES", say("choice.yes")), Choice("NO", say("choice.no")))
        asked = self.notifier.send(session, resident, now, "receipt_confirm", choices=choices,
                           name=resident.first_name or "", volunteer=name_of(volunteer),
                           category=say(f"category.{request.category}").lower(),
                           reference=request.reference, amount=amount)
        expect_answer(session, resident.id, State(CHECK_FLOW, "confirm", {
            "reference": request.reference, "pence": pence,
            "volunteer": volunteer.first_name or ""}), now, asked)
        audit.record(session, "receipt.reported", now, actor_id=volunteer.id,
                     subject=request.reference, pence=pence)
        return [Reply(self.notifier.say(volunteer, "receipt_noted", amount=amount,
                                        name=resident.first_name or ""))]

    def confirm(self, session: Session, resident: Person, reference: str, agreed: bool,
                channel: str, now: datetime) -> None:
        request = session.scalar(select(HelpRequest).where(
            HelpRequest.reference == reference, HelpRequest.resident_id == resident.id,
            HelpRequest.receipt_status == ReceiptStatus.AWAITING))
        if request is None:
            return  # settled already, or a coordinator stepped in
        request.receipt_settled_at = now if agreed else None
        request.receipt_status = ReceiptStatus.CONFIRMED if agreed else ReceiptStatus.DISPUTED
        audit.record(session, "receipt.confirmed" if agreed else "receipt.disputed", now,
                     actor_id=resident.id, channel=channel, subject=reference)
        if not agreed:
            self.alert_coordinators(session, request, "receipt_alert_disputed", now)

    def escalate_unanswered(self, session: Session, now: datetime) -> int:
        """Receipts the resident has not confirmed in time go to the coordinators, once."""
        late = list(session.scalars(
            select(HelpRequest).where(HelpRequest.receipt_status == ReceiptStatus.AWAITING,
                                      HelpRequest.receipt_at <= now - self.answer_within)
            .with_for_update(skip_locked=True)))
        for request in late:
            request.receipt_status = ReceiptStatus.UNANSWERED
            audit.record(session, "receipt.unanswered", now, subject=request.reference)
            self.alert_coordinators(session, request, "receipt_alert_unanswered", now)
        return len(late)

    def alert_coordinators(self, session: Session, request: HelpRequest, key: str,
                           now: datetime) -> None:
        resident = session.get(Person, request.resident_id)
        volunteer = session.get(Person, request.assigned_volunteer_id) \
            if request.assigned_volunteer_id else None
        for coordinator in coordinators(session):
            self.notifier.send(
                session, coordinator, now, key, reference=request.reference,
                resident=name_of(resident), resident_phone=phone_of(session, request.resident_id),
                volunteer=name_of(volunteer),
                volunteer_phone=phone_of(session, request.assigned_volunteer_id),
                amount=pounds(request.receipt_pence or 0), days=self.answer_within.days)

    def settle(self, session: Session, request: HelpRequest, now: datetime) -> bool:
        """A coordinator has sorted out a receipt; False if none was outstanding."""
        if request.receipt_status not in OUTSTANDING:
            return False
        request.receipt_status = ReceiptStatus.SETTLED
        request.receipt_settled_at = now
        return True


def outstanding(session: Session) -> Outstanding:
    rows = dict(session.execute(
        select(HelpRequest.receipt_status, func.count())
        .where(HelpRequest.receipt_status.in_(OUTSTANDING))
        .group_by(HelpRequest.receipt_status)).all())
    pence = session.scalar(select(func.coalesce(func.sum(HelpRequest.receipt_pence), 0))
                           .where(HelpRequest.receipt_status.in_(OUTSTANDING)))
    return Outstanding(
        awaiting=rows.get(ReceiptStatus.AWAITING, 0),
        disputed=rows.get(ReceiptStatus.DISPUTED, 0) + rows.get(ReceiptStatus.UNANSWERED, 0),
        pence=int(pence or 0))


def ask_how_to_pay(person: Person, reference: str, category: str,
                   replies: list[Reply]) -> State:
    """A shopping or prescription request just saved: ask the resident how they'll pay."""
    turn = Turn.hub_asks(person.language)
    state = ask_payment(turn, reference, category)
    replies.extend(turn.replies)
    return state


# Photos of receipts, as coordinators see them (kept by bot/services/running/receipt_photos.py).
@dataclass(frozen=True)
class FetchedPhoto:
    content_type: str
    content: bytes


@dataclass(frozen=True)
class PhotoLink:
    """One kept photo, as the dashboard lists it."""

    photo_id: int
    received_at: datetime
    size_kb: int


def photos_of(session: Session, request_id: int) -> list[PhotoLink]:
    return [PhotoLink(photo_id, at, max(1, round(size / 1024)))
            for photo_id, at, size in session.execute(
                select(ReceiptPhoto.id, ReceiptPhoto.received_at,
                       func.length(ReceiptPhoto.content))
                .where(ReceiptPhoto.request_id == request_id).order_by(ReceiptPhoto.id))]


def photo_to_show(session: Session, photo_id: int, coordinator_id: int, channel: str,
                  now: datetime) -> FetchedPhoto | None:
    """A photo for a coordinator to see; the viewing is audited, since it shows what a
    resident bought."""
    photo = session.get(ReceiptPhoto, photo_id)
    if photo is None:
        return None
    audit.record(session, "receipt.photo_viewed", now, actor_id=coordinator_id,
                 channel=channel, subject=f"receipt_photo:{photo_id}")
    return FetchedPhoto(photo.content_type, photo.content)
