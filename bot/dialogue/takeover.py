"""Talking through the hub: a coordinator holds someone's conversation (TAKE ... RELEASE).

While a coordinator holds it, the person's conversation stands in the TAKEN flow: the hub
does not answer them itself; what they write goes to the coordinator (ForwardToCoordinator),
who answers with TEXT or, holding just one conversation, a message starting with ">".
Danger in their words still gets the advice at once and still alerts the coordinators, and
SMS STOP is still screened before the dialogue. The hold ends with RELEASE or when the
coordinator has been silent for the hub's takeover time (NEIGHBOURLY_TAKEOVER_MINUTES); the
person is then told the hub answers again and their message is read as usual.

Pure: the service puts the person in this flow and takes them out of it (see
bot/services/safeguarding/takeover.py); the state's data says who holds it, until when, and where
their conversation stood before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.dialogue import concerns
from bot.dialogue.turn import Turn
from bot.dialogue.types import Inbound, State
from bot.understanding import parsing, vocabulary

FLOW = "taken"
# The coordinators' commands for it, carried out by bot/services/safeguarding/takeover.py; "reply"
# is the ">" prefix, which is no word of its own.
COMMANDS = vocabulary.TAKEOVER_COMMANDS
REPLY = "reply"
REPLY_PREFIX = ">"


@dataclass(frozen=True)
class ForwardToCoordinator:
    """What a held person wrote, for the coordinator holding their conversation."""

    text: str
    coordinator_id: int
    reference: str
    danger: bool = False


@dataclass(frozen=True)
class HandBack:
    """The hold ran out: the person is told the hub answers again; the coordinator too."""

    coordinator_id: int
    reference: str


def held_state(coordinator_id: int, reference: str, until: datetime, before: State) -> State:
    """A person's conversation in a coordinator's hands, keeping where it stood."""
    return State(FLOW, "held", {"by": coordinator_id, "reference": reference,
                                "until": until.isoformat(),
                                "before": [before.flow, before.step, before.data]})


def state_before(state: State) -> State:
    """Where the person's conversation stood when it was taken."""
    flow, step, data = state.data.get("before") or ("idle", "start", {})
    return State(flow, step, dict(data or {}))


def ran_out(state: State, now: datetime) -> bool:
    until = datetime.fromisoformat(state.data["until"])
    if until.tzinfo is None or now.tzinfo is None:
        until, now = until.replace(tzinfo=None), now.replace(tzinfo=None)
    return now >= until


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    """A held person's message: forwarded (with the danger advice first when it suggests
    danger). None when the hold has run out: the person is told, and the caller reads the
    message as usual from where their conversation stood (`state_before`)."""
    if ran_out(state, inbound.received_at):
        turn.do(HandBack(state.data["by"], state.data.get("reference") or ""))
        turn.say("takeover.hub_again", hub=inbound.person.hub_name)
        return None
    danger = concerns.flag_danger(inbound, turn)
    turn.do(ForwardToCoordinator(parsing.clean(inbound.text), state.data["by"],
                                 state.data.get("reference") or "", danger))
    return state


def is_reply(text: str) -> bool:
    """A coordinator's "> message": the words go to the one person they hold."""
    return text.lstrip().startswith(REPLY_PREFIX)


def reply_text(text: str) -> str:
    return parsing.clean(text.lstrip()[len(REPLY_PREFIX):])


def arguments(text: str) -> str:
    """What follows TEXT / TAKE / RELEASE, as typed: the message is the coordinator's own
    words, so nothing is trimmed from it (unlike other commands' "please")."""
    words = parsing.clean(text).lstrip("/").split(maxsplit=1)
    return words[1].strip() if len(words) > 1 else ""
