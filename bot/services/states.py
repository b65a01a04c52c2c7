"""Moving someone else's conversation on: the hub asks them something they answer next."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.dialogue.engine import FEEDBACK_FLOW
from bot.dialogue.money import PAYMENT_FLOW
from bot.dialogue.types import State
from models import ConversationState


# Questions whose answer is welcome but not needed: a question the hub asks
# later (how it went, is this receipt right) may take their place.
OPTIONAL_ANSWERS = frozenset({"idle", PAYMENT_FLOW, FEEDBACK_FLOW})


def expect_answer(session: Session, person_id: int, state: State, now: datetime) -> bool:
    """Set the person's conversation to `state` unless they are in the middle of another."""
    conversation = session.get(ConversationState, person_id)
    if conversation is None:
        conversation = ConversationState(person_id=person_id)
        session.add(conversation)
    elif conversation.flow is not None and conversation.flow not in OPTIONAL_ANSWERS:
        return False
    conversation.flow, conversation.step = state.flow, state.step
    conversation.data, conversation.updated_at = state.data, now
    return True
