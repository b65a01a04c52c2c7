"""What one step of a conversation collects: replies in the person's language and effects."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from bot.dialogue.catalogue import text
from bot.dialogue.types import Choice, Effect, Inbound, PersonContext, Reply, State
from bot.understanding import Context, Reading, read
from bot.understanding.parsing import CATEGORIES

# How many times in a row a question has not been answered, kept in the state's data.
STUCK = "stuck"
# From the second miss in a row, the question comes with the way out.
STUCK_HINT_AFTER = 2


class Turn:
    def __init__(self, inbound: Inbound, state: State | None = None) -> None:
        self.inbound = inbound
        self.state = state or State()
        self.language = inbound.person.language
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []

    @cached_property
    def reading(self) -> Reading:
        """What the message says, read once for every part of the dialogue that asks."""
        person = self.inbound.person
        step = "" if self.state.flow == "idle" else f"{self.state.flow}.{self.state.step}"
        return read(self.inbound.text, Context(
            step=step, language=person.language, roles=person.roles,
            has_open_requests=bool(person.open_requests),
            today=self.inbound.received_at.date()))

    @classmethod
    def hub_asks(cls, language: str) -> Turn:
        """A turn with no message behind it: the hub asking someone a question of its own
        (how they'll pay, when they'll ring), for the service to send."""
        return cls(Inbound(text="", channel="", received_at=datetime.min,
                           person=PersonContext(language=language)))

    def t(self, key: str, **params: object) -> str:
        return text(self.language, key, **params)

    def say(self, key: str, *, choices: tuple[Choice, ...] = (), **params: object) -> None:
        self.replies.append(Reply(self.t(key, **params), choices))

    def say_with_prefix(self, prefix_key: str | None, key: str, *,
                        choices: tuple[Choice, ...] = (), **params: object) -> None:
        """One reply starting with a short apology or note, so SMS users get one text."""
        body = self.t(key, **params)
        if prefix_key:
            body = f"{self.t(prefix_key)} {body}"
        self.replies.append(Reply(body, choices))

    def point_the_way_out(self, asked: State) -> None:
        """Count one more unanswered try at `asked`'s question; from the second in a row,
        its last reply says how to start again or get help, so nobody is stuck in a loop."""
        asked.data[STUCK] = asked.data.get(STUCK, 0) + 1
        if asked.data[STUCK] >= STUCK_HINT_AFTER and self.replies:
            last = self.replies[-1]
            self.replies[-1] = Reply(f"{last.text}\n{self.t('stuck_hint')}", last.choices,
                                     last.attachment)

    def do(self, effect: Effect) -> None:
        self.effects.append(effect)

    def yes_no(self) -> tuple[Choice, ...]:
        return (Choice("YES", self.t("choice.yes")), Choice("NO", self.t("choice.no")))

    def category_menu(self) -> tuple[Choice, ...]:
        return tuple(
            Choice(str(number), self.t(f"category.{category}"))
            for number, category in enumerate(CATEGORIES, start=1)
        )

    def category_name(self, category: str) -> str:
        return self.t(f"category.{category}").lower()
