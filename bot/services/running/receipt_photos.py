"""Photos of receipts: a volunteer with a task that spends the resident's money sends a photo
of the receipt (WhatsApp or Telegram), and the hub keeps it with the request.

The amount is still what the resident confirms (bot/services/help_requests/receipts.py); the photo
is there for a coordinator to look at when an amount is questioned. Channels fetch the picture
before the unit of work (network time must not hold the conversation's lock), and only for someone
`expects_receipt_photo` says has such a task: nobody else's pictures are ever downloaded. The screen
then stores it in the same unit of work as the inbound message, so a replayed webhook stores it
once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.dialogue.catalogue import text
from bot.dialogue.money import AMOUNT_FLOW
from bot.dialogue.types import Reply, State
from bot.dialogue.unreadable import answer_unreadable
from bot.services.shared import audit
from bot.services.running.conversations import (
    IncomingMessage,
    MessageScreen,
    read_conversation_for_update,
)
from bot.services.help_requests.receipts import FetchedPhoto, needs_receipt
from bot.services.running.senders import Sender
from models import ContactIdentity, HelpRequest, ReceiptPhoto, RequestStatus

# A phone photo is 1-5 MB; anything bigger is not a receipt worth the database's room, and a
# cap keeps one message from filling memory while it is fetched.
MAX_RECEIPT_PHOTO_BYTES = 8 * 1024 * 1024
# A receipt may follow DONE by a day or two (the volunteer photographs it at home).
DONE_RECENTLY = timedelta(days=2)
# Only pictures: a browser shows them as they are, and nothing else is served back.
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})


class TooLarge(Exception):
    """The provider's file is over MAX_RECEIPT_PHOTO_BYTES."""


def is_photo_type(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in PHOTO_TYPES


def task_for_photo(session: Session, volunteer_id: int, state: State,
                   now: datetime) -> HelpRequest | None:
    """The task a volunteer's receipt photo belongs to: the one whose amount was just asked
    for, else their newest task that spends money, still to do or done in the last days."""
    if state.flow == AMOUNT_FLOW:
        asked = session.scalar(select(HelpRequest).where(
            HelpRequest.reference == state.data.get("reference"),
            HelpRequest.assigned_volunteer_id == volunteer_id))
        if asked is not None:
            return asked
    candidates = session.scalars(
        select(HelpRequest).where(
            HelpRequest.assigned_volunteer_id == volunteer_id,
            (HelpRequest.status == RequestStatus.ASSIGNED)
            | ((HelpRequest.status == RequestStatus.DONE)
               & (HelpRequest.done_at >= now - DONE_RECENTLY)))
        .order_by(HelpRequest.assigned_at.desc(), HelpRequest.id.desc()))
    return next((task for task in candidates if needs_receipt(task)), None)


def expects_receipt_photo(session: Session, identity_kind: str, address: str,
                          now: datetime) -> bool:
    """Whether a photo from this address would be kept, so worth fetching."""
    person_id = session.scalar(select(ContactIdentity.person_id).where(
        ContactIdentity.kind == identity_kind, ContactIdentity.address == address))
    if person_id is None:
        return False
    saved = read_conversation_for_update(session, person_id)
    return task_for_photo(session, person_id, saved.state if saved else State(), now) is not None


def expects_receipt_photo_from(session_factory: sessionmaker[Session], identity_kind: str,
                               address: str, now: datetime) -> bool:
    """`expects_receipt_photo` in a short transaction of its own, for a channel to ask
    before it downloads anything."""
    with session_factory() as session:
        return expects_receipt_photo(session, identity_kind, address, now)


def receipt_photo_screen(photo: FetchedPhoto | None, kind: str = "photo", *,
                         with_words: bool = False) -> MessageScreen:
    """Answers a photo from a volunteer: kept with their task and thanked (asking for the
    amount while it is still owed), or, when it could not be fetched, a request for the
    amount in words. Someone with no such task gets the usual answer to a picture.
    `with_words`: the photo came with a caption ("£23.40"), which the dialogue then reads
    as it would the words alone; the photo is kept first."""

    def answer(session: Session, sender: Sender, message: IncomingMessage) -> list[Reply] | None:
        saved = read_conversation_for_update(session, sender.person_id)
        state = saved.state if saved is not None else State()
        language = sender.current_language()
        task = task_for_photo(session, sender.person_id, state, message.received_at)
        if task is None:
            return None if with_words else [answer_unreadable(kind, state, language)]
        if photo is None:
            return None if with_words else [Reply(text(language, "receipt_photo_failed"))]
        session.add(ReceiptPhoto(request_id=task.id, volunteer_id=sender.person_id,
                                 channel=message.channel, content_type=photo.content_type,
                                 content=photo.content, received_at=message.received_at))
        audit.record(session, "receipt.photo_kept", message.received_at,
                     actor_id=sender.person_id, channel=message.channel,
                     subject=task.reference, bytes=len(photo.content))
        if with_words:
            return None
        # The conversation stays where it was: an amount still owed is still asked for.
        if state.flow == AMOUNT_FLOW:
            return [Reply(text(language, "receipt_photo_kept_ask"))]
        if task.status == RequestStatus.ASSIGNED:
            return [Reply(text(language, "receipt_photo_kept_before_done",
                               reference=task.reference))]
        return [Reply(text(language, "receipt_photo_kept", reference=task.reference))]

    return answer
