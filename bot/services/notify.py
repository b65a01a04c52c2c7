"""Messages the hub starts (offers, news for residents), in each person's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.dialogue.catalogue import text
from bot.dialogue.types import Choice
from bot.services.outbox import Lane, queue_message
from models import OutboundMessage, Person


@dataclass(frozen=True)
class Notifier:
    """Writes messages into the outbox for whichever channel reaches each person."""

    enabled_channels: frozenset[str] = frozenset()

    def send(self, session: Session, person: Person, now: datetime, key: str,
             choices: tuple[Choice, ...] = (), *, lane: Lane = Lane.CONVERSATION,
             offer_id: int | None = None, **params: object) -> OutboundMessage:
        """`lane`: how soon it goes when many wait (see `Lane`); `offer_id`: the offer the
        message makes, dropped unsent if the offer closes first."""
        body = text(person.language, key, **params)
        if person.id is not None and not person.identities:
            # Someone a coordinator recorded with only a landline: their news goes to whoever
            # referred them, or to the coordinators (bot/services/intake.py imports this).
            from bot.services.intake import pass_on_news

            passed = pass_on_news(session, person, body, now, self)
            if passed is not None:
                return passed
        return queue_message(session, person, body, now, self.enabled_channels, choices, lane,
                             offer_id)

    def say(self, person: Person, key: str, **params: object) -> str:
        return text(person.language, key, **params)

    def speaker(self, person: Person) -> Callable[..., str]:
        """`say(key, **params)` in this person's language."""
        return lambda key, **params: text(person.language, key, **params)
