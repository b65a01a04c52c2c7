"""What the reader returns: a typed `Reading` of one message, and the `Context` it reads in.

Plain frozen data, so the dialogue can test against it and `neighbourly understand` can
print it as JSON. What the message is for, its kinds and its danger are decided at once;
the slots only some steps ask about (a name, a date, a report) are found the first time
they are asked for (`Slots`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from bot.understanding.danger import Danger
from bot.understanding.names import Helped


@dataclass(frozen=True)
class CallTime:
    """When regular check-in calls happen, in the hub's local time."""

    frequency: str  # "daily", "weekly" or "fortnightly"
    weekday: int | None  # 0 = Monday; None for daily
    start_minute: int  # minutes after midnight


@dataclass(frozen=True)
class Context:
    """What the hub knows when a message arrives, which changes how it reads."""

    step: str = ""  # the question waiting for an answer ("resident.address"); "" for none
    language: str = "en"  # the language the person chose
    roles: frozenset[str] = frozenset()
    has_open_requests: bool = False
    today: date | None = None


@dataclass(frozen=True)
class Intent:
    name: str  # one of corpus.INTENTS, or "answer" (to the question at `Context.step`)
    confidence: float


@dataclass(frozen=True)
class When:
    """When help is needed: a date (None for any time) and the words to say it back."""

    on: date | None
    text: str
    # Help wanted again and again ("every Friday"): the days between (7 or 14), from `on`.
    every_days: int | None = None


class Slots(Protocol):
    """What a message names that only some steps ask about."""

    sender_name: str | None  # the writer's first name, when they give it
    helped: Helped | None  # someone else the help is for
    when: When | None
    # A volunteer's report of what they did: "call" ("I rang her today"), "done"
    # ("dropped the shopping off"), or None (reports.py).
    reported: str | None
    # Help said to repeat, every this many days (7 or 14), with a day or without: "stop the
    # weekly shopping" ends one; `when.every_days` is set only where the day is known too.
    repeats: int | None
    # Minutes a volunteer says a task took ("45 min", "about an hour"); None when not said.
    minutes: int | None


@dataclass(frozen=True)
class GivenSlots:
    """Slots known already, as for a reading made by hand."""

    sender_name: str | None = None
    helped: Helped | None = None
    when: When | None = None
    reported: str | None = None
    repeats: int | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class Reading:
    text: str  # as cleaned: what is stored
    language: str  # "en" or "pl": the language the message is written in
    intents: tuple[Intent, ...]  # most likely first
    kinds: tuple[str, ...]  # kinds of help asked for, in the order of corpus.KINDS
    kind_confidence: tuple[tuple[str, float], ...] = ()
    kinds_guessed: bool = False  # the likeliest kind, not a clear one: ask before taking it
    danger: Danger | None = None
    postcodes: tuple[str, ...] = ()  # full postcodes, normalised ("RM17 6SL")
    references: tuple[str, ...] = ()  # "R-7Q4K"
    urgent: bool = False
    yes_no: bool | None = None  # a plain YES or NO answer
    notes: tuple[str, ...] = field(default=())  # why, where a rule overrode the model
    slots: Slots = field(default_factory=GivenSlots, compare=False, repr=False)

    @property
    def sender_name(self) -> str | None:
        return self.slots.sender_name

    @property
    def helped(self) -> Helped | None:
        return self.slots.helped

    @property
    def when(self) -> When | None:
        return self.slots.when

    @property
    def reported(self) -> str | None:
        return self.slots.reported

    @property
    def repeats(self) -> int | None:
        return self.slots.repeats

    @property
    def minutes(self) -> int | None:
        return self.slots.minutes

    @property
    def intent(self) -> str:
        return self.intents[0].name if self.intents else "other"

    @property
    def confidence(self) -> float:
        return self.intents[0].confidence if self.intents else 0.0

    def says(self, intent: str) -> bool:
        """Whether the message is, more likely than not, for this: what the dialogue acts on
        without an exact word to go by."""
        return self.intent == intent and self.confidence >= 0.5

    def chance_of(self, intent: str) -> float:
        return next((i.confidence for i in self.intents if i.name == intent), 0.0)

    @property
    def asks_for_help(self) -> bool:
        return self.intent == "request" and bool(self.kinds)

    def as_json(self) -> dict:
        """Everything read, as plain JSON values (what `neighbourly understand` prints)."""
        return {
            "text": self.text,
            "language": self.language,
            "intent": self.intent,
            "intents": [{"name": i.name, "confidence": round(i.confidence, 3)}
                        for i in self.intents[:4]],
            "kinds": list(self.kinds),
            "kinds_guessed": self.kinds_guessed,
            "kind_confidence": {kind: round(chance, 3) for kind, chance in self.kind_confidence},
            "danger": None if self.danger is None else {
                "kind": self.danger.kind, "confidence": round(self.danger.confidence, 3),
                "said_plainly": self.danger.said_plainly},
            "postcodes": list(self.postcodes),
            "references": list(self.references),
            "sender_name": self.sender_name,
            "helped": None if self.helped is None else {
                "name": self.helped.name, "relation": self.helped.relation},
            "when": None if self.when is None else {
                "date": self.when.on.isoformat() if self.when.on else None,
                "text": self.when.text, "every_days": self.when.every_days},
            "urgent": self.urgent,
            "yes_no": self.yes_no,
            "reported": self.reported,
            "repeats": self.repeats,
            "minutes": self.minutes,
            "notes": list(self.notes),
        }
