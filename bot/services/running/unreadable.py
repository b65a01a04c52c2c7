"""Answering a message with no words in it (Telegram's photos, stickers, voice notes...).

Runs as a `MessageScreen`, so it shares the idempotency and the unit of work of any inbound
message: a replayed update is answered once. The dialogue's state is read, never changed,
so the person's next words still answer the question they were asked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.dialogue.types import Reply, State
from bot.dialogue.unreadable import LOCATION, OTHER, answer_unreadable, asks_for_a_place
from bot.services.running.conversations import (
    IncomingMessage,
    MessageScreen,
    read_conversation_for_update,
)
from bot.services.running.senders import Sender

__all__ = ["LOCATION", "OTHER", "unreadable_screen"]


def unreadable_screen(kind: str) -> MessageScreen:
    """A screen answering a message of this kind (dialogue.unreadable.KINDS). A shared
    location goes on to the dialogue, as the postcode it was turned into, only when the
    postcode is what was asked."""

    def answer(session: Session, sender: Sender, message: IncomingMessage) -> list[Reply] | None:
        saved = read_conversation_for_update(session, sender.person_id)
        state = saved.state if saved is not None else State()
        if kind == LOCATION and asks_for_a_place(state):
            return None
        return [answer_unreadable(kind, state, sender.current_language())]

    return answer
