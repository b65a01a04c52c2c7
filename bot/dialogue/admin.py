"""Coordinators' commands in the chat: QUEUE, SHOW, ASSIGN, APPROVE, SUSPEND, FIND, STATS,
HANDOVER.

The dialogue only recognises them, for coordinators alone (anyone else gets
their normal conversation and no hint that the commands exist); the service
reads the arguments, since every one names something in the database.
"""

from __future__ import annotations

from bot.dialogue import parsing
from bot.dialogue.concerns import is_coordinator
from bot.dialogue.turn import Turn
from bot.dialogue.types import AdminCommand, Inbound, State

COMMANDS = ("queue", "show", "assign", "approve", "suspend", "find", "stats", "handover")


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    if not is_coordinator(inbound):
        return None
    command = parsing.first_word(inbound.text)
    if command not in COMMANDS:
        return None
    words = parsing.clean(inbound.text).split(maxsplit=1)
    turn.do(AdminCommand(command, words[1] if len(words) > 1 else ""))
    return state
