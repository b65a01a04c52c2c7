"""Run a whole conversation through the engine as (message, expected reply) pairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from bot.dialogue.engine import step
from bot.dialogue.types import Effect, Inbound, PersonContext, Reply, SetLanguage, State
from bot.services.running.conversations import postcodes_in
from fakes import FakePostcodeLocator

TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)


class Conversation:
    def __init__(self, person: PersonContext | None = None, state: State | None = None,
                 channel: str = "console", now: datetime = TUESDAY_MORNING) -> None:
        self.person = person or PersonContext(hub_name="Thurrock Community Hub",
                                              next_reference="R-7Q4K")
        self.state = state or State()
        self.channel = channel
        self.now = now
        self.locate = FakePostcodeLocator()
        self.effects: list[Effect] = []
        self.last_replies: list[Reply] = []

    def send(self, message: str) -> str:
        inbound = Inbound(message, self.channel, self.now, self.person,
                          postcodes_in(message, self.locate))
        self.state, self.last_replies, effects = step(self.state, inbound)
        self.effects.extend(effects)
        for effect in effects:  # as the service saves it: their language from the next message
            if isinstance(effect, SetLanguage):
                self.person = replace(self.person, language=effect.language)
        return "\n".join(reply.text for reply in self.last_replies)


def verify_dialog(script: list[tuple[str, str]], conversation: Conversation | None = None
                  ) -> Conversation:
    """Each message's replies must contain the expected words (case-insensitive)."""
    conversation = conversation or Conversation()
    for message, expected in script:
        said = conversation.send(message)
        assert said, f"no reply to {message!r}"
        assert expected.lower() in said.lower(), (
            f"after {message!r} expected {expected!r} in:\n{said}"
        )
    return conversation
