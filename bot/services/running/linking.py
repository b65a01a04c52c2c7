"""Linking a phone number someone shares (Telegram's contact button) to their person.

Runs as a `MessageScreen`, so it shares the idempotency and the unit of work
of any inbound message: a replayed update links nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.dialogue.types import Reply
from bot.services.shared import audit
from bot.services.running.conversations import IncomingMessage, MessageScreen
from bot.services.running.senders import Sender
from bot.services.shared.identities import (
    InvalidPhoneNumber,
    find_identity,
    mask_phone,
    normalise_phone,
)
from models import ContactIdentity, IdentityKind

# English only for now: these belong in the message catalogue (keys
# phone.linked, phone.already_yours, phone.taken, phone.invalid).
LINKED = "Thank you: we'll use {phone} if we need to text or call you."
ALREADY_YOURS = "Thank you: we already have {phone} for you."
TAKEN = ("Thank you. {phone} is already registered with us for someone else, so we haven't "
         "added it; a coordinator can help if it is yours.")
INVALID = "Sorry, that doesn't look like a phone number we can use."
NOT_YOURS = "Thank you, but please share your own number, with the button under the message box."


def link_phone_screen(raw_phone: str, own_contact: bool, default_region: str,
                      clock: Callable[[], datetime]) -> MessageScreen:
    """A screen that links `raw_phone` to the sender, if it is theirs and nobody else's."""

    def link(session: Session, sender: Sender, message: IncomingMessage) -> list[Reply]:
        if not own_contact:
            return [Reply(NOT_YOURS)]
        try:
            phone = normalise_phone(raw_phone, default_region)
        except InvalidPhoneNumber:
            return [Reply(INVALID)]
        shown = mask_phone(phone)
        existing = find_identity(session, IdentityKind.PHONE, phone)
        if existing is not None:
            same_person = existing.person_id == sender.person_id
            return [Reply((ALREADY_YOURS if same_person else TAKEN).format(phone=shown))]
        sender.person(session).identities.append(
            ContactIdentity(kind=IdentityKind.PHONE, address=phone))
        audit.record(session, "contact.linked", clock(), actor_id=sender.person_id,
                     channel=message.channel, kind=IdentityKind.PHONE)
        return [Reply(LINKED.format(phone=shown))]

    return link
