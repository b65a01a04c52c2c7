"""Coordinators' commands in the chat: QUEUE, SHOW, ASSIGN, APPROVE, SUSPEND, FIND, STATS,
HANDOVER, ERASE, DASHBOARD, EXPORT.

The dialogue only recognises them, for coordinators alone (anyone else gets
their normal conversation and no hint that the commands exist); the service
reads the arguments, since every one names something in the database.
"""

from __future__ import annotations

import re

from bot.understanding import parsing, vocabulary
from bot.dialogue import concerns, intake, takeover
from bot.dialogue.concerns import is_coordinator
from bot.dialogue.turn import Turn
from bot.dialogue.types import AdminCommand, Broadcast, Inbound, State

BROADCAST_FLOW = "broadcast"
# The commands the service carries out (bot/services/coordinating/admin.py and admin_partners.py):
# every coordinator's command but BROADCAST (confirmed here first) and the concerns' own.
COMMANDS = tuple(command for command in vocabulary.COORDINATOR_COMMANDS
                 if command not in ("broadcast", "new")  # NEW: questions first (intake.py)
                 and command not in concerns.COORDINATOR_WORDS)
# The request a coordinator last named in a command, kept in their idle conversation: after
# SHOW R-7Q4K, "assign it to Ann" (or "assign Ann") means R-7Q4K. Anything else they do
# starts another conversation state, and it is forgotten.
LAST_REFERENCE = "last_reference"
# The commands that act on one request and a person, where "it" can only be that request.
TAKE_THE_LAST_REFERENCE = ("assign", "handover", "settle")
_IT = re.compile(r"^(?:(?:it|this|that)(?: one)?|the same(?: one)?)\b\s*", re.IGNORECASE)


def understand(state: State, inbound: Inbound, turn: Turn) -> State | None:
    if not is_coordinator(inbound):
        return None
    if state.flow == BROADCAST_FLOW:
        return confirm_broadcast(state, inbound, turn)
    if state.flow == intake.FLOW:
        handled = intake.answer(state, inbound, turn, is_another_command)
        if handled is not None:
            return handled
        state = State()  # another command instead of an answer: the request is dropped
    if takeover.is_reply(inbound.text):  # "> message": to the one person they hold
        turn.do(AdminCommand(takeover.REPLY, takeover.reply_text(inbound.text)))
        return state
    command = parsing.first_word(inbound.text)
    if command == "broadcast":
        return prepare_broadcast(inbound, turn, state)
    if command == "new":
        return intake.start(inbound, turn)
    # The coordinator's own words follow (a message; CAMPAIGN START's words): kept as typed.
    if command in takeover.COMMANDS or command == "campaign":
        turn.do(AdminCommand(command, takeover.arguments(inbound.text)))
        return state
    if command in vocabulary.CASE_COMMANDS and parsing.find_reference(inbound.text) is None:
        return None  # "cancel", "change my address": the coordinator's own words, as anyone's
    loose = vocabulary.coordinator_command(inbound.text)
    if command in COMMANDS and not (command in vocabulary.GENERAL_WORDS and loose is not None
                                    and loose.command != command):
        return carry_out(command, vocabulary.command_arguments(inbound.text), state, turn)
    # Typed loosely: "show me R-7Q4K", "whats in the queue", "stats pls", "qeue"; and SHOW
    # followed by what is shown ("show me the queue"), which is no request's reference.
    if loose is None or not surely_a_command(loose, state, turn):
        return None
    if loose.command in concerns.COORDINATOR_WORDS:
        return concerns.manage(concerns.COORDINATOR_WORDS[loose.command], inbound, turn, state)
    return carry_out(loose.command, loose.arguments, state, turn)


def carry_out(command: str, arguments: str, state: State, turn: Turn) -> State:
    """Hand the command to the service; "it" (or no request at all) for one that acts on a
    request is the request last named, and a request named is remembered."""
    reference = parsing.find_reference(arguments)
    if reference is None and command in TAKE_THE_LAST_REFERENCE \
            and state.data.get(LAST_REFERENCE):
        reference = state.data[LAST_REFERENCE]
        arguments = f"{reference} {_IT.sub('', arguments)}".strip()
    turn.do(AdminCommand(command, arguments))
    if reference is None or state.flow != "idle":
        return state
    return State(state.flow, state.step, {**state.data, LAST_REFERENCE: reference})


def is_another_command(word: str) -> bool:
    """A coordinator's command typed as its first word, in the middle of NEW's questions."""
    return word in COMMANDS + ("broadcast", "new") or word in concerns.COORDINATOR_WORDS


def surely_a_command(loose: vocabulary.CommandWords, state: State, turn: Turn) -> bool:
    """A command typed loosely is taken when it names a request, a postcode or a number;
    otherwise not when the coordinator is plainly saying something else: answering a
    question of ours with a word that only looks like a command, asking for help ("look
    after my dog"), or saying when ("free tomorrow")."""
    if vocabulary.names_exactly(loose.arguments):
        return True
    if not loose.exact and state.flow not in ("idle", BROADCAST_FLOW):
        return False  # mid-conversation, "qeue" or "list" is more likely an answer
    if not loose.arguments:
        return True  # the command and words that carry nothing: "stats for this week pls"
    reading = turn.reading
    return not (reading.asks_for_help or reading.when is not None
                or reading.yes_no is not None)


def list_commands(inbound: Inbound, turn: Turn) -> State:
    """What a coordinator said is no command and nothing else we understood: the
    coordinators' commands, rather than the residents' menu."""
    prefix = "not_understood" if inbound.text.strip() else "empty_message"
    turn.say_with_prefix(prefix, "coordinator_help")
    return State()


def prepare_broadcast(inbound: Inbound, turn: Turn, state: State) -> State:
    """BROADCAST RM17 RM16 shopping: the message. Counted, then sent only after YES."""
    head, colon, text = parsing.clean(inbound.text).partition(":")
    words = head.split(maxsplit=1)
    target = words[1] if len(words) > 1 else ""
    if not colon or not parsing.has_letters_or_digits(text):
        turn.say("broadcast_how")
        return state
    areas = tuple(dict.fromkeys(
        word.upper() for word in target.replace(",", " ").split()
        if parsing.OUTWARD_ONLY_PATTERN.match(word)))
    found = parsing.find_category(target)
    skill = found if found and found != "other" else None
    turn.do(Broadcast(areas, skill, text.strip()))
    return State(BROADCAST_FLOW, "confirm", {"areas": list(areas), "skill": skill,
                                             "text": text.strip()})


def confirm_broadcast(state: State, inbound: Inbound, turn: Turn) -> State:
    answer = parsing.parse_yes_no(inbound.text)
    if answer is None and parsing.first_word(inbound.text) in COMMANDS + ("broadcast",):
        # Another command instead of YES or NO: the broadcast waits no longer.
        turn.say("broadcast_cancelled")
        return understand(State(), inbound, turn) or State()
    if answer is None:
        turn.say("broadcast_confirm_again", choices=turn.yes_no())
        return state
    if answer:
        data = state.data
        turn.do(Broadcast(tuple(data["areas"]), data["skill"], data["text"], send=True))
    else:
        turn.say("broadcast_cancelled")
    return State()
