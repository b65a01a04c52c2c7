"""Moving someone else's conversation on: the hub asks them something they answer next."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.dialogue.engine import FEEDBACK_FLOW
from bot.dialogue.money import PAYMENT_FLOW
from bot.dialogue.types import Choice, Reply, State
from models import ConversationState, OutboundMessage


# Questions whose answer is welcome but not needed: a question the hub asks
# later (how it went, is this receipt right) may take their place.
OPTIONAL_ANSWERS = frozenset({"idle", PAYMENT_FLOW, FEEDBACK_FLOW})


def expect_answer(session: Session, person_id: int, state: State, now: datetime,
                  asked: OutboundMessage | None = None) -> bool:
    """Set the person's conversation to `state` unless they are in the middle of another.
    Then a question whose answer is needed (`asked`, the message asking it) waits and is
    asked again when that conversation ends; an optional one is simply let go."""
    conversation = session.get(ConversationState, person_id)
    if conversation is None:
        conversation = ConversationState(person_id=person_id)
        session.add(conversation)
    elif conversation.flow is not None and conversation.flow not in OPTIONAL_ANSWERS:
        if asked is not None:
            session.flush()  # the asking message's id
            conversation.questions_waiting = [*(conversation.questions_waiting or []), {
                "flow": state.flow, "step": state.step, "data": state.data,
                "message_id": asked.id}]
        return False
    conversation.flow, conversation.step = state.flow, state.step
    conversation.data, conversation.updated_at = state.data, now
    return True


def next_waiting_question(session: Session,
                          conversation: ConversationState) -> tuple[State, Reply] | None:
    """The oldest question still waiting for this person: its state and the question
    again, as first sent (a question whose message was erased since is dropped)."""
    waiting = list(conversation.questions_waiting or [])
    found = None
    while waiting and found is None:
        question = waiting.pop(0)
        message = session.get(OutboundMessage, question["message_id"])
        if message is not None and message.body:
            found = (State(question["flow"], question["step"], question["data"]),
                     Reply(message.body, tuple(Choice(v, label) for v, label in message.choices)))
    conversation.questions_waiting = waiting or None
    return found
